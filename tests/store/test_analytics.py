"""Decision analytics against figures worked out by hand (SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid as uuidlib
from datetime import timedelta

import pytest

from alongside.engine.load import load_text
from alongside.store.analytics import (
    CHECK_BELOW,
    MIN_REACHED,
    analysed_scenarios,
    choice_quality,
    decision_analytics,
    pearson,
)
from alongside.store.cohorts import CohortError, add_trainees
from alongside.store.models import Attempt, ScenarioVersion, Step
from tests.store import desk_rows as rows

# Three decisions in a row; every choice scores the three skills alike, so a choice's
# quality is plain: d1 a=1, b=0.5, c=0; d2 yes=1, no=0; d3 up=1, down=0.
DECISIONS = (("d1", "First question, asked plainly.", "d2", (("a", 2), ("b", 0), ("c", -2))),
             ("d2", "Second question.", "d3", (("yes", 1), ("no", -1))),
             ("d3", "Third question.", "end", (("up", 2), ("down", 0))))


def _node(node: str, prompt: str, then: str, choices) -> str:
    listed = "".join(
        f'      - {{id: "{cid}", text: Answer {cid}., feedback: Said., next: {then},\n'
        f"         scores: {{language: {m}, decision: {m}, role: {m}}}}}\n"
        for cid, m in choices)
    return f"  {node}:\n    speaker: ana\n    text: {prompt}\n    choices:\n{listed}"


THREE = ("format: 1\nid: three-steps\ntitle: Three steps\nsummary: Three decisions.\n"
         "setting: community\ncompetencies: [role-clarity]\ndifficulty: 1\nminutes: 5\n"
         "characters:\n  ana: {name: Ana, pronouns: she/her}\nstart: d1\nnodes:\n"
         + "".join(_node(*d) for d in DECISIONS)
         + "  end:\n    ending: strong\n    text: Done.\n    debrief: Done.\n")
SID = "three-steps"


def _version(db, text=THREE) -> ScenarioVersion:
    scenario = load_text(text, stem=SID).scenario
    row = ScenarioVersion(scenario_id=SID, title=scenario.title, text=text,
                          content_hash=scenario.content_hash)
    db.add(row)
    db.flush()
    return row


def _attempt(db, person, version, steps, *, mode="assessment", status="finished",
             minutes=0, nodes=("d1", "d2", "d3")) -> None:
    """An attempt taking `steps` (choice ids, or "<" to go back) in order, along `nodes`."""
    row = Attempt(uuid=str(uuidlib.uuid4()), trainee_id=None if person is None else person.id,
                  group_name="Class" if person is None else None,
                  scenario_version_id=version.id, mode=mode, status=status,
                  started_at=rows.WHEN + timedelta(minutes=minutes))
    db.add(row)
    db.flush()
    standing: list[tuple[str, str]] = []
    for seq, step in enumerate(steps, 1):
        if step == "<":
            node, choice = standing.pop()
            db.add(Step(attempt_id=row.id, seq=seq, kind="back", node=node, choice=choice))
        else:
            node = nodes[len(standing)]
            standing.append((node, step))
            db.add(Step(attempt_id=row.id, seq=seq, kind="choice", node=node, choice=step))
    db.flush()


# Each trainee's first assessment attempt: (choices, status).
FIRST = [("a yes up", "finished"), ("a yes up", "finished"), ("a yes down", "finished"),
         ("a no up", "finished"), ("b yes up", "finished"), ("b no down", "finished"),
         ("c no down", "finished"), ("c no down", "finished"), ("b yes", "in-progress"),
         ("a", "abandoned"), ("", "in-progress")]


def fill(db) -> None:
    """Eleven trainees' first assessment attempts (FIRST), and later ones that only
    "all attempts" counts: T6 again, T7 in practice with a decision taken back, T0 in
    practice before their assessment; a class's group attempt; one damaged attempt;
    two newcomers' attempts on an edited version."""
    people = [rows.trainee(db, f"Trainee {i:02d}") for i in range(14)]
    v1 = _version(db)
    _attempt(db, people[6], v1, "a yes up".split(), minutes=60)  # stored first, later
    for person, (choices, status) in zip(people, FIRST, strict=False):
        _attempt(db, person, v1, choices.split(), status=status, minutes=10)
    _attempt(db, people[7], v1, "c < a yes up".split(), mode="practice", minutes=70)
    _attempt(db, people[0], v1, "b yes up".split(), mode="practice", minutes=0)
    _attempt(db, None, v1, "c no down".split(), mode="group")
    _attempt(db, people[11], v1, ["zzz"], minutes=10)
    v2 = _version(db, THREE.replace("title: Three steps", "title: Three steps, edited"))
    for person in people[12:]:
        _attempt(db, person, v2, "a yes up".split(), minutes=120)


@pytest.fixture
def desk(store):
    with store.session() as db:
        fill(db)
        db.commit()
    return store


