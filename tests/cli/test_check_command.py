"""``clinicstudio check``: the documented command line, exit statuses and JSON shape."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clinicstudio.cli import main
from tests.helpers.compliance_checkers import CLINICS

FAMILY = str(CLINICS / "family.toml")


def run(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        stdin: bytes = b"") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_a_blocking_post_exits_1_and_shows_the_text_with_markers(tmp_path, capsys, monkeypatch):
    post = tmp_path / "post.txt"
    post.write_text("Congrats to Maria Lopez on finishing her knee rehab!", encoding="utf-8")
    code, out, _ = run(["check", "--clinic", FAMILY, str(post)], capsys, monkeypatch)
    assert code == 1
    assert "1 | Congrats to Maria Lopez on finishing her knee rehab!" in out
    assert "  |             ^^^^^^^^^^^" in out
    assert "BLOCK  phi  PHI-001" in out


def test_a_clean_post_from_stdin_exits_0(capsys, monkeypatch):
    code, out, _ = run(["check", "--clinic", FAMILY, "-"], capsys, monkeypatch,
                       b"Flu shots are here! Call (555) 214-7700.")
    assert code == 0 and "No problems found." in out


def test_json_output_has_the_documented_shape(capsys, monkeypatch):
    code, out, _ = run(["check", "--json", "--clinic", FAMILY], capsys, monkeypatch,
                       b"Our drops cure allergies for good.")
    data = json.loads(out)
    assert code == 1 and data["blocked"] is True
    assert data["findings"][0] == {
        "rule": "CLM-001", "category": "claim", "severity": "block", "start": 10, "end": 14,
        "message": data["findings"][0]["message"], "suggestion": data["findings"][0][
            "suggestion"]}


def test_reply_mode_with_context_and_platform(capsys, monkeypatch):
    code, out, _ = run(["check", "--reply", "--platform", "facebook", "--context",
                        "Great staff. — R.", "--json", "--clinic", FAMILY], capsys, monkeypatch,
                       b"Thanks Robert, glad your visit went well!")
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert code == 1 and "PHI-002" in rules


def test_generic_reply_passes(capsys, monkeypatch):
    code, _, _ = run(["check", "--reply", "--clinic", FAMILY], capsys, monkeypatch,
                     b"Thank you for your feedback; please call our office at (555) 214-7700.")
    assert code == 0


def test_invalid_utf8_and_missing_files_exit_2_with_one_line(tmp_path, capsys, monkeypatch):
    code, _, err = run(["check", "--clinic", FAMILY], capsys, monkeypatch, b"\xff\xfebad")
    assert code == 2 and err.strip().count("\n") == 0 and "not UTF-8" in err
    code, _, err = run(["check", "--clinic", FAMILY, str(tmp_path / "nope.txt")], capsys,
                       monkeypatch)
    assert code == 2 and "cannot read" in err


def test_empty_and_huge_texts_get_sensible_answers(capsys, monkeypatch):
    code, out, _ = run(["check", "--clinic", FAMILY], capsys, monkeypatch, b"")
    assert code == 0 and "empty" in out
    huge = ("Walk in for a flu shot any weekday. " * 2800)[:100_000].encode()
    code, out, _ = run(["check", "--json", "--clinic", FAMILY], capsys, monkeypatch, huge)
    assert code == 0 and json.loads(out)["blocked"] is False


def test_batch_reports_bad_lines_and_checks_the_rest(tmp_path, capsys, monkeypatch):
    batch = tmp_path / "posts.jsonl"
    batch.write_bytes(b'{"id": "a", "text": "Thank you for visiting us!", "kind": "reply"}\n'
                      b'not json\n'
                      b'{"id": "c", "text": "Flu shots today.", "platform": "x"}\n'
                      b'{"id": "d", "text": "Hi", "platform": "myspace"}\n')
    code, out, err = run(["check", "--batch", str(batch), "--json", "--clinic", FAMILY],
                         capsys, monkeypatch)
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 2
    assert [line.get("id") for line in lines] == ["a", None, "c", None]
    assert lines[0]["blocked"] is True and lines[2] == {"id": "c", "blocked": False,
                                                        "findings": []}
    assert lines[1]["line"] == 2 and "line 2" in err and "line 4" in err


def test_batch_without_errors_exits_1_when_something_blocks(tmp_path, capsys, monkeypatch):
    batch = tmp_path / "posts.jsonl"
    batch.write_text(json.dumps({"id": 1, "text": "Congrats to Maria Lopez on her rehab!"})
                     + "\n", encoding="utf-8")
    code, out, _ = run(["check", "--batch", str(batch), "--clinic", FAMILY], capsys,
                       monkeypatch)
    assert code == 1 and "== 1: BLOCKED" in out


def test_conflicting_options_and_bad_clinic_files_exit_2(tmp_path, capsys, monkeypatch):
    code, _, err = run(["check", "--batch", "x.jsonl", "post.txt"], capsys, monkeypatch)
    assert code == 2 and "not both" in err
    bad = tmp_path / "clinic.toml"
    bad.write_text("phones = 5", encoding="utf-8")
    code, _, err = run(["check", "--clinic", str(bad)], capsys, monkeypatch, b"hi")
    assert code == 2 and "phones" in err


def test_without_clinic_file_the_database_profile_is_used(tmp_path, capsys, monkeypatch):
    from clinicstudio.store.clinic import add_staff, save_profile
    from clinicstudio.store.database import open_database

    db_path = tmp_path / "clinic.db"
    database = open_database(db_path)
    with database.transaction() as session:
        save_profile(session, name="Maple Grove", phones=["(555) 214-7700"])
        add_staff(session, "Lisa Tran")
    database.close()
    text = b"Call Lisa Tran at (555) 214-7700 about your diabetes screening."
    code, _, err = run(["--db", str(db_path), "check"], capsys, monkeypatch, text)
    assert code == 0 and err == ""


def test_an_unreadable_database_is_noted_and_the_check_still_runs(tmp_path, capsys,
                                                                   monkeypatch):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 10)
    code, _, err = run(["--db", str(broken), "check"], capsys, monkeypatch,
                       b"Congrats to Maria Lopez on her knee rehab!")
    assert code == 1
    assert err.startswith("clinicstudio: note:") and err.count("\n") == 1


def test_the_installed_command_runs_as_a_subprocess(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "clinicstudio", "check", "--json", "--clinic",
                           FAMILY], input="Our IV drips protect you from the flu!",
                          capture_output=True, text=True, env=env, cwd=Path(__file__).parents[2],
                          check=False)
    assert done.returncode == 1
    assert json.loads(done.stdout)["findings"][0]["rule"] == "CLM-003"


def test_pictures_are_checked_with_the_text_and_report_their_region(tmp_path, capsys,
                                                                    monkeypatch):
    from tests.helpers.photo_samples import sample

    board = tmp_path / "board.jpg"
    board.write_bytes(sample(0).data)
    sign = tmp_path / "sign.jpg"
    sign.write_bytes(sample(3).data)
    post = tmp_path / "post.txt"
    post.write_text("Busy morning at the clinic!", encoding="utf-8")
    code, out, _ = run(["check", "--json", "--clinic", FAMILY, "--image", str(sign),
                        "--image", str(board), str(post)], capsys, monkeypatch)
    data = json.loads(out)
    assert code == 1 and data["blocked"] is True
    regions = [f["region"] for f in data["findings"] if f["severity"] == "block"]
    assert regions and all(r["image"] == 1 and len(r["box"]) == 4 for r in regions)
    assert not [f for f in data["findings"] if "region" in f and f["region"]["image"] == 0
                and f["severity"] == "block"]

    code, out, _ = run(["check", "--clinic", FAMILY, "--image", str(board)], capsys,
                       monkeypatch)
    assert code == 1 and "PHI-001 at x=" in out


def test_a_picture_that_is_not_a_picture_exits_2(tmp_path, capsys, monkeypatch):
    fake = tmp_path / "notes.jpg"
    fake.write_text("meeting notes", encoding="utf-8")
    code, _, err = run(["check", "--clinic", FAMILY, "--image", str(fake)], capsys,
                       monkeypatch)
    assert code == 2 and err.strip().count("\n") == 0 and "notes.jpg is not a picture" in err
