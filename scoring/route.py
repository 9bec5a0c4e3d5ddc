"""The best way to a node: the choices an author's trial assumes were made before it.

"Play from here" sets the variables as they would stand had the trainee
answered as well as the scenario allows on the way to the node. "Best" is
judged as the debrief judges it (`attempt.mean_quality`, the measure behind
`best_choices`), so this lives in scoring: the engine may not import it.

The search is a shortest-path search (Dijkstra) over (node, variables)
states, because a branch on the way goes where its conditions send it with
the values at that moment, and the same node may be met with different
values. A route costs, in order: the critical choices it takes, then what its
choices fall short of each node's best answer, then how many decisions it
takes; a route that only takes best answers costs nothing but its length.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction

from alongside.engine.begin import checked_node
from alongside.engine.model import DECISION, ENDING, Scenario
from alongside.engine.walk import next_of
from alongside.scoring.attempt import mean_quality

MAX_STATES = 200_000  # (node, variables) pairs weighed before giving up

State = tuple[str, tuple[int, ...]]
Cost = tuple[int, Fraction, int]


class Unreachable(ValueError):
    """No play-through from the start arrives at the node."""

    def __init__(self, scenario: Scenario, node_id: str, why: str = "") -> None:
        super().__init__(why or f"no play-through of '{scenario.id}' from its start "
                         f"'{scenario.start}' reaches node '{node_id}'")
        self.node = node_id


@dataclass(frozen=True, slots=True)
class Route:
    """The decisions taken on the way to `node` and the variables on arrival."""

    node: str
    decisions: tuple[tuple[str, str], ...]
    variables: Mapping[str, int]

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(choice for _, choice in self.decisions)


def best_path_to(scenario: Scenario, node_id: str) -> Route:
    """The best-scoring route from the start to `node_id`; UnknownNode or Unreachable."""
    checked_node(scenario, node_id)
    names = tuple(scenario.variables)
    first: State = (scenario.start, tuple(scenario.variables[n].start for n in names))
    came: dict[State, tuple[State, str, str] | None] = {first: None}
    best: dict[State, Cost] = {first: (0, Fraction(0), 0)}
    queue: list[tuple[Cost, int, State]] = [((0, Fraction(0), 0), 0, first)]
    order = 0
    while queue:
        cost, _, state = heapq.heappop(queue)
        if cost != best[state]:
            continue
        if state[0] == node_id:
            return Route(node_id, _decisions(came, state), dict(zip(names, state[1],
                                                                   strict=True)))
        for step, nxt in _steps(scenario, names, state, cost):
            if nxt[0] not in best or nxt[1] < best[nxt[0]]:
                if len(best) >= MAX_STATES:
                    raise Unreachable(scenario, node_id, f"node '{node_id}' could not be "
                                      f"reached within {MAX_STATES} steps of the search")
                best[nxt[0]] = nxt[1]
                came[nxt[0]] = (state, *step) if step else (state, "", "")
                order += 1
                heapq.heappush(queue, (nxt[1], order, nxt[0]))
    raise Unreachable(scenario, node_id)


def _steps(scenario: Scenario, names: tuple[str, ...], state: State,
           cost: Cost) -> Iterator[tuple[tuple[str, str] | None, tuple[State, Cost]]]:
    """The states one move on from `state`, each with the (node, choice) taken (None for
    a node that moves on by itself) and the cost so far."""
    node = scenario.nodes[state[0]]
    values = dict(zip(names, state[1], strict=True))
    if node.kind == ENDING:
        return
    if node.kind != DECISION:
        yield None, ((next_of(node, values), state[1]), cost)
        return
    for choice in node.choices:
        after = dict(values)
        for name, delta in choice.effects.items():
            after[name] = scenario.variables[name].clamp(after[name] + delta)
        quality = mean_quality(node, choice.id)
        shortfall = 1 - quality if quality is not None else Fraction(0)
        added = (cost[0] + bool(choice.critical), cost[1] + shortfall, cost[2] + 1)
        yield (node.id, choice.id), ((choice.next, tuple(after[n] for n in names)), added)


def _decisions(came: Mapping[State, tuple[State, str, str] | None],
               state: State) -> tuple[tuple[str, str], ...]:
    taken: list[tuple[str, str]] = []
    link = came[state]
    while link is not None:
        previous, node, choice = link
        if choice:
            taken.append((node, choice))
        link = came[previous]
    return tuple(reversed(taken))
