"""The way from a scenario's start to any node: what playing from that node stands on.

An author who starts a play-through deep in a scenario needs the variables as
they would be on arriving there. Those depend on the choices on the way, so
the route is searched over play states (the node play waits at, and the
variables), each branch followed as its conditions decide (`walk.follow`), with
the cheapest route found first (Dijkstra's search). What a choice costs is the
caller's: the engine cannot know which answers are good, scoring does
(`alongside.scoring.route.best_path_to` passes the cost of falling short of
the best answer), as `walk.decisions_ahead` takes the scoring's pick.
"""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import count
from types import MappingProxyType

from alongside.engine.model import Choice, Node, Scenario
from alongside.engine.walk import follow

STATE_BUDGET = 200_000  # play states explored before the search gives up, as the analysis does
Cost = Callable[[Node, Choice], tuple]


class UnknownNode(LookupError):
    """A node id the scenario does not have; the nearest ids are suggested."""

    def __init__(self, scenario: Scenario, node_id: str) -> None:
        near = difflib.get_close_matches(node_id, list(scenario.nodes), n=3)
        hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""
        super().__init__(f"scenario '{scenario.id}' has no node '{node_id}'{hint}")
        self.node = node_id
        self.near = tuple(near)


class Unreachable(LookupError):
    """A node no play-through from the start arrives at (or none found within the budget)."""

    def __init__(self, scenario: Scenario, node_id: str, complete: bool) -> None:
        why = ("no play-through from the start reaches it" if complete else
               f"no play-through reaching it was found among the first {STATE_BUDGET:,} "
               "states of play")
        super().__init__(f"node '{node_id}' cannot be reached from '{scenario.start}': {why}")
        self.node = node_id
        self.complete = complete


@dataclass(frozen=True, slots=True)
class Route:
    """The decisions (node, choice) taken from the start to `node`, and the variables on
    arrival there."""

    node: str
    decisions: tuple[tuple[str, str], ...]
    variables: Mapping[str, int]

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(choice for _node, choice in self.decisions)


def route_to(scenario: Scenario, node_id: str, cost: Cost,
             budget: int = STATE_BUDGET) -> Route:
    """The cheapest route from the start to `node_id`, costs summed term by term and
    compared as tuples; among equal costs the one with fewer decisions, then the one
    earlier in the scenario's order of choices."""
    if node_id not in scenario.nodes:
        raise UnknownNode(scenario, node_id)
    names = tuple(scenario.variables)
    start_values = {n: v.start for n, v in scenario.variables.items()}
    entered = follow(scenario, scenario.start, start_values)
    if node_id in entered:
        return Route(node_id, (), MappingProxyType(start_values))
    first = (entered[-1], tuple(start_values.values()))
    trail: dict[tuple, tuple[tuple, tuple[str, str]] | None] = {first: None}
    order = count()
    zero = ()
    heap: list = [(zero, 0, next(order), first, False)]
    done: set[tuple] = set()
    while heap:
        spent, steps, _, state, arrived = heapq.heappop(heap)
        if arrived:
            return _route(node_id, state, trail, names)
        if state in done:
            continue
        done.add(state)
        node = scenario.nodes[state[0]]
        for choice in node.choices:
            values = dict(zip(names, state[1], strict=True))
            for name, delta in choice.effects.items():
                values[name] = scenario.variables[name].clamp(values[name] + delta)
            walked = follow(scenario, choice.next, values)
            reached = node_id in walked
            after = ("", tuple(values.values())) if reached else (walked[-1],
                                                                  tuple(values.values()))
            key = (reached, after)
            if key in trail or after in done:
                continue
            if len(trail) >= budget:
                raise Unreachable(scenario, node_id, complete=False)
            trail[key] = (state, (node.id, choice.id))
            total = _add(spent, cost(node, choice))
            heapq.heappush(heap, (total, steps + 1, next(order), key, reached))
    raise Unreachable(scenario, node_id, complete=True)


def _add(spent: tuple, more: tuple) -> tuple:
    if not spent:
        return tuple(more)
    return tuple(a + b for a, b in zip(spent, more, strict=True))


def _route(node_id: str, key: tuple, trail: Mapping, names: tuple[str, ...]) -> Route:
    values = dict(zip(names, key[1][1], strict=True))
    taken: list[tuple[str, str]] = []
    link = trail[key]
    while link is not None:
        state, decision = link
        taken.append(decision)
        link = trail[state] if state in trail else trail[(False, state)]
    return Route(node_id, tuple(reversed(taken)), MappingProxyType(values))
