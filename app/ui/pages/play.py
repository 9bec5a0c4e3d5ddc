"""Playing a scenario: the person, the conversation, the choices, and feedback as the mode allows.

The page is made of views (`alongside.ui.views`) and hears the session only
through `SessionBridge.event`. What the page shows and allows comes from the
session's policy: feedback after each choice, going back. Each step is
committed by the store's `Recorder`, a listener placed before the bridge, so
by the time the page paints the next node the choice is on disk (the one
store write made on the GUI thread: bounded, and it must land first).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from alongside.engine.events import AttemptEnded, ChoiceScored, ReplyChecked, StepShown, WentBack
from alongside.engine.model import DECISION, Scenario
from alongside.engine.policy import PRACTICE, Policy
from alongside.engine.session import PlaySession
from alongside.engine.vocabulary import MAX_CHOICES
from alongside.store.errors import Refused
from alongside.ui.bridge import SessionBridge
from alongside.ui.dialogs import Dialogs
from alongside.ui.operations import ATTEMPTS
from alongside.ui.shell import Page, Shell
from alongside.ui.studio.trial import Trial, TrialBar, trial_words
from alongside.ui.text import mode_note, mode_rules, tr
from alongside.ui.views.choices import ChoicesView
from alongside.ui.views.feedback import FeedbackView
from alongside.ui.views.person import PersonView
from alongside.ui.views.reply import ReplyView
from alongside.ui.views.shapes import SHAPES_EM, PlayShapes
from alongside.ui.views.transcript import TranscriptView
from alongside.ui.widgets import Breakpoint, FitScroll, Meter, button, label

if TYPE_CHECKING:
    from alongside.store.attempts import Begun, Recorder, Resumed

RETRY_MS = 3000  # how often unsaved steps are tried again


def _leave_saved() -> str:
    return tr("Your attempt is saved; you can resume it from the library")


def _scrolled(widget: QWidget) -> QScrollArea:
    """A column that scrolls rather than forcing the window taller at 200% text (and,
    in the smallest window, sideways rather than cutting a button)."""
    scroll = QScrollArea()
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return scroll


class PlayPage(Page):
    """Entered with `begun` (a new attempt) or `resumed` (one in progress), and the
    library file it came from (`source`) so the debrief can offer another try."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.session: PlaySession | None = None
        self.bridge: SessionBridge | None = None
        self.recorder: Recorder | None = None
        self._retrying = QTimer(self)
        self._retrying.setInterval(RETRY_MS)
        self._retrying.timeout.connect(self._retry)
        self.source: Path | None = None
        self._remaining: dict[str, int] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 12, 24, 12)
        outer.addLayout(self._top())
        self.body = QGridLayout()
        self.body.setSpacing(20)
        outer.addLayout(self.body, 1)
        self.person = PersonView(self)
        self.person_scroll = FitScroll(self.person)
        self.transcript = TranscriptView(self)
        self.answer_scroll = FitScroll(self._answer())
        self.feedback = FeedbackView(self)
        self.feedback.go_back.clicked.connect(self._back)
        self.feedback.back_key.activated.connect(self._back)
        self.assessment_note = label("", "muted")
        side = QVBoxLayout()
        side.addWidget(self.feedback)
        side.addWidget(self.assessment_note)
        side.addStretch(1)
        self.side = QWidget(self)
        self.side.setLayout(side)
        self.side_scroll = _scrolled(self.side)
        self.shapes = PlayShapes(self.body, self.person, self.person_scroll, self.transcript,
                                 self.answer_scroll, self.side_scroll)
        self.shapes.arrange(2)
        self._tab_order()
        self.breakpoint = Breakpoint(self, SHAPES_EM, self.shapes.arrange)

    def _top(self) -> QHBoxLayout:
        top = QHBoxLayout()
        self.title = label("", "heading")
        self.mode_label = label("", "muted")
        self.progress = Meter(self)
        self.progress.setAccessibleName(tr("Progress through the scenario"))
        self.progress_text = label("", "muted")
        self.progress_text.setAccessibleName(tr("Progress"))
        self.leave_button = button(tr("Leave"), tr("Leave the scenario"), _leave_saved())
        self.leave_button.clicked.connect(lambda: self.shell.go("library"))
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.mode_label)
        top.addLayout(titles, 3)
        progress = QVBoxLayout()
        progress.addWidget(self.progress_text)
        progress.addWidget(self.progress)
        top.addLayout(progress, 2)
        top.addWidget(self.leave_button)
        return top

    def _answer(self) -> QWidget:
        """The reply box, the choices, a problem line and the way to the debrief."""
        self.answer = QWidget(self)
        answer = QVBoxLayout(self.answer)
        answer.setContentsMargins(0, 0, 0, 0)
        self.reply = ReplyView(self)
        self.reply.written.connect(lambda text: self._guarded(lambda: self.session.say(text)))
        self.choices = ChoicesView(parent=self)
        self.choices.picked.connect(self.choose_number)
        self.problem = label("", "bad")
        self.problem.setAccessibleName(tr("Problem"))
        self.problem.hide()
        self.to_debrief = button(tr("See your debrief"), tr("See your debrief"),
                                 tr("Shows your scores and a review of each decision"),
                                 primary=True)
        self.to_debrief.clicked.connect(self.show_debrief)
        self.trial_bar = TrialBar(self)
        for widget in (self.reply, self.choices, self.problem, self.to_debrief, self.trial_bar):
            answer.addWidget(widget)
        answer.addStretch(1)
        return self.answer

    def _tab_order(self) -> None:
        order = [self.transcript, self.reply.text, self.reply.check, *self.choices.buttons,
                 self.to_debrief, self.trial_bar.save, self.feedback.go_back, self.leave_button]
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)

    # -- a session on and off the page -----------------------------------------

    def enter(self, begun: Begun | None = None, resumed: Resumed | None = None,
              source: Path | None = None, trial: Trial | None = None, **_: Any) -> None:
        if trial is not None:  # an author's trial: practice rules, no attempt stored
            self._attach(trial.scenario, None, PRACTICE, begin=trial)
            self.mode_label.setText(trial_words(trial))
            self.leave_button.setAccessibleDescription(tr(
                "A trial is not kept; save its path at the end to keep the route"))
        elif begun is not None:
            self._attach(begun.scenario, begun.uuid, begun.policy)
        elif resumed is not None:
            self._attach(resumed.session.scenario, resumed.uuid, resumed.policy,
                         resumed.session, resumed.notice)
        if trial is None:
            self.leave_button.setAccessibleDescription(_leave_saved())
        self.source = source or self.source
        if self.session is not None and not self.session.ended:
            self.choices.buttons[0].setFocus()

    def leave(self) -> bool:
        """The attempt is saved at every step; leaving only lets go of the session.
        The person is asked first, once, if some steps could not be saved yet (they
        would be lost), or if an assessment is under way (leaving it is a decision)."""
        recorder, session = self.recorder, self.session
        if recorder is not None and not recorder.retry():
            if not Dialogs.ask(self, tr("Some choices are not saved"), tr(
                    "%n of your latest choices could not be saved yet: {0}. If you leave now "
                    "they are lost. Leave anyway?", recorder.unsaved).format(recorder.trouble)):
                return False
        elif session is not None and not session.ended and \
                session.policy.counts_towards_certification \
                and not Dialogs.ask(self, tr("Leave the assessment?"), tr(
                    "Your progress is kept: every choice so far is saved, and the library "
                    "offers to continue this assessment where you left off. Leave now?")):
            return False
        self._detach()
        self.shell.announce({ATTEMPTS})
        return True

    def _attach(self, scenario: Scenario, uuid: str | None, policy: Policy,
                stored: PlaySession | None = None, notice: str | None = None,
                begin: Trial | None = None) -> None:
        """Show a fresh session of `scenario`; replay `stored`'s standing steps first
        (in memory only), then attach the recorder so only new steps are written (none
        for a trial, `begin`, which starts at its node with its values)."""
        from alongside.scoring import language
        from alongside.scoring.attempt import decisions_to_end
        from alongside.store.attempts import Recorder

        self._detach()
        session = PlaySession(scenario, checker=language.flags, policy=policy,
                              at=begin.start if begin else None,
                              variables=begin.values if begin else None)
        self.trial_bar.show_trial(begin, session)
        self.bridge = SessionBridge(self)
        self.bridge.event.connect(self._on_event)
        self._remaining = decisions_to_end(scenario)
        self._show_start(scenario, policy, notice)
        session.listeners.append(self.bridge)
        self.session = session
        session.start()
        if stored is not None:
            said = {reply.node: reply.text for reply in stored.replies}
            for node, choice in stored.decisions:
                if node in said:
                    session.say(said.pop(node))
                session.choose(choice)
            if session.state in said:
                session.say(said[session.state])
        if uuid is not None:
            self.recorder = Recorder(self.shell.ops.store, uuid, session,
                                     on_trouble=self._trouble)
            session.listeners.insert(0, self.recorder)

    def _detach(self) -> None:
        self._retrying.stop()
        self.recorder = None
        if self.session is not None:
            self.session.close()
        if self.bridge is not None:
            self.bridge.event.disconnect()
            self.bridge.deleteLater()
        self.session = self.bridge = None

    def _show_start(self, scenario: Scenario, policy: Policy, notice: str | None) -> None:
        self.title.setText(scenario.title)
        self.mode_label.setText(mode_rules(policy))
        self.transcript.restart()
        self.feedback.hide()
        self.assessment_note.setText(mode_note(policy))
        self.assessment_note.setVisible(not policy.live_feedback)
        self.problem.hide()
        self.to_debrief.hide()
        self.reply.hide()
        self.person.build_meters(scenario)
        if notice:
            self.transcript.notice(notice)

    # -- session events --------------------------------------------------------

    def _on_event(self, event: object) -> None:
        session = self.session
        if session is None:
            return
        if isinstance(event, StepShown | ChoiceScored | ReplyChecked | WentBack):
            self.transcript.follow(event, session.scenario)
        if isinstance(event, StepShown):
            self._shown(event, session)
        elif isinstance(event, ChoiceScored) and session.policy.live_feedback:
            choice = session.scenario.nodes[event.node].choice(event.choice)
            self.feedback.show_scored(event, choice.text if choice else "")
        elif isinstance(event, WentBack):
            self.feedback.hide()
        elif isinstance(event, ReplyChecked):
            self.reply.show_flags(event.findings)
        elif isinstance(event, AttemptEnded):
            self._ended()

    def _shown(self, event: StepShown, session: PlaySession) -> None:
        self.person.update_meters(event.variables)
        if event.kind == "branch":
            return
        speaker = session.scenario.characters.get(event.speaker) if event.speaker else None
        if speaker is not None:
            self.person.show_person(speaker, event.mood)
        decision = event.kind == DECISION
        self.choices.show_choices(event.choices if decision else ())
        node = session.node
        invited = decision and node.free_text is not None
        self.reply.setVisible(invited)
        if invited and node.free_text is not None:
            self.reply.invite(node.free_text.prompt)
        self.feedback.go_back.setEnabled(session.policy.may_go_back and bool(session.decisions))
        self._update_progress(event.node, session)
        self.answer_scroll.updateGeometry()
        # A new node is read from the top: its prompt and the question first.
        self.answer_scroll.verticalScrollBar().setValue(0)
        if decision and self.isVisible():
            self.choices.buttons[0].setFocus()

    def _ended(self) -> None:
        self.choices.show_choices(())
        self.reply.hide()
        self.feedback.go_back.setEnabled(False)
        self.to_debrief.show()
        self.trial_bar.ended()
        self.progress.setValue(self.progress.maximum())
        self.progress_text.setText(tr("Conversation ended"))
        if self.isVisible():
            self.to_debrief.setFocus()

    def _update_progress(self, node_id: str, session: PlaySession) -> None:
        done = len(session.decisions)
        total = done + self._remaining.get(node_id, 0)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_text.setText(tr("Decision {0} of about {1}").format(
            min(done + 1, total), total))
        self.progress.setAccessibleDescription(self.progress_text.text())

    # -- acting on the session ---------------------------------------------------

    def choose_number(self, number: int) -> None:
        session = self.session
        if session is None or session.ended:
            return
        offered = session.offered()
        if 1 <= number <= len(offered):
            choice = offered[number - 1].id
            self._guarded(lambda: session.choose(choice))

    def _back(self) -> None:
        session = self.session
        if session is not None and session.policy.may_go_back and session.decisions \
                and not session.ended:
            self._guarded(session.back)

    def _trouble(self, why: str | None) -> None:
        """The progress file stopped taking writes (or took them again)."""
        if why is None:
            self._retrying.stop()
            self.problem.hide()
            self.shell.status(tr("Your choices are saved again."))
            return
        self.problem.setText(tr("Your choices cannot be saved right now: {0}. Alongside keeps "
                                "them and tries again every few seconds; they are safe once "
                                "this message goes away.").format(why))
        self.problem.show()
        self._retrying.start()

    def _retry(self) -> None:
        if self.recorder is not None:
            self.recorder.retry()

    def _guarded(self, action) -> None:
        """Run an action that commits; a failed commit changes nothing and says so."""
        from sqlalchemy.exc import SQLAlchemyError  # loaded already: the store is open

        try:
            action()
        except (Refused, SQLAlchemyError, OSError) as exc:
            self.problem.setText(tr("That could not be saved, so nothing changed: {0}. Try "
                                    "again; if it keeps happening, leave and resume later.")
                                 .format(exc))
            self.problem.show()
        else:
            if self.recorder is None or self.recorder.trouble is None:
                self.problem.hide()

    def show_debrief(self) -> None:
        from alongside.scoring.debrief import build_debrief

        session = self.session
        if session is None:
            return
        debrief = build_debrief(session.scenario, session.decisions, session.ended,
                                session.ending, session.replies)
        self.shell.go("debrief", debrief=debrief, title=session.scenario.title,
                      policy=session.policy, source=self.source)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's spelling
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if Qt.Key.Key_1 <= key < Qt.Key.Key_1 + MAX_CHOICES and plain:
            self.choose_number(key - Qt.Key.Key_0)
            return
        super().keyPressEvent(event)

    # -- preferences ---------------------------------------------------------------

    def fit(self, scale: float, reduce_motion: bool) -> None:
        """Follow the text size and the motion preference."""
        self.person.set_scale(scale)
        self.transcript.reduce_motion = reduce_motion

    @property
    def scrolling(self) -> bool:
        return self.transcript.scrolling
