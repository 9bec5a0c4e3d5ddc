"""A reply in the trainee's own words, checked for language before they choose."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from alongside.scoring.language import Flag
from alongside.ui.text import tr
from alongside.ui.widgets import button, label


class ReplyView(QWidget):
    """Emits `written(text)` when the trainee asks for their words to be checked."""

    written = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.prompt = label("", "heading")
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(tr("Your reply in your own words"))
        self.text.setAccessibleDescription(tr("Optional: write what you would say, then check it; "
                                           "Tab moves on"))
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(120)
        self.prompt.setBuddy(self.text)
        self.check = button(tr("Check my words"), tr("Check my words"),
                            tr("Checks your reply for stigmatizing or clinical language"))
        self.check.clicked.connect(self._check)
        self.findings = label("")
        self.findings.setAccessibleName(tr("Language check of your reply"))
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.prompt)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addWidget(self.check)
        row.addWidget(label(tr("Then choose a response below; your own words are reviewed in "
                            "the debrief."), "muted"), 1)
        layout.addLayout(row)
        layout.addWidget(self.findings)

    def invite(self, prompt: str) -> None:
        self.prompt.setText(prompt)
        self.text.clear()
        self.findings.clear()

    def _check(self) -> None:
        text = self.text.toPlainText().strip()
        if not text:
            self.findings.setText(tr("Write your reply first, then check it."))
            self.text.setFocus()
            return
        self.written.emit(text)

    def show_flags(self, flags: tuple[object, ...]) -> None:
        found = [f for f in flags if isinstance(f, Flag)]
        if not found:
            self.findings.setText(tr("No language concerns found in your reply."))
            return
        items = "".join(
            f"<li><b>“{html.escape(f.text)}”</b> — try: "
            f"{html.escape(', '.join(f.suggestions))}. {html.escape(f.why)}</li>" for f in found)
        self.findings.setText(f"<p>Words to reconsider:</p><ul>{items}</ul>")
