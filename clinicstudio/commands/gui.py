"""`clinicstudio gui` (also a bare `clinicstudio`): open the studio window."""

from __future__ import annotations

import argparse
from typing import Any

from clinicstudio.commands._common import add_command


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = add_command(
        sub, "gui", "open the studio window (what a bare `clinicstudio` does)", run,
        description="Open the studio window. On first run it asks for the clinic's "
        "details or loads the demo clinic, so there is something to see.")
    parser.add_argument("--quit-when-ready", action="store_true",
                        help="close again as soon as the studio is usable (posts listed, a "
                        "post open and checked), after printing one line; for timing the start")


def run(args: argparse.Namespace) -> int:
    from clinicstudio.ui.application import run as run_window

    return run_window(getattr(args, "db", None),
                      quit_when_ready=getattr(args, "quit_when_ready", False))
