"""Meta's Graph API errors, shared by the Facebook Page and Instagram clients."""

from __future__ import annotations

import requests

from clinicstudio.platforms.api.errors import PublishError, rate_limited, reconnect_error
from clinicstudio.platforms.api.http import json_body, retry_after_seconds, server_side

DEFAULT_GRAPH_URL = "https://graph.facebook.com/v25.0"
THROTTLE_CODES = {4, 17, 32, 341, 613, *range(80000, 80010), 80014}

_SUBCODE_MESSAGES: dict[int, tuple[str, str, bool]] = {
    1366046: ("The photo is too large or not a JPEG or PNG.",
              "Use a JPEG or PNG smaller than 4 MB.", False),
    1390008: ("Facebook says the Page is posting too fast.", "It will try again later.", True),
    1346003: ("Facebook flagged this post as abusive.", "Reword the post and try again.", False),
    1404102: ("Facebook says this post goes against its Community Standards.",
              "Reword the post and try again.", False),
    1404078: ("Facebook needs Page Publishing Authorization for this Page.",
              "Complete it in the Page's settings on Facebook, then publish again.", False),
    1609008: ("Facebook does not allow links to facebook.com in this post.",
              "Remove the facebook.com link.", False),
    2061006: ("Facebook says a web address in the post is not valid.",
              "Check the link in the post.", False),
    4854002: ("Facebook needs the Page admin to confirm their identity.",
              "Confirm it on Facebook, then publish again.", False),
    1363047: ("Facebook is temporarily unavailable.", "It will try again later.", True),
    1609010: ("Facebook is temporarily unavailable.", "It will try again later.", True),
    2207001: ("Instagram thinks this post is spam.", "Reword it and try again later.", False),
    2207003: ("Instagram timed out fetching the image.", "It will try again later.", True),
    2207004: ("The image is too large for Instagram.", "Use an image under 8 MB.", False),
    2207005: ("Instagram does not accept this image format.", "Use a JPEG image.", False),
    2207009: ("Instagram needs images between 4:5 and 1.91:1.",
              "Crop the image to a square or 4:5 portrait.", False),
    36003: ("Instagram needs images between 4:5 and 1.91:1.",
            "Crop the image to a square or 4:5 portrait.", False),
    1609005: ("Facebook could not read the web page the link points to.",
              "Check that the link opens in a browser, or remove it, then publish again.", False),
    2207020: ("Instagram's copy of the image expired before it was posted.",
              "It will try again by itself.", True),
    2207027: ("Instagram had not finished preparing the image.",
              "It will try again by itself.", True),
    2207028: ("Instagram takes 2 to 10 pictures in one post.",
              "Keep between 2 and 10 pictures, then publish again.", False),
    36001: ("The image's resolution is not one Instagram accepts.",
            "Use an image between 320 and 1440 pixels wide, then publish again.", False),
    2207010: ("The caption is too long for Instagram.", "Shorten it to 2,200 characters.", False),
    2207042: ("The Instagram account reached its daily posting limit.",
              "It will try again tomorrow.", True),
    2207050: ("Instagram has restricted this account.", "Check the account in Instagram.", False),
    2207051: ("Instagram blocked this post.", "Reword it and try again.", False),
    2207082: ("Instagram had trouble with the upload.", "It will try again later.", True),
}


def translate_graph_error(label: str, response: requests.Response) -> PublishError:
    """Turn a Graph API error envelope into a plain message with a fix."""
    error = json_body(response).get("error") or {}
    code = _int(error.get("code"))
    subcode = _int(error.get("error_subcode"))
    raw = f"{code}/{subcode}" if subcode else str(code or response.status_code)
    user_text = str(error.get("error_user_msg") or error.get("message") or "").strip()
    if code == 190 or subcode in (33, 458, 460, 463, 467):
        return reconnect_error(label, code=raw)
    if code in THROTTLE_CODES or subcode == 2207042:
        if subcode in _SUBCODE_MESSAGES:
            text, fix, _ = _SUBCODE_MESSAGES[subcode]
            return PublishError(text, fix, retryable=True,
                                retry_after=retry_after_seconds(response.headers) or 3600,
                                code=raw)
        return rate_limited(label, retry_after_seconds(response.headers), raw)
    if code == 506 or subcode == 1366051:
        return PublishError(f"{label} says this post is already there.", "", duplicate=True,
                            code=raw)
    if subcode in _SUBCODE_MESSAGES:
        text, fix, retryable = _SUBCODE_MESSAGES[subcode]
        return PublishError(text, fix, retryable=retryable, code=raw)
    if code in (1, 2) or error.get("is_transient"):
        return PublishError(f"{label} had a temporary problem.", "It will try again by itself.",
                            retryable=True, code=raw)
    if code == 10 or (code is not None and 200 <= code <= 299):
        return PublishError(f"{label} does not let ClinicStudio post here.",
                            "Make sure the person who connected it is an admin of the Page and "
                            "allowed posting, then reconnect it in Accounts.", code=raw)
    if code == 368:
        return PublishError(f"{label} has temporarily blocked posting from this account.",
                            "Wait a day and check the account's notifications.", code=raw)
    common = server_side(response, label, raw)
    if common is not None:
        return common
    detail = f" ({user_text})" if user_text else ""
    return PublishError(f"{label} refused the post{detail}.", "Check the post and try again.",
                        code=raw)


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return None
