"""The ways to the map: the page registered as "map", a View menu item (Ctrl+M) and the
library's Map button, both for the scenario selected in the library.

Kept apart from the page so that the window's start imports none of the map's modules:
the page is built the first time it is shown.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QPushButton

from alongside.ui.text import tr
from alongside.ui.widgets import button

if TYPE_CHECKING:
    from alongside.ui.main_window import MainWindow
    from alongside.ui.pages.library import LibraryPage
    from alongside.ui.studio.map_page import MapPage

MAP_SHORTCUT = "Ctrl+M"


def install(window: MainWindow, menu: QMenu) -> None:
    """Register the map page in `window` and add its item to `menu`."""
    window.register("map", lambda: _map_page(window))
    window.menu_action(menu, tr("Scenario &map"), lambda: open_map(window), MAP_SHORTCUT, "map")


def _map_page(window: MainWindow) -> MapPage:
    """The map page, with "Play from here…" (P, or a node's menu) opening the trial's dialog."""
    page: MapPage = import_module("alongside.ui.studio.map_page").MapPage(window)
    page.play_from_requested.connect(lambda path, node: _play_from(window, path, node))
    return page


def _play_from(window: MainWindow, path: str, node: str) -> None:
    from alongside.ui.studio.play_from import open_play_from

    open_play_from(window, path, node)


def open_map(window: MainWindow) -> bool:
    """Show the map of the scenario selected in the library; False if none is."""
    row = window.library.current_row()
    if row is None or not row.card.path:
        window.status(tr("Choose a scenario in the library to see its map."))
        return False
    return window.go("map", path=str(row.card.path))


def map_button(library: LibraryPage) -> QPushButton:
    """The library's Map button: the selected scenario's map, errors and all."""
    shown = button(tr("Map ({0})").format(MAP_SHORTCUT), tr("Map of the scenario"),
                   tr("Shows the selected scenario's branches as a map, with any problems "
                      "on their nodes"), parent=library)
    shown.clicked.connect(lambda: open_map(library.shell))  # type: ignore[arg-type]
    return shown
