"""Opening the map as an author does, and waiting until it is drawn."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import settle


def map_drawn(page) -> bool:
    """Whether the page has shown the answer to the last reading it asked for."""
    return page.shown == page.asked and page.steps is None and page.job is None


def select_file(library, name: str) -> None:
    """Select the library's row of the file called `name` (a broken file has no id)."""
    from PySide6.QtCore import QItemSelectionModel

    from alongside.ui.library_model import ENTRY_ROLE

    for r in range(library.filter.rowCount()):
        index = library.filter.index(r, 0)
        if str(library.filter.data(index, ENTRY_ROLE).card.path).endswith(name):
            library.list.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            return
    raise AssertionError(f"{name} is not in the library")


def open_map(qtbot, window, scenario: str = "dose-question", timeout: int = 20000):
    """From the library: select `scenario`, press the Map button, wait for the map."""
    library = window.library
    window.go("library")
    select_file(library, f"{scenario}.yaml")
    buttons = [b for b in library.findChildren(type(library.begin))
               if b.accessibleName() == "Map of the scenario"]
    assert len(buttons) == 1 and buttons[0].isVisible()
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current == "map")
    page = window.pages["map"]
    qtbot.waitUntil(lambda: map_drawn(page), timeout=timeout)
    settle(qtbot, window)
    return page


def changed_on_disk(qtbot, page, path, text: str, timeout: int = 1000) -> None:
    """Write `text` to `path`, tell the page, and wait (a second at most, as the issue
    asks) until the new reading is on screen."""
    path.write_text(text, encoding="utf-8")
    page.file_changed(str(path))
    qtbot.waitUntil(lambda: map_drawn(page), timeout=timeout)


class RowsByDistance:
    """A layout for these tests alone: rows by distance from the start."""

    def __init__(self, path, graph, cache_dir) -> None:
        from collections import deque

        children: dict[str, list[str]] = {}
        for source, target in graph.pairs():
            children.setdefault(source, []).append(target)
        depth = {graph.start: 0}
        waiting = deque([graph.start])
        while waiting:
            here = waiting.popleft()
            for target in children.get(here, ()):
                if target not in depth:
                    depth[target] = depth[here] + 1
                    waiting.append(target)
        across: dict[int, int] = {}
        self.centres = {}
        for nid in graph.ids():
            row = depth.get(nid, max(depth.values()) + 1)
            across[row] = across.get(row, 0) + 1
            self.centres[nid] = (across[row] * 300.0, row * 160.0)

    def done(self) -> bool:
        return True

    def result(self):
        return self.centres

    def cancel(self) -> None:
        pass


@pytest.fixture(autouse=True)
def quick_layout(monkeypatch):
    monkeypatch.setattr("alongside.ui.studio.map_page.start_layout", RowsByDistance)
