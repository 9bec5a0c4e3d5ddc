"""What has been played: a trainee's attempts, and their record per scenario.

Both are read on the app's worker thread and cross to the screens and the
command line as frozen dataclasses; the command line turns them into JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType

from alongside.engine.policy import ASSESSMENT
from alongside.scoring.bands import rank
from alongside.store.db import Store
from alongside.store.models import Trainee
from alongside.store.profiles import name_key
from alongside.store.rows import StoredAttempt, read_attempts


def utc(moment: datetime) -> datetime:
    """SQLite gives back naive times; everything stored is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class AttemptSummary:
    """One attempt as a list of attempts shows it; bands are ids (`not-yet`).

    `verified` is False for an attempt on a scenario version this desk only
    knows from a results bundle (it does not count until an instructor
    accepts the version).
    """

    attempt: str
    trainee: str | None
    trainee_uuid: str | None
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
    verified: bool = True

    @property
    def when(self) -> datetime:
        """When it finished, or began if it has not."""
        return self.finished or self.started


@dataclass(frozen=True, slots=True)
class History:
    """Attempts, newest first, and why any stored attempt could not be read."""

    attempts: list[AttemptSummary]
    damaged: tuple[str, ...] = ()


def _summary(a: StoredAttempt) -> AttemptSummary:
    return AttemptSummary(
        attempt=a.uuid, trainee=a.trainee, trainee_uuid=a.trainee_uuid, scenario=a.scenario_id,
        mode=a.mode, status=a.status, started=a.started_at, finished=a.finished_at,
        ending=a.ending, scores=MappingProxyType(a.scores), bands=MappingProxyType(a.bands),
        passed=a.passed, critical=a.critical_count, verified=a.verified)


def _trainee_filter(trainee: str | None, local_only: bool) -> tuple:
    named = () if trainee is None else (Trainee.name_key == name_key(trainee),)
    return (*named, Trainee.local) if local_only else named


def history(store: Store, trainee: str | None = None, local_only: bool = False) -> History:
    """Attempts, newest first, with scores, bands and status: everyone's, or those of the
    trainees called `trainee` (only this computer's profiles, with `local_only`).

    A stored attempt with an impossible value is left out and named in `damaged`.
    """
    with store.session() as db:
        good, bad = read_attempts(db, *_trainee_filter(trainee, local_only))
    good.sort(key=lambda a: (a.started_at, a.id), reverse=True)
    return History([_summary(a) for a in good], tuple(str(exc) for exc in bad))


@dataclass(frozen=True, slots=True)
class ScenarioRecord:
    """What a trainee has done with one scenario, for the library."""

    best: Mapping[str, str] = field(default_factory=dict)
    in_progress: str | None = None
    in_progress_mode: str | None = None
    passed_assessment: bool = False


def records(store: Store, trainee: str) -> dict[str, ScenarioRecord]:
    """Per scenario id: the best band per dimension, the newest in-progress attempt
    (and its mode), and whether an assessment has been passed. Damaged attempts
    count for nothing."""
    best: dict[str, dict[str, str]] = {}
    going: dict[str, tuple[str, str]] = {}
    passed: set[str] = set()
    with store.session() as db:
        attempts, _damaged = read_attempts(db, *_trainee_filter(trainee, local_only=True))
    for a in attempts:
        mine = best.setdefault(a.scenario_id, {})
        if a.status == "in-progress":
            going[a.scenario_id] = (a.uuid, a.mode)
        elif a.status == "finished":
            if a.passed and a.mode == ASSESSMENT.id:
                passed.add(a.scenario_id)
            for dim, band in a.bands.items():
                if band is not None and (dim not in mine or rank(band) > rank(mine[dim])):
                    mine[dim] = band
    return {sid: ScenarioRecord(best=MappingProxyType(best[sid]),
                                in_progress=going[sid][0] if sid in going else None,
                                in_progress_mode=going[sid][1] if sid in going else None,
                                passed_assessment=sid in passed) for sid in best}
