"""The first-sight record: each new labelled batch scored before anything is changed for it.

A batch is scored once, as it arrives, with the checker as it then is (the commit is noted).
The row goes into ``tests/data/compliance_first_sight.csv`` (one row for the whole batch, one
for its replies, one for its Spanish or bilingual items) and the table in
``docs/guide/compliance-quality.md`` is redrawn from that file. Then the batch and its clinic
profiles are copied into ``tests/data/batches/`` where they become regression and training text.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

from clinicstudio.compliance.quality.scoring import CATEGORIES, Figures, Report

CSV_NAME = "compliance_first_sight.csv"
COLUMNS = ("batch", "date", "checker", "slice", "size",
           *(f"recall_{c}" for c in CATEGORIES), *(f"false_{c}" for c in CATEGORIES),
           "phi_blocked", "clean_flagged", "clean_blocked")
START, END = "<!-- first-sight table: start -->", "<!-- first-sight table: end -->"


def batch_name(path: Path) -> str:
    return path.stem


def recorded_batches(table: Path) -> set[str]:
    if not table.is_file():
        return set()
    with table.open(encoding="utf-8", newline="") as handle:
        return {row["batch"] for row in csv.DictReader(handle)}


def record(table: Path, batch: str, report: Report, checker: str,
           when: dt.datetime | None = None) -> None:
    """Append the batch's three rows (all, replies, spanish) to the first-sight table."""
    if batch in recorded_batches(table):
        raise ValueError(f"{batch} already has a first-sight row; it is scored once")
    when = when or dt.datetime.now(dt.UTC)
    fresh = not table.is_file()
    with table.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        if fresh:
            writer.writeheader()
        for label, figures in (("all", report.all), ("replies", report.replies),
                               ("spanish", report.spanish)):
            writer.writerow(_row(batch, when, checker, label, figures))


def _row(batch: str, when: dt.datetime, checker: str, label: str,
         figures: Figures) -> dict[str, str]:
    return {"batch": batch, "date": when.strftime("%Y-%m-%d %H:%M UTC"), "checker": checker,
            "slice": label, **figures.row()}


def keep_batch(batch: Path, clinics: Path, into: Path) -> None:
    """Copy the batch and its clinic profiles (``bNN-*.toml``) into the regression corpora."""
    (into / "clinics").mkdir(parents=True, exist_ok=True)
    shutil.copy2(batch, into / batch.name)
    prefix = profile_prefix(batch)
    for profile in sorted(clinics.glob(f"{prefix}-*.toml")):
        shutil.copy2(profile, into / "clinics" / profile.name)


def profile_prefix(batch: Path) -> str:
    """``batch-07.jsonl`` -> ``b07``, the prefix of its clinics' profile files."""
    match = re.search(r"(\d+)$", batch.stem)
    return f"b{match.group(1)}" if match else batch.stem


def markdown_table(table: Path, *, summary: bool = False) -> str:
    """The first-sight rows as a Markdown table, newest last. ``summary``: one row a batch
    (all its items), with the checker that scored it, for the README."""
    head = ("| batch | date | size | phi | phi blocked | claim | advice | endorsement | attribute "
            "| clean flagged | clean blocked |")
    if summary:
        head = head.replace("| date |", "| checker |")
    lines = [head, "|" + "---|" * 11]
    if not table.is_file():
        return "\n".join(lines)
    with table.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if summary and row["slice"] != "all":
                continue
            name = row["batch"] if row["slice"] == "all" else f"{row['batch']} ({row['slice']})"
            cells = [name, row["checker"] if summary else row["date"][:10], row["size"]]
            cells.append(_pair(row, "phi"))
            cells.append(row["phi_blocked"] or "-")
            cells += [_pair(row, c) for c in CATEGORIES[1:]]
            cells += [row["clean_flagged"] or "-", row["clean_blocked"] or "-"]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _pair(row: dict[str, str], category: str) -> str:
    """``recall / false flags``."""
    return f"{row[f'recall_{category}'] or '-'} / {row[f'false_{category}'] or '-'}"


def redraw_docs(table: Path, docs: Path, *, summary: bool = False) -> bool:
    """Replace the table between the markers in the docs page; False when there are none."""
    if not docs.is_file():
        return False
    text = docs.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return False
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    drawn = markdown_table(table, summary=summary)
    docs.write_text(f"{before}{START}\n{drawn}\n{END}{after}", encoding="utf-8")
    return True
