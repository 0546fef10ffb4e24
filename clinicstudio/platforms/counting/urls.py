"""Finding links in post text the way X (twitter-text v3) finds them.

X, and Mastodon which borrows the same extractor, count every link as 23 characters whatever
its real length, so a counter must agree with them exactly on what is a link. These patterns
follow the public twitter-text rules: a link needs a known top-level domain (the shipped lists
under resources/platforms), may come without ``http://`` (then only the ASCII part of the
domain counts) and ends before trailing punctuation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from clinicstudio.compiled_patterns import reusing_compiled_patterns
from clinicstudio.resources import resource_path

MAX_URL_LENGTH = 4096
MAX_TCO_SLUG_LENGTH = 40
MAX_DOMAIN_LABEL_LENGTH = 63

_LATIN_ACCENTS = (
    r"\xC0-\xD6\xD8-\xF6\xF8-\xFF\u0100-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263"
    r"\u0268\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF"
)
_CYRILLIC = r"\u0400-\u04FF"
_SPACES = r"\x09-\x0D\x20\x85\xA0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
_INVALID_CHARS = r"\uFFFE\uFEFF\uFFFF"
_DIRECTIONAL = r"\u202A-\u202E\u061C\u200E\u200F\u2066\u2067\u2068\u2069"
_PUNCT = r"!'#%&'()*+,\\\-./:;<=>?@\[\]\^_{|}~$"


@dataclass(frozen=True, slots=True)
class FoundUrl:
    """A link in the text: ``text[start:end] == url`` (Python string indices)."""

    url: str
    start: int
    end: int
    has_protocol: bool


def _read_tlds(name: str) -> list[str]:
    lines = resource_path("platforms", name).read_text(encoding="utf-8").splitlines()
    names = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    # Longest first, so "com" is tried before "co" and the alternation never stops early.
    return sorted(names, key=lambda tld: (-len(tld), tld))


def _trie_pattern(words: list[str]) -> str:
    """An alternation shaped as a letter tree: the engine tests 'c' once, not 150 TLDs in c."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        ends_here = "" in node
        branches = [regex.escape(char) + render(child) for char, child in node.items() if char]
        # Longer continuations first, then the word that ends here (greedy, like longest-first).
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends_here else body

    return render(tree)


@dataclass(frozen=True, slots=True)
class _Patterns:
    extract: regex.Pattern[str]
    ascii_domain: regex.Pattern[str]
    tco: regex.Pattern[str]


@cache
def _patterns() -> _Patterns:
    # The top-level-domain tries make these slow to compile: compiled once per computer.
    with reusing_compiled_patterns():
        return _build_patterns()


def _build_patterns() -> _Patterns:
    generic = _trie_pattern(_read_tlds("tlds-generic.txt"))
    country = _trie_pattern(_read_tlds("tlds-country.txt"))
    gtld = rf"(?:(?:{generic})(?=[^0-9a-zA-Z@+-]|$))"
    cctld = rf"(?:(?:{country})(?=[^0-9a-zA-Z@+-]|$))"
    punycode = r"(?:xn--[\-0-9a-z]+)"
    domain_char = rf"[^{_PUNCT}{_SPACES}{_INVALID_CHARS}{_DIRECTIONAL}]"
    subdomain = rf"(?:(?:{domain_char}(?:[_-]|{domain_char})*)?{domain_char}\.)"
    domain_name = rf"(?:(?:{domain_char}(?:-|{domain_char})*)?{domain_char}\.)"
    domain = rf"(?:{subdomain}*{domain_name}(?:{gtld}|{cctld}|{punycode}))"
    path_char = rf"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\[\]\-\u2013_~&|@{_LATIN_ACCENTS}]"
    parens = (
        rf"\((?:{path_char}+|(?:{path_char}*\({path_char}+\){path_char}*))\)"
    )
    path_end = rf"(?:[+\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]|(?:{parens}))"
    path = (
        rf"(?:(?:{path_char}*(?:{parens}{path_char}*)*{path_end})|(?:@{path_char}+/))"
    )
    query_char = r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
    query_end = r"[a-z0-9\-_&=#/]"
    preceding = rf"(?:[^A-Za-z0-9@＠$#＃{_INVALID_CHARS}]|[{_DIRECTIONAL}]|^)"
    extract = (
        rf"({preceding})"
        rf"((https?://)?({domain})(?::([0-9]+))?(/{path}*)?(\?{query_char}*{query_end})?)"
    )
    flags = regex.IGNORECASE | regex.VERSION0
    return _Patterns(
        extract=regex.compile(extract, flags),
        ascii_domain=regex.compile(
            rf"(?:(?:[\-a-z0-9{_LATIN_ACCENTS}]+)\.)+(?:{gtld}|{cctld}|{punycode})", flags
        ),
        tco=regex.compile(rf"^https?://t\.co/([a-z0-9]+)(?:\?{query_char}*{query_end})?", flags),
    )


