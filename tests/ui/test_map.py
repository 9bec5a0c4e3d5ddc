"""The map page as an author uses it: from the library, find, keys, problems, live edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip

from alongside.engine.graph import matching
from alongside.engine.load import load_file
from tests.ui.conftest import settle
from tests.ui.map_helpers import changed_on_disk, map_drawn, open_map


def test_the_map_of_a_library_scenario_from_the_library(qtbot, open_window, library_dir):
    window = open_window()
    page = open_map(qtbot, window)
    scenario = load_file(library_dir / "dose-question.yaml").scenario
    assert set(page.scene.items_by_id) == set(scenario.nodes)
    assert page.parts.title.text() == f"Map: {scenario.title}"
    start = page.scene.items_by_id[scenario.start]
    assert start.start and not any(i.start for i in page.scene.items_by_id.values()
                                   if i is not start)
    assert page.parts.problems_heading.text() == "Problems: none"
    assert not page.parts.banner.isVisible() and not page.parts.state.isVisible()
    visible = page.view.visible_area()
    assert all(visible.contains(item.sceneBoundingRect())
               for item in page.scene.items_by_id.values())  # fitted: the whole map in view
    assert page.parts.zoom.text().endswith("%")


def test_the_menu_item_opens_the_selected_scenarios_map(qtbot, open_window):
    window = open_window()
    window.library.select("ride-home")
    action = next(a for a in window.findChildren(type(window.menuBar().actions()[0]))
                  if a.objectName() == "map")
    assert action.shortcut().toString() == "Ctrl+M"
    action.trigger()
    page = window.pages["map"]
    qtbot.waitUntil(lambda: map_drawn(page), timeout=20000)
    assert page.path.endswith("ride-home.yaml")


def test_find_shows_the_count_and_enter_goes_to_the_next(qtbot, open_window):
    window = open_window()
    page = open_map(qtbot, window)
    expected = matching(page.reading.graph, "trust")
    assert len(expected) > 2
    qtbot.keyClicks(page.find.field, "trust")
    assert page.find.count.text() == f"1 of {len(expected)}"
    assert page.scene.selected_id() == expected[0]
    qtbot.keyClick(page.find.field, Qt.Key.Key_Return)
    assert page.find.count.text() == f"2 of {len(expected)}"
    assert page.scene.selected_id() == expected[1]
    qtbot.keyClick(page.find.field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert page.scene.selected_id() == expected[0]
    assert all(page.scene.items_by_id[nid].found for nid in expected)
    page.find.field.clear()
    qtbot.keyClicks(page.find.field, "no such words anywhere")
    assert page.find.count.text() == "No matches"


def test_arrow_keys_move_the_selection_along_the_edges(qtbot, open_window):
    window = open_window()
    page = open_map(qtbot, window)
    view, graph = page.view, page.reading.graph
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert page.scene.selected_id() == graph.start
    assert "(the start)" in view.accessibleDescription()
    here = graph.start
    while len(page.scene.children_of.get(here, [])) < 2:  # down to the first decision
        qtbot.keyClick(view, Qt.Key.Key_Down)
        child = page.scene.selected_id()
        assert (here, child) in graph.pairs()
        here = child
    decision = graph.node(here)
    assert decision.kind == "decision"
    description = view.accessibleDescription()
    assert description.startswith(f"Decision {decision.id}") and "choice " in description
    assert page.parts.details.text() == description
    qtbot.keyClick(view, Qt.Key.Key_Down)
    first = page.scene.selected_id()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    second = page.scene.selected_id()
    assert second != first and second in page.scene.children_of[decision.id]
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert page.scene.selected_id() == decision.id
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert page.scene.selected_id() is None


def test_zoom_keys_and_fit(qtbot, open_window):
    window = open_window()
    page = open_map(qtbot, window)
    view = page.view
    view.setFocus()
    fitted = view.zoom()
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(fitted * 1.25)
    text_size = window.settings.get("text_size")
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom() == pytest.approx(fitted / 1.25)
    assert window.settings.get("text_size") == text_size  # the map took the keys
    qtbot.mouseClick(page.parts.fit, Qt.MouseButton.LeftButton)
    assert view.zoom() == pytest.approx(fitted)
    shown = f"{fitted * 100:.0f}%" if fitted >= 0.1 else f"{fitted * 100:.2g}%"
    assert page.parts.zoom.text() == shown


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tooltip, offscreen
def test_an_edge_tells_its_choice_and_scores_on_hover(qtbot, open_window):
    window = open_window()
    page = open_map(qtbot, window)
    layer = page.scene.edges
    drawn = next(d for d in layer.drawn if d.edge.kind == "choice" and d.edge.scores)
    page.view.set_zoom(1.0)
    page.view.centerOn(drawn.label_at)
    at = page.view.mapFromScene(drawn.curve.pointAtPercent(0.5))
    assert layer.edge_at(drawn.curve.pointAtPercent(0.5), 4) is not None
    viewport = page.view.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, at, viewport.mapToGlobal(at))
    page.view.viewportEvent(event)
    shown = QToolTip.text()
    edge = layer.edge_at(drawn.curve.pointAtPercent(0.5), 8)
    assert shown.startswith(f"Choice {edge.label}: ") and "Scores: " in shown
    QToolTip.hideText()


BROKEN_NEXT = ("next: past-helps", "next: past-helsp")


def broken(text: str) -> str:
    """`text` with its first choice that goes to past-helps going to a node that is not."""
    return text.replace(*BROKEN_NEXT, 1)


def test_problems_are_drawn_on_their_node_and_listed(qtbot, open_window, library_dir):
    path = library_dir / "dose-question.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(broken(text), encoding="utf-8")
    window = open_window()
    page = open_map(qtbot, window)
    owner = next(nid for nid, item in page.scene.items_by_id.items()
                 if any(p.rule == "dangling-next" for p in item.problems))
    line = next(n for n, row in enumerate(text.splitlines(), 1) if BROKEN_NEXT[0] in row)
    assert page.reading.graph.node_at_line(line) == owner
    item = page.scene.items_by_id[owner]
    assert "past-helsp" in item.toolTip() and f"Line {line}:" in item.toolTip()
    assert "cannot be played" in page.parts.banner_text.text()
    assert page.parts.banner.isVisible()
    listing = page.parts.problem_list
    row = next(i for i in range(listing.count()) if "past-helsp" in listing.item(i).text())
    assert listing.item(row).text().startswith(f"Error at line {line}, on node {owner}: ")
    page.view.select(None)
    rect = listing.visualItemRect(listing.item(row))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.scene.selected_id() == owner
    assert page.view.visible_area().contains(item.sceneBoundingRect().center())


def test_a_file_broken_then_fixed_on_disk(qtbot, open_window, library_dir):
    window = open_window()
    page = open_map(qtbot, window)
    path = library_dir / "dose-question.yaml"
    good = path.read_text(encoding="utf-8")
    page.view.set_zoom(1.0)
    some = next(iter(page.scene.items_by_id))
    page.view.select(some)
    zoom, centre = page.view.zoom(), page.view.visible_area().center()
    changed_on_disk(qtbot, page, path, broken(good))
    assert page.parts.banner.isVisible()
    assert page.parts.banner_text.text() == ("This file has errors; showing the last "
                                             "version that loaded.")
    items = page.scene.items_by_id
    assert all(item.opacity() < 1 for item in items.values())
    assert any(p.rule == "dangling-next" for item in items.values() for p in item.problems)
    assert page.view.zoom() == pytest.approx(zoom)
    assert (page.view.visible_area().center() - centre).manhattanLength() < 2
    assert page.scene.selected_id() == some
    changed_on_disk(qtbot, page, path, good)
    assert not page.parts.banner.isVisible()
    assert all(item.opacity() == 1 and not item.problems
               for item in page.scene.items_by_id.values())
    assert page.parts.problems_heading.text() == "Problems: none"


def test_another_file_changing_leaves_the_map_alone(qtbot, open_window, library_dir):
    window = open_window()
    page = open_map(qtbot, window)
    asked = page.asked
    page.file_changed(str(library_dir / "ride-home.yaml"))
    settle(qtbot, window)
    assert page.asked == asked


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen
def test_p_opens_play_from_here_for_the_selected_node(qtbot, open_window):
    from alongside.ui.studio.play_from import PlayFromDialog

    window = open_window()
    page = open_map(qtbot, window)
    view = page.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    qtbot.keyClick(view, Qt.Key.Key_P)
    dialogs = [w for w in window.findChildren(PlayFromDialog) if w.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].node.id == page.reading.graph.start
    assert dialogs[0].summary.text().startswith(f"Node '{page.reading.graph.start}' is")
    dialogs[0].close()


def test_a_file_that_cannot_be_read_says_so(qtbot, open_window, library_dir):
    (library_dir / "dose-question.yaml").write_text("format: [1\n", encoding="utf-8")
    window = open_window()
    page = open_map(qtbot, window)
    assert page.scene.items_by_id == {}
    assert page.parts.banner.isVisible()
    assert "could not be read" in page.parts.banner_text.text()
    assert page.parts.problem_list.count() >= 1


def test_a_click_selects_a_node_and_ctrl_wheel_zooms(qtbot, open_window):
    window = open_window()
    page = open_map(qtbot, window)
    view, graph = page.view, page.reading.graph
    target = graph.ids()[3]
    view.set_zoom(1.0)
    view.centerOn(page.scene.items_by_id[target])
    at = view.mapFromScene(page.scene.items_by_id[target].pos())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert page.scene.selected_id() == target
    assert page.parts.details.text().startswith(page.scene.items_by_id[target].tooltip()
                                                .split("\n")[0])
    before = view.zoom()
    wheel = QWheelEvent(QPointF(at), QPointF(view.viewport().mapToGlobal(at)), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom() == pytest.approx(before * 1.25)


class Crashing:
    """A layout whose worker process died."""

    def __init__(self, *arguments) -> None:
        pass

    def done(self) -> bool:
        return True

    def result(self):
        raise RuntimeError("the layout's worker process stopped")

    def cancel(self) -> None:
        pass


def test_a_layout_that_fails_is_said_in_words(qtbot, open_window, monkeypatch):
    monkeypatch.setattr("alongside.ui.studio.map_page.start_layout", Crashing)
    window = open_window()
    page = open_map(qtbot, window)
    assert page.parts.state.isVisible()
    assert page.parts.state.text() == ("The map could not be laid out: the layout's worker "
                                       "process stopped")
    assert page.parts.problems_heading.text() == "Problems: none"
