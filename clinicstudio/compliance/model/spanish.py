"""Spanish evidence for the model: care words and per-category cue phrases.

The lists live in ``resources/lexicons/spanish_care.txt`` and ``spanish_cues.txt``. A cue is
evidence the model weighs, never a finding by itself.
"""

from __future__ import annotations

import re
from functools import cache

from clinicstudio.resources import resource_path


def _lines(name: str) -> list[str]:
    text = resource_path("lexicons", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


def _alternation(terms: list[str]) -> str:
    return "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))


@cache
def _patterns() -> tuple[re.Pattern[str], list[tuple[str, re.Pattern[str]]]]:
    care = re.compile(rf"(?<!\w)(?:{_alternation(_lines('spanish_care.txt'))})(?!\w)")
    groups: dict[str, list[str]] = {}
    for line in _lines("spanish_cues.txt"):
        category, _, phrase = line.partition(":")
        groups.setdefault(category.strip(), []).append(phrase.strip().lower())
    cues = [(category, re.compile(rf"(?<!\w)(?:{_alternation(terms)})(?![\w])"))
            for category, terms in groups.items()]
    return care, cues


def spanish_care_pattern() -> re.Pattern[str]:
    """Spanish care words (conditions, procedures, visits), lower case."""
    return _patterns()[0]


_MARKERS = re.compile(r"[¿¡ñ]|(?<!\w)(?:el|los|las|del|por|para|su|sus|una|muy|gracias|usted|"
                      r"nuestro|nuestra|está|también|pero|cuando|tiene|hola)(?!\w)")


def has_spanish(lowered: str) -> bool:
    return _MARKERS.search(lowered) is not None


def spanish_cues(lowered: str) -> list[str]:
    """``es:*`` features for a lower-cased sentence; nothing for a sentence with no Spanish."""
    if not _MARKERS.search(lowered):
        return []
    care, cues = _patterns()
    out = ["es"]
    if care.search(lowered):
        out.append("es:care")
    out.extend(f"es:{category}" for category, pattern in cues if pattern.search(lowered))
    return out
