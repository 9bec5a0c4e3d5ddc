"""Placing new nodes among nodes that keep their places.

An author who adds a node must find the rest of the map where it was, so
nothing kept moves: each new node goes below the kept nodes that lead to it
(or above those it leads to), centred on them, in the nearest spot where its
box touches no other; new nodes reached only through other new ones follow,
one link further each time. New nodes joined to nothing kept (a new part of
the graph) are laid out on their own and stand to the right of the rest.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from alongside.engine.layout.layered import XSPACE, YSPACE, Pair, Point, Size, layered

GAP = XSPACE / 2  # the least room kept around a new node's box
_TRIES = 9  # spots tried to each side in a row before the next row


class Boxes:
    """The boxes already placed, in a grid of cells, to find free room fast."""

    def __init__(self, cell: Size) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _span(self, box: tuple[float, float, float, float]) -> Iterable[tuple[int, int]]:
        left, top, right, bottom = box
        width, height = self.cell
        for i in range(math.floor(left / width), math.floor(right / width) + 1):
            for j in range(math.floor(top / height), math.floor(bottom / height) + 1):
                yield i, j

    def add(self, centre: Point, size: Size) -> None:
        box = _box(centre, size, 0.0)
        for cell in self._span(box):
            self.cells.setdefault(cell, []).append(box)

    def free(self, centre: Point, size: Size, margin: float = GAP) -> bool:
        """Whether a box there, with `margin` of room around it, overlaps none placed."""
        left, top, right, bottom = box = _box(centre, size, margin)
        for cell in self._span(box):
            for a, b, c, d in self.cells.get(cell, ()):
                if left < c and a < right and top < d and b < bottom:
                    return False
        return True


def _box(centre: Point, size: Size, margin: float) -> tuple[float, float, float, float]:
    (x, y), (w, h) = centre, size
    return x - w / 2 - margin, y - h / 2 - margin, x + w / 2 + margin, y + h / 2 + margin


def with_new(nodes: Sequence[str], pairs: Iterable[Pair], sizes: Mapping[str, Size],
             kept: Mapping[str, Point]) -> dict[str, Point]:
    """`kept` exactly as it is, and every other node of `nodes` placed around it."""
    centres = {n: kept[n] for n in nodes if n in kept}
    edges = [(a, b) for a, b in dict.fromkeys(pairs) if a != b and a in sizes and b in sizes]
    into: dict[str, list[str]] = {}
    out: dict[str, list[str]] = {}
    for a, b in edges:
        out.setdefault(a, []).append(b)
        into.setdefault(b, []).append(a)
    boxes = Boxes((max(w for w, _ in sizes.values()), max(h for _, h in sizes.values())))
    for node, centre in centres.items():
        boxes.add(centre, sizes[node])
    waiting = [n for n in nodes if n not in centres]
    while waiting:
        ready = [n for n in waiting if any(m in centres for m in (*into.get(n, ()),
                                                                  *out.get(n, ())))]
        for node in ready:
            centres[node] = _spot(node, into.get(node, ()), out.get(node, ()), centres, sizes,
                                  boxes)
            boxes.add(centres[node], sizes[node])
        if not ready:
            break
        placed = set(ready)
        waiting = [n for n in waiting if n not in placed]
    if waiting:
        centres.update(_beside(waiting, edges, sizes, centres))
    return centres


def _spot(node: str, parents: Iterable[str], children: Iterable[str],
          centres: Mapping[str, Point], sizes: Mapping[str, Size], boxes: Boxes) -> Point:
    """The free spot nearest below the node's placed parents, or above its children."""
    w, h = sizes[node]
    above = [p for p in parents if p in centres]
    below = [c for c in children if c in centres]
    if above:
        x = sum(centres[p][0] for p in above) / len(above)
        y = max(centres[p][1] + sizes[p][1] / 2 for p in above) + YSPACE + h / 2
        down = 1.0
    else:
        x = sum(centres[c][0] for c in below) / len(below)
        y = min(centres[c][1] - sizes[c][1] / 2 for c in below) - YSPACE - h / 2
        down = -1.0
    row = 0
    while True:
        for step in range(2 * _TRIES + 1):
            side = (step + 1) // 2 * (1 if step % 2 else -1)
            spot = (x + side * (w + XSPACE), y + down * row * (h + YSPACE))
            if boxes.free(spot, (w, h)):
                return spot
        row += 1


def _beside(nodes: list[str], edges: list[Pair], sizes: Mapping[str, Size],
            centres: Mapping[str, Point]) -> dict[str, Point]:
    """`nodes`, joined to nothing placed, laid out together to the right of the rest."""
    own = set(nodes)
    placed = layered(nodes, [(a, b) for a, b in edges if a in own and b in own], sizes)
    right = max(x + sizes[n][0] / 2 for n, (x, _) in centres.items()) + 2 * XSPACE
    top = min(y - sizes[n][1] / 2 for n, (_, y) in centres.items())
    return {n: (x + right, y + top) for n, (x, y) in placed.items()}
