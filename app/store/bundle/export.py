"""Writing a trainee's results bundle: every attempt that can travel, and a name for each
one that cannot.

Attempts still in progress are left out (they would conflict with the
finished attempt exported later). Each other attempt is read row by row,
played again on its stored version and compared with its stored results,
exactly as the instructor's import will; one that is damaged, or whose
version text no longer matches its hash, is named and left out, and the
rest are exported all the same.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from alongside import __version__
from alongside.engine.load import load_text
from alongside.engine.model import Scenario
from alongside.store.bundle.records import (
    FORMAT,
    VERSION,
    AttemptRecord,
    Bundle,
    BundleError,
    CohortRecord,
    Collected,
    StepRecord,
    TraineeRecord,
    VersionRecord,
)
from alongside.store.bundle.replay import derive, differences
from alongside.store.bundle.schema import MAX_BYTES, check_bundle, checksum, no_constant
from alongside.store.db import Store
from alongside.store.files import WriteError, write_atomically
from alongside.store.models import Attempt, Cohort, ScenarioVersion, Trainee
from alongside.store.profiles import find_profile, tidy
from alongside.store.rows import Damaged, StoredAttempt, raw, read_attempts, read_steps


def _record(a: StoredAttempt, steps: Iterable, cohort: str | None) -> AttemptRecord:
    return AttemptRecord(
        uuid=a.uuid, scenario_version=a.content_hash, cohort=cohort, group_name=a.group_name,
        mode=a.mode, status=a.status, started_at=a.started_at, finished_at=a.finished_at,
        ending=a.ending, scores=dict(a.scores), bands=dict(a.bands), passed=a.passed,
        critical_count=a.critical_count,
        steps=tuple(StepRecord(seq=s.seq, kind=s.kind, node=s.node, choice=s.choice,
                               text=s.text, findings=s.findings, votes=s.votes, at=s.at)
                    for s in steps))


class Versions:
    """The stored versions an export uses, each checked against its hash and loaded once."""

    def __init__(self, db: Session) -> None:
        self.db = db
        self.records: dict[int, VersionRecord] = {}
        self.scenarios: dict[int, Scenario | str] = {}

    def scenario(self, version_id: int) -> Scenario:
        if version_id not in self.scenarios:
            v = ScenarioVersion
            row = self.db.execute(select(raw(v.content_hash), raw(v.scenario_id),
                                         raw(v.title), raw(v.text))
                                  .where(v.id == version_id)).first()
            values = tuple(row) if row is not None else ()
            if len(values) != 4 or not all(isinstance(x, str) for x in values):
                self.scenarios[version_id] = "its scenario version is missing or damaged"
                return self.scenario(version_id)
            digest, scenario_id, title, text = (str(x) for x in values)
            if hashlib.sha256(text.encode()).hexdigest() != digest:
                self.scenarios[version_id] = "its scenario text no longer matches its hash"
            else:
                loaded = load_text(text, f"<stored version of {scenario_id}>",
                                   stem=scenario_id).scenario
                self.scenarios[version_id] = loaded or "its scenario version no longer loads"
                self.records[version_id] = VersionRecord(digest, scenario_id, title, text)
        found = self.scenarios[version_id]
        if isinstance(found, str):
            raise BundleError(found)
        return found


def _exportable(db: Session, a: StoredAttempt, versions: Versions,
                cohorts: dict[int, str]) -> AttemptRecord:
    """The attempt as a bundle carries it, once it is shown to import as it stands."""
    record = _record(a, read_steps(db, a), cohorts.get(a.cohort_id or -1))
    scenario = versions.scenario(a.version_id)
    found = differences(record, derive(record, scenario, "its steps"))
    if found:
        raise BundleError("its stored results differ from its steps: " + "; ".join(found))
    return record


def _person(db: Session, trainee: str) -> Trainee:
    person = find_profile(db, trainee)
    if person is None:
        raise BundleError(f"no profile named '{tidy(trainee)}' on this computer")
    return person


def collect(store: Store, trainee: str) -> Collected:
    """The bundle of the profile `trainee`'s finished and abandoned attempts."""
    with store.session() as db:
        return collect_of(db, _person(db, trainee), Versions(db))


def collect_of(db: Session, person: Trainee, versions: Versions) -> Collected:
    """The bundle of `person`'s finished and abandoned attempts, whoever they are: the
    desk's PDF report carries a desk trainee's, as export-results writes a profile's.
    `versions` keeps each scenario it loaded, for a caller that reads them too."""
    stored, damaged = read_attempts(db, Attempt.trainee_id == person.id)
    left_out = [(d.attempt, d.problem) for d in damaged]
    done = [a for a in stored if a.status != "in-progress"]
    cohorts = {c.id: c for c in db.scalars(select(Cohort).where(
        Cohort.id.in_({a.cohort_id for a in done if a.cohort_id is not None})))}
    cohort_uuids = {cid: c.uuid for cid, c in cohorts.items()}
    records: list[AttemptRecord] = []
    for a in done:
        try:
            records.append(_exportable(db, a, versions, cohort_uuids))
        except (BundleError, Damaged) as exc:
            left_out.append((a.uuid, getattr(exc, "problem", str(exc))))
    used = {r.scenario_version for r in records}
    used_cohorts = {r.cohort for r in records}
    bundle = Bundle(
        app_version=__version__, created=datetime.now(UTC),
        trainee=TraineeRecord(person.uuid, person.name),
        cohorts=tuple(CohortRecord(c.uuid, c.name, c.instructor) for c in cohorts.values()
                      if c.uuid in used_cohorts),
        scenario_versions=tuple(v for v in versions.records.values()
                                if v.content_hash in used),
        attempts=tuple(records))
    return Collected(bundle, len(stored) - len(done), tuple(left_out))


def _plain(value: object) -> object:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return value


def document(bundle: Bundle) -> dict:
    """The bundle as JSON-ready data, sealed with its checksum."""
    sealed = {"format": FORMAT, "version": VERSION, **cast(dict, _plain(bundle))}
    sealed["checksum"] = checksum(sealed)
    return sealed


def write_bundle(bundle: Bundle, out: Path) -> None:
    """Write atomically (a temporary file beside `out`, then a rename), never half a file.

    The bytes are read back through the importer's checks first, so a bundle
    that could not be imported elsewhere is never written. The file is the
    person's own (0600 on POSIX): it holds their replies in their own words.
    """
    data = (json.dumps(document(bundle), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if len(data) > MAX_BYTES:
        raise BundleError(f"the bundle would be larger than {MAX_BYTES // 2**20} MiB, the most "
                          "import-results accepts; nothing was written")
    try:
        check_bundle(json.loads(data, parse_constant=no_constant))
    except (BundleError, ValueError) as exc:
        raise BundleError(f"the stored results would not import ({exc}); nothing was "
                          "written") from None
    try:
        write_atomically(out, data)
    except WriteError as exc:
        raise BundleError(str(exc)) from None
