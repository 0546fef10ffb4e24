"""``clinicstudio inbox`` end to end, as a script would run it, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Platform
from clinicstudio.store.database import open_database
from tests.helpers.inbox_setup import publish_clinic_post, set_up_clinic
from tests.helpers.publishing_setup import connect_accounts, running_fakes
from tests.integration.publishing.conftest import Cli

FIELDS = {"id", "network", "kind", "author", "text", "post_id", "state", "received_at"}


def test_refresh_list_show_reply_assign_done(cli: Cli, file_vault: SecretVault, db_url: str,
                                             tmp_path: Path) -> None:
    with running_fakes(networks=[Platform.MASTODON, Platform.X]) as fakes:
        db = open_database(db_url)
        set_up_clinic(db)
        connect_accounts(db, file_vault, fakes)
        post_id, remote = publish_clinic_post(db, file_vault, Platform.MASTODON, tmp_path)
        db.close()
        masto, x = fakes[Platform.MASTODON], fakes[Platform.X]
        comment_id = masto.add_reply(remote, "WORST wait ever, two hours!! Rude staff too.")
        x.add_post("@maplefamilyclinic do you do sports physicals?")

        refreshed = cli.run("inbox", "refresh")
        assert refreshed.returncode == 0, refreshed.stderr
        assert "2 new item(s)" in refreshed.stdout
        listed = json.loads(cli.run("inbox", "list", "--json").stdout)
        assert [set(row) for row in listed] == [FIELDS, FIELDS]
        angry = next(r for r in listed if r["network"] == "mastodon")
        mention = next(r for r in listed if r["network"] == "x")
        assert (angry["kind"], angry["post_id"], angry["state"]) == ("comment", post_id, "new")
        assert mention["kind"] == "mention"

        shown = cli.run("inbox", "show", str(angry["id"]))
        assert "Our flu clinic is open Saturday" in shown.stdout  # the clinic's own post
        assert "Advice: This person is angry" in shown.stdout

        confirming = tmp_path / "bad.txt"
        confirming.write_text("So sorry about your wait at your appointment yesterday, "
                              "Dr. Lee will call you about your results.", encoding="utf-8")
        blocked = cli.run("inbox", "reply", str(angry["id"]), "--text-file", str(confirming))
        assert blocked.returncode == 1, blocked.stdout + blocked.stderr
        assert "PHI-002" in blocked.stdout and "Fix:" in blocked.stdout
        assert [s for s in masto.published if s.get("in_reply_to_id")] == []

        assert cli.run("inbox", "assign", str(angry["id"]), "Dana").returncode == 0
        assigned = json.loads(cli.run("inbox", "list", "--json", "--state", "assigned").stdout)
        assert [r["id"] for r in assigned] == [angry["id"]]

        safe = tmp_path / "safe.txt"
        safe.write_text("We are sorry to hear this, and we take every concern seriously. "
                        "Please call our office at (555) 010-2000 and ask for the office "
                        "manager.", encoding="utf-8")
        answered = cli.run("inbox", "reply", str(angry["id"]), "--text-file", str(safe))
        assert answered.returncode == 0, answered.stdout + answered.stderr
        replies = [s for s in masto.published if s.get("in_reply_to_id") == comment_id]
        assert len(replies) == 1
        again = cli.run("inbox", "reply", str(angry["id"]), "--text-file", str(safe))
        assert again.returncode == 2 and "already been answered" in again.stderr
        assert len([s for s in masto.published if s.get("in_reply_to_id")]) == 1

        assert cli.run("inbox", "done", str(mention["id"])).returncode == 0
        states = {r["id"]: r["state"]
                  for r in json.loads(cli.run("inbox", "list", "--json").stdout)}
        assert states == {angry["id"]: "answered", mention["id"]: "done"}
        missing = cli.run("inbox", "show", "999")
        assert missing.returncode == 2 and "no inbox item number 999" in missing.stderr
        assert "Traceback" not in missing.stderr


def test_templates_are_filled_with_the_clinics_phone(cli: Cli, db_url: str) -> None:
    db = open_database(db_url)
    set_up_clinic(db)
    db.close()
    shown = cli.run("inbox", "templates")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.count("(555) 010-2000") == 3
    assert "call 911" in shown.stdout
