"""A small offline tone check: is a comment negative or angry, so it gets a calm answer.

Word lists live in ``resources/inbox/tone.toml``. Shouting (words in capitals, "!!") turns a
negative comment with an angry word into an angry one. Nothing leaves the computer.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from clinicstudio.resources import resource_path

_SHOUTED_WORD = re.compile(r"\b[A-Z]{4,}\b")


@dataclass(frozen=True)
class ToneLexicon:
    angry: re.Pattern[str]
    negative: re.Pattern[str]
    advice: dict[str, str]


def _alternation(words: list[str]) -> re.Pattern[str]:
    ordered = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ordered) + r")\b", re.IGNORECASE)


@cache
def tone_lexicon() -> ToneLexicon:
    with open(resource_path("inbox", "tone.toml"), "rb") as handle:
        data = tomllib.load(handle)
    return ToneLexicon(_alternation(data["angry"]), _alternation(data["negative"]),
                       {k: " ".join(v.split()) for k, v in data["advice"].items()})


def tone_of(text: str) -> str:
    """``"angry"``, ``"negative"`` or ``""`` for a calm or happy comment."""
    lexicon = tone_lexicon()
    angry = len(lexicon.angry.findall(text))
    negative = len(lexicon.negative.findall(text))
    shouting = len(_SHOUTED_WORD.findall(text)) >= 2 or "!!" in text
    if angry >= 2 or (angry and shouting):
        return "angry"
    if angry or negative:
        return "negative"
    return ""


def calm_advice(tone: str) -> str:
    """What to keep in mind when answering a comment of this tone ("" when calm)."""
    return tone_lexicon().advice.get(tone, "")
