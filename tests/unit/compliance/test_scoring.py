"""The scorer and the first-sight record."""

from __future__ import annotations

import json

import pytest

from clinicstudio.compliance.quality.first_sight import (
    END,
    START,
    keep_batch,
    markdown_table,
    record,
    recorded_batches,
    redraw_docs,
)
from clinicstudio.compliance.quality.scoring import (
    Outcome,
    check_with_command,
    read_corpus,
    score_outcomes,
)
from tests.helpers.compliance_checkers import CLINICS


def _outcome(labels: dict, worst: dict, kind: str = "post", lang: str = "en") -> Outcome:
    return Outcome({"labels": labels, "kind": kind, "lang": lang}, worst)


def test_recall_false_flags_and_clean_rates():
    report = score_outcomes([
        _outcome({"phi": "block"}, {"phi": "block"}),
        _outcome({"phi": "block"}, {"phi": "warn"}, kind="reply"),
        _outcome({"claim": "warn"}, {}),
        _outcome({}, {"phi": "block"}, kind="reply", lang="es"),
        _outcome({}, {"claim": "info"}),
    ])
    assert report.all.recall("phi") == 1.0
    assert report.all.phi_blocked_recall == 0.5
    assert report.all.recall("claim") == 0.0
    assert report.all.false_flags("phi") == pytest.approx(1 / 3)
    assert report.all.clean_flagged_rate == 0.5  # an info note is not a flag
    assert report.all.clean_blocked_rate == 0.5
    assert report.replies.size == 2 and report.spanish.size == 1
    assert report.spanish.clean_blocked_rate == 1.0


def test_the_command_line_path_scores_a_small_corpus(tmp_path):
    corpus = tmp_path / "batch-07.jsonl"
    lines = [
        {"id": "a", "clinic": "family", "kind": "post",
         "text": "Congrats to Maria Lopez on finishing her knee rehab!",
         "labels": {"phi": "block"}},
        {"id": "b", "clinic": "family", "kind": "post",
         "text": "Flu shots are here! Call (555) 214-7700.", "labels": {}},
    ]
    corpus.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    report = score_outcomes(check_with_command(read_corpus(corpus), CLINICS))
    assert report.all.phi_blocked_recall == 1.0
    assert report.all.clean_flagged_rate == 0.0


def test_a_batch_is_recorded_once_and_kept(tmp_path):
    batch = tmp_path / "batch-07.jsonl"
    batch.write_text('{"id": "x", "clinic": "c", "text": "Hello", "labels": {}}\n',
                     encoding="utf-8")
    clinics = tmp_path / "clinics"
    clinics.mkdir()
    (clinics / "b07-c.toml").write_text('name = "C"\n', encoding="utf-8")
    (clinics / "b08-d.toml").write_text('name = "D"\n', encoding="utf-8")
    table = tmp_path / "first_sight.csv"
    report = score_outcomes([_outcome({}, {})])
    record(table, "batch-07", report, "abc123")
    assert recorded_batches(table) == {"batch-07"}
    with pytest.raises(ValueError, match="already"):
        record(table, "batch-07", report, "abc123")
    docs = tmp_path / "quality.md"
    docs.write_text(f"intro\n{START}\n{END}\nafter\n", encoding="utf-8")
    assert redraw_docs(table, docs)
    assert "| batch-07 |" in docs.read_text(encoding="utf-8")
    assert "batch-07 (replies)" in markdown_table(table)
    readme = tmp_path / "README.md"
    readme.write_text(f"{START}\n{END}\n", encoding="utf-8")
    assert redraw_docs(table, readme, summary=True)
    drawn = readme.read_text(encoding="utf-8")
    assert "| batch-07 | abc123 |" in drawn and "(replies)" not in drawn
    keep_batch(batch, clinics, tmp_path / "kept")
    assert (tmp_path / "kept" / "batch-07.jsonl").is_file()
    assert [p.name for p in (tmp_path / "kept" / "clinics").iterdir()] == ["b07-c.toml"]
