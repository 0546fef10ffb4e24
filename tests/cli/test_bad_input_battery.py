"""The battery: every command, every bad input. One sentence on standard error, exit 2, no
traceback, and every file left exactly as it was (by hash, and by listing the folder)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from clinicstudio.cli import main
from clinicstudio.store.clinic import save_profile
from clinicstudio.store.database import open_database

ROOT = Path(__file__).resolve().parents[2]

COMMANDS = [
    ["posts", "list"], ["posts", "show", "1"], ["posts", "add", "--text-file", "{text}",
                                                "--network", "mastodon"],
    ["publish", "1"], ["publish-due"], ["accounts", "list"], ["accounts", "disconnect", "X"],
    ["calendar", "export", "--ics", "{folder}/out.ics"], ["segments", "list"], ["demo"],
    ["outbox", "list"], ["outbox", "release", "1"],
]
BAD_DB = ["{folder}", "{text}/clinic.db", "postgres://nobody@127.0.0.1:1/clinic",
          "postgresql+psycopg2://nobody@127.0.0.1:1/clinic", "mysql://u@127.0.0.1/clinic",
          "gopher://x/y", "{foreign}", "{newer}"]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and its hash: side files and changes both show."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def place(tmp_path: Path) -> Iterator[dict[str, str]]:
    folder = tmp_path / "office"
    folder.mkdir()
    text = folder / "post.txt"
    text.write_text("Flu shots on Saturday.", encoding="utf-8")
    foreign = folder / "inventory.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('0001')")
        conn.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)")
    conn.close()
    newer = folder / "newer.db"
    open_database(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.close()
    yield {"folder": str(folder), "text": str(text), "foreign": str(foreign),
           "newer": str(newer)}


def fill(args: list[str], place: dict[str, str]) -> list[str]:
    return [a.format(**place) for a in args]


@pytest.mark.parametrize("bad", BAD_DB)
def test_every_command_refuses_a_bad_database_in_one_sentence(
        bad: str, place: dict[str, str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = Path(place["folder"])
    before = snapshot(folder)
    for command in COMMANDS:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))
        code = main([*fill(command, place), "--db", bad.format(**place)])
        err = capsys.readouterr().err
        assert code == 2, (command, bad, err)
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("clinicstudio: "), (command, err)
        assert snapshot(folder) == before, (command, bad)


def test_check_never_creates_the_database_it_is_pointed_at(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Open late."),
                                                       encoding="utf-8"))
    code = main(["check", "-", "--db", str(tmp_path / "typo" / "clinc.db")])
    assert code == 0 and "could not be read" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def cli(*args: str | bytes, db: Path, stdin: bytes = b"",
        timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "clinicstudio", *args, "--db", str(db)],
                          input=stdin, capture_output=True, cwd=ROOT, timeout=timeout,
                          check=False)


def one_sentence(done: subprocess.CompletedProcess[bytes]) -> str:
    err = done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr, err
    assert done.returncode == 2, (done.returncode, err)
    assert len([line for line in err.splitlines() if line.strip()]) == 1, err
    return err


def _bomb(path: Path) -> Path:
    Image.new("1", (15_000, 15_000)).save(path, optimize=True)
    return path


def _truncated_jpeg(path: Path) -> Path:
    Image.new("RGB", (800, 600), "teal").save(path, quality=95)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.mark.parametrize(("args", "words"), [
    (["--at", "9999-12-31T23:59"], "too far ahead"),
    (["--at", "2020-01-06T09:00"], "has already passed"),
    (["--at", "2026-03-08T02:30"], "does not exist"),
    (["--at", "2026-11-01T01:30"], "happens twice"),
    (["--image", "{bomb}"], "megapixels"),
    (["--image", "{truncated}"], "damaged or incomplete"),
    (["--title", b"Flu \xff\xfe shots"], "not valid text"),
    (["--image", "{truncated}", "--alt", b"\xc3("], "not valid text"),
])
def test_posts_add_refuses_bad_input_in_one_sentence(tmp_path: Path, args: list,
                                                     words: str) -> None:
    db = tmp_path / "clinic.db"
    opened = open_database(db)
    with opened.transaction() as session:  # a clinic in New York, for the daylight-saving cases
        save_profile(session, name="Maple", phones=[], addresses=[], websites=[],
                     time_zone="America/New_York")
    opened.close()
    text = tmp_path / "post.txt"
    text.write_text("Flu shots on Saturday.", encoding="utf-8")
    places = {"bomb": str(_bomb(tmp_path / "bomb.png")) if "{bomb}" in args else "",
              "truncated": str(_truncated_jpeg(tmp_path / "cut.jpg"))}
    filled = [a.format(**places) if isinstance(a, str) else a for a in args]
    before = snapshot(tmp_path)
    done = cli("posts", "add", "--text-file", str(text), "--network", "mastodon", *filled, db=db)
    assert words in one_sentence(done)
    # The person's files are untouched (the database itself may checkpoint its journal).
    assert {k: v for k, v in snapshot(tmp_path).items() if not k.startswith("clinic")} == \
        {k: v for k, v in before.items() if not k.startswith("clinic")}
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM posts").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM media_assets").fetchone() == (0,)
    conn.close()


def test_a_database_locked_by_another_process_gets_a_sentence(tmp_path: Path) -> None:
    db = tmp_path / "clinic.db"
    open_database(db).close()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
        "c.execute('BEGIN EXCLUSIVE')\nprint('locked', flush=True)\ntime.sleep(60)\n")],
        stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"locked"
        # Reading goes on beside another program's write (the file is in WAL mode) ...
        assert cli("posts", "list", db=db).returncode == 0
        # ... writing waits a while, then says so in a sentence.
        text = tmp_path / "post.txt"
        text.write_text("Closed on Monday for staff training.", encoding="utf-8")
        began = time.monotonic()
        done = cli("posts", "add", "--text-file", str(text), "--network", "facebook", db=db)
        assert "busy" in one_sentence(done)
        assert time.monotonic() - began < 60  # it gave up, it did not hang
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


def test_head_closing_the_pipe_is_not_an_error(tmp_path: Path) -> None:
    db = tmp_path / "clinic.db"
    assert cli("demo", db=db).returncode == 0
    for command in (["posts", "list"], ["posts", "list", "--json"]):
        pipe = subprocess.Popen(
            [sys.executable, "-m", "clinicstudio", *command, "--db", str(db)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
        assert pipe.stdout is not None and pipe.stderr is not None
        pipe.stdout.read(10)
        pipe.stdout.close()  # what `| head -c 10` does
        err = pipe.stderr.read()
        pipe.stderr.close()
        assert pipe.wait(60) == 0 and b"Traceback" not in err, err
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps({"id": n, "text": "Open late on Thursday."})
                               for n in range(3000)), encoding="utf-8")
    pipe = subprocess.Popen(
        [sys.executable, "-m", "clinicstudio", "check", "--batch", str(batch), "--json",
         "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert pipe.stdout is not None and pipe.stderr is not None
    pipe.stdout.readline()
    pipe.stdout.close()
    err = pipe.stderr.read()
    pipe.stderr.close()
    assert b"Traceback" not in err and pipe.wait(120) in (0, 1), err


def test_posts_show_prints_escapes_instead_of_obeying_them(
        tmp_path: Path) -> None:
    db = tmp_path / "clinic.db"
    text = tmp_path / "post.txt"
    text.write_bytes(b"Open \x1b[2J\x1b]0;pwned\x07 late")
    added = cli("posts", "add", "--text-file", str(text), "--network", "mastodon",
                "--title", "Hours", db=db)
    assert added.returncode == 0, added.stderr
    shown = cli("posts", "show", added.stdout.decode().strip(), db=db)
    assert b"\x1b" not in shown.stdout and b"\x07" not in shown.stdout
    assert b"\\x1b[2J" in shown.stdout


def test_held_late_posts_show_as_held_in_the_list(tmp_path: Path) -> None:
    db = tmp_path / "clinic.db"
    text = tmp_path / "post.txt"
    text.write_text("Flu shots.", encoding="utf-8")
    added = cli("posts", "add", "--text-file", str(text), "--network", "mastodon", "--at",
                "2021-01-04T09:00+00:00", "--late-ok", db=db)
    assert added.returncode == 0, added.stderr
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE posts SET status = 'scheduled', "
                     "held_late_at = '2021-01-05 09:00:00.000000'")
    conn.close()
    listed = cli("posts", "list", db=db)
    assert b"held (late)" in listed.stdout, listed.stdout


@pytest.mark.skipif(os.name == "nt", reason="POSIX argv bytes")
def test_non_utf8_bytes_anywhere_on_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "clinic.db"
    for args in (["check", b"\xff.txt"], ["posts", "show", b"\xff"],
                 ["segments", "list", "--json", b"\xfe"]):
        done = cli(*args, db=db)
        assert b"Traceback" not in done.stderr and done.returncode == 2, done.stderr
