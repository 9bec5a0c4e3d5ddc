"""The trainee's window: the shell with the library, play, debrief, progress, profiles
and settings registered, and the profile that is practising.

Pages are built on first use (startup builds only the library, so the window
appears sooner). Every read or write that can grow with the data runs as a
named operation on the shell's worker (`alongside.ui.operations`); the one
exception is committing a step, which is bounded and must be on disk before
the next node is painted (the store's promise, kept here too).
"""

from __future__ import annotations

from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alongside.engine.catalogue import cached_cards
from alongside.paths import DIALOGUES, ICON, library_cache, readable_folders
from alongside.ui import desk, operations, text, themes
from alongside.ui.dialogs import Dialogs
from alongside.ui.operations import ATTEMPTS, LIBRARY, PROFILE, PROFILES
from alongside.ui.pages.library import LibraryPage
from alongside.ui.settings import TEXT_SIZES, Settings
from alongside.ui.shell import Page, Shell
from alongside.ui.studio import map_entry
from alongside.ui.studio.folders import KEY as FOLDERS
from alongside.ui.studio.folders import LibraryFolders
from alongside.ui.studio.watch import LibraryWatcher, Reading
from alongside.ui.text import tr
from alongside.ui.widgets import button

if TYPE_CHECKING:
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    from alongside.engine.session import PlaySession
    from alongside.store.attempts import Begun, Opened, Resumed
    from alongside.store.db import Store
    from alongside.ui.desk.lock import DeskLock

BACKGROUND_DELAY_MS = 100
# (page, button text, menu text, shortcut); Settings takes the platform's Preferences key.
NAVIGATION = (("library", "Library", "&Library", "Ctrl+L"),
              ("progress", "Progress", "P&rogress", "Ctrl+R"),
              ("settings", "Settings", "&Settings", None))


