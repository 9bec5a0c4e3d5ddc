import pytest

from alongside.engine.events import AttemptEnded, ChoiceScored, StepShown
from alongside.engine.load import load_text
from alongside.engine.session import ChoiceNotOffered, PlaySession, build_machine
from tests.engine.scenarios import TWO_DECISIONS


@pytest.fixture
def scenario():
    result = load_text(TWO_DECISIONS, "two.yaml", stem="two")
    assert result.ok, result.problems
    return result.scenario


def test_speech_nodes_advance_to_the_first_decision(scenario):
    session = PlaySession(scenario).start()
    assert session.state == "d1"
    assert session.path == ["intro", "d1"]
    assert [c.id for c in session.offered()] == ["a", "b", "c"]


def test_effects_are_clamped_and_branches_taken_in_order(scenario):
    session = PlaySession(scenario).start().replay(["a", "x"])
    assert session.variables == {"trust": 5, "hope": 0}
    # trust >= 5 is listed first, so it wins although hope == 0 also holds.
    assert session.path == ["intro", "d1", "d2", "gate", "strong"]
    assert session.ended and session.ending == "strong"
    assert session.offered() == ()


def test_second_branch_entry_and_default(scenario):
    middle = PlaySession(scenario).start().replay(["b", "x"])
    assert middle.variables["trust"] == 3 and middle.ending == "mixed"
    skipped = PlaySession(scenario).start().replay(["c"])
    assert skipped.path == ["intro", "d1", "gate", "mixed"]


def test_choice_not_offered_names_node_and_offers(scenario):
    session = PlaySession(scenario).start()
    expected = r"'x' is not offered at node 'd1' \(offered: a, b, c\)"
    with pytest.raises(ChoiceNotOffered, match=expected):
        session.choose("x")
    session.replay(["c"])
    with pytest.raises(ChoiceNotOffered, match="the scenario has ended"):
        session.choose("a")


def test_events_arrive_in_order(scenario):
    events = []
    PlaySession(scenario, listener=events.append).start().replay(["b", "y"])
    kinds = [type(e).__name__ for e in events]
    assert kinds == ["StepShown", "StepShown", "ChoiceScored", "StepShown", "ChoiceScored",
                     "StepShown", "StepShown", "AttemptEnded"]
    first = events[0]
    assert isinstance(first, StepShown) and first.kind == "speech" and first.speaker is None
    scored = events[4]
    assert isinstance(scored, ChoiceScored)
    assert (scored.node, scored.choice, scored.critical) == ("d2", "y", "Promised absolute secrecy")
    assert scored.sequence == 2
    assert isinstance(events[-1], AttemptEnded) and events[-1].ending == "mixed"


def test_sessions_share_one_machine_independently(scenario):
    machine = build_machine(scenario)
    first = PlaySession(scenario, machine).start()
    second = PlaySession(scenario, machine).start()
    first.replay(["a", "x"])
    assert second.state == "d1" and second.variables == {"trust": 4, "hope": 1}
    second.choose("c")
    assert first.ending == "strong" and second.ending == "mixed"
    first.close()
    second.close()
    assert machine.models == []


def test_machine_has_no_auto_transitions(scenario):
    machine = build_machine(scenario)
    assert not machine.auto_transitions
    assert set(machine.events) == {"take"}


def test_back_restores_node_and_variables_and_keeps_the_walk_deterministic(scenario):
    events = []
    session = PlaySession(scenario, listener=events.append).start()
    session.replay(["a"])
    assert session.state == "d2" and session.variables == {"trust": 5, "hope": 0}
    assert session.back() == "d1"
    assert session.state == "d1" and session.variables == {"trust": 4, "hope": 1}
    assert session.decisions == []
    assert [type(e).__name__ for e in events][-2:] == ["WentBack", "StepShown"]
    session.replay(["b", "x"])
    fresh = PlaySession(scenario).start().replay(["b", "x"])
    assert (session.variables, session.ending) == (fresh.variables, fresh.ending)


@pytest.mark.parametrize("mode", ["assessment"])
def test_the_policy_refuses_going_back_where_choices_stand(scenario, mode):
    from alongside.engine.policy import policy_for
    from alongside.engine.session import BackNotAllowed

    session = PlaySession(scenario, policy=policy_for(mode)).start().replay(["a"])
    with pytest.raises(BackNotAllowed, match="not allowed in assessment mode"):
        session.back()
    assert session.state == "d2" and session.decisions == [("d1", "a")]


def test_practice_and_group_play_may_go_back(scenario):
    from alongside.engine.policy import GROUP, PRACTICE

    for policy in (PRACTICE, GROUP):
        session = PlaySession(scenario, policy=policy).start().replay(["a"])
        assert session.back() == "d1"


def test_back_before_any_decision_is_refused(scenario):
    from alongside.engine.session import NothingToTakeBack

    with pytest.raises(NothingToTakeBack):
        PlaySession(scenario).start().back()


def test_a_failing_listener_leaves_the_session_unchanged(scenario):
    def refuse(event):
        if type(event).__name__ == "ChoiceScored":
            raise OSError("disk full")

    session = PlaySession(scenario).start()
    session.listeners.append(refuse)
    with pytest.raises(OSError):
        session.choose("a")
    assert session.state == "d1" and session.decisions == []
    assert session.variables == {"trust": 4, "hope": 1}
