"""Trainees: the profiles that share a computer, and the names they are found by.

A profile is found by its name's key (`name_key`: case, spacing and
compatibility forms folded), so "sam rivera " opens Sam Rivera's profile
rather than starting an empty second one; the name is stored as it was first
typed, tidied. `tidy` and `name_key` are re-exported for the store's callers.
"""

from __future__ import annotations

import uuid as uuidlib

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alongside.engine.names import name_key, name_problem, tidy
from alongside.store.db import Store
from alongside.store.errors import Refused
from alongside.store.models import Trainee

__all__ = ["ProfileError", "add_trainee", "find_profile", "name_key", "tidy", "trainee_named",
           "trainees"]


class ProfileError(Refused, ValueError):
    """A name that cannot be a profile; the message says why."""


def find_profile(session: Session, name: str) -> Trainee | None:
    """The profile of this computer whose name matches `name`, if there is one.

    Trainees imported from results bundles are not profiles: a profile is never
    matched to one of them, whatever their names.
    """
    return session.scalar(select(Trainee).where(Trainee.name_key == name_key(name),
                                                Trainee.local))


def trainee_named(session: Session, name: str) -> Trainee:
    """The profile of this computer called `name`, created if new; the caller commits."""
    name = tidy(name)
    problem = name_problem(name, "a trainee's name")
    if problem:
        raise ProfileError(problem)
    trainee = find_profile(session, name)
    if trainee is None:
        trainee = Trainee(uuid=str(uuidlib.uuid4()), name=name, name_key=name_key(name),
                          local=True)
        session.add(trainee)
        session.flush()
    return trainee


def add_trainee(store: Store, name: str) -> str:
    """Create the trainee `name` if new; returns the name as stored: tidied, or the
    existing profile's own spelling when the name matches one."""
    with store.session() as db:
        trainee = trainee_named(db, name)
        db.commit()
        return trainee.name


def trainees(store: Store) -> list[str]:
    """Every trainee's name, alphabetically: the profiles sharing this machine."""
    with store.session() as db:
        return list(db.scalars(select(Trainee.name).where(Trainee.local)
                               .order_by(func.lower(Trainee.name))))
