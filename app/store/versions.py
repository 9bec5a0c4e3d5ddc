"""Scenario versions an instructor has looked at and accepted.

An attempt imported on a scenario text this desk had never seen is kept as
unverified (`ScenarioVersion.verified` false): a trainee could have written
an easier scenario and played that. Once an instructor has read the version
and accepts it, its attempts count like any other; who accepted it, and
when, is kept with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select

from alongside.store.db import Store
from alongside.store.errors import Refused
from alongside.store.models import Attempt, ScenarioVersion


class VersionError(Refused):
    """No such version, or one that needs no accepting."""


@dataclass(frozen=True, slots=True)
class Unverified:
    content_hash: str
    scenario_id: str
    title: str
    attempts: int


def unverified(store: Store) -> list[Unverified]:
    """Versions waiting for an instructor, with how many attempts were played on them."""
    with store.session() as db:
        rows = db.execute(
            select(ScenarioVersion.content_hash, ScenarioVersion.scenario_id,
                   ScenarioVersion.title, func.count(Attempt.id))
            .outerjoin(Attempt, Attempt.scenario_version_id == ScenarioVersion.id)
            .where(ScenarioVersion.verified.is_(False))
            .group_by(ScenarioVersion.id).order_by(ScenarioVersion.scenario_id)).all()
    return [Unverified(*row) for row in rows]


def accept_version(store: Store, content_hash: str, instructor: str) -> None:
    """Mark the version whose hash starts with `content_hash` as accepted by `instructor`."""
    with store.session() as db:
        found = db.scalars(select(ScenarioVersion).where(
            ScenarioVersion.content_hash.startswith(content_hash))).all()
        if len(found) != 1:
            raise VersionError(f"{len(found) or 'no'} scenario versions begin with "
                               f"{content_hash!r}")
        version = found[0]
        if version.verified:
            raise VersionError(f"the version {version.content_hash[:12]} of "
                               f"'{version.scenario_id}' is already verified")
        version.verified = True
        version.accepted_by, version.accepted_at = instructor, datetime.now(UTC)
        db.commit()
