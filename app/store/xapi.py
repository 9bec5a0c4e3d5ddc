"""xAPI statements of attempts, for an organisation's learning record store.

Statements follow cmi5's rules for an assessment, as far as they apply to a
branching conversation played offline:

- `answered` for each decision taken: `result.response` is the choice id, and
  the choice's quality on each skill (0..1, null where the node does not
  assess it) and whether it was critical are result extensions;
- `completed` when an attempt finished, with its ISO 8601 duration;
- exactly one of `passed` or `failed` for each finished assessment attempt,
  never both. `result.score.scaled` is the lowest assessed skill score, the
  one the pass rule turns on. A `failed` statement never carries a score at
  or above the pass floor: an attempt that failed only through a critical
  choice has its score left out, as it would otherwise read as a pass.

Every statement of an attempt carries the attempt's uuid as
`context.registration`, and statement ids are made from it (uuid5), so
exporting again gives the same statements and a record store keeps one
copy. Attempts on a scenario version nobody here accepted (issue 12) are
left out and named: a record store cannot tell that they do not count.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from alongside.engine.load import load_text
from alongside.engine.model import Scenario
from alongside.engine.policy import ASSESSMENT
from alongside.engine.vocabulary import DIMENSIONS
from alongside.scoring.attempt import quality
from alongside.scoring.bands import PASS_FLOOR
from alongside.store.cohorts import desk_cohort
from alongside.store.db import Store
from alongside.store.models import Attempt, CohortMember, ScenarioVersion
from alongside.store.rows import Damaged, StoredAttempt, StoredStep, read_attempts, read_steps
from alongside.store.trainees import desk_trainee

HOME = "https://alongside.invalid/"  # a reserved name: these IRIs identify, never resolve
VERBS = {verb: f"http://adlnet.gov/expapi/verbs/{verb}"
         for verb in ("answered", "completed", "passed", "failed")}
EXTENSION = HOME + "xapi/extensions/"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
_IDS = uuidlib.UUID("4b0e1f6a-8f1c-5d5e-9a51-0a1b2c3d4e5f")


@dataclass(frozen=True, slots=True)
class Statements:
    """The statements, how many attempts they describe, and the attempts left out: on
    versions nobody accepted, and damaged ones (each named, with why)."""

    statements: list[dict]
    attempts: int
    unverified: tuple[str, ...] = ()
    damaged: tuple[str, ...] = ()


def duration(start: datetime, end: datetime) -> str:
    """ISO 8601 duration to a hundredth of a second, as xAPI asks (`PT1H2M3.5S`)."""
    total = max(0.0, (end - start).total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{seconds:.2f}".rstrip("0").rstrip(".")
    return (f"PT{f'{int(hours)}H' if hours else ''}{f'{int(minutes)}M' if minutes else ''}"
            f"{text}S")


def scaled(a: StoredAttempt) -> float | None:
    """The score a `passed` or `failed` statement may carry (None: carry none)."""
    assessed = [s for s in a.scores.values() if s is not None]
    if not assessed:
        return None
    low = min(assessed)
    return None if not a.passed and low >= PASS_FLOOR else low


def _statement(a: StoredAttempt, key: str, verb: str, activity: dict, at: datetime,
               result: dict | None = None) -> dict:
    made = {
        "id": str(uuidlib.uuid5(_IDS, f"{a.uuid}/{key}")),
        "actor": {"objectType": "Agent", "name": a.trainee,
                  "account": {"homePage": HOME + "trainees", "name": a.trainee_uuid}},
        "verb": {"id": VERBS[verb], "display": {"en": verb}},
        "object": activity,
        "context": {"registration": a.uuid,
                    "extensions": {EXTENSION + "mode": a.mode,
                                   EXTENSION + "scenario-version": a.content_hash}},
        "timestamp": at.isoformat(),
    }
    if result is not None:
        made["result"] = result
    return made


def attempt_statements(a: StoredAttempt, steps: Iterable[StoredStep],
                       scenario: Scenario) -> list[dict]:
    """The statements of one attempt, in the order they happened."""
    page = {"objectType": "Activity", "id": f"{HOME}scenarios/{a.scenario_id}",
            "definition": {"type": SIMULATION, "name": {"en": scenario.title}}}
    made = []
    for step in steps:
        node = scenario.nodes.get(step.node)
        chosen = node.choice(step.choice) if node and step.choice else None
        if step.kind != "choice" or node is None or chosen is None:
            continue
        marks = {EXTENSION + d: quality(node, chosen.id, d) for d in DIMENSIONS}
        activity = {"objectType": "Activity", "id": f"{page['id']}/{node.id}",
                    "definition": {"type": INTERACTION, "interactionType": "choice",
                                   "name": {"en": f"{scenario.title}: {node.id}"}}}
        answered = _statement(a, f"{step.seq}", "answered", activity, step.at, {
            "response": chosen.id,
            "extensions": {**marks, EXTENSION + "critical": chosen.critical is not None}})
        answered["context"]["contextActivities"] = {"parent": [{"objectType": "Activity",
                                                                "id": page["id"]}]}
        made.append(answered)
    if a.status != "finished" or a.finished_at is None:
        return made
    took = duration(a.started_at, a.finished_at)
    made.append(_statement(a, "completed", "completed", page, a.finished_at,
                           {"completion": True, "duration": took}))
    if a.mode == ASSESSMENT.id:
        verdict = {"success": a.passed, "completion": True, "duration": took}
        score = scaled(a)
        if score is not None:
            verdict["score"] = {"scaled": score}
        made.append(_statement(a, "verdict", "passed" if a.passed else "failed", page,
                               a.finished_at, verdict))
    return made


def _scenario(db: Session, version_id: int, cache: dict[int, Scenario | None]) -> Scenario | None:
    if version_id not in cache:
        row = db.execute(select(ScenarioVersion.scenario_id, ScenarioVersion.text)
                         .where(ScenarioVersion.id == version_id)).one()
        cache[version_id] = load_text(row.text, f"<stored version of {row.scenario_id}>",
                                      stem=row.scenario_id).scenario
    return cache[version_id]


def export_statements(store: Store, *, trainee: str | None = None,
                      cohort: str | None = None) -> Statements:
    """The statements of a desk trainee's attempts, or of every member of a cohort."""
    with store.session() as db:
        if trainee is not None:
            where = Attempt.trainee_id == desk_trainee(db, trainee).id
        else:
            members = select(CohortMember.trainee_id).where(
                CohortMember.cohort_id == desk_cohort(db, cohort or "").id)
            where = Attempt.trainee_id.in_(members)
        found, damaged = read_attempts(db, where)
        broken = [str(d) for d in damaged]
        unverified = []
        cache: dict[int, Scenario | None] = {}
        made: list[dict] = []
        counted = 0
        for a in found:
            if not a.verified:
                unverified.append(f"attempt {a.uuid} of {a.trainee}: played on a scenario "
                                  "version nobody here has accepted")
                continue
            scenario = _scenario(db, a.version_id, cache)
            try:
                steps = read_steps(db, a)
            except Damaged as exc:
                broken.append(str(exc))
                continue
            if scenario is None:
                broken.append(f"attempt {a.uuid}: its scenario version no longer loads")
                continue
            made += attempt_statements(a, steps, scenario)
            counted += 1
    return Statements(made, counted, tuple(unverified), tuple(broken))
