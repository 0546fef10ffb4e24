"""What can go wrong when a post goes to a network, said so an office manager can act on it."""

from __future__ import annotations


class PublishError(Exception):
    """A network refused a post, or could not be reached.

    ``message`` says what happened and ``fix`` what to do about it, both in plain words.
    ``retryable`` means trying again later may work (the outbox does so by itself), and
    ``retry_after`` is how many seconds the network asked us to wait, when it said so.
    ``reconnect`` means the account's connection must be renewed in Accounts. ``uncertain``
    means the request may have reached the network (a dropped connection after sending), so the
    next attempt checks the network before sending again. ``duplicate`` means the network says
    this very post is already there. ``code`` is the network's own error code, for the log.
    """

    def __init__(self, message: str, fix: str = "", *, retryable: bool = False,
                 retry_after: float | None = None, reconnect: bool = False,
                 uncertain: bool = False, duplicate: bool = False, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix
        self.retryable = retryable
        self.retry_after = retry_after
        self.reconnect = reconnect
        self.uncertain = uncertain
        self.duplicate = duplicate
        self.code = code

    @property
    def plain(self) -> str:
        """The message and its fix, as one line for a list or the command line."""
        return f"{self.message} {self.fix}".strip()

    def __str__(self) -> str:
        return self.plain


def reconnect_error(label: str, *, expired_on: str = "", code: str = "") -> PublishError:
    """The connection to ``label`` no longer works and a person must renew it."""
    if expired_on:
        message = f"Your {label} connection expired on {expired_on}."
    else:
        message = f"Your {label} connection has expired or was revoked."
    return PublishError(message, "Reconnect it in Accounts, then publish again.",
                        reconnect=True, code=code)


def rate_limited(label: str, retry_after: float | None, code: str = "") -> PublishError:
    when = _in_words(retry_after)
    return PublishError(f"{label} asked ClinicStudio to slow down.",
                        f"It will try again by itself{when}.", retryable=True,
                        retry_after=retry_after, code=code)


def unavailable(label: str, *, code: str = "", uncertain: bool = False,
                retry_after: float | None = None) -> PublishError:
    return PublishError(f"{label} could not be reached or had a problem on its side.",
                        "ClinicStudio will try again by itself; check the internet connection "
                        "if this keeps happening.", retryable=True, uncertain=uncertain,
                        retry_after=retry_after, code=code)


def check_image_size(label: str, data: bytes, name: str, limit: int) -> None:
    """Refuse, before any upload, an image larger than ``label`` takes, saying both sizes."""
    if len(data) > limit:
        raise PublishError(
            f"The image {name} is {_megabytes(len(data))}; {label} takes images up to "
            f"{_megabytes(limit)}.",
            "Save it smaller (a lower quality or fewer pixels), attach it again and publish "
            "again.", code="image_too_large")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB".replace(".0 MB", " MB")


def _in_words(seconds: float | None) -> str:
    if seconds is None:
        return " in a little while"
    if seconds < 90:
        return " in about a minute" if seconds > 45 else " in a few seconds"
    minutes = round(seconds / 60)
    if minutes < 90:
        return f" in about {minutes} minutes"
    return f" in about {round(minutes / 60)} hours"
