"""Importing a results bundle: results derived, trainees by id, versions marked, all or nothing.

Before the database is touched, every attempt is played again on the
scenario version it carries (`replay`): its results are the engine's, not
the bundle's, and an attempt that states otherwise, names a step the
scenario does not offer, or has impossible times refuses the file. Then, in
one transaction: the trainee is found by the uuid made with their profile
(never by name; a trainee of this desk, not a profile of this computer);
each scenario version this desk did not know (from its library or from
attempts already here) is stored as unverified; and every new attempt is
added. Rows that two imports could race for (trainee, version, cohort,
attempt) are inserted with `ON CONFLICT DO NOTHING` and then read back, so
two imports at once never collide. Attempts already stored with the same
content are skipped; one stored with different content refuses the file.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from alongside.engine.load import load_text
from alongside.engine.model import Scenario
from alongside.engine.vocabulary import DIMENSIONS
from alongside.store.bundle.records import (
    AttemptRecord,
    Bundle,
    BundleError,
    Imported,
)
from alongside.store.bundle.replay import CLOCK_SKEW, derive, differences, implausible_time
from alongside.store.db import Store
from alongside.store.models import Attempt, Base, Cohort, ScenarioVersion, Step, Trainee
from alongside.store.profiles import name_key
from alongside.store.rows import Damaged, StoredAttempt, read_attempts, read_steps

_CHUNK = 500  # uuids per IN (...) query, well under every database's limit


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def _scenarios(bundle: Bundle) -> dict[str, Scenario]:
    found = {}
    for i, v in enumerate(bundle.scenario_versions):
        result = load_text(v.text, f"<scenario_versions[{i}]>", stem=v.scenario_id)
        if result.scenario is None:
            first = next((p for p in result.problems if p.is_error), None)
            raise BundleError(f"scenario_versions[{i}] ({v.scenario_id}) does not load here: "
                              f"{first.message if first else 'it cannot be read'}")
        found[v.content_hash] = result.scenario
    return found


def checked(bundle: Bundle, now: datetime | None = None) -> tuple[AttemptRecord, ...]:
    """The bundle's attempts with the results their steps give; BundleError names any
    attempt whose stated results, steps or times cannot be so."""
    now = now or datetime.now(UTC)
    if bundle.created > now + CLOCK_SKEW:
        raise BundleError("the bundle says it was made in the future")
    scenarios = _scenarios(bundle)
    derived = []
    for i, a in enumerate(bundle.attempts):
        where = f"attempts[{i}] ({a.uuid})"
        problem = implausible_time(a, now)
        if problem:
            raise BundleError(f"{where} cannot have happened as it says: {problem}")
        found = derive(a, scenarios[a.scenario_version], where)
        wrong = differences(a, found)
        if wrong:
            raise BundleError(f"{where} states results its steps do not give: "
                              + "; ".join(wrong[:3]))
        outcome = found.outcome
        derived.append(replace(a, status=found.status, ending=found.ending,
                               scores=dict(outcome.scores), bands=dict(outcome.bands),
                               passed=outcome.passed, critical_count=len(outcome.critical)))
    return tuple(derived)


def _insert_new(db: Session, model: type[Base], key: str, rows: list[dict[str, Any]]) -> dict:
    """Row ids by `key` for `rows`, inserting those not yet stored; a row another
    import stores at the same moment is not an error."""
    if not rows:
        return {}
    table = cast(Table, model.__table__)
    dialect = sqlite if db.get_bind().dialect.name == "sqlite" else postgresql
    for start in range(0, len(rows), _CHUNK):
        db.execute(dialect.insert(table).values(rows[start:start + _CHUNK])
                   .on_conflict_do_nothing(index_elements=[key]))
    found: dict = {}
    for keys in _chunks([row[key] for row in rows]):
        found.update(db.execute(select(table.c[key], table.c.id)
                                .where(table.c[key].in_(keys))).all())
    return found


def _stored(db: Session, uuids: list[str]) -> dict[str, tuple[str | None, StoredAttempt, list]]:
    """Attempts of the bundle already in the database: their trainee's uuid, row and steps."""
    found = {}
    for chunk in _chunks(uuids):
        attempts, damaged = read_attempts(db, Attempt.uuid.in_(chunk))
        if damaged:
            raise BundleError(f"{damaged[0]}; it is in this bundle too, so nothing was imported")
        for a in attempts:
            found[a.uuid] = (a.trainee_uuid, a, read_steps(db, a))
    return found


