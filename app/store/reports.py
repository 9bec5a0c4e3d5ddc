"""CSV reports: the cohort grid and a trainee's attempts, for a spreadsheet.

UTF-8 with one header row. Any cell that begins with `=`, `+`, `-`, `@`, a tab
or a carriage return is neutralised by a leading single quote (OWASP's
CSV-injection rule): a trainee may be named `=HYPERLINK(...)`, and a
spreadsheet would run it. The rule is applied to every cell, numbers
included; scores are 0..1 and written with 3 places, so no number here
begins with a minus sign and none is changed by it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from alongside.engine.vocabulary import DIMENSIONS
from alongside.store.db import Store
from alongside.store.grid import Grid
from alongside.store.models import Attempt
from alongside.store.rows import StoredAttempt, read_attempts
from alongside.store.trainees import desk_trainee

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GRID_COLUMNS = ("trainee", "trainee_id", "scenario", "status", *DIMENSIONS,
                *(f"{d}_band" for d in DIMENSIONS), "attempts", "unverified_attempts", "ready")
ATTEMPT_COLUMNS = ("trainee", "trainee_id", "attempt", "scenario", "version", "verified", "mode",
                   "status", "started", "finished", *DIMENSIONS,
                   *(f"{d}_band" for d in DIMENSIONS), "passed", "critical_choices")


def neutralised(cell: str) -> str:
    """`cell` as a spreadsheet may read it without running it."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralised("" if v is None else str(v)) for v in row])
    return out.getvalue()


def grid_csv(grid: Grid) -> str:
    """One row per trainee and curriculum scenario, in the grid's order."""
    def rows():
        for row in grid.rows:
            ready = "yes" if row.ready else "no"
            for scenario, cell in zip(grid.scenarios, row.cells, strict=True):
                yield (row.trainee, row.trainee_uuid, scenario, cell.status,
                       *(_score(s) for s in cell.best), *cell.bands, cell.attempts,
                       cell.unverified, ready)
    return _csv(GRID_COLUMNS, rows())


def _attempt_row(a: StoredAttempt) -> tuple:
    return (a.trainee, a.trainee_uuid, a.uuid, a.scenario_id, a.content_hash,
            "yes" if a.verified else "no", a.mode, a.status, a.started_at.isoformat(),
            a.finished_at.isoformat() if a.finished_at else "",
            *(_score(a.scores[d]) for d in DIMENSIONS), *(a.bands[d] for d in DIMENSIONS),
            "yes" if a.passed else "no", a.critical_count)


def attempts_csv(store: Store, trainee: str) -> tuple[str, tuple[str, ...]]:
    """The desk trainee's attempts, oldest first, and a line for each damaged one left out."""
    with store.session() as db:
        person = desk_trainee(db, trainee)
        found, damaged = read_attempts(db, Attempt.trainee_id == person.id)
    return _csv(ATTEMPT_COLUMNS, (_attempt_row(a) for a in found)), tuple(map(str, damaged))
