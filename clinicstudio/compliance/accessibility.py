"""Accessibility: hashtags screen readers cannot split, images without alt text, emoji that get
in the way, and "fancy" Unicode letters that screen readers skip."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from clinicstudio.compliance.rulepack import RulePack
from clinicstudio.compliance.text import Text
from clinicstudio.domain import Finding, Fix

_HASHTAG = re.compile(r"(?<![\w#])#([a-z0-9]{8,60})\b")
_FANCY = re.compile("[\U0001d400-\U0001d7ff\uff21-\uff3a\uff41-\uff5a\u24b6-\u24e9"
                    "\U0001f130-\U0001f189]+(?:[ \t]*[\U0001d400-\U0001d7ff\uff21-\uff3a"
                    "\uff41-\uff5a\u24b6-\u24e9\U0001f130-\U0001f189]+)*")
# Pictographs with their variation selectors, skin tones and zero-width-joiner sequences.
_PICTO = ("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\u2190-\u21ff"
          "\u3030\u303d\u3297\u3299]")
_EMOJI = re.compile(f"{_PICTO}[\ufe0f\U0001f3fb-\U0001f3ff]*(?:\u200d{_PICTO}[\ufe0f"
                    "\U0001f3fb-\U0001f3ff]*)*")
_EMOTICON = re.compile(r"(?<![\w:/])(?:[:;=8][\-o*']?[)(\]\[dDpP/\\|]|<3)(?![\w/])")
_USELESS_ALT = re.compile(r"^\s*(?:|img[\w-]*|image|photo|picture|pic|dsc[\w-]*|screenshot"
                          r"[\w ()-]*|[\w-]+\.(?:jpe?g|png|gif|heic|webp))\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ImageFacts:
    """What the studio knows about an attached image."""

    alt_text: str
    consent_ref: str = ""
    shows_person: bool | None = None


class AccessibilityChecker:
    def __init__(self, rules: RulePack, words: dict[str, int], medical: frozenset[str]) -> None:
        self._rules = rules
        # Words a hashtag may be split into: common English words and medical words.
        self._split_words = {w for w, n in words.items() if n >= 2000 and (len(w) > 1 or w in
                                                                         "ai")} | set(medical)

    def split_hashtag(self, body: str) -> list[str] | None:
        """The fewest known words that make up ``body``, or None."""
        n = len(body)
        best: list[list[str] | None] = [None] * (n + 1)
        best[0] = []
        for end in range(1, n + 1):
            for start in range(max(0, end - 20), end):
                prefix = best[start]
                piece = body[start:end]
                if prefix is None or not (piece in self._split_words or piece.isdigit()):
                    continue
                if best[end] is None or len(prefix) + 1 < len(best[end]):  # type: ignore[arg-type]
                    best[end] = [*prefix, piece]
        return best[n]

    def check(self, text: Text, images: Sequence[ImageFacts]) -> list[Finding]:
        findings: list[Finding] = []
        raw = text.raw
        hashtag_rule = self._rules["A11Y-002"]
        for match in _HASHTAG.finditer(raw):
            body = match.group(1)
            if body in self._split_words or body.isdigit():
                continue
            parts = self.split_hashtag(body)
            if not parts or len(parts) < 2:
                continue
            camel = "#" + "".join(p[:1].upper() + p[1:] for p in parts)
            findings.append(hashtag_rule.finding(
                *match.span(), fixes=(Fix(f"Replace with “{camel}”", *match.span(), camel),)))
        fancy_rule = self._rules["A11Y-006"]
        for match in _FANCY.finditer(raw):
            plain = unicodedata.normalize("NFKC", match.group())
            plain = "".join(_squared_letter(ch) for ch in plain)
            findings.append(fancy_rule.finding(
                *match.span(), fixes=(Fix("Use plain letters", *match.span(), plain),)))
        findings.extend(self._emoji(raw))
        alt_rule = self._rules["A11Y-003"]
        for number, image in enumerate(images, start=1):
            if _USELESS_ALT.match(image.alt_text or "") or len(image.alt_text.strip()) < 5:
                findings.append(alt_rule.finding(
                    0, 0, message=f"Image {number} has no useful alt text. People using screen "
                                  "readers will not know what it shows."))
        return findings

    def _emoji(self, raw: str) -> list[Finding]:
        rule = self._rules["A11Y-005"]
        findings: list[Finding] = []
        found = [{"match_start": m.start(), "match_end": m.end()} for m in _EMOJI.finditer(raw)]
        # Runs of four or more emoji in a row.
        run: list[dict] = []
        for item in [*found, None]:
            if item is not None and run and item["match_start"] == run[-1]["match_end"]:
                run.append(item)
                continue
            if len(run) >= 4:
                findings.append(rule.finding(run[0]["match_start"], run[-1]["match_end"]))
            run = [item] if item is not None else []
        # Emoji as bullets: two or more lines that start with an emoji.
        line_starts = {0} | {m.end() for m in re.finditer(r"\n[ \t]*", raw)}
        bullets = [e for e in found if e["match_start"] in line_starts]
        if len(bullets) >= 2:
            findings.extend(rule.finding(e["match_start"], e["match_end"]) for e in bullets)
        # Emoji standing inside a sentence ("Get 👉 your 👈 flu shot"), or the same emoji used
        # three or more times as a separator ("✨ Cleanings ✨ Whitening ✨ Implants").
        between = [e for e in found
                   if re.fullmatch(r"\w ", raw[max(0, e["match_start"] - 2):e["match_start"]])
                   and re.fullmatch(r" \w", raw[e["match_end"]:e["match_end"] + 2])]
        counts: dict[str, int] = {}
        for item in found:
            key = raw[item["match_start"]:item["match_end"]]
            counts[key] = counts.get(key, 0) + 1
        # The same emoji three times counts as separators even when one opens the line
        # ("✅ Free consult ✅ Flexible payments ✅ Evening hours").
        for item in between:
            start, end = item["match_start"], item["match_end"]
            if raw[end + 1].islower() or counts[raw[start:end]] >= 3:
                findings.append(rule.finding(start, end))
        for match in _EMOTICON.finditer(raw):
            findings.append(rule.finding(*match.span()))
        return findings


def _squared_letter(char: str) -> str:
    code = ord(char)
    if 0x1F130 <= code <= 0x1F149:
        return chr(ord("A") + code - 0x1F130)
    if 0x1F150 <= code <= 0x1F169:
        return chr(ord("A") + code - 0x1F150)
    if 0x1F170 <= code <= 0x1F189:
        return chr(ord("A") + code - 0x1F170)
    return char
