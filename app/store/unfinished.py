"""The attempt a trainee left unfinished, and where it stopped: what the app offers first.

A trainee who closed the app mid-assessment should not have to remember
which scenario it was, find it in the library and notice a second button.
`waiting` finds the in-progress attempt they worked on last and says where it
stands in the same words the play page uses ("decision 4 of about 7"), by
replaying its steps on its stored version; nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from alongside.scoring.attempt import decisions_to_end
from alongside.store.attempts import AttemptError, replayed
from alongside.store.db import Store
from alongside.store.models import Attempt, Step, Trainee
from alongside.store.profiles import name_key

LOOKED_AT = 5  # unfinished attempts tried, newest first, past any that cannot be replayed


@dataclass(frozen=True, slots=True)
class Waiting:
    """An attempt in progress: `decision` is the one it stopped before (from 1), of
    about `total`, counted as the library and the play page count them."""

    attempt: str
    scenario_id: str
    title: str
    mode: str
    decision: int
    total: int


def waiting(store: Store, trainee: str) -> Waiting | None:
    """The profile's in-progress attempt with the latest step, if any can be replayed."""
    latest = func.coalesce(func.max(Step.at), Attempt.started_at)
    with store.session() as db:
        uuids = list(db.scalars(
            select(Attempt.uuid).join(Attempt.trainee)
            .outerjoin(Step, Step.attempt_id == Attempt.id)
            .where(Trainee.name_key == name_key(trainee), Trainee.local,
                   Attempt.status == "in-progress")
            .group_by(Attempt.id, Attempt.uuid, Attempt.started_at)
            .order_by(latest.desc(), Attempt.id.desc()).limit(LOOKED_AT)))
    for uuid in uuids:
        try:
            _attempt, session = replayed(store, uuid)
        except AttemptError:
            continue
        scenario, ended, done = session.scenario, session.ended, len(session.decisions)
        state, mode = session.state, session.policy.id
        session.close()
        if ended:  # its last choice was saved as the app stopped: resuming only finishes it
            continue
        return Waiting(uuid, scenario.id, scenario.title, mode, done + 1,
                       done + decisions_to_end(scenario).get(state, 0))
    return None