def _same(stored: tuple[str | None, StoredAttempt, list], trainee: str,
          a: AttemptRecord, cohorts: dict[int, str]) -> bool:
    owner, row, steps = stored
    return (owner == trainee and row.content_hash == a.scenario_version
            and row.mode == a.mode and row.status == a.status and row.ending == a.ending
            and row.started_at == a.started_at and row.finished_at == a.finished_at
            and row.group_name == a.group_name and cohorts.get(row.cohort_id or -1) == a.cohort
            and [(s.seq, s.kind, s.node, s.choice, s.text, s.at) for s in steps]
            == [(s.seq, s.kind, s.node, s.choice, s.text, s.at) for s in a.steps])


def import_bundle(store: Store, bundle: Bundle, known: Collection[str] = ()) -> Imported:
    """Add the bundle's new attempts in one transaction, or nothing if any is refused.

    `known`: content hashes of the scenario versions in this desk's library.
    """
    attempts = checked(bundle)
    with store.session() as db:
        try:
            result = _import(db, bundle, attempts, known)
            if result.conflicts:
                db.rollback()
            else:
                db.commit()
        except SQLAlchemyError as exc:
            db.rollback()
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise BundleError(f"the database did not accept it ({reason}); nothing was "
                              "imported") from None
        except Damaged as exc:
            db.rollback()
            raise BundleError(str(exc)) from None
    return result


def _import(db: Session, bundle: Bundle, attempts: tuple[AttemptRecord, ...],
            known: Collection[str]) -> Imported:
    person = bundle.trainee
    stored = _stored(db, [a.uuid for a in attempts])
    cohort_uuids = {c.id: c.uuid for c in db.scalars(select(Cohort))} if stored else {}
    conflicts = tuple(a.uuid for a in attempts if a.uuid in stored
                      and not _same(stored[a.uuid], person.uuid, a, cohort_uuids))
    if conflicts:
        return Imported(person.name, 0, 0, conflicts)
    trainee = _insert_new(db, Trainee, "uuid", [
        {"uuid": person.uuid, "name": person.name, "name_key": name_key(person.name),
         "local": False,
         "created_at": datetime.now(UTC)}])[person.uuid]
    verified = set(db.scalars(select(ScenarioVersion.content_hash).where(
        ScenarioVersion.verified, ScenarioVersion.content_hash.in_(
            [v.content_hash for v in bundle.scenario_versions])))) | set(known)
    versions = _insert_new(db, ScenarioVersion, "content_hash", [
        {"scenario_id": v.scenario_id, "content_hash": v.content_hash, "title": v.title,
         "text": v.text, "first_seen": datetime.now(UTC),
         "verified": v.content_hash in verified} for v in bundle.scenario_versions])
    cohorts = _insert_new(db, Cohort, "uuid", [
        {"uuid": c.uuid, "name": c.name, "instructor": c.instructor,
         "created_at": datetime.now(UTC)} for c in bundle.cohorts])
    new = [a for a in attempts if a.uuid not in stored]
    added = sum(_add(db, a, trainee, versions, cohorts) for a in new)
    unverified = sum(1 for a in new if a.scenario_version not in verified)
    return Imported(person.name, added, len(attempts) - added, (), unverified)


def _add(db: Session, a: AttemptRecord, trainee: int, versions: dict, cohorts: dict) -> bool:
    """Insert one attempt and its steps; False if another import stored it first."""
    dialect = sqlite if db.get_bind().dialect.name == "sqlite" else postgresql
    row = db.execute(dialect.insert(Attempt.__table__).values(
        uuid=a.uuid, trainee_id=trainee, group_name=a.group_name,
        cohort_id=cohorts[a.cohort] if a.cohort else None,
        scenario_version_id=versions[a.scenario_version], mode=a.mode, status=a.status,
        started_at=a.started_at, finished_at=a.finished_at, ending=a.ending,
        **{f"score_{d}": a.scores[d] for d in DIMENSIONS},
        **{f"band_{d}": a.bands[d] for d in DIMENSIONS},
        passed=a.passed, critical_count=a.critical_count)
        .on_conflict_do_nothing(index_elements=["uuid"]).returning(Attempt.__table__.c.id)
    ).first()
    if row is None:
        return False
    if a.steps:
        db.execute(insert(Step), [
            {"attempt_id": row[0], "seq": s.seq, "kind": s.kind, "node": s.node,
             "choice": s.choice, "text": s.text, "findings": s.findings, "votes": s.votes,
             "at": s.at} for s in a.steps])
    return True
