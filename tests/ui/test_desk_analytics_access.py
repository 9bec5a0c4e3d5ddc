"""The analytics page in the clipping, contrast and keyboard matrix of the trainee's
pages (tests/ui/test_accessibility.py's checks), with desk data shown: charts, a hidden
decision and a flagged one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton, QWidget

from alongside.engine.load import load_text
from alongside.store.db import open_store
from alongside.store.models import ScenarioVersion
from tests.store import desk_rows as rows
from tests.store import test_analytics as data
from tests.ui.conftest import settle
from tests.ui.test_accessibility import INTERACTIVE, WINDOWS, _sideways, settled, tab_chain
from tests.ui.test_desk_analytics import fill

FLAGGED = "three-flagged"


def fill_flagged(db_path) -> None:
    """A copy of the three-step scenario whose second decision runs against the rest."""
    text = data.THREE.replace(f"id: {data.SID}", f"id: {FLAGGED}")
    store = open_store(db_path)
    try:
        with store.session() as db:
            scenario = load_text(text, stem=FLAGGED).scenario
            version = ScenarioVersion(scenario_id=FLAGGED, title=scenario.title, text=text,
                                      content_hash=scenario.content_hash)
            db.add(version)
            db.flush()
            for i in range(10):
                data._attempt(db, rows.trainee(db, f"Person {i}"), version,
                              ("a no up" if i < 5 else "c yes down").split())
            db.commit()
    finally:
        store.close()


@pytest.fixture
def window(qtbot, open_window, db_path, tmp_path):
    fill(db_path, tmp_path)
    fill_flagged(db_path)
    opened = open_window(size=(1280, 800))
    opened.instructor = "Dee Park"
    return opened


def shown(qtbot, window, scenario: str):
    """The page on `scenario`, scrolled through once so that every chart is made."""
    window.go("desk-analytics", scenario=scenario)
    settle(qtbot, window)
    page = window.pages["desk-analytics"]
    qtbot.waitUntil(lambda: page.views and all(v.isVisible() for v in page.views))
    frame = window.frames["desk-analytics"]
    for view in page.views:
        if view.chart is not None:
            frame.ensureWidgetVisible(view.chart)
            qtbot.waitUntil(lambda v=view: v.chart.view is not None)
    frame.verticalScrollBar().setValue(0)
    return page


@pytest.mark.parametrize("text_size", [100, 150, 200])
@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_the_analytics_page_is_whole_at_every_size(qtbot, window, theme, text_size):
    window.settings.set("theme", theme)
    window.settings.set("text_size", text_size)
    found = []
    for scenario in (data.SID, FLAGGED):
        page = shown(qtbot, window, scenario)
        if scenario == FLAGGED:
            assert page.views[1].flag.isVisible()
            assert page.views[0].summary.text().endswith(
                "; no discrimination to work out (the answers here, or the rest of the "
                "attempts, were all equally good, or too few attempts had other decisions).")
        for size in WINDOWS:
            width, height = size or (window.minimumWidth(), window.minimumHeight())
            window.resize(width, height)
            where = f"{scenario} at {width}x{height}"
            found += [f"{where}: {problem}" for problem in settled(qtbot, page)]
            if size is not None and _sideways(window):
                found.append(f"{where}: scrolls sideways")
        window.resize(1280, 800)
    assert found == [], "\n".join(found)


def test_the_charts_follow_the_theme(qtbot, window):
    from alongside.ui.themes import THEMES

    page = shown(qtbot, window, data.SID)
    for name in ("dark", "high-contrast"):
        window.settings.set("theme", name)
        chart = page.views[0].chart.view.chart()
        qtbot.waitUntil(lambda c=chart, n=name: c.backgroundBrush().color().name()
                        == THEMES[n].surface)
        [bars] = chart.series()[0].barSets()
        assert bars.color().name() == THEMES[name].accent


def test_every_control_is_reachable_by_tab_and_named(qtbot, window):
    page = shown(qtbot, window, FLAGGED)
    reachable = [w for w in page.findChildren(QWidget)
                 if isinstance(w, INTERACTIVE) and w.isVisible() and w.isEnabled()
                 and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                 and not (isinstance(w, QRadioButton) and not w.isChecked())]
    assert page.scenario in reachable and page.first in reachable
    chain = tab_chain(qtbot, window, reachable[0])
    for widget in reachable:
        assert widget in chain, (type(widget).__name__, widget.accessibleName())
        assert widget.accessibleName() and widget.accessibleDescription()
    positions = [chain.index(w) for w in (page.scenario, page.cohort, page.version, page.first)]
    assert positions == sorted(positions)
    page.first.setFocus()
    qtbot.keyClick(page.first, Qt.Key.Key_Right)
    settle(qtbot, window)
    assert page.every.isChecked()
    assert "“Answer a.”: 5 of 10 answers, 50%; quality 1.00" in [
        line.text() for line in page.views[0].lines]
