"""Graphs for the layout tests, and the checks every layout must pass."""

from __future__ import annotations

from alongside.engine.layout import BOX

# A scenario's shape: a decision's three choices, two meeting again, a loop back up.
DIAMOND = (["start", "ask", "yes", "no", "maybe", "after", "end"],
           [("start", "ask"), ("ask", "yes"), ("ask", "no"), ("ask", "maybe"),
            ("yes", "after"), ("no", "after"), ("maybe", "ask"), ("after", "end"),
            ("ask", "yes")])


def overlaps(centres, sizes=None):
    """The pairs of nodes whose boxes overlap (touching is allowed)."""
    boxes = {}
    for node, (x, y) in centres.items():
        w, h = (sizes or {}).get(node, BOX)
        boxes[node] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    found = []
    ordered = sorted(boxes.items(), key=lambda item: item[1][0])
    for i, (a, (_, t1, r1, b1)) in enumerate(ordered):
        for b, (l2, t2, _, b2) in ordered[i + 1:]:
            if l2 >= r1:
                break
            if t1 < b2 and t2 < b1:
                found.append((a, b))
    return found
