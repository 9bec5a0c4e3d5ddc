"""The best-scoring way to a node, and the values it leaves."""

import pytest

from alongside.engine.begin import UnknownNode
from alongside.engine.load import load_file, load_text
from alongside.paths import DIALOGUES
from alongside.scoring.attempt import best_choices
from alongside.scoring.route import Unreachable, best_path_to
from tests.engine.scenarios import TWO_DECISIONS


def _two(text=TWO_DECISIONS):
    result = load_text(text, "two.yaml", stem="two")
    assert result.scenario is not None, result.problems
    return result.scenario


def test_the_best_way_is_the_one_that_falls_least_short_of_the_best_answers():
    two = _two()
    # c reaches the gate in one decision but is the worst answer at d1; b then x lose least.
    route = best_path_to(two, "gate")
    assert route.choices == ("b", "x")
    assert route.decisions == (("d1", "b"), ("d2", "x"))
    assert route.variables == {"trust": 3, "hope": 1}


def test_a_node_only_one_answer_leads_to_is_reached_through_it():
    route = best_path_to(_two(), "strong")
    # trust reaches 5 only through a (trust +3), whatever the shortfall.
    assert route.choices == ("a", "x")
    assert route.variables == {"trust": 5, "hope": 0}


def test_the_start_is_reached_with_no_choices():
    route = best_path_to(_two(), "intro")
    assert route.choices == () and route.variables == {"trust": 4, "hope": 1}


def test_a_critical_choice_is_taken_only_when_no_other_way_exists():
    route = best_path_to(_two(), "mixed")
    assert all(choice != "y" for choice in route.choices)


def test_a_node_no_play_through_reaches_is_named():
    never = _two(TWO_DECISIONS.replace("trust >= 5", "trust >= 6"))
    with pytest.raises(Unreachable, match="from its start 'intro' reaches node 'strong'"):
        best_path_to(never, "strong")
    with pytest.raises(UnknownNode, match="no node 'nowhere'"):
        best_path_to(never, "nowhere")


def test_along_best_answers_in_a_library_scenario_the_route_takes_best_choices():
    scenario = load_file(DIALOGUES / "not-believed.yaml").scenario
    assert scenario is not None
    route = best_path_to(scenario, "d-after")
    assert len(route.choices) >= 5
    assert all(choice in best_choices(scenario.nodes[node]) for node, choice in route.decisions)
