"""The layered (Sugiyama) layout of a whole graph, by grandalf, top to bottom.

grandalf lays out one connected, acyclic part at a time; a scenario may loop
(a `next` or a branch back to an earlier node) and a draft may fall apart into
pieces. So each part is laid out on its own, with the edges that close a loop
turned round for the layout (found by a depth-first walk from the start, so
the start is the top layer and loops point back up), and the parts stand side
by side in scenario order. Parallel edges and a node's edge to itself change
nothing in the layers and are left out.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence

from grandalf.graphs import Edge, Graph, Vertex
from grandalf.layouts import SugiyamaLayout

Point = tuple[float, float]
Size = tuple[float, float]
Pair = tuple[str, str]

BOX: Size = (180.0, 80.0)  # a node's size when the caller gives none
XSPACE = 40.0  # between neighbours in a layer, and between parts of the graph
YSPACE = 70.0  # between layers: room for the edges' labels
ROUNDS = 1.5  # grandalf's ordering passes (down, then up, then down): its own default
_RECURSION = 50_000  # grandalf places blocks recursively, one call per neighbour in a layer


class _Box:
    """What grandalf reads and writes for a vertex: its size, then its centre."""

    __slots__ = ("w", "h", "xy")

    def __init__(self, size: Size) -> None:
        self.w, self.h = size
        self.xy: Point = (0.0, 0.0)


def layered(nodes: Sequence[str], pairs: Iterable[Pair],
            sizes: Mapping[str, Size]) -> dict[str, Point]:
    """The centre of every node of `nodes` (start first), its parts side by side."""
    edges = _plain_edges(nodes, pairs)
    centres: dict[str, Point] = {}
    left = 0.0
    for part in _parts(nodes, edges):
        placed = _part(part, [e for e in edges if e[0] in part], sizes)
        low = min(x - sizes[n][0] / 2 for n, (x, _) in placed.items())
        high = max(x + sizes[n][0] / 2 for n, (x, _) in placed.items())
        for node, (x, y) in placed.items():
            centres[node] = (x - low + left, y)
        left += high - low + XSPACE
    return centres


def _plain_edges(nodes: Sequence[str], pairs: Iterable[Pair]) -> list[Pair]:
    known = set(nodes)
    return list(dict.fromkeys((a, b) for a, b in pairs if a != b and a in known and b in known))


def _parts(nodes: Sequence[str], edges: list[Pair]) -> list[dict[str, None]]:
    """The connected parts, each an ordered set of its nodes in scenario order."""
    around: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        around[a].append(b)
        around[b].append(a)
    part_of: dict[str, int] = {}
    for first in nodes:
        if first in part_of:
            continue
        number, todo = len(part_of), [first]
        part_of[first] = number
        while todo:
            for other in around[todo.pop()]:
                if other not in part_of:
                    part_of[other] = number
                    todo.append(other)
    parts: dict[int, dict[str, None]] = {}
    for node in nodes:
        parts.setdefault(part_of[node], {})[node] = None
    return list(parts.values())


def turned(first: str, nodes: Iterable[str], edges: list[Pair]) -> set[Pair]:
    """The edges to turn round so that no loop is left and `first` is on top.

    A depth-first walk from `first` (then from any node it did not reach, in
    order) turns every edge back to a node still on its path; every edge into
    `first` is turned too, so nothing ranks above it.
    """
    out: dict[str, list[str]] = {}
    for a, b in edges:
        out.setdefault(a, []).append(b)
    back = {(a, b) for a, b in edges if b == first}
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    for root in [first, *nodes]:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(out.get(root, ())))]
        while stack:
            node, following = stack[-1]
            step = next(following, None)
            if step is None:
                state[node] = 2
                stack.pop()
            elif state.get(step) == 1:
                back.add((node, step))
            elif step not in state:
                state[step] = 1
                stack.append((step, iter(out.get(step, ()))))
    return back


def _part(part: dict[str, None], edges: list[Pair], sizes: Mapping[str, Size]
          ) -> dict[str, Point]:
    nodes = list(part)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, sizes[nodes[0]][1] / 2)}
    vertices = {n: Vertex(n) for n in nodes}
    for node, vertex in vertices.items():
        vertex.view = _Box(sizes[node])
    links = {pair: Edge(vertices[pair[0]], vertices[pair[1]]) for pair in edges}
    [core] = Graph(list(vertices.values()), list(links.values())).C
    layout = SugiyamaLayout(core)
    layout.xspace, layout.yspace = XSPACE, YSPACE
    back = [links[pair] for pair in turned(nodes[0], nodes, edges)]
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, _RECURSION))
    try:
        layout.init_all(roots=[vertices[nodes[0]]], inverted_edges=back)
        layout.draw(ROUNDS)
    finally:
        sys.setrecursionlimit(limit)
    return _apart({n: vertices[n].view.xy for n in nodes}, sizes)


def _apart(centres: dict[str, Point], sizes: Mapping[str, Size]) -> dict[str, Point]:
    """Push neighbours in a layer apart where they would touch.

    grandalf's final x is the mean of the two middle of four alignments, which
    keeps the order in a layer but not always the room between boxes; a sweep
    from the left restores it, moving only the nodes that were too close.
    """
    layers: dict[float, list[str]] = {}
    for node, (_, y) in centres.items():
        layers.setdefault(y, []).append(node)
    for y, row in layers.items():
        row.sort(key=lambda n: centres[n][0])
        for before, node in zip(row, row[1:], strict=False):
            least = centres[before][0] + (sizes[before][0] + sizes[node][0]) / 2 + XSPACE
            if centres[node][0] < least:
                centres[node] = (least, y)
    return centres
