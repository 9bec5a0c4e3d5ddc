"""The console's buttons, one for every key, and the offer of a newly connected screen."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QPushButton, QWidget

from alongside.engine.classroom import DISTRIBUTION, ENDED, FEEDBACK, OPEN, REVEALED, Classroom
from alongside.ui.text import tr
from alongside.ui.widgets import button, label, panel


class Controls(QWidget):
    """Emits `acted(action, option)` as the keys would (see `keys.action_of`)."""

    acted = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 4, 0, 4)
        made = (
            ("timer", tr("Start a timed vote (T)"), tr("Start or pause the timed vote"),
             tr("Voting locks when the clock reaches zero")),
            ("reveal", tr("Reveal the votes (R)"), tr("Reveal"),
             tr("Shows the room how it voted, then the feedback")),
            ("next", tr("Next (N)"), tr("Go on with the room's choice"),
             tr("The option with the most votes, or your pick on a tie")),
            ("back", tr("Back (Alt+B)"), tr("Go back"),
             tr("Takes back the last decision; both stay in the record")),
            ("show", tr("Show the room's view (F6)"), tr("Show the room's view"),
             tr("Puts the room's view on its screen")),
            ("escape", tr("Leave full screen (Esc)"), tr("Leave full screen"),
             tr("The room's view becomes a normal window")),
            ("leave", tr("Stop presenting"), tr("Stop presenting"),
             tr("Every decision is saved; present again under the same name to continue")),
        )
        self.buttons: dict[str, QPushButton] = {}
        for action, text, name, description in made:
            widget = button(text, name, description, primary=action == "next", parent=self)
            widget.clicked.connect(lambda _=False, a=action: self.acted.emit(a, 0))
            self.buttons[action] = widget
        self.arrange(4)

    def arrange(self, columns: int) -> None:
        """The buttons in rows of `columns` (fewer where the text is large)."""
        for widget in self.buttons.values():
            self.grid.removeWidget(widget)
        for index, widget in enumerate(self.buttons.values()):
            self.grid.addWidget(widget, index // columns, index % columns)

    def first(self) -> QPushButton:
        return self.buttons["reveal"]

    def set_single(self, single: bool) -> None:
        self.buttons["show"].setText(tr("Show the room's view (F6)") if single
                                     else tr("Room's view full screen"))

    def follow(self, room: Classroom) -> None:
        clock = room.countdown
        timer = self.buttons["timer"]
        timer.setEnabled(room.phase in OPEN)
        timer.setText(tr("Start a timed vote (T)") if clock is None
                      else tr("Pause the vote (T)") if clock.running
                      else tr("Resume the vote (T)"))
        reveal = self.buttons["reveal"]
        reveal.setEnabled(room.phase not in (ENDED, FEEDBACK))
        reveal.setText(tr("Reveal the feedback (R)") if room.phase == DISTRIBUTION
                       else tr("Reveal the votes (R)"))
        self.buttons["next"].setEnabled(room.phase in REVEALED and room.chosen is not None)
        self.buttons["back"].setEnabled(bool(room.session.decisions))


class ScreenOffer(QFrame):
    """"A screen was connected: … Move the room's view there?" Emits `move(screen)`."""

    move = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _frame, layout = panel(frame=self)
        self.setAccessibleName(tr("A screen was connected"))
        self.text = label("")
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.accept = button(tr("Move the room's view there"), tr("Move the room's view"),
                             tr("Shows the room's view full screen on the new screen"),
                             primary=True)
        self.decline = button(tr("Not now"), tr("Not now"),
                              tr("Keeps the room's view where it is"))
        row.addWidget(self.accept)
        row.addWidget(self.decline)
        row.addStretch(1)
        layout.addLayout(row)
        self.offered: QScreen | None = None
        self.accept.clicked.connect(self._accept)
        self.decline.clicked.connect(self.hide)
        self.hide()

    def offer(self, screen: QScreen) -> None:
        self.offered = screen
        self.text.setText(tr("A screen was connected: “{0}”. Move the room's view there?")
                          .format(screen.name()))
        self.show()

    def _accept(self) -> None:
        if self.offered is not None:
            self.move.emit(self.offered)
        self.hide()
