"""``posts add --network-text NETWORK=FILE`` gives a network its own version of the post."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clinicstudio", "--db", str(db), *args],
                          capture_output=True, text=True, timeout=120)


def test_a_network_gets_its_own_text(tmp_path: Path) -> None:
    db = tmp_path / "clinic.db"
    (tmp_path / "post.txt").write_text("Flu shots are in at Maple Family Clinic. Walk in "
                                       "Monday to Friday, 8 to 5.", encoding="utf-8")
    (tmp_path / "x.txt").write_text("Flu shots are in! Walk in M–F 8–5.", encoding="utf-8")
    added = run(db, "posts", "add", "--text-file", str(tmp_path / "post.txt"), "--network", "x",
                "--network", "facebook", "--network-text", f"X={tmp_path / 'x.txt'}")
    assert added.returncode == 0, added.stderr
    shown = json.loads(run(db, "posts", "show", added.stdout.strip(), "--json").stdout)
    assert shown["network_texts"] == {"x": "Flu shots are in! Walk in M–F 8–5."}


def test_mistakes_get_one_plain_line(tmp_path: Path) -> None:
    db = tmp_path / "clinic.db"
    (tmp_path / "post.txt").write_text("Hello", encoding="utf-8")
    cases = {"x": "Write --network-text as NETWORK=FILE",
             "myspace=a.txt": "'myspace' is not a network",
             f"mastodon={tmp_path / 'post.txt'}": "does not go to mastodon",
             f"x={tmp_path / 'missing.txt'}": "Cannot read"}
    for value, words in cases.items():
        result = run(db, "posts", "add", "--text-file", str(tmp_path / "post.txt"),
                     "--network", "x", "--network-text", value)
        assert result.returncode == 2, value
        assert words in result.stderr and "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1
