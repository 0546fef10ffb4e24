"""User-perceived characters (extended grapheme clusters) and UTF-16 lengths.

Bluesky and Mastodon count grapheme clusters: "é" typed as e + accent is one, 🧑‍⚕️ is one.
Facebook, Instagram and LinkedIn count in their web apps, i.e. UTF-16 code units, where most
emoji are two; counting that way never lets through a post those networks would cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import chain

import regex

_GRAPHEME = regex.compile(r"\X")

# Code points that can join a neighbour into one cluster (by their Grapheme_Cluster_Break
# class). Between two code points outside this set there is always a cluster boundary, so only
# the short "islands" around them need the full \\X rules and a long post counts at C speed.
_JOINING = "".join(
    rf"\p{{GCB={name}}}"
    for name in ("Extend", "ZWJ", "SpacingMark", "Prepend", "Regional_Indicator",
                 "L", "V", "T", "LV", "LVT", "CR", "LF")
)


@cache
def _joining_runs() -> re.Pattern[str]:
    """Runs of joining code points, as a plain ``re`` class of ranges (built once, ~60 ms):
    a class of Unicode properties costs far more per character."""
    one = regex.compile(f"[{_JOINING}]")
    codes = [c for c in chain(range(0x20000), range(0xE0000, 0xE1000)) if one.match(chr(c))]
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges)
    return re.compile(f"[{parts}]+")


@lru_cache(maxsize=64)
def _islands(text: str) -> tuple[tuple[int, int], ...]:
    """Where clusters may span several code points. An island is a run of joining points with
    the point before (its base) and the point after (ZWJ + emoji, an Indic conjunct); islands
    closer than that are merged, so every island starts and ends on a cluster boundary."""
    islands: list[list[int]] = []
    for run in _joining_runs().finditer(text):
        start, end = max(run.start() - 1, 0), min(run.end() + 1, len(text))
        if islands and start < islands[-1][1]:
            islands[-1][1] = end
        else:
            islands.append([start, end])
    return tuple((start, end) for start, end in islands)


@lru_cache(maxsize=64)
def grapheme_count(text: str) -> int:
    if text.isascii():
        # In ASCII only CR LF joins two code points into one cluster.
        return len(text) - text.count("\r\n")
    count = len(text)
    for start, end in _islands(text):
        count -= (end - start) - len(_GRAPHEME.findall(text, start, end))
    return count


def cluster_starts(text: str, start: int, end: int) -> Iterator[int]:
    """Start index of every cluster in ``text[start:end]`` (both on cluster boundaries)."""
    position = start
    for island_start, island_end in _islands(text):
        if island_end <= start:
            continue
        if island_start >= end:
            break
        yield from range(position, max(island_start, position))
        for match in _GRAPHEME.finditer(text, max(island_start, start), min(island_end, end)):
            yield match.start()
        position = min(island_end, end)
    yield from range(position, end)


def index_after(text: str, clusters: int, start: int = 0, end: int | None = None) -> int:
    """The index after the first ``clusters`` clusters of ``text[start:end]`` (or ``end``)."""
    end = len(text) if end is None else end
    for seen, index in enumerate(cluster_starts(text, start, end)):
        if seen == clusters:
            return index
    return end


def boundary_at_or_before(text: str, index: int) -> int:
    """The last cluster boundary not after ``index``."""
    for island_start, island_end in _islands(text):
        if island_start < index < island_end:
            starts = [m.start() for m in _GRAPHEME.finditer(text, island_start, island_end)]
            return max(s for s in starts if s <= index)
    return index


def iter_graphemes(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each cluster, lazily, so a walk can stop at a limit."""
    for match in _GRAPHEME.finditer(text):
        yield match.span()


def grapheme_spans(text: str) -> list[tuple[int, int]]:
    return list(iter_graphemes(text))


def utf16_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def utf8_length(text: str) -> int:
    return len(text.encode("utf-8"))
