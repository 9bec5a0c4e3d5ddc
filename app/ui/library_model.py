"""The scenario library as an item model, and the filter the library page puts on it.

One row per scenario file. A file that fails validation is still a row, marked
unavailable with its first error, so a broken file is visible rather than
silently missing. The trainee's record (best bands, an attempt in progress)
arrives later from the store and is merged in without rebuilding the rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from alongside.engine.catalogue import ScenarioCard
from alongside.engine.policy import PRACTICE
from alongside.engine.vocabulary import DIMENSIONS
from alongside.scoring.bands import band_label
from alongside.scoring.rubric import DIMENSIONS as RUBRIC
from alongside.ui.text import mode_name, setting_name, skill_name, tr

if TYPE_CHECKING:
    from alongside.store.history import ScenarioRecord

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2


DIFFICULTY = {1: "introductory", 2: "intermediate", 3: "advanced"}  # shown through tr()


ROOT = QModelIndex()


@dataclass(frozen=True, slots=True)
class Row:
    card: ScenarioCard
    record: ScenarioRecord | None = None
    source: str = ""  # where the scenario comes from, in words ("Bundled", "Your scenarios")

    @property
    def title(self) -> str:
        return self.card.title

    def facts(self) -> str:
        c = self.card
        difficulty = tr(DIFFICULTY.get(c.difficulty, str(c.difficulty)))
        facts = tr("{0} · {1} min · {2}").format(setting_name(c.setting), c.minutes, difficulty)
        return f"{facts} · {self.source}" if self.source else facts

    def best(self) -> str:
        if self.record is None or not self.record.best:
            return tr("Not finished yet") if self.in_progress() else tr("Not played yet")
        best = self.record.best
        return tr("Best: ") + ", ".join(
            f"{RUBRIC[d].name.lower()} {band_label(best[d]) if d in best else '—'}"
            for d in DIMENSIONS)

    def display(self) -> str:
        c = self.card
        if not c.available:
            where = tr("line {0}: ").format(c.problem_line) if c.problem_line else ""
            return f"{self.title}\n" + tr("Unavailable — {0}{1}").format(
                where, c.problem_message or c.problem) + (f" · {self.source}" if self.source
                                                          else "")
        going = self.in_progress()
        status = tr("{0} in progress · ").format(mode_name(going)) if going else ""
        return f"{self.title}\n{status}{self.facts()}\n{self.best()}"

    def in_progress(self) -> str | None:
        """The mode of the attempt in progress, if there is one."""
        record = self.record
        return (record.in_progress_mode or PRACTICE.id) if record and record.in_progress \
            else None


class LibraryModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        # Where a card's folder is, in words; the window knows which folder is whose.
        self.source_name: Callable[[str], str] = lambda folder: ""

    def set_cards(self, cards: list[ScenarioCard]) -> None:
        self.beginResetModel()
        records = {r.card.id: r.record for r in self._rows if r.card.id}
        self._rows = [Row(c, records.get(c.id) if c.id else None, self.source_name(c.folder))
                      for c in cards]
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def set_records(self, records: dict[str, ScenarioRecord]) -> None:
        for i, row in enumerate(self._rows):
            if row.card.id is not None:
                self._rows[i] = replace(row, record=records.get(row.card.id))
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
            return row.card.summary if row.card.available else row.display()
        if role == ENTRY_ROLE:
            return row
        if role == SEARCH_ROLE:
            c = row.card
            return " ".join((c.title, c.summary, c.setting, setting_name(c.setting), row.source,
                             *c.competencies, *map(skill_name, c.competencies))).lower()
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
        card = self.sourceModel().data(index, ENTRY_ROLE).card
        if card.available:
            if self.setting and card.setting != self.setting:
                return False
            if self.competency and self.competency not in card.competencies:
                return False
        words = self.text.split()
        if not words:
            return True
        haystack = self.sourceModel().data(index, SEARCH_ROLE)
        return all(word in haystack for word in words)
