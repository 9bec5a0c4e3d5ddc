"""Message boxes behind one seam (Picard's pattern, pytest-qt's advice).

Pages and the main window never build a QMessageBox themselves; they call
these class methods, which tests replace so that no test blocks on a modal
dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app import __version__

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
        QMessageBox.warning(parent, title, text)

    @classmethod
    def about(cls, parent: QWidget | None) -> None:
        QMessageBox.about(parent, "About Alongside", ABOUT)
