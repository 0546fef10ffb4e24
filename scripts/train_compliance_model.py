"""Train the compliance model shipped in resources/compliance/model/ (reproducible).

    python scripts/train_compliance_model.py [--folds 5] [--seed 7] [--out DIR] [--dry-run]

Needs numpy (a training-only extra: ``pip install 'clinicstudio[train]'``); checking never
does. Reads every labelled corpus in tests/data (compliance_*.jsonl with tests/data/clinics,
batches/batch-*.jsonl with batches/clinics), reads each item through the rules exactly as
checking does (``Checker.evidence``), and fits one L2-regularised logistic model per category
on hashed word, word-pair, word-stem and rule-evidence features. It prints k-fold
cross-validation figures (rules alone, then rules and model combined), picks the thresholds on
the out-of-fold probabilities (false flags at most 0.08 per category, clean items blocked at
most 5 %), calibrates each category (Platt scaling on the out-of-fold scores), keeps only
features with weight and writes model.json and weights.bin.
"""

from __future__ import annotations

import argparse
import json
import sys
from array import array
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clinicstudio.compliance import Checker  # noqa: E402
from clinicstudio.compliance.clinicfile import load_clinic_file  # noqa: E402
from clinicstudio.compliance.model.combine import identifying  # noqa: E402
from clinicstudio.compliance.model.features import (  # noqa: E402
    BITS,
    hashed,
    sentence_features,
    text_features,
)
from clinicstudio.compliance.model.linear import CATEGORIES  # noqa: E402
from clinicstudio.compliance.quality.scoring import clinic_file, read_corpus  # noqa: E402

DATA = ROOT / "tests" / "data"
GRID = [round(x, 2) for x in np.arange(0.05, 0.96, 0.05)]
BATCH_WEIGHT = 2.0
# A model finding needs at least MIN_WARN (per category), and a rule is overruled only below
# MAX_VETO: lower limits would chase a handful of items. At 0.6 everywhere the search sat on the
# limit for every category with false flags well inside their ceiling, so the limit, not the
# evidence, was choosing; 0.4 raised the replies' false flags past 0.08. Claims and attributes
# keep 0.6: at 0.5 the model warns on words talked about rather than used ("never trust ads
# that say cure"), which the hand-written hard negatives in tests/unit/compliance hold clean.
# A model block of patient information needs at least MIN_BLOCK: with the rules' own warning
# (a name the review showed, a short thank-you) a marginal probability must not block.
MIN_WARN = {"phi": 0.5, "claim": 0.6, "advice": 0.5, "endorsement": 0.5, "attribute": 0.6}
MIN_BLOCK, MAX_VETO = 0.8, 0.4
MAX_FALSE, MAX_CLEAN_BLOCKED = 0.07, 0.04  # a little inside the 0.08 and 5 % goals


def corpora(held_out: frozenset[str] = frozenset()) -> list[tuple[Path, Path, str]]:
    """The labelled corpora to learn from, less the batches ``held_out`` (by name)."""
    found = [(path, DATA / "clinics", "") for path in sorted(DATA.glob("compliance_*.jsonl"))]
    for path in sorted((DATA / "batches").glob("batch-*.jsonl")):
        if path.stem in held_out:
            continue
        number = path.stem.split("-")[-1]
        found.append((path, DATA / "batches" / "clinics", f"b{number}"))
    return found


def read_items(held_out: frozenset[str] = frozenset()
               ) -> tuple[list[dict], list[list[int]], list[dict], list[str]]:
    """Items, their hashed features, the rules' worst severity per category, corpus names."""
    items, rows, rules, sources = [], [], [], []
    checkers: dict[Path, Checker] = {}
    rank = {"info": 0, "warn": 1, "block": 2}
    for path, clinics, prefix in corpora(held_out):
        for item in read_corpus(path):
            profile = clinic_file(clinics, str(item.get("clinic", "")), prefix)
            checker = checkers.get(profile)
            if checker is None:
                checker = checkers[profile] = Checker(load_clinic_file(profile),
                                                      use_model=False)
            text, evidence = checker.evidence(item["text"], kind=item.get("kind", "post"),
                                              reply_to=item.get("context") or "")
            feats = [f for bag in sentence_features(text, evidence) for f in bag]
            feats += text_features(text, evidence)
            rows.append(sorted({hashed(f) for f in feats}))
            worst: dict[str, str] = {}
            for f in evidence.findings:
                c, s = str(f.category), str(f.severity)
                if rank[s] > rank.get(worst.get(c, ""), -1):
                    worst[c] = s
            worst["identifying"] = "yes" if identifying(text.raw, evidence,
                                                        evidence.findings) else ""
            items.append(item)
            rules.append(worst)
            sources.append(path.stem)
    return items, rows, rules, sources


