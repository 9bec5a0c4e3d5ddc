"""The shell: menus, the status line and a stack of registered pages.

A window registers its pages by name (`register`), each with how to build it,
and `go(name, **arguments)` is the only way between them: the page being
left is asked first (`leave()`, which may refuse), then the new one is built
on first use and told what it is shown for (`enter(**arguments)`). That is
Anki's `moveToState` with paired state and cleanup methods. Store work goes
through `ops`, and the kinds of data an operation changed reach every built
page's `changed()`, so no page is refreshed by hand from navigation. Adding
a page to the instructor's desk or the author's studio is registering it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QScrollArea, QStackedWidget, QWidget

from alongside.ui.dialogs import Dialogs
from alongside.ui.operations import Runner

STATUS_MS = 5000  # how long a passing message stays on the status line


class Page(QWidget):
    """One screen of a shell. Subclasses override what they need of the three hooks."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.shell = shell

    def enter(self, **arguments: Any) -> None:
        """Shown now; `arguments` say what for (a scenario to play, a debrief to show)."""

    def leave(self) -> bool:
        """About to be hidden; False keeps the page on screen."""
        return True

    def changed(self, kinds: frozenset[str]) -> None:
        """Data of these kinds changed (see `alongside.ui.operations`)."""


class PageFrame(QScrollArea):
    """Holds a page at the window's size, or at what the page needs if that is more
    (then it scrolls): each page sits in one, so a window smaller than a page needs
    (200% text on a small screen) scrolls the page instead of squeezing its
    controls until their text is cut.

    A resizable QScrollArea would hold a page whose text wraps at its preferred
    height for the width, not its minimum: a page with a scrolling column of
    its own (the play page's answers) would then grow to that column's whole
    content and scroll as a page where the column should have scrolled.
    """

    def __init__(self, page: Page, parent: QWidget) -> None:
        super().__init__(parent)
        # A viewport made here: Python then knows it, and the page's breakpoint can
        # ask for it without PySide6 working out the type of a widget Qt made (on
        # first use that creates some eighty enum classes, ~9 ms of startup).
        viewport = QWidget(self)
        viewport.setAutoFillBackground(True)  # as the viewport Qt would have made
        self.setViewport(viewport)
        self.setWidget(page)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        page.installEventFilter(self)

    def needs(self, width: int) -> QSize:
        """The least size the page can be shown at, `width` wide or more."""
        page = self.widget()
        least = page.minimumSizeHint().expandedTo(page.minimumSize())
        width = max(width, least.width())
        layout = page.layout()
        if layout is not None and layout.hasHeightForWidth():
            return QSize(width, max(layout.minimumHeightForWidth(width), page.minimumHeight()))
        return QSize(width, least.height())

    def fit(self) -> None:
        room = self.maximumViewportSize()
        size = self.needs(room.width())
        if size.height() > room.height():  # a vertical scroll bar takes some of the width
            room.setWidth(room.width() - self.verticalScrollBar().sizeHint().width())
            size = self.needs(room.width())
        self.widget().resize(size.expandedTo(room))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's spelling
        super().resizeEvent(event)
        self.fit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's spelling
        """Refit on the page's layout requests; QScrollArea's own filter sees the rest (a
        page resized without the frame resizing would otherwise keep its old scroll range,
        and what grew below the fold could not be scrolled to)."""
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return super().eventFilter(watched, event)


class Shell(QMainWindow):
    """Emits `moved(name)` after each change of page."""

    moved = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.ops = Runner(self)
        self.ops.changed.connect(self.announce)
        self.ops.problem.connect(self._problem)
        self.ops.fault.connect(self.fault)
        self.stack = QStackedWidget(self)
        self.builders: dict[str, Callable[[], Page]] = {}
        self.pages: dict[str, Page] = {}
        self.frames: dict[str, PageFrame] = {}
        self.current: str | None = None
        # Asked before every move: False when it sent the person elsewhere instead (the
        # desk's lock shows its unlock page in front of a desk page).
        self.gate: Callable[[str, dict[str, Any]], bool] | None = None

    def register(self, name: str, build: Callable[[], Page]) -> None:
        """Make page `name` reachable; `build()` makes it the first time it is shown."""
        self.builders[name] = build

    def page(self, name: str) -> Page:
        """The page called `name`, built the first time it is asked for, in a frame."""
        if name not in self.pages:
            built = self.builders[name]()
            self.pages[name] = built
            frame = PageFrame(built, self.stack)
            self.stack.addWidget(frame)
            self.frames[name] = frame
            self.page_built(name, built)
        return self.pages[name]

    def current_page(self) -> Page | None:
        return self.pages.get(self.current) if self.current else None

    def page_built(self, name: str, page: Page) -> None:
        """A page was just built: what the window adds to it beyond its own set-up."""

    def go(self, name: str, **arguments: Any) -> bool:
        """Show page `name`; False if the page on screen asked to stay, or the gate
        showed another page first."""
        if self.gate is not None and not self.gate(name, arguments):
            return False
        if self.current is not None and self.current != name and \
                not self.pages[self.current].leave():
            return False
        target = self.page(name)
        self.stack.setCurrentWidget(self.frames[name])
        self.current = name
        target.enter(**arguments)
        self.moved.emit(name)
        return True

    def announce(self, kinds: frozenset[str] | set[str]) -> None:
        """Tell every built page that data of these kinds changed."""
        for page in list(self.pages.values()):
            page.changed(frozenset(kinds))

    def status(self, message: str, lasting: bool = False) -> None:
        self.statusBar().showMessage(message, 0 if lasting else STATUS_MS)

    def menu_action(self, menu: QMenu, text: str, slot: Callable[[], object],
                    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                    name: str | None = None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        if name:
            act.setObjectName(name)
        menu.addAction(act)
        return act

    def _problem(self, what: str, message: str) -> None:
        Dialogs.error(self, "That did not work", message)

    def fault(self, what: str) -> None:
        """Something unexpected went wrong and has been logged: say so calmly, once."""
        from alongside import logs

        QTimer.singleShot(0, lambda: Dialogs.something_went_wrong(self, logs.where()))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's spelling
        if self.current is not None and not self.pages[self.current].leave():
            event.ignore()
            return
        self.ops.shutdown()
        super().closeEvent(event)
