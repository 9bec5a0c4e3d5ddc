"""The facilitator's console: what the room sees, and what only the facilitator sees.

A page of the main window (the laptop's). Beside a copy of the room's view it
shows the node's discussion prompt, each option's count, feedback, marks,
best and critical in words and what follows it, the clock, and a button for
every key. The scenario format has no facilitator's notes, so the discussion
prompts are the notes. Entered with `begun` or `resumed` (a group attempt),
`group` (the class's name) and `screen` (a screen asked for by name).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout

from alongside.engine.classroom import ENDED, LETTERS, OPEN, REVEALED
from alongside.engine.vocabulary import MAX_CHOICES
from alongside.scoring.attempt import best_choices, decisions_to_end
from alongside.ui.classroom.audience import AudienceView
from alongside.ui.classroom.controls import Controls, ScreenOffer
from alongside.ui.classroom.debrief import GroupDebriefView
from alongside.ui.classroom.driver import RoomDriver
from alongside.ui.classroom.keys import action_of
from alongside.ui.classroom.options import OptionCard
from alongside.ui.classroom.screens import AudienceWindow, Stage
from alongside.ui.classroom.words import after, phase_words
from alongside.ui.operations import ATTEMPTS
from alongside.ui.shell import Page, Shell
from alongside.ui.text import tr
from alongside.ui.widgets import Breakpoint, label, panel

if TYPE_CHECKING:
    from alongside.engine.session import PlaySession
    from alongside.store.attempts import Begun, Resumed

SHAPE_EM = (70,)  # room, in lines of text, for the two columns side by side


class PresenterPage(Page):
    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.driver: RoomDriver | None = None
        self.stage: Stage | None = None
        self.source: Path | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 12, 24, 12)
        self.title = label("", "heading")
        self.progress = label("", "muted")
        self.progress.setAccessibleName(tr("Progress"))
        self._remaining: dict[str, int] = {}
        self.phase = label("", "title")
        self.phase.setAccessibleName(tr("What the room is doing"))
        self.problem = label("", "bad")
        self.problem.setAccessibleName(tr("Problem"))
        self.notice = label("", "muted")
        self.notice.setAccessibleName(tr("Notice"))
        self.offer = ScreenOffer(self)
        for widget in (self.title, self.progress, self.phase, self.problem, self.notice,
                       self.offer):
            outer.addWidget(widget)
        self.controls = Controls(self)
        outer.addWidget(self.controls)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        outer.addLayout(self.columns, 1)
        self.preview = AudienceView(projector=False, parent=self)
        self.preview.transcript.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # At the top, as tall as it needs: beside the options it would otherwise stretch
        # its conversation and push its own options out of sight.
        self.columns.addWidget(self.preview, 1, Qt.AlignmentFlag.AlignTop)
        self.columns.addLayout(self._facilitator(), 1)
        self.audience = AudienceView(projector=True)
        self.room_window = AudienceWindow(self.audience, self.handle_key)
        # A window of its own (no parent, so no window manager ties it to the laptop's),
        # deleted with the page.
        self.destroyed.connect(self.room_window.deleteLater)
        self.controls.acted.connect(self.act)
        self.offer.move.connect(self._move_to)
        self.breakpoint = Breakpoint(self, SHAPE_EM, self._arrange)

    def _facilitator(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.discussion_box, inside = panel()
        self.discussion_box.setAccessibleName(tr("To discuss"))
        inside.addWidget(label(tr("To discuss"), "heading"))
        self.discussion = label("")
        inside.addWidget(self.discussion)
        column.addWidget(self.discussion_box)
        self.cards = [OptionCard(i, LETTERS[i], self) for i in range(MAX_CHOICES)]
        for index, card in enumerate(self.cards):
            card.add.connect(lambda i=index: self.act("add", i))
            card.remove.connect(lambda i=index: self.act("remove", i))
            card.pick.connect(lambda i=index: self.act("pick", i))
            column.addWidget(card)
        self.debrief = GroupDebriefView(self)
        self.debrief.hide()
        column.addWidget(self.debrief, 1)
        column.addStretch(1)
        return column

    def _arrange(self, level: int) -> None:
        self.columns.setDirection(QBoxLayout.Direction.LeftToRight if level
                                  else QBoxLayout.Direction.TopToBottom)
        for index in range(2):  # one above the other, each as tall as it needs
            self.columns.setStretch(index, 1 if level else 0)
        self.controls.arrange(4 if level else 2)

    # -- a class's session on and off the page ---------------------------------------

    def enter(self, begun: Begun | None = None, resumed: Resumed | None = None,
              group: str = "", source: Path | None = None, screen: str | None = None,
              **_: Any) -> None:
        if begun is None and resumed is None:
            return
        self._detach()
        self.source = source
        store = self.shell.ops.store
        scenario = begun.scenario if begun is not None else resumed.session.scenario  # type: ignore[union-attr]
        uuid = begun.uuid if begun is not None else resumed.uuid  # type: ignore[union-attr]
        stored: PlaySession | None = resumed.session if resumed is not None else None
        settings = self.shell.settings  # type: ignore[attr-defined]
        driver = RoomDriver(store, uuid, scenario, group, stored,
                            settings.get("vote_seconds"), settings.get("talk_seconds"),
                            parent=self)
        for view in (self.preview, self.audience):
            view.begin(scenario)
            driver.event.connect(view.follow)
        driver.changed.connect(self.refresh)
        driver.ticked.connect(self._tick)
        driver.refused.connect(self._refused)
        driver.trouble.connect(self._trouble)
        self.driver = driver
        self._remaining = decisions_to_end(scenario)
        self.title.setText(tr("{0} — presenting to {1}").format(scenario.title, group))
        self.problem.hide()
        self.notice.hide()
        self.offer.hide()
        driver.start()
        self.stage = Stage(self.room_window, self, settings, self)
        self.stage.notice.connect(self._notice)
        self.stage.offered.connect(self.offer.offer)
        self.stage.open(screen)
        self.controls.set_single(self.stage.single)
        self.controls.first().setFocus()

    def leave(self) -> bool:
        """Every step is saved; leaving closes the room's view (the class can continue
        later under the same name)."""
        self._detach()
        self.shell.announce({ATTEMPTS})
        return True

    def _detach(self) -> None:
        if self.stage is not None:
            self.stage.close()
            self.stage.deleteLater()
            self.stage = None
        if self.driver is not None:
            self.driver.stop()
            self.driver.deleteLater()
            self.driver = None

    # -- acting --------------------------------------------------------------------

    def handle_key(self, event: QKeyEvent) -> bool:
        """A key of the room's, pressed in either window; True if it was one."""
        action = action_of(event)
        if action is None:
            return False
        self.act(*action)
        return True

    def act(self, action: str, option: int = 0) -> None:
        driver, stage = self.driver, self.stage
        if driver is None or stage is None or driver.room is None:
            return
        self.problem.hide()
        if action == "add" and driver.room.phase in REVEALED:
            action = "pick"  # once revealed, a digit breaks a tie
        if action == "switch":
            stage.switch()
        elif action == "escape":
            stage.leave_full_screen()
        elif action == "show" and stage.screen is not None:
            stage.put(stage.screen)
        elif action == "show":
            stage.switch()
        elif action == "leave":
            self.shell.go("library")
        else:
            self._do(driver, action, option)

    def _do(self, driver: RoomDriver, action: str, option: int) -> None:
        steps = {"add": lambda: driver.add_vote(option),
                 "remove": lambda: driver.remove_vote(option),
                 "pick": lambda: driver.pick(option),
                 "timer": driver.toggle_timer, "reveal": driver.reveal,
                 "next": driver.go_on, "back": driver.back}
        step = steps.get(action)
        if step is not None:
            step()

    def _move_to(self, screen: object) -> None:
        if self.stage is not None:
            self.stage.put(screen)  # type: ignore[arg-type]
            self.controls.set_single(False)
            self._notice(tr("The room's view is on “{0}”.").format(screen.name()))  # type: ignore[attr-defined]

    # -- showing ---------------------------------------------------------------------

    def refresh(self) -> None:
        driver = self.driver
        room = driver.room if driver is not None else None
        if driver is None or room is None:
            return
        now = driver.now()
        for view in (self.preview, self.audience):
            view.show_room(room, now)
        self.phase.setText(phase_words(room, now))
        node = room.session.node
        done = len(room.session.decisions)
        total = done + self._remaining.get(node.id, 0)
        self.progress.setText(tr("Decision {0} of about {1}").format(min(done + 1, total), total)
                              if room.phase != ENDED else tr("Conversation ended"))
        self.discussion.setText(node.discussion)
        self.discussion_box.setVisible(bool(node.discussion) and room.phase != ENDED)
        best = best_choices(node) if room.options else ()
        total = sum(room.tally)
        tied_pick = room.phase in REVEALED and room.tied
        for index, card in enumerate(self.cards):
            shown = index < len(room.options)
            card.setVisible(shown)
            if shown:
                choice = room.options[index]
                card.show_option(choice, room.tally[index], total, choice.id in best,
                                 after(room.session.scenario, choice, room.session.variables),
                                 room.phase in REVEALED and room.chosen == index)
                card.allow(room.phase in OPEN, tied_pick and index in room.leaders(),
                           room.tally[index])
        self.controls.follow(room)
        if room.phase == ENDED:
            self._show_debrief()

    def _show_debrief(self) -> None:
        from alongside.store.groups import room_decisions

        session = self.driver.session if self.driver is not None else None
        if session is None:
            return
        decisions = room_decisions(session.scenario, session.decisions, session.tallies)
        for view in (self.debrief, self.audience.debrief, self.preview.debrief):
            view.show_decisions(decisions)
        self.debrief.show()

    def _tick(self) -> None:
        driver = self.driver
        if driver is None or driver.room is None:
            return
        now = driver.now()
        for view in (self.preview, self.audience):
            view.show_clock(driver.room, now)
        self.phase.setText(phase_words(driver.room, now))

    def _refused(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()

    def _trouble(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def _notice(self, message: str) -> None:
        self.notice.setText(message)
        self.notice.show()
        self.shell.status(message)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's spelling
        if not self.handle_key(event):
            super().keyPressEvent(event)
