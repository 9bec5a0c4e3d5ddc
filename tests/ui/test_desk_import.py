"""The desk's import page, driven as an instructor would: choose or drop bundles, watch
the progress bar, read the summary table."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from alongside.store.bundle import collect, write_bundle
from alongside.store.db import open_store
from alongside.store.history import history
from alongside.ui.desk.imports import BundleFiles
from tests.store import desk_rows as rows
from tests.ui.conftest import settle


@pytest.fixture
def bundles(tmp_path):
    """Ana's (2 attempts) and Ben's (1) results bundles from one laptop, and a damaged
    copy of Ben's: one score changed by hand after export."""
    laptop = open_store(tmp_path / "laptop.db")
    rows.play(laptop, "Ana Ruiz", ["poor", "tell"])
    rows.play(laptop, "Ana Ruiz", ["good", "ask"])
    rows.play(laptop, "Ben Okafor", ["promise", "ask"])
    folder = tmp_path / "stick"
    folder.mkdir()
    found = {}
    for name in ("Ana Ruiz", "Ben Okafor"):
        found[name] = folder / f"{name.split()[0].lower()}.json"
        write_bundle(collect(laptop, name).bundle, found[name])
    laptop.close()
    damaged = json.loads(found["Ben Okafor"].read_text(encoding="utf-8"))
    damaged["attempts"][0]["scores"]["role"] = 1.0 if damaged["attempts"][0]["scores"][
        "role"] != 1.0 else 0.5
    found["damaged"] = folder / "ben-edited.json"
    found["damaged"].write_text(json.dumps(damaged), encoding="utf-8")
    return found


@pytest.fixture
def desk(qtbot, open_window, library_dir):
    """The main window with the import page registered, unlocked as the lock would; its
    library holds desk-one, so the bundles' attempts import as verified."""
    def open_(known: bool = True):
        if known:
            rows.library(library_dir)
        window = open_window(profile=None, size=(1280, 800))
        window.instructor = "Dee Park"
        window.go("desk-import")
        return window, window.page("desk-import")
    return open_


def cells(page) -> list[tuple[str, str, str]]:
    table = page.table
    return [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]


def choose(monkeypatch, qtbot, page, paths) -> None:
    monkeypatch.setattr(BundleFiles, "ask_open", classmethod(lambda cls, parent: list(paths)))
    qtbot.mouseClick(page.choose, Qt.MouseButton.LeftButton)


def test_three_bundles_one_damaged_two_imported_one_refused_with_why(
        qtbot, desk, bundles, monkeypatch, db_path):
    window, page = desk()
    announced = []
    monkeypatch.setattr(window, "announce", lambda kinds: announced.append(set(kinds)))
    choose(monkeypatch, qtbot, page, [bundles["Ana Ruiz"], bundles["damaged"],
                                      bundles["Ben Okafor"]])
    settle(qtbot, window)
    assert page.progress.text() == "3 of 3 files"
    assert page.progress.value() == page.progress.maximum() == 3
    shown = cells(page)
    assert [(f, r) for f, r, _ in shown] == [("ana.json", "Imported"),
                                             ("ben-edited.json", "Refused"),
                                             ("ben.json", "Imported")]
    assert shown[0][2] == "2 attempts of Ana Ruiz imported, 0 already present."
    assert "checksum does not match (the file was changed after export)" in shown[1][2]
    assert shown[2][2] == "1 attempt of Ben Okafor imported, 0 already present."
    assert page.outcome.isVisible()
    assert page.outcome.text() == "Done: 2 files accepted, 1 refused."
    assert announced == [{"attempts"}], "one announcement for the batch"
    store = open_store(db_path)
    try:
        assert sorted(a.trainee for a in history(store).attempts) == [
            "Ana Ruiz", "Ana Ruiz", "Ben Okafor"]
    finally:
        store.close()


