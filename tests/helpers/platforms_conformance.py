"""Reading the twitter-text conformance files without a YAML library.

The files use a small, regular part of YAML: nested mappings and "- " lists by indentation,
double-quoted strings with escapes (\\n, \\uXXXX, \\UXXXXXXXX ...), integers, true/false and
flow lists such as ``["a", "b"]`` or ``[5, 22]``. This reader handles exactly that and fails
loudly on anything else, so the suite is read at test time as its README asks, with nothing
more than the test extras the project installs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", '"': '"', "\\": "\\", "/": "/",
            " ": " ", "a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "v": "\v", "N": "\x85",
            "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}
_KEY = re.compile(r"([A-Za-z_][\w]*):(?:\s+(.*))?$")


def _quoted(source: str, start: int) -> tuple[str, int]:
    """The double-quoted string starting at ``source[start]``, and the index after it."""
    assert source[start] == '"', source
    out: list[str] = []
    index = start + 1
    while source[index] != '"':
        char = source[index]
        if char == "\\":
            code = source[index + 1]
            if code in _HEX:
                width = _HEX[code]
                out.append(chr(int(source[index + 2 : index + 2 + width], 16)))
                index += 2 + width
                continue
            out.append(_ESCAPES[code])
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out), index + 1


def _scalar(text: str) -> Any:
    text = text.strip()
    if text.startswith('"'):
        value, end = _quoted(text, 0)
        if text[end:].strip():
            raise ValueError(f"unexpected text after a string: {text!r}")
        return value
    if text.startswith("["):
        return _flow_list(text)
    if text in ("true", "false"):
        return text == "true"
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise ValueError(f"unsupported YAML value: {text!r}")


def _flow_list(text: str) -> list[Any]:
    items: list[Any] = []
    index = 1
    while True:
        while text[index] in " ,":
            index += 1
        if text[index] == "]":
            return items
        if text[index] == '"':
            value, index = _quoted(text, index)
            items.append(value)
        else:
            match = re.compile(r"-?\d+").match(text, index)
            if not match:
                raise ValueError(f"unsupported flow list: {text!r}")
            items.append(int(match.group()))
            index = match.end()


def _lines(path: Path) -> list[tuple[int, str]]:
    result = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("#") or stripped == "---":
            continue
        result.append((len(raw) - len(raw.lstrip(" ")), stripped))
    return result


def _block(lines: list[tuple[int, str]], position: int, indent: int) -> tuple[Any, int]:
    """The mapping or list whose lines start at ``indent``, and the next line's index."""
    if lines[position][1].startswith("- "):
        items: list[Any] = []
        while position < len(lines) and lines[position][0] == indent \
                and lines[position][1].startswith("- "):
            # "- key: value" opens a mapping whose keys sit two columns further in.
            first = lines[position][1][2:]
            lines[position] = (indent + 2, first)
            value, position = _block(lines, position, indent + 2)
            items.append(value)
        return items, position
    mapping: dict[str, Any] = {}
    while position < len(lines) and lines[position][0] == indent:
        match = _KEY.match(lines[position][1])
        if not match:
            raise ValueError(f"unsupported YAML line: {lines[position][1]!r}")
        key, rest = match.group(1), match.group(2)
        position += 1
        if rest:
            mapping[key] = _scalar(rest)
        elif position >= len(lines) or lines[position][0] <= indent:
            mapping[key] = None  # "key:" with nothing under it
        else:
            mapping[key], position = _block(lines, position, lines[position][0])
    return mapping, position


def load_conformance(path: Path) -> dict[str, Any]:
    lines = _lines(path)
    value, position = _block(lines, 0, lines[0][0])
    if position != len(lines):
        raise ValueError(f"unread YAML from line {position}: {lines[position]!r}")
    return value