def _domain_is_valid(patterns: _Patterns, domain: str) -> bool:
    """Every label must survive IDNA encoding in 1 to 63 characters, as the X servers require."""
    if domain[:4].lower() == "xn--" and not patterns.ascii_domain.search(domain):
        return False
    for label in domain.split("."):
        if label.isascii():
            encoded_length = len(label)
        else:
            try:
                encoded_length = 4 + len(label.lower().encode("punycode"))
            except UnicodeError:
                return False
        if not 1 <= encoded_length <= MAX_DOMAIN_LABEL_LENGTH:
            return False
    return True


# A link never contains a space and always contains a dot, so only runs of non-space text
# with a dot need the (costly) full pattern; the run's preceding space is included because
# the pattern looks at the character before a link.
_DOTTED_RUN = regex.compile(rf"[^{_SPACES}]*\.[^{_SPACES}]*")


def _candidate_matches(patterns: _Patterns, text: str) -> Iterator[regex.Match[str]]:
    for run in _DOTTED_RUN.finditer(text):
        start, end = run.span()
        yield from patterns.extract.finditer(text, max(start - 1, 0), end)


def extract_urls(text: str, *, without_protocol: bool = True) -> tuple[FoundUrl, ...]:
    """Links in ``text`` in order. ``without_protocol=False`` is Mastodon's stricter reading
    (only links that start with http:// or https://)."""
    found = _extract_all(text)
    return found if without_protocol else tuple(url for url in found if url.has_protocol)


# Six networks' counters and the preview read the same text in one pass while typing.
@lru_cache(maxsize=32)
def _extract_all(text: str) -> tuple[FoundUrl, ...]:
    if "." not in text:
        return ()
    patterns = _patterns()
    found: list[FoundUrl] = []
    for match in _candidate_matches(patterns, text):
        before, url, protocol, domain = match.group(1, 2, 3, 4)
        path = match.group(6)
        start, end = match.span(2)
        too_long = len(protocol or "https://") + len(url) > MAX_URL_LENGTH
        if too_long or not _domain_is_valid(patterns, domain):
            continue
        if protocol:
            tco = patterns.tco.match(url)
            if tco:
                if len(tco.group(1)) > MAX_TCO_SLUG_LENGTH:
                    continue
                url = tco.group(0)
                end = start + len(url)
            found.append(FoundUrl(url, start, end, True))
            continue
        if regex.search(r"[-_./]$", before):
            continue
        found.extend(_ascii_links(patterns, text, start, end, domain, bool(path)))
    return tuple(found)


def _ascii_links(
    patterns: _Patterns, text: str, start: int, end: int, domain: str, has_path: bool
) -> list[FoundUrl]:
    """Protocol-less links: only the ASCII parts of a domain count as links."""
    links: list[FoundUrl] = []
    cursor = 0
    for ascii_match in patterns.ascii_domain.finditer(domain):
        ascii_domain = ascii_match.group(0)
        offset = domain.index(ascii_domain, cursor)
        cursor = offset + len(ascii_domain)
        links.append(FoundUrl(ascii_domain, start + offset, start + cursor, False))
    if links and has_path:
        # The path and query belong to the last domain found.
        last = links[-1]
        links[-1] = FoundUrl(text[last.start : end], last.start, end, False)
    return links
