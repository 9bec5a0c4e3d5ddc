"""Following speech and branch nodes, and counting decisions ahead, at any length."""

from __future__ import annotations

import pytest

from alongside.engine.load import load_text
from alongside.engine.walk import decisions_ahead, follow, settle
from tests.engine.scenarios import TWO_DECISIONS


@pytest.fixture
def scenario():
    return load_text(TWO_DECISIONS, "two.yaml", stem="two").scenario


def first(node):
    return node.choices[0]


def test_follow_passes_speech_and_takes_the_first_branch_that_holds(scenario):
    assert follow(scenario, "intro", {"trust": 4, "hope": 1}) == ["intro", "d1"]
    assert settle(scenario, "gate", {"trust": 5, "hope": 0}) == "strong"
    assert settle(scenario, "gate", {"trust": 0, "hope": 3}) == "harmful"
    assert settle(scenario, "gate", {"trust": 4, "hope": 3}) == "mixed"


def test_decisions_ahead_counts_along_the_picked_choices(scenario):
    ahead = decisions_ahead(scenario, first)
    assert ahead["intro"] == ahead["d1"] == 2
    assert ahead["strong"] == 0


def long_speech_run(length: int) -> str:
    lines = ["format: 1", "id: long", "title: Long", "summary: A long run of speech.",
             "setting: community", "competencies: [role-clarity]", "difficulty: 1",
             "minutes: 5", "start: s0", "nodes:"]
    for i in range(length):
        lines += [f"  s{i}:", f"    text: Line {i}.", f"    next: s{i + 1}"]
    lines += [f"  s{length}:", "    text: Which way?", "    choices:",
              "      - {id: a, text: A, feedback: f, next: end, scores: {role: 1}}",
              "      - {id: b, text: B, feedback: f, next: end, scores: {role: 0}}",
              "  end:", "    ending: strong", "    text: Done."]
    return "\n".join(lines) + "\n"


def test_a_run_of_two_thousand_speech_nodes_needs_no_recursion():
    scenario = load_text(long_speech_run(2000), "long.yaml", stem="long").scenario
    assert scenario is not None
    assert decisions_ahead(scenario, first)["s0"] == 1
    assert len(follow(scenario, "s0", {})) == 2001


def test_a_ten_thousand_decision_chain_validates_and_has_its_passing_path():
    from alongside.engine.generate import chain_yaml
    from alongside.engine.yamltree import MAX_BYTES
    from alongside.scoring.analysis import analyse

    text = chain_yaml(10_000)
    assert len(text.encode()) < MAX_BYTES
    scenario = load_text(text, "chain.yaml", stem="chain").scenario
    assert scenario is not None
    found = analyse(scenario)
    assert found.passing_path is not None and len(found.passing_path) == 10_000
