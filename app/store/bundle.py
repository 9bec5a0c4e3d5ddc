"""Results bundles: one trainee's attempts carried from their laptop to an instructor.

Trainees practise offline on their own machines; instructors certify on what
those machines recorded. A bundle is one JSON file holding a trainee's
finished and abandoned attempts, every step of them, and the exact scenario
texts they were played on, so the instructor's database shows the same
transcripts and scores.

A bundle comes from outside, so it is checked whole before the database is
touched: size, nesting, every field's type and range, the format version,
the checksum, each scenario text against its content hash, and every
reference inside it. The checksum catches a file changed after export, by
accident or by hand; it is not a signature, since anyone can recompute it.
Importing is all or nothing per file and idempotent by attempt uuid: an
attempt already stored with the same content is skipped, and one stored
with different content is a conflict that refuses the whole file, so nothing
already recorded is ever overwritten.

Attempts still in progress are left out of an export: they would be stored
unfinished on the instructor's side, and the finished attempt exported later
would then conflict with them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields, is_dataclass
from datetime import UTC, datetime
from math import isfinite
from pathlib import Path
from typing import cast

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload

from alongside import __version__
from alongside.engine.policy import MODES
from alongside.engine.vocabulary import DIMENSIONS
from alongside.engine.yamltree import MAX_BYTES as MAX_SCENARIO_BYTES
from alongside.i18n import ngettext
from alongside.scoring.bands import BAND_ORDER, NOT_YET
from alongside.store.db import Store
from alongside.store.errors import Refused
from alongside.store.history import utc as _utc
from alongside.store.models import (
    STATUSES,
    STEP_KINDS,
    Attempt,
    Cohort,
    ScenarioVersion,
    Step,
    Trainee,
)
from alongside.store.profiles import trainee_named

FORMAT = "alongside-results"
VERSION = 2  # 2: bands are ids (`not-yet`); version 1 held their English labels
READABLE = (1, 2)
MAX_BYTES = 20 * 1024 * 1024
MAX_REPLY = 100_000  # characters in one reply in a trainee's own words
MAX_FREE_DEPTH = 6  # nesting allowed inside a step's findings and votes
MAX_INT = 2**31 - 1  # PostgreSQL's integer
_CHUNK = 500  # uuids per IN (...) query, well under every database's limit

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HASH = re.compile(r"[0-9a-f]{64}")
_NAME = re.compile(r"\S+(?: \S+)*")
_LABEL = re.compile(r"\S+")
_V1_BANDS = {"not yet": NOT_YET}


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
    """An attempt as a bundle carries it: references by content hash and uuid, not row id."""

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
class Bundle:
    app_version: str
    created: datetime
    trainee: str
    cohorts: tuple[CohortRecord, ...]
    scenario_versions: tuple[VersionRecord, ...]
    attempts: tuple[AttemptRecord, ...]


@dataclass(frozen=True, slots=True)
class Collected:
    """A trainee's bundle, and how many attempts were left out because they are unfinished."""

    bundle: Bundle
    unfinished: int


@dataclass(frozen=True, slots=True)
class Imported:
    """What importing one bundle did; `conflicts` non-empty means nothing was imported."""

    trainee: str
    added: int
    present: int
    conflicts: tuple[str, ...]

    def summary(self) -> str:
        if self.conflicts:
            shown = ", ".join(self.conflicts[:3])
            more = f" and {len(self.conflicts) - 3} more" if len(self.conflicts) > 3 else ""
            return (f"refused: {_attempts(len(self.conflicts))} ({shown}{more}) already stored "
                    "with different content; nothing imported from this file")
        return f"{_attempts(self.added)} of {self.trainee} imported, {self.present} already present"


def _attempts(n: int) -> str:
    return ngettext("{n} attempt", "{n} attempts", n).format(n=n)


# --- the exact schema ------------------------------------------------------------------------

