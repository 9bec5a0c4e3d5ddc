"""The map page like every page: whole at every text size and window, every control reached
by Tab with a name and a description, and its drawing's colours from the theme's pairs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QGraphicsView, QLineEdit, QListWidget, QWidget

from alongside.ui.studio.map_items import Palette
from alongside.ui.themes import THEMES, contrast
from tests.ui.map_helpers import open_map
from tests.ui.test_accessibility import WINDOWS, _sideways, settled, tab_chain


def drawn_over(page: QWidget) -> list[str]:
    """Shown widgets of the page, neither inside the other, whose rectangles meet (the
    accessibility test's check looks at siblings of one layout; this at the whole page)."""
    shown = [w for w in page.findChildren(QWidget) if w.isVisible() and w.width() > 1
             and isinstance(w, QAbstractButton | QLineEdit | QListWidget | QGraphicsView)
             or (w.isVisible() and w.metaObject().className() == "QLabel")]
    problems = []
    for i, a in enumerate(shown):
        area = a.rect().translated(a.mapTo(page, a.rect().topLeft()))
        for b in shown[i + 1:]:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            other = b.rect().translated(b.mapTo(page, b.rect().topLeft()))
            shared = area.intersected(other)
            if shared.width() > 1 and shared.height() > 1:
                problems.append(f"{type(a).__name__} {a.accessibleName()} and "
                                f"{type(b).__name__} {b.accessibleName()} overlap")
    return problems


@pytest.mark.parametrize("text_size", [100, 200])
@pytest.mark.parametrize("theme", ["light", "high-contrast"])
def test_the_map_is_whole_at_every_size(qtbot, open_window, theme, text_size):
    window = open_window(size=(1280, 800))
    window.settings.set("theme", theme)
    window.settings.set("text_size", text_size)
    page = open_map(qtbot, window)
    found = []
    for selected in (False, True):
        if selected:  # a long node's words in the details
            page.view.select(page.reading.graph.start)
        for size in WINDOWS:
            width, height = size or (window.minimumWidth(), window.minimumHeight())
            window.resize(width, height)
            where = f"map at {width}x{height}{' selected' if selected else ''}"
            found += [f"{where}: {problem}" for problem in settled(qtbot, page)]
            found += [f"{where}: {problem}" for problem in drawn_over(page)]
            if size is not None and _sideways(window):
                found.append(f"{where}: scrolls sideways")
            assert page.view.height() >= 6 * page.fontMetrics().height(), where
    assert found == [], "\n".join(found)


def test_the_overlap_check_can_fail(qtbot, open_window):
    window = open_window()
    page = open_map(qtbot, window)
    page.parts.fit.move(page.parts.zoom_in.pos())
    assert any("overlap" in problem for problem in drawn_over(page))


def test_every_control_of_the_map_is_reached_by_tab_and_named(qtbot, open_window):
    window = open_window()
    page = open_map(qtbot, window)
    page.find.field.setText("trust")  # Previous and Next are enabled with matches
    controls = [w for w in page.findChildren(QWidget)
                if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                and isinstance(w, QAbstractButton | QLineEdit | QListWidget | QGraphicsView)]
    assert page.view in controls and page.parts.problem_list in controls
    chain = tab_chain(qtbot, window, page.find.field)
    for widget in controls:
        assert widget in chain, (type(widget).__name__, widget.accessibleName())
        assert widget.accessibleName(), type(widget).__name__
        assert widget.accessibleDescription(), widget.accessibleName()
    assert chain.index(page.find.field) < chain.index(page.view) < \
        chain.index(page.parts.problem_list)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_the_maps_words_and_lines_have_enough_contrast(name):
    """The colours the map draws with, as the drawing pairs them: words on a node's fill
    (the projector theme's 7:1 included), edge labels on their plate, lines and the
    found nodes' outline against the background (3:1)."""
    theme = THEMES[name]
    p = Palette.of(theme)
    words = ((p.box_text, p.box), (p.box_text, p.decision), (p.box_text, p.ending),
             (p.box_text, p.problem_box), (p.selected_text, p.selected), (p.muted, p.box),
             (p.critical, p.box), (p.problem, p.problem_box))
    for text, fill in words:
        ratio = contrast(text.name(), fill.name())
        assert ratio >= theme.minimum_contrast, (name, text.name(), fill.name(), ratio)
    for line in (p.edge, p.critical, p.found, p.box_text):
        assert contrast(line.name(), theme.window) >= 3.0, (name, line.name())
