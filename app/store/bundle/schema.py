"""Reading a results bundle: the exact schema, the checksum, and every reference inside.

Everything is checked before the database is touched: size, nesting, every
field's type and range, the format version, the checksum, each scenario text
against its content hash, every reference inside the bundle, and every name
(which will be printed on terminals and screens: no control or bidirectional
characters). Limits on ids and titles are the validator's own
(`alongside.engine.vocabulary`), so whatever validates can travel.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import fields
from datetime import UTC, datetime
from math import isfinite
from pathlib import Path
from typing import cast

from alongside.engine.names import name_problem
from alongside.engine.policy import MODES
from alongside.engine.vocabulary import (
    CHOICE_ID_MAX,
    DIMENSIONS,
    NODE_ID_MAX,
    SCENARIO_ID_MAX,
    TITLE_MAX,
)
from alongside.engine.yamltree import MAX_BYTES as MAX_SCENARIO_BYTES
from alongside.scoring.bands import BAND_ORDER, NOT_YET
from alongside.store.bundle.records import (
    FORMAT,
    READABLE,
    VERSION,
    AttemptRecord,
    Bundle,
    BundleError,
    CohortRecord,
    StepRecord,
    TraineeRecord,
    VersionRecord,
)
from alongside.store.models import STATUSES, STEP_KINDS

MAX_BYTES = 20 * 1024 * 1024
MAX_REPLY = 100_000  # characters in one reply in a trainee's own words
MAX_FREE_DEPTH = 6  # nesting allowed inside a step's findings and votes
MAX_INT = 2**31 - 1  # PostgreSQL's integer

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HASH = re.compile(r"[0-9a-f]{64}")
_NAME = re.compile(r"\S+(?: \S+)*")
_LABEL = re.compile(r"\S+")
_V1_BANDS = {"not yet": NOT_YET}
# Version 1 bundles named their trainee only: each name stands for one trainee, the
# same one in every version-1 bundle (the most that can be told from them).
_V1_TRAINEES = uuidlib.UUID("0f5c1c1e-3d51-4c5e-9c39-7d3f0a7e4b21")


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


def _name(what: str) -> Check:
    """A name a person gave: single spaces, no control or bidirectional characters."""
    def check(value: object, where: str) -> str:
        text = _text(200, _NAME, "a name (single spaces, none at either end)")(value, where)
        problem = name_problem(str(text), f"{where}")
        if problem:
            raise BundleError(problem)
        return str(text)
    return check


def _blank_or(check: Check) -> Check:
    return lambda value, where: value if value == "" else check(value, where)


_STEP = _object({
    "seq": _whole(1, MAX_INT),
    "kind": _one_of(STEP_KINDS),
    "node": _text(NODE_ID_MAX, _LABEL, "a node id"),
    "choice": _optional(_text(CHOICE_ID_MAX, _LABEL, "a choice id")),
    "text": _optional(_text(MAX_REPLY)),
    "findings": _optional(_free_as(list, "a list")),
    "votes": _optional(_free_as(dict, "an object")),
    "at": _time,
}, StepRecord)

_ATTEMPT = _object({
    "uuid": _text(36, _UUID, "a lower-case uuid"),
    "scenario_version": _text(64, _HASH, "a sha256 content hash"),
    "cohort": _optional(_text(36, _UUID, "a lower-case uuid")),
    "group_name": _optional(_name("a group's name")),
    "mode": _one_of(MODES),
    "status": _one_of(STATUSES),
    "started_at": _time,
    "finished_at": _optional(_time),
    "ending": _optional(_text(NODE_ID_MAX, _LABEL, "a node id")),
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
    "trainee": _object({
        "uuid": _text(36, _UUID, "a lower-case uuid"),
        "name": _name("the trainee's name"),
    }, TraineeRecord),
    "cohorts": _list(_object({
        "uuid": _text(36, _UUID, "a lower-case uuid"),
        "name": _name("a cohort's name"),
        "instructor": _blank_or(_name("an instructor's name")),
    }, CohortRecord)),
    "scenario_versions": _list(_object({
        "content_hash": _text(64, _HASH, "a sha256 content hash"),
        "scenario_id": _text(SCENARIO_ID_MAX, _LABEL, "a scenario id"),
        "title": _text(TITLE_MAX),
        "text": _text(MAX_SCENARIO_BYTES),
    }, VersionRecord)),
    "attempts": _list(_ATTEMPT),
    "checksum": _text(80),
})


def checksum(document: dict) -> str:
    """sha256 of the canonical JSON of everything but the checksum itself."""
    payload = {k: v for k, v in document.items() if k != "checksum"}
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return "sha256:" + hashlib.sha256(canonical.encode("ascii")).hexdigest()


def read_bundle(path: Path) -> Bundle:
    """The checked contents of the bundle at `path`; BundleError says why it is refused."""
    return check_bundle(read_document(path))


def read_document(path: Path) -> object:
    """The JSON of a bundle file (results or feedback), before any check of its fields:
    size-limited, UTF-8, no repeated keys, no numbers that are not finite."""
    text = _read_text(path)
    try:
        return json.loads(text, object_pairs_hook=_no_repeats, parse_constant=no_constant,
                          parse_float=_finite)
    except RecursionError:
        raise BundleError("nested too deeply to be a bundle") from None
    except json.JSONDecodeError as exc:
        cut = ("; the file may be cut short" if exc.pos >= len(text.rstrip())
               or exc.msg.startswith("Unterminated string") else "")
        raise BundleError(f"not valid JSON at line {exc.lineno}, column {exc.colno} "
                          f"({exc.msg}){cut}") from None
    except ValueError as exc:
        raise BundleError(f"not valid JSON: {exc}") from None


def _read_text(path: Path) -> str:
    """The file's text, refusing anything too large before reading it all."""
    too_large = f"larger than {MAX_BYTES // 2**20} MiB, the most a bundle may be"
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
        raise BundleError("not UTF-8 text, so not a bundle") from None


def _no_repeats(pairs: list[tuple[str, object]]) -> dict:
    """Refuse repeated keys: the checksum would cover only the last of them."""
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("a field appears twice in one object")
    return result


def no_constant(name: str) -> float:
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
        _upgrade_v1(document)
    checked = cast(dict, _TOP(document, ""))
    bundle = Bundle(**{f.name: checked[f.name] for f in fields(Bundle)})
    _check_references(bundle)
    return bundle


def _upgrade_v1(document: dict) -> None:
    """A version-1 bundle in version 2's shape, where it has the expected shape (anything
    else is left for the schema check to refuse): band labels as ids, the trainee named
    by a uuid derived from their name."""
    attempts = document.get("attempts")
    for attempt in attempts if isinstance(attempts, list) else ():
        bands = attempt.get("bands") if isinstance(attempt, dict) else None
        if isinstance(bands, dict):
            for dim, band in bands.items():
                if isinstance(band, str):
                    bands[dim] = _V1_BANDS.get(band, band)
    name = document.get("trainee")
    if isinstance(name, str):
        document["trainee"] = {"uuid": str(uuidlib.uuid5(_V1_TRAINEES, name)), "name": name}


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
