"""The cohort page's two forms, shown in place rather than as dialogs: a new cohort
(a name and a curriculum), and trainees of the desk to add to a cohort.

In the page rather than in a modal dialog, they scale with the page at 200%
text, are reached by Tab like the rest of it, and keep what was typed when
the store refuses it (a name already taken, a curriculum file with
problems, each said with its line and column).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from alongside.engine.names import tidy
from alongside.ui.dialogs import Dialogs
from alongside.ui.text import tr
from alongside.ui.widgets import NarrowCombo, buddy, button, label, panel

FROM_FILE = "\0file"  # the curriculum list's last entry: a file the instructor wrote
CURRICULUM_FILES = "Curricula (*.yaml *.yml);;All files (*)"
UUID_ROLE = Qt.ItemDataRole.UserRole + 1


def _actions(primary, secondary) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(primary)
    row.addWidget(secondary)
    row.addStretch(1)
    return row


class NewCohortForm(QFrame):
    """`submit(name, curriculum, from_file)` is called with what the instructor chose;
    `cancel()` when they give up."""

    def __init__(self, submit: Callable[[str, str, bool], None], cancel: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _frame, layout = panel(frame=self)
        self.setAccessibleName(tr("New cohort"))
        layout.addWidget(label(tr("New cohort"), "heading"))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(tr("Cohort name"))
        self.name.setAccessibleDescription(tr("A name for the class, such as Spring 2027"))
        self.name.setMaxLength(200)
        self.curriculum = NarrowCombo(16, self)
        self.curriculum.setAccessibleName(tr("Curriculum"))
        self.curriculum.setAccessibleDescription(tr(
            "The scenarios the cohort must pass: a curriculum of the library, or a file you "
            "wrote in the same format"))
        self.curriculum.activated.connect(self._picked)
        form.addRow(buddy(tr("Name"), self.name), self.name)
        form.addRow(buddy(tr("Curriculum"), self.curriculum), self.curriculum)
        layout.addLayout(form)
        self.file = label("", "muted")
        self.file.setAccessibleName(tr("Curriculum file"))
        self.file.hide()
        layout.addWidget(self.file)
        self.problem = label("", "bad")
        self.problem.setAccessibleName(tr("Why the cohort was not created"))
        self.problem.hide()
        layout.addWidget(self.problem)
        self.create = button(tr("Create cohort"), tr("Create the cohort"),
                             tr("Creates the cohort with this name and curriculum"), primary=True)
        self.create.clicked.connect(lambda: self._submit(submit))
        self.name.returnPressed.connect(lambda: self._submit(submit))
        self.cancel = button(tr("Cancel"), tr("Cancel the new cohort"),
                             tr("Closes this form without creating a cohort"))
        self.cancel.clicked.connect(cancel)
        layout.addLayout(_actions(self.create, self.cancel))
        self.path: str | None = None
        self._last = 0
        self.set_curricula([])  # a file can be chosen before the library's curricula arrive

    def set_curricula(self, found: list[tuple[str, str]]) -> None:
        """The library's curricula, and "From a file…"; whatever was chosen before they
        arrived (a file, or a curriculum still listed) stays chosen."""
        kept = self.curriculum.currentData()
        if kept == FROM_FILE and self.path is None:
            kept = None  # nothing chosen yet: the first curriculum is the suggestion
        self.curriculum.clear()
        for cid, title in found:
            self.curriculum.addItem(title, cid)
        self.curriculum.addItem(tr("From a file…"), FROM_FILE)
        index = max(self.curriculum.findData(kept), 0) if kept is not None else 0
        self.curriculum.setCurrentIndex(index)
        self._last = 0 if self.curriculum.itemData(index) == FROM_FILE else index

    def open(self) -> None:
        self.problem.hide()
        self.show()
        self.name.setFocus()

    def _picked(self, index: int) -> None:
        if self.curriculum.itemData(index) != FROM_FILE:
            self._last = index
            return
        chosen = Dialogs.open_file(self, tr("Choose a curriculum file"), tr(CURRICULUM_FILES))
        if chosen is None:
            if self.path is None:
                self.curriculum.setCurrentIndex(self._last)
            return
        self.path = chosen
        self.file.setText(tr("File: {0}").format(chosen))
        self.file.show()

    def _submit(self, submit: Callable[[str, str, bool], None]) -> None:
        name = tidy(self.name.text())
        if not name:
            self.refused([tr("Give the cohort a name.")])
            self.name.setFocus()
            return
        chosen = self.curriculum.currentData()
        if chosen is None:
            self.refused([tr("Choose a curriculum first.")])
            return
        if chosen == FROM_FILE:
            if self.path is None:
                self.refused([tr("Choose the curriculum file first.")])
                return
            submit(name, self.path, True)
        else:
            submit(name, chosen, False)

    def refused(self, problems: list[str]) -> None:
        self.problem.setText("\n".join(problems))
        self.problem.show()

    def reset(self) -> None:
        self.name.clear()
        self.path = None
        self.file.hide()
        self.problem.hide()
        self.curriculum.setCurrentIndex(0)
        self._last = 0
        self.hide()


class AddTraineesForm(QFrame):
    """`submit(uuids)` with the trainees ticked; `cancel()` when the instructor gives up."""

    def __init__(self, submit: Callable[[list[str]], None], cancel: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _frame, layout = panel(frame=self)
        self.setAccessibleName(tr("Add trainees"))
        self.heading = label(tr("Add trainees"), "heading")
        layout.addWidget(self.heading)
        self.note = label("", "muted")
        self.note.setAccessibleName(tr("Which trainees can be added"))
        layout.addWidget(self.note)
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Trainees of the desk"))
        self.list.setAccessibleDescription(tr("Press Space to tick a trainee to add"))
        layout.addWidget(self.list)
        self.problem = label("", "bad")
        self.problem.setAccessibleName(tr("Why no trainee was added"))
        self.problem.hide()
        layout.addWidget(self.problem)
        self.add = button(tr("Add ticked trainees"), tr("Add the ticked trainees"),
                          tr("Adds the ticked trainees to the cohort"), primary=True)
        self.add.clicked.connect(lambda: self._submit(submit))
        self.cancel = button(tr("Cancel"), tr("Cancel adding trainees"),
                             tr("Closes this form without adding anyone"))
        self.cancel.clicked.connect(cancel)
        layout.addLayout(_actions(self.add, self.cancel))

    def set_trainees(self, cohort: str, trainees: list[tuple[str, str]],
                     members: set[str]) -> None:
        """`trainees`: (name, uuid) of the desk's; `members`: the cohort's, as listed."""
        self.heading.setText(tr("Add trainees to {0}").format(cohort))
        self.list.clear()
        for name, uuid in trainees:
            shown = f"{name} [{uuid[:8]}]"
            if shown in members:
                continue
            item = QListWidgetItem(shown)
            item.setData(UUID_ROLE, uuid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        has_any = self.list.count() > 0
        self.note.setText(tr("Tick the trainees to add. Trainees of the desk are the people "
                             "whose results bundles were imported here.") if has_any else
                          tr("Every trainee of the desk is in this cohort already, or none has "
                             "arrived yet: import their results bundles first."))
        self.list.setVisible(has_any)
        self.add.setEnabled(has_any)
        self.problem.hide()
        self.show()
        (self.list if has_any else self.cancel).setFocus()

    def ticked(self) -> list[str]:
        return [self.list.item(i).data(UUID_ROLE) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _submit(self, submit: Callable[[list[str]], None]) -> None:
        chosen = self.ticked()
        if not chosen:
            self.refused(tr("Tick at least one trainee first."))
            return
        submit(chosen)

    def refused(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
