"""The log: one rotating file per computer, tokens blanked out, plus short lines on stderr.

Every process (the window, each command, a scheduled ``publish-due``) appends to the same file;
a message that says "see the log" names it (:func:`clinicstudio.unattended.places.log_file`).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

from clinicstudio.unattended.places import log_file

# 1 MB a file, five old files kept: months of an office's ordinary use, a few MB on disk.
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


class RedactingFilter(logging.Filter):
    """Blanks tokens, passwords and secret-looking parameters out of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        # The same redaction the HTTP layer applies; imported here so a command that logs
        # nothing does not pay for loading the HTTP stack at start-up.
        from clinicstudio.platforms.api.http import redact

        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            # The traceback text is formatted later; keep it, but blank the exception message.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def configure_logging(level: str | None = None, path: Path | None = None) -> Path | None:
    """Send ClinicStudio's log to the rotating file (INFO and up) and warnings to stderr.

    Returns the file's path, or None when it cannot be written (read-only home folder): the
    program then still runs, logging to stderr only. ``$CLINICSTUDIO_LOG`` sets the level.
    """
    root = logging.getLogger()
    # Called again (a test calling main() twice): replace our handlers, keep anyone else's.
    for old in [h for h in root.handlers if getattr(h, "_clinicstudio", False)]:
        root.removeHandler(old)
        old.close()
    # $CLINICSTUDIO_LOG (e.g. DEBUG) sets both the file's and the terminal's level; without
    # it the file keeps INFO and the terminal shows warnings only.
    chosen = (level or os.environ.get("CLINICSTUDIO_LOG") or "").upper()
    root.setLevel(chosen or "INFO")
    redacting = RedactingFilter()
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(chosen or "WARNING")
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    console.addFilter(redacting)
    _add(root, console)
    path = path or log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    except OSError:
        written: Path | None = None
    else:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(redacting)
        _add(root, handler)
        written = path
    return written


def _add(root: logging.Logger, handler: logging.Handler) -> None:
    handler._clinicstudio = True  # type: ignore[attr-defined]
    root.addHandler(handler)
