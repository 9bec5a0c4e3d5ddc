"""Settings → More scenario folders: the list of folders chosen, Add folder… and Remove."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from alongside.ui.dialogs import Dialogs
from alongside.ui.settings import Settings
from alongside.ui.studio.folders import KEY, default_author_folder, same
from alongside.ui.text import tr
from alongside.ui.widgets import button, label


class FolderList(QWidget):
    """The folders chosen in Settings: a list, Add folder… and Remove. Each change is
    saved at once (the window reads the library again on the setting's change)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None,
                 author: Path | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.yours = label(tr("Your own scenarios, and each New scenario, are in {0}").format(
            author or default_author_folder()), "muted", selectable=True)
        self.yours.setAccessibleName(tr("Your scenarios folder"))
        column.addWidget(self.yours)
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
        self._fit()
        if chosen:
            self.list.setCurrentRow(0)
        self._enable()

    def _fit(self) -> None:
        """Room for every folder (three at least) at the text size in use."""
        rows = max(3, self.list.count())
        self.list.setMaximumHeight(self.list.fontMetrics().height() * rows * 3 // 2
                                   + 2 * self.list.frameWidth() + 4)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's spelling
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def _enable(self) -> None:
        self.remove.setEnabled(self.list.currentRow() >= 0 and self.list.count() > 0)

    def _add(self) -> None:
        chosen = Dialogs.folder(self, tr("Add a scenario folder"))
        if not chosen:
            return
        folders = list(self.settings.get(KEY))
        if not any(same(chosen, f) for f in folders):
            self.settings.set(KEY, (*folders, chosen))
        self.refresh()
        self.list.setCurrentRow(next(i for i, f in enumerate(self.settings.get(KEY))
                                     if same(f, chosen)))

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
