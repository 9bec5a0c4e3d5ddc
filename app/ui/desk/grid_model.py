"""The cohort grid and the competency view as table models, and the filter both share.

`GridModel`: a row per trainee; a column for the trainee, one for readiness
(scenarios passed or waived, of the curriculum's), and one per curriculum
scenario (its title as the heading, its id in the tooltip), each cell its
status in words with a shape drawn in the theme's status colour. A cell's
accessible description is what a sighted instructor reads off the row: the
status, the best band per skill and how many attempts. `CompetencyModel`:
a row per trainee and a column per competency the curriculum's scenarios
exercise, "N of M passed". Words are made once when a grid arrives; views
ask for them on every paint.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

from alongside.engine.vocabulary import COMPETENCIES, DIMENSIONS
from alongside.scoring.bands import band_label
from alongside.scoring.rubric import DIMENSIONS as RUBRIC
from alongside.store.grid import SATISFIED, STATUSES, Cell, Grid, GridRow
from alongside.ui.desk.status import READY, status_words
from alongside.ui.text import skill_name, tr

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROOT = QModelIndex()
TRAINEE, READINESS = 0, 1
FIRST_SCENARIO = 2
Index = QModelIndex | QPersistentModelIndex


def satisfied(row: GridRow) -> int:
    return sum(1 for c in row.cells if c.status in SATISFIED)


def readiness_words(row: GridRow) -> str:
    done, of = satisfied(row), len(row.cells)
    return tr("Ready: {0} of {1}").format(done, of) if row.ready \
        else tr("Not yet: {0} of {1}").format(done, of)


def cell_description(trainee: str, title: str, cell: Cell) -> str:
    """A cell in a sentence: status, best band per skill, attempts."""
    bands = [f"{RUBRIC[d].name} {band_label(b)}" for d, b in zip(DIMENSIONS, cell.bands,
                                                                   strict=True) if b]
    parts = [tr("{0}, {1}: {2}.").format(trainee, title, status_words(cell.status))]
    parts.append(tr("Best: {0}.").format(", ".join(bands)) if bands
                 else tr("No finished attempt scored yet."))
    parts.append(tr("%n attempt(s).", cell.attempts))
    if cell.unverified:
        parts.append(tr("%n on a scenario version not yet accepted.", cell.unverified))
    if cell.critical:
        parts.append(tr("A critical choice was taken; a pass or a waiver is needed."))
    return " ".join(parts)


class _TraineeRows(QAbstractTableModel):
    """Rows of a grid, by trainee; subclasses say what the columns hold."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.grid: Grid | None = None
        self._texts: list[list[str]] = []
        self._described: list[list[str]] = []

    @property
    def rows(self) -> tuple[GridRow, ...]:
        return self.grid.rows if self.grid is not None else ()

    def grid_row(self, row: int) -> GridRow:
        return self.rows[row]

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt's spelling
        return 0 if parent.isValid() else len(self._texts)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt's spelling
        return 0 if parent.isValid() or self.grid is None else len(self.headings())

    def headings(self) -> list[str]:
        raise NotImplementedError

    def column_texts(self, column: int) -> list[str]:
        return [texts[column] for texts in self._texts]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.headings()[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.heading_tip(section)
        return None

    def heading_tip(self, section: int) -> str | None:
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._texts):
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts[row][column]
        if role in (Qt.ItemDataRole.AccessibleDescriptionRole, Qt.ItemDataRole.ToolTipRole):
            return self._described[row][column]
        if role == SORT_ROLE:
            return self.sort_key(row, column)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.icon(row, column)
        return None

    def sort_key(self, row: int, column: int) -> Any:
        if column == TRAINEE:
            return self.rows[row].trainee.casefold()
        return self._texts[row][column]

    def icon(self, row: int, column: int) -> QIcon | None:
        return None


