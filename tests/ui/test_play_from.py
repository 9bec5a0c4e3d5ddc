"""Play from here…: a deep decision of a library scenario, a variable changed, played to
the end on the play page as a trial, then saved as a path the side file holds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QSpinBox
from sqlalchemy import func, select

from alongside.engine.saved_paths import read_paths, side_file
from alongside.scoring.replay import check_saved_paths
from alongside.store.db import open_store
from alongside.store.models import Attempt
from alongside.ui.dialogs import Dialogs
from alongside.ui.studio.play_from import open_play_from
from tests.engine.scenarios import TWO_DECISIONS

SCENARIO = "not-believed"
# The offscreen platform says so whenever a shown dialog's size hints change.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _field(dialog, name):
    return next(f.widget for f in dialog.fields if f.variable.name == name)


def _attempts(db_path) -> int:
    store = open_store(db_path)
    try:
        with store.session() as s:
            return s.scalar(select(func.count()).select_from(Attempt))
    finally:
        store.close()


def test_play_from_a_deep_decision_with_a_variable_changed_then_save_the_path(
        qtbot, open_window, library_dir, db_path, monkeypatch, shown_dialogs):
    window = open_window()
    path = library_dir / f"{SCENARIO}.yaml"
    before = _attempts(db_path)
    dialog = open_play_from(window, path, "d-after")
    qtbot.waitExposed(dialog)
    assert dialog.summary.text() == "Node 'd-after' is a decision with 4 choices."
    assert "best-scoring way here leaves them, after the choices walk-with," in dialog.route.text()
    trust = _field(dialog, "trust")
    assert isinstance(trust, QSpinBox) and trust.value() == 5
    assert isinstance(_field(dialog, "spoken_for"), QCheckBox)
    assert trust.accessibleDescription() == ("'trust': a whole number from 0 to 5; type it, "
                                             "or press Up and Down; the best way here leaves 5")
    trust.setFocus()
    trust.selectAll()
    qtbot.keyClicks(trust, "1")
    assert trust.value() == 1
    qtbot.keyClick(trust, Qt.Key.Key_Up)
    qtbot.keyClick(trust, Qt.Key.Key_Down)
    assert trust.value() == 1
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() is window.play)
    play = window.play
    assert window.session.state == "d-after" and window.session.variables["trust"] == 1
    assert "Trial from node 'd-after'" in play.mode_label.text()
    assert "not kept" in play.leave_button.accessibleDescription()
    assert play.trial_bar.isVisible() and not play.trial_bar.save.isVisible()
    qtbot.keyClick(play.focusWidget() or play, Qt.Key.Key_1)  # how-was-it
    assert window.session.ending == "end-mixed"
    assert play.trial_bar.save.isVisible()
    monkeypatch.setattr(Dialogs, "text", classmethod(lambda cls, *a, **k: "low trust"))
    play.trial_bar.save.setFocus()
    qtbot.keyClick(play.trial_bar.save, Qt.Key.Key_Space)
    said = play.trial_bar.saved.text()
    assert said == ("Saved 'low trust' in not-believed.paths.yaml: the choices how-was-it, "
                    "ending 'end-mixed', passed.")
    paths, problems = read_paths(side_file(path))
    assert problems == []
    assert [(p.name, p.start, dict(p.values), p.choices, p.ending, p.passed) for p in paths] \
        == [("low trust", "d-after", {"trust": 1}, ("how-was-it",), "end-mixed", True)]
    assert check_saved_paths(window.session.scenario, side_file(path)) == []
    # The same name again: asked, and refused when the person says no.
    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda cls, *a: False))
    qtbot.keyClick(play.trial_bar.save, Qt.Key.Key_Space)
    assert play.trial_bar.saved.text() == "Not saved: a path named 'low trust' is already saved."
    assert len(read_paths(side_file(path))[0]) == 1
    assert _attempts(db_path) == before  # a trial is never an attempt


def test_a_branch_node_says_which_conditions_hold_as_the_values_change(qtbot, open_window,
                                                                       library_dir):
    window = open_window()
    dialog = open_play_from(window, library_dir / f"{SCENARIO}.yaml", "check-trust")
    qtbot.waitExposed(dialog)
    assert dialog.summary.text() == "Node 'check-trust' is a branch."
    assert dialog.branch.text().splitlines() == [
        "✗ fails: trust <= 0 (trust = 4)", "• otherwise → 'd-share'",
        "With these values play goes to 'd-share'."]
    trust = _field(dialog, "trust")
    trust.setValue(0)
    assert dialog.branch.text().splitlines()[0] == "✓ holds: trust <= 0 (trust = 0) → 'walks-off'"
    assert dialog.branch.text().splitlines()[-1] == "With these values play goes to 'walks-off'."
    trust.setFocus()
    trust.selectAll()
    qtbot.keyClick(trust, Qt.Key.Key_Backspace)  # half typed: said in words, Start off
    assert not dialog.start.isEnabled()
    assert dialog.why.text() == "Trust: type a whole number from 0 to 5."
    qtbot.keyClicks(trust, "0")
    assert dialog.start.isEnabled() and dialog.why.isHidden()
    dialog.start.click()
    qtbot.waitUntil(lambda: window.current_page() is window.play)
    assert window.session.path[:3] == ["check-trust", "walks-off", "d-repair"]


def test_a_file_that_does_not_load_or_a_missing_node_is_said_in_words(
        open_window, library_dir, shown_dialogs):
    window = open_window()
    assert open_play_from(window, library_dir / f"{SCENARIO}.yaml", "no-such-node") is None
    broken = library_dir / "broken.yaml"
    broken.write_text("format: 1\nid: [\n")
    assert open_play_from(window, broken, "start") is None
    assert [title for title, _ in shown_dialogs] == ["Cannot play from here"] * 2
    assert "has no node 'no-such-node'" in shown_dialogs[0][1]
    assert "does not load" in shown_dialogs[1][1]


def test_saving_a_path_is_not_a_change_of_scenario_for_the_watcher(qtbot, open_window,
                                                                    library_dir):
    window = open_window()
    changed: list[str] = []
    window.watcher.file_changed.connect(changed.append)
    (library_dir / f"{SCENARIO}.paths.yaml").write_text(
        "- {name: x, choices: [], ending: end-strong, passed: true}\n")
    two = library_dir / "two.yaml"
    two.write_text(TWO_DECISIONS)
    qtbot.waitUntil(lambda: len(changed) >= 1, timeout=1000)
    qtbot.wait(300)
    assert changed == [str(two)]


def test_starting_a_trial_over_an_assessment_under_way_asks_first(qtbot, open_window,
                                                                  library_dir, monkeypatch):
    window = open_window()
    window.play_new(library_dir / f"{SCENARIO}.yaml", "assessment")
    qtbot.waitUntil(lambda: window.current_page() is window.play and window.session is not None)
    assessment = window.session
    asked: list[str] = []
    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda cls, p, title, text:
                                                    asked.append(title) or False))
    dialog = open_play_from(window, library_dir / f"{SCENARIO}.yaml", "d-after")
    qtbot.waitExposed(dialog)
    dialog.start.click()
    assert asked == ["Leave the assessment?"]
    assert window.session is assessment and dialog.isVisible()  # stays: nothing lost
    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda cls, *a: True))
    dialog.start.click()
    assert window.session is not assessment and window.session.state == "d-after"


def test_a_trial_from_a_node_no_play_through_reaches_is_played_but_not_saved(
        qtbot, open_window, library_dir, monkeypatch):
    path = library_dir / "two.yaml"
    path.write_text(TWO_DECISIONS.replace("trust >= 5", "trust >= 6"))  # 'strong' never
    window = open_window()
    dialog = open_play_from(window, path, "strong")
    qtbot.waitExposed(dialog)
    assert dialog.route.text() == ("No play-through of 'two' from its start 'intro' reaches "
                                   "node 'strong'. The variables start at their starting "
                                   "values.")
    dialog.start.click()
    qtbot.waitUntil(lambda: window.current_page() is window.play)
    assert window.session.ending == "strong"
    monkeypatch.setattr(Dialogs, "text", classmethod(lambda cls, *a, **k: "never"))
    window.play.trial_bar.save.click()
    assert window.play.trial_bar.saved.text().startswith(
        "Not saved: validate could not play it again: cannot begin: no play-through")
    assert not side_file(path).exists()
