"""The one seam between a play session and Qt (qutebrowser's message bridge).

The session calls its listeners with plain dataclasses; `SessionBridge` is
such a listener and re-emits each event on one signal, so the session never
knows Qt and the play page never knows the session's internals.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from alongside.engine.events import Event


class SessionBridge(QObject):
    """Emits `event(obj)` for every `StepShown`, `ChoiceScored`, `ReplyChecked`,
    `WentBack` and `AttemptEnded` the session produces."""

    event = Signal(object)

    def __call__(self, event: Event) -> None:
        self.event.emit(event)
