"""The certification instructor's desk: the pages an instructor reaches from the menu
once the desk is unlocked.

Every desk page is a `Page` of the main window registered under a name that starts
with "desk" ("desk", "desk-trainee", "desk-attempt", "desk-decision", "desk-import",
"desk-analytics"); the desk's lock stands in front of all of them. While the desk is
unlocked the window's `instructor` is the name of the instructor who unlocked it
(None while locked): pages read it to say who commented or decided. Each module here
registers its own pages with a `register(window)` function, and `install(window)`
registers them all, so the trainee's window knows the desk by one call.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from alongside.ui.desk.lock import UNLOCK, DeskLock
from alongside.ui.text import tr

if TYPE_CHECKING:
    from alongside.ui.main_window import MainWindow
    from alongside.ui.shell import Page

DESK_SHORTCUT = "Ctrl+Shift+D"


def _page(window: MainWindow, module: str, name: str) -> Page:
    """Page `name` of `alongside.ui.desk.<module>`, imported when first shown."""
    page: Page = getattr(import_module(f"alongside.ui.desk.{module}"), name)(window)
    return page


def register(window: MainWindow) -> None:
    """The lock's page and the cohorts page."""
    window.register(UNLOCK, lambda: _page(window, "unlock", "UnlockPage"))
    window.register("desk", lambda: _page(window, "cohorts", "CohortsPage"))


def install(window: MainWindow) -> None:
    """The desk in `window`: its lock, its pages, and a Desk menu before the last menu
    (Help) to reach them."""
    window.desk_lock = DeskLock(window)
    register(window)
    bar = window.menuBar()
    menu = bar.addMenu(tr("&Desk"))
    actions = bar.actions()
    if len(actions) > 1:  # addMenu put it last; it goes before Help
        bar.insertAction(actions[-2], menu.menuAction())
    window.menu_action(menu, tr("Instructor's &desk…"), lambda: window.go("desk"),
                       DESK_SHORTCUT, "desk")
    window.menu_action(menu, tr("&Lock the desk"), window.desk_lock.lock, None, "lock-desk")
