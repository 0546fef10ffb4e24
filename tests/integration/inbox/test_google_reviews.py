"""Google Business Profile reviews on a loopback server: connected, read, answered once with
the guard, quota trouble reported, approvals respected."""

from __future__ import annotations

from dataclasses import replace

import pytest

from clinicstudio.accounts import SecretVault
from clinicstudio.compliance import Checker
from clinicstudio.domain import UserError
from clinicstudio.inbox import InboxService
from clinicstudio.inbox.review_sites import connect_google
from clinicstudio.settings import load_settings, save_settings
from clinicstudio.store.database import Database
from tests.helpers.fake_google import FakeGoogle, rate_limited
from tests.helpers.inbox_setup import PHONE, set_up_clinic

SORRY = ("We are sorry to hear this, and we take every concern seriously. Please call our "
         f"office at {PHONE} and ask for the office manager.")


def _connect(db: Database, vault: SecretVault, fake: FakeGoogle) -> int:
    with db.transaction() as session:
        return connect_google(session, vault, location=fake.location,
                              client_id=fake.client_id, client_secret=fake.client_secret,
                              refresh_token=fake.refresh_token, service_url=fake.url,
                              token_url=f"{fake.url}/token")


def test_google_reviews_are_read_and_answered_once_with_the_guard(
        db: Database, vault: SecretVault) -> None:
    set_up_clinic(db)
    with FakeGoogle() as fake:
        review = fake.add_review("Dr. Patel rushed my daughter's appointment. Two stars.")
        fake.add_review("Lovely staff!", name="", stars="FIVE", anonymous=True)
        assert _connect(db, vault, fake) == 2
        inbox = InboxService(db, vault, checker_factory=Checker)
        assert inbox.refresh().problems == {}
        assert inbox.refresh().new == []
        rows = {r["text"]: r for r in inbox.list()}
        unhappy = rows["Dr. Patel rushed my daughter's appointment. Two stars."]
        assert (unhappy["network"], unhappy["kind"], unhappy["author"]) == (
            "google", "review", "Pat Rivera")
        assert rows["Lovely staff!"]["author"] == "A Google user"

        blocked = inbox.reply(unhappy["id"], "We're sorry your daughter's appointment with "
                                             "Dr. Patel felt rushed.")
        assert blocked.blocked and fake.published == []
        sent = inbox.reply(unhappy["id"], SORRY)
        assert sent.sent, sent.message
        assert fake.reviews[review]["reviewReply"]["comment"] == SORRY
        with pytest.raises(UserError, match="already been answered"):
            inbox.reply(unhappy["id"], SORRY)
        assert len(fake.published) == 1
        assert inbox.show(unhappy["id"]).reply_text == SORRY
        assert inbox.list(state="answered")[0]["id"] == unhappy["id"]


def test_quota_trouble_and_a_wrong_connection_are_said_plainly(
        db: Database, vault: SecretVault) -> None:
    with FakeGoogle() as fake:
        fake.add_review("Great!")
        with pytest.raises(UserError, match="Google did not accept the connection"), \
                db.transaction() as session:
            connect_google(session, vault, location=fake.location, client_id=fake.client_id,
                           client_secret="wrong", refresh_token=fake.refresh_token,
                           service_url=fake.url, token_url=f"{fake.url}/token")
        _connect(db, vault, fake)
        fake.fault("GET", "/v4/", reply=rate_limited(120))
        report = InboxService(db, vault, checker_factory=Checker).refresh()
        assert report.problems["google"].startswith("Google asked ClinicStudio to slow down")
        assert "Google:" in report.summary()


def test_with_approvals_only_an_approver_answers_a_google_review(
        db: Database, vault: SecretVault) -> None:
    from clinicstudio.store.models import StaffUser

    set_up_clinic(db)
    with db.transaction() as session:
        save_settings(session, replace(load_settings(session), require_approval=True))
        session.add_all([StaffUser(name="Avery", role="author"),
                         StaffUser(name="Dana", role="approver")])
    with FakeGoogle() as fake:
        fake.add_review("Could not get through on the phone all week.")
        _connect(db, vault, fake)
        author = InboxService(db, vault, checker_factory=Checker, actor=lambda: "Avery")
        author.refresh()
        [item] = author.list()
        held = author.reply(item["id"], SORRY)
        assert not held.sent and "approver" in held.message
        assert fake.published == []
        approver = InboxService(db, vault, checker_factory=Checker, actor=lambda: "Dana")
        assert approver.reply(item["id"], SORRY).sent
        assert len(fake.published) == 1
