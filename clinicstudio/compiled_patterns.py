"""Regular expressions compiled once per computer, not on every start.

The compliance rule packs, the word lists and the networks' link finder compile about 650
patterns, some of them tries of thousands of words. Parsing them is pure Python and took most of
the studio's start-up. Inside :func:`reusing_compiled_patterns`, ``re`` and ``regex`` hand out
patterns built from the machine code saved by an earlier run; what is new is compiled as usual
and saved for the next run.

The saved form is keyed by the exact pattern text and flags, so a changed rule pack simply
compiles its changed patterns again. The file also records the Python and ``regex`` versions and
the regular-expression engine's own version stamp: after an update it is ignored and rebuilt.
Anything unexpected (an unreadable file, a private interface that changed) falls back to
ordinary compiling: the cache can make a start faster, never wrong.
"""

from __future__ import annotations

import logging
import marshal
import os
import re
import sys
import tempfile
import threading
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FILE_NAME = "compiled-patterns.bin"
_lock = threading.RLock()
_depth = 0
_saved: dict[tuple[str, str, int], tuple[Any, ...]] = {}
_added = False
_originals: dict[str, Callable[..., Any]] = {}


def cache_file() -> Path:
    """Where the compiled patterns are kept: the user's cache folder (re-creatable at will)."""
    override = os.environ.get("CLINICSTUDIO_PATTERN_CACHE")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("ClinicStudio", appauthor=False)) / FILE_NAME


def _stamp() -> tuple[Any, ...]:
    import _sre

    regex_version = ""
    if "regex" in sys.modules or _module_available("regex"):
        import regex

        regex_version = getattr(regex, "__version__", "")
    return (sys.version, _sre.MAGIC, _sre.CODESIZE, sys.maxunicode, regex_version)


def _module_available(name: str) -> bool:
    from importlib.util import find_spec

    return find_spec(name) is not None


@contextmanager
def reusing_compiled_patterns(path: Path | None = None) -> Iterator[None]:
    """Compile regular expressions from the saved machine code while the block runs.

    Nested and concurrent uses share one installation; the file is read on the first entry
    and written (only when something new was compiled) when the last one leaves.
    """
    global _depth
    target = path or cache_file()
    with _lock:
        if _depth == 0:
            _load(target)
            _install()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                _uninstall()
                _store(target)


def _load(path: Path) -> None:
    global _added
    _saved.clear()
    _added = False
    try:
        with path.open("rb") as handle:
            stamp, entries = marshal.load(handle)
        if tuple(stamp) == _stamp() and isinstance(entries, dict):
            _saved.update(entries)
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged or foreign file: compile as usual and rewrite it
        log.debug("compiled patterns not reused from %s: %s", path, exc)


def _store(path: Path) -> None:
    if not _added:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".patterns-")
        with os.fdopen(handle, "wb") as out:
            marshal.dump((_stamp(), dict(_saved)), out)
        os.replace(temporary, path)
    except (OSError, ValueError) as exc:  # a read-only cache folder costs the next start time
        log.debug("compiled patterns not saved to %s: %s", path, exc)


def remembered(kind: str, pattern: str, compute: Callable[[str], Any]) -> Any:
    """``compute(pattern)``, kept with the compiled patterns (for analyses of a pattern's text
    that cost a parse, such as the literal words a rule's matches must start with).

    The result must be built of plain values (strings, numbers, tuples, frozensets, None).
    Outside :func:`reusing_compiled_patterns` it is simply computed.
    """
    global _added
    if _depth == 0:
        return compute(pattern)
    key = (f"analysis:{kind}", pattern, 0)
    if key in _saved:
        return _saved[key]
    value = compute(pattern)
    _saved[key] = value
    _added = True
    return value


def _pack(code: Any) -> bytes:
    # Machine code as packed unsigned ints: read back in one step, not one object per number.
    return array("I" if array("I").itemsize == 4 else "L", map(int, code)).tobytes()


def _unpack(packed: bytes) -> list[int]:
    numbers = array("I" if array("I").itemsize == 4 else "L")
    numbers.frombytes(packed)
    return numbers.tolist()


