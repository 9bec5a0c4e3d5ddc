"""A long afternoon in the real window: `python -m tests.ui.soak FOLDER CHOICES`.

Plays the library's scenarios back to back by keyboard (number keys) in the
main window, offscreen, until CHOICES choices have been made: practice and
assessment in turn, leaving some attempts halfway and resuming them, opening
debriefs, visiting the progress and settings pages, and changing the theme
and text size as it goes. Leaving an assessment asks first; the soak answers
the real question box with Enter, as a person would. A hang (a question
nobody answers, a loop that never settles) ends the process after
HANG_SECONDS with every thread's traceback on standard error. Then it
closes the window and ends the interpreter the ordinary way. It prints
one line, `choices N attempts M`, just before.

The test that runs it (test_soak.py) checks that the process ends with
status 0 and says nothing on standard error: a binding that corrupts
reference counts, a timer left running or a window left undeleted shows up
here as an abort or a warning.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import time
from itertools import cycle
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (  # noqa: E402
    QCoreApplication,
    QEventLoop,
    QMessageLogContext,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from alongside.paths import DIALOGUES, scenario_files  # noqa: E402
from alongside.ui.app import application  # noqa: E402
from alongside.ui.main_window import MainWindow  # noqa: E402
from alongside.ui.settings import Settings  # noqa: E402

THEMES = ("light", "dark", "high-contrast", "system")
SIZES = (100, 150, 200, 125)
HANG_SECONDS = 120
# The offscreen platform says this whenever a dialog opens; it is about the
# platform plugin, not the app, and every other message still reaches stderr.
OFFSCREEN_NOTE = "This plugin does not support propagateSizeHints()"


def settle(window: MainWindow, until=lambda: True, timeout: float = 60.0) -> None:
    """Let the event loop run until the worker is idle and `until()` holds."""
    deadline = time.monotonic() + timeout
    while window.ops.busy or not until():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not settle")
        loop = QEventLoop()
        QTimer.singleShot(2, loop.quit)
        loop.exec()


class Afternoon:
    def __init__(self, folder: Path, goal: int) -> None:
        settings = Settings(str(folder / "settings.ini"))
        settings.set_state("profile", "Sam Rivera")
        settings.set("reduce_motion", True)
        self.window = MainWindow(settings, folder / "progress.db", [DIALOGUES])
        self.window.resize(1280, 800)
        self.window.show()
        settle(self.window, lambda: self.window.library.filter.rowCount() > 0
               and self.window.store is not None)
        self.goal = goal
        self.choices = self.attempts = 0
        self.files = cycle(sorted(scenario_files([DIALOGUES])))
        self.looks = cycle(zip(THEMES, SIZES, strict=True))

    def run(self) -> None:
        while self.choices < self.goal:
            self.attempt(next(self.files), "assessment" if self.attempts % 3 == 2 else "practice")
            if self.attempts % 4 == 0:
                self.visit_other_pages()
        self.expect_question()
        self.window.close()

    def expect_question(self) -> None:
        """Leaving an unfinished assessment asks first: answer it once it opens."""
        session = self.window.session
        if session is not None and not session.ended \
                and session.policy.counts_towards_certification:
            QTimer.singleShot(0, answer_yes)

    def attempt(self, path: Path, mode: str) -> None:
        faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
        window = self.window
        window.play_new(path, mode)
        settle(window, lambda: window.current == "play" and window.session is not None)
        self.attempts += 1
        leave_after = 2 if self.attempts % 5 == 0 else None
        taken = 0
        while not window.session.ended and self.choices < self.goal:
            offered = len(window.session.offered())
            QTest.keyClick(window.play, Qt.Key(Qt.Key.Key_1 + self.choices % offered))
            self.choices += 1
            taken += 1
            if taken == leave_after and not window.session.ended:
                self.leave_and_resume(path)
        if window.session is not None and window.session.ended:
            QTest.keyClick(window.play.to_debrief, Qt.Key.Key_Space)
            settle(window, lambda: window.current == "debrief")

    def leave_and_resume(self, path: Path) -> None:
        """Leave mid-attempt, as a trainee called away would, then carry on from the library."""
        window = self.window
        self.expect_question()
        QTest.mouseClick(window.play.leave_button, Qt.MouseButton.LeftButton)
        settle(window, lambda: window.current == "library")
        scenario_id = path.stem
        window.library.select(scenario_id)
        settle(window, lambda: window.library.carry_on.isVisible())
        QTest.mouseClick(window.library.carry_on, Qt.MouseButton.LeftButton)
        settle(window, lambda: window.current == "play" and window.session is not None)

    def visit_other_pages(self) -> None:
        window = self.window
        theme, size = next(self.looks)
        window.go("progress")
        settle(window)
        window.go("settings")
        window.settings.set("theme", theme)
        window.settings.set("text_size", size)
        settle(window)
        window.go("library")
        settle(window)


def pass_on(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if message != OFFSCREEN_NOTE:
        print(message, file=sys.stderr, flush=True)


def answer_yes() -> None:
    """Press Enter on the question box once it is open (Yes is its default button)."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        QTimer.singleShot(5, answer_yes)
        return
    QTest.keyClick(box, Qt.Key.Key_Return)


def main(folder: str, goal: str) -> int:
    qInstallMessageHandler(pass_on)
    app = application(["soak"])
    afternoon = Afternoon(Path(folder), int(goal))
    afternoon.run()
    faulthandler.cancel_dump_traceback_later()
    QCoreApplication.processEvents()
    print(f"choices {afternoon.choices} attempts {afternoon.attempts}", flush=True)
    del afternoon
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
