"""The desk's lock: the instructor's pages are shown only after a passphrase, and only
while the instructor is at them.

Trainees' results and certification decisions sit behind the desk, and an
office PC is left unattended. The lock is the window's gate (`Shell.gate`):
any move to a page whose name starts with "desk" while locked shows the
unlock page instead, which goes on to the page asked for once the
passphrase checks. The desk locks again when the person moves to a page
outside it, after `IDLE_MS` without a key press or mouse input in the
window, and with the Lock button. Locking while a desk page is on screen
puts the unlock page in front of it without asking it to leave: whatever
the instructor was typing stays as it was, hidden, until the desk is
unlocked again. Each wrong passphrase makes the next try wait longer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QPushButton, QWidget

from alongside.ui.text import tr
from alongside.ui.widgets import button

if TYPE_CHECKING:
    from alongside.ui.main_window import MainWindow

UNLOCK = "desk-unlock"
IDLE_MS = 10 * 60 * 1000  # the desk locks itself after this long without input
FIRST_WAIT_S, LONGEST_WAIT_S = 1, 60  # the waits after wrong tries double up to this
INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                   QEvent.Type.MouseMove, QEvent.Type.Wheel})


def is_desk(name: str | None) -> bool:
    return bool(name) and name.startswith("desk")  # type: ignore[union-attr]


class DeskLock(QObject):
    """Watches the window's moves and input while the desk is unlocked.

    Input is watched on the window's QWindow, which receives every key and mouse
    event of the window before its widgets do, and only while the desk is
    unlocked, so the trainee's pages never pay for it. (A filter on the whole
    application would see every event of every object, and PySide6 crashed
    wrapping some of them.)
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.failures = 0
        self.wait_until = 0.0  # time.monotonic() before which no try is checked
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.lock)
        window.gate = self._gate
        window.moved.connect(self._moved)

    @property
    def locked(self) -> bool:
        return self.window.instructor is None

    def _gate(self, name: str, arguments: dict[str, Any]) -> bool:
        if not self.locked or not is_desk(name) or name == UNLOCK:
            return True
        self.window.go(UNLOCK, then=name, arguments=arguments)
        return False

    def _moved(self, name: str) -> None:
        if not is_desk(name):
            self.lock()

    def unlocked(self, instructor: str) -> None:
        """The passphrase checked: the desk is `instructor`'s until it locks."""
        self.window.instructor = instructor
        self.failures, self.wait_until = 0, 0.0
        self._watched().installEventFilter(self)
        self.idle.start(IDLE_MS)
        self.window.status(tr("The desk is unlocked for {0}").format(instructor))

    def wrong_try(self) -> int:
        """A wrong name or passphrase: the seconds to wait before the next try."""
        import time

        self.failures += 1
        wait = min(FIRST_WAIT_S * 2 ** (self.failures - 1), LONGEST_WAIT_S)
        self.wait_until = time.monotonic() + wait
        return wait

    def lock(self) -> None:
        if self.locked:
            return
        self.window.instructor = None
        self.idle.stop()
        self._watched().removeEventFilter(self)
        self.window.status(tr("The desk is locked"))
        current = self.window.current
        if is_desk(current) and current != UNLOCK:
            self._cover(current)  # type: ignore[arg-type]

    def _cover(self, hidden: str) -> None:
        """The unlock page in front of `hidden`, which is not asked to leave."""
        window = self.window
        page = window.page(UNLOCK)
        window.stack.setCurrentWidget(window.frames[UNLOCK])
        window.current = UNLOCK
        page.enter(resume=hidden)
        window.moved.emit(UNLOCK)

    def uncover(self, hidden: str) -> None:
        """Back to the page the lock hid, as it was left."""
        window = self.window
        window.stack.setCurrentWidget(window.frames[hidden])
        window.current = hidden
        window.moved.emit(hidden)

    def _watched(self) -> QObject:
        return self.window.windowHandle() or self.window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's spelling
        if event.type() in INPUT:
            self.idle.start(IDLE_MS)
        return False


def lock_button(window: MainWindow, parent: QWidget | None = None) -> QPushButton:
    """The Lock button every desk page shows."""
    made = button(tr("Lock the desk"), tr("Lock the desk"),
                  tr("Hides the desk behind its passphrase until it is typed again"),
                  parent=parent)
    made.clicked.connect(window.desk_lock.lock)
    return made
