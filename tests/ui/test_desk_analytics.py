"""The desk's decision analytics page, driven as an instructor would: choose a scenario,
switch between first and all attempts, limit to a cohort, and read every figure on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from alongside.store.cohorts import add_trainees
from alongside.store.db import open_store
from alongside.ui.desk.decision_view import DecisionView
from tests.store import desk_rows as rows
from tests.store import test_analytics as data
from tests.ui.conftest import settle

LARGE = 30  # decisions in the large scenario


def fill(db_path, tmp_path) -> None:
    """The analytics data of the store tests in the window's database, and a cohort of
    the first five trainees."""
    store = open_store(db_path)
    try:
        with store.session() as db:
            data.fill(db)
            db.commit()
        rows.cohort(store, tmp_path, "Small class", (data.SID,))
        add_trainees(store, "Small class", [f"Trainee {i:02d}" for i in range(5)])
    finally:
        store.close()


@pytest.fixture
def page(qtbot, open_window, db_path, tmp_path):
    fill(db_path, tmp_path)
    window = open_window(size=(1280, 800))
    window.instructor = "Dee Park"
    window.go("desk-analytics", scenario=data.SID)
    settle(qtbot, window)
    return window.pages["desk-analytics"]


def texts(qtbot, page) -> list[str]:
    """The words on the page, once the worker has answered and the decisions are shown
    (a widget added to a shown layout is shown a moment later)."""
    settle(qtbot, page.shell)
    qtbot.waitUntil(lambda: all(v.isVisible() for v in page.views))
    return [w.text() for w in page.findChildren(QLabel) if w.isVisibleTo(page) and w.text()]


def test_each_decision_with_its_figures_in_words(qtbot, page):
    assert page.scenario.currentData() == data.SID
    assert page.version.count() == 2
    assert page.version.itemText(0).startswith("Version 1: 12 attempts (first seen ")
    assert page.version.itemText(1).startswith("Version 2: 2 attempts (first seen ")
    shown = texts(qtbot, page)
    assert "Three steps, edited: 12 attempts counted on this version, 3 decisions. Attempts " \
           "that could not be read, left out: 1." in shown
    assert "Decision 1 of 3: “First question, asked plainly.”" in shown
    assert "Reached by 11 attempts; 10 answered, 1 stopped here. Facility 0.65; " \
           "discrimination 0.61." in shown
    assert "“Answer a.”: 5 of 10 answers, 50%; quality 1.00" in shown
    assert "“Answer b.”: 3 of 10 answers, 30%; quality 0.50" in shown
    assert "Fewer than 10 attempts reached this decision, so its figures are not shown." \
        in shown
    assert not any(t.startswith("Check this decision") for t in shown)
    assert "0.10" in page.help.text() and "10 attempts" in page.help.text()


def test_the_chart_labels_each_bar_with_its_words_and_share(qtbot, page):
    first = page.views[0]
    page.shell.frames["desk-analytics"].ensureWidgetVisible(first.chart)
    qtbot.waitUntil(lambda: first.chart.view is not None)
    chart = first.chart.view.chart()
    [axis] = [a for a in chart.axes(Qt.Orientation.Vertical)]
    assert axis.categories() == ["Answer c. (20%)", "Answer b. (30%)", "Answer a. (50%)"]
    [series] = chart.series()
    assert [series.barSets()[0].at(i) for i in range(3)] == [20.0, 30.0, 50.0]
    assert first.chart.view.accessibleDescription() == \
        "Answer a. (50%); Answer b. (30%); Answer c. (20%)"


def test_switching_to_all_attempts_and_to_a_cohort(qtbot, page):
    window = page.shell
    qtbot.mouseClick(page.every, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert "“Answer a.”: 7 of 13 answers, 54%; quality 1.00" in texts(qtbot, page)
    qtbot.mouseClick(page.first, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    page.cohort.setCurrentIndex(page.cohort.findData("Small class"))
    settle(qtbot, window)
    assert "Three steps, edited: 5 attempts counted on this version, 3 decisions." \
        in texts(qtbot, page)
    assert len([t for t in texts(qtbot, page) if t.startswith("Fewer than 10")]) == 3
    page.version.setCurrentIndex(0)
    window.go("desk-analytics", scenario=data.SID, cohort=None)
    settle(qtbot, window)
    assert page.cohort.currentData() is None


def test_an_unknown_cohort_is_said_in_words(qtbot, page):
    page.shell.go("desk-analytics", scenario=data.SID, cohort="Nobody")
    settle(qtbot, page.shell)
    assert page.cohort.currentData() is None
    assert page.problem.isVisible() and page.problem.text() == (
        "There is no cohort “Nobody” on this desk, so every trainee's attempts are shown.")
    page.cohort.setCurrentIndex(page.cohort.findData("Small class"))
    settle(qtbot, page.shell)
    assert not page.problem.isVisible()


def test_the_switch_and_lists_are_reachable_and_named(qtbot, page):
    for widget in (page.scenario, page.cohort, page.version, page.first, page.every):
        assert widget.accessibleName() and widget.accessibleDescription()
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus


def _large(n: int) -> str:
    nodes = [(f"d{i}", f"Question number {i}.", f"d{i + 1}" if i < n else "end",
              (("a", 2), ("b", 0), ("c", -2))) for i in range(1, n + 1)]
    body = "".join(data._node(*d) for d in nodes)
    head = data.THREE[:data.THREE.index("nodes:\n") + len("nodes:\n")]
    return (head.replace("id: three-steps", "id: many-steps").replace("Three steps", "Many")
            + body + "  end:\n    ending: strong\n    text: Done.\n    debrief: Done.\n")


def test_thirty_decisions_open_with_charts_made_as_they_scroll_in(
        qtbot, open_window, db_path):
    text = _large(LARGE)
    store = open_store(db_path)
    try:
        with store.session() as db:
            from alongside.engine.load import load_text
            from alongside.store.models import ScenarioVersion

            scenario = load_text(text, stem="many-steps").scenario
            version = ScenarioVersion(scenario_id="many-steps", title="Many", text=text,
                                      content_hash=scenario.content_hash)
            db.add(version)
            db.flush()
            nodes = [f"d{k}" for k in range(1, LARGE + 1)]
            for i in range(12):
                choices = [("a", "b", "c")[(i + k) % 3] for k in range(LARGE)]
                data._attempt(db, rows.trainee(db, f"Person {i}"), version, choices,
                              nodes=nodes)
            db.commit()
    finally:
        store.close()
    window = open_window(size=(1280, 800))
    window.instructor = "Dee Park"  # as the desk's lock sets it
    window.go("desk-analytics", scenario="many-steps")
    settle(qtbot, window)
    page = window.pages["desk-analytics"]
    qtbot.waitUntil(lambda: page.views and page.views[0].chart.view is not None)
    assert len(page.views) == LARGE
    made = [v for v in page.views if v.chart.view is not None]
    assert 0 < len(made) < LARGE / 2
    frame = window.frames["desk-analytics"]
    frame.verticalScrollBar().setValue(frame.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: page.views[-1].chart.view is not None)
    assert isinstance(page.views[-1], DecisionView)
