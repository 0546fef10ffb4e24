"""The shipped linear model: one calibrated logistic model per category, pure-Python inference.

Weights live in ``resources/compliance/model/``: ``model.json`` (categories, biases, Platt
calibration, thresholds, how it was trained) and ``weights.bin`` (little-endian: the number
of features, their hashes as unsigned 32-bit integers, then one 32-bit float per feature and
category, category by category). Only features that carry weight are shipped.
"""

from __future__ import annotations

import json
import math
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from clinicstudio.compliance.model.features import (
    Evidence,
    hashed,
    sentence_features,
    text_features,
)
from clinicstudio.compliance.text import Text
from clinicstudio.resources import resource_path

CATEGORIES = ("phi", "claim", "advice", "endorsement", "attribute")


@dataclass(frozen=True, slots=True)
class Verdict:
    """The model's view of one category: its calibrated probability and the sentence that
    carries most of the evidence (index into ``Text.sentences``, -1 when none does)."""

    category: str
    probability: float
    sentence: int


class WeightTable:
    """Each feature's weights per category, read straight from the shipped arrays. Building a
    tuple per feature at load took about 100 ms of every start; a lookup builds one on demand."""

    def __init__(self, hashes: array, values: array, width: int) -> None:
        count = len(hashes)
        self._index = dict(zip(hashes, range(count), strict=True))
        self._columns = [values[i * count:(i + 1) * count] for i in range(width)]
        self._rows: dict[int, tuple[float, ...]] = {}

    def __len__(self) -> int:
        return len(self._index)

    def get(self, key: int) -> tuple[float, ...] | None:
        row = self._rows.get(key)
        if row is None:
            at = self._index.get(key)
            if at is None:
                return None
            # Kept: typing re-checks the same words on every keystroke.
            row = self._rows[key] = tuple(column[at] for column in self._columns)
        return row


@dataclass(frozen=True)
class LinearModel:
    categories: tuple[str, ...]
    bias: tuple[float, ...]
    platt: tuple[tuple[float, float], ...]  # (a, b): p = sigmoid(a * score + b)
    weights: WeightTable | Mapping[int, Sequence[float]]  # a plain mapping in tests
    thresholds: dict[str, dict[str, float]]
    meta: dict

    @classmethod
    def load(cls, folder: Path | None = None) -> LinearModel | None:
        """The shipped model, or None when none is shipped (the rules then work alone)."""
        folder = folder or resource_path("compliance", "model")
        meta_path, weights_path = folder / "model.json", folder / "weights.bin"
        if not meta_path.is_file() or not weights_path.is_file():
            return None
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        raw = weights_path.read_bytes()
        count = int.from_bytes(raw[:4], "little")
        hashes = array("I")
        hashes.frombytes(raw[4:4 + 4 * count])
        values = array("f")
        values.frombytes(raw[4 + 4 * count:])
        categories = tuple(meta["categories"])
        weights = WeightTable(hashes, values, len(categories))
        return cls(categories, tuple(meta["bias"]), tuple(tuple(p) for p in meta["platt"]),
                   weights, meta["thresholds"], meta)

    def judge(self, text: Text, evidence: Evidence) -> list[Verdict]:
        """One verdict per category for the whole text."""
        # Features count by presence, as in training; each sentence's own share is kept to
        # point at the sentence that carries the evidence.
        width = len(self.categories)
        get = self.weights.get
        seen: set[int] = set()
        counted: list[Sequence[float]] = []  # each feature's row once, for the whole text
        shares = []
        # Rows are summed column by column with the built-in sum (a loop in C), which is most
        # of what keeps the model at about a millisecond a post.
        for bag in sentence_features(text, evidence):
            keys = {hashed(f) for f in bag}
            rows = [row for key in keys if (row := get(key)) is not None]
            shares.append(_column_sums(rows, width))
            counted.extend(row for key in keys - seen if (row := get(key)) is not None)
            seen |= keys
        for key in {hashed(f) for f in text_features(text, evidence)} - seen:
            row = get(key)
            if row is not None:
                counted.append(row)
        totals = _column_sums(counted, width)
        verdicts = []
        for i, category in enumerate(self.categories):
            a, b = self.platt[i]
            score = totals[i] + self.bias[i]
            best = max(range(len(shares)), key=lambda s: shares[s][i], default=-1)
            if best >= 0 and shares[best][i] <= 0:
                best = -1
            verdicts.append(Verdict(category, _sigmoid(a * score + b), best))
        return verdicts


def _column_sums(rows: list[Sequence[float]], width: int) -> list[float]:
    """Each category's total over ``rows`` (one row per feature)."""
    return [sum(column) for column in zip(*rows, strict=True)] if rows else [0.0] * width


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@cache
def shipped_model() -> LinearModel | None:
    return LinearModel.load()