def test_choice_quality_is_the_mean_over_the_skills_assessed():
    scenario = load_text(THREE, stem=SID).scenario
    d1 = scenario.nodes["d1"]
    assert [choice_quality(d1, c) for c in ("a", "b", "c")] == [1.0, 0.5, 0.0]
    mixed = load_text(rows.DESK_ONE, stem="desk-one").scenario.nodes["d2"]
    # ask (2, 2, 2) and tell (0, -2, -1): language 1 vs 0, decision 1 vs 0, role 1 vs 0.
    assert choice_quality(mixed, "tell") == 0.0 and choice_quality(mixed, "ask") == 1.0


def test_pearson_by_hand_and_undefined():
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) is None
    assert pearson([1], [1]) is None


def test_first_assessment_attempts_per_decision(desk):
    stats = decision_analytics(desk, SID)
    assert stats.first_only and stats.title == "Three steps, edited"
    main, edited = stats.versions
    assert (main.attempts, main.unreadable, edited.attempts) == (12, 1, 2)
    d1, d2, d3 = main.nodes
    assert [n.node for n in main.nodes] == ["d1", "d2", "d3"]
    assert d1.prompt == "First question, asked plainly."
    # d1: ten answered (five a, three b, two c) and Trainee 10 stopped there.
    assert (d1.reached, d1.answered, d1.stopped) == (11, 10, 1)
    assert [(c.id, c.count, c.share) for c in d1.choices] == [
        ("a", 5, 0.5), ("b", 3, 0.3), ("c", 2, 0.2)]
    assert d1.facility == pytest.approx((5 * 1 + 3 * 0.5 + 2 * 0) / 10)
    # Against the rest of each attempt (T9 has no other decision and drops out):
    # x = 1 1 1 1 .5 .5 0 0 .5, y = 1 1 .5 .5 1 0 0 0 1; Σx 5.5, Σy 5, Σxy 4,
    # Σx² 4.75, Σy² 4.5, n 9: (9·4 − 5.5·5) / √((9·4.75 − 5.5²)(9·4.5 − 5²)).
    assert d1.discrimination == pytest.approx(8.5 / (12.5 * 15.5) ** 0.5)
    assert not d1.check and not d1.hidden
    # d2: nine answered (five yes), Trainee 9 stopped there: exactly MIN_REACHED.
    assert (d2.reached, d2.stopped) == (MIN_REACHED, 1)
    assert [(c.count, round(c.share, 4)) for c in d2.choices] == [(5, 0.5556), (4, 0.4444)]
    assert d2.facility == pytest.approx(5 / 9)
    # d3: eight answered and Trainee 8 stopped there: nine, below ten, so no figures.
    assert (d3.reached, d3.stopped, d3.hidden) == (9, 1, True)
    assert (d3.choices, d3.facility, d3.discrimination, d3.check) == ((), None, None, False)
    assert all(n.hidden for n in edited.nodes)


def test_all_attempts_add_later_and_practice_ones_but_never_a_group(desk):
    main = decision_analytics(desk, SID, first_only=False).versions[0]
    d1 = main.nodes[0]
    # Added: T6's second assessment (a), T7's practice (c taken back, then a), T0's
    # practice (b); the class's group attempt does not count.
    assert main.attempts == 15
    assert [(c.id, c.count) for c in d1.choices] == [("a", 7), ("b", 4), ("c", 2)]
    assert (d1.reached, d1.stopped) == (14, 1)
    assert d1.facility == pytest.approx((7 + 4 * 0.5) / 13)
    assert main.nodes[2].reached == 12 and not main.nodes[2].hidden


def test_a_cohort_limits_the_trainees(desk, tmp_path):
    rows.cohort(desk, tmp_path, "Small class", (SID,))
    add_trainees(desk, "Small class", [f"Trainee {i:02d}" for i in range(5)])
    main = decision_analytics(desk, SID, cohort="Small class").versions[0]
    assert main.attempts == 5 and main.nodes[0].reached == 5 and main.nodes[0].hidden
    # Their practice and assessment attempts: Trainee 00 has two, the others one each.
    assert [(s.scenario, s.attempts) for s in analysed_scenarios(desk, "Small class")] == [
        (SID, 6)]
    with pytest.raises(CohortError, match="no cohort named 'Nobody'"):
        decision_analytics(desk, SID, cohort="Nobody")


def test_a_decision_that_rewards_the_weaker_attempts_is_flagged(store):
    """Five answer d1 and d3 best but d2 worst, five the other way round: d2's answer
    runs against the rest (r = −1); d1's and d3's rests are all 0.5, so theirs is
    undefined and not flagged."""
    with store.session() as db:
        version = _version(db)
        for i in range(10):
            person = rows.trainee(db, f"Person {i}")
            _attempt(db, person, version, ("a no up" if i < 5 else "c yes down").split())
        db.commit()
    d1, d2, d3 = decision_analytics(store, SID).versions[0].nodes
    assert d2.discrimination == pytest.approx(-1.0) and d2.check
    assert d2.discrimination < CHECK_BELOW
    assert d1.discrimination is None and not d1.check and d3.discrimination is None


def test_scenarios_to_choose_from(desk):
    assert [(s.scenario, s.title, s.attempts) for s in analysed_scenarios(desk)] == [
        (SID, "Three steps, edited", 17)]
    assert decision_analytics(desk, "no-such-scenario").versions == ()
