"""The discussion after class: per decision, how the room split and the best response."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QWidget

from alongside.store.groups import RoomDecision
from alongside.ui.classroom.words import count_words
from alongside.ui.text import tr


def debrief_html(decisions: tuple[RoomDecision, ...]) -> str:
    """Each decision's question, the split of the room (the option taken and the best
    ones marked in words), and the best available response with its feedback."""
    parts = []
    for number, decision in enumerate(decisions, start=1):
        rows = []
        for option in decision.options:
            marks = [tr("the room's choice")] if option.taken else []
            marks += [tr("best available")] if option.best else []
            said = f" <b>({html.escape(', '.join(marks))})</b>" if marks else ""
            rows.append(f"<li>{option.letter}. {html.escape(option.text)} — "
                        f"{html.escape(count_words(option.votes, decision.voters))}{said}</li>")
        best = "".join(f"<p>{html.escape(tr('Best available response'))}: "
                       f"“{html.escape(text)}” {html.escape(why)}</p>"
                       for text, why in zip(decision.best, decision.best_feedback, strict=True))
        prompt = (f"<p><i>{html.escape(tr('To discuss'))}: {html.escape(decision.discussion)}"
                  "</i></p>") if decision.discussion else ""
        parts.append(f"<h3>{html.escape(tr('Decision {0}').format(number))}: "
                     f"{html.escape(decision.prompt)}</h3><ul>{''.join(rows)}</ul>{best}{prompt}")
    if not parts:
        return f"<p>{html.escape(tr('The class took no decisions.'))}</p>"
    return "".join(parts)


class GroupDebriefView(QTextBrowser):
    """The group's debrief, readable by screen readers as one document."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("How the room decided"))
        self.setOpenLinks(False)
        self.setMinimumHeight(160)

    def show_decisions(self, decisions: tuple[RoomDecision, ...]) -> None:
        self.setHtml(f"<h2>{html.escape(tr('How the room decided'))}</h2>"
                     + debrief_html(decisions))
