"""Opening the progress file: refused before it is touched, private when made, never a traceback.

"Never overwritten" means never touched: a file that is not Alongside's, or
that a newer Alongside wrote, keeps every byte (SQLite's WAL switch would
change its header). Files that are not files at all (a pipe, a link that
loops) are refused at once, and the files Alongside makes are the person's
own (0700 folder, 0600 files).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading

import pytest

from alongside.store import sqlite_file
from alongside.store.db import StoreError, open_store
from alongside.store.sqlite_file import backup

POSIX = os.name == "posix"


def _files(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_sqlite_file_that_is_not_ours_is_refused_with_every_byte_kept(tmp_path):
    path = tmp_path / "recipes.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE recipe (name TEXT)")
    other.execute("INSERT INTO recipe VALUES ('soup')")
    other.commit()
    other.close()
    before = _files(tmp_path)
    with pytest.raises(StoreError, match="holds tables that are not Alongside's"):
        open_store(path)
    assert _files(tmp_path) == before


def test_a_file_from_a_newer_alongside_is_refused_untouched_naming_the_newest_backup(
        tmp_path, template_db):
    path = tmp_path / "progress.db"
    path.write_bytes(template_db.read_bytes())
    saved = backup(path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = _files(tmp_path)
    with pytest.raises(StoreError) as refused:
        open_store(path)
    assert "newer version of Alongside" in str(refused.value)
    assert f"The newest backup is {saved}" in str(refused.value)
    assert _files(tmp_path) == before


@pytest.mark.skipif(not POSIX, reason="symbolic links and pipes as a POSIX system makes them")
def test_a_link_to_itself_is_refused_in_words(tmp_path):
    path = tmp_path / "loop.db"
    path.symlink_to(path)
    with pytest.raises(StoreError, match="a symbolic link that leads back to itself"):
        open_store(path)


@pytest.mark.skipif(not POSIX, reason="symbolic links and pipes as a POSIX system makes them")
def test_a_pipe_is_refused_at_once_rather_than_waited_on(tmp_path):
    path = tmp_path / "pipe.db"
    os.mkfifo(path)
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(_opening(path)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert outcome and "not a regular file" in outcome[0]


def _opening(path) -> str:
    try:
        open_store(path).close()
    except StoreError as exc:
        return str(exc)
    return "opened"


def test_many_integrity_problems_are_one_line(tmp_path, template_db, monkeypatch):
    path = tmp_path / "progress.db"
    path.write_bytes(template_db.read_bytes())

    nothing = sqlite3.connect(":memory:")

    class Damaged:
        def execute(self, sql):
            if "quick_check" in sql:
                return iter([("row 3 missing from index a",), ("row 4 missing from index a",),
                             ("row 5 missing from index a",), ("page 9 is never used",)])
            return nothing.execute("SELECT 1 WHERE 0")

        def close(self):
            pass

    monkeypatch.setattr(sqlite_file.sqlite3, "connect", lambda *a, **k: Damaged())
    with pytest.raises(StoreError) as refused:
        open_store(path)
    message = str(refused.value)
    assert "\n" not in message
    assert "row 3 missing from index a and 3 more problems" in message


@pytest.mark.skipif(not POSIX, reason="POSIX file modes")
def test_a_new_progress_file_its_folder_and_its_backups_are_private(tmp_path):
    folder = tmp_path / "Alongside"
    path = folder / "alongside.db"
    open_store(path).close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    made = [p for p in folder.iterdir()]
    assert made and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in made), \
        {p.name: oct(p.stat().st_mode) for p in made}
    saved = backup(path)
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600


@pytest.mark.skipif(not POSIX, reason="POSIX file modes")
def test_an_older_world_readable_progress_file_is_made_private(tmp_path, template_db):
    path = tmp_path / "progress.db"
    path.write_bytes(template_db.read_bytes())
    path.chmod(0o644)
    open_store(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
