"""Trainees of this desk, found by the name a person types or by the start of their id.

On the instructor's desk, trainees are the people whose results bundles were
imported (`Trainee.local` false), not the profiles of this computer: an
instructor reading or certifying someone never lands on a profile that
could play as them. Two people may share a name; then the name alone is
refused, naming both by the start of their ids, and either id start finds
one of them.
"""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alongside.engine.names import name_key, tidy
from alongside.store.errors import Refused
from alongside.store.models import Trainee

_ID_START = re.compile(r"[0-9a-f]{4}[0-9a-f-]{0,32}")


class TraineeError(Refused):
    """No trainee, or more than one, answers to what was typed; the message says which."""


def shown(trainee: Trainee) -> str:
    """A trainee as listings show them: name and the start of their id."""
    return f"{trainee.name} [{trainee.uuid[:8]}]"


def desk_trainee(db: Session, typed: str) -> Trainee:
    """The one trainee of this desk called `typed`, or whose id begins with it."""
    name = tidy(typed)
    found = list(db.scalars(select(Trainee).where(Trainee.name_key == name_key(name),
                                                  ~Trainee.local).order_by(Trainee.id)))
    if not found and _ID_START.fullmatch(name.lower()):
        found = list(db.scalars(select(Trainee).where(Trainee.uuid.startswith(name.lower()),
                                                      ~Trainee.local)))
    if len(found) == 1:
        return found[0]
    if found:
        raise TraineeError(f"{len(found)} trainees are called '{name}' "
                           f"({', '.join(shown(t) for t in found)}); give the start of "
                           "one's id instead")
    profile = db.scalar(select(Trainee.id).where(Trainee.name_key == name_key(name),
                                                 Trainee.local))
    also = (" ('" + name + "' is a profile of this computer; trainees of the desk arrive in "
            "results bundles: export-results there, import-results here)") if profile else ""
    raise TraineeError(f"no trainee named '{name}' on this desk{also}")


def desk_trainees(db: Session) -> list[tuple[str, str]]:
    """(name, uuid) of every trainee of this desk, by name: the people whose results were
    imported here, never a profile of this computer."""
    rows = db.execute(select(Trainee.name, Trainee.uuid).where(~Trainee.local)
                      .order_by(func.lower(Trainee.name), Trainee.uuid)).all()
    return [(name, uuid) for name, uuid in rows]
