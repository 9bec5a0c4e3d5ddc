"""The trainee-record, attempt and decision pages of the desk in the accessibility matrix
of the trainee's pages (tests/ui/test_accessibility.py): whole at every theme, text size
and window size, every control reachable by Tab and named."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton, QWidget

from tests.ui.conftest import settle
from tests.ui.test_accessibility import INTERACTIVE, WINDOWS, _sideways, settled, tab_chain
from tests.ui.test_desk_decision import open_decision
from tests.ui.test_desk_review import desk_data, desk_window, open_attempt, open_trainee

__all__ = ["desk_data", "desk_window"]  # fixtures, shared with the review tests


def desk_pages(qtbot, window, data):
    """Each review page with its content shown: a comment box open, a waiver being given
    and a refusal said."""
    yield "desk-trainee", open_trainee(qtbot, window, "Ben Okafor")
    page = open_attempt(qtbot, window, data.ben)
    qtbot.mouseClick(page.boxes[1].open_button, Qt.MouseButton.LeftButton)
    yield "desk-attempt", page
    page = open_decision(qtbot, window, "Ben Okafor")
    page.waiver_rows[0].waive.click()
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert page.problem.isVisible()
    yield "desk-decision", page


@pytest.mark.parametrize("text_size", [100, 150, 200])
@pytest.mark.parametrize("theme", ["system", "light", "dark", "high-contrast"])
def test_every_review_page_is_whole_at_every_size(qtbot, desk_window, desk_data, theme,
                                                  text_size):
    window = desk_window
    window.settings.set("theme", theme)
    window.settings.set("text_size", text_size)
    found = []
    for name, page in desk_pages(qtbot, window, desk_data):
        for size in WINDOWS:
            width, height = size or (window.minimumWidth(), window.minimumHeight())
            window.resize(width, height)
            where = f"{name} at {width}x{height}"
            found += [f"{where}: {problem}" for problem in settled(qtbot, page)]
            if size is not None and _sideways(window):
                found.append(f"{where}: scrolls sideways")
        window.resize(1280, 800)
    assert found == [], "\n".join(found)


def test_every_review_control_is_reachable_by_tab_and_named(qtbot, desk_window, desk_data):
    window = desk_window
    for name, page in desk_pages(qtbot, window, desk_data):
        reachable = [w for w in page.findChildren(QWidget)
                     if isinstance(w, INTERACTIVE) and w.isVisible() and w.isEnabled()
                     and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                     and not (isinstance(w, QRadioButton) and not w.isChecked())]
        chain = tab_chain(qtbot, window, reachable[0], limit=120)
        for widget in reachable:
            assert widget in chain, (name, type(widget).__name__, widget.accessibleName())
            assert widget.accessibleName() or isinstance(widget, QRadioButton), \
                (name, type(widget).__name__)
            assert widget.accessibleDescription() or widget.inherits("QAbstractItemView"), \
                (name, widget.accessibleName())
