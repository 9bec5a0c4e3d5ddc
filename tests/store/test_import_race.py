"""Two imports at once never collide: trainees, scenario versions and attempts that both
bring are inserted so that the second finds the first's row (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from alongside.engine.load import load_text
from alongside.store.bundle import collect, import_bundle
from alongside.store.db import open_store
from alongside.store.models import Attempt, ScenarioVersion, Trainee
from tests.store import desk_rows as rows

ROUNDS = 4


def _at_once(store, bundles, known) -> list:
    """Import each bundle on its own thread, all released together; what each gave."""
    start = threading.Barrier(len(bundles))
    outcome: list = [None] * len(bundles)

    def run(i: int) -> None:
        start.wait()
        try:
            outcome[i] = import_bundle(store, bundles[i], known)
        except Exception as exc:  # reported by the test, whatever it is
            outcome[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(bundles))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcome


def test_two_imports_of_one_trainee_at_once_both_succeed(store, tmp_path):
    laptop = open_store(tmp_path / "laptop.db")
    known = frozenset({load_text(rows.DESK_ONE, stem="desk-one").scenario.content_hash})
    try:
        for r in range(ROUNDS):
            name = f"Trainee {r}"
            rows.play(laptop, name, ["good", "ask"])
            earlier = collect(laptop, name).bundle
            rows.play(laptop, name, ["poor", "tell"])
            later = collect(laptop, name).bundle
            outcome = _at_once(store, [earlier, later], known)
            assert not [o for o in outcome if isinstance(o, Exception)], outcome
            assert sorted(o.added for o in outcome) in ([0, 2], [1, 1])
    finally:
        laptop.close()
    with store.session() as db:
        assert db.scalar(select(func.count()).select_from(Trainee)) == ROUNDS
        assert db.scalar(select(func.count()).select_from(ScenarioVersion)) == 1
        assert db.scalar(select(func.count()).select_from(Attempt)) == 2 * ROUNDS