class Sparse:
    """Rows of binary features as flat index arrays (no scipy needed). Columns are the hashes
    that occur at all (``columns``), so training works on a few tens of thousands of weights
    rather than every bucket."""

    def __init__(self, rows: list[list[int]], columns: np.ndarray) -> None:
        flat = np.fromiter((i for r in rows for i in r), dtype=np.int64)
        self.indices = np.searchsorted(columns, flat)
        lengths = np.array([len(r) for r in rows], dtype=np.int64)
        self.row_of = np.repeat(np.arange(len(rows)), lengths)
        self.n = len(rows)
        self.width = len(columns)

    def dot(self, w: np.ndarray) -> np.ndarray:
        return np.bincount(self.row_of, weights=w[self.indices], minlength=self.n)

    def tdot(self, g: np.ndarray) -> np.ndarray:
        return np.bincount(self.indices, weights=g[self.row_of], minlength=self.width)


def fit(x: Sparse, y: np.ndarray, sample: np.ndarray, l2: float = 2e-3,
        steps: int = 300) -> tuple[np.ndarray, float]:
    """Logistic regression by full-batch Adam (deterministic), balanced class weights."""
    w, b = np.zeros(x.width), 0.0
    pos = max(y.sum(), 1.0)
    weight = sample * np.where(y > 0, 0.5 * len(y) / pos, 0.5 * len(y) / max(len(y) - pos, 1.0))
    m, v, mb, vb = np.zeros(x.width), np.zeros(x.width), 0.0, 0.0
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, steps + 1):
        z = x.dot(w) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        g = weight * (p - y) / len(y)
        gw = x.tdot(g) + l2 * w
        gb = g.sum()
        m = beta1 * m + (1 - beta1) * gw
        v = beta2 * v + (1 - beta2) * gw * gw
        mb = beta1 * mb + (1 - beta1) * gb
        vb = beta2 * vb + (1 - beta2) * gb * gb
        correction = np.sqrt(1 - beta2 ** step) / (1 - beta1 ** step)
        w -= rate * correction * m / (np.sqrt(v) + 1e-8)
        b -= rate * correction * mb / (np.sqrt(vb) + 1e-8)
    return w, b


def platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Fit p = sigmoid(a * score + c) on out-of-fold scores (Newton steps)."""
    a, c = 1.0, 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(a * scores + c, -30, 30)))
        ga, gc = ((p - y) * scores).sum(), (p - y).sum()
        h = p * (1 - p)
        haa, hac, hcc = (h * scores * scores).sum() + 1e-6, (h * scores).sum(), h.sum() + 1e-6
        det = haa * hcc - hac * hac
        a -= (hcc * ga - hac * gc) / det
        c -= (haa * gc - hac * ga) / det
    return float(a), float(c)


SEVERITY = {"": 0, "info": 0, "warn": 1, "block": 2}


class Outcomes:
    """The items' labels and the rules' verdicts as arrays, to replay the combination fast."""

    def __init__(self, labels: list[dict], rules: list[dict]) -> None:
        self.labelled = {c: np.array([bool(lab.get(c)) for lab in labels]) for c in CATEGORIES}
        self.to_block = np.array([lab.get("phi") == "block" for lab in labels])
        self.clean = ~np.any(np.vstack(list(self.labelled.values())), axis=0)
        self.rule = {c: np.array([SEVERITY[r.get(c, "")] for r in rules]) for c in CATEGORIES}
        self.identifying = np.array([bool(r.get("identifying")) for r in rules])


def decide(out: Outcomes, k: int, p: np.ndarray, limits: dict[str, float]) -> np.ndarray:
    """The combination of checking (combine.py) replayed: 0 nothing, 1 warn, 2 block."""
    c = CATEGORIES[k]
    rule = out.rule[c]
    flagged = rule >= 1
    result = np.where(flagged, rule, np.where(p >= limits["warn"], 1, 0))
    if c == "phi":
        result = np.where((p >= limits["block"]) & out.identifying, 2, result)
    return np.where(flagged & (p < limits.get("veto", 0.0)), rule - 1, result)


def evaluate(out: Outcomes, probs: np.ndarray, limits: dict[str, dict[str, float]],
             mask: np.ndarray | None = None) -> dict:
    mask = np.ones(len(out.clean), dtype=bool) if mask is None else mask
    decided = {c: decide(out, k, probs[:, k], limits[c]) for k, c in enumerate(CATEGORIES)}
    figures: dict[str, float] = {}
    for c in CATEGORIES:
        pos, neg = mask & out.labelled[c], mask & ~out.labelled[c]
        figures[f"recall_{c}"] = (decided[c][pos] >= 1).sum() / max(pos.sum(), 1)
        figures[f"false_{c}"] = (decided[c][neg] >= 1).sum() / max(neg.sum(), 1)
    blocked = mask & out.to_block
    figures["phi_blocked"] = (decided["phi"][blocked] == 2).sum() / max(blocked.sum(), 1)
    clean = mask & out.clean
    stacked = np.vstack([decided[c] for c in CATEGORIES])
    figures["clean_flagged"] = (stacked[:, clean] >= 1).any(axis=0).sum() / max(clean.sum(), 1)
    figures["clean_blocked"] = (stacked[:, clean] == 2).any(axis=0).sum() / max(clean.sum(), 1)
    return figures


def choose_limits(out: Outcomes, probs: np.ndarray, masks: list[np.ndarray]) -> dict:
    """Per category, the thresholds that score best on every slice in ``masks`` (all items, and
    the batches written before any rule was fitted to them): recall (and phi blocked) minus a
    heavy penalty for false flags over 0.07 and clean items blocked over 4 %."""
    limits = {c: {"warn": 1.01, "block": 1.01, "veto": 0.0} for c in CATEGORIES}
    for c in CATEGORIES:
        best, best_key = None, None
        for warn in [g for g in [*GRID, 1.01] if g >= MIN_WARN[c]]:
            for veto in [0.0, *[g for g in GRID if g <= MAX_VETO]]:
                blocks = ([x for x in [*GRID, 1.01] if x >= max(warn, MIN_BLOCK)]
                          if c == "phi" else [1.01])
                for block in blocks:
                    trial = dict(limits)
                    trial[c] = {"warn": warn, "block": block, "veto": veto}
                    key = 0.0
                    for mask in masks:
                        f = evaluate(out, probs, trial, mask)
                        key += f[f"recall_{c}"] - 4 * max(0.0, f[f"false_{c}"] - MAX_FALSE)
                        key -= 0.5 * f[f"false_{c}"]
                        if c == "phi":
                            key += f["phi_blocked"] - 4 * max(
                                0.0, f["clean_blocked"] - MAX_CLEAN_BLOCKED)
                    if best_key is None or key > best_key + 1e-9:
                        best, best_key = trial[c], key
        if best is not None:
            limits[c] = best
    return limits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "compliance" / "model")
    parser.add_argument("--keep", type=int, default=30000, help="features to ship at most")
    parser.add_argument("--dry-run", action="store_true", help="cross-validate, write nothing")
    parser.add_argument("--misses", type=Path, metavar="FILE",
                        help="write the items the out-of-fold combination gets wrong (JSON "
                        "lines: corpus, id, category, label, decision, probability), to read "
                        "what the checks still miss or flag wrongly")
    parser.add_argument("--hold-out", nargs="*", default=[], metavar="BATCH",
                        help="batches (e.g. batch-08) kept out of training, to be scored "
                        "afterwards with scripts/score_compliance.py as unseen text")
    args = parser.parse_args(argv)
    items, rows, rules, sources = read_items(frozenset(args.hold_out))
    labels = [item["labels"] for item in items]
    print(f"{len(items)} items from {len(set(sources))} corpora: "
          + ", ".join(f"{s} {sources.count(s)}" for s in sorted(set(sources))))
    y = np.array([[1.0 if lab.get(c) else 0.0 for c in CATEGORIES] for lab in labels])
    # Batches written before any rule was fitted to them are the realistic text: they count
    # double against the corpora the rules were fitted to.
    sample = np.array([BATCH_WEIGHT if s.startswith("batch") else 1.0 for s in sources])
    order = np.random.default_rng(args.seed).permutation(len(items))
    fold_of = np.empty(len(items), dtype=int)
    fold_of[order] = np.arange(len(items)) % args.folds
    scores = np.zeros((len(items), len(CATEGORIES)))
    columns = np.unique(np.fromiter((i for r in rows for i in r), dtype=np.int64))
    for fold in range(args.folds):
        train = [i for i in range(len(items)) if fold_of[i] != fold]
        test = [i for i in range(len(items)) if fold_of[i] == fold]
        x_train = Sparse([rows[i] for i in train], columns)
        x_test = Sparse([rows[i] for i in test], columns)
        for k in range(len(CATEGORIES)):
            w, b = fit(x_train, y[train, k], sample[train])
            scores[test, k] = x_test.dot(w) + b
        print(f"  fold {fold + 1}/{args.folds} done", flush=True)
    calibration = [platt(scores[:, k], y[:, k]) for k in range(len(CATEGORIES))]
    probs = np.column_stack([1.0 / (1.0 + np.exp(-(a * scores[:, k] + c)))
                             for k, (a, c) in enumerate(calibration)])
    out = Outcomes(labels, rules)
    rules_only = {c: {"warn": 1.01, "block": 1.01, "veto": 0.0} for c in CATEGORIES}
    # Thresholds must hold on all items and on the text written before any rule was fitted
    # to it (the batches), where the rules alone are at their weakest.
    unfitted = np.array([s.startswith("batch") for s in sources])
    masks = [np.ones(len(items), dtype=bool)] + ([unfitted] if unfitted.sum() >= 100 else [])
    limits = choose_limits(out, probs, masks)
    slices = [("all", np.ones(len(items), dtype=bool)),
              ("replies", np.array([i.get("kind") == "reply" for i in items])),
              ("spanish", np.array([i.get("lang") in ("es", "mixed") for i in items])),
              *((s, np.array([x == s for x in sources])) for s in sorted(set(sources)))]
    print(f"{args.folds}-fold cross-validation (out-of-fold), rules alone -> rules + model; "
          "each cell recall/false flags:")
    for name, mask in slices:
        if mask.any():
            _print_cv(f"  {name} ({mask.sum()}) rules", evaluate(out, probs, rules_only, mask))
            _print_cv(f"  {name} ({mask.sum()}) both ", evaluate(out, probs, limits, mask))
    print("thresholds:", json.dumps(limits))
    if args.misses:
        write_misses(args.misses, items, sources, out, probs, limits)
    if args.dry_run:
        return 0
    x_all = Sparse(rows, columns)
    weights, biases = [], []
    for k in range(len(CATEGORIES)):
        w, b = fit(x_all, y[:, k], sample)
        weights.append(w)
        biases.append(b)
    write_model(args.out, columns, np.vstack(weights), biases, calibration, limits, args,
                sources)
    return 0


def write_misses(path: Path, items: list[dict], sources: list[str], out: Outcomes,
                 probs: np.ndarray, limits: dict) -> None:
    """Every item and category the combination decides wrongly on the out-of-fold
    probabilities: a miss (labelled, nothing shown), an unblocked patient-information item,
    or a false flag."""
    names = ("nothing", "warn", "block")
    with path.open("w", encoding="utf-8") as sink:
        for k, c in enumerate(CATEGORIES):
            decided = decide(out, k, probs[:, k], limits[c])
            for i, item in enumerate(items):
                label = item["labels"].get(c, "")
                wrong = (bool(label) != bool(decided[i])
                         or (label == "block" and decided[i] < 2))
                if wrong:
                    sink.write(json.dumps({
                        "corpus": sources[i], "id": item.get("id", i), "category": c,
                        "label": label or "clean", "decision": names[int(decided[i])],
                        "probability": round(float(probs[i, k]), 3), "kind": item.get("kind"),
                        "lang": item.get("lang", "en"), "text": item["text"],
                        "context": item.get("context", "")}, ensure_ascii=False) + "\n")


def write_model(out: Path, columns: np.ndarray, weights: np.ndarray, biases: list[float],
                calibration: list, limits: dict, args: argparse.Namespace,
                sources: list[str]) -> None:
    strength = np.abs(weights).max(axis=0)
    keep = np.argsort(-strength)[: args.keep]
    keep = np.sort(keep[strength[keep] > 1e-3])
    out.mkdir(parents=True, exist_ok=True)
    hashes = array("I", columns[keep].astype(np.uint32).tolist())
    values = array("f", weights[:, keep].astype(np.float32).ravel().tolist())
    if sys.byteorder != "little":
        hashes.byteswap()
        values.byteswap()
    (out / "weights.bin").write_bytes(len(keep).to_bytes(4, "little") + hashes.tobytes()
                                      + values.tobytes())
    meta = {"categories": list(CATEGORIES), "bias": [float(b) for b in biases],
            "platt": [list(p) for p in calibration], "thresholds": limits,
            "features": len(keep), "hash_bits": BITS, "seed": args.seed,
            "folds": args.folds,
            "trained_on": {s: sources.count(s) for s in sorted(set(sources))},
            "held_out": sorted(args.hold_out)}
    (out / "model.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} ({len(keep)} features)")


def _print_cv(title: str, figures: dict) -> None:
    cells = "  ".join(f"{c} {figures[f'recall_{c}']:.2f}/{figures[f'false_{c}']:.2f}"
                      for c in CATEGORIES)
    print(f"{title}: {cells}  phi blocked {figures['phi_blocked']:.2f}  clean flagged "
          f"{figures['clean_flagged']:.2f} blocked {figures['clean_blocked']:.2f}")


if __name__ == "__main__":
    sys.exit(main())
