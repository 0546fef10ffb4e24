"""How fast the network rules are while someone types, and how fast a preview card paints.

Run: .venv/bin/python benchmarks/bench_platforms.py  (prints figures, asserts nothing).
Targets: counting and validating a 2,000-character post for all six networks < 2 ms;
rendering one preview widget < 16 ms (one frame at 60 Hz).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from clinicstudio.domain import Platform
from clinicstudio.platforms import build_preview, text_length, validate

SENTENCE = (
    "Flu season is here 🧑‍⚕️ Walk in Monday to Friday, 8 to 5, no appointment needed. "
    "Book online at https://riversidefamily.clinic/flu or call us. #FluSeason @RiversideHealth "
)


_APP: object = None


def post(variant: int) -> str:
    """A realistic 2,000-character post; each variant differs so no cache can answer."""
    text = f"Update {variant}: " + SENTENCE * 20
    return text[:2000]


def measure(label: str, work: Callable[[int], object], runs: int) -> None:
    work(-1)  # warm up: compile patterns, load the TLD and emoji tables
    times = []
    for run in range(runs):
        start = time.perf_counter()
        work(run)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"{label:<58} median {statistics.median(times):6.3f} ms   "
          f"p95 {times[int(len(times) * 0.95)]:6.3f} ms   ({runs} runs)")


def count_and_validate_all(run: int) -> None:
    text = post(run)
    for platform in Platform:
        text_length(platform, text)
        validate(platform, text)


def main() -> None:
    print(f"post length: {len(post(0))} characters")
    measure("count + validate, all six networks, 2,000 characters", count_and_validate_all, 300)
    measure("build_preview, all six networks, 2,000 characters",
            lambda run: [build_preview(p, post(run)) for p in Platform], 300)

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from clinicstudio.ui.preview import card_for

    global _APP  # the application object must outlive every widget, so it lives in the module
    _APP = app = QApplication.instance() or QApplication([])
    for platform in (Platform.X, Platform.FACEBOOK, Platform.INSTAGRAM):
        card = card_for(platform)
        card.show()
        measure(f"render one {platform.label} preview card (model + paint)",
                _renderer(app, card, platform), 100)
        card.close()
        card.deleteLater()
        del card
    # Widgets must go before the application object does, or Qt crashes on exit.
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _renderer(app: object, card: object, platform: Platform) -> Callable[[int], None]:
    def render(run: int) -> None:
        card.show_model(build_preview(platform, post(run)[:250], display_name="Riverside"))
        card.repaint()
        app.processEvents()

    return render


if __name__ == "__main__":
    main()
