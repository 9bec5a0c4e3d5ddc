"""Scenario folders in the window: the bundled library, the author's own folder and the
folders chosen in Settings, each scenario saying where it comes from."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from alongside.paths import DIALOGUES, scenario_files
from alongside.ui.main_window import MainWindow
from alongside.ui.settings import Settings
from alongside.ui.studio.folders import default_author_folder
from tests.engine.scenarios import TWO_DECISIONS
from tests.ui.conftest import settle


@pytest.fixture
def window_on(qtbot, settings_path, db_path):
    """`window_on(library=None)`: a shown window reading `library` first (default: the
    bundled scenarios), then the author's folder and the Settings' folders."""
    made = []

    def make(library=None) -> MainWindow:
        settings = Settings(settings_path)
        settings.set_state("profile", "Ana Ruiz")
        window = MainWindow(settings, db_path, library)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.store is not None and not window.ops.busy)
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()


def rows(window) -> dict[str, tuple[str, bool, str]]:
    """Each listed file's name: (its card's title, available, where it comes from)."""
    return {r.card.path.rsplit("/", 1)[-1] + "@" + r.source: (r.card.title, r.card.available,
                                                              r.card.problem or "")
            for r in window.library.model.rows()}


def test_bundled_then_yours_and_the_bundled_one_keeps_a_clashing_id(qtbot, window_on):
    yours = default_author_folder()
    yours.mkdir(parents=True)
    (yours / "two.yaml").write_text(TWO_DECISIONS)
    shutil.copyfile(DIALOGUES / "dose-question.yaml", yours / "dose-question.yaml")
    window = window_on()
    listed = rows(window)
    assert listed["two.yaml@Your scenarios"][:2] == ("Two decisions", True)
    assert listed["dose-question.yaml@Bundled"][1] is True
    title, available, problem = listed["dose-question.yaml@Your scenarios"]
    assert not available and problem.startswith(f"{yours / 'dose-question.yaml'}:")
    assert f"already used by {DIALOGUES / 'dose-question.yaml'}" in problem
    assert problem.endswith("[duplicate-id]")
    bundled = sum(1 for key in listed if key.endswith("@Bundled"))
    assert bundled == len(list(scenario_files([DIALOGUES])))
    library = window.library
    library.select("two")
    assert library.fact_labels["source"].text() == "Your scenarios"
    qtbot.keyClicks(library.search, "your scenarios")  # the search finds the source too
    assert library.filter.rowCount() == 2


def test_the_author_folder_is_made_on_first_use_and_may_stay_empty(window_on, library_dir):
    window = window_on([library_dir])
    assert default_author_folder().is_dir()
    assert {key.split("@")[1] for key in rows(window)} == {"dialogues"}
    assert window.library_paths == [library_dir, default_author_folder()]


def test_a_folder_that_is_not_there_is_named_on_the_status_line(qtbot, window_on, library_dir,
                                                               settings_path, tmp_path,
                                                               shown_dialogs):
    gone = tmp_path / "usb-stick"
    Settings(settings_path).set("scenario_folders", (str(gone),))
    window = window_on([library_dir])
    count = window.library.count
    qtbot.waitUntil(lambda: count.text().endswith("; not listed: usb-stick (see Settings)"))
    assert count.toolTip() == f"{gone}: the folder is not there"
    window.go("settings")
    assert window.preferences.folders.list.item(0).text() == f"{gone} (not found)"
    assert len(rows(window)) == len(list(library_dir.glob("*.yaml"))) and shown_dialogs == []


def test_settings_add_and_remove_a_folder_by_keyboard(qtbot, window_on, library_dir, tmp_path,
                                                      chosen_files):
    more = tmp_path / "workshop"
    more.mkdir()
    (more / "two.yaml").write_text(TWO_DECISIONS)
    chosen_files["folder"] = str(more)
    window = window_on([library_dir])
    window.go("settings")
    folders = window.preferences.folders
    assert folders.empty.isVisible() and not folders.remove.isEnabled()
    folders.add.setFocus()
    qtbot.keyClick(folders.add, Qt.Key.Key_Space)
    assert window.settings.get("scenario_folders") == (str(more),)
    assert folders.list.item(0).text() == str(more)
    qtbot.waitUntil(lambda: "two.yaml@workshop" in rows(window), timeout=1000)
    settle(qtbot, window)
    folders.remove.setFocus()
    qtbot.keyClick(folders.remove, Qt.Key.Key_Space)
    assert window.settings.get("scenario_folders") == ()
    assert folders.empty.isVisible()
    qtbot.waitUntil(lambda: "two.yaml@workshop" not in rows(window), timeout=1000)
    assert (more / "two.yaml").is_file()  # the files stay as they are
    for control in (folders.list, folders.add, folders.remove):
        assert control.accessibleName() and control.accessibleDescription()


def test_library_on_the_command_line_adds_to_the_bundled_library(monkeypatch, tmp_path):
    import alongside.ui.app as gui

    made = []

    class Window:
        def __init__(self, settings, db, library):
            made.append(library)
            raise SystemExit(0)

    monkeypatch.setattr(gui, "MainWindow", Window)
    with pytest.raises(SystemExit):
        gui.run(library=[tmp_path])
    with pytest.raises(SystemExit):
        gui.run()
    assert made == [[DIALOGUES, tmp_path], None]


def test_the_folders_setting_keeps_names_with_commas_and_spaces(settings_path):
    for folders in ((), ("/media/Ana, USB",), ("/a b/c", "/d,e", "/f")):
        Settings(settings_path).set("scenario_folders", folders)
        assert Settings(settings_path).get("scenario_folders") == folders
