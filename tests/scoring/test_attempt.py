import pytest

from alongside.engine.load import load_text
from alongside.scoring.attempt import best_choices, quality, score_attempt
from alongside.scoring.bands import band_of, passes
from tests.engine.scenarios import TWO_DECISIONS


@pytest.fixture
def scenario():
    return load_text(TWO_DECISIONS, "two.yaml", stem="two").scenario


def test_hand_computed_scores(scenario):
    # d1 language: b is 0 on -2..2 -> 0.5; decision: b is best -> 1.0; role is flat -> skipped.
    # d2 decision x -> 1.0; role x -> 1.0; language not scored at d2.
    outcome = score_attempt(scenario, [("d1", "b"), ("d2", "x")], ended=True)
    assert outcome.scores == {"language": 0.5, "decision": 1.0, "role": 1.0}
    assert outcome.bands == {"language": "developing", "decision": "proficient",
                             "role": "proficient"}
    assert outcome.critical == () and outcome.passed is False


def test_critical_choice_fails_whatever_the_totals(scenario):
    outcome = score_attempt(scenario, [("d1", "b"), ("d2", "y")], ended=True)
    assert outcome.scores == {"language": 0.5, "decision": 0.5, "role": 0.0}
    assert [(c.node, c.choice, c.reason) for c in outcome.critical] == [
        ("d2", "y", "Promised absolute secrecy")]
    assert outcome.passed is False


def test_dimension_never_assessed_is_none(scenario):
    # Only d1 taken, and d1 does not assess role (every choice scores 0).
    outcome = score_attempt(scenario, [("d1", "a")], ended=True)
    assert outcome.scores == {"language": 1.0, "decision": 0.0, "role": None}
    assert outcome.bands["role"] is None


def test_flat_dimension_has_no_quality(scenario):
    assert quality(scenario.nodes["d1"], "a", "role") is None
    assert quality(scenario.nodes["d2"], "x", "language") is None
    assert quality(scenario.nodes["d1"], "c", "decision") == 0.5


def test_unfinished_attempt_never_passes(scenario):
    outcome = score_attempt(scenario, [("d1", "b")], ended=False)
    assert outcome.scores["decision"] == 1.0 and outcome.passed is False


def test_mean_is_rounded_to_three_places(scenario):
    outcome = score_attempt(scenario, [("d1", "c"), ("d2", "x")], ended=True)
    assert outcome.scores["decision"] == 0.75


@pytest.mark.parametrize(
    ("score", "band"),
    [(0.0, "not-yet"), (0.499, "not-yet"), (0.5, "developing"), (0.699, "developing"),
     (0.7, "competent"), (0.849, "competent"), (0.85, "proficient"), (1.0, "proficient")],
)
def test_band_edges(score, band):
    assert band_of(score) == band


def test_pass_rule():
    assert passes({"language": 0.7, "decision": 0.9, "role": None}, 0)
    assert not passes({"language": 0.699, "decision": 0.9, "role": 1.0}, 0)
    assert not passes({"language": 1.0, "decision": 1.0, "role": 1.0}, 1)


TIED = """
format: 1
id: tied
title: Two good answers
summary: Two answers are equally good in different ways.
setting: community
competencies: [role-clarity]
difficulty: 1
minutes: 2
start: d
nodes:
  d:
    text: What now?
    choices:
      - id: reflects
        text: That sounds hard.
        scores: {language: 1, decision: 2, role: -1}
        feedback: Warm.
        next: end
      - id: asks
        text: What helped before?
        scores: {language: -1, decision: 2, role: 1}
        feedback: Open.
        next: end
      - id: tells
        text: Do this.
        scores: {language: -2, decision: -2, role: -2}
        feedback: Directive.
        next: end
      - id: middling
        text: Maybe this?
        scores: {language: 0, decision: 0, role: 0}
        feedback: Partly.
        next: end
  end:
    ending: strong
    text: Done.
"""


def test_ties_with_different_shapes_are_all_best():
    # reflects: (1, 1, 1/3); asks: (1/3, 1, 1). Equal means, which float sums in
    # different orders do not always compare equal; both are best, in order.
    node = load_text(TIED, "tied.yaml", stem="tied").scenario.nodes["d"]
    assert best_choices(node) == ("reflects", "asks")
