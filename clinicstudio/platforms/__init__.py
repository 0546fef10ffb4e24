"""The six networks ClinicStudio posts to: what each accepts, how it counts, how its feed looks.

Public API (used across the app)::

    text_length(network, text) -> int         # the network's own counter
    text_limit(network, instance_limit=None) -> int
    profile(network, instance_limit=None) -> NetworkProfile
    validate(network, text, images=(), *, instance_limit=None) -> list[Finding]
    build_preview(network, text, images=(), display_name="", handle="", *, instance_limit=None)
    escape_for_linkedin(text) -> str
    tag_link(url, network, defaults=None) -> str
    ImageRef(path, width, height, alt_text="")

``network`` is a :class:`clinicstudio.domain.Platform` or its name: facebook, instagram, x,
linkedin, mastodon, bluesky. ``instance_limit`` is a connected Mastodon instance's own
``max_characters``; the other networks ignore it.
"""

from clinicstudio.platforms.linkedin import escape_for_linkedin
from clinicstudio.platforms.links import LinkCard, SensitiveParameterError, tag_link
from clinicstudio.platforms.media import prepare_for_upload, strip_metadata
from clinicstudio.platforms.networks import PROFILES, as_platform, profile, text_length, text_limit
from clinicstudio.platforms.preview import (
    ImageTile,
    PreviewModel,
    SpanKind,
    TextSpan,
    build_preview,
)
from clinicstudio.platforms.profile import ImageRef, NetworkProfile
from clinicstudio.platforms.validation import validate

__all__ = [
    "PROFILES",
    "ImageRef",
    "ImageTile",
    "LinkCard",
    "NetworkProfile",
    "PreviewModel",
    "SensitiveParameterError",
    "SpanKind",
    "TextSpan",
    "as_platform",
    "build_preview",
    "escape_for_linkedin",
    "prepare_for_upload",
    "profile",
    "strip_metadata",
    "tag_link",
    "text_length",
    "text_limit",
    "validate",
]
