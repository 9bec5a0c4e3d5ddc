"""The certification instructor's desk: the pages an instructor reaches from the menu
once the desk is unlocked.

Every desk page is a `Page` of the main window registered under a name that starts
with "desk" ("desk", "desk-trainee", "desk-attempt", "desk-decision", "desk-import",
"desk-analytics"); the desk's lock stands in front of all of them. While the desk is
unlocked the window's `instructor` is the name of the instructor who unlocked it
(None while locked): pages read it to say who commented or decided. Each module here
registers its own pages with a `register(window)` function, and `install(window)`
registers them all, so the trainee's window knows the desk by one call.

What the desk's pages share:
- The lock (`lock.DeskLock`, the window's `desk_lock`) stands in front of every page
  whose name starts with "desk", shows "desk-unlock" first and then the page asked
  for with its arguments; it locks when a page outside the desk is shown, after
  `lock.IDLE_MS` without input, and from `lock.lock_button(window)`, the Lock button
  each desk page shows. Locking hides the page on screen without asking it to leave.
- Store work runs as operations (`alongside.ui.desk.operations` holds the lock's and
  the cohort page's); after a change they announce `operations.COHORTS`, `TRAINEES`,
  `DECISIONS` (and `alongside.ui.operations.ATTEMPTS` for imported attempts), and the
  cohort page reads its grid again on any of them.
- Files are chosen through `Dialogs.open_file` and `Dialogs.save_file` (tests answer
  them with the `chosen_files` fixture); a page with an `apply_theme(theme)` method is
  given the theme when it is built and whenever the theme or text size changes.
- The cohort page opens a trainee with `go("desk-trainee", trainee=<uuid>,
  cohort=<cohort name>)`; a full uuid is what `store.trainees.desk_trainee` accepts.
"""

from __future__ import annotations

from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from alongside.ui.desk.lock import UNLOCK, DeskLock
from alongside.ui.text import tr

if TYPE_CHECKING:
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    from alongside.ui.main_window import MainWindow
    from alongside.ui.shell import Page

DESK_SHORTCUT = "Ctrl+Shift+D"


def _page(window: MainWindow, module: str, name: str) -> Page:
    """Page `name` of `alongside.ui.desk.<module>`, imported when first shown."""
    page: Page = getattr(import_module(f"alongside.ui.desk.{module}"), name)(window)
    return page


# Each desk page: its name, and the module and class that make it. The modules are
# imported when their page is first shown, not when the window starts.
PAGES = ((UNLOCK, "unlock", "UnlockPage"), ("desk", "cohorts", "CohortsPage"),
         ("desk-import", "imports", "ImportPage"),
         ("desk-analytics", "analytics", "AnalyticsPage"),
         ("desk-trainee", "trainee", "TraineePage"), ("desk-attempt", "attempt", "AttemptPage"),
         ("desk-decision", "decision", "DecisionPage"))


def register(window: MainWindow) -> None:
    """Every desk page, each built the first time it is shown."""
    for name, module, page in PAGES:
        window.register(name, partial(_page, window, module, page))


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
    window.menu_action(menu, tr("&Import results…"), lambda: window.go("desk-import"), None,
                       "desk-import")
    window.menu_action(menu, tr("Decision &analytics"), lambda: window.go("desk-analytics"),
                       None, "desk-analytics")
    window.menu_action(menu, tr("&Lock the desk"), window.desk_lock.lock, None, "lock-desk")
    window.setAcceptDrops(True)  # bundles dropped anywhere go to the import page


def dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The local files a drag carries (anything else is not for the desk)."""
    data = event.mimeData()
    if not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
