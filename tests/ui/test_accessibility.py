"""Contrast from each theme's palette, 200% text without clipping, keyboard reach, names."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCharts import QChartView
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QTableView,
    QTextBrowser,
    QWidget,
)

from alongside.ui.themes import OUTLINES, PAIRS, THEMES, contrast
from alongside.ui.widgets import WrapButton
from tests.ui.conftest import settle
from tests.ui.desk_data import in_window, unlock
from tests.ui.map_helpers import open_map
from tests.ui.test_play import best_walk, open_scenario

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QTextBrowser,
               QPlainTextEdit)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_text_pair_has_enough_contrast(name):
    theme = THEMES[name]
    for foreground, background in PAIRS:
        ratio = contrast(getattr(theme, foreground), getattr(theme, background))
        assert ratio >= theme.minimum_contrast, (name, foreground, background, round(ratio, 2))
    for outline, background in OUTLINES:
        assert contrast(getattr(theme, outline), getattr(theme, background)) >= 3.0


def test_high_contrast_is_the_projector_theme():
    assert THEMES["high-contrast"].minimum_contrast >= 7.0


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_each_theme_draws_list_arrows_in_its_own_text_colour(name):
    theme = THEMES[name]
    drawing = theme.arrow.read_text(encoding="utf-8")
    assert f'fill="{theme.text}"' in drawing


def text_room_when_focused(button: QPushButton) -> int:
    """Pixels of height a button leaves for its text while it has the focus ring."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    option.state |= QStyle.StateFlag.State_HasFocus
    contents = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option,
                                             button)
    return contents.height()


def _shown(widget: QWidget, page: QWidget) -> bool:
    return widget.isVisible() and widget.window() is page.window() and page.isAncestorOf(widget)


def _scroll_content(widget: QWidget) -> bool:
    """Whether `widget` is what a scroll area scrolls (it may be larger than its viewport)."""
    viewport = widget.parentWidget()
    area = viewport.parentWidget() if viewport is not None else None
    return isinstance(area, QScrollArea) and area.widget() is widget


def clipped(page: QWidget) -> list[str]:
    """Widgets on `page` whose text does not fit the space the layout gave them."""
    problems = []
    for w in page.findChildren(QWidget):
        if not _shown(w, page):
            continue
        size, name = w.size(), f"{type(w).__name__} {w.accessibleName() or ''}"
        if isinstance(w, QLabel) and w.text():
            if w.wordWrap():
                if size.height() + 1 < w.heightForWidth(size.width()):
                    problems.append(f"{name} '{w.text()[:40]}' wraps taller than it is")
            elif size.width() + 1 < w.sizeHint().width() or \
                    size.height() + 1 < w.sizeHint().height():
                problems.append(f"{name} '{w.text()[:40]}' is cut off")
        elif isinstance(w, WrapButton):
            if size.height() + 1 < w.heightForWidth(size.width()):
                problems.append(f"{name} wraps taller than it is")
        elif isinstance(w, QPushButton | QCheckBox | QRadioButton | QComboBox | QLineEdit):
            hint = w.sizeHint()
            tight = isinstance(w, QComboBox | QLineEdit)
            if (not tight and size.width() + 1 < hint.width()) or \
                    size.height() + 1 < hint.height():
                problems.append(f"{name} {size.toTuple()} < {hint.toTuple()}")
            if isinstance(w, QPushButton) and \
                    text_room_when_focused(w) < w.fontMetrics().height():
                problems.append(f"{name} '{w.text()}' is cut off when it has the focus")
        elif isinstance(w, QProgressBar) and w.isTextVisible():
            needed = w.fontMetrics().horizontalAdvance(w.text()) + 8
            if size.width() < needed:
                problems.append(f"{name} text '{w.text()}' is cut off")
        parent = w.parentWidget()
        if parent is not None and parent is not page.window() and not _scroll_content(w) \
                and not isinstance(parent, QAbstractItemView) \
                and not parent.rect().contains(w.geometry()):
            problems.append(f"{name} spills out of its {type(parent).__name__}")
    return problems + overlapping(page) + hidden_sideways(page) + cramped(page)


def hidden_sideways(page: QWidget) -> list[str]:
    """Scroll areas whose content is wider than they show (cut at the right or under a
    scroll bar) where they do not scroll sideways."""
    problems = []
    for area in page.findChildren(QScrollArea):
        content = area.widget()
        if not area.isVisible() or content is None or \
                area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            continue
        if content.width() > area.viewport().width() + 1:
            problems.append(f"{type(content).__name__} {content.accessibleName()} is "
                            f"{content.width() - area.viewport().width()} px wider than "
                            "its scroll area shows")
    return problems


