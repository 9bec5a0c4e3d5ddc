"""What the trainee's last choice did: its feedback, its marks in words, a critical line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QWidget

from alongside.engine.events import ChoiceScored
from alongside.engine.vocabulary import DIMENSIONS
from alongside.scoring.rubric import DIMENSIONS as RUBRIC
from alongside.scoring.rubric import mark_in_words
from alongside.ui.text import tr
from alongside.ui.widgets import button, label, panel


class FeedbackView(QFrame):
    """A panel about the last choice, with the button (and Alt+B) that takes it back.

    `go_back` is the button; whoever shows this view connects its `clicked`
    and the `back_key` shortcut to taking the choice back.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _frame, layout = panel(frame=self)
        self.setAccessibleName(tr("Feedback on your last choice"))
        self.heading = label(tr("About your last choice"), "heading")
        self.choice = label("")
        self.text = label("")
        self.marks = label("")
        self.critical, critical = panel("critical")
        self.critical_text = label("", "bad")
        critical.addWidget(self.critical_text)
        self.go_back = button(tr("Go back (Alt+B)"), tr("Go back"),
                              tr("Takes back your last choice; both stay in your history"))
        self.back_key = QShortcut(QKeySequence("Alt+B"), parent or self)
        self.back_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for widget in (self.heading, self.choice, self.text, self.marks, self.critical,
                       self.go_back):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_scored(self, event: ChoiceScored, said: str) -> None:
        self.choice.setText(tr("You said: “{0}”").format(said))
        self.text.setText(event.feedback)
        self.marks.setText("\n".join(f"{RUBRIC[d].name}: {mark_in_words(event.scores[d])}"
                                     for d in DIMENSIONS if d in event.scores))
        self.critical.setVisible(bool(event.critical))
        if event.critical:
            self.critical_text.setText(tr(
                "Critical error: {0}. In an assessment this choice alone means the attempt "
                "does not pass.").format(event.critical.rstrip(".")))
        self.show()
