"""X's weighted post length (twitter-text v3 rules), with the point where a post stops fitting.

The rules, after NFC normalisation: every link weighs 23, every emoji sequence 2, code points
in a few Latin and punctuation ranges 1 and everything else (CJK, other scripts) 2. A post is
valid when it weighs between 1 and 280 and holds none of a handful of invalid characters.
The weights live in a config (v3 is current; v2 and v1 only exist for the conformance suite).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import regex

from clinicstudio.platforms.counting.emoji_sequences import emoji_spans
from clinicstudio.platforms.counting.urls import extract_urls


@dataclass(frozen=True, slots=True)
class WeightConfig:
    """One version of the twitter-text weighting rules (the fields of config-vN.json)."""

    max_weighted_length: int = 280
    scale: int = 100
    default_weight: int = 200
    emoji_parsing: bool = True
    transformed_url_length: int = 23
    ranges: tuple[tuple[int, int, int], ...] = (
        (0, 4351, 100),
        (8192, 8205, 100),
        (8208, 8223, 100),
        (8242, 8247, 100),
    )

    @classmethod
    def from_json(cls, data: dict[str, object]) -> WeightConfig:
        ranges = data.get("ranges", [])
        assert isinstance(ranges, list)
        return cls(
            max_weighted_length=int(str(data["maxWeightedTweetLength"])),
            scale=int(str(data["scale"])),
            default_weight=int(str(data["defaultWeight"])),
            emoji_parsing=bool(data.get("emojiParsingEnabled", False)),
            transformed_url_length=int(str(data.get("transformedURLLength", 23))),
            ranges=tuple((int(r["start"]), int(r["end"]), int(r["weight"])) for r in ranges),
        )

    heavy: regex.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # One class of the characters outside the cheap ranges lets us weigh a long post in C:
        # in a typical post they are few, so finding them all is quick.
        parts = "".join(f"\\U{start:08x}-\\U{end:08x}" for start, end, _ in self.ranges)
        object.__setattr__(self, "heavy", regex.compile(f"[^{parts}]"))

    def weight_of(self, char: str) -> int:
        code = ord(char)
        for start, end, weight in self.ranges:
            if start <= code <= end:
                return weight
        return self.default_weight


V3 = WeightConfig()
_INVALID = regex.compile("[\ufffe\ufeff\uffff]")


@dataclass(frozen=True, slots=True)
class ParsedPost:
    """What X makes of a post. ``fits_until`` is the Python index in the original text where
    the part that fits ends (``len(text)`` when it all fits)."""

    weighted_length: int
    valid: bool
    permillage: int
    valid_range_end: int
    display_range_end: int
    fits_until: int


def _utf16_length(text: str) -> int:
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF) if not text.isascii() else len(text)


def _units(
    text: str, config: WeightConfig, stop_after: int | None = None
) -> list[tuple[int, int, int]]:
    """(start, end, weight) for every counted unit: links, emoji sequences, single code points."""
    special: dict[int, tuple[int, int]] = {}
    for url in extract_urls(text):
        special[url.start] = (url.end, config.transformed_url_length * config.scale)
    if config.emoji_parsing:
        for start, end in emoji_spans(text):
            special.setdefault(start, (end, config.default_weight))
    units: list[tuple[int, int, int]] = []
    index = 0
    total = 0
    while index < len(text) and (stop_after is None or total <= stop_after):
        if index in special:
            end, weight = special[index]
        else:
            end, weight = index + 1, config.weight_of(text[index])
        units.append((index, end, weight))
        total += weight
        index = end
    return units


def weighted_length(text: str, config: WeightConfig = V3) -> int:
    """The length X shows in its counter (280 is the limit). Fast: no per-character loop."""
    if any(weight != 100 for _, _, weight in config.ranges):
        return parse(text, config).weighted_length
    text = unicodedata.normalize("NFC", text)
    total = _plain_weight(text, config)
    urls = extract_urls(text)
    for url in urls:
        total += config.transformed_url_length * config.scale
        total -= _plain_weight(text[url.start : url.end], config)
    if config.emoji_parsing:
        for start, end in emoji_spans(text):
            if any(url.start <= start < url.end for url in urls):
                continue
            total += config.default_weight - _plain_weight(text[start:end], config)
    return total // config.scale


def _plain_weight(piece: str, config: WeightConfig) -> int:
    heavy = len(config.heavy.findall(piece)) if not piece.isascii() else 0
    return (len(piece) - heavy) * 100 + heavy * config.default_weight


def fits_until(text: str, config: WeightConfig = V3) -> int:
    """The Python index in ``text`` where the part X accepts ends (``len(text)`` if it all fits).

    Walks only as far as the limit, so it stays cheap on a long post. Indices refer to the NFC
    text; for text that NFC changes they are shifted the way twitter-text shifts its ranges."""
    normalized = unicodedata.normalize("NFC", text)
    limit = config.max_weighted_length * config.scale
    total = 0
    end = 0
    for _, unit_end, weight in _units(normalized, config, stop_after=limit):
        total += weight
        if total > limit:
            break
        end = unit_end
    else:
        return len(text)
    return min(max(end + len(text) - len(normalized), 0), len(text))


def parse(original: str, config: WeightConfig = V3) -> ParsedPost:
    """The full twitter-text result, including where the text stops fitting (slower)."""
    text = unicodedata.normalize("NFC", original)
    limit = config.max_weighted_length * config.scale
    total = 0
    valid = True
    valid_index = 0  # UTF-16 index of the last code unit that still fits, as twitter-text has it
    fits_until = 0
    utf16 = 0
    for start, end, weight in _units(text, config):
        total += weight
        piece = text[start:end]
        utf16 += _utf16_length(piece)
        if valid and _INVALID.search(piece[-1]):
            valid = False
        if valid and total <= limit:
            valid_index = utf16 - 1
            fits_until = end
    length = total // config.scale
    offset = _utf16_length(original) - _utf16_length(text)
    if fits_until == len(text):
        fits_until = len(original)
    return ParsedPost(
        weighted_length=length,
        valid=valid and 0 < length <= config.max_weighted_length,
        permillage=(length * 1000) // config.max_weighted_length,
        valid_range_end=valid_index + offset,
        display_range_end=max(_utf16_length(original) - 1, 0),
        fits_until=fits_until,
    )
