"""Rows for the instructor's desk tests, written straight into a store: trainees of the
desk, scenario versions and finished attempts with the results a test needs."""

from __future__ import annotations

import hashlib
import uuid as uuidlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alongside.engine.load import load_text
from alongside.engine.names import name_key
from alongside.engine.session import PlaySession
from alongside.scoring.bands import band_of, passes
from alongside.store.attempts import Recorder, start_attempt
from alongside.store.bundle import collect, import_bundle
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


DESK_ONE = (Path(__file__).parent / "desk-one.yaml.txt").read_text(encoding="utf-8")


def play(store, trainee: str, choices: list[str], mode: str = "assessment",
         text: str = DESK_ONE) -> str:
    """Play `choices` on a trainee's laptop `store` as a recorded attempt; its uuid."""
    scenario = load_text(text, "desk-one.yaml", stem="desk-one").scenario
    attempt = start_attempt(store, scenario, text, trainee, mode)
    session = PlaySession(scenario)
    session.listeners.append(Recorder(store, attempt, session))
    session.start()
    for choice in choices:
        session.choose(choice)
    return attempt


def library(folder: Path) -> Path:
    """A desk library holding desk-one, so its attempts import as verified."""
    folder.mkdir(exist_ok=True)
    (folder / "desk-one.yaml").write_text(DESK_ONE, encoding="utf-8")
    return folder


def bring(desk, laptop, trainee: str) -> None:
    """Export `trainee`'s results from `laptop` and import them on `desk` (its library
    knows desk-one)."""
    known = frozenset({load_text(DESK_ONE, stem="desk-one").scenario.content_hash})
    import_bundle(desk, collect(laptop, trainee).bundle, known)
