"""What a play session tells its listeners, as plain data.

The GUI turns these into Qt signals through one bridge object; the CLI prints
them; the store records them. The session itself knows none of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StepShown:
    """A node was entered and is now on screen (branch nodes included)."""

    node: str
    kind: str
    speaker: str | None
    mood: str | None
    text: str
    choices: tuple[tuple[str, str], ...]
    variables: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class ChoiceScored:
    """The trainee (or the class) took `choice` at `node`; `scores` are the raw -2..+2
    marks; `votes` is the room's count for each choice id, where the mode keeps one."""

    node: str
    choice: str
    scores: Mapping[str, int]
    feedback: str
    critical: str | None
    effects: Mapping[str, int]
    sequence: int
    votes: Mapping[str, int] | None = None  # the room's tally, in group play


@dataclass(frozen=True, slots=True)
class AttemptEnded:
    """An ending node was reached."""

    node: str
    ending: str
    debrief: str


@dataclass(frozen=True, slots=True)
class ReplyChecked:
    """The trainee wrote `text` in their own words at `node`; `findings` come from
    the language checker the session was given (empty without one)."""

    node: str
    text: str
    findings: tuple


@dataclass(frozen=True, slots=True)
class WentBack:
    """Practice mode: the last decision at `node` was taken back; play resumes there."""

    node: str
    choice: str


Event = StepShown | ChoiceScored | AttemptEnded | ReplyChecked | WentBack
