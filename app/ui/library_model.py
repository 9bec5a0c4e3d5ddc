"""The scenario library as an item model, and the filter the library page puts on it.

One row per scenario file. A file that fails validation is still a row, marked
unavailable with its first error, so a broken file is visible rather than
silently missing. The trainee's record (best bands, an attempt in progress)
arrives later from the store and is merged in without rebuilding the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from app.engine.library import LibraryEntry
from app.engine.model import Scenario
from app.engine.problems import Problem
from app.engine.vocabulary import DIMENSIONS
from scoring.rubric import DIMENSIONS as RUBRIC

if TYPE_CHECKING:
    from app.store.attempts import ScenarioRecord

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2


def words(vocabulary_id: str) -> str:
    """A vocabulary id as a reader sees it: "recovery-housing" → "Recovery housing"."""
    text = vocabulary_id.replace("-", " ")
    return text[:1].upper() + text[1:]


DIFFICULTY = {1: "introductory", 2: "intermediate", 3: "advanced"}


ROOT = QModelIndex()


@dataclass(frozen=True, slots=True)
class Row:
    entry: LibraryEntry
    record: ScenarioRecord | None = None

    @property
    def scenario(self) -> Scenario | None:
        return self.entry.result.scenario

    @property
    def first_error(self) -> Problem | None:
        return next((p for p in self.entry.result.problems if p.is_error), None)

    @property
    def title(self) -> str:
        return self.scenario.title if self.scenario else self.entry.path.name

    def facts(self) -> str:
        s = self.scenario
        if s is None:
            return "Unavailable"
        return (f"{words(s.setting)} · {s.minutes} min · "
                f"{DIFFICULTY.get(s.difficulty, s.difficulty)}")

    def best(self) -> str:
        if self.record is None or not self.record.best:
            return "Not played yet"
        return "Best: " + ", ".join(
            f"{RUBRIC[d].name.lower()} {self.record.best.get(d, '—')}" for d in DIMENSIONS)

    def display(self) -> str:
        if self.scenario is None:
            error = self.first_error
            where = f"line {error.line}: " if error else ""
            return f"{self.title}\nUnavailable — {where}{error.message if error else ''}"
        status = "In progress · " if self.record and self.record.in_progress else ""
        return f"{self.title}\n{status}{self.facts()}\n{self.best()}"


class LibraryModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        self.beginResetModel()
        records = {r.scenario.id: r.record for r in self._rows if r.scenario}
        self._rows = [Row(e, records.get(e.result.scenario.id) if e.result.scenario else None)
                      for e in entries]
        self.endResetModel()

    def set_records(self, records: dict[str, ScenarioRecord]) -> None:
        for i, row in enumerate(self._rows):
            if row.scenario is not None:
                self._rows[i] = Row(row.entry, records.get(row.scenario.id))
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def row_at(self, index: QModelIndex) -> Row:
        return self._rows[index.row()]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.display()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return row.display().replace("\n", ". ")
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.scenario.summary if row.scenario else row.display()
        if role == ENTRY_ROLE:
            return row
        if role == SEARCH_ROLE:
            s = row.scenario
            if s is None:
                return row.title.lower()
            return " ".join((s.title, s.summary, s.setting, *s.competencies)).lower()
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class LibraryFilter(QSortFilterProxyModel):
    """Filters by setting, competency and free text; unavailable files always show."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setting: str | None = None
        self.competency: str | None = None
        self.text = ""

    def set_filter(self, setting: str | None, competency: str | None, text: str) -> None:
        self.beginFilterChange()
        self.setting, self.competency, self.text = setting, competency, text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        row: Row = self.sourceModel().data(index, ENTRY_ROLE)
        s = row.scenario
        if s is not None:
            if self.setting and s.setting != self.setting:
                return False
            if self.competency and self.competency not in s.competencies:
                return False
        haystack = self.sourceModel().data(index, SEARCH_ROLE)
        return all(word in haystack for word in self.text.split())
