"""Record a new labelled batch's first-sight score, then keep it as a regression corpus.

    python scripts/record_first_sight.py BATCH.jsonl --clinics DIR [--repo DIR] [--checker SHA]

Run this BEFORE reading the batch or changing anything for it. It scores the batch through
``clinicstudio check --batch --clinic FILE --json`` (profiles DIR/bNN-CLINIC.toml), appends
the rows to tests/data/compliance_first_sight.csv, redraws the tables in
docs/guide/compliance-quality.md and the README and copies the batch and its profiles into
tests/data/batches/.
Only figures are printed, never the items. A batch is scored once: a second run refuses.
--repo names the working copy to write into when the checker runs from another copy (a
snapshot of the last commit), so the figure belongs to a committed checker.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clinicstudio.compliance.quality.first_sight import (  # noqa: E402
    CSV_NAME,
    batch_name,
    keep_batch,
    profile_prefix,
    record,
    recorded_batches,
    redraw_docs,
)
from clinicstudio.compliance.quality.scoring import (  # noqa: E402
    CorpusError,
    check_with_command,
    format_report,
    read_corpus,
    score_outcomes,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("batch", type=Path)
    parser.add_argument("--clinics", type=Path, required=True)
    parser.add_argument("--repo", type=Path, default=ROOT)
    parser.add_argument("--checker", default="", help="the commit of the checker being scored")
    args = parser.parse_args(argv)
    table = args.repo / "tests" / "data" / CSV_NAME
    name = batch_name(args.batch)
    if name in recorded_batches(table):
        print(f"record_first_sight: {name} already has its first-sight row", file=sys.stderr)
        return 2
    checker = args.checker or _commit(ROOT)
    try:
        items = read_corpus(args.batch)
        report = score_outcomes(check_with_command(items, args.clinics,
                                                   profile_prefix(args.batch)))
    except CorpusError as exc:
        print(f"record_first_sight: {exc}", file=sys.stderr)
        return 2
    record(table, name, report, checker)
    redraw_docs(table, args.repo / "docs" / "guide" / "compliance-quality.md")
    redraw_docs(table, args.repo / "README.md", summary=True)
    keep_batch(args.batch, args.clinics, args.repo / "tests" / "data" / "batches")
    print(format_report(report, f"first sight of {name} (checker {checker})"))
    return 0


def _commit(root: Path) -> str:
    done = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True, check=False)
    return done.stdout.strip() or "unknown"


if __name__ == "__main__":
    sys.exit(main())
