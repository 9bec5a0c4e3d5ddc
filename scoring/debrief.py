"""The debrief: what a trainee should leave every attempt knowing.

For each decision taken: the choice, why it helps or harms, each dimension's
mark in words, and the best available answer(s) at that point with their
feedback. Then per dimension the score, band, what it means and what to
practise next; the critical errors; the ending; and the replies written in the
trainee's own words with the language checker's findings. Works for finished
and unfinished attempts alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from alongside.engine.model import Node, Scenario
from alongside.engine.session import Reply
from alongside.engine.vocabulary import DIMENSIONS
from alongside.scoring.attempt import AttemptScore, quality, score_attempt
from alongside.scoring.rubric import DIMENSIONS as RUBRIC
from alongside.scoring.rubric import mark_in_words, practise_next


@dataclass(frozen=True, slots=True)
class Option:
    choice: str
    text: str
    feedback: str


@dataclass(frozen=True, slots=True)
class DecisionReview:
    node: str
    prompt: str
    chosen: Option
    marks: dict[str, str]
    was_best: bool
    best: tuple[Option, ...]
    critical: str | None


@dataclass(frozen=True, slots=True)
class DimensionReview:
    dimension: str
    name: str
    score: float | None
    band: str | None
    description: str
    practise_next: str | None


@dataclass(frozen=True, slots=True)
class Debrief:
    scenario: str
    ended: bool
    ending: str | None
    ending_kind: str | None
    ending_text: str
    debrief_text: str
    passed: bool
    verdict: str
    decisions: tuple[DecisionReview, ...]
    dimensions: tuple[DimensionReview, ...]
    critical: tuple[dict, ...]
    own_words: tuple[dict, ...]

    def as_json(self) -> dict:
        return {
            "ended": self.ended,
            "ending": self.ending,
            "ending_kind": self.ending_kind,
            "ending_text": self.ending_text,
            "debrief_text": self.debrief_text,
            "passed": self.passed,
            "verdict": self.verdict,
            "decisions": [
                {
                    "node": d.node,
                    "prompt": d.prompt,
                    "choice": d.chosen.choice,
                    "text": d.chosen.text,
                    "feedback": d.chosen.feedback,
                    "marks": d.marks,
                    "was_best": d.was_best,
                    "best": [{"choice": b.choice, "text": b.text, "feedback": b.feedback}
                             for b in d.best],
                    "critical": d.critical,
                }
                for d in self.decisions
            ],
            "dimensions": {
                r.dimension: {"name": r.name, "score": r.score, "band": r.band,
                              "description": r.description, "practise_next": r.practise_next}
                for r in self.dimensions
            },
            "critical": list(self.critical),
            "own_words": list(self.own_words),
        }


def best_choices(node: Node) -> tuple[str, ...]:
    """The choice(s) with the highest mean quality over the dimensions this node assesses.

    A node that assesses nothing has no best answer.
    """
    assessed = [d for d in DIMENSIONS if any(quality(node, c.id, d) is not None
                                              for c in node.choices)]
    if not assessed:
        return ()
    means = {}
    for choice in node.choices:
        values = [quality(node, choice.id, d) for d in assessed]
        means[choice.id] = sum(v for v in values if v is not None) / len(assessed)
    top = max(means.values())
    return tuple(cid for cid, mean in means.items() if mean == top)


def _option(node: Node, choice_id: str) -> Option:
    choice = node.choice(choice_id)
    return Option(choice_id, choice.text, choice.feedback)


def _verdict(outcome: AttemptScore) -> str:
    if not outcome.ended:
        return "Not finished yet: the attempt has not reached an ending."
    if outcome.passed:
        return ("Passed: every assessed skill is at least competent and no critical line "
                "was crossed.")
    reasons = []
    if outcome.critical:
        reasons.append("a critical line was crossed")
    low = [RUBRIC[d].name.lower() for d, s in outcome.scores.items() if s is not None and s < 0.7]
    if low:
        reasons.append(f"{' and '.join(low)} below competent (0.70)")
    return "Not yet: " + "; ".join(reasons) + "."


def build_debrief(scenario: Scenario, decisions: Sequence[tuple[str, str]], ended: bool,
                  ending: str | None, replies: Sequence[Reply] = ()) -> Debrief:
    """Assemble the debrief of an attempt from the (node, choice) pairs it took."""
    outcome = score_attempt(scenario, decisions, ended)
    reviews = []
    for node_id, choice_id in decisions:
        node = scenario.nodes[node_id]
        choice = node.choice(choice_id)
        best = best_choices(node)
        marks = {d: f"{mark_in_words(choice.scores[d])} ({choice.scores[d]:+d})"
                 for d in DIMENSIONS if quality(node, choice_id, d) is not None}
        reviews.append(DecisionReview(
            node=node_id, prompt=node.text, chosen=_option(node, choice_id), marks=marks,
            was_best=choice_id in best, best=tuple(_option(node, b) for b in best),
            critical=choice.critical))
    dimensions = tuple(
        DimensionReview(
            dimension=d, name=RUBRIC[d].name, score=outcome.scores[d], band=outcome.bands[d],
            description=RUBRIC[d].description,
            practise_next=practise_next(d, outcome.bands[d]) if outcome.bands[d] else None)
        for d in DIMENSIONS)
    end_node = scenario.nodes[ending] if ending else None
    own_words = tuple(
        {"node": r.node, "text": r.text, "findings": [f.as_json() for f in r.findings]}
        for r in replies)
    return Debrief(
        scenario=scenario.id, ended=ended, ending=ending,
        ending_kind=end_node.ending if end_node else None,
        ending_text=end_node.text if end_node else "",
        debrief_text=end_node.debrief if end_node else "",
        passed=outcome.passed, verdict=_verdict(outcome), decisions=tuple(reviews),
        dimensions=dimensions,
        critical=tuple({"node": c.node, "choice": c.choice, "reason": c.reason}
                       for c in outcome.critical),
        own_words=own_words)
