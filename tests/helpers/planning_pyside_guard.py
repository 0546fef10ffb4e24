"""A stopgap for PySide6 6.12.0 on Python 3.11, used by the calendar's GUI tests and benchmark.

That release drops one reference to ``None`` on every call of a Qt method that returns nothing
(1,000 calls of ``QObject.setObjectName`` lower ``sys.getrefcount(None)`` by 1,000; 6.11.3 does
not). Python 3.12 made ``None`` immortal, which hides it there; on 3.11 the process aborts with
"none_dealloc" once the count reaches zero, a few thousand painting calls after start.

Until the project pins PySide6 below 6.12, :func:`hold_none_references` keeps a reserve of
references so the calendar's tests and benchmark measure the calendar, not the binding. It does
nothing on other versions, so it can stay until the pin lands and then be deleted.
"""

from __future__ import annotations

import sys

import PySide6

_RESERVE: list[None] = []


def binding_drops_none() -> bool:
    return PySide6.__version__ == "6.12.0" and sys.version_info < (3, 12)


def hold_none_references(count: int = 20_000_000) -> None:
    if binding_drops_none() and not _RESERVE:
        _RESERVE.extend([None] * count)
