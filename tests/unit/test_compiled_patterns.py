"""Regular expressions reused from the compiled-pattern file behave exactly like fresh ones."""

from __future__ import annotations

import json
import marshal
import re
from pathlib import Path

import pytest
import regex

from clinicstudio import compiled_patterns
from clinicstudio.compiled_patterns import remembered, reusing_compiled_patterns

RE_PATTERNS = [
    (r"(?<![\w@#-])(?:dr\.?\s+)?(?P<first>[A-Z][a-z]+)\s+(?P<last>[A-Z][a-z]+)", 0),
    (r"\b(?:cure[sd]?|guarantee[sd]?)\b", re.IGNORECASE),
    (r"(?=(ab|abc|b))", 0),
    (r"^\s*(\w+)\s*$", re.MULTILINE),
    (r"[àáâä]+\d{2,4}", re.IGNORECASE | re.UNICODE),
]
REGEX_PATTERNS = [
    (r"(?:https?://)?(?:[\p{L}\p{N}-]+\.)+(?:com|org|health)(?:/\S*)?", regex.IGNORECASE),
    (r"\X", 0),
    (r"(?<=#)\w+", regex.V1),
]
SAMPLES = ["Dr. Anita Sharma saw Jane Doe", "CURED! guaranteed results", "abc abd b",
           "  word  \nTwo words\n", "ÀÁ2024 à12", "visit maple.health/flu or www.example.com",
           "👩🏽‍⚕️ #FluShots", ""]


def _behaviour() -> list[object]:
    re.purge()
    regex.purge()
    seen: list[object] = []
    for pattern, flags in RE_PATTERNS:
        compiled = re.compile(pattern, flags)
        seen.append((compiled.pattern, int(compiled.flags), compiled.groups,
                     dict(compiled.groupindex)))
        seen += [[(m.span(), m.groups()) for m in compiled.finditer(s)] for s in SAMPLES]
    for pattern, flags in REGEX_PATTERNS:
        compiled = regex.compile(pattern, flags)
        seen.append((compiled.pattern, compiled.groups, dict(compiled.groupindex)))
        seen += [[m.span() for m in compiled.finditer(s)] for s in SAMPLES]
    return seen


def test_patterns_reused_from_the_file_match_exactly_like_fresh_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "patterns.bin"
    fresh = _behaviour()
    with reusing_compiled_patterns(path):
        first = _behaviour()
    assert path.exists()

    # The second time nothing may be parsed: everything comes from the file.
    def no_parsing(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a saved pattern was parsed again")

    monkeypatch.setattr(re._parser, "parse", no_parsing)
    monkeypatch.setattr(regex._regex_core, "_parse_pattern", no_parsing)
    with reusing_compiled_patterns(path):
        reused = _behaviour()
    monkeypatch.undo()
    assert fresh == first == reused


def test_the_compliance_checker_finds_the_same_with_and_without_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from clinicstudio.compliance import engine
    from clinicstudio.domain import ClinicIdentity

    corpus = Path(__file__).parents[1] / "data" / "compliance_corpus.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text("utf-8").splitlines()[:150]]

    def findings() -> list[object]:
        _forget_compliance_engine()
        checker = engine.Checker(ClinicIdentity(name="Maple Grove", staff=("Dr. Anita Sharma",)))
        return [[(f.rule, f.start, f.end) for f in checker.check(t).findings] for t in texts]

    monkeypatch.setenv("CLINICSTUDIO_PATTERN_CACHE", str(tmp_path / "none" / "x.bin"))
    (tmp_path / "none").write_text("a file where the folder should be", encoding="utf-8")
    without = findings()  # the cache cannot be written there: checks still run
    monkeypatch.setenv("CLINICSTUDIO_PATTERN_CACHE", str(tmp_path / "patterns.bin"))
    writing = findings()
    assert (tmp_path / "patterns.bin").exists()
    reading = findings()
    _forget_compliance_engine()
    assert without == writing == reading


def _forget_compliance_engine() -> None:
    """Drop every cached piece of the engine, so the next Checker compiles its patterns."""
    import sys

    for name, module in list(sys.modules.items()):
        if name.startswith("clinicstudio.compliance"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
    re.purge()


@pytest.mark.parametrize("content", [b"not marshal at all",
                                     marshal.dumps((("another python",), {}))])
def test_a_damaged_or_foreign_file_is_ignored_and_rewritten(tmp_path: Path,
                                                           content: bytes) -> None:
    path = tmp_path / "patterns.bin"
    path.write_bytes(content)
    re.purge()
    with reusing_compiled_patterns(path):
        assert re.compile(r"x(?P<y>\d+)z\w{3}").match("x12zabc")
    stamp, entries = marshal.loads(path.read_bytes())
    assert tuple(stamp) == compiled_patterns._stamp()
    assert ("re", r"x(?P<y>\d+)z\w{3}", 0) in entries


def test_remembered_analyses_are_computed_once_per_computer(tmp_path: Path) -> None:
    path = tmp_path / "patterns.bin"
    calls: list[str] = []

    def analyse(pattern: str) -> tuple[str, ...]:
        calls.append(pattern)
        return tuple(sorted(set(pattern)))

    with reusing_compiled_patterns(path):
        assert remembered("letters", "cure", analyse) == ("c", "e", "r", "u")
    with reusing_compiled_patterns(path):
        assert remembered("letters", "cure", analyse) == ("c", "e", "r", "u")
    assert remembered("letters", "cure", analyse) == ("c", "e", "r", "u")  # outside: computed
    assert calls == ["cure", "cure"]
