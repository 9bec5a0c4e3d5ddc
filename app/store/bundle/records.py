"""What a results bundle holds, as records, and what exporting and importing one did."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from alongside.i18n import ngettext
from alongside.store.errors import Refused

FORMAT = "alongside-results"
# 2: bands are ids (`not-yet`) and the trainee is {uuid, name}; version 1 held band
# labels and only the trainee's name.
VERSION = 2
READABLE = (1, 2)


class BundleError(Refused):
    """A bundle that cannot be written or imported; the message says why."""


@dataclass(frozen=True, slots=True)
class StepRecord:
    seq: int
    kind: str
    node: str
    choice: str | None
    text: str | None
    findings: list | None
    votes: dict | None
    at: datetime


@dataclass(frozen=True, slots=True)
class AttemptRecord:
    """An attempt as a bundle carries it: references by content hash and uuid, not row id.

    The results (scores, bands, passed, critical count, ending) are what the
    exporting machine stated; an importer works them out again from the steps.
    """

    uuid: str
    scenario_version: str
    cohort: str | None
    group_name: str | None
    mode: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    ending: str | None
    scores: dict
    bands: dict
    passed: bool
    critical_count: int
    steps: tuple[StepRecord, ...]


@dataclass(frozen=True, slots=True)
class VersionRecord:
    content_hash: str
    scenario_id: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class CohortRecord:
    uuid: str
    name: str
    instructor: str


@dataclass(frozen=True, slots=True)
class TraineeRecord:
    """Who the attempts are by: the uuid made with their profile, and their name."""

    uuid: str
    name: str


@dataclass(frozen=True, slots=True)
class Bundle:
    app_version: str
    created: datetime
    trainee: TraineeRecord
    cohorts: tuple[CohortRecord, ...]
    scenario_versions: tuple[VersionRecord, ...]
    attempts: tuple[AttemptRecord, ...]


@dataclass(frozen=True, slots=True)
class Collected:
    """A trainee's bundle; how many attempts were left out as unfinished; and those
    that could not be exported, each with why (the rest are exported all the same)."""

    bundle: Bundle
    unfinished: int
    left_out: tuple[tuple[str, str], ...] = ()


def attempts(n: int) -> str:
    return ngettext("{n} attempt", "{n} attempts", n).format(n=n)


@dataclass(frozen=True, slots=True)
class Imported:
    """What importing one bundle did; `conflicts` non-empty means nothing was imported.

    `unverified`: of the attempts added, those played on a scenario version this
    desk did not know; they do not count until an instructor accepts the version.
    """

    trainee: str
    added: int
    present: int
    conflicts: tuple[str, ...]
    unverified: int = 0

    def summary(self) -> str:
        if self.conflicts:
            shown = ", ".join(self.conflicts[:3])
            more = f" and {len(self.conflicts) - 3} more" if len(self.conflicts) > 3 else ""
            return (f"refused: {attempts(len(self.conflicts))} ({shown}{more}) already stored "
                    "with different content; nothing imported from this file")
        note = (f" ({self.unverified} on a scenario version this desk did not know: marked "
                "unverified until an instructor accepts it)" if self.unverified else "")
        return (f"{attempts(self.added)} of {self.trainee} imported, {self.present} already "
                f"present{note}")
