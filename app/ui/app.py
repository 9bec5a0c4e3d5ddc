"""Starting the desktop app.

Issue 2 ships a minimal main window listing the scenario library; the full
trainee app (pages, play, debrief, settings) arrives with issue 5.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QMainWindow, QVBoxLayout, QWidget

from app import __version__
from app.engine.library import DIALOGUES, load_library


class MainWindow(QMainWindow):
    """The main window: for now, the library of scenarios and whether each is usable."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Alongside")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        heading = QLabel("Scenario library", body)
        self.scenarios = QListWidget(body)
        self.scenarios.setAccessibleName("Scenario library")
        self.scenarios.setWordWrap(True)
        self.scenarios.setSpacing(4)
        heading.setBuddy(self.scenarios)
        layout.addWidget(heading)
        layout.addWidget(self.scenarios)
        self.setCentralWidget(body)
        self.statusBar().showMessage(f"Alongside {__version__}")

    def show_library(self, entries) -> None:
        self.scenarios.clear()
        for entry in entries:
            scenario = entry.result.scenario
            if scenario is not None:
                self.scenarios.addItem(f"{scenario.title}\n{scenario.summary}")
            else:
                first = next((p for p in entry.result.problems if p.is_error), None)
                self.scenarios.addItem(f"{entry.path.name} (unavailable: {first.message})")


def run() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Alongside")
    window = MainWindow()
    window.show_library(load_library([DIALOGUES]))
    window.resize(900, 600)
    window.show()
    return app.exec()
