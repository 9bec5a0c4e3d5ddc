"""Progress: a chart per skill over time, and every attempt in a sortable table.

The rows are `AttemptSummary` values from `alongside.store.history`, read by
a named operation on the worker; this page only shows them, and reads them
again when attempts change. Opening a row asks the window for that attempt's
debrief, rebuilt from its stored steps.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QStyle,
    QTableView,
    QVBoxLayout,
)

from alongside.engine.vocabulary import DIMENSIONS
from alongside.scoring.bands import band_label
from alongside.scoring.rubric import DIMENSIONS as RUBRIC
from alongside.ui import operations
from alongside.ui.operations import ATTEMPTS, PROFILE
from alongside.ui.shell import Page, Shell
from alongside.ui.text import mode_name, tr
from alongside.ui.themes import BASE_POINT_SIZE, Theme
from alongside.ui.widgets import Breakpoint, button, label

if TYPE_CHECKING:
    from alongside.store.history import AttemptSummary

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CHART_HEIGHT = 220  # pixels at 100% text
CHART_STEPS = (36, 54)  # room, in lines of text, for two charts to a row, and for three
TABLE_ROWS = 4  # rows of attempts the table always has room for
TICK_EM = 6  # room, in lines of text, that one date label on a chart's axis takes
COLUMNS = ("Started", "Scenario", "Mode", "Status", *(RUBRIC[d].name for d in DIMENSIONS),
           "Result")
STATUS_WORDS = {"in-progress": "In progress", "finished": "Finished", "abandoned": "Abandoned"}

ROOT = QModelIndex()


class AttemptsModel(QAbstractTableModel):
    """The attempts, with each cell's words made once when the rows arrive: views ask
    for them over and over (every paint, every restyle), and a trainee may have
    hundreds of attempts."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[AttemptSummary] = []
        self._texts: list[tuple[str, ...]] = []
        self.titles: dict[str, str] = {}

    def set_rows(self, rows: list[AttemptSummary], titles: dict[str, str]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.titles = titles
        self._texts = [tuple(self._text(row, column) for column in range(len(COLUMNS)))
                       for row in self._rows]
        self.endResetModel()

    def column_texts(self, column: int) -> list[str]:
        return [texts[column] for texts in self._texts]

    def row_at(self, row: int) -> AttemptSummary:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(COLUMNS):
            return tr(COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts[index.row()][index.column()]
        if role == SORT_ROLE:
            return self._sort_key(index.row(), index.column())
        return None

    def _text(self, row: AttemptSummary, column: int) -> str:
        if column == 0:
            return row.started.astimezone().strftime("%Y-%m-%d %H:%M")
        if column == 1:
            return self.titles.get(row.scenario, row.scenario)
        if column == 2:
            return mode_name(row.mode)
        if column == 3:
            return tr(STATUS_WORDS.get(row.status, row.status))
        if 4 <= column < 4 + len(DIMENSIONS):
            d = DIMENSIONS[column - 4]
            score, band = row.scores[d], row.bands[d]
            return "—" if score is None or band is None else f"{score:.2f} {band_label(band)}"
        if row.status != "finished":
            return "—"
        return tr("Passed") if row.passed else tr("Not yet passed")

    def _sort_key(self, index: int, column: int) -> Any:
        row = self._rows[index]
        if column == 0:
            return row.started.isoformat()
        if 4 <= column < 4 + len(DIMENSIONS):
            score = row.scores[DIMENSIONS[column - 4]]
            return -1.0 if score is None else score
        return self._texts[index][column]


def _chart(dimension: str) -> tuple[QChart, QLineSeries]:
    chart = QChart()
    chart.setTitle(RUBRIC[dimension].name)
    chart.legend().hide()
    series = QLineSeries()
    series.setName(RUBRIC[dimension].name)
    series.setPointsVisible(True)
    chart.addSeries(series)
    x = QDateTimeAxis()
    x.setFormat("d MMM")
    x.setTitleText(tr("Date"))
    y = QValueAxis()
    y.setRange(0, 1)
    y.setTickCount(5)
    y.setLabelFormat("%.2f")
    y.setTitleText(tr("Score"))
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart, series


def _time_axis(axis: QDateTimeAxis, first: datetime, last: datetime) -> None:
    """The axis spans the attempts, and says what its labels are: times when they all
    fell on one day (named in the title), else dates."""
    start, end = QDateTime(first).addSecs(-3600), QDateTime(last).addSecs(3600)
    if first.date() == last.date():
        day = QDateTime(first).date()
        axis.setRange(max(start, QDateTime(day.startOfDay())),
                      min(end, QDateTime(day.endOfDay())))
        axis.setFormat("HH:mm")
        axis.setTitleText(tr("Time on {0}").format(QLocale().toString(day, "d MMMM")))
        return
    axis.setRange(start, end)
    axis.setFormat("d MMM" if first.year == last.year else "d MMM yyyy")
    axis.setTitleText(tr("Date"))


class ProgressPage(Page):
    """The trainee's attempts; read again on entering after attempts changed."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.stale = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addWidget(label(tr("Your progress"), "title"))
        self.summary = label("", "muted")
        self.summary.setAccessibleName(tr("Progress summary"))
        layout.addWidget(self.summary)
        self.damaged = label("", "bad")
        self.damaged.setAccessibleName(tr("Attempts that could not be read"))
        self.damaged.hide()
        layout.addWidget(self.damaged)
        self.chart_grid = QGridLayout()
        self.charts: dict[str, tuple[QChart, QLineSeries, QChartView]] = {}
        for d in DIMENSIONS:
            chart, series = _chart(d)
            view = QChartView(chart, self)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(CHART_HEIGHT)
            view.setAccessibleName(tr("Chart of {0} over time").format(RUBRIC[d].name))
            view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.charts[d] = (chart, series, view)
        layout.addLayout(self.chart_grid, 2)
        self.model = AttemptsModel(self)
        self.sorted = QSortFilterProxyModel(self)
        self.sorted.setSourceModel(self.model)
        self.sorted.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.sorted)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        # Every column as wide as its widest text: where they do not all fit, the
        # table scrolls sideways rather than cutting the last one (the result) to "…".
        # The widths are measured here (`_fit_columns`) when rows or text size change;
        # Qt's ResizeToContents would measure every cell again on each restyle, seconds
        # for a theme change once a trainee has a few hundred attempts.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setAccessibleName(tr("Your attempts"))
        self.table.setAccessibleDescription(tr("Sort by clicking a column heading; press Enter "
                                            "to open an attempt's debrief."))
        self.table.activated.connect(lambda _index: self._open())
        layout.addWidget(self.table, 3)
        actions = QHBoxLayout()
        self.open_button = button(tr("Open debrief"), tr("Open the selected attempt's debrief"),
                                  tr("Shows the debrief of the attempt selected in the table"),
                                  primary=True)
        self.open_button.clicked.connect(self._open)
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.breakpoint = Breakpoint(self, CHART_STEPS, self._arrange)

    def _arrange(self, level: int) -> None:
        """The charts side by side where their titles fit, else two or one to a row."""
        columns = level + 1
        views = [view for _chart, _series, view in self.charts.values()]
        for view in views:
            self.chart_grid.removeWidget(view)
        for index, view in enumerate(views):
            self.chart_grid.addWidget(view, index // columns, index % columns)
        for column in range(len(CHART_STEPS) + 1):
            self.chart_grid.setColumnStretch(column, 1 if column < columns else 0)
        self._fit_ticks()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's spelling
        super().resizeEvent(event)
        self._fit_ticks()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's spelling
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_columns()

    def _fit_columns(self) -> None:
        """Each column as wide as its heading or its widest cell, whichever is wider."""
        header = self.table.horizontalHeader()
        metrics, heading = self.table.fontMetrics(), header.fontMetrics()
        padding = 2 * metrics.averageCharWidth()
        style = header.style()
        # A heading has margins each side and room for the sort arrow.
        marks = (4 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
                 + style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header))
        for column in range(len(COLUMNS)):
            cells = max((metrics.horizontalAdvance(text)
                         for text in set(self.model.column_texts(column))), default=0)
            title = heading.horizontalAdvance(tr(COLUMNS[column])) + marks + padding
            header.resizeSection(column, max(title, cells + padding))

    def _fit_ticks(self) -> None:
        """As many date ticks as fit a chart's width without their labels touching."""
        em = self.fontMetrics().height()
        for chart, _series, view in self.charts.values():
            ticks = max(2, min(6, view.width() // (TICK_EM * em)))
            for axis in chart.axes(Qt.Orientation.Horizontal):
                axis.setTickCount(ticks)

    def enter(self, **_: Any) -> None:
        if self.stale:
            self.refresh()

    def changed(self, kinds: frozenset[str]) -> None:
        if kinds & {ATTEMPTS, PROFILE}:
            self.stale = True
            if self.isVisible():
                self.refresh()

    def refresh(self) -> None:
        profile = self.shell.profile
        if profile is None:
            return
        self.stale = False
        titles = self.shell.titles()
        self.shell.ops.run(operations.history(profile), lambda found: self.show_rows(
            found.attempts, titles, found.damaged))

    def show_rows(self, rows: list[AttemptSummary], titles: dict[str, str],
                  damaged: tuple[str, ...] = ()) -> None:
        self.model.set_rows(rows, titles)
        self._fit_columns()
        self.damaged.setText(tr("Some attempts could not be read and are not shown: {0}")
                             .format("; ".join(damaged)))
        self.damaged.setVisible(bool(damaged))
        finished = [r for r in rows if r.status == "finished"]
        passed = sum(1 for r in finished if r.passed and r.mode == "assessment")
        self.summary.setText(
            tr("{0}, {1} finished, {2}.").format(
                tr("%n attempt(s)", len(rows)), len(finished),
                tr("%n assessment(s) passed", passed))
            if rows else tr("No attempts yet. Play a scenario from the library and your "
                            "progress will appear here."))
        for d, (_chart_, series, view) in self.charts.items():
            points = sorted((r.when, score) for r in finished
                            if (score := r.scores[d]) is not None)
            series.clear()
            for when, score in points:
                series.append(QDateTime(when.astimezone()).toMSecsSinceEpoch(), score)
            if points:
                _time_axis(next(a for a in _chart_.axes() if isinstance(a, QDateTimeAxis)),
                           points[0][0].astimezone(), points[-1][0].astimezone())
            described = ", ".join(f"{when.astimezone():%d %b %H:%M} {score:.2f}"
                                  for when, score in points[-5:])
            view.setAccessibleDescription(tr("Scores: {0}").format(described) if points
                                          else tr("No scores yet"))
        self.open_button.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(0)

    def apply_theme(self, theme: Theme) -> None:
        """Colours from the theme, and text at the application's (scaled) size.

        Larger text gets taller charts (and, by `_fit_ticks`, fewer date ticks), so
        that the axis labels fit rather than being cut to "…"; the table keeps room
        for a few rows however tall the charts grow.
        """
        font = QApplication.font()
        title = QFont(font)
        title.setBold(True)
        scale = font.pointSizeF() / BASE_POINT_SIZE
        for chart, series, view in self.charts.values():
            view.setMinimumHeight(round(CHART_HEIGHT * scale))
            chart.setTitleFont(title)
            chart.setBackgroundBrush(QColor(theme.surface))
            chart.setTitleBrush(QColor(theme.text))
            pen = QPen(QColor(theme.accent))
            pen.setWidth(3)
            series.setPen(pen)
            for axis in chart.axes():
                axis.setLabelsColor(QColor(theme.text))
                axis.setTitleBrush(QColor(theme.text))
                axis.setGridLineColor(QColor(theme.border))
                axis.setLabelsFont(font)
                axis.setTitleFont(font)
        rows = QFontMetrics(font).height() + 12
        self.table.verticalHeader().setDefaultSectionSize(rows)
        self.table.setMinimumHeight(rows * (TABLE_ROWS + 1) + 4)
        self._fit_ticks()

    def _open(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.row_at(self.sorted.mapToSource(index).row())
        self.shell.open_attempt(row.attempt)