# -- the standard library's ``re`` -------------------------------------------------------------
def _re_compile(pattern: Any, flags: int = 0) -> Any:
    """``re._compiler.compile`` with the parse and code generation skipped when saved."""
    global _added
    import _sre

    original = _originals["re"]
    if not isinstance(pattern, str) or flags & re.DEBUG:
        return original(pattern, flags)
    key = ("re", pattern, int(flags))
    try:
        saved = _saved.get(key)
        if saved is None:
            from re import _compiler, _parser

            # The same steps as ``re._compiler.compile``, keeping what ``_sre`` is given.
            parsed = _parser.parse(pattern, flags)
            code = _compiler._code(parsed, flags)
            groupindex = dict(parsed.state.groupdict)
            indexgroup: list[str | None] = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            saved = (int(flags | parsed.state.flags), _pack(code), parsed.state.groups - 1,
                     groupindex, tuple(indexgroup))
            _saved[key] = saved
            _added = True
        final_flags, code, groups, groupindex, indexgroup = saved
        return _sre.compile(pattern, final_flags, _unpack(code), groups, dict(groupindex),
                            tuple(indexgroup))
    except Exception as exc:  # a changed private interface: compile the ordinary way
        log.debug("pattern compiled without the cache: %s", exc)
        _saved.pop(key, None)
        return original(pattern, flags)


# -- the ``regex`` package (the networks' link finder) ------------------------------------------
class _RecordingEngine:
    """Stands in for ``regex``'s C module during a compile, to keep the arguments it got."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.calls: list[tuple[Any, ...]] = []

    def compile(self, *arguments: Any) -> Any:
        self.calls.append(arguments)
        return self._engine.compile(*arguments)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)


_regex_lock = threading.RLock()


def _regex_compile(pattern: Any, flags: int, ignore_unused: Any, kwargs: Any,
                   cache_it: Any) -> Any:
    """``regex._main._compile`` with the parse skipped when the machine code is saved."""
    global _added
    from regex import _main

    original = _originals["regex"]
    locale = 0x4
    if not isinstance(pattern, str) or kwargs or flags & locale:  # named lists: as usual
        return original(pattern, flags, ignore_unused, kwargs, cache_it)
    key = ("regex", pattern, int(flags))
    with _regex_lock:
        engine = _main._regex
        if isinstance(engine, _RecordingEngine):  # compiled from inside another compile
            return original(pattern, flags, ignore_unused, kwargs, cache_it)
        saved = _saved.get(key)
        if saved is not None:
            try:
                (final_flags, code, group_index, index_group, req_offset, req_chars,
                 req_flags, group_count) = saved
                return engine.compile(pattern, final_flags, _unpack(code), dict(group_index),
                                      dict(index_group), {}, [], req_offset,
                                      None if req_chars is None else tuple(req_chars),
                                      req_flags, group_count)
            except Exception as exc:
                log.debug("pattern compiled without the cache: %s", exc)
                _saved.pop(key, None)
        recorder = _RecordingEngine(engine)
        _main._regex = recorder
        try:
            compiled = original(pattern, flags, ignore_unused, kwargs, cache_it)
        finally:
            _main._regex = engine
        if recorder.calls:
            # The pattern's own call comes last, after any it made on the way.
            _remember_regex(key, pattern, recorder.calls[-1])
        return compiled


def _remember_regex(key: tuple[str, str, int], pattern: str, arguments: tuple[Any, ...]) -> None:
    """Keep what ``regex`` handed its C module for ``pattern`` (the last call it made)."""
    global _added
    (_, final_flags, code, group_index, index_group, named_lists, list_indexes, req_offset,
     req_chars, req_flags, group_count) = arguments
    if arguments[0] != pattern or named_lists or list_indexes:
        return
    try:
        packed = _pack(code)
    except (OverflowError, TypeError):  # code this cache cannot keep: compiled each time
        return
    _saved[key] = (int(final_flags), packed, dict(group_index), dict(index_group), req_offset,
                   None if req_chars is None else tuple(req_chars), int(req_flags),
                   int(group_count))
    _added = True


def _install() -> None:
    from re import _compiler

    try:
        from regex import _main
    except ImportError:
        _main = None
    if "re" not in _originals:
        _originals["re"] = _compiler.compile
        _compiler.compile = _re_compile
    if _main is not None and "regex" not in _originals:
        _originals["regex"] = _main._compile
        _main._compile = _regex_compile


def _uninstall() -> None:
    from re import _compiler

    if "re" in _originals:
        _compiler.compile = _originals.pop("re")
    if "regex" in _originals:
        from regex import _main

        _main._compile = _originals.pop("regex")
