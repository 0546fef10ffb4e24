"""The compliance gate: nothing goes out while a blocking finding stands without an override.

An override is a person's recorded decision (``FindingOverride``) for one rule and the exact
words the finding concerned; changing those words makes the finding stand again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinicstudio.domain import ClinicIdentity, Platform
from clinicstudio.store.audit import record
from clinicstudio.store.clinic import clinic_identity
from clinicstudio.store.models import FindingOverride, Post

log = logging.getLogger(__name__)

CheckerFactory = Callable[[ClinicIdentity], Any]


@dataclass(frozen=True, slots=True)
class Blocker:
    """A blocking finding that stops ``network`` from getting the post."""

    network: str
    rule: str
    message: str
    span_text: str

    @property
    def plain(self) -> str:
        quoted = f" (“{self.span_text}”)" if self.span_text else ""
        what = ("the picture (blur or cover that part in the editor)"
                if self.span_text.startswith("picture ") else "the text")
        return (f"blocked by check {self.rule}{quoted}: {self.message} Fix {what}, or have an "
                "approver record an override.")


def default_checker_factory() -> CheckerFactory | None:
    try:
        from clinicstudio.compliance import Checker
    except ImportError:
        return None
    return Checker  # type: ignore[no-any-return]


def overrides_for(session: Session, post_id: int) -> set[tuple[str, str]]:
    query = select(FindingOverride.rule, FindingOverride.span_text).where(
        FindingOverride.post_id == post_id)
    return {(rule, span) for rule, span in session.execute(query)}


def blockers(session: Session, post: Post, networks: Iterable[str],
             checker_factory: CheckerFactory | None = None,
             media_dir: Path | None = None) -> list[Blocker]:
    """The blocking findings without an override, per network (the text differs per network).

    With ``media_dir``, the post's pictures are checked too (picture_gate.py).
    """
    factory = checker_factory or default_checker_factory()
    networks = list(networks)
    if factory is None:
        # Fail closed: publishing unchecked text is exactly what the studio exists to prevent.
        log.error("the compliance checks are not installed; refusing to publish")
        return [Blocker(n, "CHECKS-MISSING", "The compliance checks are not available on this "
                        "computer, so nothing is published.", "") for n in networks]
    checker = factory(clinic_identity(session))
    allowed = overrides_for(session, post.id)
    found: list[Blocker] = []
    for network in networks:
        text = post.text_for(network)
        result = checker.check(text, kind=post.kind, platform=Platform(network))
        for finding in result.findings:
            if not getattr(finding, "blocks", str(finding.severity) == "block"):
                continue
            span = text[finding.start:finding.end]
            if (finding.rule, span) in allowed:
                continue
            found.append(Blocker(network, finding.rule, finding.message, span))
    if media_dir is not None and post.media_links:
        from clinicstudio.publishing.picture_gate import picture_blocks

        found += [Blocker(*row) for row in picture_blocks(session, post, checker, media_dir,
                                                          networks, allowed)]
    return found


def record_override(session: Session, post_id: int, rule: str, span_text: str, reason: str,
                    user_name: str) -> FindingOverride:
    """A person decides to publish despite a finding; kept with the reason and in the audit log."""
    override = FindingOverride(post_id=post_id, rule=rule, span_text=span_text, reason=reason,
                               user_name=user_name)
    session.add(override)
    record(session, "finding_overridden", actor=user_name, post_id=post_id, rule=rule,
           span_text=span_text, reason=reason)
    return override
