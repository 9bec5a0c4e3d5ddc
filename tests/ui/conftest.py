"""GUI fixtures: a main window on a private database and settings file, no modal dialogs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from alongside.paths import DIALOGUES, scenario_files
from alongside.ui.dialogs import Dialogs
from alongside.ui.main_window import MainWindow
from alongside.ui.settings import Settings


@pytest.fixture(autouse=True)
def shown_dialogs(monkeypatch) -> list[tuple[str, str]]:
    """Every message a dialog would have shown, instead of blocking on it."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(Dialogs, "error", classmethod(
        lambda cls, parent, title, text: shown.append((title, text))))
    monkeypatch.setattr(Dialogs, "about", classmethod(
        lambda cls, parent: shown.append(("about", ""))))
    monkeypatch.setattr(Dialogs, "ask", classmethod(
        lambda cls, parent, title, text: shown.append((title, text)) or True))
    monkeypatch.setattr(Dialogs, "something_went_wrong", classmethod(
        lambda cls, parent, log: shown.append(("something went wrong", str(log)))))
    return shown


@pytest.fixture(autouse=True)
def chosen_files(monkeypatch) -> dict[str, str | None]:
    """The file (or folder) a file dialog would have returned ("open", "save", "folder"):
    none unless a test says which; every dialog asked for is kept under "asked"."""
    chosen: dict = {"open": None, "save": None, "folder": None, "asked": []}

    def answer(kind):
        return lambda cls, parent, title, *rest: chosen["asked"].append(title) or chosen[kind]

    monkeypatch.setattr(Dialogs, "open_file", classmethod(answer("open")))
    monkeypatch.setattr(Dialogs, "save_file", classmethod(answer("save")))
    monkeypatch.setattr(Dialogs, "folder", classmethod(answer("folder")))
    return chosen


@pytest.fixture(autouse=True)
def opened_in_editor(monkeypatch) -> list[Path]:
    """The files the person's editor would have opened; New scenario's dialog cancels
    unless a test answers it."""
    from alongside.ui.studio.new_scenario import Editor, NewScenarioDialog

    opened: list[Path] = []
    monkeypatch.setattr(Editor, "open", classmethod(lambda cls, path: opened.append(path)
                                                    or True))
    monkeypatch.setattr(NewScenarioDialog, "ask", classmethod(lambda cls, parent, taken: None))
    return opened


@pytest.fixture
def settings_path(tmp_path) -> str:
    return str(tmp_path / "settings.ini")


@pytest.fixture
def db_path(tmp_path, template_db) -> Path:
    path = tmp_path / "progress.db"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def library_dir(tmp_path) -> Path:
    """The real library, copied so a test may add or break files."""
    folder = tmp_path / "dialogues"
    folder.mkdir()
    for path in scenario_files([DIALOGUES]):
        shutil.copyfile(path, folder / path.name)
    return folder


@pytest.fixture
def open_window(qtbot, settings_path, db_path, library_dir):
    """`open_window(profile=None)`: a shown main window, library and store loaded."""
    opened = []

    def open_(profile: str | None = "Ana Ruiz", size=(1920, 1080)) -> MainWindow:
        settings = Settings(settings_path)
        if profile:
            settings.set_state("profile", profile)
        window = MainWindow(settings, db_path, [library_dir])
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitActive(window)
        qtbot.waitUntil(lambda: window.store is not None and not window.ops.busy)
        opened.append(window)
        return window

    yield open_
    for window in opened:
        if window.store is not None:
            window.close()


def settle(qtbot, window) -> None:
    """Wait until the worker has delivered everything queued."""
    qtbot.waitUntil(lambda: not window.ops.busy)
