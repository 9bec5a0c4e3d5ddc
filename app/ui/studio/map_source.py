"""What the map is drawn from: the file read and checked (on the shell's worker), and
its layout (in the layout's worker process, `alongside.engine.layout.LayoutJob`).

No Qt here: `read_map` runs on the worker thread and hands back plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from alongside.engine.graph import Graph, graph_of, problems_on_nodes
from alongside.engine.load import load_file
from alongside.engine.problems import Problem
from alongside.ui.studio.map_items import HEIGHT, WIDTH

# The room a node takes in the layout: its box, its "Start" tag above and its badge beside.
NODE_SIZE = (WIDTH + 24.0, HEIGHT + 28.0)


@dataclass(frozen=True, slots=True)
class Reading:
    """One reading of a scenario file: `graph` is None only when nothing could be read;
    `ok` says whether it loads (it may still have warnings)."""

    path: str
    ok: bool
    title: str
    graph: Graph | None
    problems: list[Problem]
    on_nodes: dict[str, list[Problem]] = field(default_factory=dict)
    loose: list[Problem] = field(default_factory=list)


def read_map(path: str) -> Reading:
    """Worker: load and check the file, and place its problems on its nodes.

    The layout's modules are imported here, on the worker, the first time: importing
    them when the layout starts, on the GUI thread, would hold the interface ~40 ms."""
    import alongside.engine.layout  # noqa: F401

    result = load_file(path)
    model = result.scenario or result.draft
    if model is None:
        return Reading(path, False, Path(path).name, None, result.problems,
                       loose=list(result.problems))
    graph = graph_of(model, result.text)
    on_nodes, loose = problems_on_nodes(graph, result.problems)
    return Reading(path, result.ok, model.title or model.id, graph, result.problems, on_nodes,
                   loose)


def replaced(reading: Reading, graph: Graph) -> Reading:
    """`reading`'s problems placed on `graph` instead (the last map that loaded)."""
    on_nodes, loose = problems_on_nodes(graph, reading.problems)
    return Reading(reading.path, reading.ok, reading.title, graph, reading.problems, on_nodes,
                   loose)


def start_layout(path: str, graph: Graph, cache_dir: Path | None):
    """The layout of `graph`, started in the layout's worker process: poll `done()`, then
    `result()` gives every node's centre (positions kept in the side file are reused)."""
    from alongside.engine.layout import LayoutJob

    sizes = dict.fromkeys(graph.ids(), NODE_SIZE)
    return LayoutJob.start(path, graph.ids(), graph.pairs(), sizes, cache_dir)
