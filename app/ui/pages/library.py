"""The library: every scenario, filters, and the chosen scenario's details.

The list takes the keyboard (arrows move, Enter starts in the selected mode);
the details beside it show what the list only summarizes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
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
from alongside.engine.policy import ASSESSMENT, PRACTICE
from alongside.engine.vocabulary import COMPETENCIES, DIMENSIONS, SETTINGS
from alongside.scoring.bands import band_label
from alongside.scoring.rubric import DIMENSIONS as RUBRIC
from alongside.ui import operations
from alongside.ui.library_model import (
    DIFFICULTY,
    ENTRY_ROLE,
    LibraryFilter,
    LibraryModel,
    Row,
)
from alongside.ui.operations import ATTEMPTS, PROFILE
from alongside.ui.shell import Page, Shell
from alongside.ui.text import setting_name, skill_name, tr
from alongside.ui.widgets import Breakpoint, NarrowCombo, button, label

if TYPE_CHECKING:
    from alongside.store.history import ScenarioRecord

COMBO_LETTERS = 12  # the width a filter asks for, in letters
NARROW_EM = 36  # below this many lines of text in width, the details go below the list


class NaturalScroll(QScrollArea):
    """A scroll area that asks for all of its content's height at the width it has.

    Qt caps a scroll area's size hint at 24 lines, which would make the
    details scroll on a tall window; and the content's own size hint is its
    height at its preferred width, less than wrapped text needs in a narrower
    column, which left the details scrolling above empty room. Until the area
    has a width (at startup) the cached size hint stands in, so that measuring
    the wrapped text costs nothing before the window is shown.
    """

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._width = 0
        content.installEventFilter(self)

    def sizeHint(self) -> QSize:
        content = self.widget()
        hint = content.sizeHint()
        if self._width > 0 and content.hasHeightForWidth():
            # Measured as if a scroll bar took its width: a height that only fits
            # without one would keep a scroll bar that is already showing.
            bar = self.verticalScrollBar().sizeHint().width()
            hint.setHeight(content.heightForWidth(max(1, self._width - bar)))
        return hint + QSize(2 * self.frameWidth(), 2 * self.frameWidth())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's spelling
        super().resizeEvent(event)
        width = self.width() - 2 * self.frameWidth()
        if width != self._width:
            self._width = width
            self.updateGeometry()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's spelling
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return False


class LibraryPage(Page):
    """Every scenario; starting or resuming one asks the window (`play_new`, `resume`)."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.model = LibraryModel(self)
        self.filter = LibraryFilter(self)
        self.filter.setSourceModel(self.model)
        self.stale = True
        self.outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.outer.setContentsMargins(24, 16, 24, 16)
        self.outer.setSpacing(24)
        self.outer.addLayout(self._list_column(), 5)
        self.outer.addLayout(self._details_column(), 4)
        # The scroll area re-parents the details after the buttons were made.
        self.setTabOrder(self.assessment, self.begin)
        self.setTabOrder(self.begin, self.carry_on)
        self.search.textChanged.connect(self._refilter)
        self.setting.currentIndexChanged.connect(self._refilter)
        self.competency.currentIndexChanged.connect(self._refilter)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        self.set_mode(PRACTICE.id)
        self._show_current()
        self.breakpoint = Breakpoint(self, (NARROW_EM,),
                                     lambda level: self._arrange(narrow=level == 0))

    def _arrange(self, narrow: bool) -> None:
        """The list beside the details where there is room; where there is not (200%
        text in a small window), the details below the list and the page scrolls."""
        self.outer.setDirection(QBoxLayout.Direction.TopToBottom if narrow
                                else QBoxLayout.Direction.LeftToRight)
        self.list.setMinimumHeight(12 * self.fontMetrics().height() if narrow else 0)

    def _list_column(self) -> QVBoxLayout:
        left = QVBoxLayout()
        left.addWidget(label(tr("Scenario library"), "title"))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("Search titles, summaries, skills"))
        self.search.setAccessibleName(tr("Search the library"))
        self.search.setAccessibleDescription(tr("Shows only scenarios whose title, summary, "
                                                "setting or skills contain these words"))
        self.search.setClearButtonEnabled(True)
        left.addWidget(self.search)
        filters = QHBoxLayout()
        self.setting = self._combo(tr("Filter by setting"), tr("All settings"), SETTINGS,
                                   setting_name)
        self.competency = self._combo(tr("Filter by skill"), tr("All skills"), COMPETENCIES,
                                      skill_name)
        filters.addWidget(self.setting, 1)
        filters.addWidget(self.competency, 1)
        left.addLayout(filters)
        self.count = label("", "muted")
        self.count.setAccessibleName(tr("Scenarios shown"))
        left.addWidget(self.count)
        self.list = QListView(self)
        self.list.setModel(self.filter)
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.setUniformItemSizes(False)
        self.list.setAlternatingRowColors(True)
        self.list.setAccessibleName(tr("Scenarios"))
        self.list.setAccessibleDescription(tr("Use the arrow keys to choose a scenario and "
                                              "Enter to start it in the selected mode."))
        self.list.activated.connect(lambda _index: self._start())
        left.addWidget(self.list, 1)
        return left

    def _details_column(self) -> QVBoxLayout:
        self.details = QWidget(self)
        right = QVBoxLayout(self.details)
        right.setContentsMargins(0, 0, 0, 0)
        self.title = label("", "title")
        self.summary = label()
        self.facts = QFormLayout()
        self.facts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fact_labels = {key: label() for key in ("setting", "skills", "length", "difficulty")}
        for key, text in (("setting", tr("Setting")), ("skills", tr("Skills")),
                          ("length", tr("Length")), ("difficulty", tr("Difficulty"))):
            self.facts.addRow(label(text, "muted"), self.fact_labels[key])
        self.best_heading = label(tr("Your best so far"), "heading")
        self.best = {d: label() for d in DIMENSIONS}
        self.problem = label("", "bad", selectable=True)
        self.problem.setAccessibleName(tr("Why this scenario is unavailable"))
        for widget in (self.title, self.summary):
            right.addWidget(widget)
        right.addLayout(self.facts)
        right.addWidget(self.problem)
        right.addWidget(self.best_heading)
        for d in DIMENSIONS:
            right.addWidget(self.best[d])
        self._modes(right)
        # Start and Resume follow the details, and stay in view when the details
        # must scroll at 200% text.
        self.actions = QWidget(self)
        actions = QHBoxLayout(self.actions)
        actions.setContentsMargins(0, 8, 0, 0)
        self.begin = button(tr("Start"), tr("Start the scenario"),
                            tr("Starts a new attempt in the selected mode"), primary=True)
        self.carry_on = button(tr("Resume"), tr("Resume where you left off"),
                               tr("Continues your unfinished attempt of this scenario"))
        self.begin.clicked.connect(self._start)
        self.carry_on.clicked.connect(self._resume)
        actions.addWidget(self.begin)
        actions.addWidget(self.carry_on)
        actions.addStretch(1)
        side = QVBoxLayout()
        self.details_scroll = NaturalScroll(self.details)
        side.addWidget(self.details_scroll)
        side.addWidget(self.actions)
        side.addStretch(1)
        return side

    def _modes(self, column: QVBoxLayout) -> None:
        self.modes = QButtonGroup(self)
        self.practice = QRadioButton(tr("Practice"))
        self.assessment = QRadioButton(tr("Assessment"))
        self.mode_help = {
            PRACTICE.id: label(tr("Feedback after each choice, and you may go back."), "muted"),
            ASSESSMENT.id: label(tr("Feedback at the debrief, no going back; passing counts "
                                    "towards certification."), "muted"),
        }
        self.mode_heading = label(tr("Mode"), "heading")
        column.addWidget(self.mode_heading)
        for mode, radio in ((PRACTICE.id, self.practice), (ASSESSMENT.id, self.assessment)):
            radio.setAccessibleName(tr("{0} mode").format(radio.text()))
            radio.setAccessibleDescription(self.mode_help[mode].text())
            self.modes.addButton(radio)
            column.addWidget(radio)
            column.addWidget(self.mode_help[mode])

    def _combo(self, name: str, everything: str, values: tuple[str, ...],
               named: Callable[[str], str]) -> QComboBox:
        # As narrow as a short name, so that the longest skill's name does not push
        # the details off the page; the list that opens shows every name whole.
        combo = NarrowCombo(COMBO_LETTERS, self)
        combo.setAccessibleName(name)
        combo.setAccessibleDescription(tr("{0}; choose {1} to see every scenario").format(
            name, everything.lower()))
        combo.addItem(everything, None)
        for value in values:
            combo.addItem(named(value), value)
        return combo

    # -- shown, and what changed ---------------------------------------------------

    def enter(self, **_: Any) -> None:
        if self.stale:
            self.refresh()
        self.focus_list()

    def changed(self, kinds: frozenset[str]) -> None:
        if kinds & {ATTEMPTS, PROFILE}:
            self.stale = True
            if self.isVisible():
                self.refresh()

    def refresh(self) -> None:
        """Read the trainee's record of each scenario again."""
        profile = self.shell.profile
        if profile is not None:
            self.stale = False
            self.shell.ops.run(operations.records(profile), self.set_records)

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
        (self.assessment if mode == ASSESSMENT.id else self.practice).setChecked(True)

    def mode(self) -> str:
        return ASSESSMENT.id if self.assessment.isChecked() else PRACTICE.id

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

    def file_of(self, scenario_id: str) -> Path | None:
        """The library file of a scenario, if it is in the library."""
        row = next((r for r in self.model.rows() if r.card.id == scenario_id), None)
        return Path(row.card.path) if row is not None else None

    def _refilter(self) -> None:
        self.filter.set_filter(self.setting.currentData(), self.competency.currentData(),
                               self.search.text())
        shown, total = self.filter.rowCount(), self.model.rowCount()
        self.count.setText(tr("{0} of %n scenario(s) shown", total).format(shown)
                           if shown != total else tr("%n scenario(s)", total))
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
        available = row.card.available
        for widget in (self.summary, self.best_heading, self.mode_heading, self.practice,
                       self.assessment, *self.mode_help.values(), *self.best.values(),
                       *self.fact_labels.values()):
            widget.setVisible(available)
        for r in range(self.facts.rowCount()):
            self.facts.setRowVisible(r, available)
        self.problem.setVisible(not available)
        self.begin.setEnabled(available)
        self.title.setText(row.title)
        if not available:
            self.problem.setText(tr("This scenario cannot be played until its file is "
                                    "fixed: {0}").format(row.card.problem))
            self.carry_on.hide()
            return
        self._show_facts(row)

    def _show_facts(self, row: Row) -> None:
        c = row.card
        self.summary.setText(c.summary)
        self.fact_labels["setting"].setText(setting_name(c.setting))
        self.fact_labels["skills"].setText(", ".join(skill_name(k) for k in c.competencies))
        self.fact_labels["length"].setText(tr("{0}, {1}").format(
            tr("about %n minute(s)", c.minutes), tr("about %n decision(s)", c.decisions)))
        self.fact_labels["difficulty"].setText(
            tr("{0} ({1} of 3)").format(tr(DIFFICULTY.get(c.difficulty, str(c.difficulty))),
                                        c.difficulty))
        record = row.record
        for d in DIMENSIONS:
            band = record.best.get(d) if record else None
            self.best[d].setText(f"{RUBRIC[d].name}: "
                                 f"{band_label(band) if band else tr('not played yet')}")
        in_progress = bool(record and record.in_progress)
        self.carry_on.setVisible(in_progress)
        self.begin.setText(tr("Start again") if in_progress else tr("Start"))

    def _start(self) -> None:
        row = self.current_row()
        if row is not None and row.card.available:
            self.shell.play_new(Path(row.card.path), self.mode())

    def _resume(self) -> None:
        row = self.current_row()
        if row is not None and row.record is not None and row.record.in_progress:
            self.shell.resume(row.record.in_progress, Path(row.card.path))

    def focus_list(self) -> None:
        self.list.setFocus()
        if not self.list.currentIndex().isValid() and self.filter.rowCount():
            self.list.setCurrentIndex(self.filter.index(0, 0, QModelIndex()))
