"""Starting the desktop app: logging, the application object, the main window, and a
net under everything for errors nobody planned for."""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QTimer, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget

from alongside import __version__, logs
from alongside.paths import DIALOGUES
from alongside.ui import text
from alongside.ui.dialogs import Dialogs
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
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else \
        QApplication(arguments(sys.argv if argv is None else argv))
    app.setApplicationName("Alongside")
    app.setOrganizationName("Alongside")
    app.setApplicationVersion(__version__)
    text.install()
    return app


class Safety(QObject):
    """Catches what nothing else did: logs it with its traceback, then tells the person
    once, calmly, on the GUI thread, that their progress is saved.

    Installed as `sys.excepthook` (PySide6 hands it exceptions raised in slots and
    event handlers) and `threading.excepthook`; Qt's own warnings go to the log.
    """

    _report = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._report.connect(self._show)

    def install(self) -> None:
        sys.excepthook = self.hook
        threading.excepthook = lambda args: self.hook(args.exc_type, args.exc_value,
                                                      args.exc_traceback)
        qInstallMessageHandler(_qt_message)

    def hook(self, kind: type[BaseException], error: BaseException | None,
             trace: TracebackType | None) -> None:
        if error is None or isinstance(error, KeyboardInterrupt | SystemExit):
            sys.__excepthook__(kind, error or kind(), trace)
            return
        logs.unexpected("running the app", error.with_traceback(trace))
        self._report.emit(type(error).__name__)

    def _show(self, _what: str) -> None:
        Dialogs.something_went_wrong(self.window, logs.where())


def _qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    level = {QtMsgType.QtDebugMsg: 10, QtMsgType.QtInfoMsg: 20, QtMsgType.QtWarningMsg: 30}
    logs.LOGGER.log(level.get(kind, 40), "Qt: %s", message)


def run(db: str | None = None, library: list[Path] | None = None,
        qt_arguments: Sequence[str] = (), presenter: bool = False,
        screen: str | None = None) -> int:
    app = application([sys.argv[0], *qt_arguments])
    # `--library` folders are read as well as the bundled ones, after them.
    window = MainWindow(Settings(), db, [DIALOGUES, *library] if library else None)
    Safety(window).install()
    if presenter:
        from alongside.ui.classroom.start import presenter_mode

        presenter_mode(window, screen)
    window.show()
    # The log file is opened once the window is up (an error before then opens it itself).
    QTimer.singleShot(0, logs.start)
    status = app.exec()
    logs.stop()
    return status
