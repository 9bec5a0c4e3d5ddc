from alongside.engine.load import load_text
from alongside.engine.session import PlaySession
from alongside.scoring.attempt import Critical, best_choices
from alongside.scoring.debrief import build_debrief
from tests.engine.scenarios import TWO_DECISIONS


def _scenario():
    return load_text(TWO_DECISIONS, "two.yaml", stem="two").scenario


def test_best_choice_uses_mean_quality_over_assessed_dimensions():
    scenario = _scenario()
    # d1: a = (1.0 + 0.0)/2, b = (0.5 + 1.0)/2, c = (0.0 + 0.5)/2 over language and decision.
    assert best_choices(scenario.nodes["d1"]) == ("b",)
    assert best_choices(scenario.nodes["d2"]) == ("x",)


def test_debrief_of_a_finished_attempt():
    scenario = _scenario()
    session = PlaySession(scenario).start().replay(["a", "y"])
    debrief = build_debrief(scenario, session.decisions, session.ended, session.ending)
    first, second = debrief.decisions
    assert first.chosen.choice == "a" and not first.was_best
    assert [b.choice for b in first.best] == ["b"] and first.best[0].feedback == "fb"
    assert [(m.dimension, m.words) for m in first.marks] == [
        ("language", "helps a lot (+2)"), ("decision", "harms a lot (-2)")]
    assert second.critical == "Promised absolute secrecy"
    assert debrief.ending == "strong" and debrief.ending_kind == "strong"
    assert debrief.verdict.startswith("Not yet: a critical line was crossed")
    assert debrief.critical == (Critical("d2", "y", "Promised absolute secrecy"),)
    dims = {d.dimension: d for d in debrief.dimensions}
    assert dims["decision"].score == 0.0 and dims["decision"].band == "not-yet"
    assert dims["decision"].practise_next.startswith("Practise one open question")


def test_debrief_of_an_unfinished_attempt():
    scenario = _scenario()
    session = PlaySession(scenario).start().replay(["b"])
    debrief = build_debrief(scenario, session.decisions, session.ended, session.ending)
    assert not debrief.ended and debrief.ending is None and debrief.ending_text == ""
    assert debrief.verdict.startswith("Not finished yet")
    assert {d.dimension: d.score for d in debrief.dimensions}["role"] is None
    assert {d.dimension: d.practise_next for d in debrief.dimensions}["role"] is None
