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

import importlib
from typing import Any

# The submodule ``profile`` is imported before the function of the same name is defined below,
# so that a later ``import clinicstudio.platforms.profile`` cannot rebind the package's
# ``profile`` to the module.
from clinicstudio.platforms.profile import ImageRef as ImageRef
from clinicstudio.platforms.profile import NetworkProfile as NetworkProfile

# Where each name lives. They are imported on first use: the compliance checks need only the
# link finder (``platforms.counting.urls``), and importing this package for it must not load
# every network's counter, the emoji tables and Pillow.
_HOMES = {
    "PROFILES": "networks",
    "ImageTile": "preview",
    "LinkCard": "links",
    "PreviewModel": "preview",
    "SensitiveParameterError": "links",
    "SpanKind": "preview",
    "TextSpan": "preview",
    "as_platform": "networks",
    "build_preview": "preview",
    "escape_for_linkedin": "linkedin",
    "prepare_for_upload": "media",
    "strip_metadata": "media",
    "tag_link": "links",
    "text_length": "networks",
    "text_limit": "networks",
    "validate": "validation",
}

__all__ = sorted([*_HOMES, "ImageRef", "NetworkProfile", "profile"])


def profile(network: Any, instance_limit: int | None = None) -> NetworkProfile:
    """The network's limits and rules (see ``platforms.networks.profile``)."""
    from clinicstudio.platforms.networks import profile as network_profile

    return network_profile(network, instance_limit)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
