"""What the classroom says in words: the phase, the clock, the count, what comes next.

Each phase is announced in words on both screens (never only by colour), and
the same sentences are the accessible descriptions, so the two cannot drift.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from alongside.engine.classroom import (
    DISCUSS,
    DISTRIBUTION,
    ENDED,
    FEEDBACK,
    LETTERS,
    LOCKED,
    TALK,
    VOTE,
    Classroom,
)
from alongside.engine.model import DECISION, ENDING, Choice, Scenario
from alongside.engine.walk import follow
from alongside.ui.text import tr

PREVIEW = 140  # characters of the next line shown to the facilitator


def clock(seconds: float) -> str:
    """0:30, counting whole seconds up (the room never sees 0:00 while time is left)."""
    whole = math.ceil(max(0.0, seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def phase_words(room: Classroom, now: float) -> str:
    """The phase as the room reads it: "Discuss", "Voting — 0:30 left", "Votes locked"…"""
    phase, left = room.phase, room.remaining(now)
    if phase == DISCUSS:
        return tr("Discuss")
    if phase == TALK:
        return tr("Talk with the person next to you — {0} left").format(clock(left or 0))
    if phase == VOTE:
        if room.countdown is None:
            return tr("Voting — show of hands")
        if not room.countdown.running:
            return tr("Voting paused — {0} left").format(clock(left or 0))
        return tr("Voting — {0} left").format(clock(left or 0))
    if phase == LOCKED:
        return tr("Votes locked")
    if phase == DISTRIBUTION:
        return tr("How the room voted")
    if phase == FEEDBACK:
        chosen = room.chosen
        if chosen is None:
            return tr("The room's choice: a tie, for the facilitator to break")
        return tr("The room's choice: {0}").format(LETTERS[chosen])
    if phase == ENDED:
        return tr("The conversation has ended")
    return phase


def count_words(votes: int, total: int) -> str:
    """"5 votes, 42%"; "no votes"."""
    if votes == 0:
        return tr("no votes")
    share = round(100 * votes / total) if total else 0
    return tr("%n vote(s)", votes) + tr(", {0}%").format(share)


def after(scenario: Scenario, choice: Choice, variables: Mapping[str, int]) -> str:
    """What follows `choice` from these variable values: the next line heard, and where
    play stops next (a decision, or the ending)."""
    changed = dict(variables)
    for name, delta in choice.effects.items():
        changed[name] = scenario.variables[name].clamp(changed[name] + delta)
    path = follow(scenario, choice.next, changed)
    spoken = next((scenario.nodes[n] for n in path if scenario.nodes[n].text), None)
    heard = ""
    if spoken is not None:
        who = scenario.characters.get(spoken.speaker) if spoken.speaker else None
        line = _short(spoken.text)
        heard = tr("{0}: “{1}”").format(who.name, line) if who else line
    stop = scenario.nodes[path[-1]]
    if stop.kind == ENDING:
        ends = tr("then the conversation ends ({0} ending)").format(stop.ending)
        return f"{heard} — {ends}" if heard else ends
    if stop.kind == DECISION and stop.id != (spoken.id if spoken else None):
        return f"{heard} — {tr('then another decision')}" if heard else tr("another decision")
    return heard


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= PREVIEW else text[:PREVIEW - 1].rstrip() + "…"
