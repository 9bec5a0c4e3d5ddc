"""Trainees: the profiles that share a computer, and the names they are found by."""

from __future__ import annotations

import uuid as uuidlib

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alongside.store.db import Store
from alongside.store.errors import Refused
from alongside.store.models import Trainee


class ProfileError(Refused, ValueError):
    """A name that cannot be a profile; the message says why."""


def tidy(name: str) -> str:
    """A name as it is stored and matched: runs of spaces made one, none at the ends."""
    return " ".join(name.split())


def trainee_named(session: Session, name: str) -> Trainee:
    """The trainee called `name`, created if new; the caller commits."""
    name = tidy(name)
    if not name:
        raise ProfileError("a trainee needs a name")
    trainee = session.scalar(select(Trainee).where(Trainee.name == name))
    if trainee is None:
        trainee = Trainee(uuid=str(uuidlib.uuid4()), name=name)
        session.add(trainee)
        session.flush()
    return trainee


def add_trainee(store: Store, name: str) -> str:
    """Create the trainee `name` if new; returns the name as stored (spaces tidied)."""
    with store.session() as db:
        trainee = trainee_named(db, name)
        db.commit()
        return trainee.name


def trainees(store: Store) -> list[str]:
    """Every trainee's name, alphabetically: the profiles sharing this machine."""
    with store.session() as db:
        return list(db.scalars(select(Trainee.name).order_by(func.lower(Trainee.name))))
