"""Opening the store: engine settings, integrity check, backups, migrations.

The default is a SQLite file in the platform's user data folder; `--db`
takes a path or any SQLAlchemy URL (PostgreSQL for organisations). SQLite
runs in WAL mode with `synchronous=FULL`, so a committed step survives the
app being killed, and every write transaction starts with BEGIN IMMEDIATE
and waits on a busy timeout, so two trainees on one classroom PC never see
"database is locked". A damaged file is never overwritten or recreated.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from alongside.paths import default_database
from alongside.store.errors import Refused

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 30_000
KEEP_BACKUPS = 5


class StoreError(Refused):
    """A store that cannot be opened safely; the message says why and what to do."""


def url_for(target: str | Path | None) -> str:
    """A SQLAlchemy URL for a path, a URL, or None (the default file)."""
    if target is None:
        target = default_database()
    text = str(target)
    if "://" in text:
        return text
    # make_url reads '?' as the start of a query and decodes '%XX': escape both
    path = str(Path(text).expanduser().resolve()).replace("%", "%25").replace("?", "%3F")
    return f"sqlite:///{path}"


class Store:
    """An open database: `session()` gives a unit of work, committed by the caller."""

    def __init__(self, engine: Engine, path: Path | None) -> None:
        self.engine = engine
        self.path = path
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._sessions()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def close(self) -> None:
        self.engine.dispose()


def backups_of(path: Path) -> list[Path]:
    """Backups beside `path`, oldest first (their names sort by time)."""
    return sorted(path.parent.glob(f"{path.stem}.backup-*{path.suffix}"))


def backup(path: Path) -> Path:
    """Copy the live database with SQLite's online backup API; keep the newest five."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
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


def _newest_backup_hint(path: Path) -> str:
    found = backups_of(path)
    return f"The newest backup is {found[-1]}." if found else "No backup of it exists yet."


def _check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not a healthy SQLite database, naming the newest backup."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    if path.stat().st_size == 0 and backups_of(path):
        raise StoreError(f"The progress database {path} is empty although backups of it exist: "
                         "it was cut short. The file has not been changed. "
                         f"{_newest_backup_hint(path)}")
    try:
        # as_uri() escapes '#', '?' and '%', which would otherwise cut the file name short
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA quick_check").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot open the progress database {path}: {exc}. The file has not "
                         f"been changed. {_newest_backup_hint(path)}") from exc
    except UnicodeDecodeError as exc:  # SQLite's error message quoted garbled bytes
        raise StoreError(f"The progress database {path} is damaged (its schema is unreadable). "
                         f"The file has not been changed. {_newest_backup_hint(path)}") from exc
    if result is None or result[0] != "ok":
        raise StoreError(f"The progress database {path} is damaged ({result[0] if result else '?'})"
                         f". The file has not been changed. {_newest_backup_hint(path)}")


def _switch_to_wal(cursor) -> None:
    """Turn on WAL, waiting out another process as the busy timeout would.

    Changing a new file's journal mode needs it to itself, and SQLite answers
    "database is locked" at once, without the busy handler, when another app
    is creating the same file at that moment (two trainees starting together).
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorname != "SQLITE_BUSY" or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _sqlite_settings(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def configure(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # transactions are begun below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _alembic(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def open_store(target: str | Path | None = None) -> Store:
    """Open (creating or upgrading as needed) the database at `target`."""
    url = url_for(target)
    path: Path | None = None
    if make_url(url).get_backend_name() == "sqlite":
        database = make_url(url).database
        if database and database != ":memory:":
            path = Path(database)
            _check_sqlite_file(path)
    try:
        engine = create_engine(url)
    except Exception as exc:
        raise StoreError(f"Cannot use the database address {url!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        _sqlite_settings(engine)
    try:
        _migrate(engine, path)
    except StoreError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise StoreError(f"Cannot open the database {path or url}: {exc}") from exc
    return Store(engine, path)


def _migrate(engine: Engine, path: Path | None) -> None:
    scripts = ScriptDirectory(str(MIGRATIONS))
    head = scripts.get_current_head()
    known = {revision.revision for revision in scripts.walk_revisions()}
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        has_tables = bool(inspect(connection).get_table_names())
    if current is not None and current not in known:
        raise StoreError(f"The database {path or engine.url} was written by a newer version of "
                         "Alongside. Update Alongside to open it; it has not been changed.")
    if current is None and has_tables:
        raise StoreError(f"{path or engine.url} holds tables that are not Alongside's; it has "
                         "not been changed.")
    if current == head:
        return
    if current is not None and path is not None:
        backup(path)
    with engine.begin() as connection:
        command.upgrade(_alembic(connection), "head")
