"""The library: every scenario, filters, and the chosen scenario's details.

The list takes the keyboard (arrows move, Enter starts in the selected mode);
the details beside it show what the list only summarizes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from alongside.engine.catalogue import ScenarioCard
from alongside.engine.vocabulary import COMPETENCIES, DIMENSIONS, SETTINGS
from alongside.scoring.rubric import DIMENSIONS as RUBRIC
from alongside.ui.library_model import (
    DIFFICULTY,
    ENTRY_ROLE,
    LibraryFilter,
    LibraryModel,
    Row,
    words,
)
from alongside.ui.widgets import button, label

if TYPE_CHECKING:
    from alongside.store.attempts import ScenarioRecord


class NaturalScroll(QScrollArea):
    """A scroll area that asks for all of its content's preferred height.

    Qt caps a scroll area's size hint at 24 lines, which would make the
    details scroll on a tall window. The content's own size hint is cached by
    its layout, so asking costs nothing at startup, where measuring the
    wrapped text at its real width (as the play page's `FitScroll` does)
    costs a dozen milliseconds.
    """

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:
        return self.widget().sizeHint() + QSize(2 * self.frameWidth(), 2 * self.frameWidth())


class LibraryPage(QWidget):
    """Emits `start(row, mode)` and `resume(row)`."""

    start = Signal(object, str)
    resume = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LibraryModel(self)
        self.filter = LibraryFilter(self)
        self.filter.setSourceModel(self.model)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(24)

        left = QVBoxLayout()
        left.addWidget(label("Scenario library", "title"))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search titles, summaries, skills")
        self.search.setAccessibleName("Search the library")
        self.search.setAccessibleDescription("Shows only scenarios whose title, summary, "
                                             "setting or skills contain these words")
        self.search.setClearButtonEnabled(True)
        left.addWidget(self.search)
        filters = QHBoxLayout()
        self.setting = self._combo("Filter by setting", "All settings", SETTINGS)
        self.competency = self._combo("Filter by skill", "All skills", COMPETENCIES)
        filters.addWidget(self.setting, 1)
        filters.addWidget(self.competency, 1)
        left.addLayout(filters)
        self.count = label("", "muted")
        self.count.setAccessibleName("Scenarios shown")
        left.addWidget(self.count)
        self.list = QListView(self)
        self.list.setModel(self.filter)
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.setUniformItemSizes(False)
        self.list.setAlternatingRowColors(True)
        self.list.setAccessibleName("Scenarios")
        self.list.setAccessibleDescription("Use the arrow keys to choose a scenario and Enter "
                                           "to start it in the selected mode.")
        self.list.activated.connect(lambda _index: self._start())
        left.addWidget(self.list, 1)
        outer.addLayout(left, 5)

        self.details = QWidget(self)
        right = QVBoxLayout(self.details)
        right.setContentsMargins(0, 0, 0, 0)
        self.title = label("", "title")
        self.summary = label()
        self.facts = QFormLayout()
        self.facts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fact_labels = {key: label() for key in ("setting", "skills", "length", "difficulty")}
        for key, text in (("setting", "Setting"), ("skills", "Skills"), ("length", "Length"),
                          ("difficulty", "Difficulty")):
            self.facts.addRow(label(text, "muted"), self.fact_labels[key])
        self.best_heading = label("Your best so far", "heading")
        self.best = {d: label() for d in DIMENSIONS}
        self.problem = label("", "bad", selectable=True)
        self.problem.setAccessibleName("Why this scenario is unavailable")

        self.modes = QButtonGroup(self)
        self.practice = QRadioButton("Practice")
        self.assessment = QRadioButton("Assessment")
        self.mode_help = {
            "practice": label("Feedback after each choice, and you may go back.", "muted"),
            "assessment": label("Feedback at the debrief, no going back; passing counts "
                                "towards certification.", "muted"),
        }
        for mode, radio in (("practice", self.practice), ("assessment", self.assessment)):
            radio.setAccessibleName(f"{mode.title()} mode")
            radio.setAccessibleDescription(self.mode_help[mode].text())
            self.modes.addButton(radio)
        self.mode_heading = label("Mode", "heading")
        self.begin = button("Start", "Start the scenario", "Starts a new attempt in the "
                            "selected mode", primary=True)
        self.carry_on = button("Resume", "Resume where you left off",
                               "Continues your unfinished attempt of this scenario")
        self.begin.clicked.connect(self._start)
        self.carry_on.clicked.connect(self._resume)

        right.addWidget(self.title)
        right.addWidget(self.summary)
        right.addLayout(self.facts)
        right.addWidget(self.problem)
        right.addWidget(self.best_heading)
        for d in DIMENSIONS:
            right.addWidget(self.best[d])
        right.addWidget(self.mode_heading)
        right.addWidget(self.practice)
        right.addWidget(self.mode_help["practice"])
        right.addWidget(self.assessment)
        right.addWidget(self.mode_help["assessment"])
        # Start and Resume follow the details, and stay in view when the details
        # must scroll at 200% text.
        self.actions = QWidget(self)
        actions = QHBoxLayout(self.actions)
        actions.setContentsMargins(0, 8, 0, 0)
        actions.addWidget(self.begin)
        actions.addWidget(self.carry_on)
        actions.addStretch(1)
        side = QVBoxLayout()
        side.addWidget(NaturalScroll(self.details))
        side.addWidget(self.actions)
        side.addStretch(1)
        outer.addLayout(side, 4)
        # The scroll area re-parents the details after the buttons were made.
        self.setTabOrder(self.assessment, self.begin)
        self.setTabOrder(self.begin, self.carry_on)

        self.search.textChanged.connect(self._refilter)
        self.setting.currentIndexChanged.connect(self._refilter)
        self.competency.currentIndexChanged.connect(self._refilter)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        self.set_mode("practice")
        self._show_current()

    def _combo(self, name: str, everything: str, values) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setAccessibleDescription(f"{name}; choose {everything.lower()} to see every "
                                       "scenario")
        combo.addItem(everything, None)
        for value in values:
            combo.addItem(words(value), value)
        return combo

    def set_cards(self, cards: list[ScenarioCard]) -> None:
        current = self.current_row()
        self.model.set_cards(cards)
        self._refilter()
        if current is not None and current.card.id is not None:
            self.select(current.card.id)

    def set_records(self, records: dict[str, ScenarioRecord]) -> None:
        self.model.set_records(records)
        self._show_current()

    def set_mode(self, mode: str) -> None:
        (self.assessment if mode == "assessment" else self.practice).setChecked(True)

    def mode(self) -> str:
        return "assessment" if self.assessment.isChecked() else "practice"

    def current_row(self) -> Row | None:
        index = self.list.currentIndex()
        return self.filter.data(index, ENTRY_ROLE) if index.isValid() else None

    def select(self, scenario_id: str) -> bool:
        for r in range(self.filter.rowCount()):
            index = self.filter.index(r, 0)
            row: Row = self.filter.data(index, ENTRY_ROLE)
            if row.card.id == scenario_id:
                self.list.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                return True
        return False

    def _refilter(self) -> None:
        self.filter.set_filter(self.setting.currentData(), self.competency.currentData(),
                               self.search.text())
        shown, total = self.filter.rowCount(), self.model.rowCount()
        self.count.setText(f"{shown} of {total} scenarios shown" if shown != total
                           else f"{total} scenarios")
        if not self.list.currentIndex().isValid() and shown:
            self.list.selectionModel().setCurrentIndex(
                self.filter.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._show_current()

    def _show_current(self) -> None:
        row = self.current_row()
        self.details.setVisible(row is not None)
        self.actions.setVisible(row is not None)
        if row is None:
            return
        c = row.card
        self.title.setText(row.title)
        available = c.available
        for widget in (self.summary, self.best_heading, self.mode_heading, self.practice,
                       self.assessment, *self.mode_help.values(), *self.best.values(),
                       *self.fact_labels.values()):
            widget.setVisible(available)
        for r in range(self.facts.rowCount()):
            self.facts.setRowVisible(r, available)
        self.problem.setVisible(not available)
        self.begin.setEnabled(available)
        if not available:
            self.problem.setText("This scenario cannot be played until its file is fixed: "
                                 f"{c.problem}")
            self.carry_on.hide()
            return
        self.summary.setText(c.summary)
        self.fact_labels["setting"].setText(words(c.setting))
        self.fact_labels["skills"].setText(", ".join(words(k) for k in c.competencies))
        self.fact_labels["length"].setText(f"about {c.minutes} minutes, "
                                           f"{c.decisions} decisions")
        self.fact_labels["difficulty"].setText(
            f"{DIFFICULTY.get(c.difficulty, c.difficulty)} ({c.difficulty} of 3)")
        record = row.record
        for d in DIMENSIONS:
            band = record.best.get(d) if record else None
            self.best[d].setText(f"{RUBRIC[d].name}: {band or 'not played yet'}")
        in_progress = bool(record and record.in_progress)
        self.carry_on.setVisible(in_progress)
        self.begin.setText("Start again" if in_progress else "Start")

    def _start(self) -> None:
        row = self.current_row()
        if row is not None and row.card.available:
            self.start.emit(row, self.mode())

    def _resume(self) -> None:
        row = self.current_row()
        if row is not None and row.record is not None and row.record.in_progress:
            self.resume.emit(row)

    def focus_list(self) -> None:
        self.list.setFocus()
        if not self.list.currentIndex().isValid() and self.filter.rowCount():
            self.list.setCurrentIndex(self.filter.index(0, 0, QModelIndex()))
