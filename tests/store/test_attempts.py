"""Recording, resuming and listing attempts (on SQLite, and PostgreSQL when available)."""

from __future__ import annotations

import pytest

from alongside.engine.load import load_text
from alongside.engine.session import PlaySession
from alongside.scoring import language
from alongside.store.attempts import (
    AttemptError,
    Recorder,
    newest_in_progress,
    resume,
    start_attempt,
)
from alongside.store.history import history
from alongside.store.models import Attempt, Step
from tests.engine.scenarios import TWO_DECISIONS

INVITED = TWO_DECISIONS.replace(
    "    text: I don't know what to do.\n",
    "    text: I don't know what to do.\n    free_text: {prompt: What would you say?}\n")


def _begin(store, text=INVITED, trainee="Ana Ruiz", mode="practice"):
    scenario = load_text(text, "two.yaml", stem="two").scenario
    uuid = start_attempt(store, scenario, text, trainee, mode)
    session = PlaySession(scenario, checker=language.flags)
    session.listeners.append(Recorder(store, uuid, session))
    return uuid, session.start()


def _steps(store, uuid):
    with store.session() as db:
        attempt = db.query(Attempt).filter_by(uuid=uuid).one()
        return [(s.seq, s.kind, s.node, s.choice, s.text) for s in attempt.steps]


def test_each_step_is_committed_as_it_happens(store):
    uuid, session = _begin(store)
    session.say("He is an addict.")
    assert _steps(store, uuid) == [(1, "reply", "d1", None, "He is an addict.")]
    session.choose("b")
    session.back()
    session.choose("a")
    assert _steps(store, uuid) == [
        (1, "reply", "d1", None, "He is an addict."),
        (2, "choice", "d1", "b", None),
        (3, "back", "d1", "b", None),
        (4, "choice", "d1", "a", None),
    ]
    with store.session() as db:
        reply = db.query(Step).filter_by(kind="reply").one()
        assert reply.findings[0]["text"] == "addict"


def test_finishing_stores_the_scores_of_the_decisions_that_stand(store):
    uuid, session = _begin(store)
    session.choose("a")
    session.back()
    session.replay(["b", "y"])
    [row] = history(store, "Ana Ruiz").attempts
    assert row.status == "finished" and row.ending == "mixed"
    assert row.scores == {"language": 0.5, "decision": 0.5, "role": 0.0}
    assert row.critical == 1 and row.passed is False


def test_resume_lands_on_the_same_node_with_the_same_variables(store):
    uuid, session = _begin(store)
    session.say("What would help?")
    session.choose("a")
    expected = (session.state, dict(session.variables), list(session.decisions))
    session.close()
    assert newest_in_progress(store, "Ana Ruiz", "two") == uuid
    resumed = resume(store, uuid)
    again = resumed.session
    assert (again.state, again.variables, again.decisions) == expected
    assert resumed.notice is None
    assert [r.text for r in again.replies] == ["What would help?"]


def test_resume_continues_on_the_stored_version_and_says_so(store, tmp_path):
    uuid, session = _begin(store)
    session.choose("b")
    edited = tmp_path / "two.yaml"
    edited.write_text(INVITED.replace("title: Two decisions", "title: Two decisions, edited"))
    resumed = resume(store, uuid, edited)
    assert "has changed since this attempt began" in resumed.notice
    assert resumed.session.scenario.title == "Two decisions"


def test_resume_finishes_an_attempt_whose_last_choice_was_committed(store):
    uuid, session = _begin(store)
    session.choose("b")
    session.listeners.clear()  # the process stops right after the last commit
    recorder = Recorder(store, uuid, session)
    session.listeners.append(lambda e: recorder(e) if type(e).__name__ == "ChoiceScored"
                             else None)
    session.choose("x")
    resume(store, uuid)
    [row] = history(store).attempts
    assert row.status == "finished" and row.ending == "mixed"


def test_unknown_mode_and_empty_names_are_refused(store):
    scenario = load_text(INVITED, "two.yaml", stem="two").scenario
    with pytest.raises(AttemptError, match="mode must be one of"):
        start_attempt(store, scenario, INVITED, "Ana", "solo")
    with pytest.raises(AttemptError, match="name cannot be empty"):
        start_attempt(store, scenario, INVITED, "   ")


def test_same_text_shares_one_version(store):
    _begin(store)
    _begin(store, trainee="Ben Okafor")
    with store.session() as db:
        versions = {a.scenario_version_id for a in db.query(Attempt)}
    assert len(versions) == 1


def _read_only(store):
    """The same progress file, opened so that every write fails as a read-only file's would."""
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///file:{store.path}?mode=ro&uri=true")

    @event.listens_for(engine, "connect")
    def autocommit(dbapi_connection, _record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def immediate(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def test_a_step_the_file_refuses_is_kept_and_written_once_it_can_be(store):
    if not store.is_sqlite:
        pytest.skip("a read-only connection is SQLite's")
    troubles = []
    uuid, session = _begin(store)
    recorder = session.listeners[0]
    recorder.on_trouble = troubles.append
    writable = store.engine
    store.engine = _read_only(store)
    session.choose("b")
    assert session.state == "d2" and recorder.unsaved == 1
    assert troubles == ["the progress file is read-only"]
    session.choose("x")  # the ending waits too
    assert recorder.unsaved == 3 and _steps(store, uuid) == []
    assert not recorder.retry()
    store.engine = writable
    assert recorder.retry() and recorder.unsaved == 0 and troubles[-1] is None
    assert [s[:4] for s in _steps(store, uuid)] == [(1, "choice", "d1", "b"),
                                                    (2, "choice", "d2", "x")]
    assert history(store).attempts[0].status == "finished"
