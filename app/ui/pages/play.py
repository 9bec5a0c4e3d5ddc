"""Playing a scenario: portrait, transcript, choices, meters, and practice feedback.

The page hears the session only through `SessionBridge.event`; it acts on the
session with `choose`, `say` and `back`. Each step is committed by the store's
`Recorder`, a listener placed before the bridge, so by the time the page
paints the next node the choice is on disk.
"""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QAbstractAnimation,
    QEasingCurve,
    QPropertyAnimation,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from alongside.engine.events import AttemptEnded, ChoiceScored, ReplyChecked, StepShown, WentBack
from alongside.engine.model import DECISION, Scenario
from alongside.engine.session import PlaySession
from alongside.engine.vocabulary import DIMENSIONS
from alongside.scoring.rubric import DIMENSIONS as RUBRIC
from alongside.scoring.rubric import mark_in_words
from alongside.ui.bridge import SessionBridge
from alongside.ui.portraits import PortraitView
from alongside.ui.themes import Theme
from alongside.ui.widgets import FitScroll, Meter, WrapButton, button, label, panel

MAX_CHOICES = 4


def decisions_to_end(scenario: Scenario) -> dict[str, int]:
    """Decisions left from each node along the best choices, for "decision 3 of about 8".

    A branch counts its longest way on, so the estimate rarely runs out early;
    a loop back counts nothing more.
    """
    from alongside.scoring.debrief import best_choices

    steps: dict[str, int] = {}

    def walk(node_id: str, seen: frozenset[str]) -> int:
        if node_id in steps:
            return steps[node_id]
        if node_id in seen:
            return 0
        node, seen = scenario.nodes[node_id], seen | {node_id}
        if node.kind == DECISION:
            best = best_choices(node) or (node.choices[0].id,)
            found = 1 + walk(node.choice(best[0]).next, seen)
        elif node.branch:
            found = max(walk(rule.next, seen) for rule in node.branch)
        elif node.next:
            found = walk(node.next, seen)
        else:
            found = 0
        steps[node_id] = found
        return found

    for node_id in scenario.nodes:
        walk(node_id, frozenset())
    return steps


def _scrolled(widget: QWidget) -> QScrollArea:
    """A column that scrolls rather than forcing the window taller at 200% text."""
    scroll = QScrollArea()
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return scroll


