"""The live library: what an editor does to a file on disk shows in the library within
a second, however the editor saves, and the window tells other pages which file changed."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt

from tests.engine.scenarios import TWO_DECISIONS

LIVE_MS = 1000  # "within a second"


def shown(window) -> list[str]:
    model = window.library.model
    return [model.index(r, 0).data(Qt.ItemDataRole.DisplayRole) for r in range(model.rowCount())]


def row_of(window, name: str) -> str | None:
    return next((text for text in shown(window) if text.split("\n")[0] == name), None)


def test_a_new_file_appears_and_a_deleted_one_goes(qtbot, open_window, library_dir):
    window = open_window()
    before = len(shown(window))
    two = library_dir / "two.yaml"
    two.write_text(TWO_DECISIONS)
    qtbot.waitUntil(lambda: row_of(window, "Two decisions") is not None, timeout=LIVE_MS)
    assert len(shown(window)) == before + 1
    two.unlink()
    qtbot.waitUntil(lambda: row_of(window, "Two decisions") is None, timeout=LIVE_MS)
    assert len(shown(window)) == before


def test_a_file_that_breaks_is_unavailable_with_its_error_and_back_when_fixed(
        qtbot, open_window, library_dir):
    two = library_dir / "two.yaml"
    two.write_text(TWO_DECISIONS)
    window = open_window()
    assert row_of(window, "Two decisions") is not None
    two.write_text(TWO_DECISIONS.replace("next: d1", "next: nowhere"))  # saved in place
    qtbot.waitUntil(lambda: row_of(window, "two.yaml") is not None, timeout=LIVE_MS)
    assert "Unavailable — line" in row_of(window, "two.yaml")
    [card] = [r.card for r in window.library.model.rows() if r.card.path == str(two)]
    assert card.problem.startswith(f"{two}:") and "[" in card.problem  # located, with a rule
    two.write_text(TWO_DECISIONS)
    qtbot.waitUntil(lambda: row_of(window, "Two decisions") is not None, timeout=LIVE_MS)


def test_an_editor_that_saves_by_renaming_a_new_file_over_the_old_one_is_followed(
        qtbot, open_window, library_dir):
    """The watched path is gone after the first such save: the second must still show."""
    two = library_dir / "two.yaml"
    two.write_text(TWO_DECISIONS)
    window = open_window()
    for title in ("Renamed once", "Renamed twice"):
        partial = library_dir / ".two.yaml.swp"
        partial.write_text(TWO_DECISIONS.replace("title: Two decisions", f"title: {title}"))
        os.replace(partial, two)
        qtbot.waitUntil(lambda t=title: row_of(window, t) is not None, timeout=LIVE_MS)
        assert str(two) in window.watcher.system.files()
    assert row_of(window, "Two decisions") is None


def test_file_changed_names_each_changed_scenario_file_once_after_the_debounce(
        qtbot, open_window, library_dir):
    window = open_window()
    two, three = library_dir / "two.yaml", library_dir / "three.yaml"
    changed: list[str] = []
    window.watcher.file_changed.connect(changed.append)
    two.write_text(TWO_DECISIONS)
    (library_dir / "notes.txt").write_text("not a scenario")
    three.write_text(TWO_DECISIONS.replace("id: two", "id: three"))
    qtbot.waitUntil(lambda: len(changed) >= 2, timeout=LIVE_MS)
    qtbot.wait(300)  # nothing more arrives for the same saves
    assert sorted(changed) == [str(three), str(two)]


def test_a_folder_chosen_in_settings_is_listed_and_watched(qtbot, open_window, tmp_path):
    window = open_window()
    more = tmp_path / "more"
    more.mkdir()
    window.settings.set("scenario_folders", (str(more),))
    qtbot.waitUntil(lambda: str(more) in window.watcher.system.directories(), timeout=LIVE_MS)
    (more / "two.yaml").write_text(TWO_DECISIONS)
    qtbot.waitUntil(lambda: row_of(window, "Two decisions") is not None, timeout=LIVE_MS)
    assert row_of(window, "Two decisions").endswith("· more\nNot played yet")


def test_files_appearing_on_and_on_beside_the_scenarios_do_not_hold_them_back(
        qtbot, open_window, library_dir):
    window = open_window()
    two = library_dir / "two.yaml"
    for step in range(40):  # a new file every 25 ms, for a second
        (library_dir / f".sync-{step}.part").write_text(str(step))
        if step == 4:
            two.write_text(TWO_DECISIONS)
        qtbot.wait(25)
        if row_of(window, "Two decisions") is not None:
            break
    assert row_of(window, "Two decisions") is not None


def test_a_folder_that_was_not_there_is_listed_once_it_appears(qtbot, open_window, tmp_path,
                                                                 settings_path):
    from alongside.ui.settings import Settings

    stick = tmp_path / "media" / "usb-stick"
    (tmp_path / "media").mkdir()
    Settings(settings_path).set("scenario_folders", (str(stick),))
    window = open_window()
    count = window.library.count
    qtbot.waitUntil(lambda: "not listed: usb-stick" in count.text())
    partial = tmp_path / "media" / "mounting"
    partial.mkdir()
    (partial / "two.yaml").write_text(TWO_DECISIONS)
    partial.rename(stick)  # arrives whole, as a mounted stick does
    qtbot.waitUntil(lambda: row_of(window, "Two decisions") is not None, timeout=LIVE_MS)
    assert "not listed" not in count.text()
    assert str(stick) in window.watcher.system.directories()


def test_after_the_window_closes_a_save_starts_nothing(qtbot, open_window, library_dir):
    window = open_window()
    window.close()
    assert window.watcher.system.files() == [] and window.watcher.system.directories() == []
    (library_dir / "two.yaml").write_text(TWO_DECISIONS)
    window.watcher._noticed(str(library_dir))  # as a notice already queued would arrive
    qtbot.wait(400)
    assert not window.ops.busy and window.ops._pool is None  # no worker started again
