"""Attempt scores exactly as DESIGN.md defines them.

For each dimension, each decision taken contributes the quality of the chosen
answer relative to the node's best and worst available answers; the attempt's
score is the mean of those qualities. Nodes where every choice scores the same
on a dimension say nothing about it and are skipped, so a short path and a
long path are judged on the same footing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from alongside.engine.model import Choice, Node, Scenario
from alongside.engine.vocabulary import DIMENSIONS
from alongside.engine.walk import decisions_ahead
from alongside.scoring.bands import band_of, passes


@dataclass(frozen=True, slots=True)
class Critical:
    node: str
    choice: str
    reason: str


@dataclass(frozen=True, slots=True)
class AttemptScore:
    """Scores per dimension (None where never assessed), bands, criticals, pass."""

    scores: Mapping[str, float | None]
    bands: Mapping[str, str | None]
    critical: tuple[Critical, ...]
    ended: bool
    passed: bool


def quality(node: Node, choice_id: str, dimension: str) -> float | None:
    """How close `choice_id` came to the node's best answer on `dimension`, 0..1.

    None when the node does not assess the dimension (unscored, or every
    choice scores the same).
    """
    marks = [c.scores[dimension] for c in node.choices if dimension in c.scores]
    chosen = node.choice(choice_id)
    if not marks or chosen is None or dimension not in chosen.scores:
        return None
    low, high = min(marks), max(marks)
    if low == high:
        return None
    return (chosen.scores[dimension] - low) / (high - low)


def _exact_quality(node: Node, choice_id: str, dimension: str) -> Fraction | None:
    """`quality` as an exact fraction, so that equal means compare equal."""
    marks = [c.scores[dimension] for c in node.choices if dimension in c.scores]
    chosen = node.choice(choice_id)
    if not marks or chosen is None or dimension not in chosen.scores:
        return None
    low, high = min(marks), max(marks)
    if low == high:
        return None
    return Fraction(chosen.scores[dimension] - low, high - low)


def best_choices(node: Node) -> tuple[str, ...]:
    """The choice(s) with the highest mean quality over the dimensions this node assesses.

    Ties are real: two answers can be equally good in different ways, and every
    one of them is returned, in the node's order. Means are compared exactly
    (as fractions), so (1, 1, 1/3) ties with (1/3, 1, 1) whatever the float
    rounding of their sums. A node that assesses nothing has no best answer.
    """
    means = {choice.id: mean_quality(node, choice.id) for choice in node.choices}
    if not node.choices or means[node.choices[0].id] is None:
        return ()
    top = max(m for m in means.values() if m is not None)
    return tuple(cid for cid, mean in means.items() if mean == top)


def mean_quality(node: Node, choice_id: str) -> Fraction | None:
    """The exact mean quality of `choice_id` over the dimensions `node` assesses (what
    `best_choices` compares); None where the node assesses nothing."""
    assessed = [d for d in DIMENSIONS if any(quality(node, c.id, d) is not None
                                              for c in node.choices)]
    if not assessed:
        return None
    values = [_exact_quality(node, choice_id, d) for d in assessed]
    return sum((v for v in values if v is not None), Fraction(0)) / len(assessed)


def best_choice(node: Node) -> Choice:
    """The first best choice of a decision (the first choice where none is best)."""
    best = best_choices(node)
    found = node.choice(best[0]) if best else None
    return found or node.choices[0]


def decisions_to_end(scenario: Scenario) -> dict[str, int]:
    """Decisions left from each node along the best choices: "decision 3 of about 8"."""
    return decisions_ahead(scenario, best_choice)


def length(scenario: Scenario) -> int:
    """How many decisions the scenario has: those along the best choices from its start.

    The one count the library's "about 8 decisions" and the play page's "decision
    1 of about 8" both show; a branch may take more or fewer, hence "about".
    """
    return decisions_to_end(scenario).get(scenario.start, 0)


def score_attempt(
    scenario: Scenario, decisions: Sequence[tuple[str, str]], ended: bool
) -> AttemptScore:
    """Score the (node, choice) pairs taken; an unfinished attempt never passes."""
    totals: dict[str, list[float]] = {d: [] for d in DIMENSIONS}
    critical: list[Critical] = []
    for node_id, choice_id in decisions:
        node = scenario.nodes[node_id]
        for dimension in DIMENSIONS:
            value = quality(node, choice_id, dimension)
            if value is not None:
                totals[dimension].append(value)
        choice = node.choice(choice_id)
        if choice is not None and choice.critical:
            critical.append(Critical(node_id, choice_id, choice.critical))
    scores = {d: round(sum(v) / len(v), 3) if v else None for d, v in totals.items()}
    bands = {d: band_of(s) if s is not None else None for d, s in scores.items()}
    return AttemptScore(scores, bands, tuple(critical), ended,
                        ended and passes(scores, len(critical)))
