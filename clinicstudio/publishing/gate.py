"""The publish gate: nothing goes out while a blocking finding stands without an override,
and nothing goes out that a network would refuse for its length, hashtags or mentions.

An override is a person's recorded decision (``FindingOverride``) for one compliance rule and
the exact words the finding concerned; changing those words makes the finding stand again. A
network's own limits cannot be overridden: the network would refuse the post (or, worse, take
a link-shortened count differently and cut it).

A finding about a patient (their name, story, photo or testimonial; see
:data:`~clinicstudio.governance.authorizations.PATIENT_RULES`) blocks whatever its severity until
the post links a valid patient authorization that covers it on that network. The text check
itself only sees words: a sentence saying permission was given is not an authorization.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinicstudio.domain import ClinicIdentity, Platform
from clinicstudio.governance.authorizations import PATIENT_RULES, coverage_problem, linked
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
    #: False for a network's own limits: only changing the text helps.
    overridable: bool = True
    #: Blocked for want of a patient authorization (the message says what to link).
    authorization: bool = False

    @property
    def plain(self) -> str:
        if not self.overridable:
            return f"not sent: {self.message}"
        quoted = f" (“{self.span_text}”)" if self.span_text else ""
        if self.authorization:
            return f"blocked by check {self.rule}{quoted}: {self.message}"
        what = ("the picture (blur or cover that part in the editor)"
                if self.span_text.startswith("picture ") else "the text")
        return (f"blocked by check {self.rule}{quoted}: {self.message} Fix {what}, or have an "
                "approver record an override.")


# The network rules the gate enforces on the text (image problems are fixed at upload, where
# images are converted and shrunk to what each network accepts).
TEXT_LIMIT_RULES = frozenset({"PLT-LENGTH", "PLT-HASHTAGS", "PLT-MENTIONS"})


def instance_limit(session: Session, post: Post, network: str) -> int | None:
    """A connected Mastodon server's own character limit (None: the network's usual one)."""
    if network != Platform.MASTODON:
        return None
    from clinicstudio.accounts import account_for

    variant = next((v for v in post.variants if v.network == network), None)
    account = account_for(session, network, variant.account_id if variant else None)
    value = (account.details or {}).get("max_characters") if account else None
    return int(value) if isinstance(value, int) and value > 0 else None


def limit_blockers(session: Session, post: Post, networks: Iterable[str]) -> list[Blocker]:
    """What each network would refuse in the post's text: too long, too many tags or names."""
    from clinicstudio.platforms import validate

    found = []
    for network in networks:
        text = post.text_for(network)
        for finding in validate(network, text,
                                instance_limit=instance_limit(session, post, network)):
            if finding.rule in TEXT_LIMIT_RULES:
                advice = f" {finding.suggestion}" if finding.suggestion else ""
                found.append(Blocker(network, finding.rule, f"{finding.message}{advice}", "",
                                     overridable=False))
    return found


def demo_refusal(post_id: int) -> str:
    """Why a demo clinic's post never goes out: the same sentence on every publishing path."""
    return (f"Post {post_id} belongs to the demo clinic, so it is never published. Write your "
            "own post, or take the demo out with `clinicstudio demo --remove`.")


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
    """The blocking findings without an override, per network (the text differs per network),
    and what each network's own limits refuse.

    With ``media_dir``, the post's pictures are checked too (picture_gate.py).
    """
    factory = checker_factory or default_checker_factory()
    networks = list(networks)
    limits = limit_blockers(session, post, networks)
    if factory is None:
        # Fail closed: publishing unchecked text is exactly what the studio exists to prevent.
        log.error("the compliance checks are not installed; refusing to publish")
        return [Blocker(n, "CHECKS-MISSING", "The compliance checks are not available on this "
                        "computer, so nothing is published.", "") for n in networks] + limits
    checker = factory(clinic_identity(session))
    allowed = overrides_for(session, post.id)
    authorizations = linked(session, post.id) if post.id is not None else []
    today = datetime.now(UTC).date()
    found: list[Blocker] = []
    for network in networks:
        text = post.text_for(network)
        if post.kind == "reply":
            # A reply is judged with the comment it answers: naming someone the comment did
            # not name, or echoing their care back, is what confirms a patient.
            result = checker.check(text, kind="reply", platform=Platform(network),
                                   reply_to=post.reply_context)
        else:
            result = checker.check(text, kind=post.kind, platform=Platform(network))
        for finding in result.findings:
            span = text[finding.start:finding.end]
            if (finding.rule, span) in allowed:
                continue
            if finding.rule in PATIENT_RULES:
                problem = coverage_problem(authorizations, finding.rule, network, today)
                if problem:
                    found.append(Blocker(network, finding.rule, f"This post {problem}", span,
                                         authorization=True))
                continue
            if not getattr(finding, "blocks", str(finding.severity) == "block"):
                continue
            found.append(Blocker(network, finding.rule, finding.message, span))
    if media_dir is not None and post.media_links:
        from clinicstudio.publishing.picture_gate import picture_blocks

        found += [Blocker(*row) for row in picture_blocks(session, post, checker, media_dir,
                                                          networks, allowed)]
    return found + limits


def record_override(session: Session, post_id: int, rule: str, span_text: str, reason: str,
                    user_name: str) -> FindingOverride:
    """A person decides to publish despite a finding; kept with the reason and in the audit log."""
    override = FindingOverride(post_id=post_id, rule=rule, span_text=span_text, reason=reason,
                               user_name=user_name)
    session.add(override)
    record(session, "finding_overridden", actor=user_name, post_id=post_id, rule=rule,
           span_text=span_text, reason=reason)
    return override
