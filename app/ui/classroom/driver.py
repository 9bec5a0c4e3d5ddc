"""The class's session in the window: the rules, the clock, and each step committed.

`RoomDriver` holds a group `PlaySession` under the engine's `Classroom` rules,
and commits every step with the store's `Recorder` (placed before the
bridge, as on the play page, so a choice is on disk before either screen
shows what follows). A timer follows the vote's clock while one runs. Both
screens listen to the same driver: `event(obj)` carries the session's events
(for the two conversations), `changed()` follows every action, `ticked()`
every second of the clock, `refused(message)` says why an action was not
taken, and `trouble(message)` why steps wait to be saved ("" once saved).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from alongside.engine.classroom import VOTE_SECONDS, Classroom
from alongside.engine.model import Scenario
from alongside.engine.policy import GROUP
from alongside.engine.session import PlaySession
from alongside.store.errors import Refused
from alongside.ui.bridge import SessionBridge
from alongside.ui.text import tr

if TYPE_CHECKING:
    from alongside.store.attempts import Recorder
    from alongside.store.db import Store

TICK_MS = 200  # the clock is read five times a second: the room sees each second change
RETRY_MS = 3000


class RoomDriver(QObject):
    """Connect to `event` before `start()`, which replays what was stored."""

    event = Signal(object)
    changed = Signal()
    ticked = Signal()
    refused = Signal(str)
    trouble = Signal(str)

    def __init__(self, store: Store, uuid: str, scenario: Scenario, group: str,
                 stored: PlaySession | None = None, vote_seconds: float = VOTE_SECONDS,
                 talk_seconds: float = 0, clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store, self.uuid, self.group = store, uuid, group
        self.clock = clock
        self.session = PlaySession(scenario, policy=GROUP)
        self.bridge = SessionBridge(self)
        self.bridge.event.connect(self.event)
        self.session.listeners.append(self.bridge)
        self._stored = stored
        self._seconds = (vote_seconds, talk_seconds)
        self.room: Classroom | None = None
        self.recorder: Recorder | None = None
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._retrying = QTimer(self)
        self._retrying.setInterval(RETRY_MS)
        self._retrying.timeout.connect(self._retry)

    def start(self) -> Classroom:
        """Show the scenario from its start, replay the stored decisions with their
        tallies (in memory only), then record what the class does from here."""
        from alongside.store.attempts import Recorder

        session = self.session
        session.start()
        if self._stored is not None:
            for (_node, choice), votes in zip(self._stored.decisions, self._stored.tallies,
                                              strict=True):
                session.choose(choice, votes)
            self._stored.close()
            self._stored = None
        self.recorder = Recorder(self.store, self.uuid, session, on_trouble=self._saving)
        session.listeners.insert(0, self.recorder)
        self.room = Classroom(session, *self._seconds)
        self.changed.emit()
        return self.room

    def stop(self) -> None:
        """Let go of the session (every step is already saved) and stop the clocks."""
        self._ticker.stop()
        self._retrying.stop()
        self.session.close()

    def now(self) -> float:
        return self.clock()

    # -- what the facilitator does ------------------------------------------------

    def add_vote(self, option: int) -> bool:
        return self._act(lambda room: room.add_vote(option, self.now()))

    def remove_vote(self, option: int) -> bool:
        return self._act(lambda room: room.remove_vote(option))

    def toggle_timer(self) -> bool:
        return self._act(lambda room: room.toggle_timer(self.now()))

    def reveal(self) -> bool:
        return self._act(lambda room: room.reveal(self.now()))

    def pick(self, option: int) -> bool:
        return self._act(lambda room: room.pick(option))

    def go_on(self) -> bool:
        return self._act(lambda room: room.next())

    def back(self) -> bool:
        return self._act(lambda room: room.back())

    def _act(self, action: Callable[[Classroom], object]) -> bool:
        """Do `action`; a step the rhythm or the store refuses changes nothing and says
        why. True if it was done."""
        from sqlalchemy.exc import SQLAlchemyError  # loaded already: the store is open

        room = self.room
        if room is None:
            return False
        try:
            action(room)
        except (ValueError, Refused, SQLAlchemyError, OSError) as exc:
            self.refused.emit(_sentence(str(exc)))
            return False
        self._follow_clock()
        self.changed.emit()
        return True

    # -- the clock and the store ----------------------------------------------------

    def _follow_clock(self) -> None:
        room = self.room
        running = room is not None and room.countdown is not None and room.countdown.running
        if running and not self._ticker.isActive():
            self._ticker.start()
        elif not running:
            self._ticker.stop()

    def _tick(self) -> None:
        room = self.room
        if room is None:
            return
        if room.tick(self.now()):
            self._follow_clock()
            self.changed.emit()
        else:
            self.ticked.emit()

    def _saving(self, why: str | None) -> None:
        if why is None:
            self._retrying.stop()
            self.trouble.emit("")
            return
        self.trouble.emit(tr("The class's choices cannot be saved right now: {0}. Alongside "
                             "keeps them and tries again every few seconds.").format(why))
        self._retrying.start()

    def _retry(self) -> None:
        if self.recorder is not None:
            self.recorder.retry()


def _sentence(message: str) -> str:
    """A refusal as the facilitator reads it: a capital first and a full stop."""
    message = message.strip()
    if not message:
        return message
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."
