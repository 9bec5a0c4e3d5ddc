"""The newest line of the conversation, usually the question to answer, is always
wholly in view: after each choice, after going back, and after resuming, at 100%
and 200% text, on a laptop window and on a large screen, in every scenario."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt

from alongside.engine.load import load_file
from alongside.scoring.attempt import best_choices
from tests.ui.conftest import settle
from tests.ui.test_play import open_scenario

SIZES = [(1280, 800), (1920, 1080)]


def newest_line_hidden(qtbot, window) -> str | None:
    """What hides the newest line, or None when all of it is on screen."""
    play = window.play
    qtbot.waitUntil(lambda: not play.scrolling, timeout=2000)
    qtbot.wait(10)
    transcript = play.transcript
    line = transcript.newest_line().toRect()
    line.translate(0, -transcript.verticalScrollBar().value())
    viewport = transcript.viewport()
    if not viewport.rect().adjusted(0, -1, 0, 1).contains(line):
        return (f"the newest line spans {line.top()}..{line.bottom()} of a view "
                f"{viewport.height()} px tall")
    frame = window.frames["play"].viewport()
    on_screen = QRect(viewport.mapTo(frame, line.topLeft()),
                      viewport.mapTo(frame, line.bottomRight()))
    if not frame.rect().adjusted(0, -1, 0, 1).contains(on_screen):
        return "the conversation is outside the window"
    return None


def press(qtbot, window, number: int) -> None:
    qtbot.keyClick(window.play.focusWidget() or window.play, Qt.Key.Key_0 + number)


def best_number(window) -> int:
    node = window.session.node
    return [c.id for c in node.choices].index(best_choices(node)[0]) + 1


def reopened(qtbot, open_window, size):
    """A new window, resuming the attempt the last one left."""
    window = open_window(size=size)
    assert window.library.select("dose-question")
    qtbot.mouseClick(window.library.carry_on, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() is window.play)
    return window


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text_size", [100, 200])
def test_after_each_choice_going_back_and_resuming(qtbot, open_window, size, text_size):
    window = open_window(size=size)
    window.settings.set("text_size", text_size)
    open_scenario(qtbot, window, "practice")
    hidden = []

    def check(when: str) -> None:
        problem = newest_line_hidden(qtbot, window)
        if problem:
            hidden.append(f"{when}: {problem}")

    check("at the start")
    step = 0
    while not window.session.ended:
        weaker = 1 if best_number(window) != 1 else 2
        press(qtbot, window, weaker)
        check(f"after a weaker choice at step {step}")
        if window.session.ended:  # an ending cannot be taken back
            break
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
        assert "You took that back" in window.play.transcript.toPlainText()
        check(f"after going back at step {step}")
        press(qtbot, window, best_number(window))
        check(f"after the best choice at step {step}")
        step += 1
        if step == 3:
            window.close()
            window = reopened(qtbot, open_window, size)
            check("after resuming")
    assert hidden == [], "\n".join(hidden)


def test_in_every_scenario_at_200_percent_on_a_laptop(qtbot, open_window, library_dir):
    window = open_window(size=(1280, 800))
    window.settings.set("text_size", 200)
    hidden = []
    for path in sorted(library_dir.glob("*.yaml")):
        scenario = load_file(path).scenario
        if scenario is None:
            continue
        window.go("library")
        settle(qtbot, window)
        window.play_new(path, "practice")
        qtbot.waitUntil(lambda: window.current_page() is window.play)
        settle(qtbot, window)
        while not window.session.ended:
            press(qtbot, window, best_number(window))
            problem = newest_line_hidden(qtbot, window)
            if problem:
                hidden.append(f"{scenario.id} at {window.session.state}: {problem}")
    assert hidden == [], "\n".join(hidden)


def test_the_check_sees_a_hidden_line(qtbot, open_window):
    window = open_window(size=(1280, 800))
    window.settings.set("text_size", 200)
    open_scenario(qtbot, window, "practice")
    for _ in range(3):
        press(qtbot, window, best_number(window))
    assert newest_line_hidden(qtbot, window) is None
    window.play.transcript.verticalScrollBar().setValue(0)
    assert "spans" in newest_line_hidden(qtbot, window)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_window_opened_at_200_percent_plays_through(qtbot, open_window, settings_path, size):
    """The page takes its narrow shape while it is being built (the person lent to the
    feedback column), not only on a later change of size."""
    from alongside.ui.settings import Settings

    Settings(settings_path).set("text_size", 200)
    window = open_window(size=size)
    open_scenario(qtbot, window, "practice")
    while not window.session.ended:
        press(qtbot, window, best_number(window))
        assert newest_line_hidden(qtbot, window) is None
    window.resize(800, 600)
    qtbot.wait(20)
    window.resize(*size)
    qtbot.wait(20)
