"""Reading a post once: words with their positions, sentences, and negation around a word.

Every check works on the same :class:`Text`, built once per ``check()`` call, so the cost of
splitting a post is paid once however many rules look at it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple


def plain(word: str) -> str:
    """``word`` without accents ("Sofía" -> "Sofia"): a profile and a post may spell the same
    name with or without them."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(c))


def words(spaced: str) -> frozenset[str]:
    """A set of words written as one spaced string (easier to read and edit than a list)."""
    return frozenset(spaced.split())


# Words keep inner apostrophes and hyphens ("Parkinson's", "follow-up"); @handles, #hashtags,
# e-mail addresses and links are their own kinds of token so word rules can skip them.
_TOKEN = re.compile(
    r"(?P<url>(?:https?://|www\.)\S+|\b[\w-]{1,63}(?:\.[\w-]{1,63}){0,5}\.(?:com|org|net|health|"
    r"care|clinic|us|io|co)\b(?:/\S*)?)"
    r"|(?P<email>\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5})"
    r"|(?P<handle>(?<![\w@])@[\w.]*\w)"
    r"|(?P<hashtag>(?<!\w)#\w+)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*)"
    r"|(?P<number>\d+(?:[.,:/-]\d+)*)",
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*(?=\s|$)|\n+")
# A full stop after these is part of an abbreviation or an initial, not the end of a sentence.
_ABBREVIATION = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|St|Mt|Ave|Rd|vs|No|Jr|Sr|Inc|approx|e\.g|i\.e|"
                           r"Sgt|Lt|Capt|Cpl|Col|Maj|Det|Prof|Rev|Sra|Srta|Blvd|Dept)"
                           r"|(?<![\w.])[A-Z])$")
# Words that turn the next few words around: "no cure", "not FDA-approved", "can't guarantee".
NEGATORS = words("no not never none nothing without cannot can't won't don't doesn't didn't isn't "
                 "aren't wasn't weren't shouldn't couldn't nor neither nobody lack lacks")
WINDOW_REACH = 400  # characters
# Every space that is not " ": Text.flat writes them as " " so rule prefixes written with \s
# can be found with str.find.
OTHER_SPACES = re.compile("[\t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
                           "\x1c-\x1f\x85]")
# A negation reaches no further than the clause it is in.
_CLAUSE_BREAK = words(", ; : but however although though while whereas")


class Token(NamedTuple):  # a tuple: a post has hundreds of tokens, and tuples build fastest
    text: str
    kind: str  # word, number, url, email, handle, hashtag
    start: int
    end: int
    lower: str  # lower case, typographic apostrophes made plain


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    index: int


class Text:
    """A post split into tokens and sentences, with helpers the rules share."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        lower = raw.lower()
        if len(lower) != len(raw):
            # A few letters grow when lowered ("İ"); keep offsets shared by raw and lower.
            lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in raw)
        self.lower = lower.replace("’", "'")
        # Every kind of space as " ", so rule prefixes written with \s can be found with find().
        self.flat = OTHER_SPACES.sub(" ", self.lower)
        lower_text, new = self.lower, Token.__new__
        self.tokens: list[Token] = [
            new(Token, raw[(s := m.start()):(e := m.end())], m.lastgroup or "word", s, e,
                lower_text[s:e])
            for m in _TOKEN.finditer(raw)
        ]
        self._token_starts = [t.start for t in self.tokens]
        self.sentences = _split_sentences(raw)
        self._sentence_starts = [s.start for s in self.sentences]
        # Filled in by lexicons.Tagger: the text with lexicon terms tagged, and their spans.
        self.masked = self.lower
        self.tags: list[tuple[int, int, int]] = []
        self._tag_starts: list[int] = []

    def tag(self, masked: str, tags: list[tuple[int, int, int]]) -> None:
        self.masked, self.tags = masked, tags
        self._tag_starts = [start for start, _, _ in tags]

    def tagged(self, bits: int, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Spans of terms from the lexicons in ``bits`` that lie within ``start..end``."""
        stop = len(self.raw) if end is None else end
        first = bisect_right(self._tag_starts, start - 1)
        found = []
        for s, e, b in self.tags[first:]:
            if s >= stop:
                break
            if b & bits and e <= stop:
                found.append((s, e))
        return found

    @cached_property
    def words(self) -> list[Token]:
        return [t for t in self.tokens if t.kind == "word"]

    def token_index_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect_right(self._token_starts, offset - 1)

    def sentence_at(self, offset: int) -> Sentence:
        index = max(0, bisect_right(self._sentence_starts, offset) - 1)
        return self.sentences[index]

    def sentence_text(self, offset: int) -> str:
        sentence = self.sentence_at(offset)
        return self.lower[sentence.start : sentence.end]

    def window(self, start: int, end: int, before: int = 1, after: int = 1) -> tuple[int, int]:
        """The span of the sentences around ``start..end``, ``before``/``after`` sentences wide."""
        first = self.sentence_at(start).index
        last = self.sentence_at(max(start, end - 1)).index
        lo = self.sentences[max(0, first - before)].start
        hi = self.sentences[min(len(self.sentences) - 1, last + after)].end
        # A text with no sentence ends (a pasted list, a wall of numbers) would otherwise make
        # every window the whole text; context further than this is not "nearby" anyway.
        return max(lo, start - WINDOW_REACH), min(hi, end + WINDOW_REACH)

    def negated(self, offset: int, reach: int = 4) -> bool:
        """True when one of the ``reach`` words before ``offset`` negates it, in the same clause."""
        index = self.token_index_at(offset)
        for seen, i in enumerate(range(index - 1, -1, -1)):
            token = self.tokens[i]
            between = self.raw[token.end : self.tokens[i + 1].start if i + 1 < len(self.tokens)
                               else offset]
            if any(mark in between for mark in ",;:.!?\n") or token.lower in _CLAUSE_BREAK:
                return False
            if token.lower in NEGATORS or token.lower.endswith("n't"):
                return True
            if token.lower in _NEGATION_FILLERS:
                continue  # "no such thing as a risk-free ...": filler words do not count
            if seen + 1 >= reach:
                return False
        return False


# Words of a negated idiom that sit between the negator and what it negates.
_NEGATION_FILLERS = frozenset({"such", "thing", "as", "a", "an", "truly", "really", "single"})


def _split_sentences(raw: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(raw):
        end = match.end()
        if match.group().startswith(".") and len(match.group().rstrip("\"'”’)")) == 1 \
                and _ABBREVIATION.search(raw, max(0, match.start() - 8), match.start()):
            continue
        if raw[start:end].strip():
            sentences.append(Sentence(start, end, len(sentences)))
        start = end
    if raw[start:].strip() or not sentences:
        sentences.append(Sentence(start, len(raw), len(sentences)))
    return sentences
