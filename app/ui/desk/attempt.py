"""Page "desk-attempt": one attempt read as it happened, for the instructor.

`go("desk-attempt", attempt=<uuid>)`. The reading (`store.review.read_attempt`)
comes from the worker: the steps played again on the version the attempt was
played on, so what is shown is what the trainee read. Per step: what was said,
the choice or the reply in own words, the marks on the three skills with the
rationale, language findings, a critical choice in words, going back, and the
time it took; above them the version (its hash, shortened, and "unverified"
where it was never accepted) and the stored scores, which comments never
change. Each step and the attempt have a comment box (`desk.comments`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from alongside.ui.desk.comments import CommentBox
from alongside.ui.desk.listing import moment
from alongside.ui.dialogs import Dialogs
from alongside.ui.operations import Operation
from alongside.ui.shell import Page, Shell
from alongside.ui.text import mode_name, tr
from alongside.ui.widgets import button, label, panel

if TYPE_CHECKING:
    from alongside.store.comments import Comment
    from alongside.store.db import Store
    from alongside.store.review import Reading, StepRead

NAME = "desk-attempt"


def read(attempt: str) -> Operation[Reading]:
    def work(store: Store) -> Reading:
        from alongside.store.review import read_attempt

        return read_attempt(store, attempt)

    return Operation("reading the attempt", work)


def duration(seconds: float) -> str:
    whole = round(seconds)
    if whole < 60:
        return tr("{0} s").format(whole)
    return tr("{0} min {1} s").format(whole // 60, whole % 60)


def skill(dimension: str) -> str:
    from alongside.scoring.rubric import DIMENSIONS

    return DIMENSIONS[dimension].name


def scores_line(reading: Reading) -> str:
    from alongside.scoring.bands import band_label

    a = reading.attempt
    parts = [f"{skill(d)} {s:.2f} {band_label(a.bands[d] or 'not-yet')}" if s is not None
             else f"{skill(d)} {tr('not assessed')}" for d, s in a.scores.items()]
    if a.status != "finished":
        verdict = tr("Not finished")
    else:
        verdict = tr("Passed") if a.passed else tr("Not yet passed")
    critical = tr("critical choices: {0}").format(a.critical_count) if a.critical_count \
        else tr("no critical choice")
    return f"{verdict}: {', '.join(parts)}; {critical}"


def version_line(reading: Reading) -> str:
    line = tr("Played on scenario version {0}").format(reading.short_hash)
    if not reading.attempt.verified:
        line += tr(" — unverified version: never accepted on this desk, so it does not "
                   "count towards certification")
    return line


def marks_line(step: StepRead) -> str:
    parts = []
    for m in step.marks:
        if m.quality is None:
            parts.append(tr("{0}: not assessed here").format(skill(m.dimension)))
        else:
            parts.append(tr("{0}: {1:+d} (quality {2:.2f})").format(
                skill(m.dimension), m.mark or 0, m.quality))
    return "; ".join(parts)


def step_texts(step: StepRead) -> list[tuple[str, str | None]]:
    """(text, label role) in reading order for one step, after what was said."""
    if step.kind == "back":
        return [(tr("Went back: took back “{0}”").format(step.choice_text or step.choice),
                 "heading")]
    if step.kind == "reply":
        found = [(tr("Language: “{0}” — try: {1}. {2}").format(
            f.text, ", ".join(f.suggestions), f.why), "bad") for f in step.findings]
        return [(tr("Replied in own words: “{0}”").format(step.reply), None),
                *(found or [(tr("No language concerns found."), "muted")])]
    texts = [(tr("Chose: “{0}”").format(step.choice_text), "heading"),
             (marks_line(step), None), (tr("Rationale: {0}").format(step.feedback), None)]
    if step.critical:
        texts.append((tr("Critical choice: {0}").format(step.critical), "bad"))
    if step.taken_back:
        texts.append((tr("This choice was taken back later."), "muted"))
    return texts


class AttemptPage(Page):
    """The attempt read step by step; entered with `attempt` (its uuid)."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        self.title = label("", "title")
        self.about = label("", selectable=True)
        self.about.setAccessibleName(tr("About the attempt"))
        self.version = label("", selectable=True)
        self.version.setAccessibleName(tr("Scenario version"))
        self.scores = label("", "heading", selectable=True)
        self.scores.setAccessibleName(tr("Scores"))
        self.problem = label("", "bad")
        self.problem.setAccessibleName(tr("Why the attempt could not be read"))
        self.problem.hide()
        self.back_button = button(tr("Back to the trainee"), tr("Back to the trainee"),
                                  tr("Returns to this trainee's record"))
        self.back_button.clicked.connect(self._back)
        actions = QHBoxLayout()
        actions.addWidget(self.back_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        for widget in (self.title, self.about, self.version, self.scores, self.problem):
            layout.addWidget(widget)
        self.body = QVBoxLayout()
        layout.addLayout(self.body)
        layout.addStretch(1)
        self.reading: Reading | None = None
        self.attempt: str | None = None
        self.boxes: dict[int | None, CommentBox] = {}
        self.panels: list[QWidget] = []

    def leave(self) -> bool:
        """A comment written and not kept is not dropped without asking."""
        if not any(box.unsaved for box in self.boxes.values()):
            return True
        return Dialogs.ask(self, tr("Leave without keeping your comment?"),
                           tr("A comment you wrote on this attempt has not been kept. Leave "
                              "the attempt and lose it?"))

    def enter(self, attempt: str | None = None, **_: Any) -> None:
        if attempt is None:
            return
        self.attempt = attempt
        self.back_button.setFocus()
        self.shell.ops.run(read(attempt), lambda reading: self.show_reading(attempt, reading),
                           lambda error: self._unreadable(attempt, str(error)))

    def _unreadable(self, attempt: str, why: str) -> None:
        if attempt == self.attempt:
            self._clear()
            self.problem.setText(tr("This attempt could not be read: {0}").format(why))
            self.problem.show()

    def _clear(self) -> None:
        for widget in self.panels:
            self.body.removeWidget(widget)
            widget.deleteLater()
        self.panels, self.boxes = [], {}

    def show_reading(self, attempt: str, reading: Reading) -> None:
        if attempt != self.attempt:
            return
        self._clear()
        self.problem.hide()
        self.reading = reading
        a = reading.attempt
        self.title.setText(tr("Attempt: {0}").format(reading.title))
        finished = moment(a.finished_at) if a.finished_at else tr("still in progress")
        self.about.setText(tr("{0} · {1} mode · started {2} · finished {3}").format(
            a.trainee or tr("(no trainee)"), mode_name(a.mode), moment(a.started_at), finished))
        self.version.setText(version_line(reading))
        self.scores.setText(scores_line(reading))
        on_step: dict[int | None, list[Comment]] = {}
        for comment in reading.comments:
            on_step.setdefault(comment.step, []).append(comment)
        self._add(self._comments_panel(on_step.get(None, [])))
        for step in reading.steps:
            self._add(self._step_panel(step, on_step.get(step.seq, [])))
        if reading.after:
            frame, inner = panel()
            frame.setAccessibleName(tr("How it ended"))
            inner.addWidget(label(tr("After the last step"), "heading"))
            for line in reading.after:
                inner.addWidget(label(said(line.speaker, line.text)))
            self._add(frame)

    def _add(self, widget: QWidget) -> None:
        self.body.addWidget(widget)
        self.panels.append(widget)

    def _comments_panel(self, comments: list[Comment]) -> QWidget:
        frame, inner = panel()
        frame.setAccessibleName(tr("Comments on the attempt"))
        inner.addWidget(label(tr("Comments on the attempt"), "heading"))
        if self.attempt is not None:
            self.boxes[None] = CommentBox(self.shell, self.attempt, None, comments)
            inner.addWidget(self.boxes[None])
        return frame

    def _step_panel(self, step: StepRead, comments: list[Comment]) -> QWidget:
        frame, inner = panel("critical" if step.critical else "panel", frame=QFrame(self))
        frame.setAccessibleName(tr("Step {0}").format(step.seq))
        heading = label(tr("Step {0} · at {1} · took {2}").format(
            step.seq, step.at.astimezone().strftime("%H:%M:%S"), duration(step.seconds)),
            "muted")
        heading.setAccessibleName(tr("Step {0}, when and how long").format(step.seq))
        inner.addWidget(heading)
        for line in step.seen:
            inner.addWidget(label(said(line.speaker, line.text), selectable=True))
        for text, role in step_texts(step):
            inner.addWidget(label(text, role, selectable=True))
        if self.attempt is not None:
            self.boxes[step.seq] = CommentBox(self.shell, self.attempt, step.seq, comments)
            inner.addWidget(self.boxes[step.seq])
        return frame

    def _back(self) -> None:
        trainee = self.reading.attempt.trainee_uuid if self.reading else None
        if trainee:
            self.shell.go("desk-trainee", trainee=trainee, cohort=getattr(
                self.shell.page("desk-trainee"), "cohort", None))
        else:
            self.shell.go("desk")


def said(speaker: str | None, text: str) -> str:
    return f"{speaker}: “{text}”" if speaker else text
