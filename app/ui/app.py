"""Starting the desktop app: the application object, preferences, the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app import __version__
from app.ui.main_window import MainWindow
from app.ui.settings import Settings


def run(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Alongside")
    app.setOrganizationName("Alongside")
    app.setApplicationVersion(__version__)
    window = MainWindow(Settings())
    window.show()
    return app.exec()
