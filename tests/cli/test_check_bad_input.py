"""``clinicstudio check`` with hostile input: one sentence each, the rest still checked, and
``--json`` output that stays valid JSON Lines whatever the lines hold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.compliance_checkers import CLINICS

FAMILY = str(CLINICS / "family.toml")
ROOT = Path(__file__).resolve().parents[2]


def clinicstudio(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "clinicstudio", *args], input=stdin,
                          capture_output=True, cwd=ROOT, timeout=120, check=False)


def test_batch_lines_with_surrogates_nan_and_huge_numbers_keep_json_valid(tmp_path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(b"\n".join([
        b'{"id": 1, "text": "Flu shots are here."}',
        b'{"id": 2, "text": "Broken \\ud800 escape"}',
        b'{"id": NaN, "text": "Hello"}',
        b'{"id": 1e999, "text": "Hello"}',
        b'{"id": "\\udfff", "text": "Hello"}',
        b'{"id": 6, "text": "Open Saturday 9 to 1."}',
    ]))
    done = clinicstudio("check", "--clinic", FAMILY, "--batch", str(batch), "--json")
    assert done.returncode == 2
    rows = [json.loads(line) for line in done.stdout.decode().splitlines()]  # all valid JSON
    assert [r.get("id") for r in rows] == [1, None, None, None, None, 6]
    assert [r.get("line") for r in rows if "error" in r] == [2, 3, 4, 5]
    assert b"Traceback" not in done.stderr
    assert done.stderr.decode().count("clinicstudio:") == 4


def test_a_huge_text_is_refused_in_a_sentence(tmp_path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 1_000_000)
    done = clinicstudio("check", "--clinic", FAMILY, str(big))
    assert done.returncode == 2
    assert b"longer than ClinicStudio checks" in done.stderr and b"Traceback" not in done.stderr


@pytest.mark.parametrize(("network", "text", "words"), [
    ("mastodon", "a" * 501, "Mastodon allows 500 characters; this post has 501"),
    ("mastodon", "a" * 476 + " https://example.org/a", "this post has 500"),
    ("x", "b" * 281, "allows 280 characters"),
])
def test_check_for_a_network_reports_over_limit_text(network, text, words) -> None:
    done = clinicstudio("check", "--clinic", FAMILY, "--platform", network, "--json", "-",
                        stdin=text.encode())
    result = json.loads(done.stdout)
    messages = " ".join(f["message"] for f in result["findings"])
    if "this post has 500" in words:
        assert done.returncode == 0, messages  # exactly at the limit (the link counts as 23)
        return
    assert done.returncode == 1 and result["blocked"]
    assert words in messages


def test_a_link_counted_as_23_pushes_a_mastodon_post_over() -> None:
    text = "c" * 477 + " https://example.org/very/long/path/that/counts/as/23"
    done = clinicstudio("check", "--clinic", FAMILY, "--platform", "mastodon", "-",
                        stdin=text.encode())
    assert done.returncode == 1 and b"this post has 501" in done.stdout
