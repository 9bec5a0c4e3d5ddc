"""The SQLite progress file itself: what it is, before anything is written to it.

A trainee's progress file is checked read-only before the store opens it for
writing: that it is a regular file (not a FIFO, a folder or a link that
loops), that SQLite finds it whole, and that it is Alongside's and not from
a newer Alongside. Only then is it switched to WAL and migrated, so a file
that is refused keeps every byte it had. New files, their folder and their
backups are private to the person (0700 folder, 0600 files on POSIX): they
hold replies in trainees' own words and the instructor's passphrase hash.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alongside.store.errors import Refused

KEEP_BACKUPS = 5
PRIVATE_FOLDER, PRIVATE_FILE = 0o700, 0o600


class FileRefused(Refused):
    """The progress file cannot be used as it is; it has not been changed."""


@dataclass(frozen=True, slots=True)
class FileState:
    """What a read-only look at an existing file found."""

    revision: str | None
    tables: tuple[str, ...]


def backups_of(path: Path) -> list[Path]:
    """Backups beside `path`, oldest first (their names sort by time)."""
    return sorted(path.parent.glob(f"{path.stem}.backup-*{path.suffix}"))


def newest_backup_hint(path: Path) -> str:
    found = backups_of(path)
    return f"The newest backup is {found[-1]}." if found else "No backup of it exists yet."


def refuse(path: Path, why: str) -> FileRefused:
    return FileRefused(f"{why} The file has not been changed. {newest_backup_hint(path)}")


def _private_file(path: Path) -> None:
    """Create `path` empty with owner-only permissions, so SQLite's files inherit them."""
    if os.name == "posix":
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
        except FileExistsError:  # another app made it a moment ago (two trainees at once)
            return


def prepare(path: Path) -> FileState | None:
    """Check the file at `path` (None: there is none yet, and a private one is made)."""
    try:
        exists = path.exists()
        if not exists:
            path.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
            _private_file(path)
            return None
        kind = os.stat(path).st_mode
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symbolic link that loops
        raise FileRefused(f"The progress file {path} cannot be used: "
                          f"{getattr(exc, 'strerror', None) or exc}.") from None
    if not stat.S_ISREG(kind):
        raise FileRefused(f"The progress file {path} is not a regular file (it is a folder, a "
                          "device or a pipe), so it cannot hold progress; it has not been "
                          "changed.")
    if os.path.getsize(path) == 0:
        if backups_of(path):
            raise refuse(path, f"The progress database {path} is empty although backups of "
                         "it exist: it was cut short.")
        return None
    return _look(path)


def _look(path: Path) -> FileState:
    """Integrity, revision and tables, read without writing a byte."""
    # With no WAL file beside it the file holds everything, and `immutable` reads it
    # without a lock or a -shm file: not even the folder changes. A WAL file means
    # another app may be writing; then it is read as a reader among writers.
    wal = path.with_name(path.name + "-wal").exists()
    try:
        # as_uri() escapes '#', '?' and '%', which would otherwise cut the file name short
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?"
                                     f"{'mode=ro' if wal else 'immutable=1'}", uri=True)
        try:
            problems = [row[0] for row in connection.execute("PRAGMA quick_check")]
            tables = tuple(row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"))
            revision = None
            if "alembic_version" in tables:
                found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = found[0] if found else None
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise refuse(path, f"Cannot open the progress database {path}: {exc}.") from None
    except UnicodeDecodeError:  # SQLite's error message quoted garbled bytes
        raise refuse(path, f"The progress database {path} is damaged (its schema is "
                     "unreadable).") from None
    if problems != ["ok"]:
        first = problems[0] if problems else "no answer to the integrity check"
        more = f" and {len(problems) - 1} more problems" if len(problems) > 1 else ""
        raise refuse(path, f"The progress database {path} is damaged ({first}{more}).")
    return FileState(revision, tuple(t for t in tables if t != "alembic_version"))


def make_private(path: Path) -> None:
    """Owner-only permissions for the database and its WAL files, where we may set them."""
    if os.name != "posix":
        return
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            if file.exists() and stat.S_IMODE(file.stat().st_mode) != PRIVATE_FILE:
                file.chmod(PRIVATE_FILE)
        except OSError:
            continue


def backup(path: Path) -> Path:
    """Copy the live database with SQLite's online backup API; keep the newest five."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    _private_file(target)
    source = sqlite3.connect(path)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    for old in backups_of(path)[:-KEEP_BACKUPS]:
        old.unlink()
    return target
