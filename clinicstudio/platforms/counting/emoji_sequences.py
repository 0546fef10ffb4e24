"""Finding whole emoji sequences, so that a ZWJ sequence such as 🧑‍⚕️ (health worker) is one unit.

X weighs every emoji as 2 however many code points it is made of. The sequence list comes from
the ``emoji`` package (current Unicode), which is newer than the data X's reference library
shipped with; that is deliberate: X itself counts 🧑‍⚕️ as 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import emoji

_VS16 = "\ufe0f"
_KEYCAP = "\u20e3"


# Every emoji starts with ©, ® or a code point from U+2000 up, except keycaps (a digit, '#' or
# '*' followed by the keycap mark). A plain class like this is scanned in C very fast; the exact
# check happens only at the few places it finds.
_CANDIDATES = re.compile("[\u00a9\u00ae\u2000-\U0010ffff]|[0-9#*](?=\ufe0f?\u20e3)")


@dataclass(frozen=True, slots=True)
class _EmojiTable:
    sequences: frozenset[str]
    starts: frozenset[str]
    longest: int


@cache
def _table() -> _EmojiTable:
    sequences: set[str] = set()
    for sequence in emoji.EMOJI_DATA:
        sequences.add(sequence)
        # People type sequences with and without the emoji presentation selector.
        sequences.add(sequence.replace(_VS16, ""))
        if len(sequence) == 1:
            sequences.add(sequence + _VS16)
    sequences.discard("")
    starts = frozenset(s[0] for s in sequences)
    return _EmojiTable(frozenset(sequences), starts, max(len(s) for s in sequences))


@lru_cache(maxsize=32)
def emoji_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each emoji sequence in ``text``, longest match first, in order."""
    if text.isascii():
        return ()
    table = _table()
    spans: list[tuple[int, int]] = []
    position = 0
    for candidate in _CANDIDATES.finditer(text):
        start = candidate.start()
        if start < position or text[start] not in table.starts:
            continue
        for length in range(min(table.longest, len(text) - start), 0, -1):
            if text[start : start + length] in table.sequences:
                spans.append((start, start + length))
                position = start + length
                break
    return tuple(spans)
