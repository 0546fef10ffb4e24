"""User-perceived characters (extended grapheme clusters) and UTF-16 lengths.

Bluesky and Mastodon count grapheme clusters: "é" typed as e + accent is one, 🧑‍⚕️ is one.
Facebook, Instagram and LinkedIn count in their web apps, i.e. UTF-16 code units, where most
emoji are two; counting that way never lets through a post those networks would cut.
"""

from __future__ import annotations

import regex

_GRAPHEME = regex.compile(r"\X")


def grapheme_count(text: str) -> int:
    if text.isascii():
        # In ASCII only CR LF joins two code points into one cluster.
        return len(text) - text.count("\r\n")
    return len(_GRAPHEME.findall(text))


def grapheme_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _GRAPHEME.finditer(text)]


def utf16_length(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def utf8_length(text: str) -> int:
    return len(text.encode("utf-8"))
