"""Rows that pass SQLite's integrity check but hold impossible values are named, not raised.

SQLite keeps whatever is written into a column, so a file edited by another
program can hold a malformed time, a score stored as text, findings that are
not JSON, or a choice the scenario never offered. `history`, `export-results`,
`import-results` and resuming each name the attempt and skip or refuse it;
everything else still works.
"""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import text

from alongside.cli import main
from alongside.store.attempts import AttemptError, replayed
from alongside.store.bundle import (
    BundleError,
    checksum,
    collect,
    document,
    import_bundle,
    read_bundle,
)
from alongside.store.db import open_store
from alongside.store.history import history
from tests.store.test_bundle import INVITED, _play, _seed, _write

DAMAGE = {
    "a malformed time": "UPDATE attempt SET started_at = 'last Tuesday' WHERE uuid = :uuid",
    "a score stored as text": "UPDATE attempt SET score_role = 'high' WHERE uuid = :uuid",
    "an unknown status": "UPDATE attempt SET status = 'paused' WHERE uuid = :uuid",
    "broken findings": "UPDATE step SET findings = '{broken' WHERE kind = 'reply' AND "
                       "attempt_id = (SELECT id FROM attempt WHERE uuid = :uuid)",
    "an unknown choice": "UPDATE step SET choice = 'zzz' WHERE kind = 'choice' AND seq = 2 AND "
                         "attempt_id = (SELECT id FROM attempt WHERE uuid = :uuid)",
}
# Damage that makes the attempt's own row unreadable, as against its steps or its replay.
IN_THE_ROW = ("a malformed time", "a score stored as text", "an unknown status")


@pytest.fixture
def damaged(request, store):
    if not store.is_sqlite:
        pytest.skip("PostgreSQL's column types do not let these values in")
    first, second = _seed(store)
    with store.engine.begin() as db:
        db.execute(text(DAMAGE[request.param]), {"uuid": first})
    return request.param, first, second


@pytest.mark.parametrize("damaged", DAMAGE, indirect=True)
def test_export_names_the_damaged_attempt_and_exports_the_rest(damaged, store, store_target,
                                                               tmp_path, capsys):
    case, first, second = damaged
    collected = collect(store, "Ana Ruiz")
    assert [a.uuid for a in collected.bundle.attempts] == [second]
    assert [uuid for uuid, _why in collected.left_out] == [first]
    out = tmp_path / "ana.json"
    assert main(["export-results", "--db", store_target, "--trainee", "Ana Ruiz",
                 "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "1 attempt of Ana Ruiz exported" in captured.out
    assert f"attempt {first} could not be exported" in captured.err
    assert [a.uuid for a in read_bundle(out).attempts] == [second]


@pytest.mark.parametrize("damaged", IN_THE_ROW, indirect=True)
def test_history_names_the_damaged_attempt_and_lists_the_rest(damaged, store, store_target,
                                                              capsys):
    case, first, second = damaged
    found = history(store, "Ana Ruiz")
    assert first not in [a.attempt for a in found.attempts]
    assert second in [a.attempt for a in found.attempts]
    assert len(found.damaged) == 1 and first in found.damaged[0]
    assert main(["history", "--db", store_target]) == 0
    captured = capsys.readouterr()
    assert f"left out: attempt {first} is damaged" in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("damaged", DAMAGE, indirect=True)
def test_replaying_a_damaged_attempt_names_it(damaged, store):
    _case, first, _second = damaged
    with pytest.raises(AttemptError, match=first):
        replayed(store, first)


@pytest.mark.parametrize("damaged", ["a malformed time"], indirect=True)
def test_importing_over_a_damaged_attempt_refuses_the_file_naming_it(damaged, store, tmp_path,
                                                                     template_db):
    """A bundle from another laptop holding an attempt with the damaged one's uuid."""
    _case, first, _second = damaged
    laptop_path = tmp_path / "laptop.db"
    shutil.copyfile(template_db, laptop_path)
    laptop = open_store(laptop_path)
    try:
        _play(laptop, INVITED, "Ana Ruiz", ["b", "x"])
        sealed = document(collect(laptop, "Ana Ruiz").bundle)
    finally:
        laptop.close()
    sealed["attempts"][0]["uuid"] = first
    sealed["checksum"] = checksum(sealed)
    with pytest.raises(BundleError, match=f"attempt {first} is damaged"):
        import_bundle(store, read_bundle(_write(tmp_path, sealed)))
