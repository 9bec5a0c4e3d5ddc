from alongside.engine.load import load_text
from alongside.scoring.analysis import analyse, review
from tests.engine.scenarios import TWO_DECISIONS


def _load(text):
    result = load_text(text, "two.yaml", stem="two")
    assert result.ok, result.problems
    return result.scenario


def test_best_scores_and_no_passing_path():
    # Every path either crosses a critical line (y) or leaves a skill below 0.70.
    analysis = analyse(_load(TWO_DECISIONS))
    assert analysis.complete
    assert analysis.best == {"language": 1.0, "decision": 1.0, "role": 1.0}
    assert analysis.passing_path is None
    rules = [p.rule for p in review(_load(TWO_DECISIONS), checker=lambda text: [])]
    assert "no-passing-path" in rules


def test_passing_path_is_found_when_one_exists():
    # Make b the best answer on language too: b then x now passes.
    text = TWO_DECISIONS.replace("scores: {language: 0, decision: 2, role: 0}",
                                 "scores: {language: 2, decision: 2, role: 0}")
    analysis = analyse(_load(text))
    assert analysis.passing_path == ("b", "x")


def test_budget_makes_the_analysis_incomplete():
    analysis = analyse(_load(TWO_DECISIONS), budget=1)
    assert not analysis.complete
    problems = review(_load(TWO_DECISIONS), checker=lambda text: [])
    assert all(p.severity == "error" for p in problems if p.rule == "no-passing-path")


def test_cues_by_length_and_position():
    text = TWO_DECISIONS.replace("text: B\n", "text: The longest answer of all\n").replace(
        "text: X\n", "text: Another long answer\n")
    rules = {p.rule for p in review(_load(text), checker=lambda text: [])}
    assert "cue-longest" in rules
    assert "cue-position" not in rules  # needs three decisions


def test_lint_language_flags_good_choices_with_stigmatizing_words_unless_quoted():
    text = TWO_DECISIONS.replace("text: A\n", "text: Lots of addicts feel this way.\n")
    rules = [p.rule for p in review(_load(text))]
    assert rules.count("lint-language") == 1
    quoted = text.replace("text: Lots of addicts feel this way.\n",
                          "text: Lots of addicts feel this way.\n        quoted_terms: [addict]\n")
    assert "lint-language" not in [p.rule for p in review(_load(quoted))]
