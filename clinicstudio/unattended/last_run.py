"""What the last ``publish-due`` on this computer did, kept in a small JSON file.

``clinicstudio scheduler status`` and the window's settings read it to say when publishing
last ran and what happened, without opening the log.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from clinicstudio.unattended.places import state_folder


def last_run_file() -> Path:
    return state_folder() / "publish-due-last-run.json"


@dataclass(frozen=True, slots=True)
class LastRun:
    finished_at: str  # ISO time, UTC
    ok: bool
    summary: str  # the one line publish-due printed
    problems: list[str] = field(default_factory=list)  # one plain line per failed network

    @property
    def finished(self) -> datetime:
        return datetime.fromisoformat(self.finished_at)

    def describe(self, now: datetime | None = None) -> str:
        now = now or datetime.now(UTC)
        minutes = max(0, int((now - self.finished).total_seconds() // 60))
        ago = ("just now" if minutes < 1 else f"{minutes} minute(s) ago" if minutes < 120
               else f"{minutes // 60} hour(s) ago")
        local = self.finished.astimezone().strftime("%Y-%m-%d %H:%M")
        outcome = "worked" if self.ok else "had problems"
        lines = [f"Last run {local} ({ago}) {outcome}: {self.summary}"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


def record_last_run(ok: bool, summary: str, problems: list[str],
                    now: datetime | None = None) -> Path | None:
    """Write the result of this run; None when the state folder cannot be written."""
    run = LastRun((now or datetime.now(UTC)).isoformat(timespec="seconds"), ok, summary,
                  problems)
    path = last_run_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside then renamed, so a reader never sees half a file.
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(asdict(run), indent=1), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        return None
    return path


def read_last_run() -> LastRun | None:
    """The last recorded run, or None if publish-due never ran here (or the file is damaged)."""
    try:
        data = json.loads(last_run_file().read_text(encoding="utf-8"))
        return LastRun(str(data["finished_at"]), bool(data["ok"]), str(data["summary"]),
                       [str(p) for p in data.get("problems", [])])
    except (OSError, ValueError, KeyError, TypeError):
        return None
