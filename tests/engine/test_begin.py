"""A session begun at any node with chosen values, and a branch explained."""

import pytest

from alongside.engine.begin import BadValue, UnknownNode, UnknownVariable, parse_setting
from alongside.engine.events import StepShown
from alongside.engine.explain import explain_branch
from alongside.engine.load import load_text
from alongside.engine.session import PlaySession
from alongside.scoring.attempt import score_attempt
from tests.engine.scenarios import TWO_DECISIONS


@pytest.fixture
def two():
    result = load_text(TWO_DECISIONS, "two.yaml", stem="two")
    assert result.scenario is not None
    return result.scenario


def test_a_session_begun_at_a_decision_shows_and_scores_only_what_is_played(two):
    shown = []
    session = PlaySession(two, at="d2", variables={"trust": 5},
                          listener=lambda e: shown.append(e) if isinstance(e, StepShown) else 0)
    session.start()
    assert [e.node for e in shown] == ["d2"]
    assert session.variables == {"trust": 5, "hope": 1}
    session.choose("x")
    assert session.path == ["d2", "gate", "strong"] and session.ending == "strong"
    outcome = score_attempt(two, session.decisions, session.ended)
    assert session.decisions == [("d2", "x")]
    assert outcome.scores == {"language": None, "decision": 1.0, "role": 1.0}
    assert outcome.passed


def test_a_session_begun_at_a_branch_goes_where_its_values_send_it(two):
    session = PlaySession(two, at="gate", variables={"trust": 2}).start()
    assert session.ending == "harmful"
    assert session.path == ["gate", "harmful"]


def test_an_unknown_node_is_refused_with_the_nearest_ids(two):
    with pytest.raises(UnknownNode, match=r"no node 'd3' \(did you mean 'd2', 'd1'\?\)"):
        PlaySession(two, at="d3")


def test_values_must_be_declared_whole_numbers_in_range(two):
    with pytest.raises(UnknownVariable, match="no variable 'trusts'.*declared: trust, hope"):
        PlaySession(two, variables={"trusts": 1})
    with pytest.raises(BadValue, match="'hope' takes a whole number from 0 to 3, not 4"):
        PlaySession(two, variables={"hope": 4})
    with pytest.raises(BadValue, match="not True"):
        PlaySession(two, variables={"hope": True})
    assert parse_setting(two, " trust = 2 ") == ("trust", 2)
    with pytest.raises(BadValue, match="'trust' takes a whole number from 0 to 5, not 'high'"):
        parse_setting(two, "trust=high")
    with pytest.raises(ValueError, match="is not VAR=VALUE"):
        parse_setting(two, "trust")


def test_explain_branch_weighs_each_entry_in_order(two):
    gate = two.nodes["gate"]
    told = explain_branch(gate, {"trust": 2, "hope": 1})
    assert [(e.condition, e.holds, e.values, e.next) for e in told.entries] == [
        ("trust >= 5", False, (("trust", 2),), "strong"),
        ("hope == 0 or trust < 3", True, (("hope", 1), ("trust", 2)), "harmful"),
        (None, True, (), "mixed"),
    ]
    assert told.taken == "harmful" and told.taken_index == 1
    assert explain_branch(gate, {"trust": 5, "hope": 0}).taken == "strong"
    assert explain_branch(gate, {"trust": 4, "hope": 2}).taken_index == 2
    with pytest.raises(ValueError, match="'d1' is a decision node, not a branch"):
        explain_branch(two.nodes["d1"], {})
