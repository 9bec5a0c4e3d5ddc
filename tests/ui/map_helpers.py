"""Opening the map as an author does, and waiting until it is drawn."""

from __future__ import annotations

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
