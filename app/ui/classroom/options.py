"""One option as the facilitator sees it: everything the room does not see yet.

The count, the feedback, the marks in words, whether it is the best or a
critical choice (said in words, never by colour alone), what follows it, and
buttons for each key: add a vote, take one away, and go on with it when the
room is tied.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from alongside.engine.model import Choice
from alongside.engine.vocabulary import DIMENSIONS
from alongside.scoring.rubric import DIMENSIONS as RUBRIC
from alongside.scoring.rubric import mark_in_words
from alongside.ui.classroom.words import count_words
from alongside.ui.text import tr
from alongside.ui.widgets import button, label, panel


class OptionCard(QFrame):
    """Emits `add()`, `remove()` and `pick()` from its buttons."""

    add = Signal()
    remove = Signal()
    pick = Signal()

    def __init__(self, index: int, letter: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _frame, layout = panel(frame=self)
        self.letter = letter
        self.heading = label("", "heading")
        self.said = label("")
        self.standing = label("", "good")
        self.critical = label("", "bad")
        self.feedback = label("")
        self.marks = label("", "muted")
        self.next = label("", "muted")
        for widget in (self.heading, self.said, self.standing, self.critical, self.feedback,
                       self.marks, self.next):
            layout.addWidget(widget)
        row = QHBoxLayout()
        key = index + 1
        self.plus = button(tr("Add a vote ({0})").format(key),
                           tr("Add a vote for {0}").format(letter),
                           tr("One more hand up for {0}; key {1}").format(letter, key))
        self.minus = button(tr("Take one away (Shift+{0})").format(key),
                            tr("Take a vote away from {0}").format(letter),
                            tr("One hand fewer for {0}; Shift and {1}").format(letter, key))
        self.choose = button(tr("Pick {0} ({1})").format(letter, key),
                             tr("Break the tie with {0}").format(letter),
                             tr("The room is tied; pick {0} to go on with, then Next").format(
                                 letter))
        self.plus.clicked.connect(self.add)
        self.minus.clicked.connect(self.remove)
        self.choose.clicked.connect(self.pick)
        for widget in (self.plus, self.minus, self.choose):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)

    def show_option(self, choice: Choice, votes: int, total: int, best: bool,
                    comes_next: str, chosen: bool = False) -> None:
        heading = tr("{0} — {1}").format(self.letter, count_words(votes, total))
        self.heading.setText(tr("{0} — the room's choice").format(heading) if chosen
                             else heading)
        self.setAccessibleName(tr("Option {0}").format(self.letter))
        self.said.setText(choice.text)
        self.standing.setText(tr("Best available response") if best else "")
        self.standing.setVisible(best)
        self.critical.setText(tr("Critical: {0}").format(choice.critical) if choice.critical
                              else "")
        self.critical.setVisible(bool(choice.critical))
        self.feedback.setText(tr("Feedback: {0}").format(choice.feedback))
        self.marks.setText("; ".join(f"{RUBRIC[d].name}: {mark_in_words(choice.scores[d])}"
                                     for d in DIMENSIONS if d in choice.scores))
        self.marks.setVisible(bool(choice.scores))
        self.next.setText(tr("Next: {0}").format(comes_next) if comes_next else "")
        self.next.setVisible(bool(comes_next))

    def allow(self, voting: bool, tied_pick: bool, votes: int) -> None:
        """Which buttons work now: votes while voting is open, a pick while tied."""
        self.plus.setEnabled(voting)
        self.minus.setEnabled(voting and votes > 0)
        self.choose.setVisible(tied_pick)
