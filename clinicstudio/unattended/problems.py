"""The recent problems in the log file, newest first, for the window's *Last problems* view."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from clinicstudio.unattended.places import log_file

# The file handler's format: "2026-12-03 09:15:02,118 4242 ERROR clinicstudio.x: message".
_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),\d+ \d+ (WARNING|ERROR|CRITICAL) "
                   r"([\w.]+): (.*)$")
# Looked at from the end of the current and the previous log file: enough for weeks of use.
TAIL_BYTES = 512_000


@dataclass(frozen=True, slots=True)
class Problem:
    at: str  # local time, as written in the log
    level: str
    source: str
    message: str

    @property
    def serious(self) -> bool:
        return self.level != "WARNING"


def recent_problems(limit: int = 50, path: Path | None = None) -> list[Problem]:
    path = path or log_file()
    found: list[Problem] = []
    for candidate in (path, path.with_name(path.name + ".1")):
        found = _problems_in(candidate) + found
        if len(found) >= limit:
            break
    return list(reversed(found))[:limit]


def _problems_in(path: Path) -> list[Problem]:
    try:
        with path.open("rb") as handle:
            handle.seek(max(0, path.stat().st_size - TAIL_BYTES))
            text = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return []
    problems = []
    for line in text.splitlines():
        match = _LINE.match(line)
        if match:
            problems.append(Problem(*match.groups()))
    return problems
