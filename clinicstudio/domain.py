"""Plain types shared by every layer of ClinicStudio.

Nothing here touches the database, the network or Qt: these are the words the rest of the
program speaks (a network, a finding, a post's status, the clinic's own identity).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Platform(StrEnum):
    """A social network a post can go to. The value is the stable name used everywhere."""

    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    X = "x"
    LINKEDIN = "linkedin"
    MASTODON = "mastodon"
    BLUESKY = "bluesky"

    @property
    def label(self) -> str:
        """The name an office manager knows the network by."""
        return _PLATFORM_LABELS[self]


_PLATFORM_LABELS = {
    Platform.FACEBOOK: "Facebook",
    Platform.INSTAGRAM: "Instagram",
    Platform.X: "X",
    Platform.LINKEDIN: "LinkedIn",
    Platform.MASTODON: "Mastodon",
    Platform.BLUESKY: "Bluesky",
}


class Severity(StrEnum):
    """How much a finding matters. ``BLOCK`` stops publishing until fixed or overridden."""

    BLOCK = "block"
    WARN = "warn"
    INFO = "info"


class Category(StrEnum):
    """The fixed vocabulary of finding categories (part of the `check --json` contract)."""

    PHI = "phi"
    CLAIM = "claim"
    ADVICE = "advice"
    ENDORSEMENT = "endorsement"
    ATTRIBUTE = "attribute"
    SPELLING = "spelling"
    READABILITY = "readability"
    ACCESSIBILITY = "accessibility"
    PLATFORM = "platform"


@dataclass(frozen=True, slots=True)
class Fix:
    """One automatic change that resolves a finding: replace ``text[start:end]`` by ``replacement``.

    ``start == end`` inserts (for example the emergency line appended at the end of a post).
    ``label`` is what a menu shows ("Replace with “may help with”").
    """

    label: str
    start: int
    end: int
    replacement: str

    def apply(self, text: str) -> str:
        return text[: self.start] + self.replacement + text[self.end :]


@dataclass(frozen=True, slots=True)
class ImageRegion:
    """Where in an attached picture a finding is: picture ``image`` (from 0), ``box`` in pixels."""

    image: int
    box: tuple[int, int, int, int]  # x, y, width, height

    def as_json(self) -> dict[str, object]:
        return {"image": self.image, "box": list(self.box)}


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a check found in a text, with the span it concerns (Python string indices)."""

    rule: str
    category: Category
    severity: Severity
    start: int
    end: int
    message: str
    suggestion: str = ""
    fixes: tuple[Fix, ...] = ()
    #: Set for what was found in a picture rather than in the text (start and end are then 0).
    region: ImageRegion | None = None

    @property
    def blocks(self) -> bool:
        return self.severity is Severity.BLOCK

    def as_json(self) -> dict[str, object]:
        """The documented `check --json` shape of one finding."""
        shape: dict[str, object] = {
            "rule": self.rule,
            "category": str(self.category),
            "severity": str(self.severity),
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "suggestion": self.suggestion,
        }
        if self.region is not None:
            shape["region"] = self.region.as_json()
        return shape


@dataclass(frozen=True, slots=True)
class ClinicIdentity:
    """The clinic's own public details. They are never patient information.

    The compliance checks use them so that the clinic's phone number, address or a staff
    member's name in a post is recognised as the clinic speaking, not as an identifier.
    """

    name: str = ""
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    staff: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    time_zone: str = "UTC"
    # First names the clinic marks as its staff's own (the front desk known by first name):
    # alone, only these are taken for staff; any other lone first name may be a patient's.
    staff_first_names: tuple[str, ...] = ()
    # The clinic's own words (brand, services, places) that spelling must accept.
    words: tuple[str, ...] = ()


class PostStatus(StrEnum):
    """Where a post is in its life, from first words to out in the world."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    PARTLY_PUBLISHED = "partly_published"
    FAILED = "failed"

    @property
    def label(self) -> str:
        if self is PostStatus.IN_REVIEW:
            return "Waiting for approval"
        return self.value.replace("_", " ").capitalize()


class OutboxState(StrEnum):
    """The state of one post on one network in the publishing outbox.

    ``PENDING`` waits to be sent (possibly until ``next_try_at``); ``SENDING`` is claimed by a
    worker, which wrote the claim before talking to the network, so a crash leaves a trace that
    makes the next attempt check the network before sending again; ``SENT`` is final;
    ``FAILED`` needs a person (expired connection, rejected content); ``CANCELLED`` was withdrawn.
    """

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


class Role(StrEnum):
    """What a staff member may do in the studio."""

    AUTHOR = "author"
    APPROVER = "approver"
    ADMIN = "admin"

    @property
    def may_override(self) -> bool:
        """Approvers and admins may override a blocking finding with a written reason."""
        return self is not Role.AUTHOR

    @property
    def may_approve(self) -> bool:
        """Approvers and admins approve other people's posts, publish and schedule them."""
        return self is not Role.AUTHOR

    @property
    def label(self) -> str:
        """The word the clinic uses: an author is a "writer"."""
        return {"author": "writer", "approver": "approver", "admin": "administrator"}[self.value]

    @classmethod
    def from_word(cls, word: str) -> Role:
        """A role from what a person types: writer, approver, admin or administrator."""
        aliases = {"writer": cls.AUTHOR, "author": cls.AUTHOR, "approver": cls.APPROVER,
                   "admin": cls.ADMIN, "administrator": cls.ADMIN}
        try:
            return aliases[word.strip().lower()]
        except KeyError:
            raise UserError(f"'{word}' is not a role; use writer, approver or admin.") from None


@dataclass(frozen=True, slots=True)
class Changes:
    """What an operation changed, broadcast once so each pane refreshes only what it shows."""

    posts: frozenset[int] = field(default_factory=frozenset)
    clinic: bool = False
    segments: bool = False
    campaigns: bool = False
    accounts: bool = False
    media: bool = False
    outbox: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            posts=self.posts | other.posts,
            clinic=self.clinic or other.clinic,
            segments=self.segments or other.segments,
            campaigns=self.campaigns or other.campaigns,
            accounts=self.accounts or other.accounts,
            media=self.media or other.media,
            outbox=self.outbox or other.outbox,
        )

    @property
    def empty(self) -> bool:
        return not (
            self.posts or self.clinic or self.segments or self.campaigns
            or self.accounts or self.media or self.outbox
        )


class UserError(Exception):
    """A problem the user can act on. Its text is one plain-English line, shown as is."""
