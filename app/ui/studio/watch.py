"""The live library: files saved in any editor reach the library within a second.

`LibraryWatcher` (the window's `watcher`) watches every library folder and every
scenario file in it with a QFileSystemWatcher. Editors save in two ways: writing
the file in place, or writing a new file and renaming it over the old one, after
which the watched path is gone from the watch list; both, and files added or
deleted, end in the same place. Notices are gathered for `DEBOUNCE_MS` from the
first (an editor's save is several, within a few milliseconds), then the folders
are listed again and compared with the last listing (name, size, time, inode),
the watch list is made whole again, and the library is read again on the
window's worker, never on the GUI thread.

Signal, for other pages (the map redraws from it):
- `file_changed(str path)`: emitted after the debounce, once for each scenario file
  that was written, replaced, added or deleted, before the library is read again.
  The path is as the library lists it (its folder joined with the file's name).

A file that stops validating comes back from the read as an unavailable card with
its located error, and as available again once it is fixed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from alongside.engine.catalogue import ScenarioCard, save_cards
from alongside.paths import SIDE_SUFFIXES, SUFFIXES

if TYPE_CHECKING:
    from concurrent.futures import Future

    from PySide6.QtCore import QFileSystemWatcher

    from alongside.ui.main_window import MainWindow

DEBOUNCE_MS = 200
Listing = dict[str, tuple[int, int, int]]  # path → (modified ns, size, inode)


class Reading:
    """What a read of the library found: its cards, the folders it could not list, and
    a sentence for each saying why."""

    __slots__ = ("cards", "unlisted", "unreadable")

    def __init__(self, cards: list[ScenarioCard], unlisted: list[Path],
                 unreadable: list[str]) -> None:
        self.cards, self.unlisted, self.unreadable = cards, unlisted, unreadable


def read_library(folders: list[Path], cache: Path) -> Reading:
    """Worker: parse and check every file, and keep the cards for the next start."""
    from alongside.engine.library import card_of, load_library
    from alongside.paths import distinct, readable_folders
    from alongside.scoring.attempt import length

    usable, unreadable = readable_folders(folders)
    cards = [card_of(entry, length) for entry in load_library(usable)]
    save_cards(cache, usable, cards)
    return Reading(cards, [f for f in distinct(folders) if f not in usable], unreadable)


def listing(folders: list[Path]) -> Listing:
    """The scenario files in `folders` now; a folder that cannot be listed lists none."""
    found: Listing = {}
    for folder in folders:
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if os.path.splitext(entry.name)[1] in SUFFIXES and entry.is_file() \
                            and not entry.name.endswith(SIDE_SUFFIXES):  # saved paths
                        s = entry.stat()
                        found[os.path.join(folder, entry.name)] = (s.st_mtime_ns, s.st_size,
                                                                   s.st_ino)
        except OSError:
            continue
    return found


def _nearest(folder: Path) -> Path:
    """`folder`, or the nearest folder above it that is there."""
    for above in (folder, *folder.parents):
        if above.is_dir():
            return above
    return folder


class LibraryWatcher(QObject):
    file_changed = Signal(str)

    def __init__(self, window: MainWindow, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(window)
        self.window = window
        self.folders: list[Path] = []
        self.known: Listing = {}
        self.present: set[Path] = set()  # the folders that are there
        self.touched: set[str] = set()
        self.system: QFileSystemWatcher | None = None  # made by the first `watch`
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self._settled)
        self._future: Future | None = None
        self._again = False
        self._stopped = False
        self._then: list[Callable[[], None]] = []

    def watch(self, folders: list[Path]) -> None:
        """Watch these folders (and their scenario files) from now on, instead of others."""
        if self.system is None:  # after the first frame: its type costs the start ~0.5 ms
            from PySide6.QtCore import QFileSystemWatcher

            self.system = QFileSystemWatcher(self)
            self.system.fileChanged.connect(self._noticed)
            self.system.directoryChanged.connect(self._noticed)
        self.folders = list(folders)
        self.known = listing(self.folders)
        self.present = self._present()
        self._rewatch()

    def _present(self) -> set[Path]:
        return {f for f in self.folders if f.is_dir()}

    def _rewatch(self) -> None:
        """Watch each folder, each scenario file, and for a folder that is not there the
        nearest folder above it that is (a stick plugged in, a folder made later)."""
        system = self.system
        if system is None:
            return
        wanted = {str(f) for f in self.folders if f.is_dir()} | set(self.known)
        wanted |= {str(_nearest(f)) for f in self.folders if not f.is_dir()}
        watched = set(system.files()) | set(system.directories())
        if watched - wanted:
            system.removePaths(sorted(watched - wanted))
        if wanted - watched:
            system.addPaths(sorted(wanted - watched))

    def stop(self) -> None:
        """Watch nothing more and read nothing more (the window is closing)."""
        self.timer.stop()
        self._then.clear()
        self.folders, self.known = [], {}
        self._stopped = True
        self._rewatch()

    def _noticed(self, path: str) -> None:
        """Counted from the first notice, not the last: files appearing on and on beside
        the scenarios (a sync client's partial files) must not hold the library back."""
        self.touched.add(path)
        if not self.timer.isActive() and not self._stopped:
            self.timer.start()

    def _settled(self) -> None:
        now, present = listing(self.folders), self._present()
        changed = {p for p in now.keys() | self.known.keys() if now.get(p) != self.known.get(p)}
        changed |= self.touched & now.keys()
        came_or_went = present != self.present
        self.touched.clear()
        self.known, self.present = now, present
        self._rewatch()
        for path in sorted(changed):
            self.file_changed.emit(path)
        if changed or came_or_went:  # an empty folder appearing is news for the library too
            self.read()

    def read(self, then: Callable[[], None] | None = None) -> None:
        """Read the library on the worker and show it; `then()` once it is shown. A read
        asked for while one runs follows it, once, with what is on disk by then."""
        if self._stopped:
            return
        if then is not None:
            self._then.append(then)
        if self._future is not None and not self._future.done():
            self._again = True
            return
        self._again = False
        window = self.window
        folders, cache = window.folders.all(), window.library_cache
        self._future = window.ops.call("reading the scenario library",
                                       lambda: read_library(folders, cache),
                                       self._delivered, self._failed)

    def _delivered(self, reading: Reading) -> None:
        if self._again:  # what was read may be older than what is on disk now
            self.read()
            return
        self.window.library_loaded(reading)
        waiting, self._then = self._then, []
        for then in waiting:
            then()

    def _failed(self, exc: Exception) -> None:
        self._then.clear()
        from alongside.ui.dialogs import Dialogs
        from alongside.ui.text import tr

        Dialogs.error(self.window, tr("The scenario library could not be read"), str(exc))
