"""`clinicstudio calendar export --ics` writes a file calendar programs read back correctly."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from clinicstudio.cli import main
from clinicstudio.domain import PostStatus
from clinicstudio.store.database import open_database
from tests.helpers.planning_posts import add_post, set_up_clinic


def parse_ics(raw: bytes) -> list[dict[str, str]]:
    """Events of an iCalendar file as {NAME: unescaped value}, checking the line rules."""
    text = raw.decode("utf-8")
    assert re.search(r"(?<!\r)\n", text) is None, "every line must end in CRLF"
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in text.replace("\r\n ", "").split("\r\n"):
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT" and current is not None:
            events.append(current)
            current = None
        elif current is not None:
            value = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1),
                           value)
            current[name.split(";")[0]] = value
    return events


@pytest.fixture
def clinic_db(tmp_path: Path) -> str:
    path = tmp_path / "clinic.db"
    db = open_database(path)
    set_up_clinic(db)
    with db.transaction() as session:
        add_post(session, datetime(2026, 11, 10, 14, tzinfo=UTC),
                 title="Flu shots: walk-ins welcome, all week; no appointment needed",
                 networks=("facebook", "instagram"),
                 body="Flu shots are here. Café open, too — ask at the front desk!" * 3)
        add_post(session, datetime(2026, 11, 3, 15, tzinfo=UTC), title="Thank you, nurses",
                 status=PostStatus.PUBLISHED, networks=("linkedin",))
        add_post(session, datetime(2026, 11, 12, 15, tzinfo=UTC), title="Not ready",
                 status=PostStatus.DRAFT)
        add_post(session, datetime(2026, 12, 2, 15, tzinfo=UTC), title="December")
    db.close()
    return str(path)


def test_export_writes_events_a_calendar_program_reads(clinic_db: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "posts.ics"
    code = main(["--db", clinic_db, "calendar", "export", "--ics", str(target),
                 "--from", "2026-11-01", "--to", "2026-11-30"])
    assert code == 0
    assert "Wrote 2 posts" in capsys.readouterr().out
    events = parse_ics(target.read_bytes())
    by_summary = {e["SUMMARY"]: e for e in events}
    assert set(by_summary) == {"Flu shots: walk-ins welcome, all week; no appointment needed",
                               "Thank you, nurses"}
    flu = by_summary["Flu shots: walk-ins welcome, all week; no appointment needed"]
    assert flu["DTSTART"] == "20261110T140000Z"
    assert flu["DESCRIPTION"].startswith("Networks: Facebook, Instagram\nStatus: Scheduled\n\n")
    assert "Café open, too — ask at the front desk!" in flu["DESCRIPTION"]
    assert by_summary["Thank you, nurses"]["DESCRIPTION"].startswith(
        "Networks: LinkedIn\nStatus: Published")
    assert len({e["UID"] for e in events}) == 2

    # A second export of everything keeps each post's UID.
    assert main(["--db", clinic_db, "calendar", "export", "--ics", str(target)]) == 0
    again = parse_ics(target.read_bytes())
    assert {e["UID"] for e in events} < {e["UID"] for e in again} and len(again) == 3


@pytest.mark.parametrize("extra", [["--from", "2026-11-31"], ["--from", "2026-12-01",
                                                              "--to", "2026-11-01"]])
def test_bad_dates_are_usage_errors(clinic_db: str, tmp_path: Path, extra: list[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        code = main(["--db", clinic_db, "calendar", "export", "--ics",
                     str(tmp_path / "x.ics"), *extra])
        raise SystemExit(code)
    assert stopped.value.code == 2
    assert not (tmp_path / "x.ics").exists()


def test_observances_lists_the_year(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "observances", "--year", "2027"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Feb 5            National Wear Red Day" in out
    assert any(line.startswith("October") and "Breast Cancer" in line for line in out)
