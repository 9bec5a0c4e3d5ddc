"""What each way of playing allows: one policy object per mode, enforced by the session.

Practice, assessment and group play differ only in their rules, so the rules
live here as data. `PlaySession` enforces them (going back in an assessment
is refused by the session itself, so the command line and every window obey
alike), the store records the mode's id, and screens read the policy rather
than compare mode names.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Policy:
    """The rules of one mode.

    - `live_feedback`: each choice's feedback and marks are shown as soon as it
      is made (otherwise they wait for the debrief, or for the facilitator's cue).
    - `may_go_back`: the last decision may be taken back and made again.
    - `counts_towards_certification`: a passed attempt counts for readiness.
    - `records_votes`: each decision carries the room's tally.
    """

    id: str
    live_feedback: bool
    may_go_back: bool
    counts_towards_certification: bool
    records_votes: bool


PRACTICE = Policy("practice", live_feedback=True, may_go_back=True,
                  counts_towards_certification=False, records_votes=False)
ASSESSMENT = Policy("assessment", live_feedback=False, may_go_back=False,
                    counts_towards_certification=True, records_votes=False)
GROUP = Policy("group", live_feedback=False, may_go_back=True,
               counts_towards_certification=False, records_votes=True)

POLICIES: dict[str, Policy] = {p.id: p for p in (PRACTICE, ASSESSMENT, GROUP)}
MODES = tuple(POLICIES)
# The modes one trainee chooses between alone (group play is the classroom's).
SOLO_MODES = (PRACTICE.id, ASSESSMENT.id)


class UnknownMode(ValueError):
    def __init__(self, mode: object) -> None:
        super().__init__(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.mode = mode


def policy_for(mode: str) -> Policy:
    """The policy of the mode called `mode` (a stored or typed id)."""
    try:
        return POLICIES[mode]
    except (KeyError, TypeError):
        raise UnknownMode(mode) from None
