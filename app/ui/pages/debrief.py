"""The debrief: how it ended, the three scores, and a review of every decision.

Everything shown comes from `alongside.scoring.debrief.Debrief`, the same object the CLI
prints as JSON, so the app and `play --json` can never disagree. Bands and
the verdict are words, never colour alone.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QTextBrowser, QVBoxLayout, QWidget

from alongside.scoring.debrief import Debrief
from alongside.ui.widgets import button, label

ENDING_WORDS = {"strong": "A strong ending", "mixed": "A mixed ending",
                "harmful": "A harmful ending"}


def _e(text: str | None) -> str:
    return html.escape(text or "")


def debrief_html(debrief: Debrief, mode: str) -> str:
    parts = []
    if debrief.ended:
        parts.append(f"<h2>{_e(ENDING_WORDS.get(debrief.ending_kind or '', 'The ending'))}</h2>")
        parts.append(f"<p><i>{_e(debrief.ending_text)}</i></p>")
        if debrief.debrief_text:
            parts.append(f"<p>{_e(debrief.debrief_text)}</p>")
    else:
        parts.append("<h2>This attempt did not reach an ending</h2>")
    verdict = "Passed" if debrief.passed else "Not yet passed"
    counts = " (assessment)" if mode == "assessment" else " (practice — does not count "\
        "towards certification)"
    parts.append(f"<h2>{verdict}{_e(counts)}</h2><p>{_e(debrief.verdict)}</p>")

    parts.append("<h2>Your scores</h2><table cellpadding='6' border='1' "
                 "style='border-collapse:collapse'><tr><th align='left'>Skill</th>"
                 "<th align='left'>Score</th><th align='left'>Band</th>"
                 "<th align='left'>What to practise next</th></tr>")
    for d in debrief.dimensions:
        score = "not assessed" if d.score is None else f"{d.score:.2f}"
        parts.append(f"<tr><td><b>{_e(d.name)}</b><br><small>{_e(d.description)}</small></td>"
                     f"<td>{score}</td><td>{_e(d.band or '—')}</td>"
                     f"<td>{_e(d.practise_next or '')}</td></tr>")
    parts.append("</table>")

    if debrief.critical:
        parts.append("<h2>Critical errors</h2><ul>")
        for c in debrief.critical:
            parts.append(f"<li><b>Critical error:</b> {_e(c.get('reason'))}</li>")
        parts.append("</ul>")

    parts.append("<h2>Your path, decision by decision</h2>")
    for number, d in enumerate(debrief.decisions, start=1):
        marks = ", ".join(f"{_e(k)}: {_e(v)}" for k, v in d.marks.items())
        parts.append(f"<h3>Decision {number}</h3>")
        if d.prompt:
            parts.append(f"<p><i>{_e(d.prompt)}</i></p>")
        parts.append(f"<p><b>You chose:</b> “{_e(d.chosen.text)}”<br>"
                     f"<b>Why it matters:</b> {_e(d.chosen.feedback)}<br>"
                     f"<small>{marks}</small></p>")
        if d.critical:
            parts.append(f"<p><b>Critical error:</b> {_e(d.critical)}</p>")
        if d.was_best:
            parts.append("<p><b>This was the best available response.</b></p>")
        else:
            for best in d.best:
                parts.append(f"<p><b>The best available response:</b> “{_e(best.text)}”<br>"
                             f"<b>Why:</b> {_e(best.feedback)}</p>")

    if debrief.own_words:
        parts.append("<h2>In your own words</h2>")
        for reply in debrief.own_words:
            parts.append(f"<p>“{_e(reply.get('text'))}”</p>")
            findings = reply.get("findings") or []
            if not findings:
                parts.append("<p>No language concerns found.</p>")
            for f in findings:
                parts.append(f"<p><b>“{_e(f.get('text'))}”</b> — try: "
                             f"{_e(', '.join(f.get('suggestions', [])))}. {_e(f.get('why'))}</p>")
    return "\n".join(parts)


class DebriefPage(QWidget):
    """Emits `retry()` (a new attempt in the same mode) and `library()`."""

    retry = Signal()
    library = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        self.title = label("", "title")
        self.verdict = label("", "heading")
        self.verdict.setAccessibleName("Result")
        self.body = QTextBrowser(self)
        self.body.setAccessibleName("Debrief")
        self.body.setAccessibleDescription("Your ending, scores, and a review of each decision")
        self.body.setOpenLinks(False)
        actions = QHBoxLayout()
        self.retry_button = button("Try again", "Try again",
                                   "Starts a new attempt of this scenario in the same mode",
                                   primary=True)
        self.library_button = button("Back to library", "Back to library",
                                     "Returns to the list of scenarios")
        self.retry_button.clicked.connect(self.retry)
        self.library_button.clicked.connect(self.library)
        actions.addWidget(self.retry_button)
        actions.addWidget(self.library_button)
        actions.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.verdict)
        layout.addWidget(self.body, 1)
        layout.addLayout(actions)
        self.debrief: Debrief | None = None

    def show_debrief(self, title: str, debrief: Debrief, mode: str) -> None:
        self.debrief = debrief
        self.title.setText(f"Debrief: {title}")
        self.verdict.setText(("Passed" if debrief.passed else "Not yet passed") + " — " +
                             ", ".join(f"{d.name} {d.band or 'not assessed'}"
                                       for d in debrief.dimensions))
        self.body.setHtml(debrief_html(debrief, mode))
        self.retry_button.setFocus()
