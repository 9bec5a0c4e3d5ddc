"""The map's benchmarks, run in a child process by `python main.py bench` (through
`python -m alongside.ui.bench map`), on the generated 2,000-node scenario
(`alongside.engine.generate.branching_yaml`).

- `stall`: the map page opened on the file in the main window, as an author does, with a
  timer ticking every `TICK_MS`; the longest gap between two ticks from the layout's
  start until the map is drawn (the layout in its process, then the drawing in steps)
  is the longest the interface could not answer while the layout ran.
- `frames`: the map laid out the same way, in a view of 1600×900, repainted whole after
  each step of a pan: at 100% zoom, and at the zoom that fits the whole map. The 90th
  percentile of each, in ms. A whole repaint is the most a step of panning can cost (Qt
  scrolls what was already drawn and paints only the strip that came into view).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from alongside.engine.graph import graph_of
from alongside.engine.load import load_file
from alongside.ui.studio.map_items import Palette
from alongside.ui.studio.map_scene import MapScene, MapView
from alongside.ui.studio.map_source import start_layout
from alongside.ui.themes import LIGHT

NODES = 2000
TICK_MS = 5
FRAMES = 60
VIEW = (1600, 900)
PAN = (53, 37)  # a step of a pan, in pixels: a drag or a held arrow key between frames


def _spin(until, timeout_s: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while not until():
        if time.perf_counter() > deadline:
            raise TimeoutError("the map was not drawn in time")
        loop = QEventLoop()
        QTimer.singleShot(1, loop.quit)
        loop.exec()


def generated(folder: Path) -> Path:
    """The 2,000-node scenario shaped like the library's (the layout's benchmarks lay out
    the same one), written where its side file may go."""
    from alongside.engine.generate import branching_yaml

    path = folder / "branching.yaml"
    path.write_text(branching_yaml(NODES), encoding="utf-8")
    return path


def stall_ms(folder: Path) -> float:
    """The longest gap between ticks while the map page opens the generated file."""
    from alongside.ui.bench import main_window

    window = main_window(folder)
    _spin(lambda: window.store is not None and not window.ops.busy)
    path = generated(folder)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    _spin(lambda: len(ticks) > 3)
    window.go("map", path=str(path))
    page = window.pages["map"]
    _spin(lambda: page.job is not None)
    started = time.perf_counter()
    _spin(lambda: page.shown == page.asked and page.steps is None and page.job is None)
    ticks.append(time.perf_counter())
    timer.stop()
    window.close()
    after = [t for t in ticks if t >= started]
    return max(b - a for a, b in zip(after, after[1:], strict=False)) * 1000


def frame_ms(folder: Path) -> tuple[float, float]:
    """The 90th percentile of whole repaints while panning, at 100% and fitted."""
    path = generated(folder)
    result = load_file(path, max_bytes=64 * 2**20)
    assert result.scenario is not None, result.problems[:1]
    graph = graph_of(result.scenario, result.text)
    job = start_layout(str(path), graph, folder / "cache")
    _spin(job.done)
    scene = MapScene()
    scene.show_graph(graph, job.result(), {}, Palette.of(LIGHT))
    view = MapView(scene)
    view.resize(*VIEW)
    view.show()
    _spin(view.isVisible)
    view.set_zoom(1.0)
    view.centerOn(scene.items_by_id[graph.ids()[len(graph.ids()) // 2]])
    near = _panning(view)
    view.fit()
    view.select(graph.ids()[len(graph.ids()) // 3], centre=False)
    far = _panning(view)
    return near, far


def _panning(view: MapView) -> float:
    QApplication.processEvents()
    timings = []
    for step in range(FRAMES):
        sign = 1 if step % 20 < 10 else -1  # back and forth, staying in the map
        bars = view.horizontalScrollBar(), view.verticalScrollBar()
        for bar, by in zip(bars, PAN, strict=True):
            bar.setValue(bar.value() + sign * by)
        started = time.perf_counter()
        view.viewport().repaint()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return timings[int(len(timings) * 0.9) - 1]


def run(folder: Path) -> dict[str, float]:
    """Every figure, for `alongside.ui.bench`'s `map` mode."""
    from alongside.ui.app import application

    application(sys.argv)
    for part in ("frames", "stall"):  # each its own file: no side file of the other's
        (folder / part).mkdir()
    near, far = frame_ms(folder / "frames")
    return {"map_frame_ms_p90": near, "map_fit_frame_ms_p90": far,
            "map_stall_ms_max": stall_ms(folder / "stall")}
