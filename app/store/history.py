"""What has been played: a trainee's attempts, and their record per scenario.

Both are read on the app's worker thread and cross to the screens and the
command line as frozen dataclasses; the command line turns them into JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType

from sqlalchemy import select

from alongside.engine.policy import ASSESSMENT
from alongside.engine.vocabulary import DIMENSIONS
from alongside.scoring.bands import rank
from alongside.store.db import Store
from alongside.store.models import Attempt, ScenarioVersion, Trainee
from alongside.store.profiles import tidy


def utc(moment: datetime) -> datetime:
    """SQLite gives back naive times; everything stored is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class AttemptSummary:
    """One attempt as a list of attempts shows it; bands are ids (`not-yet`)."""

    attempt: str
    trainee: str | None
    scenario: str
    mode: str
    status: str
    started: datetime
    finished: datetime | None
    ending: str | None
    scores: Mapping[str, float | None]
    bands: Mapping[str, str | None]
    passed: bool
    critical: int

    @property
    def when(self) -> datetime:
        """When it finished, or began if it has not."""
        return self.finished or self.started


def history(store: Store, trainee: str | None = None) -> list[AttemptSummary]:
    """Attempts, newest first, with scores, bands and status."""
    with store.session() as db:
        query = (select(Attempt, Trainee.name, ScenarioVersion.scenario_id)
                 .join(Attempt.version).outerjoin(Attempt.trainee)
                 .order_by(Attempt.started_at.desc(), Attempt.id.desc()))
        if trainee is not None:
            query = query.where(Trainee.name == tidy(trainee))
        return [AttemptSummary(
            attempt=a.uuid, trainee=name, scenario=scenario_id, mode=a.mode, status=a.status,
            started=utc(a.started_at), finished=utc(a.finished_at) if a.finished_at else None,
            ending=a.ending,
            scores=MappingProxyType({d: getattr(a, f"score_{d}") for d in DIMENSIONS}),
            bands=MappingProxyType({d: getattr(a, f"band_{d}") for d in DIMENSIONS}),
            passed=a.passed, critical=a.critical_count)
            for a, name, scenario_id in db.execute(query)]


@dataclass(frozen=True, slots=True)
class ScenarioRecord:
    """What a trainee has done with one scenario, for the library."""

    best: Mapping[str, str] = field(default_factory=dict)
    in_progress: str | None = None
    in_progress_mode: str | None = None
    passed_assessment: bool = False


def records(store: Store, trainee: str) -> dict[str, ScenarioRecord]:
    """Per scenario id: the best band per dimension, the newest in-progress attempt
    (and its mode), and whether an assessment has been passed."""
    best: dict[str, dict[str, str]] = {}
    going: dict[str, tuple[str, str]] = {}
    passed: set[str] = set()
    with store.session() as db:
        query = (select(ScenarioVersion.scenario_id, Attempt.uuid, Attempt.status, Attempt.mode,
                        Attempt.passed, *(getattr(Attempt, f"band_{d}") for d in DIMENSIONS))
                 .join(Attempt.version).join(Attempt.trainee)
                 .where(Trainee.name == tidy(trainee))
                 .order_by(Attempt.started_at, Attempt.id))
        for scenario_id, uuid, status, mode, won, *bands in db.execute(query):
            mine = best.setdefault(scenario_id, {})
            if status == "in-progress":
                going[scenario_id] = (uuid, mode)
            elif status == "finished":
                if won and mode == ASSESSMENT.id:
                    passed.add(scenario_id)
                for dim, band in zip(DIMENSIONS, bands, strict=True):
                    if band is not None and (dim not in mine or rank(band) > rank(mine[dim])):
                        mine[dim] = band
    return {sid: ScenarioRecord(best=MappingProxyType(best[sid]),
                                in_progress=going[sid][0] if sid in going else None,
                                in_progress_mode=going[sid][1] if sid in going else None,
                                passed_assessment=sid in passed) for sid in best}
