"""Converting between Python string indices (what findings use) and Qt's UTF-16 positions.

They differ only after a character outside the Basic Multilingual Plane (most emoji), so the
common case costs one scan of the text.
"""

from __future__ import annotations

import bisect


class Spans:
    def __init__(self, text: str) -> None:
        # Python indices of the characters that take two UTF-16 units.
        self._wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if any(
            ord(ch) > 0xFFFF for ch in text) else []

    def to_qt(self, index: int) -> int:
        return index + bisect.bisect_left(self._wide, index)

    def to_python(self, position: int) -> int:
        index = position
        for count, wide in enumerate(self._wide):
            if wide + count >= position:
                break
            index -= 1
        return index
