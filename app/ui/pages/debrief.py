"""The debrief: how it ended, the three scores, and a review of every decision.

Everything shown comes from `alongside.scoring.debrief.Debrief`, laid out by
`alongside.scoring.document` (the same blocks the instructor's reports will
print), so the app and `play --json` can never disagree. Bands and the
verdict are words, never colour alone. A stored attempt's instructors'
comments (from a feedback bundle) are read on the worker once it is shown,
then laid into the same document, each marked as the instructor's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QTextBrowser, QVBoxLayout

from alongside.engine.policy import Policy
from alongside.scoring.bands import band_label
from alongside.scoring.debrief import Debrief
from alongside.scoring.document import Document, Remark, Remarks, debrief_document
from alongside.ui.operations import Operation
from alongside.ui.render import ASIDE, document_html
from alongside.ui.shell import Page, Shell
from alongside.ui.text import tr
from alongside.ui.widgets import button, label

if TYPE_CHECKING:
    from alongside.store.comments import Comment
    from alongside.store.db import Store
    from alongside.store.review import Placed


class DebriefPage(Page):
    """Entered with the `debrief` to show, the scenario's `title`, the `policy` it was
    played under, where known the library file to try again (`source`) and, for a
    stored attempt, its uuid (`attempt`), whose instructors' comments are shown."""

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
        self.title_text = ""
        self.attempt: str | None = None
        self.remarks = Remarks()
        self.policy: Policy | None = None
        self.source: Path | None = None
        self.document: Document | None = None
        self.opened: frozenset[int] = frozenset()  # the asides unfolded, by number

    def enter(self, debrief: Debrief | None = None, title: str = "",
              policy: Policy | None = None, source: Path | None = None,
              attempt: str | None = None, **_: Any) -> None:
        if debrief is None or policy is None:
            return
        self.debrief, self.policy, self.source = debrief, policy, source
        self.title_text, self.attempt, self.remarks = title, attempt, Remarks()
        self.opened = frozenset()
        self._show(keep_place=False)
        bands = [f"{d.name} {band_label(d.band)}" if d.band else f"{d.name} {tr('not assessed')}"
                 for d in debrief.dimensions]
        verdict = tr("Passed") if debrief.passed else tr("Not yet passed")
        self.verdict.setText(f"{verdict} — {', '.join(bands)}")
        self.retry_button.setEnabled(source is not None)
        self.retry_button.setFocus()
        if attempt is not None:
            self.shell.ops.run(comments_of(attempt), lambda placed: self._commented(
                attempt, placed))

    def _show(self, keep_place: bool = True) -> None:
        """Lay the document out again, where the reader was unless it is a new one."""
        if self.debrief is None or self.policy is None:
            return
        document = debrief_document(self.debrief, self.title_text, self.policy, self.remarks)
        self.title.setText(document.title)
        self.document = document
        place = self.body.verticalScrollBar().value() if keep_place else 0
        self.body.setHtml(document_html(document, self.opened))
        self.body.verticalScrollBar().setValue(place)

    def _commented(self, attempt: str, placed: Placed) -> None:
        """The comments arrived; shown if the page still shows that attempt."""
        if attempt != self.attempt or not placed:
            return
        self.remarks = Remarks(_remarks(placed.attempt),
                               {n: _remarks(c) for n, c in placed.decisions.items()},
                               _remarks(placed.taken_back))
        self._show()

    def _toggle(self, url: QUrl) -> None:
        """Fold or unfold the aside whose link was followed (a click, or Enter on the
        link Tab reached), keeping the place in the text and the focus on that link."""
        link = url.toString()
        if self.document is None or not link.startswith(ASIDE):
            return
        number = int(link.removeprefix(ASIDE))
        self.opened = self.opened ^ {number}
        self._show()
        focus_link(self.body, link)

    def _retry(self) -> None:
        if self.source is not None and self.policy is not None:
            self.shell.play_new(self.source, self.policy.id)


def _remarks(comments: tuple[Comment, ...]) -> tuple[Remark, ...]:
    return tuple(Remark(c.author, c.at.astimezone().strftime("%d %b %Y %H:%M"), c.text)
                 for c in comments)


def comments_of(attempt: str) -> Operation[Placed]:
    def work(store: Store) -> Placed:
        from alongside.store.review import placed_comments

        return placed_comments(store, attempt)

    return Operation("reading your instructor's comments", work, quiet=True)


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
