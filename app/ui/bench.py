"""The GUI's benchmarks, run by `python main.py bench` in child processes.

`alongside.bench` may not import Qt (the layer contract), so it starts
`python -m alongside.ui.bench MODE` and reads one line back:

- `bare` / `app`: print "shown" once a bare QWidget is on screen, or once the
  main window is on screen with the library listed. The parent times each
  from process start, so interpreter start and imports count, as they do for
  a trainee double-clicking the icon.
- `choices N`: click N choices in practice mode (starting the scenario again
  at each ending) and print the milliseconds from each click to the next
  node painted with the step committed, as JSON. The commit happens inside
  the click; the paint is the event-loop pass that follows it, which paints
  every widget the choice changed. Each click starts from a settled page
  (the transcript's 180 ms glide to its newest line over), so one choice's
  animation frames are not counted against the next.
- `report DATABASE TRAINEE`: the fastest of five PDF reports on the trainee, in
  ms (`alongside.ui.desk.report_pdf`, from the store to the file written).
- `present`: print "shown" once presenter mode has started a class's session
  with both windows on screen (the console, and the room's view: full screen
  on a second screen where the platform has one, else in turns on the one).
- `reveals N`: press R N times in the classroom (the split, then the feedback,
  at each decision) and print the milliseconds from each key to the room's
  view painted, as JSON.
- `map`: the map's figures on the 2,000-node scenario, as JSON (see
  `alongside.ui.studio.map_bench`).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

SCENARIO = "dose-question"


def _spin(until, timeout_s: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while not until():
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not get ready in time")
        loop = QEventLoop()
        QTimer.singleShot(1, loop.quit)
        loop.exec()


def bare() -> None:
    app = QApplication(sys.argv)
    window = QWidget()
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    _spin(window.isVisible)


def main_window(folder: Path, settings_in_folder: bool = True):
    """The main window for the trainee "Bench", its progress in `folder`, and its
    settings there too or, with `settings_in_folder` false, in the user folders
    (which the parent points into its own temporary folder)."""
    from alongside.ui.main_window import MainWindow
    from alongside.ui.settings import Settings

    settings = Settings(str(folder / "settings.ini") if settings_in_folder else None)
    if settings.state("profile") != "Bench":
        settings.set_state("profile", "Bench")
    window = MainWindow(settings, folder / "progress.db")
    window.resize(1280, 800)
    window.show()
    return window


def app_ready(folder: Path) -> None:
    """Start as a returning trainee does: settings and the library's cache are
    where an earlier start left them. The progress file is new each time: it is
    opened after the first frame, and the process leaves as soon as the window
    is ready, which may be in the middle of creating it."""
    from alongside.ui.app import application

    application(sys.argv)
    window = main_window(folder, settings_in_folder=False)
    _spin(lambda: window.isVisible() and window.library.filter.rowCount() > 0)


def choices(count: int, folder: Path) -> list[float]:
    from PySide6.QtTest import QTest

    from alongside.scoring.attempt import best_choices
    from alongside.ui.app import application

    application(sys.argv)
    window = main_window(folder)
    _spin(lambda: window.store is not None and not window.ops.busy
          and window.library.filter.rowCount() > 0)
    timings: list[float] = []
    turn = 0
    while len(timings) < count:
        if window.session is None or window.session.ended:
            window.library.select(SCENARIO)
            window.library.set_mode("practice")
            window.library._start()
            _spin(lambda: window.session is not None and not window.session.ended
                  and window.current_page() is window.play)
        node = window.session.node
        ids = [c.id for c in node.choices]
        # Alternate best and other choices so every kind of feedback is painted.
        pick = ids.index(best_choices(node)[0]) if turn % 2 == 0 else turn % len(ids)
        button = window.play.choices.buttons[pick]
        steps_before = window.play.session.decisions.copy()
        # Click from a settled page, as a person reading the node would: the last
        # choice's scrolling has finished and nothing it queued is still pending.
        _spin(lambda: not window.play.scrolling)
        QApplication.processEvents()
        started = time.perf_counter()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        QApplication.processEvents()  # the queued paints of what changed: the next node
        timings.append((time.perf_counter() - started) * 1000)
        assert window.play.session.decisions != steps_before
        turn += 1
    return timings


def report(database: str, trainee: str, folder: Path, runs: int = 5) -> float:
    """The fastest of `runs` PDF reports on `trainee` (gathered from the store, laid out,
    written), in ms, after one untimed report has loaded fonts and modules."""
    from PySide6.QtGui import QGuiApplication

    from alongside.store.db import open_store
    from alongside.ui.desk.report_pdf import write_report

    app = QGuiApplication(sys.argv)
    store = open_store(database)
    try:
        write_report(store, trainee, None, folder / "warm.pdf")
        best = float("inf")
        for run in range(runs):
            started = time.perf_counter()
            write_report(store, trainee, None, folder / f"report-{run}.pdf")
            best = min(best, time.perf_counter() - started)
    finally:
        store.close()
        del app
    return best * 1000


def _classroom(folder: Path):
    """The main window presenting SCENARIO to "Bench class", once both windows are shown
    (the room's view full screen on a second screen, where the platform has one).

    The progress file is the facilitator's own from earlier starts (in the user data
    folder the parent keeps), as a returning facilitator's is: presenting needs it
    open, and a new one each time would time the migrations instead."""
    from alongside.ui.classroom.start import present, presenter_mode
    from alongside.ui.dialogs import Dialogs

    Dialogs.text = classmethod(lambda cls, *args, **kwargs: "Bench class")  # type: ignore
    Dialogs.ask = classmethod(lambda cls, *args: False)  # type: ignore
    data = Path(os.environ["XDG_DATA_HOME"]) if "XDG_DATA_HOME" in os.environ else folder
    data.mkdir(parents=True, exist_ok=True)
    window = main_window(data, settings_in_folder=False)
    presenter_mode(window, None)
    _spin(lambda: window.store is not None and not window.ops.busy
          and window.library.filter.rowCount() > 0)
    window.library.select(SCENARIO)
    present(window, window.library.file_of(SCENARIO), SCENARIO)
    _spin(lambda: window.current == "present" and not window.ops.busy)
    page = window.page("present")
    _spin(lambda: page.driver is not None and page.driver.room is not None)
    if page.stage.single:
        page.act("switch")
    _spin(lambda: page.room_window.isVisible() and window.isVisible())
    return window, page


def present_ready(folder: Path) -> None:
    from alongside.ui.app import application

    application(sys.argv)
    _classroom(folder)


def reveals(count: int, folder: Path) -> list[float]:
    """Milliseconds from the reveal key to the room's view painted, `count` reveals
    (the split, then the feedback, at each decision; the scenario again at its end)."""
    from PySide6.QtTest import QTest

    from alongside.ui.app import application

    application(sys.argv)
    window, page = _classroom(folder)
    timings: list[float] = []
    while len(timings) < count:
        room = page.driver.room
        if room.phase == "ended":
            window.go("library")
            window, page = _classroom(folder)
            continue
        for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_2):
            QTest.keyClick(page, key)
        for _reveal in range(2):
            QApplication.processEvents()
            started = time.perf_counter()
            QTest.keyClick(page, Qt.Key.Key_R)
            QApplication.processEvents()  # the queued paints: the room's view revealed
            timings.append((time.perf_counter() - started) * 1000)
        QTest.keyClick(page, Qt.Key.Key_N)
    return timings


def run(mode: str, argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if mode == "bare":
            bare()
            print("shown", flush=True)
        elif mode == "app":
            app_ready(folder)
            print("shown", flush=True)
        elif mode == "choices":
            print(json.dumps(choices(int(argv[0]), folder)), flush=True)
        elif mode == "report":
            print(json.dumps(report(argv[0], argv[1], folder)), flush=True)
        elif mode == "present":
            present_ready(folder)
            print("shown", flush=True)
        elif mode == "reveals":
            print(json.dumps(reveals(int(argv[0]), folder)), flush=True)
        elif mode == "map":
            from alongside.ui.studio.map_bench import run as map_figures

            print(json.dumps(map_figures(folder)), flush=True)
        else:
            raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2:])
