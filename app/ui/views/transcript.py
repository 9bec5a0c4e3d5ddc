"""The conversation so far, newest line at the bottom, scrolled gently into view."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractAnimation, QEasingCurve, QPropertyAnimation
from PySide6.QtWidgets import QTextBrowser, QWidget

from alongside.engine.events import ChoiceScored, Event, ReplyChecked, StepShown, WentBack
from alongside.engine.model import Scenario
from alongside.ui.text import tr

LINES_KEPT = 7  # lines of the conversation kept in view, even at 200% text


class TranscriptView(QTextBrowser):
    """Shows each line as the session produces it (`follow`), and notices of its own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Conversation so far"))
        self.setAccessibleDescription(tr("New lines appear at the bottom; your own lines start "
                                      "with You"))
        self.setOpenLinks(False)
        self.setMinimumHeight(120)
        self.reduce_motion = False
        # One animation, reused for every new line: a new one per line would pile up
        # as children of the view for as long as the app runs.
        self._scroll = QPropertyAnimation(self.verticalScrollBar(), b"value", self)
        self._scroll.setDuration(180)
        self._scroll.setEasingCurve(QEasingCurve.Type.OutCubic)

    def restart(self) -> None:
        """Empty, and tall enough to keep a few lines in view at the current text size."""
        self.clear()
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * LINES_KEPT)

    def follow(self, event: Event, scenario: Scenario) -> None:
        if isinstance(event, StepShown) and event.kind != "branch":
            speaker = scenario.characters.get(event.speaker) if event.speaker else None
            if speaker is not None:
                self.said(speaker.name, speaker.pronouns, event.text)
            elif event.text:
                self._append(f"<p style='margin-left:18px'><i>{html.escape(event.text)}</i></p>")
        elif isinstance(event, ChoiceScored):
            choice = scenario.nodes[event.node].choice(event.choice)
            if choice is not None:
                self.yours("You", choice.text)
        elif isinstance(event, ReplyChecked):
            self.yours("You, in your own words", event.text)
        elif isinstance(event, WentBack):
            self.notice("You took that back and are choosing again.")

    def said(self, name: str, pronouns: str, text: str) -> None:
        told = f" <small>({html.escape(pronouns)})</small>" if pronouns else ""
        self._append(f"<p><b>{html.escape(name)}</b>{told}:<br>“{html.escape(text)}”</p>")

    def yours(self, who: str, text: str) -> None:
        self._append(f"<p style='margin-left:48px'><b>{html.escape(who)}:</b> "
                     f"{html.escape(text)}</p>")

    def notice(self, text: str) -> None:
        self._append(f"<p><i>{html.escape(text)}</i></p>")

    def _append(self, fragment: str) -> None:
        self.append(fragment)
        bar = self.verticalScrollBar()
        self._scroll.stop()
        if self.reduce_motion or not self.isVisible():
            bar.setValue(bar.maximum())
            return
        self._scroll.setEndValue(bar.maximum())
        self._scroll.start()

    @property
    def scrolling(self) -> bool:
        """Whether the view is still gliding to its newest line."""
        return self._scroll.state() == QAbstractAnimation.State.Running
