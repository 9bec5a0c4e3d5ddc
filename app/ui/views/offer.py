"""The offer at the top of the library to continue the attempt left unfinished."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from alongside.ui.text import mode_name, tr
from alongside.ui.widgets import button, label, panel

if TYPE_CHECKING:
    from alongside.store.unfinished import Waiting


class ResumeOffer(QFrame):
    """"Continue <title> where you left off — decision 4 of about 7, assessment", with
    Continue and Not now. Emits `accepted(waiting)`; Not now hides it for that attempt
    until the app starts again."""

    accepted = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _frame, layout = panel(frame=self)
        self.setAccessibleName(tr("Unfinished attempt"))
        self.text = label("")
        self.text.setAccessibleName(tr("Your unfinished attempt"))
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.go_on = button(tr("Continue"), tr("Continue where you left off"),
                            tr("Opens your unfinished attempt at the decision where you "
                               "stopped"), primary=True)
        self.not_now = button(tr("Not now"), tr("Not now"),
                              tr("Hides this offer; the attempt stays saved, and Resume in "
                                 "the library continues it"))
        row.addWidget(self.go_on)
        row.addWidget(self.not_now)
        row.addStretch(1)
        layout.addLayout(row)
        self.waiting: Waiting | None = None
        self.declined: set[str] = set()
        self.go_on.clicked.connect(self._accept)
        self.not_now.clicked.connect(self._decline)
        self.hide()

    def offer(self, waiting: Waiting | None) -> bool:
        """Show `waiting` unless it was declined; whether the offer is on screen."""
        self.waiting = waiting if waiting and waiting.attempt not in self.declined else None
        if self.waiting is not None:
            w = self.waiting
            self.text.setText(tr("Continue “{0}” where you left off — decision {1} of "
                                 "about {2}, {3}.").format(w.title, w.decision, w.total,
                                                           mode_name(w.mode).lower()))
        self.setVisible(self.waiting is not None)
        return self.waiting is not None

    def _accept(self) -> None:
        if self.waiting is not None:
            self.accepted.emit(self.waiting)

    def _decline(self) -> None:
        if self.waiting is not None:
            self.declined.add(self.waiting.attempt)
        self.offer(None)