def cramped(page: QWidget) -> list[str]:
    """Tables that show less than three rows (or all they have), and chart titles cut."""
    problems = []
    for table in page.findChildren(QTableView):
        if table.isVisible() and table.model() is not None:
            rows = min(3, table.model().rowCount())
            shown = table.viewport().height() // max(1, table.verticalHeader().defaultSectionSize())
            if shown < rows:
                problems.append(f"table {table.accessibleName()} shows {shown} of {rows} rows")
            problems += elided_cells(table)
    for view in page.findChildren(QChartView):
        chart = view.chart()
        if view.isVisible() and chart.title():
            needed = QFontMetrics(chart.titleFont()).horizontalAdvance(chart.title())
            if needed > chart.size().width() - 20:
                problems.append(f"chart title '{chart.title()}' is cut")
            for axis in chart.axes(Qt.Orientation.Horizontal) if view.isVisible() else ():
                wide = QFontMetrics(axis.titleFont()).horizontalAdvance(axis.titleText())
                if wide > chart.plotArea().width():
                    problems.append(f"axis title '{axis.titleText()}' is cut")
    return problems


def elided_cells(table: QTableView) -> list[str]:
    """Cells and headings whose text is wider than their column (Qt draws them cut, "…")."""
    model, header = table.model(), table.horizontalHeader()
    metrics, margin = table.fontMetrics(), 2 * table.style().pixelMetric(
        QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 2
    problems = []
    for column in range(model.columnCount()):
        texts = [model.headerData(column, Qt.Orientation.Horizontal)] + [
            model.index(row, column).data() for row in range(min(model.rowCount(), 20))]
        room = header.sectionSize(column) - margin
        widest = max((metrics.horizontalAdvance(str(t)) for t in texts if t), default=0)
        if widest > room and not header.isSectionHidden(column):
            problems.append(f"column '{texts[0]}' of {table.accessibleName()} is cut to "
                            f"{room} px of {widest}")
    return problems


def overlapping(page: QWidget) -> list[str]:
    """Laid-out siblings that draw over one another."""
    problems = []
    for parent in [page, *page.findChildren(QWidget)]:
        if parent.layout() is None or not parent.isVisible():
            continue
        children = [c for c in parent.findChildren(QWidget, options=Qt.FindChildOption
                                                   .FindDirectChildrenOnly)
                    if c.isVisible() and parent.layout().indexOf(c) >= 0]
        for i, a in enumerate(children):
            for b in children[i + 1:]:
                shared: QRect = a.geometry().intersected(b.geometry())
                if shared.width() > 1 and shared.height() > 1:
                    problems.append(f"{type(a).__name__} {a.accessibleName()} overlaps "
                                    f"{type(b).__name__} {b.accessibleName()}")
    return problems


def pages_in_use(qtbot, window):
    """Drive the window through every page, yielding (name, page) with content shown."""
    window.go("profile")
    settle(qtbot, window)
    yield "profile", window.profile_page
    window.go("library")
    settle(qtbot, window)
    yield "library", window.library
    map_page = open_map(qtbot, window)
    map_page.view.select(map_page.reading.graph.start)  # its words beside the map
    yield "map", map_page
    window.go("library")
    open_scenario(qtbot, window, "practice")
    walk = best_walk(window.session.scenario)
    qtbot.keyClick(window.play, Qt.Key.Key_0 + walk[0][1])
    yield "play", window.play
    for _node, number in walk[1:]:
        qtbot.keyClick(window.play, Qt.Key.Key_0 + number)
    qtbot.mouseClick(window.play.to_debrief, Qt.MouseButton.LeftButton)
    yield "debrief", window.debrief
    window.go("progress")
    settle(qtbot, window)
    yield "progress", window.progress
    window.go("settings")
    yield "settings", window.preferences
    yield from desk_pages_in_use(qtbot, window)


def desk_pages_in_use(qtbot, window):
    """The desk's pages, on a desk with a cohort (`tests.ui.desk_data`): the unlock page
    as on first use, the cohort grid, and the competencies with the new cohort form."""
    in_window(qtbot, window)
    window.go("desk")
    settle(qtbot, window)
    yield "desk-unlock", window.pages["desk-unlock"]
    unlock(qtbot, window)
    desk = window.pages["desk"]
    qtbot.waitUntil(lambda: desk.grid_model.rowCount() == 4)
    yield "desk", desk
    desk.tabs.setCurrentIndex(1)
    qtbot.mouseClick(desk.new, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(desk.new_form.isVisible)
    yield "desk with the competencies and the new cohort form", desk


WINDOWS = ((1280, 800), (1366, 768), (1920, 1080), None)  # None: the window's minimum size
SETTLE_MS = 500  # a resize can take a few passes of layout (a page changing shape)


def settled(qtbot, page: QWidget) -> list[str]:
    """What is clipped once the page's layout has settled after a change."""
    with contextlib.suppress(qtbot.TimeoutError):
        qtbot.waitUntil(lambda: not clipped(page), timeout=SETTLE_MS)
    return clipped(page)


def _sideways(window) -> bool:
    """Whether the page on screen needs scrolling sideways to be read."""
    return window.frames[window.current].horizontalScrollBar().maximum() > 0


@pytest.mark.parametrize("text_size", [100, 150, 200])
@pytest.mark.parametrize("theme", ["system", "light", "dark", "high-contrast"])
def test_every_page_is_whole_at_every_size(qtbot, open_window, theme, text_size):
    """No text cut or overlapped on any page, in every theme, text size and window size;
    at the window's minimum size a page may scroll, never clip, and at the sizes people
    use it never scrolls sideways."""
    window = open_window(size=(1280, 800))
    window.settings.set("theme", theme)
    window.settings.set("text_size", text_size)
    assert window.font().pointSizeF() == pytest.approx(11.0 * text_size / 100)
    found = []
    for name, page in pages_in_use(qtbot, window):
        for size in WINDOWS:
            width, height = size or (window.minimumWidth(), window.minimumHeight())
            window.resize(width, height)
            where = f"{name} at {width}x{height}"
            found += [f"{where}: {problem}" for problem in settled(qtbot, page)]
            if size is not None and _sideways(window):
                found.append(f"{where}: scrolls sideways")
        window.resize(1280, 800)
    assert found == [], "\n".join(found)


def test_the_clipping_check_can_fail(qtbot, open_window):
    window = open_window()
    window.settings.set("text_size", 200)
    window.go("library")
    window.library.begin.setFixedWidth(10)
    qtbot.wait(10)
    assert any("Start" in problem for problem in clipped(window.library))


def tab_chain(qtbot, window, start: QWidget, limit: int = 60) -> list[QWidget]:
    start.setFocus()
    chain = [start]
    for _ in range(limit):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        widget = window.focusWidget()
        if widget is chain[-1]:  # Tab moved within it (between the links of a text)
            continue
        if widget is start:
            break
        chain.append(widget)
    return chain


def test_every_control_is_reachable_by_tab_and_named(qtbot, open_window):
    window = open_window()
    for name, page in pages_in_use(qtbot, window):
        # Tab reaches the checked radio button of a group; arrows move within it.
        reachable = [w for w in page.findChildren(QWidget)
                     if isinstance(w, INTERACTIVE) and w.isVisible() and w.isEnabled()
                     and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                     and not (isinstance(w, QRadioButton) and not w.isChecked())]
        first = reachable[0]
        chain = tab_chain(qtbot, window, first)
        for widget in reachable:
            assert widget in chain, (name, type(widget).__name__, widget.accessibleName())
            assert widget.accessibleName() or isinstance(widget, QRadioButton | QCheckBox), \
                (name, type(widget).__name__)
            assert widget.accessibleDescription() or isinstance(
                widget, QAbstractItemView | QTextBrowser), (name, widget.accessibleName())


def test_tab_order_follows_the_page(qtbot, open_window):
    window = open_window()
    library = window.library
    window.go("library")
    chain = tab_chain(qtbot, window, library.search)
    order = [library.search, library.setting, library.competency, library.list,
             library.practice, library.begin]
    positions = [chain.index(w) for w in order]
    assert positions == sorted(positions)
    open_scenario(qtbot, window, "practice")
    play = window.play
    chain = tab_chain(qtbot, window, play.transcript)
    offered = [c for c in play.choices.buttons if c.isVisible()]
    positions = [chain.index(w) for w in [play.transcript, *offered]]
    assert positions == sorted(positions)


def test_focus_is_visible(qtbot, open_window):
    window = open_window()
    start = window.library.begin
    window.library.search.setFocus()
    before = start.grab().toImage()
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    assert start.grab().toImage() != before
