"""A class deciding together: the rhythm of one decision, as rules without a screen.

A facilitator plays a scenario with a room. At each decision the class
discusses; the facilitator counts a show of hands or runs a timed vote
(optionally after a short talk in pairs), which locks at zero; reveals how the
room voted, then the feedback; and goes on with the option the class chose —
the most votes, or the facilitator's pick among those tied. Going back takes
the last decision back, as the group policy allows.

`Classroom` holds these rules over a group `PlaySession`; the tally goes to
the session with the choice (`PlaySession.choose(votes=...)`), so the store
records it as any step. Time is passed in (`now`, seconds from any monotonic
clock), so the rules are tested without waiting and the screens drive them
with their own timer.
"""

from __future__ import annotations

from dataclasses import dataclass

from alongside.engine.model import Choice
from alongside.engine.session import PlaySession

DISCUSS, TALK, VOTE, LOCKED, DISTRIBUTION, FEEDBACK, ENDED = (
    "discuss", "talk", "vote", "locked", "distribution", "feedback", "ended")
PHASES = (DISCUSS, TALK, VOTE, LOCKED, DISTRIBUTION, FEEDBACK, ENDED)
OPEN = (DISCUSS, TALK, VOTE)  # votes may still be entered
REVEALED = (DISTRIBUTION, FEEDBACK)  # the room has seen the tally
VOTE_SECONDS = 30
LETTERS = "ABCD"


class ClassroomError(ValueError):
    """A step the rhythm does not allow now; the message says what to do instead."""


@dataclass(slots=True)
class Countdown:
    """Seconds left on a clock that can be paused; `now` comes from the caller."""

    seconds: float
    left: float
    since: float | None = None  # when it was last started, while it runs

    @property
    def running(self) -> bool:
        return self.since is not None

    def start(self, now: float) -> None:
        if self.since is None:
            self.since = now

    def pause(self, now: float) -> None:
        self.left = self.remaining(now)
        self.since = None

    def remaining(self, now: float) -> float:
        if self.since is None:
            return self.left
        return max(0.0, self.left - (now - self.since))


