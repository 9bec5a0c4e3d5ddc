"""New scenario…: a title (and an id made from it, editable), a file from the template
in the author's folder, opened in the person's editor, listed and selected at once.

The dialog (`NewScenarioDialog.ask`) and the editor (`Editor.open`) are seams the
tests replace, as `Dialogs` is: no test waits on a modal dialog or starts an editor.
The template is the engine's (`alongside.engine.template`), so the file validates
with no problems. It is selected in the library and, where the window has the map page,
shown on the map.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from alongside.engine.template import id_problem, new_scenario_text, scenario_id_for
from alongside.paths import SUFFIXES
from alongside.ui.dialogs import Dialogs
from alongside.ui.text import tr
from alongside.ui.widgets import buddy, label

if TYPE_CHECKING:
    from alongside.ui.main_window import MainWindow

WIDTH_LETTERS = 48  # the dialog's least width, in letters: room for a title and a message


class Editor:
    @classmethod
    def open(cls, path: Path) -> bool:
        """Open `path` in the application the person's system gives scenario files."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class NewScenarioDialog(QDialog):
    """Asks for a title and an id; Create stays off while the id cannot be used, and the
    message under the fields says why, in words."""

    def __init__(self, parent: QWidget | None, taken: set[str]) -> None:
        super().__init__(parent)
        self.taken = taken
        self.setWindowTitle(tr("New scenario"))
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.title = QLineEdit(self)
        self.title.setAccessibleName(tr("Title"))
        self.title.setAccessibleDescription(tr("The title the library shows"))
        self.id = QLineEdit(self)
        self.id.setAccessibleName(tr("Id"))
        self.id.setAccessibleDescription(tr("The scenario's id and its file's name: "
                                            "lower-case letters and digits joined by hyphens"))
        self.why = label("", "bad")
        self.why.setAccessibleName(tr("Why the scenario cannot be made yet"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create = self.buttons.addButton(tr("Create and open"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.create.setAccessibleDescription(tr("Writes the file into your scenarios folder "
                                                "and opens it in your editor"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(buddy(tr("&Title"), self.title), self.title)
        form.addRow(buddy(tr("&Id (the file's name)"), self.id), self.id)
        form.addRow(self.why)
        form.addRow(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * WIDTH_LETTERS)
        self._following = True  # the id follows the title until the person edits it
        self.title.textEdited.connect(self._titled)
        self.id.textEdited.connect(self._id_edited)
        self._check()

    def _titled(self, title: str) -> None:
        if self._following:
            self.id.setText(scenario_id_for(title))
        self._check()

    def _id_edited(self, _text: str) -> None:
        self._following = not self.id.text()
        self._check()

    def problem(self) -> str | None:
        if not self.title.text().strip():
            return tr("Give the scenario a title.")
        found = id_problem(self.id.text().strip(), self.taken)
        return tr(found) if found else None

    def _check(self) -> None:
        problem = self.problem()
        typed = bool(self.title.text() or self.id.text())
        self.why.setText(problem if problem and typed else "")
        self.why.setVisible(bool(problem and typed))
        self.create.setEnabled(problem is None)
        if self.isVisible():  # a message that came or went: the dialog grows or shrinks to it
            self.adjustSize()

    def chosen(self) -> tuple[str, str]:
        return self.title.text().strip(), self.id.text().strip()

    @classmethod
    def ask(cls, parent: QWidget | None, taken: set[str]) -> tuple[str, str] | None:
        """(title, id) for a new scenario, or None if the person cancels."""
        dialog = cls(parent, taken)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return dialog.chosen() if accepted else None


def taken_ids(window: MainWindow) -> set[str]:
    """Ids a new scenario cannot have: those in the library (a broken file's by its name)
    and the files already in the author's folder."""
    taken = {Path(row.card.path).stem for row in window.library.model.rows()}
    taken |= {row.card.id for row in window.library.model.rows() if row.card.id}
    with contextlib.suppress(OSError):  # not made yet, or unreadable: nothing there to clash
        taken |= {p.stem for p in window.folders.author.iterdir() if p.suffix in SUFFIXES}
    return taken


def start(window: MainWindow) -> None:
    """Ask, write, open in the editor, then show the new scenario selected."""
    asked = NewScenarioDialog.ask(window, taken_ids(window))
    if asked is None:
        return
    title, scenario_id = asked
    folder = window.folders.author
    path = folder / f"{scenario_id}.yaml"
    try:
        text = new_scenario_text(scenario_id, title)
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except (ValueError, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        Dialogs.error(window, tr("The scenario was not made"),
                      tr("{0} could not be written: {1}").format(path, reason))
        return
    opened = Editor.open(path)
    window.watcher.read(lambda: _created(window, scenario_id, path, opened))


def _created(window: MainWindow, scenario_id: str, path: Path, opened: bool) -> None:
    """Selected in the library whatever its filters were, and shown on the map where the
    window has one."""
    window.go("library")
    library = window.library
    library.search.clear()
    library.setting.setCurrentIndex(0)
    library.competency.setCurrentIndex(0)
    library.select(scenario_id)
    library.focus_list()
    if "map" in window.builders:
        window.go("map", path=str(path))
    window.status(tr("{0} is ready to write; it opened in your editor").format(path)
                  if opened else
                  tr("{0} is ready to write; no editor opened it, so open it from there")
                  .format(path), lasting=True)
