"""The conversation so far, newest line at the bottom, scrolled gently into view.

The view keeps to its end while it is "pinned": every new line pins it, and it
stays pinned through everything that changes its size or its document's height
afterwards (the answers below growing, the window resizing, a font change, the
document laying out late), which is what used to leave the end of the newest
line, the question to answer, below the fold. Scrolling up to read back unpins
it until the next line or until the person scrolls back to the end.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractAnimation, QEasingCurve, QPropertyAnimation, QRectF
from PySide6.QtGui import QResizeEvent
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
        self.lines_kept = LINES_KEPT
        # One animation, reused for every new line: a new one per line would pile up
        # as children of the view for as long as the app runs.
        self._scroll = QPropertyAnimation(self.verticalScrollBar(), b"value", self)
        self._scroll.setDuration(180)
        self._scroll.setEasingCurve(QEasingCurve.Type.OutCubic)
        self.pinned = True
        self._moving = False  # the view itself is moving the scroll bar
        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(lambda _low, _high: self._keep_end())
        bar.valueChanged.connect(self._moved)

    def restart(self) -> None:
        """Empty, and tall enough to keep a few lines in view at the current text size."""
        self.clear()
        self.pinned = True
        self.keep_lines(self.lines_kept)

    def keep_lines(self, lines: int) -> None:
        """At least `lines` lines of text tall, and never shorter than the newest line."""
        self.lines_kept = lines
        newest = self.newest_line().height() + 2 * (self.frameWidth() +
                                                     self.document().documentMargin())
        self.setMinimumHeight(max(self.fontMetrics().lineSpacing() * lines, round(newest)))

    def newest_line(self) -> QRectF:
        """Where the newest line is in the document."""
        document = self.document()
        return document.documentLayout().blockBoundingRect(document.lastBlock())

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
        self.pinned = True
        self.keep_lines(self.lines_kept)
        bar = self.verticalScrollBar()
        self._scroll.stop()
        if self.reduce_motion or not self.isVisible():
            self._to(bar.maximum())
            return
        self._scroll.setEndValue(bar.maximum())
        self._scroll.start()

    def _keep_end(self) -> None:
        if not self.pinned:
            return
        bar = self.verticalScrollBar()
        if self.scrolling:
            self._scroll.setEndValue(bar.maximum())
        else:
            self._to(bar.maximum())

    def _to(self, value: int) -> None:
        self._moving = True
        self.verticalScrollBar().setValue(value)
        self._moving = False

    def _moved(self, value: int) -> None:
        """The person scrolled: away from the end unpins the view, back to it pins it."""
        if self._moving or self.scrolling:
            return
        self.pinned = value >= self.verticalScrollBar().maximum()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's spelling
        super().resizeEvent(event)
        self._keep_end()

    @property
    def scrolling(self) -> bool:
        """Whether the view is still gliding to its newest line."""
        return self._scroll.state() == QAbstractAnimation.State.Running
