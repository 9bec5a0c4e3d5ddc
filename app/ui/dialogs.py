"""Message boxes behind one seam (Picard's pattern, pytest-qt's advice).

Pages and the main window never build a QMessageBox themselves; they call
these class methods, which tests replace so that no test blocks on a modal
dialog. QMessageBox is imported on first use: its types cost the first
window a few milliseconds, and most starts never show a message.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from alongside import __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

ABOUT = (
    f"<h2>Alongside {__version__}</h2>"
    "<p>A training simulator in which peer specialists rehearse hard conversations "
    "and learn from explained scores on person-first language, supported "
    "decision-making and role clarity.</p>"
    "<p>Works offline; your progress stays on this computer unless you export it.</p>"
    "<p>Released under the MIT licence.</p>"
)


class Dialogs:
    @classmethod
    def error(cls, parent: QWidget | None, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, title, text)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str) -> bool:
        """A yes-or-no question; True for yes."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def open_file(cls, parent: QWidget | None, title: str, kinds: str) -> str | None:
        """A file the person chooses to read (`kinds`: Qt's filter, "Curricula (*.yaml)"),
        or None if they cancel."""
        from PySide6.QtWidgets import QFileDialog

        chosen, _kind = QFileDialog.getOpenFileName(parent, title, "", kinds)
        return chosen or None

    @classmethod
    def save_file(cls, parent: QWidget | None, title: str, suggested: str,
                  kinds: str) -> str | None:
        """Where the person chooses to write a file (`suggested`: a name to start from), or
        None if they cancel."""
        from PySide6.QtWidgets import QFileDialog

        chosen, _kind = QFileDialog.getSaveFileName(parent, title, suggested, kinds)
        return chosen or None

    @classmethod
    def folder(cls, parent: QWidget | None, title: str) -> str | None:
        """A folder the person chooses, or None if they cancel."""
        from PySide6.QtWidgets import QFileDialog

        return QFileDialog.getExistingDirectory(parent, title) or None

    @classmethod
    def text(cls, parent: QWidget | None, title: str, prompt: str, value: str = "") -> str | None:
        """A line of text the person types (a group's name); None if they cancel."""
        from PySide6.QtWidgets import QInputDialog

        typed, accepted = QInputDialog.getText(parent, title, prompt, text=value)
        return typed if accepted else None

    @classmethod
    def something_went_wrong(cls, parent: QWidget | None, log: Path | None) -> None:
        """The one calm message for an error in Alongside itself (logged with its traceback)."""
        from PySide6.QtWidgets import QMessageBox

        from alongside.ui.text import tr

        details = tr(" Details: {0}").format(log) if log is not None else ""
        QMessageBox.warning(parent, tr("Something went wrong"),
                            tr("Something went wrong. Your progress is saved.") + details)

    @classmethod
    def about(cls, parent: QWidget | None) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(parent, "About Alongside", ABOUT)
