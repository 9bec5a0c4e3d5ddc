"""Starting the desktop app: the application object, preferences, the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication

from alongside import __version__
from alongside.ui.main_window import MainWindow
from alongside.ui.settings import Settings
from alongside.ui.themes import STYLE_ARGUMENTS


def arguments(argv: list[str]) -> list[str]:
    """`argv` with Alongside's style added, unless the person chose one with -style."""
    if any(arg == "-style" or arg.startswith("-style=") for arg in argv[1:]):
        return list(argv)
    return [*argv[:1], *STYLE_ARGUMENTS, *argv[1:]]


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, made with the Fusion style and Alongside's names."""
    app = QApplication.instance() or QApplication(arguments(sys.argv if argv is None else argv))
    app.setApplicationName("Alongside")
    app.setOrganizationName("Alongside")
    app.setApplicationVersion(__version__)
    return app


def run(db: str | None = None, library: list[Path] | None = None,
        qt_arguments: Sequence[str] = ()) -> int:
    app = application([sys.argv[0], *qt_arguments])
    window = MainWindow(Settings(), db, library)
    window.show()
    return app.exec()
