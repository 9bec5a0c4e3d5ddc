"""Certification decisions: the passphrase, the rating's rules, waivers, append-only."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from alongside.store.certification import (
    CertificationError,
    WaiverRecord,
    decisions,
    record_decision,
)
from alongside.store.cohorts import add_trainees
from alongside.store.grid import WAIVED, cohort_grid
from alongside.store.instructors import set_passphrase
from tests.store import desk_rows as rows

SCENARIOS = ("alpha", "beta")
PASSPHRASE = "correct horse battery"


@pytest.fixture
def desk(store, tmp_path):
    """Ana passed both; Ben passed alpha and took a critical choice in beta."""
    rows.cohort(store, tmp_path, "Spring class", SCENARIOS)
    with store.session() as db:
        ana, ben = rows.trainee(db, "Ana Ruiz"), rows.trainee(db, "Ben Okafor")
        alpha, beta = rows.version(db, "alpha"), rows.version(db, "beta")
        for person in (ana, ben):
            rows.attempt(db, person, alpha)
        rows.attempt(db, ana, beta)
        rows.attempt(db, ben, beta, (0.9, 0.9, 0.9), critical=1)
        set_passphrase(db, "Dee Park", PASSPHRASE)
        db.commit()
    add_trainees(store, "Spring class", ["Ana Ruiz", "Ben Okafor"])
    return store


def _decide(store, trainee, **given):
    options = {"cohort": "Spring class", "rating": "pass", "certify": True, "comment": "",
               "passphrase": PASSPHRASE, **given}
    return record_decision(store, trainee=trainee, **options)


def test_a_ready_trainee_is_certified_with_who_and_when(desk):
    made = _decide(desk, "Ana Ruiz", rating="excellent")
    assert (made.instructor, made.rating, made.certified) == ("Dee Park", "excellent", True)
    [kept] = decisions(desk, "Ana Ruiz")
    assert kept == made and kept.decided_at.tzinfo is not None


def test_a_wrong_passphrase_records_nothing(desk):
    with pytest.raises(CertificationError, match="not the passphrase of instructor 'Dee Park'"):
        _decide(desk, "Ana Ruiz", passphrase="not the one at all")
    assert decisions(desk, "Ana Ruiz") == []


@pytest.mark.parametrize("rating", ["fail", "borderline-fail", "borderline-pass"])
def test_a_rating_at_borderline_pass_or_below_needs_a_comment(desk, rating):
    with pytest.raises(CertificationError, match=f"a rating of {rating} needs a comment"):
        _decide(desk, "Ana Ruiz", rating=rating, certify=False, comment="  ")
    _decide(desk, "Ana Ruiz", rating=rating, certify=False, comment="Rushed the safety plan.")


def test_certifying_at_a_failing_rating_is_refused(desk):
    with pytest.raises(CertificationError, match="borderline-fail cannot go with certifying"):
        _decide(desk, "Ana Ruiz", rating="borderline-fail", comment="Unsure.")


def test_a_critical_choice_blocks_certifying_until_waived_with_reason_and_comment(desk):
    with pytest.raises(CertificationError, match="critical choice in the qualifying attempt "
                                                 "of beta blocks certifying"):
        _decide(desk, "Ben Okafor")
    assert decisions(desk, "Ben Okafor") == []
    with pytest.raises(CertificationError, match="waiving 'beta' needs a comment"):
        _decide(desk, "Ben Okafor", waivers=[WaiverRecord("beta", "tested-out", "")])
    with pytest.raises(CertificationError, match="the reason must be one of: tested-out, "
                                                 "equivalent-activity, administrative"):
        _decide(desk, "Ben Okafor", waivers=[WaiverRecord("beta", "kindness", "Why not.")])
    with pytest.raises(CertificationError, match="'alpha' is already passed"):
        _decide(desk, "Ben Okafor", waivers=[WaiverRecord("alpha", "tested-out", "Did it.")])
    waiver = WaiverRecord("beta", "equivalent-activity", "Passed the same role play at the "
                                                         "spring OSCE.")
    made = _decide(desk, "Ben Okafor", waivers=[waiver])
    assert made.certified and made.waivers == (waiver,)
    ben = next(r for r in cohort_grid(desk, "Spring class").rows if r.trainee == "Ben Okafor")
    assert [c.status for c in ben.cells] == ["passed", WAIVED] and ben.ready


def test_revoking_is_a_new_decision_and_decisions_never_change(desk):
    _decide(desk, "Ben Okafor", certify=False, comment="Waived, not yet certified.",
            waivers=[WaiverRecord("beta", "administrative", "Moved from the autumn cohort.")])
    first = _decide(desk, "Ana Ruiz")
    second = _decide(desk, "Ana Ruiz", rating="borderline-fail", certify=False,
                     comment="Revoked: the assessment was played with help.")
    assert [d.uuid for d in decisions(desk, "Ana Ruiz")] == [first.uuid, second.uuid]
    for statement in ("UPDATE certification_decision SET certified = false",
                      "DELETE FROM certification_decision", "DELETE FROM waiver",
                      "UPDATE waiver SET reason = 'administrative'"):
        with desk.engine.connect() as connection, pytest.raises(DBAPIError,
                                                                match="append-only"):
            connection.execute(text(statement))
    assert [d.certified for d in decisions(desk, "Ana Ruiz")] == [True, False]
