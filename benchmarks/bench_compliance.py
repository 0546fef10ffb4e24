"""Compliance checks: quality on the labelled corpora and speed with the model.

    .venv/bin/python benchmarks/bench_compliance.py [--no-quality] [--no-speed]

Quality: every labelled corpus in tests/data (and tests/data/batches) scored per category with
the same scorer as scripts/score_compliance.py. These are fitted or trained-on corpora, so the
figures are regression checks; the honest figures are the first-sight rows in
tests/data/compliance_first_sight.csv.

Speed (figures, not assertions; the machine may be shared and busy, which shows as a long
tail): engine load (rules and model) in a fresh process; check() on 500- and 5,000-character
posts with and without the model; a 300-item batch through ``clinicstudio check --batch
--json`` including start-up.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clinicstudio.compliance import Checker  # noqa: E402
from clinicstudio.compliance.clinicfile import load_clinic_file  # noqa: E402
from clinicstudio.compliance.quality.scoring import (  # noqa: E402
    check_in_process,
    format_report,
    read_corpus,
    score_outcomes,
)

DATA = ROOT / "tests" / "data"
CLINICS = DATA / "clinics"
CORPUS = DATA / "compliance_corpus.jsonl"


def quality() -> None:
    for path in sorted(DATA.glob("compliance_*.jsonl")):
        print(format_report(score_outcomes(check_in_process(read_corpus(path), CLINICS)),
                            path.name))
    for path in sorted((DATA / "batches").glob("batch-*.jsonl")):
        prefix = "b" + path.stem.split("-")[-1]
        report = score_outcomes(check_in_process(read_corpus(path), DATA / "batches" /
                                                 "clinics", prefix))
        print(format_report(report, f"{path.name} (trained on; first sight is in the CSV)"))


def cold_load_ms() -> float:
    code = ("import time; t = time.process_time(); from clinicstudio.compliance import Checker; "
            "Checker(); print((time.process_time() - t) * 1000)")
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True, cwd=ROOT).stdout) for _ in range(5)]
    return statistics.median(runs)


def sized_posts(size: int, count: int) -> list[str]:
    texts = [e["text"] for e in read_corpus(CORPUS) if e["kind"] == "post"]
    posts, i = [], 0
    while len(posts) < count:
        chunk = ""
        while len(chunk) < size:
            chunk += texts[i % len(texts)] + " "
            i += 1
        posts.append(chunk[:size])
    return posts


def timed(checker: Checker, posts: list[str]) -> tuple[float, float, float]:
    """Median and p99 wall-clock milliseconds, and median CPU milliseconds (the CPU figure is
    what the check itself costs when other work shares the processor)."""
    timings, cpu = [], []
    for post in posts:
        start, start_cpu = time.perf_counter(), time.process_time()
        checker.check(post)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.99) - 1], statistics.median(
        cpu)


def batch_ms_per_item(count: int = 300) -> float:
    items = read_corpus(CORPUS)[:count]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False,
                                     encoding="utf-8") as batch:
        for item in items:
            batch.write(json.dumps({"id": item["id"], "text": item["text"],
                                    "kind": item["kind"],
                                    "context": item.get("context", "")}) + "\n")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "clinicstudio", "check", "--batch", batch.name,
                    "--clinic", str(CLINICS / "family.toml"), "--json"], cwd=ROOT,
                   capture_output=True, check=False)
    elapsed = (time.perf_counter() - start) * 1000
    Path(batch.name).unlink()
    return elapsed / len(items)


def speed() -> None:
    print("Speed (a shared, busy machine: read the tails with that in mind)")
    print(f"Engine load, rules and model (fresh process, CPU time, median of 5): "
          f"{cold_load_ms():.0f} ms")
    identity = load_clinic_file(CLINICS / "family.toml")
    with_model, rules_only = Checker(identity), Checker(identity, use_model=False)
    for size, count in ((500, 1000), (5000, 100)):
        posts = sized_posts(size, count)
        timed(with_model, posts[:50])  # warm the caches both ways
        median, p99, cpu = timed(with_model, posts)
        median_r, p99_r, cpu_r = timed(rules_only, posts)
        print(f"{size:>5}-character posts ({count}): with the model median {median:.2f} ms "
              f"(CPU {cpu:.2f} ms), p99 {p99:.2f} ms; rules alone median {median_r:.2f} ms "
              f"(CPU {cpu_r:.2f} ms), p99 {p99_r:.2f} ms")
    print(f"300-item batch through the command line, start-up included: "
          f"{batch_ms_per_item():.2f} ms per item")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description="Compliance quality and speed.")
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args(argv)
    if not args.no_quality:
        quality()
    if not args.no_speed:
        speed()


if __name__ == "__main__":
    main(sys.argv[1:])
