"""The desk's lock as an instructor meets it: the passphrase set on first use, wrong tries
that slow down, locking on leaving, when idle and with the Lock button; and trainees
imported from bundles kept apart from the profiles of this computer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from alongside.store.db import open_store
from alongside.store.models import Instructor, Trainee
from alongside.ui.desk import lock
from tests.store.desk_rows import DESK_ONE, bring, play
from tests.ui.conftest import settle
from tests.ui.desk_data import INSTRUCTOR, PASSPHRASE, in_window, unlock, with_instructor


def _message(window) -> str:
    page = window.pages["desk-unlock"]
    return page.message.text() if page.message.isVisible() else ""


def test_the_menu_opens_the_desk_behind_a_passphrase_set_on_first_use(qtbot, open_window,
                                                                       settings_path, db_path):
    window = open_window()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[-2:] == ["&Desk", "&Help"]
    desk_menu = window.menuBar().actions()[-2].menu()
    assert isinstance(desk_menu, QMenu)
    entry = next(a for a in desk_menu.actions() if a.objectName() == "desk")
    assert entry.shortcut().toString() == "Ctrl+Shift+D"
    entry.trigger()
    assert window.current == "desk-unlock" and window.instructor is None
    page = window.pages["desk-unlock"]
    settle(qtbot, window)
    assert page.repeat.isVisible() and "first use" in page.explanation.text()
    page.name.setText(INSTRUCTOR)
    page.passphrase.setText("short")
    page.repeat.setText("short")
    qtbot.mouseClick(page.unlock, Qt.MouseButton.LeftButton)
    assert "at least 8 characters" in _message(window)
    page.passphrase.setText(PASSPHRASE)
    page.repeat.setText(PASSPHRASE + "!")
    qtbot.keyClick(page.repeat, Qt.Key.Key_Return)
    assert "not the same" in _message(window)
    assert window.current == "desk-unlock"
    unlock(qtbot, window)
    assert window.current == "desk" and window.instructor == INSTRUCTOR
    assert INSTRUCTOR in window.pages["desk"].who.text()
    window.close()
    store = open_store(db_path)
    with store.session() as db:
        kept = db.query(Instructor).one()
        assert kept.name == INSTRUCTOR and PASSPHRASE not in kept.passphrase_hash
    store.close()
    assert PASSPHRASE not in Path(settings_path).read_text(encoding="utf-8", errors="replace")


def test_the_first_use_form_never_replaces_a_passphrase_set_meanwhile(qtbot, open_window):
    window = open_window()
    window.go("desk")
    page = window.pages["desk-unlock"]
    settle(qtbot, window)
    assert page.repeat.isVisible()
    in_window(qtbot, window, with_instructor)  # from the command line, say
    page.name.setText(INSTRUCTOR)
    page.passphrase.setText("a different passphrase")
    page.repeat.setText("a different passphrase")
    qtbot.mouseClick(page.unlock, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.instructor is None and "set meanwhile" in _message(window)
    assert not page.repeat.isVisible()
    unlock(qtbot, window, first_use=False)
    assert window.current == "desk"


def test_each_wrong_try_waits_longer_before_the_next(qtbot, open_window, db_path):
    store = open_store(db_path)
    with_instructor(store)
    store.close()
    window = open_window()
    window.go("desk")
    page = window.pages["desk-unlock"]
    settle(qtbot, window)
    assert not page.repeat.isVisible()
    waits = []
    for _ in range(2):
        page.name.setText(INSTRUCTOR)
        page.passphrase.setText("not the passphrase")
        qtbot.mouseClick(page.unlock, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "try again in" in _message(window), timeout=10_000)
        assert not page.unlock.isEnabled() and window.instructor is None
        waits.append(_message(window))
        qtbot.waitUntil(page.unlock.isEnabled, timeout=10_000)
        assert "Try again." in _message(window)
    assert "1 second." in waits[0] and "2 seconds." in waits[1]
    assert "do not match" in waits[0]
    unlock(qtbot, window, first_use=False)
    assert window.current == "desk"


def test_the_desk_locks_on_leaving_when_idle_and_with_its_button(qtbot, open_window,
                                                                 monkeypatch):
    window = open_window()
    window.go("desk")
    unlock(qtbot, window)
    window.go("library")
    assert window.instructor is None
    window.go("desk")
    assert window.current == "desk-unlock"
    monkeypatch.setattr(lock, "IDLE_MS", 300)
    unlock(qtbot, window, first_use=False)
    assert window.current == "desk"
    desk_page = window.pages["desk"]
    desk_page.filter.setText("kept while locked")
    qtbot.waitUntil(lambda: window.instructor is None, timeout=5000)
    assert window.current == "desk-unlock"
    assert window.stack.currentWidget() is window.frames["desk-unlock"]
    unlock(qtbot, window, first_use=False)
    assert window.current == "desk" and desk_page.filter.text() == "kept while locked"
    monkeypatch.setattr(lock, "IDLE_MS", 60_000)
    window.desk_lock.lock()
    unlock(qtbot, window, first_use=False)
    qtbot.mouseClick(desk_page.lock, Qt.MouseButton.LeftButton)
    assert window.instructor is None and window.current == "desk-unlock"


def test_input_in_the_window_keeps_the_desk_open(qtbot, open_window, monkeypatch):
    window = open_window()
    window.go("desk")
    monkeypatch.setattr(lock, "IDLE_MS", 1500)
    unlock(qtbot, window)
    page = window.pages["desk"]
    page.new.setFocus()
    for _ in range(8):
        qtbot.wait(300)
        qtbot.keyClick(window.windowHandle(), Qt.Key.Key_A)  # as the system delivers keys
    assert window.instructor == INSTRUCTOR  # 2.4 s of typing, never 1.5 s idle
    qtbot.waitUntil(lambda: window.instructor is None, timeout=5000)


def test_trainees_of_the_desk_are_not_profiles_of_this_computer(qtbot, open_window, db_path,
                                                                tmp_path):
    laptop = open_store(tmp_path / "laptop.db")
    play(laptop, "Sam Rivera", ["good", "ask"], text=DESK_ONE)
    desk = open_store(db_path)
    bring(desk, laptop, "Sam Rivera")
    laptop.close()
    desk.close()
    window = open_window(profile=None)
    assert window.current == "profile"
    page = window.profile_page
    settle(qtbot, window)
    listed = [page.profiles.item(i).text() for i in range(page.profiles.count())]
    assert "Sam Rivera" not in listed
    page.name.setText("Sam Rivera")
    qtbot.mouseClick(page.create, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.profile == "Sam Rivera")
    window.go("profile")
    settle(qtbot, window)
    assert [page.profiles.item(i).text() for i in range(page.profiles.count())] == ["Sam Rivera"]
    window.go("library")
    assert window.progress is not None
    window.go("progress")
    settle(qtbot, window)
    assert window.progress.model.rowCount() == 0  # the imported attempt is not theirs
    window.close()
    desk = open_store(db_path)
    with desk.session() as db:
        both = db.query(Trainee).filter_by(name="Sam Rivera").order_by(Trainee.local).all()
        assert [t.local for t in both] == [False, True]
        assert both[0].uuid != both[1].uuid
    desk.close()
