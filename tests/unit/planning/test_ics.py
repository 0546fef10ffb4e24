"""iCalendar export: escaping, folding, stable UIDs, only scheduled and published posts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from clinicstudio.domain import PostStatus
from clinicstudio.planning.clock import load_zone
from clinicstudio.planning.ics import escape_text, export_ics, fold
from clinicstudio.store.database import Database
from tests.helpers.planning_posts import ZONE, add_post, set_up_clinic


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_text_is_escaped() -> None:
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


def test_long_lines_fold_at_75_octets_without_splitting_characters() -> None:
    line = "SUMMARY:" + "é" * 60 + "x" * 40
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert folded.replace("\r\n ", "") == line


def test_export_holds_scheduled_and_published_posts_only(db: Database, tmp_path: Path) -> None:
    set_up_clinic(db)
    with db.transaction() as session:
        scheduled = add_post(session, datetime(2026, 11, 10, 14, tzinfo=UTC),
                             title="Flu shots, walk-ins; all week", networks=("facebook", "x"))
        add_post(session, datetime(2026, 11, 11, 14, tzinfo=UTC), status=PostStatus.DRAFT)
        add_post(session, datetime(2026, 11, 5, 14, tzinfo=UTC), status=PostStatus.PUBLISHED,
                 title="Done")
        add_post(session, datetime(2027, 1, 5, 14, tzinfo=UTC), title="Next year")
    target = tmp_path / "posts.ics"
    with db.session() as session:
        count = export_ics(session, target, load_zone(ZONE), first=date(2026, 11, 1),
                           last=date(2026, 11, 30), name="Maple Street")
    raw = target.read_bytes().decode("utf-8")
    assert count == 2 and raw.endswith("END:VCALENDAR\r\n")
    assert "\n" not in raw.replace("\r\n", "")
    lines = unfold(raw)
    assert lines[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in lines
    assert lines.count("BEGIN:VEVENT") == 2
    assert "SUMMARY:Flu shots\\, walk-ins\\; all week" in lines
    assert "DTSTART:20261110T140000Z" in lines
    assert "DESCRIPTION:Networks: Facebook\\, X\\nStatus: Scheduled\\n\\n" \
           "Flu shots\\, walk-ins\\; all week. See you soon!" in lines
    uid = next(li for li in lines if li.startswith(f"UID:post-{scheduled.id}-"))
    with db.session() as session:
        export_ics(session, target, load_zone(ZONE))
    again = unfold(target.read_bytes().decode("utf-8"))
    assert uid in again and again.count("BEGIN:VEVENT") == 3