class MainWindow(Shell):
    desk_lock: DeskLock  # made by `desk.install`
    def __init__(self, settings: Settings, store_target: str | Path | None = None,
                 library: list[Path] | None = None, author: Path | None = None) -> None:
        """`library`: the folders read first (default: the bundled library); the author's
        folder (`author`, default in Qt's data folder) and those chosen in Settings follow."""
        text.install()
        super().__init__()
        self.settings = settings
        self.store_path = store_target
        self.folders = LibraryFolders(settings, library or [DIALOGUES], author)
        self.watcher = LibraryWatcher(self)
        self.profile: str | None = settings.state_text("profile")
        self.instructor: str | None = None  # who unlocked the desk; None while it is locked
        self.theme = themes.LIGHT
        self.setWindowTitle("Alongside")
        self._register()
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._navigation())
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        # A fixed floor instead of one that follows every layout change: pages scroll
        # rather than push the window past the screen at 200% text.
        self.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(800, 600)
        self._menus()
        desk.install(self)
        self.moved.connect(self._moved)
        settings.changed.connect(self._preference_changed)
        geometry = settings.state("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        self.apply_preferences()
        self._show_profile_name()
        self.library_cache = library_cache(Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.GenericCacheLocation)))
        cards = cached_cards(self.library_cache, self.library_paths)
        self.library.model.source_name = self.folders.source_name
        self.library.set_mode(settings.get("default_mode"))
        if cards is not None:
            self.library.set_cards(cards)
        else:
            self.status(tr("Loading the library…"), lasting=True)
        self.go("library" if self.profile else "profile")
        # With the list already on screen from the cache, let the first frame paint
        # before the worker's imports and parsing compete with it for the GIL.
        QTimer.singleShot(0 if cards is None else BACKGROUND_DELAY_MS, self._background)

    def _register(self) -> None:
        """Each page's module is imported when the page is first shown, not at startup."""
        self.register("library", lambda: LibraryPage(self))
        self.register("profile", lambda: _page("profile", "ProfilePage")(self))
        self.register("play", lambda: _page("play", "PlayPage")(self))
        self.register("debrief", lambda: _page("debrief", "DebriefPage")(self))
        self.register("progress", lambda: _page("progress", "ProgressPage")(self))
        self.register("settings",
                      lambda: _page("preferences", "SettingsPage")(self, self.settings))
        self.register("present",
                      lambda: import_module("alongside.ui.classroom.console").PresenterPage(self))

    # -- the pages, by name --------------------------------------------------------

    @property
    def library(self) -> LibraryPage:
        return self.page("library")  # type: ignore[return-value]

    @property
    def play(self):
        return self.page("play")

    @property
    def debrief(self):
        return self.page("debrief")

    @property
    def progress(self):
        return self.page("progress")

    @property
    def preferences(self):
        return self.page("settings")

    @property
    def profile_page(self):
        return self.page("profile")

    @property
    def session(self) -> PlaySession | None:
        """The scenario in play, if any."""
        return self.pages["play"].session if "play" in self.pages else None  # type: ignore

    @property
    def store(self) -> Store | None:
        return self.ops.store

    def _navigation(self) -> QWidget:
        bar = QWidget(self)
        bar.setAccessibleName(tr("Navigation"))
        row = QHBoxLayout(bar)
        row.setContentsMargins(24, 10, 24, 6)
        self.nav: dict[str, QPushButton] = {}
        for page, words, _menu, _key in NAVIGATION:
            shown = tr(words)
            nav = button(shown, tr("Go to {0}").format(shown.lower()),
                         tr("Shows the {0} page").format(shown.lower()))
            nav.setCheckable(True)
            nav.clicked.connect(lambda _=False, p=page: self.go(p))
            self.nav[page] = nav
            row.addWidget(nav)
        row.addStretch(1)
        self.profile_button = button("", tr("Switch profile"),
                                     tr("Shows the profiles on this computer"))
        self.profile_button.clicked.connect(lambda: self.go("profile"))
        row.addWidget(self.profile_button)
        return bar

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(tr("&File"))
        self.menu_action(file_menu, tr("&New scenario…"), self.new_scenario,
                         QKeySequence.StandardKey.New, "new-scenario")
        self.menu_action(file_menu, tr("Switch &profile…"), lambda: self.go("profile"),
                         "Ctrl+Shift+P")
        file_menu.addSeparator()
        self.menu_action(file_menu, tr("&Quit"), self.close, QKeySequence.StandardKey.Quit,
                         "quit")
        view = self.menuBar().addMenu(tr("&View"))
        preferences = QKeySequence.StandardKey.Preferences
        for page, _text, menu, key in NAVIGATION:
            shortcut = key or (preferences if not QKeySequence(preferences).isEmpty()
                               else "Ctrl+,")
            self.menu_action(view, tr(menu), lambda p=page: self.go(p), shortcut)
        map_entry.install(self, view)
        view.addSeparator()
        self.menu_action(view, tr("&Larger text"), lambda: self.step_text(1),
                         QKeySequence.StandardKey.ZoomIn)
        self.menu_action(view, tr("S&maller text"), lambda: self.step_text(-1),
                         QKeySequence.StandardKey.ZoomOut)
        self.menu_action(view, tr("&Actual size"), lambda: self.settings.set("text_size", 100),
                         "Ctrl+0")
        self.menu_action(view, tr("&Full screen"), self._toggle_full_screen,
                         QKeySequence.StandardKey.FullScreen)
        help_menu = self.menuBar().addMenu(tr("&Help"))
        self.menu_action(help_menu, tr("&About Alongside"), lambda: Dialogs.about(self), None,
                         "about")
        self.menu_action(help_menu, tr("About &Qt"), QApplication.aboutQt)

    def _moved(self, name: str) -> None:
        for page, nav in self.nav.items():
            nav.setChecked(page == name)

    # -- the library and the store, off the GUI thread -------------------------------

    def _background(self) -> None:
        # The icon after the first frame: making PySide6's QIcon type costs the start ~1.5 ms.
        from PySide6.QtGui import QIcon

        if ICON.is_file():
            self.setWindowIcon(QIcon(str(ICON)))
        self._read_library()
        self.ops.open(self.store_path, self._store_opened, self._store_failed)

    def _read_library(self) -> None:
        """Read the library again and watch its folders (at start, and when they change)."""
        unmade = self.folders.prepare()
        if unmade:
            self.status(unmade, lasting=True)
        self.watcher.watch(self.folders.all())
        self.watcher.read()

    @property
    def library_paths(self) -> list[Path]:
        """The library's folders that can be read now, in order."""
        return readable_folders(self.folders.all())[0]

    def library_loaded(self, reading: Reading) -> None:
        missing = reading.unreadable  # said in short after the count, in full on hover
        unlisted = tr("; not listed: {0} (see Settings)").format(", ".join(
            f.name or str(f) for f in reading.unlisted)) if missing else ""
        self.library.count.setToolTip("\n".join(missing))
        cards = reading.cards
        if cards != [row.card for row in self.library.model.rows()] or \
                unlisted != self.library.unlisted:
            self.library.unlisted = unlisted
            self.library.set_cards(cards)
        usable = sum(1 for c in cards if c.available)
        unusable = len(cards) - usable
        self.status(tr("Library: %n scenario(s) ready", usable)
                    + (tr(", {0} unavailable").format(unusable) if unusable else "")
                    + "".join(f"; {m}" for m in missing))
        self.announce({LIBRARY})
        if self.current == "library" and not self.library.isAncestorOf(self.focusWidget()):
            self.library.focus_list()  # once shown; a re-read leaves the focus where it is

    def _store_opened(self, store: Store) -> None:
        self.status(tr("Ready. Your progress is saved after every choice."))
        if self.profile:  # remembered from last time; the database may be a new one, or
            # hold the profile under another spelling of the name
            self.ops.run(operations.add_profile(self.profile), self._profile_known)
        self.announce({PROFILES, ATTEMPTS})

    def _store_failed(self, exc: Exception) -> None:
        self.status(tr("Progress cannot be saved: the progress file did not open."), lasting=True)
        Dialogs.error(self, tr("Your progress file could not be opened"), str(exc))

    # -- what the pages ask of the window ----------------------------------------------

    def choose_profile(self, name: str) -> None:
        self.ops.run(operations.add_profile(name), self._profile_chosen)

    def _profile_known(self, stored: str) -> None:
        """The profile is `stored`, as the store spells it."""
        changed = stored != self.profile
        self.profile = stored
        self.settings.set_state("profile", stored)
        self._show_profile_name()
        if changed:
            self.announce({PROFILE})

    def _profile_chosen(self, stored: str) -> None:
        self.profile = None
        self._profile_known(stored)
        self.status(tr("Practising as {0}").format(stored))
        self.go("library")

    def _show_profile_name(self) -> None:
        self.profile_button.setText(tr("Profile: {0}").format(self.profile) if self.profile
                                    else tr("Choose a profile"))

    def play_new(self, path: Path, mode: str) -> None:
        """Start a new attempt of the library file at `path` and play it."""
        if not self.profile:
            self.go("profile", reason=tr("Choose your profile, or make one, before you start: "
                                         "your progress is saved under it."))
            return
        self.ops.run(operations.begin_attempt(path, self.profile, mode),
                     partial(self._begun, path))

    def _begun(self, path: Path, begun: Begun) -> None:
        self.go("play", begun=begun, source=path)

    def resume(self, uuid: str, path: Path | None) -> None:
        """Continue an attempt in progress; if its last choice ended it, show the debrief."""
        self.ops.run(operations.resume_attempt(uuid, path), partial(self._resumed, path))

    def _resumed(self, path: Path | None, resumed: Resumed) -> None:
        self.go("play", resumed=resumed, source=path)
        if resumed.session.ended:
            self.play.show_debrief()

    def open_attempt(self, uuid: str) -> None:
        self.ops.run(operations.open_attempt(uuid), partial(self._opened, uuid))

    def _opened(self, uuid: str, opened: Opened) -> None:
        self.go("debrief", debrief=opened.debrief, title=opened.title, policy=opened.policy,
                source=self.library.file_of(opened.scenario_id), attempt=uuid)

    def new_scenario(self) -> None:
        """Ask for a title, write the template into the author's folder, open it."""
        import_module("alongside.ui.studio.new_scenario").start(self)

    def titles(self) -> dict[str, str]:
        """Scenario titles by id, as the library lists them."""
        return {r.card.id: r.card.title for r in self.library.model.rows() if r.card.id}

    # -- preferences ---------------------------------------------------------------

    def apply_preferences(self) -> None:
        app = QApplication.instance()
        self.theme = themes.apply(app, self.settings.get("theme"), self.settings.get("text_size"))
        for name, page in self.pages.items():
            self.page_built(name, page)

    def page_built(self, name: str, page: Page) -> None:
        """What a page needs beyond the application's palette, font and style sheet."""
        apply_theme = getattr(page, "apply_theme", None)  # pages that draw with the theme
        if apply_theme is not None:
            apply_theme(self.theme)
        if name == "play":
            page.fit(self.settings.get("text_size") / 100,  # type: ignore[attr-defined]
                     self.settings.get("reduce_motion"))

    def _preference_changed(self, key: str) -> None:
        if key in ("theme", "text_size", "reduce_motion"):
            self.apply_preferences()
        if key == "default_mode":
            self.library.set_mode(self.settings.get("default_mode"))
        if key == FOLDERS:
            self._read_library()
        self.status(tr("Settings saved"))

    def step_text(self, direction: int) -> None:
        current = self.settings.get("text_size")
        position = min(range(len(TEXT_SIZES)), key=lambda i: abs(TEXT_SIZES[i] - current))
        position = min(max(position + direction, 0), len(TEXT_SIZES) - 1)
        self.settings.set("text_size", TEXT_SIZES[position])
        if "settings" in self.pages:
            self.preferences.refresh()

    def _toggle_full_screen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's spelling
        if desk.dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's spelling
        """Results bundles dropped anywhere on the window go to the desk's import page,
        behind its lock like every desk page."""
        files = desk.dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.go("desk-import", files=files)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's spelling
        self.settings.set_state("geometry", self.saveGeometry())
        super().closeEvent(event)
        if event.isAccepted():  # the worker has stopped: nothing may ask it to read again
            self.watcher.stop()


def _page(module: str, name: str) -> type[Page]:
    page: type[Page] = getattr(import_module(f"alongside.ui.pages.{module}"), name)
    return page

