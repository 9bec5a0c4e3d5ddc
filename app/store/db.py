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
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from alongside.paths import default_database
from alongside.store.errors import Refused
from alongside.store.sqlite_file import (
    FileRefused,
    FileState,
    backup,
    backups_of,
    make_private,
    prepare,
    refuse,
)

__all__ = ["MIGRATIONS", "Store", "StoreError", "backup", "backups_of", "open_store", "url_for"]

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 30_000


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


def _known_revisions() -> tuple[str | None, set[str]]:
    scripts = ScriptDirectory(str(MIGRATIONS))
    return scripts.get_current_head(), {r.revision for r in scripts.walk_revisions()}


def _judge(where: str, state: FileState | None, path: Path | None) -> None:
    """Refuse a database that is not Alongside's or is from a newer Alongside."""
    if state is None:
        return
    _head, known = _known_revisions()
    newer = state.revision is not None and state.revision not in known
    foreign = state.revision is None and bool(state.tables)
    if not (newer or foreign):
        return
    why = (f"The database {where} was written by a newer version of Alongside. Update "
           "Alongside to open it." if newer else
           f"{where} holds tables that are not Alongside's.")
    if path is not None:
        raise refuse(path, why)
    raise StoreError(f"{why} It has not been changed.")


def _sqlite_path(url: str) -> Path | None:
    if make_url(url).get_backend_name() != "sqlite":
        return None
    database = make_url(url).database
    return Path(database) if database and database != ":memory:" else None


def open_store(target: str | Path | None = None) -> Store:
    """Open (creating or upgrading as needed) the database at `target`.

    A SQLite file is looked at read-only first and refused, untouched, if it
    is damaged, not Alongside's or from a newer Alongside.
    """
    try:
        url = url_for(target)
        path = _sqlite_path(url)
        if path is not None:
            _judge(str(path), prepare(path), path)
    except FileRefused as exc:
        raise StoreError(str(exc)) from None
    except RuntimeError:  # pathlib's answer to a symbolic link that loops
        raise StoreError(f"The progress file {target} cannot be used: it is a symbolic link "
                         "that leads back to itself.") from None
    except OSError as exc:
        raise StoreError(f"The progress file {target} cannot be used: "
                         f"{exc.strerror or exc}.") from None
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
    if path is not None:
        make_private(path)
    return Store(engine, path)


def _pragma(connection: Connection, setting: str) -> None:
    """A PRAGMA on the raw connection, outside SQLAlchemy's transaction (foreign_keys is
    ignored inside one)."""
    raw = connection.connection.dbapi_connection
    if raw is not None:
        raw.cursor().execute(f"PRAGMA {setting}")


def _migrate(engine: Engine, path: Path | None) -> None:
    head, _known = _known_revisions()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        state = FileState(current, tuple(inspect(connection).get_table_names()))
    _judge(str(path or engine.url), state if path is None else None, path)
    if current == head:
        return
    if current is not None and path is not None:
        backup(path)
    with engine.connect() as connection:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            # Rebuilding a table (SQLite cannot drop a constraint in place) drops the old
            # one, which with foreign keys on would cascade-delete the rows that refer to
            # it. Foreign keys can only be switched off outside a transaction.
            _pragma(connection, "foreign_keys = OFF")
        try:
            with connection.begin():
                command.upgrade(_alembic(connection), "head")
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise StoreError("A migration left rows that refer to nothing; it was "
                                     "undone and the database has not been changed.")
        finally:
            if sqlite:
                _pragma(connection, "foreign_keys = ON")
