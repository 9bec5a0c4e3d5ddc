"""Where the library's scenarios come from, and the Settings control that adds folders.

The window reads, in this order: the folders it was given (the bundled library,
then any `--library` folders), the author's own folder (Qt's generic data
folder / Alongside / scenarios: what `alongside.paths.author_scenarios` names,
created on first use) and the folders chosen in Settings. The order decides an
id used twice (`alongside.engine.library`): the bundled scenario keeps it.
Each scenario is shown with where it comes from in words: "Bundled", "Your
scenarios", or its folder's name.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from alongside.paths import DIALOGUES, author_scenarios, distinct
from alongside.ui.dialogs import Dialogs
from alongside.ui.settings import Settings
from alongside.ui.text import tr
from alongside.ui.widgets import button, label

KEY = "scenario_folders"  # the preference that lists the folders chosen in Settings


def default_author_folder() -> Path:
    return author_scenarios(Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.GenericDataLocation)))


def _same(a: str | Path, b: str | Path) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


class LibraryFolders:
    """The folders a window's library reads, in order, and the words for each."""

    def __init__(self, settings: Settings, given: list[Path], author: Path | None = None) -> None:
        self.settings = settings
        self.given = list(given)
        self.author = author or default_author_folder()

    def chosen(self) -> list[Path]:
        return [Path(folder) for folder in self.settings.get(KEY)]

    def all(self) -> list[Path]:
        return distinct([*self.given, self.author, *self.chosen()])

    def prepare(self) -> str | None:
        """Make the author's folder if it is not there yet; why not, if it cannot be."""
        try:
            self.author.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return tr("Your scenarios folder {0} could not be made: {1}").format(
                self.author, exc.strerror or exc)
        return None

    def source_name(self, folder: str) -> str:
        """Where a scenario listed from `folder` comes from, in words."""
        if not folder:
            return ""
        if _same(folder, DIALOGUES):
            return tr("Bundled")
        if _same(folder, self.author):
            return tr("Your scenarios")
        return Path(folder).name or folder


class FolderList(QWidget):
    """The folders chosen in Settings: a list, Add folder… and Remove. Each change is
    saved at once (the window reads the library again on the setting's change)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAccessibleName(tr("More scenario folders"))
        self.list.setAccessibleDescription(tr("The folders listed here are read after the "
                                              "bundled scenarios and yours"))
        self.empty = label(tr("None yet: the library lists the bundled scenarios and yours."),
                           "muted")
        row = QHBoxLayout()
        self.add = button(tr("Add folder…"), tr("Add a scenario folder"),
                          tr("Chooses a folder whose scenarios the library lists too"))
        self.remove = button(tr("Remove"), tr("Remove the selected folder"),
                             tr("The library stops listing this folder; its files stay as "
                                "they are"))
        self.add.clicked.connect(self._add)
        self.remove.clicked.connect(self._remove)
        row.addWidget(self.add)
        row.addWidget(self.remove)
        row.addStretch(1)
        column.addWidget(self.list)
        column.addWidget(self.empty)
        column.addLayout(row)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.refresh()

    def refresh(self) -> None:
        chosen = self.settings.get(KEY)
        self.list.clear()
        for folder in chosen:
            shown = folder if Path(folder).is_dir() else tr("{0} (not found)").format(folder)
            item = QListWidgetItem(shown, self.list)
            item.setData(Qt.ItemDataRole.UserRole, folder)
        self.list.setVisible(bool(chosen))
        self.empty.setVisible(not chosen)
        self.list.setMaximumHeight(self.list.fontMetrics().height() * 2 * max(3, len(chosen)))
        if chosen:
            self.list.setCurrentRow(0)
        self._enable()

    def _enable(self) -> None:
        self.remove.setEnabled(self.list.currentRow() >= 0 and self.list.count() > 0)

    def _add(self) -> None:
        chosen = Dialogs.folder(self, tr("Add a scenario folder"))
        if not chosen:
            return
        folders = list(self.settings.get(KEY))
        if not any(_same(chosen, f) for f in folders):
            self.settings.set(KEY, (*folders, chosen))
        self.refresh()
        self.list.setCurrentRow(next(i for i, f in enumerate(self.settings.get(KEY))
                                     if _same(f, chosen)))

    def _remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        row = self.list.currentRow()
        gone = item.data(Qt.ItemDataRole.UserRole)
        self.settings.set(KEY, tuple(f for f in self.settings.get(KEY) if f != gone))
        self.refresh()
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
            self.list.setFocus()
        else:
            self.add.setFocus()
