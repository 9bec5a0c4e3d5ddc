"""Who is speaking: their portrait, name and mood, and the meters of their inner state."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget

from alongside.engine.model import Character, Scenario
from alongside.ui.portraits import PortraitView
from alongside.ui.text import tr
from alongside.ui.widgets import Meter, label

PORTRAIT_SIDE = 160  # pixels at 100% text; grows with the text up to 150%
COMPACT = 0.4  # how much of that side the portrait has in the compact form


class PersonView(QWidget):
    """A column (portrait above, then name, mood and meters), or in `compact` form, for
    a page short of room, a smaller portrait beside the name and mood, and below them
    each meter beside its caption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        self.head = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.portrait = PortraitView(self)
        self.who = label("", "heading")
        self.who.setAccessibleName(tr("Who is speaking"))
        self.feeling = label("", "muted")
        self.feeling.setAccessibleName(tr("How they seem"))
        words = QVBoxLayout()
        words.addWidget(self.who)
        words.addWidget(self.feeling)
        words.addStretch(1)
        self.head.addWidget(self.portrait, 0, Qt.AlignmentFlag.AlignHCenter)
        self.head.addLayout(words, 1)
        column.addLayout(self.head)
        self.meters_box = QVBoxLayout()
        column.addLayout(self.meters_box, 1)
        column.addStretch(1)
        self.scale = 1.0
        self.compact = False
        self.meters: dict[str, tuple[QLabel, Meter]] = {}
        # Each meter with its caption, in a widget of its own: deleting it deletes both,
        # and its layout turns with the compact form.
        self.pairs: list[tuple[QWidget, QBoxLayout]] = []
        self._values: dict[str, int] = {}
        self._scenario: Scenario | None = None

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        self._size_portrait()

    def set_compact(self, compact: bool) -> None:
        self.compact = compact
        for box in (self.head, *(row for _pair, row in self.pairs)):
            box.setDirection(self._direction())
        self._size_portrait()

    def _direction(self) -> QBoxLayout.Direction:
        return QBoxLayout.Direction.LeftToRight if self.compact \
            else QBoxLayout.Direction.TopToBottom

    def _size_portrait(self) -> None:
        side = PORTRAIT_SIDE * min(self.scale, 1.5)
        self.portrait.set_side(round(side * (COMPACT if self.compact else 1.0)))

    def show_person(self, character: Character, mood: str | None) -> None:
        self.portrait.show_person(character.name, character.portrait, mood)
        self.who.setText(character.name)
        self.feeling.setText(tr("Seems {0}").format(mood) if mood else "")

    def build_meters(self, scenario: Scenario) -> None:
        """A labelled meter for each variable the scenario shows."""
        for pair, _row in self.pairs:
            self.meters_box.removeWidget(pair)
            pair.deleteLater()
        self._scenario = scenario
        self.meters, self._values, self.pairs = {}, {}, []
        for name, variable in scenario.variables.items():
            if not variable.shown:
                continue
            pair = QWidget(self)
            row = QBoxLayout(self._direction(), pair)
            row.setContentsMargins(0, 0, 0, 0)
            caption = label("", parent=pair)
            meter = Meter(pair)
            meter.setRange(variable.min, variable.max)
            meter.setAccessibleName(variable.label or name)
            caption.setBuddy(meter)
            self.meters[name] = (caption, meter)
            row.addWidget(caption, 1)
            row.addWidget(meter, 1)
            self.pairs.append((pair, row))
            self.meters_box.addWidget(pair)

    def update_meters(self, variables: Mapping[str, int]) -> None:
        if self._scenario is None:
            return
        for name, (caption, meter) in self.meters.items():
            value = variables[name]
            variable = self._scenario.variables[name]
            before = self._values.get(name)
            change = "" if before is None or before == value else \
                (f" (up {value - before})" if value > before else f" (down {before - value})")
            self._values[name] = value
            meter.setValue(value)
            caption.setText(f"{variable.label or name}: {value} of {variable.max}{change}")
            meter.setAccessibleDescription(
                f"{variable.label or name} is {value} on a scale from {variable.min} to "
                f"{variable.max}{change}")
