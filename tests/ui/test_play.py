"""Playing with the keyboard alone, in both modes, going back, and resuming after closing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from alongside.engine.load import load_file
from alongside.engine.session import PlaySession
from alongside.paths import DIALOGUES
from alongside.scoring.attempt import best_choices, score_attempt
from alongside.scoring.bands import band_label
from alongside.store.db import open_store
from alongside.store.history import history
from alongside.store.models import Step
from tests.ui.conftest import settle

SCENARIO = "dose-question"


def best_walk(scenario) -> list[tuple[str, int]]:
    """(node, 1-based number of the best choice) along the best path."""
    session = PlaySession(scenario).start()
    walk = []
    while not session.ended:
        node = session.node
        best = best_choices(node)[0]
        number = [c.id for c in node.choices].index(best) + 1
        walk.append((node.id, number))
        session.choose(best)
    return walk


def open_scenario(qtbot, window, mode: str) -> None:
    """From the library, by keyboard: search, pick the mode, press Enter on the list."""
    library = window.library
    qtbot.keyClicks(library.search, "double my dose")
    (library.assessment if mode == "assessment" else library.practice).setChecked(True)
    library.list.setFocus()
    qtbot.keyClick(library.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() is window.play)


def shown_choices(window) -> list[str]:
    return [b.text_shown().split(".  ", 1)[1] for b in window.play.choices.buttons if b.isVisible()]


def test_practice_with_the_keyboard_alone(qtbot, open_window):
    window = open_window()
    scenario = load_file(DIALOGUES / f"{SCENARIO}.yaml").scenario
    open_scenario(qtbot, window, "practice")
    play = window.play
    for node_id, number in best_walk(scenario):
        node = scenario.nodes[node_id]
        assert window.session.state == node_id
        assert node.text in play.transcript.toPlainText()
        assert shown_choices(window) == [c.text for c in node.choices]
        qtbot.keyClick(play.focusWidget() or play, Qt.Key.Key_0 + number)
        assert play.feedback.isVisible()
        assert node.choices[number - 1].feedback == play.feedback.text.text()
    assert play.to_debrief.isVisible() and play.to_debrief.hasFocus()
    qtbot.keyClick(play.to_debrief, Qt.Key.Key_Space)
    assert window.current_page() is window.debrief
    walked = [(node, scenario.nodes[node].choices[n - 1].id) for node, n in best_walk(scenario)]
    expected = score_attempt(scenario, walked, True)
    shown = window.debrief.body.toPlainText()
    for dimension in window.debrief.debrief.dimensions:
        assert dimension.score == expected.scores[dimension.dimension]
        assert f"{expected.scores[dimension.dimension]:.2f}" in shown
        assert band_label(expected.bands[dimension.dimension]) in shown
    assert window.debrief.verdict.text().startswith("Passed")


def test_practice_goes_back_and_keeps_the_history(qtbot, open_window):
    window = open_window()
    open_scenario(qtbot, window, "practice")
    play = window.play
    first_node = window.session.state
    qtbot.keyClick(play, Qt.Key.Key_1)
    assert window.session.state != first_node
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert window.session.state == first_node
    assert "You took that back" in play.transcript.toPlainText()
    window.close()
    store = open_store(window.store_path)
    try:
        with store.session() as db:
            kinds = list(db.scalars(select(Step.kind).order_by(Step.seq)))
        assert kinds == ["choice", "back"]
        assert history(store).attempts[0].status == "in-progress"
    finally:
        store.close()


def test_assessment_hides_feedback_and_going_back(qtbot, open_window):
    window = open_window()
    scenario = load_file(DIALOGUES / f"{SCENARIO}.yaml").scenario
    open_scenario(qtbot, window, "assessment")
    play = window.play
    assert play.assessment_note.isVisible()
    taken, step = [], 0
    while not window.session.ended:
        node = window.session.node
        assert node.text in play.transcript.toPlainText()
        assert shown_choices(window) == [c.text for c in node.choices]
        number = [c.id for c in node.choices].index(best_choices(node)[0]) + 1
        if step == 1:  # one weaker answer on the way
            number = len(node.choices) if number != len(node.choices) else 1
        taken.append((node.id, node.choices[number - 1].id))
        qtbot.keyClick(play.focusWidget() or play, Qt.Key.Key_0 + number)
        assert not play.feedback.isVisible()
        if step == 2:
            qtbot.keyClick(window.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
            assert len(window.session.decisions) == 3
        step += 1
    qtbot.keyClick(play.to_debrief, Qt.Key.Key_Space)
    expected = score_attempt(scenario, taken, True)
    shown = window.debrief.body.toPlainText()
    assert "(assessment)" in shown
    for dimension in window.debrief.debrief.dimensions:
        assert dimension.score == expected.scores[dimension.dimension]
        assert f"{expected.scores[dimension.dimension]:.2f}" in shown
    assert window.debrief.debrief.passed == expected.passed


def test_resume_after_closing_mid_scenario(qtbot, open_window):
    window = open_window()
    scenario = load_file(DIALOGUES / f"{SCENARIO}.yaml").scenario
    walk = best_walk(scenario)
    open_scenario(qtbot, window, "practice")
    for _node, number in walk[:3]:
        qtbot.keyClick(window.play, Qt.Key.Key_0 + number)
    stopped_at, variables = window.session.state, dict(window.session.variables)
    said = window.play.transcript.toPlainText()
    window.close()

    again = open_window()
    assert again.library.select(SCENARIO)
    assert again.library.carry_on.isVisible()
    qtbot.mouseClick(again.library.carry_on, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: again.current_page() is again.play)
    assert again.session.state == stopped_at
    assert again.session.variables == variables
    assert said.strip() in again.play.transcript.toPlainText()
    for _node, number in walk[3:]:
        qtbot.keyClick(again.play, Qt.Key.Key_0 + number)
    qtbot.mouseClick(again.play.to_debrief, Qt.MouseButton.LeftButton)
    assert again.debrief.debrief.passed
    again.go("library")
    settle(qtbot, again)
    assert not again.library.carry_on.isVisible()


def test_the_choices_area_scrolls_only_when_its_content_needs_more_room(qtbot, open_window):
    window = open_window()
    window.settings.set("text_size", 200)
    open_scenario(qtbot, window, "practice")
    play = window.play
    area, walk = play.answer_scroll, best_walk(play.session.scenario)
    for _node, number in walk:
        qtbot.wait(10)
        needed = play.answer.heightForWidth(area.viewport().width())
        scrolls = area.verticalScrollBar().maximum() > 0
        assert scrolls == (needed > area.viewport().height()), (needed, area.viewport().size())
        assert play.choices.heading.visibleRegion().boundingRect().height() == \
            play.choices.heading.height()
        qtbot.keyClick(play.focusWidget() or play, Qt.Key.Key_0 + number)
    qtbot.wait(10)
    assert area.verticalScrollBar().maximum() == 0
    assert play.to_debrief.visibleRegion().boundingRect().size() == play.to_debrief.size()


def test_a_progress_file_that_stops_taking_writes_keeps_the_choices_and_says_so(qtbot,
                                                                               open_window):
    from tests.store.test_attempts import _read_only

    window = open_window()
    open_scenario(qtbot, window, "practice")
    store, play = window.store, window.play
    writable = store.engine
    store.engine = _read_only(store)
    qtbot.keyClick(play, Qt.Key.Key_1)
    assert len(window.session.decisions) == 1  # the choice is taken all the same
    assert play.problem.isVisible() and "the progress file is read-only" in play.problem.text()
    store.engine = writable
    qtbot.waitUntil(lambda: not play.problem.isVisible(), timeout=10_000)
    with store.session() as db:
        assert list(db.scalars(select(Step.kind))) == ["choice"]


def test_a_scenario_of_twelve_hundred_speech_nodes_in_a_row_starts(qtbot, library_dir,
                                                                  open_window):
    from tests.engine.test_walk import long_speech_run

    (library_dir / "long.yaml").write_text(long_speech_run(1200), encoding="utf-8")
    window = open_window()
    qtbot.waitUntil(lambda: window.library.select("long"))
    window.library.set_mode("practice")
    qtbot.mouseClick(window.library.begin, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() is window.play)
    assert window.session.state == "s1200"
    assert window.play.progress_text.text() == "Decision 1 of about 1"


def test_resuming_a_damaged_attempt_names_it_calmly(qtbot, open_window, shown_dialogs):
    from sqlalchemy import text

    window = open_window()
    open_scenario(qtbot, window, "practice")
    qtbot.keyClick(window.play, Qt.Key.Key_1)
    window.go("library")
    settle(qtbot, window)
    with window.store.engine.begin() as db:
        db.execute(text("UPDATE step SET choice = 'not-a-choice'"))
        uuid = db.execute(text("SELECT uuid FROM attempt")).scalar()
    window.library.search.clear()
    assert window.library.select(SCENARIO)
    qtbot.waitUntil(window.library.carry_on.isVisible)
    qtbot.mouseClick(window.library.carry_on, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown_dialogs))
    title, message = shown_dialogs[0]
    assert title == "That did not work" and uuid in message
    assert "'not-a-choice' is not offered" in message
    assert window.current_page() is window.library
