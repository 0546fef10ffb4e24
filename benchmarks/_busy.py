"""A busy machine for the benchmarks: a second process keeping one core busy."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager


def _spin(stop: object) -> None:
    while not stop.is_set():  # type: ignore[attr-defined]
        sum(range(10_000))


@contextmanager
def busy_machine(enabled: bool) -> Iterator[None]:
    """A second process keeping one core busy, as a browser or a backup would."""
    if not enabled:
        yield
        return
    stop = multiprocessing.Event()
    spinner = multiprocessing.Process(target=_spin, args=(stop,), daemon=True)
    spinner.start()
    try:
        yield
    finally:
        stop.set()
        spinner.join(5)
