"""`clinicstudio self-test`: open the window offscreen with the demo clinic and render each pane.

It uses a throw-away database, so it never touches the clinic's own data. One line per pane;
exit 0 when every pane rendered, 1 naming those that did not (the installer runs this).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any

from clinicstudio.commands._common import add_command


def register(sub: argparse._SubParsersAction[Any]) -> None:
    add_command(sub, "self-test", "open the window offscreen, render every pane, exit 0 or 1",
                run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="clinicstudio-self-test-") as folder:
        # Window preferences go to the scratch folder too: the user's layout stays as it was.
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        from clinicstudio.app import build_studio
        from clinicstudio.ui.self_check import check_window

        studio = build_studio(Path(folder) / "self-test.db")
        try:
            studio.load_demo()
            results = check_window(studio)
        finally:
            studio.db.close()
    failed = [name for name, ok, _ in results if not ok]
    for name, ok, detail in results:
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")
    if failed:
        print(f"self-test failed: {', '.join(failed)}")
        return 1
    print("self-test passed")
    return 0
