"""Where each node of a scenario's map stands: laid out in layers, kept between visits.

`place` lays a graph out (grandalf's Sugiyama layout, top to bottom, the start
on top) or, given the positions kept from before, keeps them exactly and
places only the nodes that are new. `positions_for` does that with the
positions kept in a side file beside the scenario, and `LayoutJob` runs it in
a worker process, because a pure-Python layout holds the GIL long enough to
stall the interface.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from alongside.engine.layout.added import with_new
from alongside.engine.layout.job import LayoutError, LayoutJob
from alongside.engine.layout.layered import BOX, Pair, Point, Size, layered
from alongside.engine.layout.sidefile import positions_for, side_file

__all__ = ["BOX", "LayoutError", "LayoutJob", "place", "positions_for", "side_file"]


def place(nodes: Sequence[str], edges: Iterable[Pair], sizes: Mapping[str, Size] | None = None,
          saved: Mapping[str, Point] | None = None) -> dict[str, Point]:
    """The centre of every node in `nodes` (scenario order, the start first).

    `edges` are (source, target) pairs, repeats and loops allowed; `sizes` the
    boxes' (width, height), BOX where not given. Nodes in `saved` keep exactly
    their position there; saved nodes no longer in `nodes` are dropped.
    """
    order = list(dict.fromkeys(nodes))
    boxes = {n: (sizes or {}).get(n, BOX) for n in order}
    for node, (w, h) in boxes.items():
        if not (0 < w < math.inf and 0 < h < math.inf):
            raise ValueError(f"node {node!r} has a size that cannot be laid out: {w} × {h}")
    pairs = list(edges)
    kept = {n: saved[n] for n in order if saved and n in saved}
    centres = with_new(order, pairs, boxes, kept) if kept else layered(order, pairs, boxes)
    return {n: (round(x, 1), round(y, 1)) if n not in kept else kept[n]
            for n, (x, y) in centres.items()}
