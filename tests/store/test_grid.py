"""The cohort grid: statuses, best scores, readiness and competencies (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from alongside.store.cohorts import CohortError, add_trainees
from alongside.store.grid import (
    COMPLETED,
    FAILED,
    IN_PROGRESS,
    NOT_STARTED,
    PASSED,
    WAIVED,
    cohort_grid,
    competency_view,
)
from alongside.store.models import Waiver
from alongside.store.trainees import TraineeError
from tests.store import desk_rows as rows

SCENARIOS = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta")


@pytest.fixture
def desk(store, tmp_path):
    """Ana has one of each status; Ben passed everything; Cy never started."""
    rows.cohort(store, tmp_path, "Spring class", SCENARIOS)
    with store.session() as db:
        ana, ben, _cy = (rows.trainee(db, n) for n in ("Ana Ruiz", "Ben Okafor", "Cy Adams"))
        v = {s: rows.version(db, s) for s in SCENARIOS}
        forged = rows.version(db, "epsilon", verified=False)
        rows.attempt(db, ana, v["alpha"], (0.5, 0.9, 0.7), mode="practice")
        rows.attempt(db, ana, v["alpha"], (0.9, 0.75, 0.8))
        rows.attempt(db, ana, v["beta"], (0.9, 0.9, 0.9), critical=1)
        rows.attempt(db, ana, v["beta"], (0.6, 0.4, None))
        rows.attempt(db, ana, v["gamma"], status="in-progress", scores=(None, None, None))
        rows.attempt(db, ana, v["delta"], (0.95, 0.95, 0.95), mode="practice")
        rows.attempt(db, ana, forged, (1.0, 1.0, 1.0))
        for s in SCENARIOS:
            rows.attempt(db, ben, v[s])
        db.commit()
    add_trainees(store, "spring class", ["Ana Ruiz", "ben okafor", "Cy Adams"])
    return store


def _row(grid, name):
    return next(r for r in grid.rows if r.trainee == name)


def test_each_cell_has_its_status_best_scores_bands_and_attempts(desk):
    grid = cohort_grid(desk, "Spring class")
    assert [r.trainee for r in grid.rows] == ["Ana Ruiz", "Ben Okafor", "Cy Adams"]
    ana = dict(zip(grid.scenarios, _row(grid, "Ana Ruiz").cells, strict=True))
    assert {s: c.status for s, c in ana.items()} == {
        "alpha": PASSED, "beta": FAILED, "gamma": IN_PROGRESS, "delta": COMPLETED,
        "epsilon": COMPLETED, "zeta": NOT_STARTED}
    assert ana["alpha"].best == (0.9, 0.9, 0.8) and ana["alpha"].attempts == 2
    assert ana["alpha"].bands == ("proficient", "proficient", "competent")
    assert ana["beta"].critical and not ana["alpha"].critical
    assert ana["beta"].best == (0.9, 0.9, 0.9)
    assert ana["epsilon"].best == (None, None, None), "an unverified attempt shows no score"
    assert (ana["epsilon"].attempts, ana["epsilon"].unverified) == (1, 1)
    assert ana["zeta"].attempts == 0


def test_readiness_needs_every_scenario_passed_in_the_curriculums_mode(desk):
    grid = cohort_grid(desk, "Spring class")
    ana, ben, cy = (_row(grid, n) for n in ("Ana Ruiz", "Ben Okafor", "Cy Adams"))
    assert ben.ready and not ana.ready and not cy.ready
    assert ana.outstanding(grid.scenarios) == ("beta", "gamma", "delta", "epsilon", "zeta")
    assert cy.outstanding(grid.scenarios) == SCENARIOS


def test_a_waiver_satisfies_a_scenario_but_a_pass_still_shows_as_passed(desk):
    from alongside.store.models import Cohort, Decision, Trainee

    with desk.session() as db:
        cy = db.query(Trainee).filter_by(name="Cy Adams").one()
        ana = db.query(Trainee).filter_by(name="Ana Ruiz").one()
        cohort = db.query(Cohort).filter_by(name="Spring class").one()
        decision = Decision(trainee_id=cy.id, cohort_id=cohort.id, curriculum_id="spring",
                            instructor="Dee Park", rating="pass", certified=False, comment="")
        db.add(decision)
        db.flush()
        db.add_all([Waiver(decision_id=decision.id, trainee_id=t.id, cohort_id=cohort.id,
                           scenario_id=s, reason="administrative", comment="moved cohorts")
                    for t in (cy, ana) for s in SCENARIOS])
        db.commit()
    grid = cohort_grid(desk, "Spring class")
    assert {c.status for c in _row(grid, "Cy Adams").cells} == {WAIVED}
    assert _row(grid, "Cy Adams").ready
    assert _row(grid, "Ana Ruiz").cells[0].status == PASSED


def test_competencies_count_the_passed_scenarios_exercising_each(desk):
    grid = cohort_grid(desk, "Spring class")
    exercises = {"alpha": ("boundaries", "role-clarity"), "beta": ("boundaries",),
                 "delta": ("hope",), "zeta": ("boundaries",)}
    view = competency_view(grid, exercises)
    ana = view[_row(grid, "Ana Ruiz").trainee_uuid]
    assert ana["boundaries"] == (1, 3) and ana["role-clarity"] == (1, 1)
    assert ana["hope"] == (0, 1), "practice passes do not count"
    assert ana["safety-planning"] == (0, 0)
    assert view[_row(grid, "Ben Okafor").trainee_uuid]["boundaries"] == (3, 3)


def test_trainees_are_found_by_name_and_two_of_one_name_by_id(desk):
    with desk.session() as db:
        other = rows.trainee(db, "Ana Ruiz")
        db.commit()
    with pytest.raises(TraineeError, match=r"2 trainees are called 'Ana Ruiz' \(Ana Ruiz \["):
        add_trainees(desk, "Spring class", ["Ana Ruiz"])
    added, present = add_trainees(desk, "Spring class", [other.uuid[:8], "Ben Okafor"])
    assert added == [f"Ana Ruiz [{other.uuid[:8]}]"]
    assert [p[:12] for p in present] == ["Ben Okafor ["]
    with pytest.raises(TraineeError, match="no trainee named 'Dee' on this desk"):
        add_trainees(desk, "Spring class", ["Dee"])
    with pytest.raises(CohortError, match=r"no cohort named 'Autumn' on this desk \(cohorts: "
                                          r"Spring class\)"):
        add_trainees(desk, "Autumn", ["Ben Okafor"])


def test_a_score_another_program_damaged_is_named_and_left_blank(desk):
    if not desk.is_sqlite:
        pytest.skip("only SQLite keeps text in a number column")
    from sqlalchemy import text

    with desk.engine.begin() as connection:
        connection.execute(text("UPDATE attempt SET score_role = 'lots' WHERE id = "
                                "(SELECT min(id) FROM attempt WHERE mode = 'practice')"))
    grid = cohort_grid(desk, "Spring class")
    assert grid.damaged == ("Ana Ruiz × alpha",)
    alpha = _row(grid, "Ana Ruiz").cells[0]
    assert alpha.best == (None, None, None) and alpha.status == PASSED
