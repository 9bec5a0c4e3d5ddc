"""Placing new nodes among nodes that keep their places.

An author who adds a node must find the rest of the map where it was, so
nothing kept moves: each new node goes below the kept nodes that lead to it
(or above those it leads to), centred on them, in the nearest spot where its
box touches no other; new nodes reached only through other new ones follow,
one link further each time. A larger piece of new nodes joined among
themselves (an act pasted in) is laid out in layers as a whole and placed as
one, so it reads as the rest of the map does. New nodes joined to nothing kept
(a new part of the graph) are laid out on their own to the right of the rest.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from alongside.engine.layout.layered import XSPACE, YSPACE, Pair, Point, Size, lay_out, parts

GAP = XSPACE / 2  # the least room kept around a new node's box
_TRIES = 9  # spots tried to each side in a row before the next row
GROUP = 4  # new nodes joined among themselves this many or more are laid out as a whole


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
    links = _Links(edges)
    boxes = Boxes((max(w for w, _ in sizes.values()), max(h for _, h in sizes.values())))
    for node, centre in centres.items():
        boxes.add(centre, sizes[node])
    new = [n for n in nodes if n not in centres]
    for piece in parts(new, [(a, b) for a, b in edges if a not in centres and b not in centres]):
        if len(piece) >= GROUP and any(links.placed(n, centres) for n in piece):
            for node, centre in _group(list(piece), edges, sizes, centres, boxes, links).items():
                centres[node] = centre
                boxes.add(centre, sizes[node])
    waiting = [n for n in new if n not in centres]
    while waiting:
        ready = [n for n in waiting if links.placed(n, centres)]
        for node in ready:
            centres[node] = _spot(_target(node, links, centres, sizes), sizes[node], boxes)
            boxes.add(centres[node], sizes[node])
        if not ready:
            break
        placed = set(ready)
        waiting = [n for n in waiting if n not in placed]
    if waiting:
        centres.update(_beside(waiting, edges, sizes, centres))
    return centres


class _Links:
    """Each node's parents and children."""

    def __init__(self, edges: Iterable[Pair]) -> None:
        self.into: dict[str, list[str]] = {}
        self.out: dict[str, list[str]] = {}
        for a, b in edges:
            self.out.setdefault(a, []).append(b)
            self.into.setdefault(b, []).append(a)

    def placed(self, node: str, centres: Mapping[str, Point]) -> bool:
        """Whether a parent or child of `node` has its place."""
        return any(m in centres for m in (*self.into.get(node, ()), *self.out.get(node, ())))


def _target(node: str, links: _Links, centres: Mapping[str, Point],
            sizes: Mapping[str, Size]) -> tuple[float, float, float]:
    """Where `node` would best go, and which way to look for room (1 down, -1 up):
    a layer below its placed parents, centred on them, or else above its children."""
    h = sizes[node][1]
    above = [p for p in links.into.get(node, ()) if p in centres]
    if above:
        x = sum(centres[p][0] for p in above) / len(above)
        return x, max(centres[p][1] + sizes[p][1] / 2 for p in above) + YSPACE + h / 2, 1.0
    below = [c for c in links.out.get(node, ()) if c in centres]
    x = sum(centres[c][0] for c in below) / len(below)
    return x, min(centres[c][1] - sizes[c][1] / 2 for c in below) - YSPACE - h / 2, -1.0


def _spot(target: tuple[float, float, float], size: Size, boxes: Boxes) -> Point:
    """The free spot nearest `target`: along its row, then row after row."""
    for dx, dy in _steps(target[2], size):
        spot = (target[0] + dx, target[1] + dy)
        if boxes.free(spot, size):
            return spot
    raise AssertionError("unreachable: the rows go on without end")


def _steps(down: float, size: Size) -> Iterable[tuple[float, float]]:
    """Offsets to try, nearest first: in a row both ways, then the next row."""
    w, h = size
    row = 0
    while True:
        for step in range(2 * _TRIES + 1):
            side = (step + 1) // 2 * (1 if step % 2 else -1)
            yield side * (w + XSPACE), down * row * (h + YSPACE)
        row += 1


def _group(piece: list[str], edges: list[Pair], sizes: Mapping[str, Size],
           centres: Mapping[str, Point], boxes: Boxes, links: _Links) -> dict[str, Point]:
    """A larger piece of new nodes (an act pasted in) laid out as a whole, its first
    node joined to the placed ones where it would go alone, the whole moved along
    until it overlaps nothing."""
    own = set(piece)
    shape = lay_out(piece, [(a, b) for a, b in edges if a in own and b in own], sizes)
    anchor = next(n for n in piece if links.placed(n, centres))
    x, y, down = _target(anchor, links, centres, sizes)
    moved = {n: (px - shape[anchor][0] + x, py - shape[anchor][1] + y)
             for n, (px, py) in shape.items()}
    widest = max(sizes[n][0] for n in piece), max(sizes[n][1] for n in piece)
    for dx, dy in _steps(down, widest):
        if all(boxes.free((px + dx, py + dy), sizes[n]) for n, (px, py) in moved.items()):
            return {n: (px + dx, py + dy) for n, (px, py) in moved.items()}
    raise AssertionError("unreachable: the rows go on without end")


def _beside(nodes: list[str], edges: list[Pair], sizes: Mapping[str, Size],
            centres: Mapping[str, Point]) -> dict[str, Point]:
    """`nodes`, joined to nothing placed, laid out together to the right of the rest."""
    own = set(nodes)
    placed = lay_out(nodes, [(a, b) for a, b in edges if a in own and b in own], sizes)
    right = max(x + sizes[n][0] / 2 for n, (x, _) in centres.items()) + 2 * XSPACE
    top = min(y - sizes[n][1] / 2 for n, (_, y) in centres.items())
    return {n: (x + right, y + top) for n, (x, y) in placed.items()}
