"""Score the compliance checks on a labelled corpus, per category.

    python scripts/score_compliance.py CORPUS.jsonl [--clinics DIR] [--in-process] [--misses]

Each item is checked with its clinic's profile (DIR/CLINIC.toml; default tests/data/clinics)
through ``clinicstudio check --batch --clinic FILE --json``, as a user would run it, or with
--in-process through the same functions in this process (faster, same results). Prints recall
and false flags per category for all items, replies alone and Spanish or bilingual items alone,
then the phi blocked rate and the share of clean items flagged and blocked. Only figures are
printed unless --misses asks for the ids of the items missed or wrongly flagged.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clinicstudio.compliance.quality.scoring import (  # noqa: E402
    CATEGORIES,
    CorpusError,
    check_in_process,
    check_with_command,
    format_report,
    read_corpus,
    score_outcomes,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="+", type=Path)
    parser.add_argument("--clinics", type=Path, default=ROOT / "tests" / "data" / "clinics")
    parser.add_argument("--in-process", action="store_true")
    parser.add_argument("--misses", action="store_true",
                        help="also list the ids of missed and wrongly flagged items")
    args = parser.parse_args(argv)
    check = check_in_process if args.in_process else check_with_command
    try:
        for path in args.corpus:
            items = read_corpus(path)
            report = score_outcomes(check(items, args.clinics))
            print(format_report(report, path.name))
            if args.misses:
                _print_misses(report)
            print()
    except CorpusError as exc:
        print(f"score_compliance: {exc}", file=sys.stderr)
        return 2
    return 0


def _print_misses(report) -> None:
    for outcome in report.outcomes:
        labels = outcome.item["labels"]
        missed = [c for c in CATEGORIES if labels.get(c) and not outcome.flags(c)]
        if labels.get("phi") == "block" and outcome.flags("phi") and not outcome.blocks("phi"):
            missed.append("phi-not-blocked")
        wrong = [c for c in CATEGORIES if not labels.get(c) and outcome.flags(c)]
        if missed or wrong:
            print(f"  {outcome.item.get('id')}: missed {missed or '-'} flagged {wrong or '-'}")


if __name__ == "__main__":
    sys.exit(main())
