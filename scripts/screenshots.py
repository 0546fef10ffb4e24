"""Screenshots of the studio with the demo clinic, for the README and for checking the look.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py OUT_DIR``

Writes ``window.png`` (1440x900, light theme, the kiosk draft with its underlined findings;
copy it to docs/screenshot.png), and with connected accounts (secrets in a memory keyring, one
LinkedIn connection running out in 9 days) ``banner.png``, ``accounts.png`` and
``reconnect.png``. ``--dark`` takes them in the dark theme. Everything happens in a temporary
database; nothing is published.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A fresh layout (and no change to this computer's own window settings).
FOLDER = Path(tempfile.mkdtemp(prefix="clinicstudio-shots-"))
os.environ["XDG_CONFIG_HOME"] = str(FOLDER / "config")

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from clinicstudio import compliance, demo, platforms  # noqa: E402
from clinicstudio.accounts import SecretVault, save_connection  # noqa: E402
from clinicstudio.app import Studio, StudioPublisher  # noqa: E402
from clinicstudio.domain import Platform  # noqa: E402
from clinicstudio.store.database import open_database  # noqa: E402
from clinicstudio.ui import theme  # noqa: E402
from clinicstudio.ui.main_window import MainWindow  # noqa: E402
from tests.helpers.keyring_memory import MemoryKeyring  # noqa: E402

KIOSK_POST = "Draft: introduce our new online check-in kiosk"
#: Typed after the draft, so the picture shows underlined findings as someone writes.
TYPED = (" Mrs. Alvarez loved her knee replacement, and our new therapy cures back pain. "
         "Book your appointmnet today.")


def wait_until(app: QApplication, done: Callable[[], bool], limit_s: float = 15.0) -> None:
    """Run the event loop until ``done()`` (the workers answer through it)."""
    deadline = time.monotonic() + limit_s
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit("the window did not get ready in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def settle(app: QApplication, seconds: float = 0.6) -> None:
    """Let debounced updates (the preview waits 200 ms after typing) and layouts finish."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def connect_examples(studio: Studio, vault: SecretVault) -> None:
    now = datetime.now(UTC)
    with studio.db.transaction() as session:
        for network, name, handle, expires, display in (
                (Platform.FACEBOOK, "Facebook", "Maple Grove Family Health", None,
                 "Maple Grove Family Health"),
                (Platform.LINKEDIN, "LinkedIn", "urn:li:organization:1048", now
                 + timedelta(days=9, hours=2), "Maple Grove Family Health"),
                (Platform.BLUESKY, "Bluesky", "maplegrove.bsky.social", None,
                 "Maple Grove Family Health")):
            save_connection(session, vault, network=network, name=name, handle=handle,
                            display_name=display, secrets={"access_token": "example"},
                            expires_at=expires, details={"client_id": "78clinicstudio"}
                            if network is Platform.LINKEDIN else None)


def main(out: Path, with_accounts: bool, scheme: str = "light") -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    theme.apply(app, theme.DARK if scheme == "dark" else theme.LIGHT)
    db = open_database(FOLDER / "demo.db")
    vault = SecretVault(MemoryKeyring())
    studio = Studio(db, compliance=compliance, networks=platforms, vault=vault)
    studio.publisher = StudioPublisher(db, checker_factory=compliance.Checker, vault=vault)
    demo.load_demo(db)
    if with_accounts:
        connect_examples(studio, vault)
    studio.reload_clinic()
    window = MainWindow(studio)
    window.resize(1440, 900)
    window.show()
    loaded: list[bool] = []
    window.post_list.loaded.connect(lambda *_: loaded.append(True))
    window.post_list.reload()
    wait_until(app, lambda: bool(loaded))
    post = next(p for p in window.post_list.model.items() if p.title.startswith(KIOSK_POST))
    reviewed: list[bool] = []
    window.editor.reviewed.connect(lambda *_: reviewed.append(True))
    window.editor.open_post(post.id)
    wait_until(app, lambda: bool(reviewed))
    window.post_list.select_post(post.id)
    editor = window.editor.main_text
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    reviewed.clear()
    editor.insertPlainText(TYPED)
    wait_until(app, lambda: bool(reviewed))
    wait_until(app, lambda: bool(window.preview.sections))
    settle(app)
    if with_accounts:
        wait_until(app, lambda: window.expiry.showing)
        window.grab().save(str(out / "banner.png"))
        dialog = window.accounts.open()
        wait_until(app, lambda: len(dialog.lines) >= len(Platform))
        settle(app)
        dialog.grab().save(str(out / "accounts.png"))
        dialog.open_at(Platform.LINKEDIN, "LinkedIn")
        settle(app)
        dialog.grab().save(str(out / "reconnect.png"))
        dialog.close()
    else:
        window.grab().save(str(out / "window.png"))
    window.editor.stop()
    window.close()
    db.close()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    main(target, with_accounts="--accounts" in sys.argv,
         scheme="dark" if "--dark" in sys.argv else "light")
