"""The guard around replies: checked with the comment they answer, never sent as a new post,
and held for an approver when the office asks for approvals."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from clinicstudio.accounts import SecretVault
from clinicstudio.compliance import Checker
from clinicstudio.domain import OutboxState, Platform
from clinicstudio.inbox import InboxService
from clinicstudio.publishing import Publisher, blockers
from clinicstudio.publishing.replies import NO_TARGET
from clinicstudio.settings import load_settings, save_settings
from clinicstudio.store.database import Database
from clinicstudio.store.posts import PostDraft, create_post, get_post
from tests.helpers.inbox_setup import comment, publish_clinic_post, set_up_clinic
from tests.helpers.publishing_setup import connect_accounts, running_fakes


def _reply_post(db: Database, text: str, context: str) -> int:
    with db.transaction() as session:
        post, _ = create_post(session, PostDraft(body=text, networks=["mastodon"], kind="reply",
                                                 reply_context=context))
        return post.id


def test_the_publish_gate_checks_a_reply_with_the_comment_it_answers(db: Database) -> None:
    set_up_clinic(db)
    thanks = "Thank you so much, Maria!"
    named = _reply_post(db, thanks, "Maria here - the front desk was so friendly")
    unnamed = _reply_post(db, thanks, "The front desk was so friendly")
    with db.session() as session:
        assert blockers(session, get_post(session, named), ["mastodon"], Checker) == []
        [stop] = blockers(session, get_post(session, unnamed), ["mastodon"], Checker)
    # Naming someone the comment did not name tells the world who they are.
    assert stop.rule == "PHI-002"


def test_a_reply_without_a_comment_to_answer_never_goes_out_as_a_post(
        db: Database, vault: SecretVault) -> None:
    with running_fakes(networks=[Platform.MASTODON]) as fakes:
        connect_accounts(db, vault, fakes)
        post_id = _reply_post(db, "Thank you for the kind words!", "Great clinic")
        report = Publisher(db, vault=vault, checker_factory=Checker).publish_now(post_id)
        [outcome] = report.outcomes
        assert outcome.state is OutboxState.FAILED
        assert outcome.message == NO_TARGET
        assert fakes[Platform.MASTODON].published == []


def test_with_approvals_on_a_reply_waits_for_an_approver(
        db: Database, vault: SecretVault, tmp_path: Path) -> None:
    set_up_clinic(db)
    with running_fakes(networks=[Platform.MASTODON]) as fakes:
        fake = fakes[Platform.MASTODON]
        connect_accounts(db, vault, fakes)
        _post_id, remote = publish_clinic_post(db, vault, Platform.MASTODON, tmp_path)
        comment(fake, Platform.MASTODON, remote, "Do you have Saturday hours?")
        with db.transaction() as session:
            save_settings(session, replace(load_settings(session), require_approval=True))
        inbox = InboxService(db, vault, checker_factory=Checker)
        inbox.refresh()
        [item] = inbox.list()
        outcome = inbox.reply(item["id"], "Yes! We are open Saturdays 9 to 12.")
        assert outcome.waiting_approval and not outcome.sent
        assert len(fake.published) == 1  # only the clinic's own post
        with db.session() as session:
            assert get_post(session, outcome.post_id).status == "in_review"
