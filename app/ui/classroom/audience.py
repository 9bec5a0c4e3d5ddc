"""The room's view: the person, the conversation, the options lettered A–D, and the phase.

Nothing here shows a mark, the feedback, the best answer or the count until
the facilitator reveals it: `show_room` reads the phase and shows only what
that phase has revealed, and each phase is announced in words at the top.
On the projector (`projector=True`) the view wears the projector theme
(high contrast, ≥ 7:1) whatever the laptop's theme is, with body text sized
to the view's height: 30 px at 1080 lines (≥ 28 px, readable from the back
row), proportionally more or less on other screens. The same view, in the
laptop's own theme and size, is the console's "what the room sees".
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from alongside.engine.classroom import ENDED, FEEDBACK, LETTERS, REVEALED, Classroom
from alongside.engine.events import ChoiceScored, StepShown, WentBack
from alongside.engine.model import DECISION, Character, Scenario
from alongside.engine.vocabulary import DIMENSIONS, MAX_CHOICES
from alongside.scoring.attempt import best_choices
from alongside.scoring.rubric import DIMENSIONS as RUBRIC
from alongside.scoring.rubric import mark_in_words
from alongside.ui import themes
from alongside.ui.classroom.debrief import GroupDebriefView
from alongside.ui.classroom.words import count_words, phase_words
from alongside.ui.text import tr
from alongside.ui.views.person import PersonView
from alongside.ui.views.transcript import TranscriptView
from alongside.ui.widgets import FitScroll, Meter, label, panel

BODY_PX = 30  # body text at 1080 lines
REFERENCE_LINES = 1080
SMALLEST_PX = 16
PROJECTOR = themes.HIGH_CONTRAST


def body_px(height: int) -> int:
    """Body text in pixels for a view `height` pixels tall."""
    return max(SMALLEST_PX, round(BODY_PX * height / REFERENCE_LINES))


class OptionRow(QFrame):
    """One option, "B.  text", with the room's count below it once revealed."""

    def __init__(self, letter: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _frame, layout = panel(frame=self)
        self.letter = letter
        self.text = label("")
        self.count = label("")
        self.bar = Meter(self)
        self.bar.setAccessibleName(tr("Votes for {0}").format(letter))
        count_row = QHBoxLayout()
        count_row.addWidget(self.count, 1)
        count_row.addWidget(self.bar, 2)
        layout.addWidget(self.text)
        layout.addLayout(count_row)

    def show_option(self, text: str, votes: int | None, total: int) -> None:
        """The option's text; its count and bar only when `votes` is given (revealed)."""
        self.text.setText(f"{self.letter}.  {text}")
        self.setAccessibleName(tr("Option {0}: {1}").format(self.letter, text))
        revealed = votes is not None
        self.count.setVisible(revealed)
        self.bar.setVisible(revealed)
        if votes is not None:
            self.count.setText(f"{self.letter}: {count_words(votes, total)}")
            self.bar.setRange(0, max(total, 1))
            self.bar.setValue(votes)
            self.bar.setAccessibleDescription(self.count.text())


class AudienceView(QWidget):
    """Follows the driver's events (`follow`) and state (`show_room`)."""

    def __init__(self, projector: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.projector = projector
        self.setObjectName("audience")
        self.setAccessibleName(tr("The room's view") if projector else tr("What the room sees"))
        self.scenario: Scenario | None = None
        self._px = 0
        outer = QVBoxLayout(self)
        if not projector:
            outer.setContentsMargins(0, 0, 0, 0)
            outer.addWidget(label(tr("What the room sees"), "heading"))
        self.phase = label("", "title")
        self.phase.setAccessibleName(tr("What is happening now"))
        outer.addWidget(self.phase)
        row = QHBoxLayout()
        outer.addLayout(row, 1)
        self.person = PersonView(self)
        self.reveal_box = self._revealed()
        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.person)
        left_column.addWidget(self.reveal_box)
        left_column.addStretch(1)
        self.left = FitScroll(left)
        self.transcript = TranscriptView(self)
        self.transcript.keep_lines(3)
        self.options = [OptionRow(letter, self) for letter in LETTERS[:MAX_CHOICES]]
        answers = QWidget(self)
        answer_column = QVBoxLayout(answers)
        answer_column.setContentsMargins(0, 0, 0, 0)
        for option in self.options:
            answer_column.addWidget(option)
        answer_column.addStretch(1)
        self.answers = FitScroll(answers)
        self.debrief = GroupDebriefView(self)
        self.debrief.hide()
        right = QVBoxLayout()
        # The options whole where there is room (the room cannot scroll them), and the
        # conversation the rest, its newest line in view.
        right.addWidget(self.transcript, 1)
        right.addWidget(self.answers, 0)
        right.addWidget(self.debrief, 3)
        row.addWidget(self.left, 1)
        row.addLayout(right, 2)
        self._speaker: tuple[Character, str | None] | None = None
        if projector:
            self.transcript.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to focus there
            self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
            self.setAutoFillBackground(True)
            self.setPalette(themes.palette(PROJECTOR))
            self._fit_text(REFERENCE_LINES)
        else:
            self.person.set_scale(1.0)

    def _revealed(self) -> QFrame:
        """The room's choice and its feedback, shown once the facilitator reveals it."""
        box, layout = panel()
        box.setAccessibleName(tr("The room's choice and its feedback"))
        self.chosen = label("", "heading")
        self.feedback = label("")
        self.marks = label("")
        self.critical = label("", "bad")
        self.best = label("")
        for widget in (self.chosen, self.feedback, self.marks, self.critical, self.best):
            layout.addWidget(widget)
        box.hide()
        return box

    # -- following the class ------------------------------------------------------

    def begin(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.transcript.restart()
        self.person.build_meters(scenario)

    def follow(self, event: object) -> None:
        """A session event: the conversation and the person follow it. The class's own
        choices are read as "The room" rather than "You"."""
        scenario = self.scenario
        if scenario is None:
            return
        if isinstance(event, StepShown):
            self.transcript.follow(event, scenario)
            self.person.update_meters(event.variables)
            speaker = scenario.characters.get(event.speaker) if event.speaker else None
            if speaker is not None:
                self._speaker = (speaker, event.mood)
                self.person.show_person(speaker, event.mood)
        elif isinstance(event, ChoiceScored):
            choice = scenario.nodes[event.node].choice(event.choice)
            if choice is not None:
                self.transcript.yours(tr("The room"), choice.text)
        elif isinstance(event, WentBack):
            self.transcript.notice(tr("The room took that back and is deciding again."))

    def show_room(self, room: Classroom, now: float) -> None:
        """What this phase has revealed, and nothing more."""
        self.phase.setText(phase_words(room, now))
        options = room.options
        revealed = room.phase in REVEALED
        total = sum(room.tally)
        for index, row in enumerate(self.options):
            shown = index < len(options)
            row.setVisible(shown)
            if shown:
                row.show_option(options[index].text, room.tally[index] if revealed else None,
                                total)
        self.answers.setVisible(bool(options))
        self.debrief.setVisible(room.phase == ENDED)
        self._show_feedback(room)

    def show_clock(self, room: Classroom, now: float) -> None:
        self.phase.setText(phase_words(room, now))

    def _show_feedback(self, room: Classroom) -> None:
        chosen = room.chosen
        if room.phase != FEEDBACK or chosen is None:
            self.reveal_box.hide()
            self._compact(False)
            return
        node = room.session.node
        choice = room.options[chosen]
        self.chosen.setText(tr("The room chose {0}").format(LETTERS[chosen]))
        self.feedback.setText(choice.feedback)
        self.marks.setText("\n".join(f"{RUBRIC[d].name}: {mark_in_words(choice.scores[d])}"
                                     for d in DIMENSIONS if d in choice.scores))
        self.critical.setVisible(bool(choice.critical))
        self.critical.setText(tr("Critical error: {0}.").format((choice.critical or "")
                                                               .rstrip(".")))
        best = [LETTERS[i] for i, c in enumerate(node.choices) if c.id in best_choices(node)] \
            if node.kind == DECISION else []
        self.best.setVisible(bool(best))
        self.best.setText(tr("Best available response here: {0}").format(", ".join(best)))
        self.reveal_box.show()
        self._compact(True)  # the feedback needs the room more than the portrait

    def _compact(self, compact: bool) -> None:
        if compact != self.person.compact:
            self.person.set_compact(compact)
            self._reshow_person()

    def _reshow_person(self) -> None:
        """Draw the portrait again at its size now (it is drawn once per size)."""
        if self._speaker is not None:
            self.person.show_person(*self._speaker)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's spelling
        """No: its columns scroll, so it asks for its minimum; a layout above it that
        stacks it with wrapped text would otherwise give it its preferred height and
        squeeze the text below it."""
        return False

    # -- the projector's size -----------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's spelling
        super().resizeEvent(event)
        if self.projector:
            self._fit_text(event.size().height())

    def _fit_text(self, height: int) -> None:
        px = body_px(height)
        if px == self._px:
            return
        self._px = px
        self.setStyleSheet(projector_style(px, self.logicalDpiY() or 96))
        self.person.set_scale(min(px / 15, 1.5))
        self._reshow_person()
        self.transcript.keep_lines(3)


def projector_style(px: int, dpi: int) -> str:
    """The projector theme's style sheet with body text of `px` pixels."""
    text_size = 100 * px * 72 / (themes.BASE_POINT_SIZE * dpi)
    theme = PROJECTOR
    return themes.style_sheet(theme, round(text_size)) + (
        f"QWidget {{ color: {theme.text}; }}"
        f"QWidget#audience, QScrollArea, QScrollArea > QWidget, QScrollArea > QWidget > QWidget"
        f" {{ background: {theme.window}; }}"
        f"QTextBrowser {{ background: {theme.surface}; font-size: {px}px; }}"
        f"QWidget {{ font-size: {px}px; }}"
        f"QLabel[role=\"title\"] {{ font-size: {round(px * 1.3)}px; }}"
        f"QLabel[role=\"heading\"] {{ font-size: {round(px * 1.1)}px; }}")
