"""A read-only table of words for the desk's record pages, and the words they share.

Each row's texts are made once when the rows arrive (views ask for them on
every paint); each column is as wide as its widest text, so nothing is cut to
"…" and a table wider than the page scrolls sideways inside itself; and the
table always has room for a few rows, at any text size.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from alongside.ui.text import tr

ROOT = QModelIndex()
ROWS_SHOWN = 4  # rows a table always has room for
# The grid's status ids in words (the id is never shown).
STATUS_WORDS = {"not-started": "Not started", "in-progress": "In progress",
                "completed": "Completed", "passed": "Passed", "failed": "Failed",
                "waived": "Waived"}
RATING_WORDS = {"fail": "Fail", "borderline-fail": "Borderline fail",
                "borderline-pass": "Borderline pass", "pass": "Pass", "excellent": "Excellent"}
REASON_WORDS = {"tested-out": "Tested out", "equivalent-activity": "Equivalent activity",
                "administrative": "Administrative"}


def words(table: dict[str, str], key: str) -> str:
    """A stored id in words, through the translation seam."""
    return tr(table[key]) if key in table else key


def moment(when: datetime) -> str:
    """A stored time as the instructor's clock shows it."""
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


class TextsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[str], parent=None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        self.rows = [tuple(r) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columns):
            return self.columns[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.rows[index.row()][index.column()]
        return None


class Listing(QTableView):
    """Rows of words under translated `columns`; `activated` as a QTableView's."""

    def __init__(self, columns: Sequence[str], name: str, description: str,
                 parent: QWidget | None = None, whole: bool = False) -> None:
        """`whole`: never taller than all its rows (a short list), else it grows."""
        super().__init__(parent)
        self.whole = whole
        self.texts = TextsModel([tr(c) for c in columns], self)
        self.setModel(self.texts)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.texts.set_rows(rows)
        self.fit()

    def fit(self) -> None:
        """Columns as wide as their widest text, rows as tall as the text, room for a few."""
        header, metrics = self.horizontalHeader(), self.fontMetrics()
        padding = 2 * metrics.averageCharWidth()
        style = header.style()
        marks = 4 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        bold = QFont(header.font())
        bold.setBold(True)  # the style draws headings bold
        headings = QFontMetrics(bold)
        for column, title in enumerate(self.texts.columns):
            cells = max((metrics.horizontalAdvance(row[column]) for row in self.texts.rows),
                        default=0)
            heading = headings.horizontalAdvance(title) + marks + padding
            header.resizeSection(column, max(heading, cells + padding))
        line = metrics.height() + 12
        self.verticalHeader().setDefaultSectionSize(line)
        shown = min(max(len(self.texts.rows), 1), ROWS_SHOWN)
        bar = self.horizontalScrollBar().sizeHint().height()
        least = line * (shown + 1) + bar + 2 * self.frameWidth()
        self.setMinimumHeight(least)
        if self.whole:
            self.setMaximumHeight(line * (max(len(self.texts.rows), 1) + 1) + bar
                                  + 2 * self.frameWidth())

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's spelling
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit()
