"""Two and three screens, for the classroom: run only by test_classroom_screens.py, in a
process of its own whose Qt offscreen platform was given the screens by a configuration
file (`QT_QPA_PLATFORM=offscreen:configfile=...`); the session's own QApplication has
one screen, and a QApplication's screens cannot be changed from Python afterwards.

The offscreen plugin can add and remove screens at runtime only through its native
interface's `setConfiguration`, a C++ function pointer PySide6 does not expose, so
unplugging and plugging are tested by calling the stage's handlers for the
`screenRemoved` and `screenAdded` signals with the screen objects.
"""

from __future__ import annotations

import os
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from alongside.ui.classroom.screens import NAME_KEY, SERIAL_KEY
from alongside.ui.classroom.start import presenter_mode
from alongside.ui.settings import Settings
from tests.ui.classroom_helpers import add_class_scenario, key, present, shown_text

pytestmark = pytest.mark.skipif("configfile=" not in os.environ.get("QT_QPA_PLATFORM", ""),
                                reason="run by test_classroom_screens.py with its screens")


def _screen(name):
    return next(s for s in QGuiApplication.screens() if s.name() == name)


@pytest.fixture
def opened(qtbot, open_window, library_dir, monkeypatch):
    add_class_scenario(library_dir)

    def open_(before=None):
        window = open_window()
        if before is not None:
            before(window)
        return window, present(qtbot, window, monkeypatch)

    return open_


def test_the_rooms_view_goes_full_screen_on_a_screen_that_is_not_the_consoles(qtbot, opened,
                                                                              settings_path):
    window, page = opened()
    room = page.room_window
    qtbot.waitUntil(lambda: room.isVisible() and room.isFullScreen())
    assert window.screen().name() == "Laptop" and QGuiApplication.primaryScreen() is \
        window.screen()
    assert room.screen().name() == "Projector"
    assert room.geometry() == _screen("Projector").geometry()
    assert not page.stage.single and "One screen" not in page.notice.text()
    assert Settings(settings_path).state_text(NAME_KEY) == "Projector"
    key(qtbot, room, Qt.Key.Key_2)  # the room's window takes the facilitator's keys too
    assert page.driver.room.tally == [0, 1, 0]
    assert "vote" not in shown_text(room.view).replace("Voting", "")


def test_the_remembered_screen_is_chosen_again(qtbot, opened, settings_path):
    def remember(window):
        window.settings.set_state(NAME_KEY, "Wall")
        window.settings.set_state(SERIAL_KEY, "")

    _window, page = opened(remember)
    qtbot.waitUntil(lambda: page.room_window.isFullScreen())
    assert page.room_window.screen().name() == "Wall"


def test_after_esc_the_button_puts_the_rooms_view_full_screen_on_its_screen_again(qtbot,
                                                                                 opened):
    _window, page = opened()
    room = page.room_window
    qtbot.waitUntil(room.isFullScreen)
    key(qtbot, room, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: room.isVisible() and not room.isFullScreen())
    show = page.controls.buttons["show"]
    assert show.text() == "Room's view full screen"
    qtbot.mouseClick(show, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(room.isFullScreen)
    assert room.screen().name() == "Projector"


def test_the_screen_named_on_the_command_line_is_used(qtbot, opened):
    _window, page = opened(lambda window: presenter_mode(window, "Wall"))
    qtbot.waitUntil(lambda: page.room_window.isFullScreen())
    assert page.room_window.screen().name() == "Wall"


def test_a_screen_that_is_not_there_is_named_and_the_default_used(qtbot, opened):
    _window, page = opened(lambda window: presenter_mode(window, "HDMI-9"))
    qtbot.waitUntil(lambda: page.room_window.isFullScreen())
    assert page.room_window.screen().name() == "Projector"
    assert "There is no screen called “HDMI-9” (screens: Laptop, Projector, Wall)." \
        in page.notice.text()


def test_unplugging_the_projector_brings_the_rooms_view_home_and_play_goes_on(qtbot, opened):
    window, page = opened()
    room = page.room_window
    qtbot.waitUntil(room.isFullScreen)
    started = time.monotonic()
    page.stage.screen_removed(_screen("Projector"))
    qtbot.waitUntil(lambda: room.isVisible() and not room.isFullScreen()
                    and room.screen().name() == "Laptop", timeout=1000)
    assert time.monotonic() - started < 1.0
    assert _screen("Laptop").geometry().contains(room.geometry())
    assert "“Projector” was disconnected" in page.notice.text()
    key(qtbot, page, Qt.Key.Key_1)
    key(qtbot, page, Qt.Key.Key_R)
    assert "A: 1 vote, 100%" in shown_text(room.view)
    assert page.stage.single


def test_a_screen_plugged_in_is_offered_and_the_rooms_view_moves_there(qtbot, opened):
    window, page = opened()
    room = page.room_window
    qtbot.waitUntil(room.isFullScreen)
    page.stage.screen_removed(_screen("Projector"))
    page.stage.screen_added(_screen("Projector"))
    assert page.offer.isVisible()
    assert "A screen was connected: “Projector”" in page.offer.text.text()
    qtbot.mouseClick(page.offer.accept, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: room.isFullScreen() and room.screen().name() == "Projector")
    assert not page.offer.isVisible() and not page.stage.single
    page.stage.screen_added(_screen("Laptop"))  # the console's own screen is not offered
    assert not page.offer.isVisible()
