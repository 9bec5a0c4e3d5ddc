"""Where the room's view goes: its own screen, full screen, and what to do as screens
come and go.

The room's view goes on the screen the facilitator asked for (`--screen`), or
the one remembered from last time (by name and serial number), or else the
first that is not the console's (nor the primary). Its window is put on that
screen before it is made full screen — `setScreen` and a geometry inside the
screen between making the window and `showFullScreen`, the usual cause of a
full-screen window opening on the wrong monitor otherwise. With one screen
the room's view and the console take turns on it (F6). When the projector's
screen goes, the room's view becomes a normal window on the console's screen
at once, with a notice, and play goes on; when a screen arrives, the console
is offered to move the room's view there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from alongside.ui import themes
from alongside.ui.classroom.audience import PROJECTOR, AudienceView
from alongside.ui.settings import Settings
from alongside.ui.text import tr

NAME_KEY, SERIAL_KEY = "audience_screen", "audience_screen_serial"


def choose_screen(screens: Sequence[QScreen], console: QScreen | None, asked: str | None,
                  remembered: tuple[str, str] | None) -> tuple[QScreen | None, str]:
    """The screen for the room's view (None: only the console's), and a notice if the
    one asked for is not there."""
    notice = ""
    if asked:
        found = next((s for s in screens if s.name() == asked), None)
        if found is not None:
            return found, notice
        notice = tr("There is no screen called “{0}” (screens: {1}).").format(
            asked, ", ".join(s.name() for s in screens))
    others = [s for s in screens if s is not console]
    if remembered is not None:
        name, serial = remembered
        for match in (lambda s: s.name() == name and s.serialNumber() == serial,
                      lambda s: s.name() == name):
            found = next((s for s in others if match(s)), None)
            if found is not None:
                return found, notice
    primary = QGuiApplication.primaryScreen()
    ordered = [s for s in others if s is not primary] + [s for s in others if s is primary]
    return (ordered[0] if ordered else None), notice


class AudienceWindow(QWidget):
    """The window that holds the room's view; its keys are the console's."""

    def __init__(self, view: AudienceView, keys: Callable[[QKeyEvent], bool]) -> None:
        super().__init__(None)
        self.setWindowTitle(tr("Alongside — the room's view"))
        self.setAccessibleName(tr("The room's view"))
        self.view = view
        self._keys = keys
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view)
        self.setMinimumSize(640, 400)
        self.setPalette(themes.palette(PROJECTOR))
        self.setAutoFillBackground(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's spelling
        if not self._keys(event):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's spelling
        """Closing the room's view only hides it; the console can show it again."""
        event.ignore()
        self.hide()


class Stage(QObject):
    """Puts the room's view on its screen and follows screens coming and going.

    Emits `notice(text)` for the console to show, and `offered(screen)` when a
    screen is connected that the room's view could move to.
    """

    notice = Signal(str)
    offered = Signal(object)

    def __init__(self, audience: AudienceWindow, console: QWidget, settings: Settings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.audience, self.console, self.settings = audience, console, settings
        self.screen: QScreen | None = None  # the room's own screen, when it has one
        self._screen_name = ""
        app = QGuiApplication.instance()
        app.screenRemoved.connect(self.screen_removed)  # type: ignore[attr-defined]
        app.screenAdded.connect(self.screen_added)  # type: ignore[attr-defined]

    @property
    def single(self) -> bool:
        """Whether the room's view shares the console's screen (F6 switches)."""
        return self.screen is None

    def open(self, asked: str | None) -> None:
        """Put the room's view on its screen, or get ready to take turns on one."""
        name = self.settings.state_text(NAME_KEY)
        serial = self.settings.state_text(SERIAL_KEY) or ""
        screen, notice = choose_screen(QGuiApplication.screens(), self.console.screen(), asked,
                                       (name, serial) if name else None)
        if screen is None:
            notice = " ".join(filter(None, (notice, tr(
                "One screen: press F6 to show the room's view on it, and F6 again for "
                "this console."))))
        else:
            self.put(screen)
        if notice:
            self.notice.emit(notice)

    def put(self, screen: QScreen) -> None:
        """Full screen on `screen`, and remember it for next time."""
        window = self.audience
        window.hide()
        window.setScreen(screen)
        window.setGeometry(_inside(screen.geometry()))
        window.showFullScreen()
        self.screen, self._screen_name = screen, screen.name()
        self.settings.set_state(NAME_KEY, screen.name())
        self.settings.set_state(SERIAL_KEY, screen.serialNumber())

    def switch(self) -> None:
        """One screen: show the room's view full screen on it, or go back to the console."""
        window = self.audience
        if not self.single:
            window.raise_()
            return
        if window.isVisible():
            window.hide()
            self.console.activateWindow()
            return
        screen = self.console.screen()
        window.setScreen(screen)
        window.setGeometry(_inside(screen.geometry()))
        window.showFullScreen()
        window.activateWindow()

    def leave_full_screen(self) -> None:
        if self.audience.isFullScreen():
            self.audience.showNormal()
        elif self.console.window().isFullScreen():
            self.console.window().showNormal()

    def screen_removed(self, screen: QScreen) -> None:
        """The projector went: a normal window on the console's screen, and a notice."""
        if self.single or screen.name() != self._screen_name:
            return
        self.screen, self._screen_name = None, ""
        window = self.audience
        home = self.console.screen()
        window.showNormal()
        window.setScreen(home)
        area = home.availableGeometry()
        window.setGeometry(QRect(area.x() + area.width() // 6, area.y() + area.height() // 6,
                                 area.width() * 2 // 3, area.height() * 2 // 3))
        window.show()
        self.notice.emit(tr("The screen “{0}” was disconnected: the room's view is now a "
                            "window on this screen, and play goes on.").format(screen.name()))

    def screen_added(self, screen: QScreen) -> None:
        if screen is not self.console.screen() and screen.name() != self._screen_name:
            self.offered.emit(screen)

    def close(self) -> None:
        app = QGuiApplication.instance()
        app.screenRemoved.disconnect(self.screen_removed)  # type: ignore[attr-defined]
        app.screenAdded.disconnect(self.screen_added)  # type: ignore[attr-defined]
        self.audience.hide()


def _inside(area: QRect) -> QRect:
    """A rectangle well inside `area`, so the window's position says which screen."""
    return area.adjusted(40, 40, -40, -40)