class GridModel(_TraineeRows):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.titles: dict[str, str] = {}
        self.icons: dict[str, QIcon] = {}

    def set_grid(self, grid: Grid, titles: dict[str, str]) -> None:
        self.beginResetModel()
        self.grid, self.titles = grid, titles
        self._texts, self._described = [], []
        names = [self.title(s) for s in grid.scenarios]
        for row in grid.rows:
            ready = readiness_words(row)
            self._texts.append([row.trainee, ready,
                                *(status_words(c.status) for c in row.cells)])
            self._described.append([
                tr("{0}, trainee id {1}").format(row.trainee, row.trainee_uuid[:8]),
                tr("{0}: {1} scenarios passed or waived").format(row.trainee, ready),
                *(cell_description(row.trainee, name, cell)
                  for name, cell in zip(names, row.cells, strict=True))])
        self.endResetModel()

    def set_icons(self, icons: dict[str, QIcon]) -> None:
        self.icons = icons
        if self._texts:
            self.dataChanged.emit(self.index(0, READINESS),
                                  self.index(len(self._texts) - 1, self.columnCount() - 1),
                                  [Qt.ItemDataRole.DecorationRole])

    def title(self, scenario: str) -> str:
        return self.titles.get(scenario, scenario)

    def headings(self) -> list[str]:
        scenarios = self.grid.scenarios if self.grid is not None else ()
        return [tr("Trainee"), tr("Readiness"), *(self.title(s) for s in scenarios)]

    def heading_tip(self, section: int) -> str | None:
        if section >= FIRST_SCENARIO and self.grid is not None:
            return tr("Scenario id: {0}").format(self.grid.scenarios[section - FIRST_SCENARIO])
        if section == READINESS:
            return tr("Curriculum scenarios passed in its mode, or waived")
        return None

    def sort_key(self, row: int, column: int) -> Any:
        grid_row = self.rows[row]
        if column == READINESS:
            return satisfied(grid_row)
        if column >= FIRST_SCENARIO:
            return STATUSES.index(grid_row.cells[column - FIRST_SCENARIO].status)
        return super().sort_key(row, column)

    def icon(self, row: int, column: int) -> QIcon | None:
        grid_row = self.rows[row]
        if column == READINESS:
            return self.icons.get(READY) if grid_row.ready else None
        if column >= FIRST_SCENARIO:
            return self.icons.get(grid_row.cells[column - FIRST_SCENARIO].status)
        return None


class CompetencyModel(_TraineeRows):
    """Only the competencies some curriculum scenario exercises get a column; `unused`
    names the others."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.shown: list[str] = []
        self.unused: list[str] = []
        self._counts: list[list[tuple[int, int]]] = []

    def set_view(self, grid: Grid, view: dict[str, dict[str, tuple[int, int]]]) -> None:
        self.beginResetModel()
        self.grid = grid
        counts = [view.get(row.trainee_uuid, {}) for row in grid.rows]
        exercised = {c for found in counts for c, (_, of) in found.items() if of}
        self.shown = [c for c in COMPETENCIES if c in exercised]
        self.unused = [c for c in COMPETENCIES if c not in exercised]
        self._texts, self._described = [], []
        for row, found in zip(grid.rows, counts, strict=True):
            pairs = [found.get(c, (0, 0)) for c in self.shown]
            self._texts.append([row.trainee, *(tr("{0} of {1} passed").format(n, of)
                                               for n, of in pairs)])
            self._described.append([
                tr("{0}, trainee id {1}").format(row.trainee, row.trainee_uuid[:8]),
                *(tr("{0}: {1}: passed {2} of the {3} scenarios that exercise it").format(
                    row.trainee, skill_name(c), n, of) for c, (n, of) in zip(
                    self.shown, pairs, strict=True))])
        self._counts = [[found.get(c, (0, 0)) for c in self.shown] for found in counts]
        self.endResetModel()

    def headings(self) -> list[str]:
        return [tr("Trainee"), *(skill_name(c) for c in self.shown)]

    def sort_key(self, row: int, column: int) -> Any:
        if column == TRAINEE:
            return super().sort_key(row, column)
        passed, of = self._counts[row][column - 1]
        return passed / of if of else -1.0


class TraineeFilter(QSortFilterProxyModel):
    """Rows whose trainee's name holds `text`, and only the trainees not yet ready when
    `unready_only`; sorts by the models' SORT_ROLE."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = ""
        self.unready_only = False
        self.setSortRole(SORT_ROLE)

    def set_filter(self, text: str, unready_only: bool) -> None:
        self.beginFilterChange()
        self.text, self.unready_only = text.strip().casefold(), unready_only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, _TraineeRows) or source_row >= len(model.rows):
            return True
        row = model.grid_row(source_row)
        if self.unready_only and row.ready:
            return False
        return not self.text or self.text in row.trainee.casefold()


def fit_columns(table: QTableView, model: _TraineeRows, icon: int) -> None:
    """Each column as wide as its heading (with room for the sort mark) or its widest
    cell with its `icon`'s width, whichever is wider: measured when rows or the text
    size change, since Qt's ResizeToContents would measure every cell on each restyle."""
    header = table.horizontalHeader()
    metrics, heading = table.fontMetrics(), header.fontMetrics()
    padding = 2 * metrics.averageCharWidth()
    style = header.style()
    marks = (4 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
             + style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header))
    for column, title in enumerate(model.headings() if model.grid is not None else ()):
        cells = max((metrics.horizontalAdvance(t) for t in set(model.column_texts(column))),
                    default=0)
        header.resizeSection(column, max(heading.horizontalAdvance(title) + marks + padding,
                                         cells + (icon if column else 0) + padding))


def trainee_table(name: str, description: str, model: _TraineeRows,
                  parent) -> tuple[QTableView, TraineeFilter]:
    """A sortable, filterable table of `model`, a cell at a time, read-only."""
    proxy = TraineeFilter(parent)
    proxy.setSourceModel(model)
    table = QTableView(parent)
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(False)
    table.setAccessibleName(name)
    table.setAccessibleDescription(description)
    return table, proxy
