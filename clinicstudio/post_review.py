"""The checks of one post as the editor shows them, cached by text so typing stays fast.

:class:`PostReview` runs the compliance checker on the main text and on each network's own
text, and each network's rules (length, images) on what that network will receive. Results are
remembered per exact text, so a keystroke re-checks only the version that changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from clinicstudio.domain import ClinicIdentity, Finding, Platform
from clinicstudio.studio_views import ImageInfo, PostSnapshot, Reviewed

#: Cached results kept before the cache starts again (a long session edits many texts).
CACHE_LIMIT = 256


class PostReview:
    """Findings for posts. ``compliance`` offers ``Checker(clinic)`` and ``ImageFacts``;
    ``networks`` offers ``validate`` and ``ImageRef`` (see :mod:`clinicstudio.platforms`).

    ``load_clinic`` is called when a check is asked for before any clinic was given, so the
    checker always knows the clinic's own names, phones and staff.
    """

    def __init__(self, compliance: Any, networks: Any,
                 load_clinic: Callable[[], object]) -> None:
        self._compliance = compliance
        self._networks = networks
        self._load_clinic = load_clinic
        self._checker: Any = None
        self._cache: dict[tuple[Any, ...], list[Finding]] = {}

    def use_clinic(self, clinic: ClinicIdentity) -> None:
        """Check against ``clinic`` from now on (earlier results no longer hold)."""
        self._checker = self._compliance.Checker(clinic)
        self._cache.clear()

    def review(self, post: PostSnapshot) -> list[Reviewed]:
        """Every finding for ``post``: the main text, each network's own text, each network's rules.
        """
        images = tuple(post.images)
        rows = [Reviewed(None, f) for f in self._compliance_cached(
            post.body, None, post.kind, post.reply_context, images)]
        for network in post.networks:
            text = post.text_for(network)
            if network in post.overrides:
                rows += [Reviewed(network, f) for f in self._compliance_cached(
                    text, network, post.kind, post.reply_context, images)]
            rows += [Reviewed(network, f, inherited=network not in post.overrides)
                     for f in self._validate_cached(network, text, images)]
        return rows

    @staticmethod
    def unresolved_blocks(post: PostSnapshot, rows: Sequence[Reviewed],
                          overrides: set[tuple[str, str]]) -> list[Reviewed]:
        """The blocking findings nobody has overridden for exactly this wording."""
        return [row for row in rows if row.finding.blocks
                and (row.finding.rule, row.span_text(post)) not in overrides]

    def image_warnings(self, post: PostSnapshot) -> dict[int, list[str]]:
        """Per image, what each network will object to (e.g. Instagram's aspect ratio)."""
        warnings: dict[int, list[str]] = {}
        for network in post.networks:
            text = post.text_for(network)
            plain = {(f.rule, f.message) for f in self._validate_cached(network, text, ())}
            for image in post.images:
                for f in self._validate_cached(network, text, (image,)):
                    if (f.rule, f.message) not in plain:
                        warnings.setdefault(image.id, []).append(f"{network.label}: {f.message}")
        return warnings

    def spelling_suggestions(self, word: str) -> list[str]:
        return list(self._ready_checker().spelling_suggestions(word))[:6]

    def _ready_checker(self) -> Any:
        if self._checker is None:
            self._load_clinic()
        return self._checker

    def _compliance_cached(self, text: str, network: Platform | None, kind: str, reply_to: str,
                           images: tuple[ImageInfo, ...]) -> list[Finding]:
        key = ("c", text, network, kind, reply_to, images)
        found = self._cache.get(key)
        if found is None:
            facts = [self._compliance.ImageFacts(i.alt_text, i.consent_ref) for i in images]
            result = self._ready_checker().check(text, kind=kind, platform=network,
                                                 reply_to=reply_to, images=facts)
            found = list(result.findings)
            self._remember(key, found)
        return found

    def _validate_cached(self, network: Platform, text: str,
                         images: tuple[ImageInfo, ...]) -> list[Finding]:
        key = ("v", text, network, images)
        found = self._cache.get(key)
        if found is None:
            refs = [self._networks.ImageRef(str(i.path), i.width, i.height, i.alt_text)
                    for i in images]
            found = list(self._networks.validate(network, text, refs))
            self._remember(key, found)
        return found

    def _remember(self, key: tuple[Any, ...], findings: list[Finding]) -> None:
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = findings
