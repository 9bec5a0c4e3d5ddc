"""Settings: text size, theme, reduce motion, default mode and more scenario folders,
applied as they change.

The controls are built from `alongside.ui.settings.PREFERENCES`, so a preference
declared there appears here with its label and description.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from alongside.ui.settings import BY_KEY, PREFERENCES, TEXT_SIZES, Settings
from alongside.ui.shell import Page, Shell
from alongside.ui.studio.folder_list import FolderList
from alongside.ui.studio.folders import KEY as FOLDERS
from alongside.ui.text import tr
from alongside.ui.widgets import label


class SettingsPage(Page):
    def __init__(self, shell: Shell, settings: Settings) -> None:
        super().__init__(shell)
        self.settings = settings
        # The controls take the left part of a wide window rather than its whole width.
        page = QHBoxLayout(self)
        page.setContentsMargins(48, 24, 48, 24)
        layout = QVBoxLayout()
        page.addLayout(layout, 3)
        page.addStretch(2)
        layout.addWidget(label(tr("Settings"), "title"))
        layout.addWidget(label(tr("Changes apply at once and are remembered on this computer."),
                               "muted"))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(6)
        self.controls: dict[str, QWidget] = {}
        for pref in PREFERENCES:
            if pref.kind is tuple:  # the scenario folders: a list of their own, below
                continue
            if pref.kind is bool:
                control = QCheckBox(tr(pref.label), self)
                control.setChecked(settings.get(pref.key))
                control.toggled.connect(lambda on, k=pref.key: settings.set(k, on))
            else:
                control = QComboBox(self)
                options = pref.choices or {size: f"{size}%" for size in TEXT_SIZES}
                for value, text in options.items():
                    control.addItem(tr(text), value)
                control.setCurrentIndex(max(0, control.findData(settings.get(pref.key))))
                control.currentIndexChanged.connect(
                    lambda _i, k=pref.key, c=control: settings.set(k, c.currentData()))
            control.setAccessibleName(tr(pref.label))
            control.setAccessibleDescription(tr(pref.description))
            self.controls[pref.key] = control
            help_text = label(tr(pref.description), "muted")
            if isinstance(control, QCheckBox):
                form.addRow(control)
            else:
                heading = label(tr(pref.label), "heading")
                heading.setBuddy(control)
                form.addRow(heading)
                form.addRow(control)
            form.addRow(help_text)
        layout.addLayout(form)
        self.folders = FolderList(settings, self, getattr(getattr(shell, "folders", None),
                                                          "author", None))
        folders = BY_KEY[FOLDERS]
        layout.addWidget(label(tr(folders.label), "heading"))
        layout.addWidget(self.folders)
        layout.addWidget(label(tr(folders.description), "muted"))
        layout.addStretch(1)

    def enter(self, **_: Any) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Show the stored values (after a change made elsewhere, e.g. Ctrl++)."""
        self.folders.refresh()
        for key, control in self.controls.items():
            value = self.settings.get(key)
            control.blockSignals(True)
            if isinstance(control, QCheckBox):
                control.setChecked(value)
            else:
                control.setCurrentIndex(max(0, control.findData(value)))
            control.blockSignals(False)
