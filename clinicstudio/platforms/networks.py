"""The six networks by name: their profiles, lengths, limits and where a post stops fitting."""

from __future__ import annotations

from clinicstudio.domain import Platform
from clinicstudio.platforms import bluesky, facebook, instagram, linkedin, mastodon, x
from clinicstudio.platforms.counting.graphemes import boundary_at_or_before, index_after
from clinicstudio.platforms.counting.twittertext import fits_until as x_fits_until
from clinicstudio.platforms.profile import NetworkProfile

PROFILES: dict[Platform, NetworkProfile] = {
    module.PROFILE.platform: module.PROFILE
    for module in (facebook, instagram, x, linkedin, mastodon, bluesky)
}


def as_platform(network: str | Platform) -> Platform:
    """``"x"``, ``"X"`` or ``Platform.X`` -> ``Platform.X``; a plain error for unknown names."""
    if isinstance(network, Platform):
        return network
    try:
        return Platform(str(network).strip().lower())
    except ValueError:
        names = ", ".join(p.value for p in Platform)
        raise ValueError(f"Unknown network {network!r}; expected one of {names}") from None


def profile(network: str | Platform, instance_limit: int | None = None) -> NetworkProfile:
    """The network's rules; ``instance_limit`` replaces Mastodon's 500 with the connected
    instance's own ``max_characters`` (ignored for the other networks, whose limit is fixed)."""
    rules = PROFILES[as_platform(network)]
    if instance_limit is not None and rules.platform is Platform.MASTODON:
        return rules.with_text_limit(instance_limit)
    return rules


def text_length(network: str | Platform, text: str) -> int:
    """The length the network's own counter shows for ``text``."""
    return PROFILES[as_platform(network)].count(text)


def text_limit(network: str | Platform, instance_limit: int | None = None) -> int:
    return profile(network, instance_limit).text_limit


def fits_until(rules: NetworkProfile, text: str) -> int:
    """The index in ``text`` where the part the network accepts ends (``len(text)`` if all)."""
    platform = rules.platform
    if platform is Platform.X:
        return x_fits_until(text)
    if platform is Platform.MASTODON:
        return mastodon.mastodon_fits_until(text, rules.text_limit)
    if platform is Platform.BLUESKY:
        return _bluesky_fits_until(text, rules)
    return _utf16_fits_until(text, rules.text_limit)


def _utf16_fits_until(text: str, limit: int) -> int:
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return index
    return len(text)


def _bluesky_fits_until(text: str, rules: NetworkProfile) -> int:
    by_count = index_after(text, rules.text_limit)
    encoded = text.encode("utf-8")
    if len(encoded) <= (rules.byte_limit or len(encoded)):
        return by_count
    # Code points whose UTF-8 fits in the byte limit, then back to a whole cluster.
    fitting = len(encoded[: rules.byte_limit].decode("utf-8", errors="ignore"))
    return min(by_count, boundary_at_or_before(text, fitting))
