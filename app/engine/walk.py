"""Following the nodes that move on by themselves: the one definition of where they lead.

Speech and narration nodes lead to their `next`; a branch leads to the first
entry whose condition holds (the last entry has none). Play, the scoring
analysis, progress estimates and, later, the presenter's "what comes next"
and the author's map all follow nodes with these functions, so they can
never disagree. Nothing here recurses over the length of a scenario.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from alongside.engine.model import BRANCH, DECISION, ENDING, Choice, Node, Scenario


class EndlessLoop(RuntimeError):
    """Nodes that lead back to themselves with no decision between (the validator's
    `endless-loop` keeps such a scenario from loading)."""

    def __init__(self, scenario: Scenario, node_id: str) -> None:
        super().__init__(f"scenario '{scenario.id}' loops from node '{node_id}' without a "
                         "decision")


def stops(node: Node) -> bool:
    """Whether play waits at `node` (a decision for the trainee, or an ending)."""
    return node.kind in (DECISION, ENDING)


def next_of(node: Node, variables: Mapping[str, int]) -> str:
    """Where a speech or branch node leads with these variable values."""
    if node.kind == BRANCH:
        return next(rule.next for rule in node.branch
                    if rule.condition is None or rule.condition(variables))
    if node.next is None:
        raise ValueError(f"node '{node.id}' has no next")
    return node.next


def follow(scenario: Scenario, node_id: str, variables: Mapping[str, int]) -> list[str]:
    """The nodes entered from `node_id` (itself first) to the next decision or ending."""
    entered = [node_id]
    node = scenario.nodes[node_id]
    while not stops(node):
        if len(entered) > len(scenario.nodes):
            raise EndlessLoop(scenario, node_id)
        node = scenario.nodes[next_of(node, variables)]
        entered.append(node.id)
    return entered


def settle(scenario: Scenario, node_id: str, variables: Mapping[str, int]) -> str:
    """The decision or ending that play reaches from `node_id`."""
    return follow(scenario, node_id, variables)[-1]


def decisions_ahead(scenario: Scenario, pick: Callable[[Node], Choice]) -> dict[str, int]:
    """Decisions left from each node if `pick` chose at every decision.

    A branch counts its longest way on (conditions are not known in advance),
    and a way that comes back to a node already on the way counts nothing
    more. Worked out with an explicit stack, so a scenario of any length is
    safe; each node is finished once.
    """
    ahead: dict[str, int] = {}
    for root in scenario.nodes:
        if root in ahead:
            continue
        on_way: set[str] = {root}
        stack: list[tuple[str, list[str]]] = [(root, _onward(scenario.nodes[root], pick))]
        while stack:
            node_id, pending = stack[-1]
            while pending and (pending[-1] in ahead or pending[-1] in on_way):
                pending.pop()
            if pending:
                nxt = pending.pop()
                on_way.add(nxt)
                stack.append((nxt, _onward(scenario.nodes[nxt], pick)))
                continue
            stack.pop()
            on_way.discard(node_id)
            node = scenario.nodes[node_id]
            below = [ahead.get(n, 0) for n in _onward(node, pick)]
            ahead[node_id] = (node.kind == DECISION) + max(below, default=0)
    return ahead


def _onward(node: Node, pick: Callable[[Node], Choice]) -> list[str]:
    if node.kind == DECISION:
        return [pick(node).next]
    return list(node.successors())
