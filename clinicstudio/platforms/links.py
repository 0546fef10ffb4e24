"""Links as each network gets them: campaign tags (UTM), and link-card data the app supplies.

Tagging never carries anything about a patient. Parameter names or values that look like a
patient identifier or a health condition are refused when tagging, and stripped from links
already in a post (:func:`strip_sensitive_parameters`): a link is public, and query strings end
up in every analytics tool along the way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import regex

from clinicstudio.domain import Platform
from clinicstudio.platforms.networks import as_platform

# Parameter names that identify a person or their care.
_SENSITIVE_NAMES = regex.compile(
    r"(?i)^(?:.*(?:patient|mrn|dob|birth|diagnos|condition|icd|ssn|member_?id|chart|"
    r"medical|health_?id|insurance|policy|rx|prescription|symptom|treatment)).*$"
)
# Values that name a condition or look like a record number.
_SENSITIVE_VALUES = regex.compile(
    r"(?i)(?:\b(?:diabet\w*|cancer|hiv|aids|depress\w*|anxiety|pregnan\w*|hepatitis|"
    r"asthma|copd|dementia|alzheimer\w*|std|sti|herpes|adhd|autism|bipolar|schizo\w*|"
    r"opioid|addiction|obesity|ivf|infertility|chlamydia|gonorrh\w*|syphilis|hpv)\b"
    r"|\b(?:mrn|pt|patient)[-_ ]?\d+|\b\d{6,}\b|(?-i:\b[A-TV-Z]\d{2}\.\d{1,4}\b))"
)
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
SOURCE_NAMES = {
    Platform.FACEBOOK: "facebook", Platform.INSTAGRAM: "instagram", Platform.X: "x",
    Platform.LINKEDIN: "linkedin", Platform.MASTODON: "mastodon", Platform.BLUESKY: "bluesky",
}


class SensitiveParameterError(ValueError):
    """A campaign tag would carry patient or health information in a public link."""


def is_sensitive(name: str, value: str) -> bool:
    return bool(_SENSITIVE_NAMES.match(name) or _SENSITIVE_VALUES.search(value.replace("+", " ")))


def tag_link(url: str, network: str | Platform, defaults: Mapping[str, str] | None = None) -> str:
    """``url`` with UTM parameters for ``network``: ``utm_source`` is the network, the rest
    come from the campaign's ``defaults`` (``utm_medium`` defaults to "social"). Existing
    parameters stay, except sensitive ones, which are dropped. Raises
    :class:`SensitiveParameterError` if a campaign default would carry health information."""
    platform = as_platform(network)
    tags = {"utm_medium": "social", **dict(defaults or {})}
    tags["utm_source"] = SOURCE_NAMES[platform]
    for name, value in tags.items():
        if is_sensitive(name, value):
            raise SensitiveParameterError(
                f"The link tag {name}={value!r} could reveal health information; choose a "
                "neutral campaign name such as 'flu-shots-fall'."
            )
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k not in tags and not is_sensitive(k, v)]
    query += [(key, tags[key]) for key in UTM_KEYS if tags.get(key)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def strip_sensitive_parameters(url: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not is_sensitive(k, v)]
    return urlunsplit(parts._replace(query=urlencode(query)))


@dataclass(frozen=True, slots=True)
class LinkCard:
    """The card a network shows under a post, built from what the user typed in the link
    dialog (the app never fetches the page while checking)."""

    url: str
    title: str
    description: str = ""
    thumbnail_path: str | None = None

    @property
    def domain(self) -> str:
        return urlsplit(self.url).netloc.removeprefix("www.")

    def for_bluesky(self, thumb_blob: Mapping[str, object] | None = None) -> dict[str, object]:
        """The ``app.bsky.embed.external`` embed (the thumbnail blob is uploaded separately)."""
        external: dict[str, object] = {
            "uri": self.url, "title": self.title, "description": self.description,
        }
        if thumb_blob is not None:
            external["thumb"] = dict(thumb_blob)
        return {"$type": "app.bsky.embed.external", "external": external}

    def for_linkedin(self, thumbnail_urn: str | None = None) -> dict[str, object]:
        """The ``content.article`` of a LinkedIn post."""
        article: dict[str, object] = {"source": self.url, "title": self.title}
        if self.description:
            article["description"] = self.description
        if thumbnail_urn:
            article["thumbnail"] = thumbnail_urn
        return {"article": article}
