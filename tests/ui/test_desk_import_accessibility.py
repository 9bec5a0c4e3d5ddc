"""The import page in the clipping, contrast and keyboard matrix of the trainee's pages
(`test_accessibility`'s checks, on a page showing a batch with a refused file)."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QTableWidget, QWidget

from tests.ui.conftest import settle
from tests.ui.test_accessibility import (
    INTERACTIVE,
    SETTLE_MS,
    WINDOWS,
    _sideways,
    clipped,
    tab_chain,
)
from tests.ui.test_desk_import import bundles, choose, desk  # noqa: F401 - fixtures


def wrapped_cells(table: QTableWidget) -> list[str]:
    """Cells of a word-wrapping table whose wrapped text is taller than their row."""
    problems = []
    metrics = table.fontMetrics()
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            text = table.item(row, column).text()
            room = table.columnWidth(column) - 8
            needed = metrics.boundingRect(QRect(0, 0, room, 10_000),
                                          Qt.TextFlag.TextWordWrap, text).height()
            if needed > table.rowHeight(row):
                problems.append(f"cell {row},{column} '{text[:30]}' needs {needed} px of "
                                f"{table.rowHeight(row)}")
    return problems


def problems(page) -> list[str]:
    """The shared clipping checks, with the summary table's cells judged as the wrapped
    text they are (the shared check measures a cell's text on one line)."""
    found = [p for p in clipped(page)
             if not (p.startswith("column ") and "of Import summary is cut" in p)]
    return found + wrapped_cells(page.table)


def page_problems(qtbot, page) -> list[str]:
    """What is clipped once the page's layout has settled after a change."""
    with contextlib.suppress(qtbot.TimeoutError):
        qtbot.waitUntil(lambda: not problems(page), timeout=SETTLE_MS)
    return problems(page)


@pytest.fixture
def shown(qtbot, desk, bundles, monkeypatch):  # noqa: F811 - fixtures
    window, page = desk()
    choose(monkeypatch, qtbot, page, [bundles["Ana Ruiz"], bundles["damaged"],
                                      bundles["Ben Okafor"]])
    settle(qtbot, window)
    assert page.table.rowCount() == 3
    return window, page


@pytest.mark.parametrize("text_size", [100, 150, 200])
@pytest.mark.parametrize("theme", ["system", "light", "dark", "high-contrast"])
def test_the_import_page_is_whole_at_every_size(qtbot, shown, theme, text_size):
    window, page = shown
    window.settings.set("theme", theme)
    window.settings.set("text_size", text_size)
    found = []
    for size in WINDOWS:
        width, height = size or (window.minimumWidth(), window.minimumHeight())
        window.resize(width, height)
        where = f"desk-import at {width}x{height}"
        found += [f"{where}: {problem}" for problem in page_problems(qtbot, page)]
        if size is not None and _sideways(window):
            found.append(f"{where}: scrolls sideways")
    assert found == [], "\n".join(found)


def test_the_wrapped_cell_check_can_fail(qtbot, shown):
    _window, page = shown
    item = page.table.item(1, 2)
    item.setText(item.text() * 20)  # longer than its row, which is not fitted again
    assert wrapped_cells(page.table)


def test_every_control_is_reachable_by_tab_and_named(qtbot, shown):
    window, page = shown
    reachable = [w for w in page.findChildren(QWidget)
                 if isinstance(w, INTERACTIVE) and w.isVisible() and w.isEnabled()
                 and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert page.choose in reachable and page.table in reachable
    chain = tab_chain(qtbot, window, page.choose)
    for widget in reachable:
        assert widget in chain, (type(widget).__name__, widget.accessibleName())
        assert widget.accessibleName() and widget.accessibleDescription()
    assert page.progress.accessibleName() and page.outcome.accessibleName()


def test_the_outcome_is_said_in_words_not_colour_alone(qtbot, shown):
    _window, page = shown
    assert page.outcome.property("role") == "bad"
    assert "1 refused" in page.outcome.text()
    assert page.table.item(1, 1).text() == "Refused"

