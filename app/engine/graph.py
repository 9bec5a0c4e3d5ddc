"""A scenario as the author's map sees it: nodes, edges and where each sits in the file.

The map draws this, not the `Scenario`: every node has the kind an author reads
(narration apart from speech, an ending with its kind), a short label, and the span
of lines it takes in the file, so that a validator problem located at a line can
be drawn on the node that holds it. Edges are one per choice (with its scores and
whether it is critical), per `next`, and per branch entry (with its condition's
text). Plain data, picklable, so a worker process can lay it out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from alongside.engine.model import BRANCH, DECISION, ENDING, Node, Scenario
from alongside.engine.problems import Problem

NARRATION = "narration"
CHOICE, NEXT, OTHERWISE = "choice", "next", "otherwise"
LABEL_WORDS = 8  # the first words of a node's text its label shows
_NAMED_NODE = re.compile(r"node '([^']+)'")


@dataclass(frozen=True, slots=True)
class MapNode:
    """`kind`: speech, narration, decision, branch or ending (`ending` then says which)."""

    id: str
    kind: str
    label: str
    text: str
    line: int  # where its lines start: the line of its id, where the file is known
    speaker: str = ""
    ending: str = ""
    variables: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class MapEdge:
    """`kind` is CHOICE (`label` its id), NEXT, or a branch entry: BRANCH with its
    condition's text as `label`, or OTHERWISE for the final unconditional entry."""

    source: str
    target: str
    kind: str
    label: str = ""
    scores: Mapping[str, int] = field(default_factory=dict)
    critical: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Graph:
    start: str
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]

    def node(self, node_id: str) -> MapNode | None:
        return next((n for n in self.nodes if n.id == node_id), None)

    def ids(self) -> list[str]:
        """Node ids in scenario order, the start first (what a layout is given)."""
        return [n.id for n in self.nodes]

    def pairs(self) -> list[tuple[str, str]]:
        """(source, target) of every edge between two nodes of the map."""
        known = {n.id for n in self.nodes}
        return [(e.source, e.target) for e in self.edges if e.target in known]

    def node_at_line(self, line: int) -> str | None:
        """The node whose lines hold `line`: from its own line to the next node's."""
        ordered = sorted((n.line, n.id) for n in self.nodes if n.line > 0)
        at = bisect.bisect_right([first for first, _ in ordered], line) - 1
        return ordered[at][1] if at >= 0 else None


def graph_of(scenario: Scenario, text: str = "") -> Graph:
    """The map's graph of `scenario` (a checked one, or a loader's draft with errors);
    with the file's `text`, each node's lines start at the line of its id (the model
    keeps the line of its first key, one below in a block mapping)."""
    ordered = sorted(scenario.nodes.values(), key=lambda n: n.id != scenario.start)
    lines = text.splitlines()
    nodes = tuple(_map_node(node, scenario, _key_line(node, lines)) for node in ordered)
    edges = tuple(edge for node in ordered for edge in _edges(node))
    return Graph(scenario.start, nodes, edges)


def _key_line(node: Node, lines: list[str]) -> int:
    above = lines[node.line - 2].strip() if 2 <= node.line <= len(lines) + 1 else ""
    for key in (node.id, f'"{node.id}"', f"'{node.id}'"):
        if above.startswith(key) and above[len(key):].lstrip().startswith(":"):
            return node.line - 1
    return node.line


def _map_node(node: Node, scenario: Scenario, line: int) -> MapNode:
    speaker = ""
    if node.speaker:
        character = scenario.characters.get(node.speaker)
        speaker = character.name if character is not None else node.speaker
    kind = NARRATION if node.kind == "speech" and not node.speaker else node.kind
    if node.kind == BRANCH:
        text = "; ".join(rule.condition.source if rule.condition else "otherwise"
                         for rule in node.branch)
    else:
        text = " ".join(node.text.split())
    words = text.split()
    label = " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "")
    return MapNode(id=node.id, kind=kind, label=f"{speaker}: {label}" if speaker else label,
                   text=text, line=line, speaker=speaker, ending=node.ending or "",
                   variables=frozenset(_variables(node)))


def _variables(node: Node) -> Iterable[str]:
    for choice in node.choices:
        yield from choice.effects
    for rule in node.branch:
        if rule.condition is not None:
            yield from rule.condition.names


def _edges(node: Node) -> Iterable[MapEdge]:
    if node.kind == DECISION:
        for choice in node.choices:
            if choice.next:
                yield MapEdge(node.id, choice.next, CHOICE, choice.id, dict(choice.scores),
                              choice.critical or "", choice.line)
    elif node.kind == BRANCH:
        for rule in node.branch:
            if rule.condition is None:
                yield MapEdge(node.id, rule.next, OTHERWISE, "otherwise", line=rule.line)
            else:
                yield MapEdge(node.id, rule.next, BRANCH, rule.condition.source, line=rule.line)
    elif node.kind != ENDING and node.next:
        yield MapEdge(node.id, node.next, NEXT, line=node.line)


def problems_on_nodes(graph: Graph, problems: Iterable[Problem]
                      ) -> tuple[dict[str, list[Problem]], list[Problem]]:
    """Each problem on the node it belongs to, and those on none (the file's header).

    A problem belongs to the node whose lines hold it; one outside every node's lines
    that names a node of the map ("node 'x' cannot be reached") belongs to that node.
    """
    known = {n.id for n in graph.nodes}
    first = min((n.line for n in graph.nodes if n.line > 0), default=0)
    placed: dict[str, list[Problem]] = {}
    loose: list[Problem] = []
    for problem in problems:
        named = [m for m in _NAMED_NODE.findall(problem.message) if m in known]
        at = graph.node_at_line(problem.line) if first and problem.line >= first else None
        owner = at or (named[0] if named else None)
        if owner is None:
            loose.append(problem)
        else:
            placed.setdefault(owner, []).append(problem)
    return placed, loose


def matching(graph: Graph, query: str) -> list[str]:
    """Ids of the nodes `query` finds, in scenario order: by id, by words of their text
    or speaker, or by a variable their choices change or their conditions read (the
    edges' labels, choice ids and conditions, count for the node they leave)."""
    wanted = query.strip().lower()
    if not wanted:
        return []
    labels: dict[str, list[str]] = {}
    for edge in graph.edges:
        labels.setdefault(edge.source, []).append(edge.label.lower())
    found = []
    for node in graph.nodes:
        said = (node.id.lower(), node.text.lower(), node.speaker.lower(),
                *labels.get(node.id, ()))
        if any(wanted in part for part in said) or wanted in node.variables:
            found.append(node.id)
    return found
