"""The fast grapheme counter and cut points agree with the full Unicode rules everywhere."""

from __future__ import annotations

import random

import regex

from clinicstudio.platforms.counting.graphemes import (
    boundary_at_or_before,
    grapheme_count,
    index_after,
)

_CLUSTER = regex.compile(r"\X")
# Plain letters mixed with everything that can join code points into one cluster.
_POOL = [
    *"abc é\r\n", "\u0301", "\u200d", "\ufe0f", "🧑", "⚕", "🇺", "🇸", "👍", "🏽", "\u1100",
    "\u1161", "\u11a8", "가", "\u0915", "\u094d", "\u0937", "\u0e33", "\U000E0067", "🏴",
    "\u0600", "\u0d4e",
]


def _samples(count: int = 3000) -> list[str]:
    rng = random.Random(4)
    return ["".join(rng.choice(_POOL) for _ in range(rng.randint(0, 30))) for _ in range(count)]


def test_count_matches_the_unicode_rules() -> None:
    for text in _samples():
        assert grapheme_count(text) == len(_CLUSTER.findall(text)), repr(text)


def test_cut_points_fall_on_cluster_boundaries() -> None:
    for text in _samples(800):
        starts = [m.start() for m in _CLUSTER.finditer(text)] + [len(text)]
        for clusters in range(len(starts)):
            assert index_after(text, clusters) == starts[clusters], (repr(text), clusters)
        for index in range(len(text) + 1):
            assert boundary_at_or_before(text, index) == max(s for s in starts if s <= index)
