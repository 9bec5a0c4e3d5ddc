"""New scenario…: the id follows the title until edited, a used id is refused in words,
and the file made from the template is opened in the editor and selected at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from alongside.engine.load import load_file
from alongside.ui.studio import new_scenario
from alongside.ui.studio.folders import default_author_folder
from alongside.ui.studio.new_scenario import Editor, NewScenarioDialog


@pytest.fixture
def editor(opened_in_editor) -> list:
    """The files the editor was asked to open (tests/ui/conftest.py)."""
    return opened_in_editor


def test_the_id_follows_the_title_until_edited_and_a_used_one_is_refused(qtbot):
    dialog = NewScenarioDialog(None, {"dose-question"})
    qtbot.addWidget(dialog)
    assert not dialog.create.isEnabled() and not dialog.why.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.title, "Dose question")
    assert dialog.id.text() == "dose-question"
    assert not dialog.create.isEnabled()
    assert dialog.why.text() == ("The id 'dose-question' is already used by a scenario in "
                                 "the library.")
    dialog.id.selectAll()
    qtbot.keyClicks(dialog.id, "dose-question-at-night")
    qtbot.keyClicks(dialog.title, " again")
    assert dialog.id.text() == "dose-question-at-night"  # edited: it no longer follows
    assert dialog.create.isEnabled() and dialog.why.text() == ""
    dialog.id.selectAll()
    qtbot.keyClicks(dialog.id, "Not An Id")
    assert "only lower-case letters" in dialog.why.text() and not dialog.create.isEnabled()
    assert dialog.chosen() == ("Dose question again", "Not An Id")
    for field in (dialog.title, dialog.id):
        assert field.accessibleName() and field.accessibleDescription()


def test_new_scenario_writes_opens_and_selects_it(qtbot, open_window, editor, monkeypatch):
    window = open_window()
    asked = []
    monkeypatch.setattr(NewScenarioDialog, "ask", classmethod(
        lambda cls, parent, taken: asked.append(taken) or ("My first scenario", "my-first")))
    window.library.search.setText("nothing matches this")
    qtbot.mouseClick(window.library.create, Qt.MouseButton.LeftButton)
    path = default_author_folder() / "my-first.yaml"
    assert editor == [path] and "dose-question" in asked[0]
    result = load_file(path)
    assert result.problems == [] and result.scenario.title == "My first scenario"
    qtbot.waitUntil(lambda: window.library.current_row() is not None
                    and window.library.current_row().card.id == "my-first", timeout=1000)
    assert window.library.title.text() == "My first scenario"
    assert window.library.fact_labels["source"].text() == "Your scenarios"
    assert window.current == "map"  # and on the map at once
    page = window.page("map")
    qtbot.waitUntil(lambda: page.reading is not None and bool(page.scene.items_by_id),
                    timeout=5000)
    assert page.path == str(path) and "opening" in page.scene.items_by_id
    assert "opened in your editor" in window.statusBar().currentMessage()


def test_an_existing_file_is_never_overwritten(qtbot, open_window, editor, monkeypatch,
                                               shown_dialogs):
    window = open_window()
    folder = default_author_folder()
    (folder / "mine.yaml").write_text("my own words")
    monkeypatch.setattr(NewScenarioDialog, "ask", classmethod(
        lambda cls, parent, taken: ("Mine", "mine")))
    new_scenario.start(window)
    assert (folder / "mine.yaml").read_text() == "my own words" and editor == []
    [(title, text)] = shown_dialogs
    assert title == "The scenario was not made" and "mine.yaml could not be written" in text


def test_the_file_menu_offers_it_with_the_new_key(qtbot, open_window, monkeypatch):
    window = open_window()
    action = window.findChild(type(window.menuBar().actions()[0]), "new-scenario")
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    keys = [a.shortcut() for a in window.findChildren(type(action)) if not a.shortcut().isEmpty()]
    assert keys.count(action.shortcut()) == 1
    asked = []
    monkeypatch.setattr(NewScenarioDialog, "ask", classmethod(
        lambda cls, parent, taken: asked.append(True)))
    window.library.list.setFocus()
    qtbot.keyClick(window.library.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked == [True]
    action.trigger()
    assert asked == [True, True]


def test_where_a_map_page_is_registered_the_new_scenario_opens_on_it(qtbot, open_window,
                                                                     editor, monkeypatch):
    from alongside.ui.shell import Page

    class Map(Page):
        def enter(self, **arguments) -> None:
            self.shown = arguments

    window = open_window()
    window.register("map", lambda: Map(window))
    monkeypatch.setattr(NewScenarioDialog, "ask", classmethod(
        lambda cls, parent, taken: ("Mapped", "mapped")))
    new_scenario.start(window)
    qtbot.waitUntil(lambda: window.current == "map", timeout=1000)
    assert window.pages["map"].shown == {"path": str(default_author_folder() / "mapped.yaml")}


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen
def test_the_dialog_is_whole_at_200_percent_with_its_message(qtbot, open_window):
    from tests.ui.test_accessibility import clipped

    window = open_window()
    window.settings.set("text_size", 200)
    dialog = NewScenarioDialog(window, {"dose-question"})
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.title, "Dose question")
    assert dialog.why.isVisible()
    qtbot.waitUntil(lambda: clipped(dialog) == [], timeout=1000)
    dialog.reject()


def test_without_an_editor_the_status_line_says_where_the_file_is(qtbot, open_window,
                                                                  monkeypatch):
    window = open_window()
    monkeypatch.setattr(Editor, "open", classmethod(lambda cls, path: False))
    monkeypatch.setattr(NewScenarioDialog, "ask", classmethod(
        lambda cls, parent, taken: ("Quiet", "quiet")))
    new_scenario.start(window)
    path = default_author_folder() / "quiet.yaml"
    qtbot.waitUntil(lambda: str(path) in window.statusBar().currentMessage(), timeout=1000)
    assert "no editor opened it" in window.statusBar().currentMessage()


def test_cancelling_makes_nothing(qtbot, open_window, editor, monkeypatch):
    window = open_window()
    monkeypatch.setattr(NewScenarioDialog, "ask", classmethod(lambda cls, parent, taken: None))
    new_scenario.start(window)
    assert editor == [] and list(default_author_folder().iterdir()) == []