class Classroom:
    """One class's walk through a group session, a decision at a time.

    `phase` is one of `PHASES`; `tally` counts the votes for each option
    offered now, in order (A, B, C, D); `countdown` is the talk or vote clock
    when one was started. Every method that changes something raises
    `ClassroomError` when the rhythm does not allow it, and changes nothing.
    """

    def __init__(self, session: PlaySession, vote_seconds: float = VOTE_SECONDS,
                 talk_seconds: float = 0) -> None:
        if not session.policy.records_votes:
            raise ClassroomError(f"a class plays in group mode, not {session.policy.id}")
        self.session = session
        self.vote_seconds = vote_seconds
        self.talk_seconds = talk_seconds
        self.phase = DISCUSS
        self.tally: list[int] = []
        self.countdown: Countdown | None = None
        self.picked: int | None = None
        self._fresh()

    # -- what is on now -----------------------------------------------------------

    @property
    def options(self) -> tuple[Choice, ...]:
        return self.session.offered()

    def leaders(self) -> tuple[int, ...]:
        """The options (0-based) with the most votes; all of them before any vote."""
        top = max(self.tally, default=0)
        return tuple(i for i, n in enumerate(self.tally) if n == top)

    @property
    def chosen(self) -> int | None:
        """The option the class chose: the most votes, or the facilitator's pick among
        those tied; None while a tie is unbroken."""
        leaders = self.leaders()
        if len(leaders) == 1:
            return leaders[0]
        return self.picked if self.picked in leaders else None

    @property
    def tied(self) -> bool:
        return len(self.leaders()) > 1

    def remaining(self, now: float) -> float | None:
        return None if self.countdown is None else self.countdown.remaining(now)

    # -- votes ----------------------------------------------------------------------

    def add_vote(self, option: int, now: float = 0.0) -> None:
        """One more vote for `option` (0-based); the first vote opens voting."""
        self._votable(option)
        if self.phase in (DISCUSS, TALK):
            self._open_voting(now, timed=self.phase == TALK)
        self.tally[option] += 1
        self.picked = None

    def remove_vote(self, option: int) -> None:
        """One vote fewer for `option`, as a show of hands is corrected."""
        self._votable(option)
        if self.tally[option] == 0:
            raise ClassroomError(f"{LETTERS[option]} has no votes to take away")
        self.tally[option] -= 1
        self.picked = None

    def _votable(self, option: int) -> None:
        if self.phase not in OPEN:
            raise ClassroomError(self._closed())
        if not 0 <= option < len(self.tally):
            raise ClassroomError(f"there is no option {_letter(option)} at this decision "
                                 f"(options {LETTERS[0]}–{LETTERS[len(self.tally) - 1]})")

    def _closed(self) -> str:
        if self.phase == ENDED:
            return "the scenario has ended"
        if self.phase == LOCKED:
            return "the votes are locked: reveal them"
        return "the votes have been revealed: go on, or go back"

    # -- the clock ------------------------------------------------------------------

    def toggle_timer(self, now: float) -> None:
        """Start a timed vote (after the talk, if there is one), or pause or resume it."""
        if self.phase not in OPEN:
            raise ClassroomError(self._closed())
        if self.countdown is not None:
            if self.countdown.running:
                self.countdown.pause(now)
            else:
                self.countdown.start(now)
            return
        if self.phase == DISCUSS and self.talk_seconds > 0:
            self.phase = TALK
            self.countdown = Countdown(self.talk_seconds, self.talk_seconds, now)
        else:
            self._open_voting(now, timed=True)

    def _open_voting(self, now: float, timed: bool) -> None:
        self.phase = VOTE
        self.countdown = Countdown(self.vote_seconds, self.vote_seconds, now) if timed else None

    def tick(self, now: float) -> bool:
        """Follow the clock: the talk gives way to the vote, and the vote locks at zero.
        True if the phase changed."""
        clock = self.countdown
        if clock is None or not clock.running or clock.remaining(now) > 0:
            return False
        if self.phase == TALK:
            ended = (now if clock.since is None else clock.since) + clock.left  # talk over
            self._open_voting(ended, timed=True)
            self.tick(now)
        elif self.phase == VOTE:
            clock.pause(now)
            self.phase = LOCKED
        return True

    # -- reveal, pick, go on, go back -----------------------------------------------

    def reveal(self, now: float = 0.0) -> str:
        """How the room voted first, then the feedback; returns the new phase."""
        if self.phase == ENDED:
            raise ClassroomError(self._closed())
        if self.phase == FEEDBACK:
            raise ClassroomError("everything is revealed: go on with the room's choice")
        if self.countdown is not None and self.countdown.running:
            self.countdown.pause(now)
        self.phase = FEEDBACK if self.phase == DISTRIBUTION else DISTRIBUTION
        return self.phase

    def pick(self, option: int) -> None:
        """The facilitator's pick among the options tied for the most votes."""
        leaders = self.leaders()
        if option not in leaders:
            raise ClassroomError(f"{_letter(option)} is not among the options with the most "
                                 f"votes ({_letters(leaders)})")
        self.picked = option

    def next(self) -> Choice:
        """Go on with the room's choice, its tally recorded with it."""
        if self.phase not in REVEALED:
            raise ClassroomError("reveal how the room voted before going on")
        chosen = self.chosen
        if chosen is None:
            raise ClassroomError(f"{_letters(self.leaders())} are tied with "
                                 f"{max(self.tally)} votes each: pick one to go on with")
        options = self.options
        votes = {choice.id: n for choice, n in zip(options, self.tally, strict=True)}
        choice = self.session.choose(options[chosen].id, votes=votes)
        self._fresh()
        return choice

    def back(self) -> str:
        """Take back the last decision and discuss it again, with a fresh count (the one
        taken back stays in the record). Once the scenario has ended, it stands, as on
        the play page: the attempt is finished and scored."""
        if self.phase == ENDED:
            raise ClassroomError("the scenario has ended: its decisions stand")
        node = self.session.back()
        self._fresh()
        return node

    def _fresh(self) -> None:
        self.phase = ENDED if self.session.ended else DISCUSS
        self.tally = [0] * len(self.options)
        self.countdown = None
        self.picked = None


def _letter(option: int) -> str:
    return LETTERS[option] if 0 <= option < len(LETTERS) else str(option + 1)


def _letters(options: tuple[int, ...]) -> str:
    names = [_letter(i) for i in options]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
