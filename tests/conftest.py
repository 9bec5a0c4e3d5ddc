"""Shared test set-up: Qt offscreen, and user folders kept inside the test's temporary tree."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    """pytest-qt's one QApplication, made with the style the app chooses for itself."""
    from alongside.ui.app import arguments

    return arguments(["alongside-tests"])


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path_factory, monkeypatch):
    """Keep settings and the default database out of the real user folders."""
    home = tmp_path_factory.mktemp("home")
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    """One migrated, empty database per session; tests copy it rather than migrate."""
    from alongside.store.db import open_store

    path = tmp_path_factory.mktemp("template") / "template.db"
    open_store(path).close()
    return path