class PlayPage(QWidget):
    """Emits `leave()` (back to the library; the attempt is saved) and `finished()`
    when the trainee asks for the debrief after an ending."""

    leave = Signal()
    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: PlaySession | None = None
        self.mode = "practice"
        self.reduce_motion = False
        self.theme: Theme | None = None
        self._remaining: dict[str, int] = {}
        self._meter_values: dict[str, int] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 12, 24, 12)
        top = QHBoxLayout()
        self.title = label("", "heading")
        self.mode_label = label("", "muted")
        self.progress = Meter(self)
        self.progress.setAccessibleName("Progress through the scenario")
        self.progress_text = label("", "muted")
        self.progress_text.setAccessibleName("Progress")
        self.leave_button = button("Leave", "Leave the scenario",
                                   "Your attempt is saved; you can resume it from the library")
        self.leave_button.clicked.connect(self.leave)
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.mode_label)
        top.addLayout(titles, 3)
        progress = QVBoxLayout()
        progress.addWidget(self.progress_text)
        progress.addWidget(self.progress)
        top.addLayout(progress, 2)
        top.addWidget(self.leave_button)
        outer.addLayout(top)

        body = QHBoxLayout()
        body.setSpacing(20)
        outer.addLayout(body, 1)

        person = QVBoxLayout()
        self.portrait = PortraitView(self)
        self.who = label("", "heading")
        self.who.setAccessibleName("Who is speaking")
        self.feeling = label("", "muted")
        self.feeling.setAccessibleName("How they seem")
        person.addWidget(self.portrait, 0, Qt.AlignmentFlag.AlignHCenter)
        person.addWidget(self.who)
        person.addWidget(self.feeling)
        self.meters_box = QVBoxLayout()
        person.addLayout(self.meters_box)
        person.addStretch(1)
        self.person = QWidget(self)
        self.person.setLayout(person)
        body.addWidget(_scrolled(self.person), 2)

        middle = QVBoxLayout()
        self.transcript = QTextBrowser(self)
        self.transcript.setAccessibleName("Conversation so far")
        self.transcript.setAccessibleDescription("New lines appear at the bottom; your own "
                                                 "lines start with You")
        self.transcript.setOpenLinks(False)
        self.transcript.setMinimumHeight(120)
        # One animation, reused for every new line: a new one per line would pile up
        # as children of the page for as long as the app runs.
        self._scroll = QPropertyAnimation(self.transcript.verticalScrollBar(), b"value", self)
        self._scroll.setDuration(180)
        self._scroll.setEasingCurve(QEasingCurve.Type.OutCubic)
        middle.addWidget(self.transcript, 1)
        self.answer = QWidget(self)
        answer = QVBoxLayout(self.answer)
        answer.setContentsMargins(0, 0, 0, 0)

        self.reply_box = QWidget(self)
        reply = QVBoxLayout(self.reply_box)
        reply.setContentsMargins(0, 0, 0, 0)
        self.reply_prompt = label("", "heading")
        self.reply_text = QPlainTextEdit(self)
        self.reply_text.setAccessibleName("Your reply in your own words")
        self.reply_text.setAccessibleDescription("Optional: write what you would say, then "
                                                 "check it; Tab moves on")
        self.reply_text.setTabChangesFocus(True)
        self.reply_text.setMaximumHeight(120)
        self.reply_prompt.setBuddy(self.reply_text)
        self.reply_check = button("Check my words", "Check my words",
                                  "Checks your reply for stigmatizing or clinical language")
        self.reply_check.clicked.connect(self._say)
        self.findings = label("")
        self.findings.setAccessibleName("Language check of your reply")
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        reply.addWidget(self.reply_prompt)
        reply.addWidget(self.reply_text)
        reply_row = QHBoxLayout()
        reply_row.addWidget(self.reply_check)
        reply_row.addWidget(label("Then choose a response below; your own words are "
                                  "reviewed in the debrief.", "muted"), 1)
        reply.addLayout(reply_row)
        reply.addWidget(self.findings)
        answer.addWidget(self.reply_box)

        self.choices_heading = label("What do you say?", "heading")
        # One short line: unwrapped, it asks for one line's height, where a wrapping
        # label in a scroll area is given the height of its narrowest layout.
        self.choices_heading.setWordWrap(False)
        answer.addWidget(self.choices_heading)
        self.choices = [WrapButton(self) for _ in range(MAX_CHOICES)]
        for number, choice in enumerate(self.choices, start=1):
            choice.clicked.connect(lambda _=False, n=number: self.choose_number(n))
            answer.addWidget(choice)
        self.problem = label("", "bad")
        self.problem.setAccessibleName("Problem")
        self.problem.hide()
        answer.addWidget(self.problem)
        self.to_debrief = button("See your debrief", "See your debrief",
                                 "Shows your scores and a review of each decision",
                                 primary=True)
        self.to_debrief.clicked.connect(self.finished)
        answer.addWidget(self.to_debrief)
        answer.addStretch(1)
        self.answer_scroll = FitScroll(self.answer)
        middle.addWidget(self.answer_scroll)
        body.addLayout(middle, 5)

        self.feedback, feedback = panel()
        self.feedback.setAccessibleName("Feedback on your last choice")
        self.feedback_heading = label("About your last choice", "heading")
        self.feedback_choice = label("")
        self.feedback_text = label("")
        self.feedback_marks = label("")
        self.critical, critical = panel("critical")
        self.critical_text = label("", "bad")
        critical.addWidget(self.critical_text)
        self.go_back = button("Go back (Alt+B)", "Go back",
                              "Takes back your last choice; both stay in your history")
        back_key = QShortcut(QKeySequence("Alt+B"), self)
        back_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back_key.activated.connect(self._back)
        self.go_back.clicked.connect(self._back)
        for widget in (self.feedback_heading, self.feedback_choice, self.feedback_text,
                       self.feedback_marks, self.critical, self.go_back):
            feedback.addWidget(widget)
        feedback.addStretch(1)
        self.assessment_note = label("Assessment mode: feedback on each choice comes in the "
                                     "debrief, and choices cannot be taken back.", "muted")
        side = QVBoxLayout()
        side.addWidget(self.feedback)
        side.addWidget(self.assessment_note)
        side.addStretch(1)
        self.side = QWidget(self)
        self.side.setLayout(side)
        self.side_scroll = _scrolled(self.side)
        body.addWidget(self.side_scroll, 3)

        self.setTabOrder(self.transcript, self.reply_text)
        self.setTabOrder(self.reply_text, self.reply_check)
        previous = self.reply_check
        for choice in self.choices:
            self.setTabOrder(previous, choice)
            previous = choice
        for widget in (self.to_debrief, self.go_back, self.leave_button):
            self.setTabOrder(previous, widget)
            previous = widget

    # -- starting --------------------------------------------------------------

    def begin(self, session: PlaySession, bridge: SessionBridge, mode: str,
              notice: str | None = None) -> None:
        """Show `session` from its next event on; the caller then starts or replays it."""
        self.session = session
        self.mode = mode
        scenario = session.scenario
        self._remaining = decisions_to_end(scenario)
        self.title.setText(scenario.title)
        self.mode_label.setText(
            "Practice: feedback after each choice; you may go back" if mode == "practice"
            else "Assessment: feedback comes at the debrief")
        self.transcript.clear()
        # Keep a few lines of the conversation in view even at 200% text; the
        # choices below scroll instead.
        self.transcript.setMinimumHeight(self.transcript.fontMetrics().lineSpacing() * 7)
        self.feedback.hide()
        self.assessment_note.setVisible(mode == "assessment")
        self.problem.hide()
        self.to_debrief.hide()
        self.reply_box.hide()
        self._build_meters(scenario)
        bridge.event.connect(self._on_event)
        if notice:
            self._append(f"<p><i>{html.escape(notice)}</i></p>")

    def _build_meters(self, scenario: Scenario) -> None:
        while self.meters_box.count():
            widget = self.meters_box.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.meters: dict[str, tuple[QLabel, Meter]] = {}
        self._meter_values = {}
        for name, variable in scenario.variables.items():
            if not variable.shown:
                continue
            caption = label("")
            meter = Meter(self)
            meter.setRange(variable.min, variable.max)
            meter.setAccessibleName(variable.label or name)
            caption.setBuddy(meter)
            self.meters[name] = (caption, meter)
            self.meters_box.addWidget(caption)
            self.meters_box.addWidget(meter)

    # -- session events --------------------------------------------------------

    def _on_event(self, event) -> None:
        if isinstance(event, StepShown):
            self._shown(event)
        elif isinstance(event, ChoiceScored):
            self._scored(event)
        elif isinstance(event, WentBack):
            self._append("<p><i>You took that back and are choosing again.</i></p>")
            self.feedback.hide()
        elif isinstance(event, ReplyChecked):
            self._replied(event)
        elif isinstance(event, AttemptEnded):
            self._ended()

    def _shown(self, event: StepShown) -> None:
        session = self.session
        self._update_meters(event.variables)
        if event.kind == "branch":
            return
        speaker = session.scenario.characters.get(event.speaker) if event.speaker else None
        text = html.escape(event.text)
        if speaker is not None:
            pronouns = f" <small>({html.escape(speaker.pronouns)})</small>" \
                if speaker.pronouns else ""
            self._append(f"<p><b>{html.escape(speaker.name)}</b>{pronouns}:<br>"
                         f"“{text}”</p>")
            self.portrait.show_person(speaker.name, speaker.portrait, event.mood)
            self.who.setText(speaker.name)
            self.feeling.setText(f"Seems {event.mood}" if event.mood else "")
        elif text:
            self._append(f"<p style='margin-left:18px'><i>{text}</i></p>")
        decision = event.kind == DECISION
        for number, choice in enumerate(self.choices, start=1):
            offered = event.choices[number - 1] if decision and number <= len(event.choices) \
                else None
            choice.setVisible(offered is not None)
            if offered is not None:
                choice.set_text(f"{number}.  {offered[1]}")
                choice.setAccessibleName(f"Choice {number}: {offered[1]}")
                choice.setAccessibleDescription(f"Press {number} to choose this response")
        self.choices_heading.setVisible(decision)
        node = session.node
        self.reply_box.setVisible(decision and node.free_text is not None)
        if decision and node.free_text is not None:
            self.reply_prompt.setText(node.free_text.prompt)
            self.reply_text.clear()
            self.findings.clear()
        self.go_back.setEnabled(bool(session.decisions))
        self._update_progress(event.node)
        self.answer_scroll.updateGeometry()
        # A new node is read from the top: its prompt and the question first.
        self.answer_scroll.verticalScrollBar().setValue(0)
        if decision and self.isVisible():
            self.choices[0].setFocus()

    def _scored(self, event: ChoiceScored) -> None:
        node = self.session.scenario.nodes[event.node]
        choice = node.choice(event.choice)
        self._append(f"<p style='margin-left:48px'><b>You:</b> {html.escape(choice.text)}</p>")
        if self.mode != "practice":
            return
        self.feedback_choice.setText(f"You said: “{choice.text}”")
        self.feedback_text.setText(event.feedback)
        self.feedback_marks.setText("\n".join(
            f"{RUBRIC[d].name}: {mark_in_words(event.scores[d])} ({event.scores[d]:+d})"
            for d in DIMENSIONS if d in event.scores))
        self.critical.setVisible(bool(event.critical))
        if event.critical:
            self.critical_text.setText(
                f"Critical error: {event.critical.rstrip('.')}. In an assessment this choice "
                "alone means the attempt does not pass.")
        self.feedback.show()

    def _replied(self, event: ReplyChecked) -> None:
        self._append(f"<p style='margin-left:48px'><b>You, in your own words:</b> "
                     f"{html.escape(event.text)}</p>")
        findings = [f.as_json() for f in event.findings]
        if not findings:
            self.findings.setText("No language concerns found in your reply.")
            return
        items = "".join(
            f"<li><b>“{html.escape(f['text'])}”</b> — try: "
            f"{html.escape(', '.join(f['suggestions']))}. {html.escape(f['why'])}</li>"
            for f in findings)
        self.findings.setText(f"<p>Words to reconsider:</p><ul>{items}</ul>")

    def _ended(self) -> None:
        for choice in self.choices:
            choice.hide()
        self.choices_heading.hide()
        self.reply_box.hide()
        self.go_back.setEnabled(False)
        self.to_debrief.show()
        self.progress.setValue(self.progress.maximum())
        self.progress_text.setText("Conversation ended")
        if self.isVisible():
            self.to_debrief.setFocus()

    # -- acting on the session ---------------------------------------------------

    def choose_number(self, number: int) -> None:
        session = self.session
        if session is None or session.ended:
            return
        offered = session.offered()
        if not 1 <= number <= len(offered):
            return
        self._guarded(lambda: session.choose(offered[number - 1].id))

    def _back(self) -> None:
        session = self.session
        if session is not None and self.mode == "practice" and session.decisions \
                and not session.ended:
            self._guarded(session.back)

    def _say(self) -> None:
        text = self.reply_text.toPlainText().strip()
        if not text:
            self.findings.setText("Write your reply first, then check it.")
            self.reply_text.setFocus()
            return
        self._guarded(lambda: self.session.say(text))

    def _guarded(self, action) -> None:
        """Run an action that commits; a failed commit changes nothing and says so."""
        from sqlalchemy.exc import SQLAlchemyError  # loaded already: the store is open

        from alongside.store.db import StoreError

        try:
            action()
        except (StoreError, SQLAlchemyError, OSError) as exc:
            self.problem.setText(f"That could not be saved, so nothing changed: {exc}. "
                                 "Try again; if it keeps happening, leave and resume later.")
            self.problem.show()
        else:
            self.problem.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_4 and plain:
            self.choose_number(key - Qt.Key.Key_0)
            return
        super().keyPressEvent(event)

    # -- painting helpers ----------------------------------------------------------

    def _append(self, fragment: str) -> None:
        self.transcript.append(fragment)
        bar = self.transcript.verticalScrollBar()
        self._scroll.stop()
        if self.reduce_motion or not self.isVisible():
            bar.setValue(bar.maximum())
            return
        self._scroll.setEndValue(bar.maximum())
        self._scroll.start()

    @property
    def scrolling(self) -> bool:
        """Whether the transcript is still gliding to its newest line."""
        return self._scroll.state() == QAbstractAnimation.State.Running

    def _update_meters(self, variables) -> None:
        for name, (caption, meter) in self.meters.items():
            value = variables[name]
            variable = self.session.scenario.variables[name]
            before = self._meter_values.get(name)
            change = "" if before is None or before == value else \
                (f" (up {value - before})" if value > before else f" (down {before - value})")
            self._meter_values[name] = value
            meter.setValue(value)
            caption.setText(f"{variable.label or name}: {value} of {variable.max}{change}")
            meter.setAccessibleDescription(
                f"{variable.label or name} is {value} on a scale from {variable.min} to "
                f"{variable.max}{change}")

    def _update_progress(self, node_id: str) -> None:
        done = len(self.session.decisions)
        total = done + self._remaining.get(node_id, 0)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_text.setText(f"Decision {min(done + 1, total)} of about {total}")
        self.progress.setAccessibleDescription(self.progress_text.text())