Check = Callable[[object, str], object]


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false",
            type(None): "null"}.get(type(value), "a number")


def _wrong(where: str, wanted: str, value: object) -> BundleError:
    return BundleError(f"{where} must be {wanted}, not {_kind(value)}")


def _string(value: object, where: str, limit: int) -> str:
    if not isinstance(value, str):
        raise _wrong(where, "text", value)
    if len(value) > limit:
        raise BundleError(f"{where} is longer than {limit:,} characters")
    if "\x00" in value:
        raise BundleError(f"{where} holds a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BundleError(f"{where} is not valid Unicode text") from None
    return value


def _text(limit: int, pattern: re.Pattern | None = None, what: str = "") -> Check:
    def check(value: object, where: str) -> str:
        text = _string(value, where, limit)
        if pattern is not None and not pattern.fullmatch(text):
            raise BundleError(f"{where} is not {what}")
        return text
    return check


def _whole(low: int, high: int) -> Check:
    def check(value: object, where: str) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise _wrong(where, "a whole number", value)
        if not low <= value <= high:
            raise BundleError(f"{where} must be between {low} and {high}")
        return value
    return check


def _fraction(value: object, where: str) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise _wrong(where, "a number", value)
    if not 0 <= value <= 1:
        raise BundleError(f"{where} must be between 0 and 1")
    return float(value)


def _flag(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise _wrong(where, "true or false", value)
    return value


def _one_of(allowed: tuple[str, ...]) -> Check:
    def check(value: object, where: str) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise BundleError(f"{where} must be one of: {', '.join(allowed)}")
        return value
    return check


def _time(value: object, where: str) -> datetime:
    text = _string(value, where, 40)
    try:
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is None:
            raise ValueError
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise BundleError(f"{where} is not a time with a UTC offset (ISO 8601)") from None


def _optional(check: Check) -> Check:
    return lambda value, where: None if value is None else check(value, where)


def _list(item: Check) -> Check:
    def check(value: object, where: str) -> tuple:
        if not isinstance(value, list):
            raise _wrong(where, "a list", value)
        return tuple(item(v, f"{where}[{i}]") for i, v in enumerate(value))
    return check


def _object(spec: dict[str, Check], build: Callable | None = None) -> Check:
    """Exactly these fields, each checked; `build` turns the result into a record."""
    def check(value: object, where: str):
        if not isinstance(value, dict):
            raise _wrong(where or "the bundle", "an object", value)
        for key in value:
            if key not in spec:
                raise BundleError(f"{where or 'the bundle'} has an unknown field "
                                  f"'{key[:40]}'")
        for key in spec:
            if key not in value:
                raise BundleError(f"{where or 'the bundle'} lacks the field '{key}'")
        checked = {k: c(value[k], f"{where}.{k}" if where else k) for k, c in spec.items()}
        return build(**checked) if build else checked
    return check


def _free(value: object, where: str, depth: int = 0):
    """Plain JSON kept as it is (language findings, group votes), within bounds."""
    if depth > MAX_FREE_DEPTH:
        raise BundleError(f"{where} is nested more than {MAX_FREE_DEPTH} levels deep")
    if isinstance(value, str):
        return _string(value, where, 10_000)
    if isinstance(value, list):
        return [_free(v, f"{where}[{i}]", depth + 1) for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {_string(k, f"{where} key", 200): _free(v, f"{where}.{k[:40]}", depth + 1)
                for k, v in value.items()}
    return value  # numbers (finite, by the parser), true/false, null


def _free_as(kind: type, wanted: str) -> Check:
    def check(value: object, where: str):
        if not isinstance(value, kind):
            raise _wrong(where, wanted, value)
        return _free(value, where)
    return check


_STEP = _object({
    "seq": _whole(1, MAX_INT),
    "kind": _one_of(STEP_KINDS),
    "node": _text(200, _LABEL, "a node id"),
    "choice": _optional(_text(200, _LABEL, "a choice id")),
    "text": _optional(_text(MAX_REPLY)),
    "findings": _optional(_free_as(list, "a list")),
    "votes": _optional(_free_as(dict, "an object")),
    "at": _time,
}, StepRecord)

_ATTEMPT = _object({
    "uuid": _text(36, _UUID, "a lower-case uuid"),
    "scenario_version": _text(64, _HASH, "a sha256 content hash"),
    "cohort": _optional(_text(36, _UUID, "a lower-case uuid")),
    "group_name": _optional(_text(200)),
    "mode": _one_of(MODES),
    "status": _one_of(STATUSES),
    "started_at": _time,
    "finished_at": _optional(_time),
    "ending": _optional(_text(100, _LABEL, "a node id")),
    "scores": _object({d: _optional(_fraction) for d in DIMENSIONS}),
    "bands": _object({d: _optional(_one_of(BAND_ORDER)) for d in DIMENSIONS}),
    "passed": _flag,
    "critical_count": _whole(0, MAX_INT),
    "steps": _list(_STEP),
}, AttemptRecord)

_TOP = _object({
    "format": _one_of((FORMAT,)),
    "version": _whole(READABLE[0], READABLE[-1]),
    "app_version": _text(40),
    "created": _time,
    "trainee": _text(200, _NAME, "a name (single spaces, none at either end)"),
    "cohorts": _list(_object({
        "uuid": _text(36, _UUID, "a lower-case uuid"),
        "name": _text(200),
        "instructor": _text(200),
    }, CohortRecord)),
    "scenario_versions": _list(_object({
        "content_hash": _text(64, _HASH, "a sha256 content hash"),
        "scenario_id": _text(100, _LABEL, "a scenario id"),
        "title": _text(300),
        "text": _text(MAX_SCENARIO_BYTES),
    }, VersionRecord)),
    "attempts": _list(_ATTEMPT),
    "checksum": _text(80),
})


# --- reading and checking --------------------------------------------------------------------

def checksum(document: dict) -> str:
    """sha256 of the canonical JSON of everything but the checksum itself."""
    payload = {k: v for k, v in document.items() if k != "checksum"}
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return "sha256:" + hashlib.sha256(canonical.encode("ascii")).hexdigest()


def read_bundle(path: Path) -> Bundle:
    """The checked contents of the bundle at `path`; BundleError says why it is refused."""
    text = _read_text(path)
    try:
        document = json.loads(text, object_pairs_hook=_no_repeats,
                              parse_constant=_no_constant, parse_float=_finite)
    except RecursionError:
        raise BundleError("nested too deeply to be a results bundle") from None
    except json.JSONDecodeError as exc:
        cut = ("; the file may be cut short" if exc.pos >= len(text.rstrip())
               or exc.msg.startswith("Unterminated string") else "")
        raise BundleError(f"not valid JSON at line {exc.lineno}, column {exc.colno} "
                          f"({exc.msg}){cut}") from None
    except ValueError as exc:
        raise BundleError(f"not valid JSON: {exc}") from None
    return check_bundle(document)


def _read_text(path: Path) -> str:
    """The file's text, refusing anything too large before reading it all."""
    too_large = f"larger than {MAX_BYTES // 2**20} MiB, the most a results bundle may be"
    try:
        if not path.is_file():
            raise BundleError("not a file")
        if path.stat().st_size > MAX_BYTES:
            raise BundleError(too_large)
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise BundleError(f"cannot read it: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise BundleError(too_large)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleError("not UTF-8 text, so not a results bundle") from None


def _no_repeats(pairs: list[tuple[str, object]]) -> dict:
    """Refuse repeated keys: the checksum would cover only the last of them."""
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("a field appears twice in one object")
    return result


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number a bundle may hold")


def _finite(text: str) -> float:
    value = float(text)
    if not isfinite(value):
        raise ValueError(f"{text[:20]} is too large a number")
    return value


def check_bundle(document: object) -> Bundle:
    """A parsed document checked whole: header, checksum, schema, then references."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BundleError(f"not an Alongside results bundle (no \"format\": \"{FORMAT}\")")
    version = document.get("version")
    if type(version) is not int:
        raise BundleError("the bundle's format version is missing or not a whole number")
    if version not in READABLE:
        newer = "; update Alongside to import it" if version > VERSION else ""
        raise BundleError(f"bundle format version {version} is not known; this Alongside "
                          f"reads versions {', '.join(map(str, READABLE))}{newer}")
    try:
        expected = checksum(document)
    except RecursionError:
        raise BundleError("nested too deeply to be a results bundle") from None
    if not isinstance(document.get("checksum"), str):
        raise BundleError("the bundle has no checksum")
    if document["checksum"] != expected:
        raise BundleError("checksum does not match (the file was changed after export)")
    if version == 1:
        _bands_to_ids(document)
    checked = cast(dict, _TOP(document, ""))
    bundle = Bundle(**{f.name: checked[f.name] for f in fields(Bundle)})
    _check_references(bundle)
    return bundle


def _bands_to_ids(document: dict) -> None:
    """A version-1 bundle's band labels as ids, where the bundle has the expected shape
    (anything else is left for the schema check to refuse)."""
    attempts = document.get("attempts")
    for attempt in attempts if isinstance(attempts, list) else ():
        bands = attempt.get("bands") if isinstance(attempt, dict) else None
        if isinstance(bands, dict):
            for dim, band in bands.items():
                if isinstance(band, str):
                    bands[dim] = _V1_BANDS.get(band, band)


def _check_references(bundle: Bundle) -> None:
    """Everything an attempt points at is in the bundle, once, and all of it is used."""
    hashes = _unique([v.content_hash for v in bundle.scenario_versions], "scenario version")
    cohorts = _unique([c.uuid for c in bundle.cohorts], "cohort")
    _unique([a.uuid for a in bundle.attempts], "attempt")
    for i, version in enumerate(bundle.scenario_versions):
        if hashlib.sha256(version.text.encode()).hexdigest() != version.content_hash:
            raise BundleError(f"scenario_versions[{i}].text does not match its content_hash "
                              "(the scenario text was changed)")
    for i, attempt in enumerate(bundle.attempts):
        if attempt.scenario_version not in hashes:
            raise BundleError(f"attempts[{i}] was played on scenario version "
                              f"{attempt.scenario_version[:12]}, which the bundle does not carry")
        if attempt.cohort is not None and attempt.cohort not in cohorts:
            raise BundleError(f"attempts[{i}] belongs to cohort {attempt.cohort}, which the "
                              "bundle does not carry")
        for dim in DIMENSIONS:
            if (attempt.scores[dim] is None) != (attempt.bands[dim] is None):
                raise BundleError(f"attempts[{i}] has a {dim} score without a band, or a band "
                                  "without a score")
        for j, step in enumerate(attempt.steps):
            _check_step(step, j, f"attempts[{i}].steps[{j}]")
    for what, carried, used in (
            ("scenario version", hashes, {a.scenario_version for a in bundle.attempts}),
            ("cohort", cohorts, {a.cohort for a in bundle.attempts})):
        if carried - used:
            raise BundleError(f"the bundle carries {what} {sorted(carried - used)[0]}, which "
                              "no attempt uses")


def _check_step(step: StepRecord, index: int, where: str) -> None:
    if step.seq != index + 1:
        raise BundleError(f"{where} is numbered {step.seq}; steps must be numbered 1, 2, 3... "
                          "in order")
    if step.kind in ("choice", "back") and step.choice is None:
        raise BundleError(f"{where} is a {step.kind} step without a choice")
    if step.kind == "reply" and step.text is None:
        raise BundleError(f"{where} is a reply without its text")


def _unique(keys: list[str], what: str) -> set[str]:
    seen = set(keys)
    if len(seen) != len(keys):
        raise BundleError(f"the bundle carries one {what} twice")
    return seen


# --- export --------------------------------------------------------------------------------

def _record(attempt: Attempt, cohort_uuid: str | None) -> AttemptRecord:
    return AttemptRecord(
        uuid=attempt.uuid, scenario_version=attempt.version.content_hash, cohort=cohort_uuid,
        group_name=attempt.group_name, mode=attempt.mode, status=attempt.status,
        started_at=_utc(attempt.started_at),
        finished_at=_utc(attempt.finished_at) if attempt.finished_at else None,
        ending=attempt.ending,
        scores={d: getattr(attempt, f"score_{d}") for d in DIMENSIONS},
        bands={d: getattr(attempt, f"band_{d}") for d in DIMENSIONS},
        passed=attempt.passed, critical_count=attempt.critical_count,
        steps=tuple(StepRecord(seq=s.seq, kind=s.kind, node=s.node, choice=s.choice,
                               text=s.text, findings=s.findings, votes=s.votes, at=_utc(s.at))
                    for s in attempt.steps))


def _cohorts_by_id(db: Session, attempts: Iterable[Attempt]) -> dict[int, Cohort]:
    ids = {a.cohort_id for a in attempts if a.cohort_id is not None}
    return {c.id: c for c in db.scalars(select(Cohort).where(Cohort.id.in_(ids)))} if ids else {}


def collect(store: Store, trainee: str) -> Collected:
    """The bundle of `trainee`'s finished and abandoned attempts."""
    name = " ".join(trainee.split())
    with store.session() as db:
        person = db.scalar(select(Trainee).where(Trainee.name == name))
        if person is None:
            raise BundleError(f"no trainee named '{name}' in this database")
        attempts = db.scalars(
            select(Attempt).where(Attempt.trainee_id == person.id)
            .options(selectinload(Attempt.steps), selectinload(Attempt.version))
            .order_by(Attempt.started_at, Attempt.id)).all()
        done = [a for a in attempts if a.status != "in-progress"]
        cohorts = _cohorts_by_id(db, done)
        versions = {a.version.content_hash: a.version for a in done}
        bundle = Bundle(
            app_version=__version__, created=datetime.now(UTC), trainee=person.name,
            cohorts=tuple(CohortRecord(c.uuid, c.name, c.instructor) for c in cohorts.values()),
            scenario_versions=tuple(VersionRecord(v.content_hash, v.scenario_id, v.title, v.text)
                                    for v in versions.values()),
            attempts=tuple(_record(a, cohorts[a.cohort_id].uuid if a.cohort_id else None)
                           for a in done))
    return Collected(bundle, len(attempts) - len(done))


def _plain(value: object) -> object:
    if is_dataclass(value):
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
    that could not be imported elsewhere is never written.
    """
    data = (json.dumps(document(bundle), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if len(data) > MAX_BYTES:
        raise BundleError(f"the bundle would be larger than {MAX_BYTES // 2**20} MiB, the most "
                          "import-results accepts; nothing was written")
    try:
        check_bundle(json.loads(data, parse_constant=_no_constant))
    except (BundleError, ValueError) as exc:
        raise BundleError(f"the stored results would not import ({exc}); nothing was "
                          "written") from None
    if out.is_dir():
        raise BundleError(f"cannot write {out}: it is a folder")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part",
                                             dir=out.parent)
    except OSError as exc:
        raise BundleError(f"cannot write {out}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, out)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise BundleError(f"cannot write {out}: {exc.strerror or exc}") from None


# --- import --------------------------------------------------------------------------------

def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def _stored(db: Session, uuids: list[str]) -> dict[str, tuple[str | None, AttemptRecord]]:
    """Attempts already in the database, by uuid, with their trainee's name."""
    found: dict[str, tuple[str | None, AttemptRecord]] = {}
    for chunk in _chunks(uuids):
        attempts = db.scalars(
            select(Attempt).where(Attempt.uuid.in_(chunk))
            .options(selectinload(Attempt.steps), selectinload(Attempt.version),
                     selectinload(Attempt.trainee))).all()
        cohorts = _cohorts_by_id(db, attempts)
        for a in attempts:
            found[a.uuid] = (a.trainee.name if a.trainee else None,
                             _record(a, cohorts[a.cohort_id].uuid if a.cohort_id else None))
    return found


def _existing(db: Session, model: type[Cohort] | type[ScenarioVersion], key: str,
              keys: list[str]) -> dict[str, int]:
    """Row ids of `model` by the value of its `key` column, for the keys already stored."""
    column = getattr(model, key)
    found: dict[str, int] = {}
    for chunk in _chunks(keys):
        found.update(db.execute(select(column, model.id).where(column.in_(chunk))).all())
    return found


def _version_ids(db: Session, versions: tuple[VersionRecord, ...]) -> dict[str, int]:
    """Row ids by content hash, storing the versions this database has not seen."""
    ids = _existing(db, ScenarioVersion, "content_hash", [v.content_hash for v in versions])
    for v in versions:
        if v.content_hash not in ids:
            row = ScenarioVersion(scenario_id=v.scenario_id, content_hash=v.content_hash,
                                  title=v.title, text=v.text)
            db.add(row)
            db.flush()
            ids[v.content_hash] = row.id
    return ids


def _cohort_ids(db: Session, cohorts: tuple[CohortRecord, ...]) -> dict[str, int]:
    """Row ids by uuid, storing the cohorts this database has not seen (as they were named)."""
    ids = _existing(db, Cohort, "uuid", [c.uuid for c in cohorts])
    for c in cohorts:
        if c.uuid not in ids:
            row = Cohort(uuid=c.uuid, name=c.name, instructor=c.instructor)
            db.add(row)
            db.flush()
            ids[c.uuid] = row.id
    return ids


def import_bundle(store: Store, bundle: Bundle) -> Imported:
    """Add the bundle's new attempts in one transaction, or nothing if any conflicts."""
    with store.session() as db:
        try:
            result = _import(db, bundle)
            if result.conflicts:
                db.rollback()
            else:
                db.commit()
        except SQLAlchemyError as exc:
            db.rollback()
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise BundleError(f"the database did not accept it ({reason}); nothing was "
                              "imported") from None
    return result


def _import(db: Session, bundle: Bundle) -> Imported:
    stored = _stored(db, [a.uuid for a in bundle.attempts])
    conflicts = tuple(a.uuid for a in bundle.attempts
                      if a.uuid in stored and stored[a.uuid] != (bundle.trainee, a))
    if conflicts:
        return Imported(bundle.trainee, 0, 0, conflicts)
    person = trainee_named(db, bundle.trainee)
    versions = _version_ids(db, bundle.scenario_versions)
    cohorts = _cohort_ids(db, bundle.cohorts)
    new = [a for a in bundle.attempts if a.uuid not in stored]
    for a in new:
        db.add(Attempt(
            uuid=a.uuid, trainee_id=person.id, group_name=a.group_name,
            cohort_id=cohorts[a.cohort] if a.cohort else None,
            scenario_version_id=versions[a.scenario_version], mode=a.mode, status=a.status,
            started_at=a.started_at, finished_at=a.finished_at, ending=a.ending,
            **{f"score_{d}": a.scores[d] for d in DIMENSIONS},
            **{f"band_{d}": a.bands[d] for d in DIMENSIONS},
            passed=a.passed, critical_count=a.critical_count,
            steps=[Step(seq=s.seq, kind=s.kind, node=s.node, choice=s.choice, text=s.text,
                        findings=s.findings, votes=s.votes, at=s.at) for s in a.steps]))
    return Imported(bundle.trainee, len(new), len(stored), ())
