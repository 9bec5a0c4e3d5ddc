"""Rows for the instructor's desk tests, written straight into a store: trainees of the
desk, scenario versions and finished attempts with the results a test needs."""

from __future__ import annotations

import hashlib
import uuid as uuidlib
from datetime import UTC, datetime, timedelta

from alongside.engine.names import name_key
from alongside.scoring.bands import band_of, passes
from alongside.store.cohorts import create_cohort, read_curriculum
from alongside.store.models import Attempt, ScenarioVersion, Trainee

WHEN = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def curriculum_file(folder, scenarios, cid="spring") -> str:
    path = folder / f"{cid}.yaml"
    path.write_text(f"format: 1\nid: {cid}\ntitle: Spring readiness\n"
                    "rule: each-passed-in-assessment\nscenarios:\n"
                    + "".join(f"  - {s}\n" for s in scenarios))
    return str(path)


def cohort(store, folder, name, scenarios):
    curriculum, text = read_curriculum(curriculum_file(folder, scenarios), set(scenarios))
    return create_cohort(store, name, curriculum, text)


def trainee(db, name: str) -> Trainee:
    person = Trainee(uuid=str(uuidlib.uuid4()), name=name, name_key=name_key(name), local=False)
    db.add(person)
    db.flush()
    return person


def version(db, scenario_id: str, verified: bool = True) -> ScenarioVersion:
    text = f"id: {scenario_id}\n# {uuidlib.uuid4()}\n"
    row = ScenarioVersion(scenario_id=scenario_id, title=scenario_id, text=text,
                          content_hash=hashlib.sha256(text.encode()).hexdigest(),
                          verified=verified)
    db.add(row)
    db.flush()
    return row


def attempt(db, person: Trainee, on: ScenarioVersion, scores=(0.8, 0.8, 0.8),
            mode="assessment", status="finished", critical=0, minutes=0) -> Attempt:
    marks = dict(zip(("language", "decision", "role"), scores, strict=True))
    done = status == "finished"
    row = Attempt(uuid=str(uuidlib.uuid4()), trainee_id=person.id, scenario_version_id=on.id,
                  mode=mode, status=status, started_at=WHEN + timedelta(minutes=minutes),
                  finished_at=WHEN + timedelta(minutes=minutes + 5) if done else None,
                  **{f"score_{d}": s for d, s in marks.items()},
                  **{f"band_{d}": None if s is None else band_of(s) for d, s in marks.items()},
                  passed=done and passes(marks, critical), critical_count=critical)
    db.add(row)
    db.flush()
    return row
