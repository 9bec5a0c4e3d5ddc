"""The choices of a decision, numbered 1-4 for the trainee (lettered A-D for a class)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from alongside.engine.vocabulary import MAX_CHOICES
from alongside.ui.text import tr
from alongside.ui.widgets import WrapButton, label

NUMBERS = tuple(str(n) for n in range(1, MAX_CHOICES + 1))
LETTERS = tuple("ABCD"[:MAX_CHOICES])


class ChoicesView(QWidget):
    """A heading and one button per choice; emits `picked(n)` with the 1-based number."""

    picked = Signal(int)

    def __init__(self, marks: tuple[str, ...] = NUMBERS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marks = marks
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = label(tr("What do you say?"), "heading")
        # One short line: unwrapped, it asks for one line's height, where a wrapping
        # label in a scroll area is given the height of its narrowest layout.
        self.heading.setWordWrap(False)
        layout.addWidget(self.heading)
        self.buttons = [WrapButton(self) for _ in range(MAX_CHOICES)]
        for number, button in enumerate(self.buttons, start=1):
            button.clicked.connect(lambda _=False, n=number: self.picked.emit(n))
            layout.addWidget(button)

    def show_choices(self, offered: tuple[tuple[str, str], ...]) -> None:
        """Show these (id, text) choices, or none (an empty tuple) and no heading."""
        for number, button in enumerate(self.buttons, start=1):
            shown = offered[number - 1] if number <= len(offered) else None
            button.setVisible(shown is not None)
            if shown is not None:
                mark = self.marks[number - 1]
                button.set_text(f"{mark}.  {shown[1]}")
                button.setAccessibleName(f"Choice {mark}: {shown[1]}")
                button.setAccessibleDescription(f"Press {mark} to choose this response")
        self.heading.setVisible(bool(offered))

    def shown(self) -> list[WrapButton]:
        return [b for b in self.buttons if b.isVisibleTo(self)]
