"""The shapes of the play page: three columns, two, or one, as the room allows.

The page keeps its widgets; this only places them in its grid, so the page
reads as what it shows and this as where it goes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QScrollArea, QWidget

from alongside.ui.views.person import PersonView
from alongside.ui.views.transcript import TranscriptView

SHAPES_EM = (30, 62)  # room, in lines of text, for two columns, and for three


class PlayShapes:
    """Arranges the person, the conversation, the answers and the feedback column."""

    def __init__(self, grid: QGridLayout, person: PersonView, person_scroll: QScrollArea,
                 transcript: TranscriptView, answers: QScrollArea, side: QScrollArea) -> None:
        self.grid, self.person, self.person_scroll = grid, person, person_scroll
        self.transcript, self.answers, self.side = transcript, answers, side

    def arrange(self, level: int) -> None:
        """Three columns (the person, the conversation, the feedback) where there is
        room (level 2). With less (200% text on a laptop), two: the conversation above
        the feedback, with the person in short below the feedback, and the answers the
        whole height beside them, so the newest line and the choices both keep their
        room. In the smallest window, one column that the page scrolls."""
        grid = self.grid
        for widget in (self.person_scroll, self.transcript, self.answers, self.side):
            grid.removeWidget(widget)
        for index in range(4):
            grid.setColumnStretch(index, 0)
            grid.setRowStretch(index, 0)
        self.person.set_compact(level < 2)
        self._person_beside_feedback(level == 1)
        places: dict[QWidget, tuple[int, int, int, int]]
        if level == 2:
            places = {self.person_scroll: (0, 0, 2, 1), self.transcript: (0, 1, 1, 1),
                      self.answers: (1, 1, 1, 1), self.side: (0, 2, 2, 1)}
            columns, rows = (2, 5, 3), (1, 0)
        elif level == 1:
            places = {self.transcript: (0, 0, 1, 1), self.side: (1, 0, 1, 1),
                      self.answers: (0, 1, 2, 1)}
            columns, rows = (1, 1), (3, 2)
        else:
            places = {self.person_scroll: (0, 0, 1, 1), self.transcript: (1, 0, 1, 1),
                      self.answers: (2, 0, 1, 1), self.side: (3, 0, 1, 1)}
            columns, rows = (1,), (0, 1, 0, 0)
        for widget, place in places.items():
            grid.addWidget(widget, *place)
        self.person_scroll.setVisible(self.person_scroll in places)
        for index, stretch in enumerate(columns):
            grid.setColumnStretch(index, stretch)
        for index, stretch in enumerate(rows):
            grid.setRowStretch(index, stretch)
        self.transcript.keep_lines(7 if level == 2 else 4)

    def _person_beside_feedback(self, beside: bool) -> None:
        """Move the person between their own column and the feedback's (below it)."""
        column = self.side.widget().layout()
        if beside and self.person_scroll.widget() is self.person:
            self.person_scroll.takeWidget()
            self.person.setMinimumHeight(0)  # what the scroll area held it at
            column.insertWidget(column.count() - 1, self.person)
        elif not beside and self.person_scroll.widget() is not self.person:
            column.removeWidget(self.person)
            self.person_scroll.setWidget(self.person)
        self.person.show()
