"""The desk's first page ("desk"): the cohorts, and the selected cohort's grid and
competency view.

What an instructor reads at a glance: per trainee and curriculum scenario a
status (words, a shape and a colour), readiness, and per competency how many
of the scenarios exercising it were passed. Everything shown is read on the
worker (`alongside.ui.desk.operations`), and read again when cohorts,
trainees, attempts or decisions change. Opening a trainee goes to
"desk-trainee" with the trainee's id and the cohort's name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QVBoxLayout,
)

from alongside.ui.desk import operations as desk
from alongside.ui.desk.forms import AddTraineesForm, NewCohortForm
from alongside.ui.desk.grid_model import (
    CompetencyModel,
    GridModel,
    fit_columns,
    trainee_table,
)
from alongside.ui.desk.lock import lock_button
from alongside.ui.desk.status import status_icons
from alongside.ui.dialogs import Dialogs
from alongside.ui.operations import ATTEMPTS
from alongside.ui.shell import Page
from alongside.ui.text import skill_name, tr
from alongside.ui.themes import Theme
from alongside.ui.widgets import button, label

TABLE_ROWS = 4  # rows of trainees a table always has room for
COHORT_ROWS = (3, 6)  # the cohort list is this many rows high, at least and at most
REFRESHED_BY = frozenset({desk.COHORTS, desk.TRAINEES, desk.DECISIONS, ATTEMPTS})
CSV_FILES = "CSV files (*.csv);;All files (*)"


class CohortsPage(Page):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.main = window
        self.stale = True
        self.selected: str | None = None
        self.summaries: list = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        top = QHBoxLayout()
        top.addWidget(label(tr("Instructor's desk"), "title"), 1)
        self.lock = lock_button(window, self)
        top.addWidget(self.lock, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.who = label("", "muted")
        self.who.setAccessibleName(tr("Who the desk is unlocked for"))
        layout.addWidget(self.who)
        layout.addWidget(label(tr("Cohorts"), "heading"))
        self.cohorts = QListWidget(self)
        self.cohorts.setAccessibleName(tr("Cohorts of this desk"))
        self.cohorts.setAccessibleDescription(tr("Choose a cohort to see its grid"))
        self.cohorts.currentItemChanged.connect(self._cohort_chosen)
        layout.addWidget(self.cohorts)
        self.empty = label(tr("No cohorts yet. Make one with New cohort, then add the trainees "
                              "whose results bundles you imported."), "muted")
        layout.addWidget(self.empty)
        self._cohort_actions(layout)
        self.heading = label("", "heading")
        self.heading.setAccessibleName(tr("Selected cohort"))
        layout.addWidget(self.heading)
        self.summary = label("", "muted")
        self.summary.setAccessibleName(tr("Cohort summary"))
        layout.addWidget(self.summary)
        self.damaged = label("", "bad")
        self.damaged.setAccessibleName(tr("Results that could not be read"))
        self.damaged.hide()
        layout.addWidget(self.damaged)
        self._filters(layout)
        self._tables(layout)
        self._grid_actions(layout)
        self.setTabOrder(self.cohorts, self.new)
        self._show_cohort(None)

    def _cohort_actions(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        self.new = button(tr("New cohort…"), tr("New cohort"),
                          tr("Opens a form for a new cohort's name and curriculum"))
        self.new.clicked.connect(self._open_new)
        self.add = button(tr("Add trainees…"), tr("Add trainees"),
                          tr("Opens a list of the desk's trainees to add to this cohort"))
        self.add.clicked.connect(self._open_add)
        self.bring_in = button(tr("Import results…"), tr("Import results"),
                               tr("Opens the page that imports trainees' results bundles"))
        self.bring_in.clicked.connect(lambda: self.main.go("desk-import"))
        self.analytics = button(tr("Decision analytics"), tr("Decision analytics"),
                                tr("How trainees chose at each decision of a scenario"))
        self.analytics.clicked.connect(
            lambda: self.main.go("desk-analytics", cohort=self.selected))
        for widget in (self.new, self.add, self.bring_in, self.analytics):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        self.new_form = NewCohortForm(self._create, self._close_new, self)
        self.new_form.hide()
        layout.addWidget(self.new_form)
        self.add_form = AddTraineesForm(self._add, self.add_form_closed, self)
        self.add_form.hide()
        layout.addWidget(self.add_form)

    def _filters(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(tr("Filter by trainee name"))
        self.filter.setAccessibleName(tr("Filter trainees"))
        self.filter.setAccessibleDescription(tr("Shows only the trainees whose names hold "
                                                "these letters"))
        self.filter.setClearButtonEnabled(True)
        self.unready = QCheckBox(tr("Only trainees not yet ready"), self)
        self.unready.setAccessibleDescription(tr("Hides the trainees who are ready"))
        self.filter.textChanged.connect(self._refilter)
        self.unready.toggled.connect(self._refilter)
        row.addWidget(self.filter, 1)
        row.addWidget(self.unready)
        layout.addLayout(row)

    def _tables(self, layout: QVBoxLayout) -> None:
        self.grid_model, self.competency_model = GridModel(self), CompetencyModel(self)
        self.grid, self.grid_rows = trainee_table(
            tr("Cohort grid"), tr("A row per trainee, a column per curriculum scenario. Sort by "
                                  "a column heading; press Enter to open a trainee."),
            self.grid_model, self)
        self.competencies, self.competency_rows = trainee_table(
            tr("Competencies"), tr("Per trainee and competency, how many of the scenarios "
                                   "exercising it were passed"), self.competency_model, self)
        for table in (self.grid, self.competencies):
            table.activated.connect(self._open_trainee)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(tr("Grid and competencies"))
        self.tabs.addTab(self.grid, tr("Cohort grid"))
        self.tabs.addTab(self.competencies, tr("Competencies"))
        self.tabs.currentChanged.connect(lambda _index: self._show_unused())
        layout.addWidget(self.tabs, 1)
        self.unused = label("", "muted")
        self.unused.setAccessibleName(tr("Competencies no scenario exercises"))
        layout.addWidget(self.unused)

    def _grid_actions(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        self.open_trainee = button(tr("Open trainee"), tr("Open the selected trainee"),
                                   tr("Shows the attempts and decisions of the trainee "
                                      "selected in the grid"), primary=True)
        self.open_trainee.clicked.connect(lambda: self._open_trainee(self._current()))
        self.save_csv = button(tr("Save grid as CSV…"), tr("Save grid as CSV"),
                               tr("Writes the cohort grid to a CSV file for a spreadsheet"))
        self.save_csv.clicked.connect(self._save_csv)
        row.addWidget(self.open_trainee)
        row.addWidget(self.save_csv)
        row.addStretch(1)
        layout.addLayout(row)

    # -- showing -------------------------------------------------------------------

    def enter(self, cohort: str | None = None, **_: Any) -> None:
        """Shown; `cohort` picks the cohort to show (else the one shown last)."""
        if cohort:
            self.selected = cohort
        self.who.setText(tr("Unlocked for {0}. The desk locks when you leave it.").format(
            self.main.instructor or ""))
        if self.stale or cohort:
            self.refresh()
        self.cohorts.setFocus()

    def changed(self, kinds: frozenset[str]) -> None:
        if kinds & REFRESHED_BY:
            self.stale = True
            if self.isVisible():
                self.refresh()

    def refresh(self) -> None:
        self.stale = False
        self.shell.ops.run(desk.list_cohorts(), self.show_cohorts)

    def show_cohorts(self, found: list) -> None:
        self.summaries = found
        keep = self.selected
        self.cohorts.blockSignals(True)
        self.cohorts.clear()
        for summary in found:
            item = QListWidgetItem(tr("{0} · {1} · {2}").format(
                summary.name, summary.curriculum_title, tr("%n trainee(s)",
                                                           len(summary.trainees))))
            item.setData(Qt.ItemDataRole.UserRole, summary.name)
            self.cohorts.addItem(item)
            if keep is not None and summary.name.casefold() == keep.casefold():
                self.cohorts.setCurrentItem(item)
        self.cohorts.blockSignals(False)
        self.cohorts.setVisible(bool(found))
        self.empty.setVisible(not found)
        if self.cohorts.currentItem() is None and found:
            self.cohorts.setCurrentRow(0)  # shows its grid
        else:
            self._show_cohort(self.cohorts.currentItem())

    def _cohort_chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        self.add_form.hide()
        self._show_cohort(item)

    def _summary(self) -> Any:
        return next((s for s in self.summaries if s.name == self.selected), None)

    def _show_cohort(self, item: QListWidgetItem | None) -> None:
        chosen = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        for widget in (self.heading, self.summary, self.filter, self.unready, self.tabs,
                       self.open_trainee, self.save_csv, self.add):
            widget.setVisible(chosen is not None)
        self.unused.setVisible(False)
        if chosen is None:
            self.damaged.hide()
            return
        self.selected = chosen
        summary = self._summary()
        self.heading.setText(tr("{0}: {1}").format(chosen, summary.curriculum_title)
                             if summary else chosen)
        library = list(self.main.library_paths)
        self.shell.ops.run(desk.cohort_view(chosen, library), self.show_view)

    def show_view(self, view: desk.CohortView) -> None:
        if view.grid.cohort != self.selected:
            return  # another cohort was chosen while this one was read
        self.grid_model.set_grid(view.grid, self.main.titles())
        self.competency_model.set_view(view.grid, view.competencies)
        self.damaged.setText(tr("Some stored scores could not be read and are left blank: "
                                "{0}").format("; ".join(view.grid.damaged)))
        self.damaged.setVisible(bool(view.grid.damaged))
        self._fit_columns()
        self._count()
        self._show_unused()
        self.open_trainee.setEnabled(bool(view.grid.rows))
        if view.grid.rows and not self.grid.currentIndex().isValid():
            self.grid.setCurrentIndex(self.grid.model().index(0, 0))

    def _show_unused(self) -> None:
        unused = [skill_name(c) for c in self.competency_model.unused]
        self.unused.setText(tr("No scenario of this curriculum exercises: {0}.").format(
            ", ".join(unused)))
        self.unused.setVisible(self.tabs.isVisible() and self.tabs.currentIndex() == 1
                               and bool(unused))

    def _count(self) -> None:
        rows = self.grid_model.rows
        ready = sum(1 for r in rows if r.ready)
        shown = self.grid_rows.rowCount()
        text = tr("{0}, {1} ready.").format(tr("%n trainee(s)", len(rows)), ready) if rows \
            else tr("No trainees in this cohort yet: add them with Add trainees.")
        if shown != len(rows):
            text += " " + tr("Showing {0}.").format(shown)
        self.summary.setText(text)

    def _refilter(self) -> None:
        for proxy in (self.grid_rows, self.competency_rows):
            proxy.set_filter(self.filter.text(), self.unready.isChecked())
        self._count()

    # -- look ----------------------------------------------------------------------

    def apply_theme(self, theme: Theme) -> None:
        """Status marks in the theme's colours and at the text's size."""
        metrics = QFontMetrics(QApplication.font())
        size = metrics.height()
        ratio = self.devicePixelRatioF()
        self.grid_model.set_icons(status_icons(theme, size, ratio))
        line = self.cohorts.sizeHintForRow(0) if self.cohorts.count() else metrics.height() + 4
        frame = 2 * self.cohorts.frameWidth()
        self.cohorts.setMinimumHeight(line * COHORT_ROWS[0] + frame)
        self.cohorts.setMaximumHeight(line * COHORT_ROWS[1] + frame)
        rows = metrics.height() + 12
        for table in (self.grid, self.competencies):
            table.setIconSize(QSize(size, size))
            table.verticalHeader().setDefaultSectionSize(rows)
            table.setMinimumHeight(rows * (TABLE_ROWS + 1) + 4)
        self._fit_columns()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's spelling
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_columns()

    def _fit_columns(self) -> None:
        fit_columns(self.grid, self.grid_model, self.grid.iconSize().width() + 8)
        fit_columns(self.competencies, self.competency_model, 0)

    # -- acting ----------------------------------------------------------------------

    def _current(self) -> QModelIndex:
        table = self.grid if self.tabs.currentIndex() == 0 else self.competencies
        return table.currentIndex()

    def _open_trainee(self, index: QModelIndex) -> None:
        if not index.isValid() or self.selected is None:
            return
        proxy = index.model()
        row = proxy.sourceModel().grid_row(proxy.mapToSource(index).row())
        self.main.go("desk-trainee", trainee=row.trainee_uuid, cohort=self.selected)

    def _open_new(self) -> None:
        self.add_form.hide()
        self.shell.ops.run(desk.curricula(), self._curricula)

    def _curricula(self, found: list[tuple[str, str]]) -> None:
        self.new_form.set_curricula(found)
        self.new_form.open()

    def _close_new(self) -> None:
        self.new_form.reset()
        self.new.setFocus()

    def _create(self, name: str, curriculum: str, from_file: bool) -> None:
        self.shell.ops.run(
            desk.new_cohort(name, curriculum, from_file, self.main.instructor or "",
                            list(self.main.library_paths)),
            self._created, self._not_created)

    def _created(self, summary) -> None:
        self.new_form.reset()
        self.selected = summary.name
        self.main.status(tr("Cohort {0} created with the curriculum {1}").format(
            summary.name, summary.curriculum_title))
        self.add.setFocus()

    def _not_created(self, error: Exception) -> None:
        problems = getattr(error, "problems", None) or [str(error)]
        self.new_form.refused([tr("The cohort was not created:"), *problems])

    def _open_add(self) -> None:
        if self.selected is None:
            return
        self.new_form.hide()
        self.shell.ops.run(desk.desk_trainees(), self._trainees)

    def _trainees(self, found: list[tuple[str, str]]) -> None:
        summary = self._summary()
        members = set(summary.trainees) if summary else set()
        self.add_form.set_trainees(self.selected or "", found, members)

    def add_form_closed(self) -> None:
        self.add_form.hide()
        self.add.setFocus()

    def _add(self, uuids: list[str]) -> None:
        self.shell.ops.run(desk.add_to_cohort(self.selected or "", uuids), self._added,
                           lambda error: self.add_form.refused(str(error)))

    def _added(self, result: tuple[list[str], list[str]]) -> None:
        added, _present = result
        self.add_form_closed()
        self.main.status(tr("Added to {0}: {1}").format(self.selected, ", ".join(added)))

    def _save_csv(self) -> None:
        cohort = self.selected
        if cohort is None:
            return
        chosen = Dialogs.save_file(self, tr("Save the grid as CSV"), f"{cohort} grid.csv",
                                   tr(CSV_FILES))
        if chosen is None:
            return
        out = Path(chosen)
        self.shell.ops.run(desk.save_grid_csv(cohort, out), lambda rows: self.main.status(
            tr("Saved the grid of {0} to {1} ({2})").format(cohort, out, tr("%n row(s)", rows))),
            lambda error: Dialogs.error(self, tr("The grid was not saved"), tr(
                "{0}. Choose a folder you can write to and try again.").format(error)))
