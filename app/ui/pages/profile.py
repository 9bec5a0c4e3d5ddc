"""Who is practising: pick a profile with one click, or make a new one.

Several trainees can share one machine (a classroom PC); each profile is a
trainee in the store, and progress is kept under that name.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from alongside.engine.names import name_key, tidy
from alongside.ui import operations
from alongside.ui.dialogs import Dialogs
from alongside.ui.operations import PROFILES
from alongside.ui.shell import Page, Shell
from alongside.ui.text import tr
from alongside.ui.widgets import button, label

MAX_NAME = 200


class ProfilePage(Page):
    """Picking or creating a profile hands its name to the window (`choose_profile`)."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(12)
        layout.addWidget(label(tr("Who is practising today?"), "title"))
        self.reason = label("", "heading")
        self.reason.setAccessibleName(tr("Why this page is shown"))
        self.reason.hide()
        layout.addWidget(self.reason)
        layout.addWidget(label(
            tr("Your progress is saved on this computer under your profile name. Several "
            "people can share this computer; each picks their own name here."), "muted"))

        self.existing_heading = label(tr("Choose your profile"), "heading")
        self.profiles = QListWidget(self)
        self.profiles.setAccessibleName(tr("Profiles on this computer"))
        self.profiles.setAccessibleDescription(tr("Press Enter or click a name to continue as "
                                               "that person."))
        self.profiles.itemActivated.connect(lambda item: self.shell.choose_profile(item.text()))
        self.profiles.itemClicked.connect(lambda item: self.shell.choose_profile(item.text()))
        self.existing_heading.setBuddy(self.profiles)
        layout.addWidget(self.existing_heading)
        layout.addWidget(self.profiles, 1)

        layout.addWidget(label(tr("New profile"), "heading"))
        row = QHBoxLayout()
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(tr("Your name, as you would like it shown"))
        self.name.setAccessibleName(tr("New profile name"))
        self.name.setAccessibleDescription(tr("Type a name and press Enter to create the profile"))
        self.name.setMaxLength(MAX_NAME)
        self.name.returnPressed.connect(self._create)
        self.create = button(tr("Create profile"), tr("Create profile"),
                             tr("Creates a profile with this name and opens the library"),
                             primary=True)
        self.create.clicked.connect(self._create)
        row.addWidget(self.name, 1)
        row.addWidget(self.create)
        layout.addLayout(row)
        self.problem = label("", "bad")
        self.problem.setAccessibleName(tr("Profile name problem"))
        self.problem.hide()
        layout.addWidget(self.problem)
        self._tail = layout.count()  # takes the spare room while there is no list
        layout.addStretch(1)
        self.setTabOrder(self.profiles, self.name)
        self.setTabOrder(self.name, self.create)

    def enter(self, reason: str | None = None, **_: Any) -> None:
        """Shown to pick a profile; `reason` says why the person was sent here."""
        self.reason.setText(reason or "")
        self.reason.setVisible(bool(reason))
        self.refresh()

    def changed(self, kinds: frozenset[str]) -> None:
        if PROFILES in kinds and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self.shell.ops.run(operations.list_profiles(),
                           lambda names: self.show_profiles(names, self.shell.profile))

    def show_profiles(self, names: list[str], current: str | None) -> None:
        self.profiles.clear()
        for name in names:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"Continue as {name}")
            self.profiles.addItem(item)
            if name == current:
                self.profiles.setCurrentItem(item)
        has_any = bool(names)
        self.existing_heading.setVisible(has_any)
        self.profiles.setVisible(has_any)
        self.layout().setStretch(self._tail, 0 if has_any else 1)
        self.problem.hide()
        (self.profiles if has_any else self.name).setFocus()

    def _create(self) -> None:
        name = tidy(self.name.text())
        if not name:
            self._complain(tr("Type a name first: it can be a first name or a nickname."))
            return
        existing = self._existing(name)
        if existing is not None:
            if not Dialogs.ask(self, tr("That profile already exists"), tr(
                    "There is already a profile called “{0}” on this computer (names are "
                    "matched whatever their capitals and spaces). Open it?\n\nIf you are "
                    "someone else with the same name, choose No and add an initial or a "
                    "nickname.").format(existing)):
                self.name.setFocus()
                return
            name = existing
        self.problem.hide()
        self.name.clear()
        self.shell.choose_profile(name)

    def _existing(self, name: str) -> str | None:
        """The listed profile that `name` would open, if any."""
        key = name_key(name)
        for row in range(self.profiles.count()):
            listed = self.profiles.item(row).text()
            if name_key(listed) == key:
                return listed
        return None

    def _complain(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
        self.name.setFocus()
