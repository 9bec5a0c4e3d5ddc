"""The classroom on one screen: presenting from the library, the rhythm of a decision by
keyboard, nothing revealed early, the tallies stored, resuming, and the room's view
readable from the back row (two screens: test_classroom_screens.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QPalette
from PySide6.QtWidgets import QWidget

from alongside.engine.classroom import DISCUSS, DISTRIBUTION, ENDED, FEEDBACK, LOCKED, VOTE
from alongside.store.models import Attempt
from alongside.ui.classroom.audience import AudienceView, body_px
from alongside.ui.classroom.screens import AudienceWindow
from alongside.ui.classroom.start import presenter_mode
from alongside.ui.themes import HIGH_CONTRAST, contrast
from tests.ui.classroom_helpers import add_class_scenario, key, present, shown_text
from tests.ui.test_accessibility import INTERACTIVE, clipped, tab_chain

K = Qt.Key
SHIFT, ALT = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.AltModifier


@pytest.fixture
def console(qtbot, open_window, library_dir, monkeypatch):
    add_class_scenario(library_dir)
    window = open_window()
    return present(qtbot, window, monkeypatch)


def _stored(window):
    with window.store.session() as db:
        attempt = db.query(Attempt).filter_by(mode="group").one()
        return attempt, [(s.kind, s.node, s.choice, s.votes) for s in attempt.steps]


def test_presenting_asks_for_the_group_and_takes_turns_on_one_screen(qtbot, console):
    window = console.shell
    assert console.title.text() == "Two decisions — presenting to Tuesday cohort"
    assert console.progress.text() == "Decision 1 of about 2"
    assert "One screen: press F6" in console.notice.text()
    assert not console.room_window.isVisible()
    assert console.discussion.text() == "What would Ana want to hear first?"
    key(qtbot, console, K.Key_F6)
    qtbot.waitUntil(console.room_window.isVisible)
    assert console.room_window.isFullScreen()
    assert console.room_window.screen() is window.screen()
    key(qtbot, console.room_window, K.Key_Escape)
    qtbot.waitUntil(lambda: not console.room_window.isFullScreen())
    key(qtbot, console.room_window, K.Key_F6)
    qtbot.waitUntil(lambda: not console.room_window.isVisible())


def test_nothing_is_revealed_before_the_facilitator_reveals_it(qtbot, console):
    room = console.room_window.view
    for option in (K.Key_1, K.Key_2, K.Key_2):
        key(qtbot, console, option)
    assert console.driver.room.tally == [1, 2, 0]
    seen = shown_text(room)
    assert "Voting — show of hands" in seen and "A.  A" in seen and "C.  C" in seen
    for secret in ("fa", "fb", "vote", "%", "Best", "helps", "harms", "Critical"):
        assert secret not in seen.replace("Voting", ""), secret
    assert "B — 2 votes, 67%" in shown_text(console)  # the facilitator sees the count
    key(qtbot, console, K.Key_R)
    seen = shown_text(room)
    assert "How the room voted" in seen and "B: 2 votes, 67%" in seen
    assert "fb" not in seen and "Best" not in seen
    key(qtbot, console, K.Key_R)
    seen = shown_text(room)
    assert "The room's choice: B" in seen and "The room chose B" in seen and "fb" in seen
    assert "Best available response here: B" in seen


def test_a_decision_by_keyboard_is_stored_with_its_tally(qtbot, console):
    window, driver = console.shell, console.driver
    for option in (K.Key_1, K.Key_1, K.Key_2):
        key(qtbot, console, option)
    key(qtbot, console, K.Key_1, SHIFT)
    key(qtbot, console, K.Key_Exclam, SHIFT)  # Shift+1 as a US keyboard sends it
    key(qtbot, console, K.Key_3)
    assert driver.room.tally == [0, 1, 1] and driver.room.phase == VOTE
    key(qtbot, console, K.Key_N)
    assert console.problem.text() == "Reveal how the room voted before going on."
    key(qtbot, console, K.Key_R)
    key(qtbot, console, K.Key_N)
    assert "B and C are tied" in console.problem.text()
    assert console.cards[1].choose.isVisible() and not console.cards[0].choose.isVisible()
    qtbot.mouseClick(console.cards[2].choose, Qt.MouseButton.LeftButton)
    key(qtbot, console, K.Key_N)
    assert driver.session.state == "gate" or driver.room.phase == ENDED
    _attempt, steps = _stored(window)
    assert steps == [("choice", "d1", "c", {"a": 0, "b": 1, "c": 1})]


def test_a_timed_vote_counts_down_in_words_and_locks_at_zero(qtbot, console):
    now = [1000.0]
    console.driver.clock = lambda: now[0]
    room = console.room_window.view
    key(qtbot, console, K.Key_T)
    assert room.phase.text() == "Voting — 0:30 left"
    key(qtbot, console, K.Key_2)
    now[0] += 12.5
    qtbot.waitUntil(lambda: room.phase.text() == "Voting — 0:18 left")
    key(qtbot, console, K.Key_T)
    assert room.phase.text() == "Voting paused — 0:18 left"
    now[0] += 100
    key(qtbot, console, K.Key_T)
    now[0] += 18
    qtbot.waitUntil(lambda: console.driver.room.phase == LOCKED)
    assert room.phase.text() == "Votes locked" and console.phase.text() == "Votes locked"
    key(qtbot, console, K.Key_1)
    assert "locked" in console.problem.text() and console.driver.room.tally == [0, 1, 0]
    key(qtbot, console, K.Key_R)
    assert console.driver.room.phase == DISTRIBUTION


def test_the_settings_give_a_talk_before_a_shorter_vote(qtbot, open_window, library_dir,
                                                        monkeypatch):
    add_class_scenario(library_dir)
    window = open_window()
    window.settings.set("vote_seconds", 15)
    window.settings.set("talk_seconds", 30)
    page = present(qtbot, window, monkeypatch)
    now = [0.0]
    page.driver.clock = lambda: now[0]
    room = page.room_window.view
    key(qtbot, page, K.Key_T)
    assert room.phase.text() == "Talk with the person next to you — 0:30 left"
    now[0] = 31.0
    qtbot.waitUntil(lambda: room.phase.text() == "Voting — 0:14 left")
    now[0] = 45.0
    qtbot.waitUntil(lambda: room.phase.text() == "Votes locked")


def test_a_whole_scenario_played_as_a_class_by_keyboard(qtbot, console):
    window, driver = console.shell, console.driver
    for keys in ((K.Key_1, K.Key_2, K.Key_2), (K.Key_1,)):
        assert driver.room.phase == DISCUSS
        for option in keys:
            key(qtbot, console, option)
        key(qtbot, console, K.Key_R)
        key(qtbot, console, K.Key_R)
        assert driver.room.phase == FEEDBACK
        key(qtbot, console, K.Key_N)
    key(qtbot, console, K.Key_B, ALT)  # the last decision ended it, and it stands
    assert driver.room.phase == ENDED and "decisions stand" in console.problem.text()
    attempt, steps = _stored(window)
    assert steps == [("choice", "d1", "b", {"a": 1, "b": 2, "c": 0}),
                     ("choice", "d2", "x", {"x": 1, "y": 0})]
    assert attempt.status == "finished" and attempt.group_name == "Tuesday cohort"
    assert attempt.score_role == 1.0 and attempt.trainee_id is None
    debrief = console.room_window.view.debrief.toPlainText()
    assert "How the room decided" in debrief
    assert "B. B — 2 votes, 67% (the room's choice, best available)" in debrief
    assert "A. A — 1 vote, 33%" in debrief


def test_going_back_takes_the_last_decision_back(qtbot, console):
    driver = console.driver
    key(qtbot, console, K.Key_B, ALT)
    assert "no decision to take back" in console.problem.text().lower()
    key(qtbot, console, K.Key_1)
    key(qtbot, console, K.Key_R)
    key(qtbot, console, K.Key_N)
    assert driver.session.state == "d2"
    key(qtbot, console, K.Key_B, ALT)
    assert driver.session.state == "d1" and driver.room.tally == [0, 0, 0]
    assert "The room took that back" in console.room_window.view.transcript.toPlainText()
    _attempt, steps = _stored(console.shell)
    assert [s[0] for s in steps] == ["choice", "back"]


def test_presenting_again_continues_where_the_class_left_off(qtbot, open_window,
                                                             library_dir, monkeypatch):
    add_class_scenario(library_dir)
    window = open_window()
    page = present(qtbot, window, monkeypatch, group="Tuesday cohort")
    for option in (K.Key_2, K.Key_2):
        key(qtbot, page, option)
    key(qtbot, page, K.Key_R)
    key(qtbot, page, K.Key_N)
    qtbot.mouseClick(page.controls.buttons["leave"], Qt.MouseButton.LeftButton)
    assert window.current == "library" and not page.room_window.isVisible()
    page = present(qtbot, window, monkeypatch, group="tuesday  cohort")
    assert page.driver.session.state == "d2"
    assert page.driver.session.tallies == [{"a": 0, "b": 2, "c": 0}]
    assert "The room: B" in page.room_window.view.transcript.toPlainText()


def test_a_bad_group_name_says_what_is_wrong(qtbot, open_window, library_dir, monkeypatch,
                                             shown_dialogs):
    add_class_scenario(library_dir)
    window = open_window()
    from alongside.ui.dialogs import Dialogs

    monkeypatch.setattr(Dialogs, "text", classmethod(lambda cls, *args, **kw: "  "))
    qtbot.waitUntil(lambda: window.library.select("two"))
    qtbot.mouseClick(window.library.present, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown_dialogs) and not window.ops.busy)
    assert "a group's name cannot be empty" in shown_dialogs[-1][1]
    assert window.current == "library"


def test_the_rooms_view_is_readable_from_the_back_row(qtbot):
    view = AudienceView(projector=True)
    window = AudienceWindow(view, lambda _event: False)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    body = view.options[0].text
    assert QFontInfo(body.font()).pixelSize() >= 28
    assert QFontInfo(view.transcript.font()).pixelSize() >= 28
    assert body_px(1080) >= 28 and body_px(2160) >= 56
    background = view.palette().color(QPalette.ColorRole.Window).name()
    for label in (body, view.phase, view.feedback, view.chosen):
        colour = label.palette().color(label.foregroundRole()).name()
        assert contrast(colour, background) >= 7.0, (label.accessibleName(), colour)
    assert background == HIGH_CONTRAST.window


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (3840, 2160)])
def test_both_windows_are_whole_in_each_phase(qtbot, console, size):
    window = console.shell
    window.resize(*size)
    room = console.room_window
    room.resize(*size)
    room.show()
    qtbot.waitExposed(room)
    for step in (None, K.Key_1, K.Key_R, K.Key_R):
        if step is not None:
            key(qtbot, console, step)
        for shown in (window, room):
            qtbot.waitUntil(lambda w=shown: not clipped(w), timeout=2000)


def test_the_command_line_starts_presenter_mode(qtbot, open_window, monkeypatch):
    import alongside.ui.app as gui
    from alongside.launch import main

    started = []
    monkeypatch.setattr(gui, "run", lambda **given: started.append(given) or 0)
    assert main(["--presenter", "--screen", "HDMI-1"]) == 0
    assert started == [{"db": None, "library": None, "qt_arguments": [], "presenter": True,
                        "screen": "HDMI-1"}]
    window = open_window()
    presenter_mode(window, "HDMI-1")
    assert window.current == "library"
    assert "Present to a class" in window.statusBar().currentMessage()
    assert window.property("classroom_screen") == "HDMI-1"


def test_screen_without_presenter_is_refused(capsys):
    from alongside.launch import main

    with pytest.raises(SystemExit) as stopped:
        main(["--screen", "HDMI-1"])
    assert stopped.value.code == 2
    assert "--screen goes with --presenter" in capsys.readouterr().err


@pytest.mark.parametrize("text_size", [100, 200])
def test_the_console_is_whole_at_200_percent_and_never_scrolls_sideways(qtbot, console,
                                                                          text_size):
    window = console.shell
    window.settings.set("text_size", text_size)
    sideways = window.frames["present"].horizontalScrollBar()
    for size in ((1280, 800), (1920, 1080)):
        window.resize(*size)
        for step in (None, K.Key_1, K.Key_R, K.Key_R):
            if step is not None:
                key(qtbot, console, step)
            qtbot.waitUntil(lambda: not clipped(console), timeout=2000)
            qtbot.waitUntil(lambda: sideways.maximum() == 0, timeout=2000)
        key(qtbot, console, K.Key_N)


def test_every_console_control_is_reachable_by_tab_and_named(qtbot, console):
    window = console.shell
    key(qtbot, console, K.Key_1)
    key(qtbot, console, K.Key_3)
    key(qtbot, console, K.Key_R)  # a tie: the pick buttons are shown too
    reachable = [w for w in console.findChildren(QWidget)
                 if isinstance(w, INTERACTIVE) and w.isVisible() and w.isEnabled()
                 and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert console.cards[2].choose in reachable
    chain = tab_chain(qtbot, window, reachable[0])
    for widget in reachable:
        assert widget in chain, widget.accessibleName()
        assert widget.accessibleName() and widget.accessibleDescription(), widget.text()
