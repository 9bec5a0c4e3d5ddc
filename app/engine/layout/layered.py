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

from grandalf.graphs import Edge, Vertex, graph_core
from grandalf.layouts import SugiyamaLayout
from grandalf.utils.poset import Poset

Point = tuple[float, float]
Size = tuple[float, float]
Pair = tuple[str, str]
Key = str | tuple[str, int]  # a node, or a stand-in of a lane of long edges: (target, layer)

BOX: Size = (180.0, 80.0)  # a node's size when the caller gives none
LANE: Size = (2.0, 2.0)  # a lane's stand-in: as thin as an edge
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


class _Joined(Poset):
    """The vertices' part, known to be connected, handed to grandalf's `graph_core`.

    graph_core merges each vertex's part along the edges and then compares every
    vertex's part with the whole by contents, which is quadratic in the vertices
    (3 s for 2,000 nodes); a part compared by identity makes both steps linear.
    """

    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__


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
    back = turned(nodes[0], nodes, edges)
    downward = list(dict.fromkeys((b, a) if (a, b) in back else (a, b) for a, b in edges))
    links, lanes = gathered(downward, ranks(nodes, downward))
    vertices = {n: Vertex(n) for n in [*nodes, *lanes]}
    joined = _Joined([])
    for key, vertex in vertices.items():
        vertex.view = _Box(sizes[key] if key in part else LANE)
        vertex.c = joined
    core = graph_core(list(vertices.values()),
                      [Edge(vertices[a], vertices[b]) for a, b in links])
    layout = SugiyamaLayout(core)
    layout.xspace, layout.yspace = XSPACE, YSPACE
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, _RECURSION))
    try:
        layout.init_all(roots=[vertices[nodes[0]]], inverted_edges=[])
        layout.draw(ROUNDS)
    finally:
        sys.setrecursionlimit(limit)
    return {n: vertices[n].view.xy for n in nodes}


def ranks(nodes: Sequence[str], downward: list[Pair]) -> dict[str, int]:
    """Each node's layer: one below the lowest node leading to it (as grandalf ranks)."""
    into: dict[str, int] = dict.fromkeys(nodes, 0)
    out: dict[str, list[str]] = {}
    for a, b in downward:
        into[b] += 1
        out.setdefault(a, []).append(b)
    rank = dict.fromkeys(nodes, 0)
    ready = [n for n in nodes if into[n] == 0]
    while ready:
        node = ready.pop()
        for child in out.get(node, ()):
            rank[child] = max(rank[child], rank[node] + 1)
            into[child] -= 1
            if into[child] == 0:
                ready.append(child)
    return rank


def gathered(downward: list[Pair], rank: Mapping[str, int]
             ) -> tuple[list[tuple[Key, Key]], list[Key]]:
    """The edges grandalf lays out, with the long edges into one node gathered.

    grandalf puts a stand-in vertex for an edge in every layer it crosses; a
    shared ending that branches from all over the scenario lead to would have
    hundreds of thousands. Instead (as Graphviz's `concentrate`) the long edges
    into one node join a single lane of stand-ins running down to it, each
    entering the lane just below its source: the node keeps its layer, and the
    lane's stand-ins (the second list) are not drawn.
    """
    long: dict[str, list[str]] = {}
    links: list[tuple[Key, Key]] = []
    for a, b in downward:
        if rank[b] - rank[a] > 2:
            long.setdefault(b, []).append(a)
        else:
            links.append((a, b))
    lanes: list[Key] = []
    for target, sources in long.items():
        if len(sources) == 1:
            links.append((sources[0], target))
            continue
        top = min(rank[s] for s in sources) + 1
        lane: list[Key] = [(target, r) for r in range(top, rank[target])]
        lanes += lane
        links += list(zip(lane, [*lane[1:], target], strict=True))
        links += [(s, (target, rank[s] + 1)) for s in sources]
    return links, lanes
