"""Feedback bundles: an instructor's comments and decisions, carried back to the trainee.

The desk writes one per trainee (`collect_feedback`, `write_feedback`): every
comment on their attempts and every certification decision about them, in
JSON sealed with the same checksum as results bundles. On the trainee's
laptop `import-results` recognises it and stores each comment against its
attempt (`import_feedback`), by the comment's uuid, so importing twice keeps
one copy. A file changed after export, with an unknown field or a wrong
type, is refused whole with the field named; nothing is stored from it.
Decisions travel for the trainee to read; their laptop keeps no cohort to
file them under, so they are counted, not stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from alongside import __version__
from alongside.i18n import ngettext
from alongside.store.bundle.records import BundleError
from alongside.store.bundle.schema import (
    _UUID,
    MAX_INT,
    _flag,
    _list,
    _name,
    _object,
    _one_of,
    _optional,
    _text,
    _time,
    _whole,
    checksum,
)
from alongside.store.certification import decisions_about
from alongside.store.comments import MAX_COMMENT, comments_in
from alongside.store.db import Store
from alongside.store.files import WriteError, write_atomically
from alongside.store.models import RATINGS, WAIVER_REASONS, Attempt, InstructorNote, Trainee
from alongside.store.trainees import desk_trainee

FORMAT = "alongside-feedback"
VERSION = 1

_ID = _text(36, _UUID, "a lower-case uuid")
_SCHEMA = _object({
    "format": _one_of((FORMAT,)),
    "version": _whole(VERSION, VERSION),
    "app_version": _text(40),
    "created": _time,
    "trainee": _object({"uuid": _ID, "name": _name("the trainee's name")}),
    "comments": _list(_object({
        "uuid": _ID, "attempt": _ID, "step": _optional(_whole(1, MAX_INT)),
        "author": _name("an instructor's name"), "text": _text(MAX_COMMENT), "at": _time})),
    "decisions": _list(_object({
        "uuid": _ID, "cohort": _name("a cohort's name"), "curriculum": _text(100),
        "instructor": _name("an instructor's name"), "decided_at": _time,
        "rating": _one_of(RATINGS), "certified": _flag, "comment": _text(MAX_COMMENT),
        "waivers": _list(_object({"scenario": _text(100), "reason": _one_of(WAIVER_REASONS),
                                  "comment": _text(MAX_COMMENT)}))})),
    "checksum": _text(80),
})


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def collect_feedback(store: Store, trainee: str) -> dict:
    """The sealed feedback document for the desk trainee `trainee`."""
    with store.session() as db:
        person = desk_trainee(db, trainee)
        comments = []
        for attempt_id, uuid in db.execute(select(Attempt.id, Attempt.uuid).where(
                Attempt.trainee_id == person.id).order_by(Attempt.started_at, Attempt.id)):
            comments += [{"uuid": c.uuid, "attempt": c.attempt, "step": c.step,
                          "author": c.author, "text": c.text, "at": _iso(c.at)}
                         for c in comments_in(db, attempt_id, uuid)]
        decided = [{"uuid": d.uuid, "cohort": d.cohort, "curriculum": d.curriculum,
                    "instructor": d.instructor, "decided_at": _iso(d.decided_at),
                    "rating": d.rating, "certified": d.certified, "comment": d.comment,
                    "waivers": [{"scenario": w.scenario, "reason": w.reason,
                                 "comment": w.comment} for w in d.waivers]}
                   for d in decisions_about(db, person)]
        document = {"format": FORMAT, "version": VERSION, "app_version": __version__,
                    "created": _iso(datetime.now(UTC)),
                    "trainee": {"uuid": person.uuid, "name": person.name},
                    "comments": comments, "decisions": decided}
    document["checksum"] = checksum(document)
    return document


def write_feedback(document: dict, out: Path) -> None:
    data = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        write_atomically(out, data)
    except WriteError as exc:
        raise BundleError(str(exc)) from None


def is_feedback(document: object) -> bool:
    return isinstance(document, dict) and document.get("format") == FORMAT


def check_feedback(document: object) -> dict:
    """The document checked whole: format, version, checksum, then every field."""
    if not is_feedback(document):
        raise BundleError(f"not an Alongside feedback bundle (no \"format\": \"{FORMAT}\")")
    doc = cast(dict, document)
    if doc.get("version") != VERSION:
        raise BundleError(f"feedback format version {doc.get('version')!r} is not known; this "
                          f"Alongside reads version {VERSION}")
    if doc.get("checksum") != checksum(doc):
        raise BundleError("checksum does not match (the file was changed after export)")
    return cast(dict, _SCHEMA(doc, ""))


@dataclass(frozen=True, slots=True)
class FeedbackImported:
    trainee: str
    added: int
    present: int
    elsewhere: int
    decisions: int
    conflicts: tuple[str, ...] = ()  # as results imports report them: a feedback has none

    def summary(self) -> str:
        comments = ngettext("{n} comment", "{n} comments", self.added).format(n=self.added)
        away = (f", {self.elsewhere} on attempts not on this computer" if self.elsewhere
                else "")
        told = ngettext("{n} decision", "{n} decisions", self.decisions).format(
            n=self.decisions)
        return (f"feedback for {self.trainee}: {comments} added, {self.present} already "
                f"present{away}; {told} read")


def import_feedback(store: Store, document: object) -> FeedbackImported:
    """Store the comments of a feedback bundle (as `read_document` gives it) against this
    computer's attempts of its trainee, in one transaction."""
    checked = check_feedback(document)
    person = checked["trainee"]
    with store.session() as db:
        trainee = db.scalar(select(Trainee.id).where(Trainee.uuid == person["uuid"],
                                                     Trainee.local))
        if trainee is None:
            raise BundleError(f"this feedback is for {person['name']} [{person['uuid'][:8]}], "
                              "who has no profile on this computer")
        attempts = dict(db.execute(select(Attempt.uuid, Attempt.id).where(
            Attempt.trainee_id == trainee)).all())
        here = [c for c in checked["comments"] if c["attempt"] in attempts]
        dialect = sqlite if store.is_sqlite else postgresql
        added = 0
        for c in here:
            added += db.execute(dialect.insert(InstructorNote).values(
                uuid=c["uuid"], attempt_id=attempts[c["attempt"]], step_seq=c["step"],
                author=c["author"], text=c["text"], created_at=c["at"])
                .on_conflict_do_nothing(index_elements=["uuid"])
                .returning(InstructorNote.id)).first() is not None
        db.commit()
    return FeedbackImported(person["name"], added, len(here) - added,
                            len(checked["comments"]) - len(here), len(checked["decisions"]))
