"""The main window: pages in one stack, navigation in one place, the store off-thread.

`go(page)` is the only way between pages. Anything that reads or writes a
growing amount of stored data (the library's records, the history, opening
or resuming an attempt) runs on `Tasks`' single worker; committing one step
is the exception by design: it is bounded work, and it must be on disk
before the next node is painted (issue 4's promise, kept in the GUI too).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLayout,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from alongside.engine.catalogue import ScenarioCard, cached_cards, save_cards
from alongside.paths import DIALOGUES, ICON, library_cache
from alongside.ui import themes
from alongside.ui.dialogs import Dialogs
from alongside.ui.library_model import Row
from alongside.ui.pages.library import LibraryPage
from alongside.ui.settings import TEXT_SIZES, Settings
from alongside.ui.tasks import Tasks
from alongside.ui.widgets import button

if TYPE_CHECKING:
    from alongside.engine.session import PlaySession
    from alongside.store.db import Store
    from alongside.ui.bridge import SessionBridge

BACKGROUND_DELAY_MS = 100


def _store():
    """The store's modules, imported on first use on the worker thread: SQLAlchemy and
    Alembic take longer to import than the window takes to appear."""
    from alongside.store import attempts, db

    return attempts, db


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, store_target: str | Path | None = None,
                 library: list[Path] | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.store: Store | None = None
        self.store_problem: str | None = None
        self.library_paths = library or [DIALOGUES]
        self.store_path = store_target
        self.profile: str | None = settings.state("profile") or None
        self.tasks = Tasks(self)
        self.session: PlaySession | None = None
        self.bridge: SessionBridge | None = None
        self.playing: tuple[Row | None, str] | None = None
        self.theme = themes.LIGHT
        self.setWindowTitle("Alongside")
        if ICON.is_file():
            self.setWindowIcon(QIcon(str(ICON)))

        self.stack = QStackedWidget(self)
        self.pages: dict[str, QWidget] = {}
        self.library = self.page("library")

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

        settings.changed.connect(self._preference_changed)

        geometry = settings.state("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        self.library.set_mode(settings.get("default_mode"))
        self.apply_preferences()
        self._show_profile_name()
        self.library_cache = library_cache()
        cards = cached_cards(self.library_cache, self.library_paths)
        if cards is not None:
            self.library.set_cards(cards)
        else:
            self.statusBar().showMessage("Loading the library…")
        self.go("library" if self.profile else "profile")
        # With the list already on screen from the cache, let the first frame paint
        # before the worker's imports and parsing compete with it for the GIL.
        QTimer.singleShot(0 if cards is None else BACKGROUND_DELAY_MS, self._background)

    def _background(self) -> None:
        self.tasks.run(self._load_library, self._library_loaded, self._library_failed)
        target = self.store_path
        self.tasks.run(lambda: _store()[1].open_store(target), self._store_opened,
                       self._store_failed)

    # -- building ----------------------------------------------------------------

    def page(self, name: str) -> QWidget:
        """The page called `name`, built the first time it is needed (startup builds
        only the library, so the window appears sooner)."""
        if name in self.pages:
            return self.pages[name]
        if name == "library":
            built = LibraryPage(self)
            built.start.connect(self.start)
            built.resume.connect(self.resume)
        elif name == "profile":
            from alongside.ui.pages.profile import ProfilePage

            built = ProfilePage(self)
            built.chosen.connect(self.choose_profile)
        elif name == "play":
            from alongside.ui.pages.play import PlayPage

            built = PlayPage(self)
            built.leave.connect(self.leave)
            built.finished.connect(self.show_debrief)
        elif name == "debrief":
            from alongside.ui.pages.debrief import DebriefPage

            built = DebriefPage(self)
            built.retry.connect(self.retry)
            built.library.connect(lambda: self.go("library"))
        elif name == "progress":
            from alongside.ui.pages.progress import ProgressPage

            built = ProgressPage(self)
            built.open_attempt.connect(self.open_attempt)
        elif name == "settings":
            from alongside.ui.pages.preferences import SettingsPage

            built = SettingsPage(self.settings, self)
        else:
            raise KeyError(name)
        self.pages[name] = built
        self.stack.addWidget(built)
        self._fit_page(name)
        return built

    @property
    def profile_page(self):
        return self.page("profile")

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

    def _navigation(self) -> QWidget:
        bar = QWidget(self)
        bar.setAccessibleName("Navigation")
        row = QHBoxLayout(bar)
        row.setContentsMargins(24, 10, 24, 6)
        self.nav: dict[str, QPushButton] = {}
        for page, text in (("library", "Library"), ("progress", "Progress"),
                           ("settings", "Settings")):
            nav = button(text, f"Go to {text.lower()}", f"Shows the {text.lower()} page")
            nav.setCheckable(True)
            nav.clicked.connect(lambda _=False, p=page: self.go(p))
            self.nav[page] = nav
            row.addWidget(nav)
        row.addStretch(1)
        self.profile_button = button("", "Switch profile",
                                     "Shows the profiles on this computer")
        self.profile_button.clicked.connect(lambda: self.go("profile"))
        row.addWidget(self.profile_button)
        return bar

    def _menus(self) -> None:
        def action(menu, text, slot, shortcut=None, name=None) -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            if name:
                act.setObjectName(name)
            menu.addAction(act)
            return act

        file_menu = self.menuBar().addMenu("&File")
        action(file_menu, "Switch &profile…", lambda: self.go("profile"), "Ctrl+Shift+P")
        file_menu.addSeparator()
        action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit, "quit")
        view = self.menuBar().addMenu("&View")
        action(view, "&Library", lambda: self.go("library"), "Ctrl+L")
        action(view, "P&rogress", lambda: self.go("progress"), "Ctrl+R")
        action(view, "&Settings", lambda: self.go("settings"), QKeySequence.StandardKey.Preferences
               if not QKeySequence(QKeySequence.StandardKey.Preferences).isEmpty()
               else "Ctrl+,")
        view.addSeparator()
        action(view, "&Larger text", lambda: self.step_text(1), QKeySequence.StandardKey.ZoomIn)
        action(view, "S&maller text", lambda: self.step_text(-1),
               QKeySequence.StandardKey.ZoomOut)
        action(view, "&Actual size", lambda: self.settings.set("text_size", 100), "Ctrl+0")
        action(view, "&Full screen", self._toggle_full_screen,
               QKeySequence.StandardKey.FullScreen)
        help_menu = self.menuBar().addMenu("&Help")
        action(help_menu, "&About Alongside", lambda: Dialogs.about(self), None, "about")
        action(help_menu, "About &Qt", QApplication.aboutQt)

    # -- navigation --------------------------------------------------------------

    def go(self, page: str) -> None:
        """Show `page`, leaving a scenario in play first (it is already saved)."""
        if page != "play" and self.session is not None and self.stack.currentWidget() is \
                self.play:
            self._end_session()
        self.stack.setCurrentWidget(self.page(page))
        for name, nav in self.nav.items():
            nav.setChecked(name == page)
        if page == "profile":
            self._refresh_profiles()
        elif page == "library":
            self._refresh_records()
            self.library.focus_list()
        elif page == "progress":
            self._refresh_history()
        elif page == "settings":
            self.preferences.refresh()

    def _end_session(self) -> None:
        if self.session is not None:
            self.session.close()
        if self.bridge is not None:
            self.bridge.event.disconnect()
            self.bridge.deleteLater()
        self.session = self.bridge = None

    # -- the store, off the GUI thread ---------------------------------------------

    def _store_opened(self, store: Store) -> None:
        self.store = store
        self.statusBar().showMessage("Ready. Your progress is saved after every choice.")
        if self.profile:  # remembered from last time; the database may be a new one
            name = self.profile
            self.tasks.run(lambda: _store()[0].add_trainee(store, name), None, self._failed)
        self._refresh_profiles()
        self._refresh_records()

    def _store_failed(self, exc: Exception) -> None:
        self.store_problem = str(exc)
        self.statusBar().showMessage("Progress cannot be saved: the progress file did not open.")
        Dialogs.error(self, "Your progress file could not be opened", str(exc))

    def _need_store(self) -> Store | None:
        if self.store is None:
            Dialogs.error(self, "Progress cannot be saved",
                          self.store_problem or "The progress file is still opening; try again "
                          "in a moment.")
        return self.store

    def _load_library(self) -> list[ScenarioCard]:
        """Worker: parse and check every file, and keep the cards for next start."""
        from alongside.engine.library import card_of, load_library

        cards = [card_of(entry) for entry in load_library(self.library_paths)]
        save_cards(self.library_cache, self.library_paths, cards)
        return cards

    def _library_loaded(self, cards: list[ScenarioCard]) -> None:
        if cards != [row.card for row in self.library.model.rows()]:
            self.library.set_cards(cards)
        usable = sum(1 for c in cards if c.available)
        self.statusBar().showMessage(f"Library: {usable} scenarios ready" +
                                     (f", {len(cards) - usable} unavailable"
                                      if usable < len(cards) else ""))
        if self.stack.currentWidget() is self.library:
            self.library.focus_list()

    def _library_failed(self, exc: Exception) -> None:
        Dialogs.error(self, "The scenario library could not be read", str(exc))

    def _refresh_profiles(self) -> None:
        if self.store is not None:
            store = self.store
            self.tasks.run(lambda: _store()[0].trainees(store),
                           lambda names: self.profile_page.show_profiles(names, self.profile))

    def _refresh_records(self) -> None:
        if self.store is not None and self.profile:
            store, name = self.store, self.profile
            self.tasks.run(lambda: _store()[0].records(store, name), self.library.set_records)

    def _refresh_history(self) -> None:
        if self.store is not None and self.profile:
            store, name = self.store, self.profile
            titles = {r.card.id: r.card.title for r in self.library.model.rows() if r.card.id}
            self.tasks.run(lambda: _store()[0].history(store, name),
                           lambda rows: self.progress.show_rows(rows, titles))

    def choose_profile(self, name: str) -> None:
        store = self._need_store()
        if store is None:
            return

        def chosen(stored: str) -> None:
            self.profile = stored
            self.settings.set_state("profile", stored)
            self._show_profile_name()
            self.statusBar().showMessage(f"Practising as {stored}")
            self.go("library")

        self.tasks.run(lambda: _store()[0].add_trainee(store, name), chosen, self._failed)

    def _show_profile_name(self) -> None:
        self.profile_button.setText(f"Profile: {self.profile}" if self.profile
                                    else "Choose a profile")

    def _failed(self, exc: Exception) -> None:
        attempts, db = _store()
        if not isinstance(exc, db.StoreError | attempts.AttemptError | OSError):
            raise exc
        Dialogs.error(self, "That did not work", str(exc))

    # -- playing -------------------------------------------------------------------

    def start(self, row: Row, mode: str) -> None:
        store = self._need_store()
        if store is None or not self.profile:
            return
        trainee, path = self.profile, Path(row.card.path)

        def begin():
            from alongside.engine.load import load_text

            text = path.read_text(encoding="utf-8")
            result = load_text(text, str(path), stem=path.stem)
            attempts = _store()[0]
            if result.scenario is None:
                raise attempts.AttemptError(f"{path.name} no longer loads: {result.problems[0]}")
            return result.scenario, attempts.start_attempt(store, result.scenario, text, trainee,
                                                           mode)

        def begun(found) -> None:
            scenario, uuid = found
            self.playing = (row, mode)
            self._play(scenario, uuid, mode)

        self.tasks.run(begin, begun, self._failed)

    def resume(self, row: Row) -> None:
        store = self._need_store()
        if store is None or row.record is None or row.record.in_progress is None:
            return
        uuid, path = row.record.in_progress, Path(row.card.path)

        def resumed(found) -> None:
            self.playing = (row, found.mode)
            if found.session.ended:
                self._play(found.session.scenario, uuid, found.mode, found.session,
                           found.notice)
                self.show_debrief()
            else:
                self._play(found.session.scenario, uuid, found.mode, found.session,
                           found.notice)

        self.tasks.run(lambda: _store()[0].resume(store, uuid, path), resumed, self._failed)

    def _play(self, scenario, uuid: str, mode: str, stored: PlaySession | None = None,
              notice: str | None = None) -> None:
        """Show a fresh session of `scenario`; replay `stored`'s standing steps first
        (in memory only), then attach the recorder so only new steps are written."""
        from alongside.engine.session import PlaySession
        from alongside.scoring import language
        from alongside.ui.bridge import SessionBridge

        self._end_session()
        session = PlaySession(scenario, checker=language.check)
        bridge = SessionBridge(self)
        self.play.begin(session, bridge, mode, notice)
        session.listeners.append(bridge)
        self.session, self.bridge = session, bridge
        session.start()
        if stored is not None:
            said = {reply.node: reply.text for reply in stored.replies}
            for node, choice in stored.decisions:
                if node in said:
                    session.say(said.pop(node))
                session.choose(choice)
            if session.state in said:
                session.say(said[session.state])
        session.listeners.insert(0, _store()[0].Recorder(self.store, uuid, session))
        self.go("play")
        if not session.ended:
            self.play.choices[0].setFocus()

    def leave(self) -> None:
        self.go("library")
        self.statusBar().showMessage("Your attempt is saved; choose Resume to carry on.")

    def show_debrief(self) -> None:
        from alongside.scoring.debrief import build_debrief

        session = self.session
        if session is None:
            return
        debrief = build_debrief(session.scenario, session.decisions, session.ended,
                                session.ending, session.replies)
        mode = self.playing[1] if self.playing else "practice"
        title = session.scenario.title
        self.go("debrief")
        self.debrief.show_debrief(title, debrief, mode)

    def retry(self) -> None:
        if self.playing is not None and self.playing[0] is not None:
            row = self.playing[0]
            fresh = next((r for r in self.library.model.rows() if r.card.id == row.card.id),
                         row)
            self.start(fresh, self.playing[1])

    def open_attempt(self, uuid: str, mode: str, title: str) -> None:
        store = self._need_store()
        if store is None:
            return

        def build():
            from alongside.scoring.debrief import build_debrief

            _attempt, session = _store()[0].replayed(store, uuid)
            debrief = build_debrief(session.scenario, session.decisions, session.ended,
                                    session.ending, session.replies)
            session.close()
            return debrief, session.scenario.id

        def built(found) -> None:
            debrief, scenario_id = found
            row = next((r for r in self.library.model.rows() if r.card.id == scenario_id),
                       None)
            self.playing = (row, mode)
            self.go("debrief")
            self.debrief.show_debrief(title, debrief, mode)

        self.tasks.run(build, built, self._failed)

    # -- preferences ---------------------------------------------------------------

    def apply_preferences(self) -> None:
        app = QApplication.instance()
        self.theme = themes.apply(app, self.settings.get("theme"), self.settings.get("text_size"))
        for name in self.pages:
            self._fit_page(name)

    def _fit_page(self, name: str) -> None:
        """What a page needs beyond the application's palette, font and style sheet."""
        page = self.pages[name]
        if name == "progress":
            page.apply_theme(self.theme)
        elif name == "play":
            page.reduce_motion = self.settings.get("reduce_motion")
            scale = self.settings.get("text_size") / 100
            page.portrait.set_side(round(160 * min(scale, 1.5)))

    def _preference_changed(self, key: str) -> None:
        if key in ("theme", "text_size", "reduce_motion"):
            self.apply_preferences()
        if key == "default_mode":
            self.library.set_mode(self.settings.get("default_mode"))
        self.statusBar().showMessage("Settings saved")

    def step_text(self, direction: int) -> None:
        current = self.settings.get("text_size")
        position = min(range(len(TEXT_SIZES)), key=lambda i: abs(TEXT_SIZES[i] - current))
        position = min(max(position + direction, 0), len(TEXT_SIZES) - 1)
        self.settings.set("text_size", TEXT_SIZES[position])
        if "settings" in self.pages:
            self.pages["settings"].refresh()

    def _toggle_full_screen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    # -- closing -------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set_state("geometry", self.saveGeometry())
        self._end_session()
        self.tasks.shutdown()
        if self.store is not None:
            self.store.close()
            self.store = None
        super().closeEvent(event)
