"""The debrief: what a trainee should leave every attempt knowing, as typed values.

For each decision taken: the choice, why it helps or harms, each dimension's
mark in words, the best available answer(s) at that point with their
feedback, and the node's discussion prompt to reflect on. Then per dimension
the score, band, what it means and what to practise next; the critical
errors; the ending; and the replies written in the trainee's own words with
the language checker's flags. Works for finished and unfinished attempts.
`alongside.scoring.document` lays it out for every screen and report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from alongside.engine.model import Node, Scenario
from alongside.engine.session import Reply
from alongside.engine.vocabulary import DIMENSIONS
from alongside.i18n import _
from alongside.scoring.attempt import AttemptScore, Critical, best_choices, quality, score_attempt
from alongside.scoring.bands import PASS_FLOOR
from alongside.scoring.language import Flag
from alongside.scoring.rubric import DIMENSIONS as RUBRIC
from alongside.scoring.rubric import mark_in_words, practise_next


@dataclass(frozen=True, slots=True)
class Option:
    choice: str
    text: str
    feedback: str


@dataclass(frozen=True, slots=True)
class Mark:
    """A choice's raw mark on one dimension (-2..+2) and what it means in words."""

    dimension: str
    name: str
    mark: int
    words: str


@dataclass(frozen=True, slots=True)
class DecisionReview:
    node: str
    prompt: str
    discussion: str
    chosen: Option
    marks: tuple[Mark, ...]
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
class OwnWords:
    """A reply in the trainee's own words and what the language checker flagged in it."""

    node: str
    text: str
    flags: tuple[Flag, ...]


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
    critical: tuple[Critical, ...]
    own_words: tuple[OwnWords, ...]


def _option(node: Node, choice_id: str) -> Option:
    choice = node.choice(choice_id)
    if choice is None:
        raise KeyError(f"node '{node.id}' has no choice '{choice_id}'")
    return Option(choice_id, choice.text, choice.feedback)


def _verdict(outcome: AttemptScore) -> str:
    if not outcome.ended:
        return _("Not finished yet: the attempt has not reached an ending.")
    if outcome.passed:
        return _("Passed: every assessed skill is at least competent and no critical line "
                 "was crossed.")
    reasons = []
    if outcome.critical:
        reasons.append(_("a critical line was crossed"))
    low = [RUBRIC[d].name.lower() for d, s in outcome.scores.items()
           if s is not None and s < PASS_FLOOR]
    if low:
        reasons.append(_("{skills} below competent ({floor:.2f})").format(
            skills=_(" and ").join(low), floor=PASS_FLOOR))
    return _("Not yet: {reasons}.").format(reasons="; ".join(reasons))


def review(node: Node, choice_id: str) -> DecisionReview:
    """One decision taken, as the debrief explains it."""
    choice = node.choice(choice_id)
    if choice is None:
        raise KeyError(f"node '{node.id}' has no choice '{choice_id}'")
    best = best_choices(node)
    marks = tuple(Mark(d, RUBRIC[d].name, choice.scores[d], mark_in_words(choice.scores[d]))
                  for d in DIMENSIONS if quality(node, choice_id, d) is not None)
    return DecisionReview(
        node=node.id, prompt=node.text, discussion=node.discussion,
        chosen=Option(choice.id, choice.text, choice.feedback), marks=marks,
        was_best=choice_id in best, best=tuple(_option(node, b) for b in best),
        critical=choice.critical)


def _dimensions(outcome: AttemptScore) -> tuple[DimensionReview, ...]:
    reviews = []
    for d in DIMENSIONS:
        band = outcome.bands[d]
        reviews.append(DimensionReview(
            dimension=d, name=RUBRIC[d].name, score=outcome.scores[d], band=band,
            description=RUBRIC[d].description,
            practise_next=practise_next(d, band) if band is not None else None))
    return tuple(reviews)


def build_debrief(scenario: Scenario, decisions: Sequence[tuple[str, str]], ended: bool,
                  ending: str | None, replies: Sequence[Reply] = ()) -> Debrief:
    """Assemble the debrief of an attempt from the (node, choice) pairs it took."""
    outcome = score_attempt(scenario, decisions, ended)
    end_node = scenario.nodes[ending] if ending else None
    own_words = tuple(OwnWords(r.node, r.text, tuple(f for f in r.findings if isinstance(f, Flag)))
                      for r in replies)
    return Debrief(
        scenario=scenario.id, ended=ended, ending=ending,
        ending_kind=end_node.ending if end_node else None,
        ending_text=end_node.text if end_node else "",
        debrief_text=end_node.debrief if end_node else "",
        passed=outcome.passed, verdict=_verdict(outcome),
        decisions=tuple(review(scenario.nodes[n], c) for n, c in decisions),
        dimensions=_dimensions(outcome), critical=outcome.critical, own_words=own_words)
