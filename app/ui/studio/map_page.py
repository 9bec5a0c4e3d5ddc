"""The map page: one scenario as a graph, its problems on their nodes, live as it is edited.

Shown with `go("map", path=FILE)`. The file is read and checked on the shell's
worker, laid out in the layout's worker process (polled, so the interface never
waits: "Laying out the map…" meanwhile), and drawn in steps between turns of the
event loop. `file_changed(path)` reads it again, keeping the zoom, the centre and
the selection; a file that stops loading keeps its last good map, dimmed, with a
banner saying so and its errors on the nodes of that map that hold their lines.
A file opened with errors shows what could be read of it, with its problems.

Emits `play_from_requested(path, node id)` when the person asks to play from the
selected node (its context menu, or P on the map) in a file that loads; the window
opens "Play from here…" for it (`map_entry`).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QColor
from PySide6.QtWidgets import QListWidgetItem, QMenu

from alongside.engine.problems import Problem
from alongside.ui.shell import Page, Shell
from alongside.ui.studio.map_items import Palette
from alongside.ui.studio.map_parts import PROBLEM_ROLE, MapParts, describe
from alongside.ui.studio.map_source import Reading, read_map, replaced, start_layout
from alongside.ui.text import tr
from alongside.ui.themes import LIGHT, Theme

POLL_MS = 25
# A new file is read this long after the page is shown: the page's first layout and paint
# call into Python dozens of times, and each call would wait for the worker, busy reading
# the file, to let go of the interpreter (the window's start waits for the same reason).
FIRST_READ_MS = 100


class MapPage(Page):
    """See the module docstring."""

    play_from_requested = Signal(str, str)

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.path: str | None = None
        self.reading: Reading | None = None
        self.good: tuple[Reading, dict[str, tuple[float, float]]] | None = None
        self.palette = Palette.of(getattr(shell, "theme", LIGHT))
        self.asked = 0  # readings asked for; an answer to an older one is dropped
        self.shown = 0  # the last of them whose answer is on screen
        self.answering = 0
        self.job: Any = None
        self.steps: Any = None
        self.keep_view = False
        self.parts = MapParts(self)
        self.view, self.scene, self.find = self.parts.view, self.parts.scene, self.parts.find
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self._polled)
        self.builder = QTimer(self)
        self.builder.setInterval(0)
        self.builder.timeout.connect(self._build_step)
        self.view.picked.connect(self._picked)
        self.view.zoomed.connect(lambda percent: self.parts.show_zoom(percent))
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.play_key.connect(self._play_from_selected)
        self.find.found.connect(lambda nid: self.view.select(nid))
        self.find.matched.connect(self._mark_matches)
        self.parts.problem_list.itemActivated.connect(self._problem_chosen)
        self.parts.problem_list.itemClicked.connect(self._problem_chosen)
        watcher = getattr(shell, "watcher", None)
        if watcher is not None:
            watcher.file_changed.connect(self.file_changed)

    # -- shown for a file, and the file changing ---------------------------------------

    def enter(self, **arguments: Any) -> None:
        path = arguments.get("path")
        if path is not None and str(path) != self.path:
            self.open(str(path))
        self.view.setFocus()

    def open(self, path: str) -> None:
        """Show the map of the scenario at `path` (fitted, once it is laid out)."""
        self.path, self.good, self.reading = path, None, None
        self._stop()
        self.scene.empty()
        self.scene.chosen = None
        self.view.came_from.clear()
        self.parts.show_title(Path(path).name)
        self.parts.show_state(tr("Reading the scenario…"))
        self.asked += 1  # what is on screen is not the answer to a reading any more
        asked = self.asked
        # With the page as the timer's context: a page closed before it fires is not read.
        QTimer.singleShot(FIRST_READ_MS, self,
                          lambda: self._read(False) if asked == self.asked else None)

    def file_changed(self, path: str) -> None:
        """The file at `path` changed on disk: if it is the one shown, read it again."""
        if self.path is not None and _same(path, self.path):
            self._read(keep_view=True)

    def _read(self, keep_view: bool) -> None:
        self.asked += 1
        asked, path = self.asked, self.path or ""
        self.parts.show_state(tr("Reading the scenario…"))
        self.shell.ops.call(tr("reading the scenario for its map"), lambda: read_map(path),
                            lambda reading: self._arrived(asked, reading, keep_view),
                            lambda error: self._unreadable(asked, error))

    def _unreadable(self, asked: int, error: Exception) -> None:
        if asked == self.asked:
            self.shown = asked
            self.parts.show_state("")
            self.parts.show_banner(tr("This file could not be read: {0}").format(error))

    def _arrived(self, asked: int, reading: Reading, keep_view: bool) -> None:
        if asked != self.asked:
            return
        self.answering = asked
        self._stop()
        self.parts.show_title(reading.title)
        if not reading.ok and self.good is not None:
            last, centres = self.good
            self._show(replaced(reading, last.graph), centres, keep_view)  # type: ignore
            return
        if reading.graph is None:
            self.scene.empty()
            self.reading = reading
            self.parts.show_state("")
            self._show_problems(reading)
            self.shown = asked
            return
        self.keep_view = keep_view
        self.reading = reading
        try:
            self.job = start_layout(reading.path, reading.graph, self._cache())
        except Exception as exc:  # noqa: BLE001 - no worker process to lay it out, in words
            self._not_laid_out(exc)
            return
        self.parts.show_state(tr("Laying out the map…"))
        self.poll.start()

    def _not_laid_out(self, error: Exception) -> None:
        self.parts.show_state(tr("The map could not be laid out: {0}").format(error))
        if self.reading is not None:
            self._show_problems(self.reading)
        self.shown = self.answering

    def _cache(self) -> Path | None:
        cache = getattr(self.shell, "library_cache", None)
        return Path(cache).parent / "maps" if cache is not None else None

    def _polled(self) -> None:
        if self.job is None or not self.job.done():
            return
        self.poll.stop()
        job, self.job = self.job, None
        reading = self.reading
        try:
            centres = job.result()
        except Exception as exc:  # noqa: BLE001 - the layout's failure, said in words
            self._not_laid_out(exc)
            return
        if reading is not None:
            self._show(reading, centres, self.keep_view)

    def _stop(self) -> None:
        """Forget a layout or a drawing under way (a newer reading replaces it)."""
        self.poll.stop()
        self.builder.stop()
        self.steps = None
        if self.job is not None:
            self.job.cancel()
            self.job = None

    # -- drawing ---------------------------------------------------------------------

    def _show(self, reading: Reading, centres: dict[str, tuple[float, float]],
              keep_view: bool) -> None:
        self.builder.stop()
        if reading.ok:
            self.good = (reading, centres)
        self.reading = reading
        self.view_before = (self.view.visible_area().center(), self.scene.selected_id()) \
            if keep_view and self.scene.items_by_id else None
        self.parts.show_state(tr("Drawing the map…"))
        self.steps = chain(self.scene.building(reading.graph, centres,  # type: ignore
                                               reading.on_nodes, self.palette),
                           self._finishing(reading))
        self.builder.start()

    def _build_step(self) -> None:
        try:
            next(self.steps)
        except StopIteration:
            self.builder.stop()
            self.steps = None

    def _finishing(self, reading: Reading) -> Iterator[None]:
        """The drawing's last steps, a turn of the event loop apart: the words around the
        map (the banner, the problems, the matches), then, once the page has made room
        for them, the view as it was (or fitted to the room left)."""
        self.scene.set_dimmed(not reading.ok and self.good is not None)
        self.find.set_graph(reading.graph)
        self._mark_matches(self.find.matches)
        self.parts.show_state("")
        self._show_problems(reading)
        yield
        if self.view_before is None:
            self.view.fit()
        else:
            centre, selected = self.view_before
            self.view.zoom_changed()  # the new items drawn as the old were at this zoom
            self.view.centerOn(centre)
            if selected:
                self.view.select(selected, centre=False)
        self._picked(self.scene.selected_id() or "")
        self.shown = self.answering

    def _show_problems(self, reading: Reading) -> None:
        dimmed = not reading.ok and self.good is not None and reading.graph is not None
        if reading.graph is None:
            self.parts.show_banner(tr("This file could not be read as a scenario; its "
                                      "problems are listed."))
        elif dimmed:
            self.parts.show_banner(tr("This file has errors; showing the last version that "
                                      "loaded."))
        elif not reading.ok:
            self.parts.show_banner(tr("This file has errors, so it cannot be played until "
                                      "they are fixed; the map shows what could be read."))
        else:
            self.parts.show_banner("")
        owners = {id(p): nid for nid, found in reading.on_nodes.items() for p in found}
        self.parts.list_problems([(p, owners.get(id(p))) for p in reading.problems])

    def apply_theme(self, theme: Theme) -> None:
        """Colours from the theme; 100% zoom follows the text size."""
        self.palette = Palette.of(theme)
        self.view.setBackgroundBrush(QColor(theme.window))
        settings = getattr(self.shell, "settings", None)
        if settings is not None:
            self.view.set_base(settings.get("text_size") / 100)
        if self.good is not None or self.reading is not None:
            self._redraw()

    def _redraw(self) -> None:
        reading = self.reading
        centres = {nid: (item.pos().x(), item.pos().y())
                   for nid, item in self.scene.items_by_id.items()}
        if reading is not None and reading.graph is not None and centres:
            self._show(reading, centres, keep_view=True)

    # -- the selection, matches, problems ---------------------------------------------

    def _picked(self, node_id: str) -> None:
        graph = self.reading.graph if self.reading is not None else None
        node = graph.node(node_id) if graph is not None and node_id else None
        text = describe(graph, node) if node is not None and graph is not None else ""
        self.parts.show_details(text)
        self.view.setAccessibleDescription(text or tr(
            "The scenario's nodes and the edges between them. Arrow keys move from node "
            "to node along the edges, Home goes to the start, F fits the whole map, + and - "
            "zoom."))
        # A screen reader reads the new node out, as it would a list's new current row.
        QAccessible.updateAccessibility(QAccessibleEvent(
            self.view, QAccessible.Event.DescriptionChanged))

    def _mark_matches(self, ids: object) -> None:
        wanted = set(ids) if isinstance(ids, list) else set()
        for nid, item in self.scene.items_by_id.items():
            item.set_found(nid in wanted)

    def _problem_chosen(self, item: QListWidgetItem) -> None:
        owner = item.data(PROBLEM_ROLE)
        if owner:
            self.view.select(owner)
            self.view.setFocus()

    def problem_items(self) -> list[tuple[Problem, str | None]]:
        return self.parts.listed

    def _context_menu(self, at: QPoint) -> None:
        """On a node under the pointer, or (from the keyboard) on the selected node."""
        node = getattr(self.view.itemAt(at), "node", None)
        chosen = node.id if node is not None else self.scene.selected_id()
        if chosen is None:
            return
        self.view.select(chosen, centre=False)
        menu = QMenu(self)
        menu.addAction(tr("Centre on this node"), lambda: self.view.select(chosen))
        if self._can_play():
            menu.addAction(tr("Play from here…"), self._play_from_selected)
        menu.popup(self.view.viewport().mapToGlobal(at))

    def _can_play(self) -> bool:
        return self.reading is not None and self.reading.ok

    def _play_from_selected(self) -> None:
        chosen = self.scene.selected_id()
        if chosen and self.path and self._can_play():
            self.play_from_requested.emit(self.path, chosen)


def _same(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return a == b
