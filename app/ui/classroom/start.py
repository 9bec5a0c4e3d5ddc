"""The ways into the classroom: the library's "Present to a class…" (F5) and
`--presenter [--screen NAME]` on the command line.

Presenting asks for the group's name ("Tuesday cohort"); if that group has an
unfinished attempt of the scenario, it offers to continue where the class
left off, otherwise it starts a new group attempt. The store work runs as
operations on the window's worker; the console page opens with the result.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from alongside.ui.dialogs import Dialogs
from alongside.ui.operations import ATTEMPTS, Operation
from alongside.ui.text import tr

if TYPE_CHECKING:
    from alongside.store.attempts import Begun, Resumed
    from alongside.store.db import Store
    from alongside.ui.main_window import MainWindow

GROUP_KEY = "classroom_group"  # the last group's name, offered next time
SCREEN_ASKED = "classroom_screen"  # a screen named on the command line


def presenter_mode(window: MainWindow, screen: str | None) -> None:
    """`--presenter`: the library, ready to present (with `screen` for the room's view)."""
    window.setProperty(SCREEN_ASKED, screen or "")
    window.go("library")
    window.status(tr("Presenter mode: choose a scenario, then Present to a class… (F5)."),
                  lasting=True)


def present(window: MainWindow, path: Path, scenario_id: str) -> None:
    """Ask for the group's name, then continue its attempt or begin one."""
    last = window.settings.state_text(GROUP_KEY) or ""
    group = Dialogs.text(window, tr("Present to a class"),
                         tr("The group's name, as you will find it again (for example "
                            "“Tuesday cohort”):"), last)
    if group is None:
        return
    window.ops.run(_waiting(group, scenario_id), partial(_found, window, path, group.strip()))


def _waiting(group: str, scenario_id: str) -> Operation[str | None]:
    def work(store: Store) -> str | None:
        from alongside.store.groups import group_in_progress

        return group_in_progress(store, group, scenario_id)

    return Operation("looking for the group's unfinished session", work)


def _found(window: MainWindow, path: Path, group: str, uuid: str | None) -> None:
    window.settings.set_state(GROUP_KEY, group)
    if uuid is not None and Dialogs.ask(window, tr("Continue with {0}?").format(group), tr(
            "{0} has an unfinished session of this scenario. Continue where the class left "
            "off? (No starts again from the beginning; the earlier session stays in the "
            "record.)").format(group)):
        window.ops.run(_resume(uuid, path), partial(_open, window, path, group))
        return
    window.ops.run(_begin(path, group), partial(_open, window, path, group))


def _begin(path: Path, group: str) -> Operation[Begun]:
    def work(store: Store) -> Begun:
        from alongside.store.groups import begin_group

        return begin_group(store, path, group)

    return Operation("starting the class's session", work, frozenset({ATTEMPTS}))


def _resume(uuid: str, path: Path) -> Operation[Resumed]:
    def work(store: Store) -> Resumed:
        from alongside.store.attempts import resume

        return resume(store, uuid, path)

    return Operation("resuming the class's session", work, frozenset({ATTEMPTS}))


def _open(window: MainWindow, path: Path, group: str, result: Begun | Resumed) -> None:
    from alongside.store.attempts import Begun

    screen = str(window.property(SCREEN_ASKED) or "") or None
    if isinstance(result, Begun):
        window.go("present", begun=result, group=group, source=path, screen=screen)
    else:
        window.go("present", resumed=result, group=group, source=path, screen=screen)
