"""Store fixtures: every store test runs on SQLite, and on PostgreSQL when
ALONGSIDE_TEST_DATABASE_URL points at a server (`make test-pg` sets it up).

SQLite databases are copies of the session's template (tests/conftest.py), so
a test pays for a file copy rather than a migration. PostgreSQL tests each get a
fresh database on the server, dropped afterwards.
"""

from __future__ import annotations

import os
import shutil
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from alongside.store.db import open_store

PG_URL = os.environ.get("ALONGSIDE_TEST_DATABASE_URL")


def _fresh_pg_database() -> str:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"alongside_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(url: str) -> None:
    name = make_url(url).database
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_target(request, tmp_path) -> str:
    """A database with no tables yet: a SQLite path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "progress.db")
    if not PG_URL:
        pytest.skip("ALONGSIDE_TEST_DATABASE_URL is not set (run make test-pg)")
    url = _fresh_pg_database()
    request.addfinalizer(lambda: _drop_pg_database(url))
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request, tmp_path, template_db) -> str:
    """A fresh, migrated, empty database: a SQLite path or a PostgreSQL URL."""
    if request.param == "sqlite":
        path = tmp_path / "progress.db"
        shutil.copyfile(template_db, path)
        return str(path)
    if not PG_URL:
        pytest.skip("ALONGSIDE_TEST_DATABASE_URL is not set (run make test-pg)")
    url = _fresh_pg_database()
    request.addfinalizer(lambda: _drop_pg_database(url))
    open_store(url).close()
    return url


@pytest.fixture
def store(store_target):
    opened = open_store(store_target)
    yield opened
    opened.close()
