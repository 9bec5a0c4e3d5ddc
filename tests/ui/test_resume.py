"""Resume offered, not hidden: the unfinished attempt comes first on start, the library
says which mode is in progress and follows it, and leaving an assessment asks once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from alongside.engine.load import load_file
from alongside.paths import DIALOGUES
from alongside.scoring.attempt import length
from tests.ui.conftest import settle
from tests.ui.test_play import best_walk, open_scenario

SCENARIO = "dose-question"
TITLE = "Should I double my dose?"


def leave_mid_assessment(qtbot, window, decisions: int = 3) -> str:
    """Play `decisions` decisions of an assessment, then close the window; the node."""
    open_scenario(qtbot, window, "assessment")
    for _node, number in best_walk(window.session.scenario)[:decisions]:
        qtbot.keyClick(window.play, Qt.Key.Key_0 + number)
    stopped = window.session.state
    window.close()
    return stopped


def test_the_unfinished_attempt_is_offered_first_and_enter_continues_it(qtbot, open_window,
                                                                         shown_dialogs):
    stopped = leave_mid_assessment(qtbot, open_window())
    assert [title for title, _text in shown_dialogs] == ["Leave the assessment?"]
    assert "progress is kept" in shown_dialogs[0][1]
    again = open_window()
    settle(qtbot, again)
    offer = again.library.offer
    qtbot.waitUntil(offer.isVisible)
    total = length(load_file(DIALOGUES / f"{SCENARIO}.yaml").scenario)
    assert offer.text.text() == (f"Continue “{TITLE}” where you left off — decision 4 of "
                                 f"about {total}, assessment.")
    assert offer.go_on.hasFocus()
    qtbot.keyClick(offer.go_on, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: again.current_page() is again.play)
    assert again.session.state == stopped and again.session.policy.id == "assessment"
    assert again.play.progress_text.text() == f"Decision 4 of about {total}"


def test_the_library_row_names_the_mode_in_progress_and_the_mode_follows_it(qtbot,
                                                                           open_window):
    leave_mid_assessment(qtbot, open_window(), decisions=1)
    again = open_window()
    again.settings.set("default_mode", "practice")
    settle(qtbot, again)
    library = again.library
    assert library.select(SCENARIO)
    row = library.current_row()
    shown = row.display()
    assert "Assessment in progress · " in shown and "Not played yet" not in shown
    assert "Not finished yet" in shown
    assert library.assessment.isChecked() and not library.practice.isChecked()
    assert library.carry_on.isVisible() and library.carry_on.text() == "Resume assessment"
    assert library.select("ride-home")
    assert library.practice.isChecked(), "elsewhere the mode is the default again"


def test_not_now_keeps_the_offer_away_until_the_app_starts_again(qtbot, open_window):
    leave_mid_assessment(qtbot, open_window(), decisions=1)
    again = open_window()
    settle(qtbot, again)
    offer = again.library.offer
    qtbot.waitUntil(offer.isVisible)
    qtbot.keyClick(offer.not_now, Qt.Key.Key_Space)
    assert not offer.isVisible()
    again.go("progress")
    again.go("library")
    settle(qtbot, again)
    assert not offer.isVisible()
    assert again.library.list.hasFocus()


def test_leaving_practice_asks_nothing(qtbot, open_window, shown_dialogs):
    window = open_window()
    open_scenario(qtbot, window, "practice")
    qtbot.keyClick(window.play, Qt.Key.Key_1)
    qtbot.mouseClick(window.play.leave_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.library
    assert shown_dialogs == []


def test_staying_in_the_assessment_keeps_the_page(qtbot, open_window, monkeypatch):
    from alongside.ui.dialogs import Dialogs

    asked = []
    monkeypatch.setattr(Dialogs, "ask", classmethod(
        lambda cls, parent, title, text: asked.append(title) and False))
    window = open_window()
    open_scenario(qtbot, window, "assessment")
    qtbot.keyClick(window.play, Qt.Key.Key_1)
    qtbot.mouseClick(window.play.leave_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.play and asked == ["Leave the assessment?"]
    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda cls, parent, title, text: True))


def test_start_without_a_profile_says_why_and_opens_the_profiles(qtbot, open_window):
    window = open_window(profile=None)
    window.go("library")
    settle(qtbot, window)
    assert window.library.select(SCENARIO)
    qtbot.mouseClick(window.library.begin, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.profile_page
    reason = window.profile_page.reason
    assert reason.isVisible() and "before you start" in reason.text()
