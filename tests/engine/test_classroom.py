"""The rhythm of a class's decision: votes, the clock, reveal, the room's choice, going back."""

from __future__ import annotations

import pytest

from alongside.engine.classroom import (
    DISCUSS,
    DISTRIBUTION,
    ENDED,
    FEEDBACK,
    LOCKED,
    TALK,
    VOTE,
    Classroom,
    ClassroomError,
)
from alongside.engine.load import load_text
from alongside.engine.policy import GROUP, PRACTICE
from alongside.engine.session import BadTally, PlaySession, VotesNotKept
from tests.engine.scenarios import TWO_DECISIONS


def _room(**options) -> Classroom:
    scenario = load_text(TWO_DECISIONS, "two.yaml", stem="two").scenario
    return Classroom(PlaySession(scenario, policy=GROUP).start(), **options)


def test_a_show_of_hands_opens_voting_and_the_most_votes_win():
    room = _room()
    assert room.phase == DISCUSS and room.tally == [0, 0, 0]
    for option in (1, 1, 0, 2, 1):
        room.add_vote(option)
    room.remove_vote(2)
    assert room.phase == VOTE and room.countdown is None
    assert room.tally == [1, 3, 0] and room.chosen == 1
    with pytest.raises(ClassroomError, match="C has no votes"):
        room.remove_vote(2)
    with pytest.raises(ClassroomError, match="no option D"):
        room.add_vote(3)
    with pytest.raises(ClassroomError, match="reveal how the room voted"):
        room.next()
    assert room.reveal() == DISTRIBUTION
    with pytest.raises(ClassroomError, match="revealed"):
        room.add_vote(0)
    assert room.reveal() == FEEDBACK
    choice = room.next()
    assert choice.id == "b"
    assert room.session.decisions == [("d1", "b")]
    assert room.session.tallies == [{"a": 1, "b": 3, "c": 0}]
    assert room.phase == DISCUSS and room.tally == [0, 0]


def test_a_tie_waits_for_the_facilitators_pick_among_the_tied():
    room = _room()
    room.add_vote(0)
    room.add_vote(2)
    room.reveal()
    assert room.tied and room.chosen is None
    with pytest.raises(ClassroomError, match="A and C are tied with 1 votes each"):
        room.next()
    with pytest.raises(ClassroomError, match="B is not among"):
        room.pick(1)
    room.pick(2)
    assert room.next().id == "c"


def test_a_timed_vote_pauses_resumes_and_locks_at_zero():
    room = _room(vote_seconds=30)
    room.toggle_timer(now=100.0)
    assert room.phase == VOTE and room.remaining(110.0) == pytest.approx(20.0)
    room.add_vote(0, now=110.0)
    room.toggle_timer(now=110.0)  # paused
    assert not room.tick(500.0) and room.remaining(500.0) == pytest.approx(20.0)
    room.toggle_timer(now=500.0)
    assert not room.tick(519.0) and room.phase == VOTE
    assert room.tick(520.0) and room.phase == LOCKED and room.remaining(600.0) == 0
    with pytest.raises(ClassroomError, match="locked"):
        room.add_vote(1)
    with pytest.raises(ClassroomError, match="locked"):
        room.toggle_timer(now=600.0)
    assert room.reveal() == DISTRIBUTION and room.chosen == 0


def test_an_optional_talk_comes_before_the_timed_vote():
    room = _room(vote_seconds=30, talk_seconds=20)
    room.toggle_timer(now=0.0)
    assert room.phase == TALK and room.remaining(5.0) == pytest.approx(15.0)
    assert room.tick(25.0)
    assert room.phase == VOTE and room.remaining(25.0) == pytest.approx(25.0)
    assert room.tick(60.0) and room.phase == LOCKED


def test_revealing_stops_the_clock_and_revealing_twice_more_is_refused():
    room = _room()
    room.toggle_timer(now=0.0)
    room.reveal(now=10.0)
    assert not room.countdown.running and room.remaining(99.0) == pytest.approx(20.0)
    room.reveal()
    with pytest.raises(ClassroomError, match="everything is revealed"):
        room.reveal()


def test_going_back_discusses_the_last_decision_again_with_a_fresh_count():
    room = _room()
    with pytest.raises(ValueError, match="no decision to take back"):
        room.back()
    room.add_vote(0)
    room.reveal()
    room.next()
    room.add_vote(1)
    assert room.back() == "d1"
    assert room.phase == DISCUSS and room.tally == [0, 0, 0]
    assert room.session.decisions == [] and room.session.tallies == []


def test_the_last_decision_ends_the_walk():
    room = _room()
    for option in (0, 0):
        room.add_vote(option)
        room.reveal()
        room.next()
    assert room.phase == ENDED and room.session.ended
    with pytest.raises(ClassroomError, match="ended"):
        room.add_vote(0)
    with pytest.raises(ClassroomError, match="ended"):
        room.reveal()
    with pytest.raises(ClassroomError, match="decisions stand"):
        room.back()


def test_only_group_play_keeps_votes_and_a_tally_counts_each_choice_offered():
    scenario = load_text(TWO_DECISIONS, "two.yaml", stem="two").scenario
    with pytest.raises(ClassroomError, match="group mode, not practice"):
        Classroom(PlaySession(scenario, policy=PRACTICE).start())
    with pytest.raises(VotesNotKept):
        PlaySession(scenario, policy=PRACTICE).start().choose("a", votes={"a": 1, "b": 0,
                                                                          "c": 0})
    group = PlaySession(scenario, policy=GROUP).start()
    for tally in ({"a": 1}, {"a": 1, "b": 0, "c": -1}, {"a": 1, "b": 0, "c": True},
                  {"a": 1, "b": 0, "z": 0}):
        with pytest.raises(BadTally):
            group.choose("a", votes=tally)
    assert group.decisions == []
