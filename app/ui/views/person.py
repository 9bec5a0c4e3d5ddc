"""Who is speaking: their portrait, name and mood, and the meters of their inner state."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from alongside.engine.model import Character, Scenario
from alongside.ui.portraits import PortraitView
from alongside.ui.text import tr
from alongside.ui.widgets import Meter, label

PORTRAIT_SIDE = 160  # pixels at 100% text; grows with the text up to 150%


class PersonView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.portrait = PortraitView(self)
        self.who = label("", "heading")
        self.who.setAccessibleName(tr("Who is speaking"))
        self.feeling = label("", "muted")
        self.feeling.setAccessibleName(tr("How they seem"))
        layout.addWidget(self.portrait, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.who)
        layout.addWidget(self.feeling)
        self.meters_box = QVBoxLayout()
        layout.addLayout(self.meters_box)
        layout.addStretch(1)
        self.meters: dict[str, tuple[QLabel, Meter]] = {}
        self._values: dict[str, int] = {}
        self._scenario: Scenario | None = None

    def set_scale(self, scale: float) -> None:
        self.portrait.set_side(round(PORTRAIT_SIDE * min(scale, 1.5)))

    def show_person(self, character: Character, mood: str | None) -> None:
        self.portrait.show_person(character.name, character.portrait, mood)
        self.who.setText(character.name)
        self.feeling.setText(tr("Seems {0}").format(mood) if mood else "")

    def build_meters(self, scenario: Scenario) -> None:
        """A labelled meter for each variable the scenario shows."""
        while self.meters_box.count():
            item = self.meters_box.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self._scenario = scenario
        self.meters, self._values = {}, {}
        for name, variable in scenario.variables.items():
            if not variable.shown:
                continue
            caption = label("")
            meter = Meter(self)
            meter.setRange(variable.min, variable.max)
            meter.setAccessibleName(variable.label or name)
            caption.setBuddy(meter)
            self.meters[name] = (caption, meter)
            self.meters_box.addWidget(caption)
            self.meters_box.addWidget(meter)

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
