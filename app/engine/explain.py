"""Why a branch goes where it goes: each condition weighed with the values at hand.

An author setting variables before a trial wants to see, for a branch node,
which entries hold and which fail, with the value each variable has; the
entry taken is the one `alongside.engine.walk.next_of` takes (the first that
holds), so the explanation and play can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from alongside.engine.model import BRANCH, Node
from alongside.engine.walk import next_of


@dataclass(frozen=True, slots=True)
class Weighed:
    """One branch entry: its condition (None for the default), whether it holds,
    the variables it reads with their values, and where it leads."""

    condition: str | None
    holds: bool
    values: tuple[tuple[str, int], ...]
    next: str
    line: int


@dataclass(frozen=True, slots=True)
class BranchExplanation:
    node: str
    entries: tuple[Weighed, ...]
    taken: str

    @property
    def taken_index(self) -> int:
        """The position of the entry play takes (the first that holds)."""
        return next(i for i, e in enumerate(self.entries) if e.holds)


def explain_branch(node: Node, variables: Mapping[str, int]) -> BranchExplanation:
    """Each entry of branch `node` in the order the engine tries them, weighed."""
    if node.kind != BRANCH:
        raise ValueError(f"node '{node.id}' is a {node.kind} node, not a branch")
    entries = []
    for rule in node.branch:
        if rule.condition is None:
            entries.append(Weighed(None, True, (), rule.next, rule.line))
            continue
        names = sorted(rule.condition.names)
        values = tuple((n, variables[n]) for n in names)
        entries.append(Weighed(rule.condition.source, rule.condition(variables), values,
                               rule.next, rule.line))
    return BranchExplanation(node.id, tuple(entries), next_of(node, variables))
