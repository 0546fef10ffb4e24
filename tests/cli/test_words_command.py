"""`clinicstudio words`: the clinic's own word list, saved in the database and used by check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clinicstudio.cli import main


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    status = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return status, out, err


def _spelling(out: str) -> list[dict]:
    return [f for f in json.loads(out)["findings"] if f["category"] == "spelling"]


def test_an_added_word_is_accepted_by_the_check(tmp_path, capsys, monkeypatch):
    db = tmp_path / "clinic.db"
    post = tmp_path / "post.txt"
    post.write_text("Zumbalift sessions are back this week.", encoding="utf-8")
    status, out, _ = run(capsys, db, "check", "--json", str(post))
    assert [f["start"] for f in _spelling(out)] == [0]
    status, out, _ = run(capsys, db, "words", "add", "Zumbalift", "Glowderm")
    assert status == 0 and "Added 2 words." in out
    status, out, _ = run(capsys, db, "words", "add", "zumbalift")
    assert "Added 0 words (1 already on the list)." in out
    status, out, _ = run(capsys, db, "check", "--json", str(post))
    assert _spelling(out) == []
    status, out, _ = run(capsys, db, "words", "list", "--json")
    assert json.loads(out) == {"words": ["Zumbalift", "Glowderm"], "staff_first_names": []}


def test_staff_first_names_and_removal(tmp_path, capsys):
    db = tmp_path / "clinic.db"
    run(capsys, db, "words", "add", "--staff-first-name", "Tina")
    status, out, _ = run(capsys, db, "words", "list")
    assert "Staff first names: Tina" in out
    status, out, _ = run(capsys, db, "words", "remove", "--staff-first-name", "TINA")
    assert status == 0 and "Removed 1 word." in out


def test_bad_input_is_one_plain_sentence(tmp_path, capsys):
    db = tmp_path / "clinic.db"
    status, _, err = run(capsys, db, "words", "add", "two words")
    assert status == 2 and "not a single word" in err and len(err.strip().splitlines()) == 1
    status, _, err = run(capsys, db, "words", "remove", "Nothing")
    assert status == 2 and "none of those words" in err
