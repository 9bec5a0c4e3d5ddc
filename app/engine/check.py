"""Whole-scenario checks on the branch graph, run after the loader built it.

All are linear in the number of nodes and edges, so a 20,000-node scenario
validates as quickly as it parses.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from alongside.engine.model import DECISION, ENDING, Node, Scenario
from alongside.engine.problems import Problem


class Ref(NamedTuple):
    """A place in the file that names a node: `target` at `at`, inside `where`."""

    target: str
    at: tuple[int, int]
    where: str


def graph(scenario: Scenario, refs: list[Ref], problems: list[Problem]) -> None:
    """Report dangling references, unreachable nodes, dead ends and endless loops."""
    nodes = scenario.nodes
    path = scenario.path
    for ref in refs:
        if ref.target not in nodes:
            rule = "unknown-start" if ref.where == "start" else "dangling-next"
            what = "'start' names" if ref.where == "start" else f"{ref.where} goes to"
            problems.append(Problem(path, ref.at[0], ref.at[1], rule,
                                    f"{what} unknown node '{ref.target}'"))
    if scenario.start not in nodes:
        return
    reached = _reach(scenario.start, lambda nid: nodes[nid].successors(), nodes)
    for nid, node in nodes.items():
        if nid not in reached:
            problems.append(Problem(path, node.line, 1, "unreachable-node",
                                    f"node '{nid}' cannot be reached from '{scenario.start}'"))
    predecessors: dict[str, list[str]] = {nid: [] for nid in nodes}
    for nid, node in nodes.items():
        for target in node.successors():
            if target in predecessors:
                predecessors[target].append(nid)
    endings = [nid for nid, node in nodes.items() if node.kind == ENDING]
    finishing: set[str] = set()
    for ending in endings:
        finishing |= _reach(ending, predecessors.__getitem__, nodes, finishing)
    if not endings:
        problems.append(Problem(path, 1, 1, "no-ending", "the scenario has no ending node"))
    for nid in reached - finishing:
        problems.append(Problem(path, nodes[nid].line, 1, "no-way-to-end",
                                f"from node '{nid}' no path leads to an ending"))
    _endless_loops(scenario, reached, problems)


def _reach(start: str, successors: Callable[[str], Iterable[str]], nodes: Mapping[str, Node],
           known: set[str] | None = None) -> set[str]:
    seen = {start}
    queue = deque((start,))
    while queue:
        for nxt in successors(queue.popleft()):
            if nxt in nodes and nxt not in seen and (known is None or nxt not in known):
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _endless_loops(scenario: Scenario, reached: set[str], problems: list[Problem]) -> None:
    """Find cycles made only of nodes that move on by themselves.

    Variables change only when a choice is taken, so such a cycle, once
    entered, would never stop. Iterative colouring keeps deep graphs safe.
    """
    nodes = scenario.nodes
    colour: dict[str, int] = {}
    for root in (nid for nid in nodes if nid in reached):
        if colour.get(root) or nodes[root].kind in (DECISION, ENDING):
            continue
        stack = [(root, iter(nodes[root].successors()))]
        colour[root] = 1
        while stack:
            nid, successors = stack[-1]
            for nxt in successors:
                node = nodes.get(nxt)
                if node is None or node.kind in (DECISION, ENDING):
                    continue
                state = colour.get(nxt, 0)
                if state == 1:
                    problems.append(Problem(
                        scenario.path, node.line, 1, "endless-loop",
                        f"node '{nxt}' leads back to itself without a decision in between, "
                        "so play would never stop"))
                elif state == 0:
                    colour[nxt] = 1
                    stack.append((nxt, iter(node.successors())))
                    break
            else:
                colour[nid] = 2
                stack.pop()
