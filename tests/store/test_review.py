"""Reading an attempt as it happened, filing comments where the debrief shows them, and a
trainee's desk record, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from alongside.engine.load import load_text
from alongside.engine.session import PlaySession
from alongside.store.attempts import AttemptError, Recorder, start_attempt
from alongside.store.cohorts import add_trainees
from alongside.store.comments import add_comment
from alongside.store.db import open_store
from alongside.store.models import ScenarioVersion, Trainee
from alongside.store.record import trainee_record
from alongside.store.review import placed_comments, read_attempt
from tests.store import desk_rows as rows


def _with_going_back(store) -> str:
    """A practice attempt: poor at d1, taken back, then good and ask."""
    scenario = load_text(rows.DESK_ONE, "desk-one.yaml", stem="desk-one").scenario
    uuid = start_attempt(store, scenario, rows.DESK_ONE, "Ana Ruiz", "practice")
    session = PlaySession(scenario)
    session.listeners.append(Recorder(store, uuid, session))
    session.start()
    for step in ("poor", None, "good", "ask"):
        session.back() if step is None else session.choose(step)
    return uuid


@pytest.fixture
def desk(store, tmp_path):
    laptop = open_store(tmp_path / "laptop.db")
    ids = {"back": _with_going_back(laptop),
           "critical": rows.play(laptop, "Ana Ruiz", ["promise", "tell"])}
    rows.bring(store, laptop, "Ana Ruiz")
    laptop.close()
    return store, ids


def test_an_attempt_reads_step_by_step_with_going_back(desk):
    store, ids = desk
    reading = read_attempt(store, ids["back"])
    kinds = [(s.kind, s.choice, s.taken_back) for s in reading.steps]
    assert kinds == [("choice", "poor", True), ("back", "poor", False),
                     ("choice", "good", False), ("choice", "ask", False)]
    assert [line.text for line in reading.steps[2].seen] == ["Can you keep a secret?"]
    assert reading.steps[1].choice_text == "Depends what it is, I guess."
    assert [line.text for line in reading.after] == ["Ana nods."]
    assert all(s.seconds >= 0 for s in reading.steps)
    assert reading.short_hash == reading.attempt.content_hash[:12]


def test_marks_and_the_critical_reason_come_with_each_choice(desk):
    store, ids = desk
    first, second = read_attempt(store, ids["critical"]).steps
    assert first.critical == "Promised absolute secrecy"
    assert [(m.dimension, m.mark, m.quality) for m in second.marks] == [
        ("language", 0, 0.0), ("decision", -2, 0.0), ("role", -1, 0.0)]
    assert second.seen[0].speaker == "Ana"


def test_comments_are_filed_beside_the_decision_that_stands(desk):
    store, ids = desk
    add_comment(store, ids["back"], "Dee Park", "On the whole attempt.")
    add_comment(store, ids["back"], "Dee Park", "On the poor choice.", step=1)
    add_comment(store, ids["back"], "Dee Park", "On asking.", step=4)
    placed = placed_comments(store, ids["back"])
    assert [c.text for c in placed.attempt] == ["On the whole attempt."]
    assert [c.text for c in placed.taken_back] == ["On the poor choice."]
    assert {n: [c.text for c in cs] for n, cs in placed.decisions.items()} == {
        1: ["On asking."]}
    assert not placed_comments(store, ids["critical"])


def test_an_unknown_attempt_is_refused_by_name(desk):
    store, _ids = desk
    with pytest.raises(AttemptError, match="no attempt"):
        read_attempt(store, "00000000-0000-4000-8000-000000000000")


def test_a_trainee_record_holds_readiness_attempts_and_no_one_elses(desk, tmp_path):
    store, ids = desk
    rows.cohort(store, tmp_path, "Spring class", ["desk-one"])
    add_trainees(store, "Spring class", ["Ana Ruiz"])
    with store.session() as db:
        other = rows.trainee(db, "Ana Ruiz")
        rows.attempt(db, other, db.scalar(select(ScenarioVersion)))
        first_id = other.uuid
        db.commit()
    record = trainee_record(store, first_id[:8])
    assert record.uuid == first_id and record.readiness is None and record.cohorts == ()
    assert len(record.attempts) == 1
    with store.session() as db:
        mine = db.scalar(select(Trainee.uuid).where(Trainee.uuid != first_id, ~Trainee.local))
    record = trainee_record(store, mine)
    assert {a.uuid for a in record.attempts} == set(ids.values())
    assert record.cohorts == ("Spring class",)
    assert record.readiness is not None and record.readiness.cohort == "Spring class"
    assert [c.status for c in record.readiness.cells] == ["failed"]
    assert record.readiness.cells[0].critical
    assert record.title("desk-one") == "Desk one"


def test_a_reply_in_own_words_is_read_with_its_language_findings(store):
    from alongside.scoring import language

    text = rows.DESK_ONE.replace(
        "    text: Can you keep a secret?\n",
        "    text: Can you keep a secret?\n"
        "    free_text: {prompt: What would you say to Ana in your own words?}\n")
    scenario = load_text(text, "desk-one.yaml", stem="desk-one").scenario
    uuid = start_attempt(store, scenario, text, "Ana Ruiz", "practice")
    session = PlaySession(scenario, checker=language.flags)
    session.listeners.append(Recorder(store, uuid, session))
    session.start()
    session.say("I won't judge you like an addict.")
    session.choose("good")
    reply, choice = read_attempt(store, uuid).steps[:2]
    assert reply.kind == "reply" and reply.reply == "I won't judge you like an addict."
    assert [f.text for f in reply.findings] == ["addict"]
    assert reply.findings[0].suggestions
    assert [line.text for line in reply.seen] == ["Can you keep a secret?"]
    assert choice.seen == (), "the node was shown once, before the reply"
    add_comment(store, uuid, "Dee Park", "Good that you reached for your own words.", step=1)
    assert list(placed_comments(store, uuid).decisions) == [0], "beside the choice after it"
