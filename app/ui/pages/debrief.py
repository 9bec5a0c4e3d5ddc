"""The debrief: how it ended, the three scores, and a review of every decision.

Everything shown comes from `alongside.scoring.debrief.Debrief`, laid out by
`alongside.scoring.document` (the same blocks the instructor's reports will
print), so the app and `play --json` can never disagree. Bands and the
verdict are words, never colour alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QTextBrowser, QVBoxLayout

from alongside.engine.policy import Policy
from alongside.scoring.bands import band_label
from alongside.scoring.debrief import Debrief
from alongside.scoring.document import Document, debrief_document
from alongside.ui.render import ASIDE, document_html
from alongside.ui.shell import Page, Shell
from alongside.ui.text import tr
from alongside.ui.widgets import button, label


class DebriefPage(Page):
    """Entered with the `debrief` to show, the scenario's `title`, the `policy` it was
    played under and, where known, the library file to try again (`source`)."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        self.title = label("", "title")
        self.verdict = label("", "heading")
        self.verdict.setAccessibleName(tr("Result"))
        self.body = QTextBrowser(self)
        self.body.setAccessibleName(tr("Debrief"))
        self.body.setAccessibleDescription(tr("Your ending, scores, and a review of each "
                                              "decision"))
        self.body.setOpenLinks(False)
        self.body.anchorClicked.connect(self._toggle)
        actions = QHBoxLayout()
        self.retry_button = button(tr("Try again"), tr("Try again"),
                                   tr("Starts a new attempt of this scenario in the same mode"),
                                   primary=True)
        self.library_button = button(tr("Back to library"), tr("Back to library"),
                                     tr("Returns to the list of scenarios"))
        self.retry_button.clicked.connect(self._retry)
        self.library_button.clicked.connect(lambda: self.shell.go("library"))
        actions.addWidget(self.retry_button)
        actions.addWidget(self.library_button)
        actions.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.verdict)
        layout.addWidget(self.body, 1)
        layout.addLayout(actions)
        self.debrief: Debrief | None = None
        self.policy: Policy | None = None
        self.source: Path | None = None
        self.document: Document | None = None
        self.opened: frozenset[int] = frozenset()  # the asides unfolded, by number

    def enter(self, debrief: Debrief | None = None, title: str = "",
              policy: Policy | None = None, source: Path | None = None, **_: Any) -> None:
        if debrief is None or policy is None:
            return
        self.debrief, self.policy, self.source = debrief, policy, source
        document = debrief_document(debrief, title, policy)
        self.title.setText(document.title)
        bands = [f"{d.name} {band_label(d.band)}" if d.band else f"{d.name} {tr('not assessed')}"
                 for d in debrief.dimensions]
        verdict = tr("Passed") if debrief.passed else tr("Not yet passed")
        self.verdict.setText(f"{verdict} — {', '.join(bands)}")
        self.document, self.opened = document, frozenset()
        self.body.setHtml(document_html(document, self.opened))
        self.retry_button.setEnabled(source is not None)
        self.retry_button.setFocus()

    def _toggle(self, url: QUrl) -> None:
        """Fold or unfold the aside whose link was followed (a click, or Enter on the
        link Tab reached), keeping the place in the text and the focus on that link."""
        link = url.toString()
        if self.document is None or not link.startswith(ASIDE):
            return
        number = int(link.removeprefix(ASIDE))
        self.opened = self.opened ^ {number}
        place = self.body.verticalScrollBar().value()
        self.body.setHtml(document_html(self.document, self.opened))
        self.body.verticalScrollBar().setValue(place)
        focus_link(self.body, link)

    def _retry(self) -> None:
        if self.source is not None and self.policy is not None:
            self.shell.play_new(self.source, self.policy.id)


def focus_link(browser: QTextBrowser, href: str) -> bool:
    """Put the keyboard focus on the link to `href`, as Tab would have."""
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(browser.document())
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(),
                                   QTextCursor.MoveMode.KeepAnchor)
                browser.setTextCursor(cursor)
                return True
            it += 1
        block = block.next()
    return False
