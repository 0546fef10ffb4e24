"""How quick and light the studio window is. Prints figures; asserts nothing.

* cold start: a fresh process to a shown, filled window (the demo clinic), against the same for a
  bare PySide6 QMainWindow on this machine (median of several runs);
* a keystroke in a 2,000-character post until its underlines and counters are updated;
* memory (resident set) of the window with the demo clinic loaded and a post open.

Run: ``.venv/bin/python benchmarks/bench_gui.py`` (offscreen unless QT_QPA_PLATFORM is set).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7

BARE = """
import time, sys
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1360, 860); w.show()
QTimer.singleShot(0, lambda: (print("SHOWN", flush=True), app.quit()))
app.exec()
"""

STUDIO = """
import sys
from clinicstudio.cli import build_parser
build_parser(only="gui").parse_args(["gui"])  # what a bare `clinicstudio` does first
from PySide6.QtCore import QTimer
from clinicstudio.ui.application import create_app
from clinicstudio.ui.main_window import MainWindow
app = create_app()
w = MainWindow(); w.resize(1360, 860); w.show()
QTimer.singleShot(0, lambda: print("SHOWN", flush=True))
def opened():
    w.post_list.loaded.connect(loaded)
    w.post_list.reload()
def loaded():
    w.post_list.loaded.disconnect(loaded)
    print("READY", flush=True)
    w.editor.reviewed.connect(finish)
    w.editor.open_post(w.post_list.model.items()[0].id)
def finish(_state):
    with open("/proc/self/status") as status:
        rss = next(int(l.split()[1]) for l in status if l.startswith("VmRSS"))
    print(f"RSS {rss}", flush=True)
    app.quit()
w.opened.connect(opened)
w.open_database(sys.argv[1])
app.exec()
"""


def _timed(code: str, *args: str) -> tuple[float, dict[str, float | str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], env=env, cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    shown_at, lines = None, {}
    for line in process.stdout:
        key, _, value = line.strip().partition(" ")
        lines[key] = value or time.perf_counter() - started
        if key == "SHOWN" and shown_at is None:
            shown_at = time.perf_counter() - started
    process.wait()
    process.stdout.close()
    if shown_at is None:
        raise SystemExit(f"the window never showed (exit {process.returncode})")
    return shown_at, lines


def cold_start(db: Path) -> None:
    _timed(BARE)  # warm the disk cache once for both, so neither pays for it alone
    _timed(STUDIO, str(db))
    bare = [_timed(BARE)[0] for _ in range(RUNS)]
    studio_runs = [_timed(STUDIO, str(db)) for _ in range(RUNS)]
    studio = [t for t, _ in studio_runs]
    ready = [float(lines["READY"]) for _, lines in studio_runs]
    rss = max(int(lines["RSS"]) for _, lines in studio_runs) / 1024
    b, s = statistics.median(bare), statistics.median(studio)
    low_b, low_s = min(bare) * 1000, min(studio) * 1000
    print(f"cold start, bare QMainWindow      : median {b * 1000:5.0f} ms (min {low_b:.0f})")
    print(f"cold start, studio window shown   : median {s * 1000:5.0f} ms (min {low_s:.0f})"
          f" = {s / b:.2f}x bare  [target < 1500 ms and < 2x]")
    print(f"cold start, demo posts listed     : median {statistics.median(ready) * 1000:5.0f} ms"
          f" (min {min(ready) * 1000:.0f})")
    print(f"memory with the demo clinic open  : {rss:5.0f} MB resident  [target < 250 MB]")


def keystrokes(db: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtTest import QTest

    from clinicstudio.app import build_studio
    from clinicstudio.ui.application import create_app
    from clinicstudio.ui.main_window import MainWindow

    app = create_app()
    studio = build_studio(db)
    window = MainWindow(studio)
    window.show()

    def run_until(signal: object, start: object) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)  # type: ignore[attr-defined]
        QTimer.singleShot(0, start)  # type: ignore[arg-type]
        loop.exec()
        signal.disconnect(loop.quit)  # type: ignore[attr-defined]

    run_until(window.editor.reviewed, window.editor.new_post)
    sentence = ("Flu shots are in! Walk in any weekday from 8 to 11 at our Main Street office, "
                "or book online at https://maplegrove-health.com/flu. Dr. Chen says: ")
    text = (sentence * 20)[:1900] + " Mrs. Alvarez loved her knee replacement."
    editor = window.editor.main_text
    run_until(window.editor.reviewed, lambda: editor.setPlainText(text))
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.setFocus()
    # One keystroke first: Qt sets up keyboard handling and the input method on the first key
    # event of a process, which is start-up work, not typing.
    run_until(window.editor.reviewed, lambda: QTest.keyClick(editor, " "))
    timings = []
    typed = " Walk-ins are welcome every weekday morning, and parking is free."
    for letter in typed:
        started = time.perf_counter()
        run_until(window.editor.reviewed, lambda ch=letter: QTest.keyClick(editor, ch))
        timings.append((time.perf_counter() - started) * 1000)
    slowest = sorted((round(t), i) for i, t in enumerate(timings))[-3:]
    print("slowest keystrokes (ms, index):", slowest)
    underlined = len(editor.extraSelections())
    counter = window.editor.networks.counter_text(window.editor.networks.networks()[0])
    timings.sort()
    print(f"keystroke in a {len(editor.toPlainText())}-character post: median "
          f"{statistics.median(timings):.1f} ms, p95 {timings[int(len(timings) * .95)]:.1f} ms, "
          f"max {timings[-1]:.1f} ms  [target < 50 ms]  ({underlined} underlines, {counter})")
    window.editor.save_now()
    window.close()
    app.processEvents()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-gui-") as folder:
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        db = Path(folder) / "demo.db"
        from clinicstudio.app import build_studio

        studio = build_studio(db)
        studio.load_demo()
        studio.db.close()
        print(f"ClinicStudio window benchmarks (Python {sys.version.split()[0]}, "
              f"{os.cpu_count()} CPUs, "
              f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')})")
        cold_start(db)
        keystrokes(db)


if __name__ == "__main__":
    main()
