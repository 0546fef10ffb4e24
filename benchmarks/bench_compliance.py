"""Compliance engine quality and speed on the labelled corpus (tests/data/compliance_corpus.jsonl).

    .venv/bin/python benchmarks/bench_compliance.py [--verbose] [--corpus PATH] [--no-speed]

--corpus scores another labelled file in the same format (for example the held-out set
tests/data/compliance_heldout.jsonl, or the fresh set tests/data/compliance_fresh.jsonl); speed is
always measured on the main corpus's posts.

Quality: for each category, recall (labelled items the engine flags) and false-flag rate
(unlabelled items it flags). PHI recall counts only blocking findings for items labelled to
block, and the PHI false-flag rate counts blocks on items not labelled PHI. Readability counts
warnings; spelling and accessibility count any finding; the rest count warnings and blocks.
Speed: engine load in a fresh process, check() on 500-character and 5,000-character posts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clinicstudio.compliance import Checker  # noqa: E402
from clinicstudio.compliance.clinicfile import load_clinic_file  # noqa: E402
from clinicstudio.domain import Category, Severity  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "compliance_corpus.jsonl"
CLINICS = ROOT / "tests" / "data" / "clinics"
CATEGORIES = ("phi", "claim", "advice", "endorsement", "attribute", "spelling", "readability",
              "accessibility")
RANK = {Severity.INFO: 0, Severity.WARN: 1, Severity.BLOCK: 2}
# The least severe finding that counts as "flagged" when an item is not labelled.
FLAG_AT = {"phi": Severity.BLOCK, "readability": Severity.WARN, "spelling": Severity.INFO,
           "accessibility": Severity.INFO}


def load_corpus(path: Path = CORPUS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def checkers() -> dict[str, Checker]:
    return {path.stem: Checker(load_clinic_file(path)) for path in sorted(CLINICS.glob("*.toml"))}


def worst(findings, category: str) -> Severity | None:
    found = [f.severity for f in findings if f.category is Category(category)]
    return max(found, key=RANK.__getitem__) if found else None


def quality(verbose: bool, path: Path = CORPUS) -> None:
    corpus, by_clinic = load_corpus(path), checkers()
    print(f"Corpus: {len(corpus)} items ({sum(1 for e in corpus if not e['labels'])} clean)")
    print(f"{'category':<14}{'labelled':>9}{'recall':>9}{'others':>8}{'false flags':>13}")
    for category in CATEGORIES:
        hits = misses = flagged = others = 0
        for entry in corpus:
            result = by_clinic[entry["clinic"]].check(
                entry["text"], kind=entry["kind"], reply_to=entry.get("context", ""))
            severity = worst(result.findings, category)
            wanted = entry["labels"].get(category)
            if wanted:
                need = Severity(wanted) if category == "phi" else FLAG_AT.get(category,
                                                                              Severity.WARN)
                ok = severity is not None and RANK[severity] >= RANK[need]
                hits += ok
                misses += not ok
                if verbose and not ok:
                    print(f"   MISS {category:<13} {entry['id']}: {entry['text'][:90]!r}")
            else:
                others += 1
                bad = severity is not None and RANK[severity] >= RANK[FLAG_AT.get(category,
                                                                                Severity.WARN)]
                flagged += bad
                if verbose and bad:
                    rules = sorted({f.rule for f in result.findings
                                    if f.category is Category(category)})
                    print(f"   FALSE {category:<12} {entry['id']} {rules}: {entry['text'][:80]!r}")
        labelled = hits + misses
        recall = hits / labelled if labelled else float("nan")
        rate = flagged / others if others else float("nan")
        print(f"{category:<14}{labelled:>9}{recall:>9.2f}{others:>8}{rate:>12.1%}")
    phi_warn = [e for e in corpus if "phi" not in e["labels"]]
    warned = sum(1 for e in phi_warn if worst(by_clinic[e["clinic"]].check(
        e["text"], kind=e["kind"], reply_to=e.get("context", "")).findings, "phi"))
    print(f"(phi findings of any severity on items not labelled phi: {warned / len(phi_warn):.1%})")


def cold_load_ms() -> float:
    code = ("import time; t = time.perf_counter(); from clinicstudio.compliance import Checker; "
            "Checker(); print((time.perf_counter() - t) * 1000)")
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True, cwd=ROOT).stdout) for _ in range(5)]
    return statistics.median(runs)


def sized_posts(corpus: list[dict], size: int, count: int) -> list[str]:
    texts = [e["text"] for e in corpus if e["kind"] == "post"]
    posts, i = [], 0
    while len(posts) < count:
        chunk = ""
        while len(chunk) < size:
            chunk += texts[i % len(texts)] + " "
            i += 1
        posts.append(chunk[:size])
    return posts


def speed() -> None:
    corpus = load_corpus()
    print(f"Engine load (fresh process, median of 5): {cold_load_ms():.0f} ms")
    checker = Checker(load_clinic_file(CLINICS / "family.toml"))
    start = time.perf_counter()
    Checker(load_clinic_file(CLINICS / "dental.toml"))
    print(f"Second Checker in the same process: {(time.perf_counter() - start) * 1000:.1f} ms")
    for size, count in ((500, 1000), (5000, 100)):
        timings = []
        for post in sized_posts(corpus, size, count):
            start = time.perf_counter()
            checker.check(post)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p99 = timings[int(len(timings) * 0.99) - 1]
        print(f"{size:>5}-character posts ({count}): median {statistics.median(timings):.2f} ms,"
              f" p99 {p99:.2f} ms, max {timings[-1]:.2f} ms")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description="Compliance engine quality and speed.")
    parser.add_argument("--verbose", action="store_true", help="list every miss and false flag")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="labelled JSONL to score")
    parser.add_argument("--no-speed", action="store_true", help="skip the timing runs")
    args = parser.parse_args(argv)
    quality(args.verbose, args.corpus)
    if not args.no_speed:
        speed()


if __name__ == "__main__":
    main(sys.argv[1:])
