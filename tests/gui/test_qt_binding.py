"""Guard against a Qt binding that corrupts the interpreter.

PySide6 6.12.0 released a reference to ``None`` on every Qt call that returns nothing; after a
few thousand calls (one busy repaint) Python aborts. pyproject.toml excludes that release; this
test fails loudly if a future one brings the fault back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_keep_none_alive() -> None:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) >= before - 50
