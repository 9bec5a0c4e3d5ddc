"""Group attempts: the class's name, each decision's tally with the choice, resume after a
kill at the same decision, scores as any attempt, and the room's split in the debrief."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from alongside.engine.classroom import Classroom
from alongside.engine.load import load_text
from alongside.engine.policy import GROUP
from alongside.engine.session import PlaySession
from alongside.store.attempts import AttemptError, Recorder, resume
from alongside.store.db import open_store
from alongside.store.groups import group_debrief, group_in_progress, start_group_attempt
from alongside.store.history import history
from alongside.store.models import Attempt
from tests.conftest import ROOT
from tests.engine.scenarios import TWO_DECISIONS


def _room(store, group="Tuesday cohort"):
    scenario = load_text(TWO_DECISIONS, "two.yaml", stem="two").scenario
    uuid = start_group_attempt(store, scenario, TWO_DECISIONS, group)
    session = PlaySession(scenario, policy=GROUP)
    session.listeners.append(Recorder(store, uuid, session))
    return uuid, Classroom(session.start())


def _decide(room, *votes, pick=None):
    for option in votes:
        room.add_vote(option)
    room.reveal()
    room.reveal()
    if pick is not None:
        room.pick(pick)
    return room.next()


def _rows(store, uuid):
    with store.session() as db:
        attempt = db.query(Attempt).filter_by(uuid=uuid).one()
        return attempt, [(s.kind, s.node, s.choice, s.votes) for s in attempt.steps]


def test_each_decision_is_committed_with_the_rooms_tally(store):
    uuid, room = _room(store)
    _decide(room, 1, 1, 0)
    attempt, steps = _rows(store, uuid)
    assert attempt.group_name == "Tuesday cohort" and attempt.trainee_id is None
    assert attempt.mode == "group" and attempt.status == "in-progress"
    assert steps == [("choice", "d1", "b", {"a": 1, "b": 2, "c": 0})]
    room.back()
    _decide(room, 0, 2, pick=2)
    _attempt, steps = _rows(store, uuid)
    assert steps[1:] == [("back", "d1", "b", None),
                         ("choice", "d1", "c", {"a": 1, "b": 0, "c": 1})]


def test_a_finished_group_attempt_is_scored_like_any_attempt(store):
    uuid, room = _room(store)
    _decide(room, 1, 1, 0)   # b
    _decide(room, 1, 1, 0)   # y: critical
    attempt, _steps = _rows(store, uuid)
    assert attempt.status == "finished" and attempt.ending == "mixed"
    assert (attempt.score_language, attempt.score_decision, attempt.score_role) == (0.5, 0.5, 0.0)
    assert attempt.critical_count == 1 and attempt.passed is False
    assert history(store, "Tuesday cohort").attempts == []  # a group is not a trainee


def test_the_group_is_found_again_by_its_name(store):
    uuid, room = _room(store, "Tuesday  Cohort ")
    assert group_in_progress(store, "tuesday cohort", "two") == uuid
    assert group_in_progress(store, "Wednesday", "two") is None
    assert group_in_progress(store, "Tuesday cohort", "other") is None
    with pytest.raises(AttemptError, match="a group's name cannot be empty"):
        start_group_attempt(store, room.session.scenario, TWO_DECISIONS, "   ")
    with pytest.raises(AttemptError, match="control character"):
        group_in_progress(store, "Tuesday\u202e", "two")


def test_the_debrief_shows_how_the_room_split_and_the_best_response(store):
    uuid, room = _room(store)
    _decide(room, 0, 1, 1, 1)
    _decide(room, 0, 0, 1)
    debrief = group_debrief(store, uuid)
    assert debrief.group == "Tuesday cohort" and debrief.ended
    first, second = debrief.decisions
    assert [(o.letter, o.votes, o.taken, o.best) for o in first.options] == [
        ("A", 1, False, False), ("B", 3, True, True), ("C", 0, False, False)]
    assert first.voters == 4 and first.best == ("B",) and first.best_feedback == ("fb",)
    assert [(o.votes, o.taken, o.best) for o in second.options] == [(2, True, True),
                                                                    (1, False, False)]


CHILD = textwrap.dedent("""
    import sys, time
    from alongside.engine.classroom import Classroom
    from alongside.engine.load import load_text
    from alongside.engine.policy import GROUP
    from alongside.engine.session import PlaySession
    from alongside.store.attempts import Recorder
    from alongside.store.db import open_store
    from alongside.store.groups import start_group_attempt
    from tests.engine.scenarios import TWO_DECISIONS

    store = open_store(sys.argv[1])
    scenario = load_text(TWO_DECISIONS, "two.yaml", stem="two").scenario
    uuid = start_group_attempt(store, scenario, TWO_DECISIONS, "Tuesday cohort")
    session = PlaySession(scenario, policy=GROUP)
    session.listeners.append(Recorder(store, uuid, session))
    room = Classroom(session.start())
    for option in (0, 0, 1):
        room.add_vote(option)
    room.reveal()
    room.next()
    room.add_vote(1)  # the next decision's count, not yet committed
    print(uuid, flush=True)
    time.sleep(60)
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_a_killed_session_resumes_at_the_same_decision_with_its_tallies(store_target):
    if "://" in store_target:
        pytest.skip("the child opens a SQLite file")
    child = subprocess.Popen([sys.executable, "-c", CHILD, store_target], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        uuid = child.stdout.readline().strip()
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        child.stdout.close()
        if child.poll() is None:
            child.kill()
    store = open_store(store_target)
    try:
        assert group_in_progress(store, "Tuesday cohort", "two") == uuid
        resumed = resume(store, uuid)
        session = resumed.session
        assert resumed.policy is GROUP and session.state == "d2"
        assert session.decisions == [("d1", "a")]
        assert session.tallies == [{"a": 2, "b": 1, "c": 0}]
        room = Classroom(session)
        assert room.phase == "discuss" and room.tally == [0, 0]
        session.close()
    finally:
        store.close()
