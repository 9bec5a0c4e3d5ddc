"""Controls as people expect them: Return presses the focused button, a focused
choice shows the theme's ring and nothing else, and a short list opens whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QComboBox

from tests.ui.conftest import settle
from tests.ui.test_newest_line import best_number
from tests.ui.test_play import open_scenario


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_return_and_enter_press_the_focused_button(qtbot, open_window, key):
    window = open_window()
    window.go("library")
    settle(qtbot, window)
    assert window.library.select("dose-question")
    window.library.begin.setFocus()
    modifier = Qt.KeyboardModifier.KeypadModifier if key == Qt.Key.Key_Enter \
        else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(window.library.begin, key, modifier)
    qtbot.waitUntil(lambda: window.current_page() is window.play)
    play = window.play
    while not window.session.ended:
        before = len(window.session.decisions)
        choice = play.choices.buttons[best_number(window) - 1]
        choice.setFocus()
        qtbot.keyClick(choice, key, modifier)
        assert len(window.session.decisions) == before + 1
    assert play.to_debrief.hasFocus()
    qtbot.keyClick(play.to_debrief, key, modifier)
    assert window.current_page() is window.debrief


def _inside(image: QImage, margin: int) -> list[tuple[int, int, int]]:
    return [(x, y, image.pixel(x, y)) for y in range(margin, image.height() - margin)
            for x in range(margin, image.width() - margin)]


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_a_focused_choice_shows_the_ring_and_no_inner_rectangle(qtbot, open_window, theme):
    """Focused and unfocused, a choice differs only in its border: nothing is drawn
    inside the ring (Fusion's grey focus rectangle was)."""
    window = open_window()
    window.settings.set("theme", theme)
    open_scenario(qtbot, window, "practice")
    first, second = window.play.choices.buttons[:2]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Tab)  # as a person moves it: styles mark keyboard focus
    qtbot.waitUntil(second.hasFocus)
    qtbot.keyClick(second, Qt.Key.Key_Backtab)
    qtbot.waitUntil(first.hasFocus)
    focused = first.grab().toImage()
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    qtbot.waitUntil(second.hasFocus)
    resting = first.grab().toImage()
    ring = round(3 * window.font().pointSizeF() / 11) + 2
    changed = [a for a, b in zip(_inside(focused, ring), _inside(resting, ring), strict=True)
               if a != b]
    assert focused != resting, "the focused choice shows no ring"
    assert changed == [], f"{len(changed)} pixels inside the ring change with the focus"


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen has no popups
@pytest.mark.parametrize("text_size", [100, 200])
def test_lists_open_with_every_item_whole_in_view(qtbot, open_window, text_size):
    window = open_window(size=(1280, 800))
    window.settings.set("text_size", text_size)
    scrolled = []
    for page in ("settings", "library"):
        window.go(page)
        settle(qtbot, window)
        for combo in window.current_page().findChildren(QComboBox):
            combo.showPopup()
            qtbot.waitUntil(combo.view().isVisible)
            view = combo.view()
            if view.verticalScrollBar().maximum() > 0 and combo.count() <= combo.maxVisibleItems():
                scrolled.append(f"{combo.accessibleName()} ({combo.count()} items)")
            room = view.viewport().width()
            scrolled += [f"{combo.accessibleName()}: '{combo.itemText(i)}' is cut"
                         for i in range(combo.count())
                         if view.sizeHintForIndex(view.model().index(i, 0)).width() > room]
            combo.hidePopup()
    assert scrolled == []
