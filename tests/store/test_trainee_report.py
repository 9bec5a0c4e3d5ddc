"""What a trainee's certification report holds, gathered from the store (no Qt)."""

from __future__ import annotations

import pytest

from alongside.store.bundle import check_bundle
from alongside.store.certification import record_decision
from alongside.store.cohorts import CohortError, add_trainees
from alongside.store.db import open_store
from alongside.store.instructors import set_passphrase
from alongside.store.trainee_report import trainee_report
from tests.store import desk_rows as rows

PASSPHRASE = "correct horse battery"


@pytest.fixture
def desk(store, tmp_path):
    """Ana: a failed and a passed assessment and a practice attempt; Ben: a critical
    choice. Both in 'Spring class'; Ana in 'Summer class' too, after a decision."""
    laptop = open_store(tmp_path / "laptop.db")
    rows.play(laptop, "Ana Ruiz", ["poor", "tell"])
    rows.play(laptop, "Ana Ruiz", ["good", "ask"])
    rows.play(laptop, "Ana Ruiz", ["good", "ask"], mode="practice")
    rows.play(laptop, "Ben Okafor", ["promise", "ask"])
    for name in ("Ana Ruiz", "Ben Okafor"):
        rows.bring(store, laptop, name)
    laptop.close()
    rows.cohort(store, tmp_path, "Spring class", ["desk-one"])
    add_trainees(store, "Spring class", ["Ana Ruiz", "Ben Okafor"])
    with store.session() as db:
        set_passphrase(db, "Dee Park", PASSPHRASE)
        db.commit()
    record_decision(store, trainee="Ana Ruiz", cohort="Spring class", rating="pass",
                    certify=True, comment="", passphrase=PASSPHRASE)
    return store


def test_qualifying_attempts_are_those_that_count_for_the_curriculum(desk):
    report = trainee_report(desk, "Ana Ruiz", "Spring class")
    assert report.cohort == "Spring class" and report.curriculum.id == "spring"
    assert report.ready is True
    [row] = report.readiness
    assert (row.scenario_id, row.title, row.cell.status, row.cell.attempts) == (
        "desk-one", "Desk one", "passed", 3)
    assert [(a.mode, a.passed) for a in report.attempts] == [("assessment", False),
                                                             ("assessment", True)]
    assert {a.title for a in report.attempts} == {"Desk one"}
    assert all(len(a.content_hash) == 64 for a in report.attempts)
    assert [(d.instructor, d.rating, d.certified) for d in report.decisions] == [
        ("Dee Park", "pass", True)]


def test_critical_choices_come_with_the_scenarios_reason(desk):
    report = trainee_report(desk, "Ben Okafor")
    assert report.cohort == "Spring class", "his only cohort"
    assert report.ready is False and report.readiness[0].cell.status == "failed"
    [attempt] = report.attempts
    assert [(c.node, c.choice, c.reason) for c in attempt.critical] == [
        ("d1", "promise", "Promised absolute secrecy")]
    assert report.decisions == ()


def test_the_bundle_is_the_trainees_whole_results(desk):
    report = trainee_report(desk, "Ana Ruiz", "Spring class")
    bundle = check_bundle(report.bundle)
    assert (bundle.trainee.name, bundle.trainee.uuid) == ("Ana Ruiz", report.trainee_uuid)
    assert sorted(a.mode for a in bundle.attempts) == ["assessment", "assessment", "practice"]
    assert report.left_out == ()


def test_with_several_cohorts_and_none_named_no_readiness_is_judged(desk, tmp_path):
    rows.cohort(desk, tmp_path, "Summer class", ["desk-one"])
    add_trainees(desk, "Summer class", ["Ana Ruiz"])
    report = trainee_report(desk, "Ana Ruiz")
    assert report.cohort is None and report.curriculum is None and report.ready is None
    assert "in the cohorts Spring class, Summer class; name one" in report.note
    assert [a.mode for a in report.attempts] == ["assessment", "assessment"], \
        "without a curriculum, the attempts that count towards certification"
    assert len(report.decisions) == 1
    summer = trainee_report(desk, "Ana Ruiz", "summer class")
    assert summer.cohort == "Summer class" and summer.decisions == ()


def test_a_cohort_the_trainee_is_not_in_is_refused(desk, tmp_path):
    rows.cohort(desk, tmp_path, "Summer class", ["desk-one"])
    with pytest.raises(CohortError, match=r"Ben Okafor \[[0-9a-f]{8}\] is not in the cohort "
                       "'Summer class'"):
        trainee_report(desk, "Ben Okafor", "Summer class")
