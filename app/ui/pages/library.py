"""The library: every scenario, filters, and the chosen scenario's details.

The list takes the keyboard (arrows move, Enter starts in the selected mode);
the details beside it show what the list only summarizes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QRadioButton,
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
from alongside.ui.studio.map_entry import map_button
from alongside.ui.text import mode_name, setting_name, skill_name, tr
from alongside.ui.views.offer import ResumeOffer
from alongside.ui.widgets import Breakpoint, NarrowCombo, NaturalScroll, button, label

if TYPE_CHECKING:
    from alongside.store.history import ScenarioRecord
    from alongside.store.unfinished import Waiting

COMBO_LETTERS = 12  # the width a filter asks for, in letters
SHAPES_EM = (36, 56)  # room, in lines of text, for the details beside the list, and for
# the list to take the larger share


class LibraryPage(Page):
    """Every scenario; starting or resuming one asks the window (`play_new`, `resume`)."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.model = LibraryModel(self)
        self.filter = LibraryFilter(self)
        self.filter.setSourceModel(self.model)
        self.stale = True
        self.unlisted = ""  # the library folders that could not be listed, said after the count
        self.fresh = True  # the offer to continue takes the focus once, when first shown
        page = QVBoxLayout(self)
        page.setContentsMargins(24, 16, 24, 16)
        page.setSpacing(16)
        self.offer = ResumeOffer(self)
        self.offer.accepted.connect(self._continue)
        page.addWidget(self.offer)
        self.outer = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.outer.setSpacing(24)
        page.addLayout(self.outer, 1)
        self.outer.addLayout(self._list_column(), 5)
        self.outer.addLayout(self._details_column(), 4)
        # The scroll area re-parents the details after the buttons were made.
        self.setTabOrder(self.assessment, self.begin)
        self.setTabOrder(self.begin, self.carry_on)
        self.search.textChanged.connect(self._refilter)
        self.setting.currentIndexChanged.connect(self._refilter)
        self.competency.currentIndexChanged.connect(self._refilter)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        self._following = False
        self.set_mode(PRACTICE.id)
        self.modes.buttonToggled.connect(lambda _button, _on: self._mode_picked())
        self._show_current()
        self.breakpoint = Breakpoint(self, SHAPES_EM, self._arrange)

    def _arrange(self, level: int) -> None:
        """The list beside the details where there is room, with the larger share where
        there is plenty (level 2) and half, its filters one above the other, where text
        is large (200% on a laptop); in a small window, the details below the list and
        the page scrolls (level 0)."""
        self.outer.setDirection(QBoxLayout.Direction.TopToBottom if level == 0
                                else QBoxLayout.Direction.LeftToRight)
        self.outer.setStretch(0, 5 if level == 2 else 1)
        self.outer.setStretch(1, 4 if level == 2 else 1)
        self.filters.setDirection(QBoxLayout.Direction.TopToBottom if level == 1
                                  else QBoxLayout.Direction.LeftToRight)
        self.list.setMinimumHeight(12 * self.fontMetrics().height() if level == 0 else 0)

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
        filters = self.filters = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.setting = self._combo(tr("Filter by setting"), tr("All settings"), SETTINGS,
                                   setting_name)
        self.competency = self._combo(tr("Filter by skill"), tr("All skills"), COMPETENCIES,
                                      skill_name)
        filters.addWidget(self.setting, 1)
        filters.addWidget(self.competency, 1)
        left.addLayout(filters)
        self.count = label("", "muted")
        self.count.setAccessibleName(tr("Scenarios shown"))
        self.create = button(tr("New scenario…"), tr("New scenario"), tr(
            "Writes a scenario from a template into your folder and opens it in your editor"))
        self.create.clicked.connect(self.shell.new_scenario)
        counted = QHBoxLayout()
        counted.addWidget(self.count, 1)
        counted.addWidget(self.create, 0, Qt.AlignmentFlag.AlignTop)
        left.addLayout(counted)
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
        facts = (("setting", tr("Setting")), ("skills", tr("Skills")), ("length", tr("Length")),
                 ("difficulty", tr("Difficulty")), ("source", tr("From")))
        self.fact_labels = {key: label() for key, _text in facts}
        for key, text in facts:
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
        # must scroll at 200% text; presenting to a class has a row of its own below.
        self.actions = QWidget(self)
        rows = QVBoxLayout(self.actions)
        rows.setContentsMargins(0, 8, 0, 0)
        actions = QHBoxLayout()
        rows.addLayout(actions)
        rows.addLayout(self._classroom())
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

    def _classroom(self) -> QHBoxLayout:
        """Presenting the selected scenario to a class (F5), in a row of its own."""
        row = QHBoxLayout()
        self.present = button(tr("Present to a class… (F5)"), tr("Present to a class"),
                              tr("Plays the scenario with a class: the conversation on the "
                                 "projector, votes, feedback revealed on cue"))
        self.present.clicked.connect(self._present)
        QShortcut(QKeySequence("F5"), self, self._present,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        row.addWidget(self.present)
        row.addWidget(map_button(self))
        row.addStretch(1)
        return row

    def _present(self) -> None:
        from alongside.ui.classroom.start import present

        row = self.current_row()
        if row is not None and row.card.available:
            present(self.shell, Path(row.card.path), row.card.id)  # type: ignore[arg-type]

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

    def changed(self, kinds: frozenset[str]) -> None:
        if kinds & {ATTEMPTS, PROFILE}:
            self.stale = True
            self.fresh = self.fresh or PROFILE in kinds
            if self.isVisible():
                self.refresh()

    def refresh(self) -> None:
        """Read the trainee's record of each scenario again, and what they left unfinished."""
        profile = self.shell.profile
        if profile is not None:
            self.stale = False
            self.shell.ops.run(operations.records(profile), self.set_records)
            self.shell.ops.run(operations.unfinished(profile), self.set_waiting)

    def set_waiting(self, waiting: Waiting | None) -> None:
        """Offer the unfinished attempt first: the first time it is offered, it has the
        focus, so Enter continues it."""
        if self.offer.offer(waiting) and self.fresh and self.isVisible():
            self.offer.go_on.setFocus()
        self.fresh = False

    def _continue(self, waiting: Waiting) -> None:
        self.shell.resume(waiting.attempt, self.file_of(waiting.scenario_id))

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
        """The mode to start in (the default mode, or the person's pick)."""
        self.chosen = mode
        self._check_mode(mode)

    def _check_mode(self, mode: str) -> None:
        self._following = True
        (self.assessment if mode == ASSESSMENT.id else self.practice).setChecked(True)
        self._following = False

    def _mode_picked(self) -> None:
        if not self._following:
            self.chosen = self.mode()

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
        self.count.setText((tr("{0} of %n scenario(s) shown", total).format(shown) if shown !=
                            total else tr("%n scenario(s)", total)) + self.unlisted)
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
        self.present.setEnabled(available)
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
        self.fact_labels["source"].setText(row.source)
        record = row.record
        for d in DIMENSIONS:
            band = record.best.get(d) if record else None
            self.best[d].setText(f"{RUBRIC[d].name}: "
                                 f"{band_label(band) if band else tr('not played yet')}")
        going = row.in_progress()
        self.carry_on.setVisible(going is not None)
        self.begin.setText(tr("Start again") if going else tr("Start"))
        if going:  # the mode shown is the attempt's that Resume continues
            self.carry_on.setText(tr("Resume {0}").format(mode_name(going).lower()))
        self._check_mode(going or self.chosen)

    def _start(self) -> None:
        row = self.current_row()
        if row is not None and row.card.available:
            self.shell.play_new(Path(row.card.path), self.mode())

    def _resume(self) -> None:
        row = self.current_row()
        if row is not None and row.record is not None and row.record.in_progress:
            self.shell.resume(row.record.in_progress, Path(row.card.path))

    def enter(self, **_: Any) -> None:
        if self.stale:
            self.refresh()
        if self.offer.isVisible() and self.fresh:
            self.offer.go_on.setFocus()
            self.fresh = False
        else:
            self.focus_list()

    def focus_list(self) -> None:
        self.list.setFocus()
        if not self.list.currentIndex().isValid() and self.filter.rowCount():
            self.list.setCurrentIndex(self.filter.index(0, 0, QModelIndex()))
