"""Keeps ``None`` alive under PySide6 6.12.0 on Python 3.11, for the preview widget tests.

That binding drops one reference to ``None`` on every call of a Qt method that returns nothing
(3.12 made ``None`` immortal, which hides it there). A few thousand widget calls after start the
count reaches zero and the interpreter aborts with "none_dealloc", at a moment that depends on
garbage collection, so a test run fails now and then for no fault of the code under test.
Giving ``None`` references that are never returned (not a list that is freed at exit, which
would only move the crash to shutdown) keeps the run honest until the project pins PySide6
below 6.12 or moves to Python 3.12. It does nothing elsewhere.
"""

from __future__ import annotations

import ctypes
import sys

import PySide6

_SPARE = 50_000_000
_given = False


def binding_drops_none() -> bool:
    return PySide6.__version__ == "6.12.0" and sys.version_info < (3, 12)


def keep_none_alive() -> None:
    global _given
    if binding_drops_none() and not _given:
        ctypes.c_ssize_t.from_address(id(None)).value += _SPARE
        _given = True
