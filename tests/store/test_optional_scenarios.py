"""Curricula with optional scenarios and a mode: the grid shows the optional ones,
readiness and certifying ask for the required ones only, passed in the curriculum's mode
(SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from alongside.store.certification import CertificationError, WaiverRecord, record_decision
from alongside.store.cohorts import add_trainees, create_cohort, read_curriculum
from alongside.store.grid import FAILED, NOT_STARTED, PASSED, cohort_grid
from alongside.store.instructors import set_passphrase
from tests.store import desk_rows as rows

PASSPHRASE = "correct horse battery"


def _cohort(store, folder, name: str, rule: str) -> None:
    path = folder / f"{rule}.yaml"
    path.write_text(f"format: 1\nid: {rule}\ntitle: With an extra\nrule: {rule}\n"
                    "scenarios: [alpha, beta]\noptional: [gamma]\n")
    curriculum, text = read_curriculum(str(path), {"alpha", "beta", "gamma"})
    create_cohort(store, name, curriculum, text)


@pytest.fixture
def desk(store, tmp_path):
    """Ana passed alpha and beta in assessment and took a critical choice in gamma; Ben
    passed alpha and gamma, not beta; Cy passed all three in practice only."""
    _cohort(store, tmp_path, "Assessed", "each-passed-in-assessment")
    _cohort(store, tmp_path, "Practised", "each-passed-in-practice")
    with store.session() as db:
        ana, ben, cy = (rows.trainee(db, n) for n in ("Ana Ruiz", "Ben Okafor", "Cy Adams"))
        v = {s: rows.version(db, s) for s in ("alpha", "beta", "gamma")}
        rows.attempt(db, ana, v["alpha"])
        rows.attempt(db, ana, v["beta"])
        rows.attempt(db, ana, v["gamma"], (0.9, 0.9, 0.9), critical=1)
        rows.attempt(db, ben, v["alpha"])
        rows.attempt(db, ben, v["gamma"])
        for s in v.values():
            rows.attempt(db, cy, s, mode="practice")
        set_passphrase(db, "Dee Park", PASSPHRASE)
        db.commit()
    for cohort in ("Assessed", "Practised"):
        add_trainees(store, cohort, ["Ana Ruiz", "Ben Okafor", "Cy Adams"])
    return store


def _rows(grid):
    return {r.trainee: r for r in grid.rows}


def test_the_grid_shows_optional_scenarios_and_readiness_ignores_them(desk):
    grid = cohort_grid(desk, "Assessed")
    assert grid.scenarios == ("alpha", "beta", "gamma")
    people = _rows(grid)
    assert [c.status for c in people["Ana Ruiz"].cells] == [PASSED, PASSED, FAILED]
    assert people["Ana Ruiz"].ready and people["Ana Ruiz"].outstanding(grid.scenarios) == ()
    assert [c.status for c in people["Ben Okafor"].cells] == [PASSED, NOT_STARTED, PASSED]
    assert not people["Ben Okafor"].ready
    assert people["Ben Okafor"].outstanding(grid.scenarios) == ("beta",)
    assert not people["Cy Adams"].ready


def test_a_practice_curriculum_counts_practice_passes_only(desk):
    people = _rows(cohort_grid(desk, "Practised"))
    assert people["Cy Adams"].ready
    assert [c.status for c in people["Cy Adams"].cells] == [PASSED] * 3
    assert not people["Ana Ruiz"].ready and not people["Ben Okafor"].ready


def _decide(store, trainee, cohort="Assessed", waivers=()):
    return record_decision(store, trainee=trainee, cohort=cohort, rating="pass", certify=True,
                           comment="", passphrase=PASSPHRASE, waivers=waivers)


def test_a_critical_choice_in_an_optional_scenario_does_not_block_certifying(desk):
    assert _decide(desk, "Ana Ruiz").certified
    with pytest.raises(CertificationError, match="has not passed beta in assessment mode"):
        _decide(desk, "Ben Okafor")
    with pytest.raises(CertificationError, match="'gamma' is optional in the curriculum of "
                                                 "'Assessed'; there is nothing to waive"):
        _decide(desk, "Ben Okafor", waivers=[WaiverRecord("gamma", "administrative", "n/a")])
    assert _decide(desk, "Cy Adams", cohort="Practised").certified