def test_a_second_import_says_already_present(qtbot, desk, bundles, monkeypatch):
    window, page = desk()
    choose(monkeypatch, qtbot, page, [bundles["Ana Ruiz"]])
    settle(qtbot, window)
    choose(monkeypatch, qtbot, page, [bundles["Ana Ruiz"]])
    settle(qtbot, window)
    assert cells(page) == [("ana.json", "Already present",
                            "0 attempts of Ana Ruiz imported, 2 already present.")]
    assert page.progress.text() == "1 of 1 file"
    assert page.outcome.text() == "Done: every file accepted (1 file)."


def test_a_file_that_is_not_a_bundle_never_stops_the_others(qtbot, desk, bundles,
                                                            monkeypatch, tmp_path):
    window, page = desk()
    notes = tmp_path / "notes.txt"
    notes.write_text("meeting at 3\n", encoding="utf-8")
    cut = tmp_path / "cut.json"
    cut.write_text(bundles["Ana Ruiz"].read_text(encoding="utf-8")[:300], encoding="utf-8")
    choose(monkeypatch, qtbot, page, [notes, cut, tmp_path, bundles["Ben Okafor"]])
    settle(qtbot, window)
    shown = cells(page)
    assert [r for _, r, _ in shown] == ["Refused", "Refused", "Refused", "Imported"]
    assert "not valid JSON at line 1, column 1" in shown[0][2]
    assert "the file may be cut short" in shown[1][2]
    assert shown[2][2] == "not a file"
    assert page.progress.text() == "4 of 4 files"


def test_an_unknown_scenario_version_is_noted(qtbot, desk, bundles, monkeypatch):
    window, page = desk(known=False)
    choose(monkeypatch, qtbot, page, [bundles["Ana Ruiz"]])
    settle(qtbot, window)
    [(_, result, details)] = cells(page)
    assert result == "Imported"
    assert "2 attempts played on a scenario version this desk did not know: marked " \
        "unverified" in details


def _drag(kind, paths):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return data, kind(QPointF(20, 20).toPoint() if kind is QDragEnterEvent else QPointF(20, 20),
                      Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)


def test_dropping_files_on_the_page_imports_them(qtbot, desk, bundles):
    window, page = desk()
    _data, enter = _drag(QDragEnterEvent, [bundles["Ana Ruiz"], bundles["Ben Okafor"]])
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()
    _data, drop = _drag(QDropEvent, [bundles["Ana Ruiz"], bundles["Ben Okafor"]])
    QApplication.sendEvent(page, drop)
    settle(qtbot, window)
    assert [(f, r) for f, r, _ in cells(page)] == [("ana.json", "Imported"),
                                                   ("ben.json", "Imported")]
    assert page.progress.text() == "2 of 2 files"


def test_a_drag_without_files_is_not_taken(qtbot, desk):
    window, page = desk()
    data = QMimeData()
    data.setText("just words")
    enter = QDragEnterEvent(QPointF(20, 20).toPoint(), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    QApplication.sendEvent(page, enter)
    assert not enter.isAccepted()


def test_files_dropped_anywhere_on_the_window_go_to_the_import_page(qtbot, desk, bundles):
    window, page = desk()
    window.go("desk")  # another desk page, still unlocked
    settle(qtbot, window)
    _data, enter = _drag(QDragEnterEvent, [bundles["Ben Okafor"]])
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    _data, drop = _drag(QDropEvent, [bundles["Ben Okafor"]])
    QApplication.sendEvent(window, drop)
    settle(qtbot, window)
    assert window.current == "desk-import"
    assert [r for _, r, _ in cells(page)] == ["Imported"]
    assert window.focusWidget() is page.choose


def test_files_dropped_while_the_desk_is_locked_wait_behind_the_lock(qtbot, desk, bundles):
    window, page = desk()
    window.go("library")  # leaving the desk locks it
    settle(qtbot, window)
    assert window.instructor is None
    _data, enter = _drag(QDragEnterEvent, [bundles["Ben Okafor"]])
    QApplication.sendEvent(window, enter)
    _data, drop = _drag(QDropEvent, [bundles["Ben Okafor"]])
    QApplication.sendEvent(window, drop)
    settle(qtbot, window)
    assert window.current == "desk-unlock"
    assert page.table.rowCount() == 0
