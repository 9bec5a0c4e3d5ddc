"""The shape cues: each fires on a scenario built to show it and stays quiet on one
whose shapes are balanced, per scenario and across a library."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from alongside.cli import main
from alongside.engine.load import load_text
from alongside.engine.model import Scenario
from alongside.scoring import cues
from alongside.scoring.analysis import review

# Words of one length, so that a choice's length rank is the number of its words.
FILLER = ("ours", "time", "talk", "calm", "plan", "week", "home", "next", "soon", "rest",
          "kind", "good", "sure", "fine", "open", "says", "done", "well", "here", "able")

Plan = Callable[[int], dict]
# One decision of four choices where only the best (the first) ends with '?'.
ONE = cues.Decision("s", "d", 1, (1, 2, 3, 4), (True, False, False, False), (False,) * 4,
                    ("?", ".", ".", "."), (0,) * 4, (0,) * 4, (frozenset(),) * 4)


def balanced(i: int) -> dict:
    """Decision i of eight: best, critical, '?', "honestly" and the length ranks each
    spread over the positions as chance would spread them."""
    best = i % 4
    return {"best": best, "critical": (best + 2) % 4,
            "question": best if i in (0, 5) else (best + 1) % 4,
            "honestly": best if i in (1, 6) else (best + 3) % 4,
            "rank": lambda p: (p + i // 2) % 4}  # 0 the shortest, 3 the longest


def text(i: int, position: int, rank: int, question: bool, honest: bool) -> str:
    words = [FILLER[(7 * i + 3 * position + k) % len(FILLER)] for k in range(2 + 2 * rank)]
    if honest:
        words.insert(1, "honestly")
    return " ".join(words).capitalize() + ("?" if question else ".")


def scenario(plan: Plan = balanced, decisions: int = 8, sid: str = "cues") -> str:
    lines = ["format: 1", f"id: {sid}", "title: Cues", "summary: Shapes.", "setting: community",
             "competencies: [role-clarity]", "difficulty: 1", "minutes: 5", "start: d0",
             "nodes:"]
    for i in range(decisions):
        p = plan(i)
        bests = p["best"] if isinstance(p["best"], tuple) else (p["best"],)
        lines += [f"  d{i}:", f"    text: Decision {i}.", "    choices:"]
        for position in range(4):
            said = p.get("text", {}).get(position) or text(
                i, position, p["rank"](position), position == p["question"],
                position == p["honestly"])
            good = position in bests
            lines += [f"      - id: c{position}", f"        text: {json.dumps(said)}",
                      f"        scores: {{language: {2 if good else 0}, "
                      f"decision: {2 if good else 0}, role: {2 if good else -1}}}",
                      "        feedback: Why.",
                      f"        next: {f'd{i + 1}' if i + 1 < decisions else 'end'}"]
            if position == p["critical"] and not good:
                lines.append("        critical: Crossed a line")
    lines += ["  end:", "    ending: strong", "    text: The end."]
    return "\n".join(lines) + "\n"


def load(text: str, sid: str = "cues") -> Scenario:
    result = load_text(text, f"{sid}.yaml", stem=sid)
    assert result.ok, [str(p) for p in result.problems]
    assert result.scenario is not None
    return result.scenario


def cue_rules(s: Scenario) -> list[str]:
    return [p.rule for p in review(s, checker=lambda _: []) if p.rule.startswith("cue-")]


def with_(**changes: object) -> Plan:
    def plan(i: int) -> dict:
        return {**balanced(i), **{k: v(i) if callable(v) else v for k, v in changes.items()}}
    return plan


def test_balanced_scenario_has_no_cue():
    assert cue_rules(load(scenario())) == []


def test_best_ending_with_a_question_mark_is_a_cue():
    s = load(scenario(with_(question=lambda i: i % 4)))
    assert cue_rules(s) == ["cue-punctuation"]
    [problem] = [p for p in review(s, checker=lambda _: []) if p.rule == "cue-punctuation"]
    assert "'?' far more often" in problem.message and "8/8" in problem.message
    assert problem.line == s.nodes["d0"].line  # the first decision the cue gives away
    assert "d0, d1, d2, d3, …" in problem.message


def test_decisions_where_every_choice_has_the_feature_say_nothing():
    # Six decisions whose every choice is a question: there the best ending with '?' is
    # no clue, and the five where only the best does are judged as if alone.
    tells = ONE
    says_nothing = replace(ONE, marks=("?",) * 4)
    t = cues.tally([tells] * 5 + [says_nothing] * 6, lambda d, i: d.marks[i] == "?")
    assert (t.target_hits, t.expected) == (11, pytest.approx(5 * 0.25 + 6))
    assert t.p == pytest.approx(2 * 0.25 ** 5)
    every = with_(text=lambda i: {p: text(i, p, balanced(i)["rank"](p), True, False)
                                  for p in range(4)} if i < 6 else {})
    assert cue_rules(load(scenario(every))) == []


def test_a_few_decisions_are_not_enough_to_call_a_cue():
    short = scenario(with_(question=lambda i: i % 4), decisions=cues.MIN_DECISIONS - 1)
    assert cue_rules(load(short)) == []


def test_a_word_kept_out_of_best_answers_is_a_cue_found_from_the_text():
    # "honestly" in every other choice, never in the best one.
    s = load(scenario(with_(honestly=None, text=lambda i: {
        p: text(i, p, balanced(i)["rank"](p), p == balanced(i)["question"], p != i % 4)
        for p in range(4)})))
    assert cue_rules(s) == ["cue-signal-word"]
    [problem] = [p for p in review(s, checker=lambda _: []) if p.rule == "cue-signal-word"]
    assert "'honestly' is in best answers far less often" in problem.message
    # A made-up word the checks cannot know, found because only best answers use it.
    invented = load(scenario(with_(text=lambda i: {
        i % 4: f"Zorblat {text(i, i % 4, 1, False, False)}"})))
    findings = cues.signal_words(cues.shape_of(invented).decisions)
    assert [f.what for f in findings] == ["zorblat"]
    assert findings[0].tally.over


def test_overlapping_phrases_are_reported_once():
    s = load(scenario(with_(text=lambda i: {
        p: ("To be honest, " if p != i % 4 else "") + text(i, p, 1, False, False)
        for p in range(4)})))
    findings = cues.signal_words(cues.shape_of(s).decisions)
    assert [f.what for f in findings] == ["to be honest"]


def test_best_among_the_two_longest_is_a_cue_without_being_the_longest():
    # The best answer is always the second longest: cue-longest says nothing. Eight
    # such decisions are not yet enough (0.5 ** 8 twice over is above 0.01 / 2); twelve are.
    def second(i: int) -> Callable[[int], int]:
        return lambda p: 2 if p == i % 4 else (0, 1, 3)[((p - i) % 4 - 1 + i) % 3]

    assert cue_rules(load(scenario(with_(rank=second)))) == []
    rules = cue_rules(load(scenario(with_(rank=second), decisions=12)))
    assert "cue-length-rank" in rules and "cue-longest" not in rules


def test_best_answer_mostly_first_is_a_cue():
    first = with_(best=lambda i: 1 if i == 3 else 0, critical=lambda i: 2 if i % 2 else 3)
    rules = cue_rules(load(scenario(first)))
    assert "cue-best-position" in rules and "cue-position" not in rules


def test_best_answer_always_first_is_said_once():
    always = with_(best=0, critical=lambda i: 1 + i % 3)
    rules = cue_rules(load(scenario(always)))
    assert "cue-position" in rules and "cue-best-position" not in rules


def test_critical_choice_first_is_a_cue_but_not_in_a_few_decisions():
    first = with_(best=lambda i: 1 + i % 3, critical=0)
    assert cue_rules(load(scenario(first))) == ["cue-critical-position"]
    few = with_(best=lambda i: 1 + i % 3,
                critical=lambda i: 0 if i < cues.MIN_DECISIONS - 1 else None)
    assert cue_rules(load(scenario(few))) == []


def test_tied_best_answers_count_each_and_chance_allows_for_them():
    # Two best answers a node, both ending '?', the others not: 16 of 16.
    ties = with_(best=lambda i: (i % 4, (i + 1) % 4), critical=lambda i: (i + 2) % 4,
                 question=None, text=lambda i: {
                     p: text(i, p, 1, p in (i % 4, (i + 1) % 4), False) for p in range(4)})
    s = load(scenario(ties))
    [finding, *_] = cues.punctuation(cues.shape_of(s).decisions)
    assert (finding.tally.target_hits, finding.tally.targets) == (16, 16)
    assert finding.tally.expected == pytest.approx(8.0)  # 2 of 4 end with '?', 2 targets


def test_exact_tail_and_its_normal_approximation():
    one = ONE
    t = cues.tally([one] * 5, lambda d, i: d.marks[i] == "?")
    assert t.p == pytest.approx(2 * 0.25 ** 5)
    assert t.expected == pytest.approx(1.25)
    many = cues.tally([one] * (cues.EXACT_UP_TO + 30), lambda d, i: i < 2)
    exact = 0.5 ** (cues.EXACT_UP_TO + 30)  # the best is always one of the first two
    assert exact < many.p < 1e-12
    silent = cues.tally([one] * 5, lambda d, i: True)  # every choice has it: says nothing
    assert silent.p == 1.0


@pytest.mark.parametrize("said, mark", [("Really?", "?"), ('"Really?"', "?"), ("Wait...", "…"),
                                        ("Wait…", "…"), ("Go!", "!"), ("Okay.", "."),
                                        ("okay", cues.NO_MARK), ("(Is it?)", "?")])
def test_final_mark(said, mark):
    assert cues.final_mark(said) == mark


def test_terms_are_words_and_short_runs():
    assert cues.terms_of("To be honest, I’m fine 2 day") == frozenset({
        "to", "be", "honest", "i'm", "fine", "day", "to be", "be honest", "honest i'm",
        "i'm fine", "fine day", "to be honest", "be honest i'm", "honest i'm fine",
        "i'm fine day"})


def test_library_pass_finds_what_each_scenario_is_too_short_to_show(tmp_path: Path):
    short = cues.MIN_DECISIONS - 1
    shapes = []
    for sid in ("one", "two", "three"):
        text_ = scenario(with_(question=lambda i: i % 4), decisions=short, sid=sid)
        s = load(text_, sid)
        assert cue_rules(s) == []
        shapes.append(cues.shape_of(s))
        (tmp_path / f"{sid}.yaml").write_text(text_)
    rules = [p.rule for p in cues.review_library(shapes, "lib")]
    assert rules == ["cue-library-punctuation"]
    assert cues.review_library(shapes[:1], "lib") == []  # one scenario: its own checks say it


def test_validate_reports_library_cues_once_at_the_folder(tmp_path: Path, capsys):
    for sid in ("one", "two"):
        (tmp_path / f"{sid}.yaml").write_text(
            scenario(with_(question=lambda i: i % 4), decisions=cues.MIN_DECISIONS - 1, sid=sid))
    assert main(["validate", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    library = [line for line in out if "[cue-library-" in line]
    assert library == [line for line in library if line.startswith(f"{tmp_path}:1:1: warning: ")]
    assert len(library) >= 1 and all("across 2 scenarios" in line for line in library)
    assert out[-1] == f"2 files checked: 0 errors, {len(library)} warning" + (
        "s" if len(library) > 1 else "")
    assert main(["validate", str(tmp_path / "one.yaml")]) == 0
    assert "[cue-library-" not in capsys.readouterr().out


def test_validate_cues_prints_the_figures(tmp_path: Path, capsys):
    for sid in ("one", "two"):
        (tmp_path / f"{sid}.yaml").write_text(
            scenario(with_(question=lambda i: 1 + i % 3, critical=0, best=lambda i: 1 + i % 3),
                     sid=sid))
    assert main(["validate", "--cues", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["scenario", "decisions", "'?'", "best/others", "best", "in", "2",
                              "longest", "critical", "first", "words:", "in", "best/others"]
    rows = {line.split()[0]: line.split() for line in out[1:4]}
    assert set(rows) == {"one", "two", "all"}
    assert rows["one"][1:3] == ["8", "100%/0%"] and rows["one"][5] == "100%"
    assert rows["all"][2] == "16"


def test_cue_work_grows_linearly_with_the_scenario():
    # Terms are tallied over the decisions that use them, not over every decision.
    def chain(n: int) -> list[cues.Decision]:
        return [cues.Decision("s", f"d{i}", i, (i,) * 4, (True, False, False, False),
                              (False,) * 4, (".",) * 4, (3, 2, 1, 0), (0, 1, 2, 3),
                              tuple(frozenset({f"w{i}", f"w{i + 1}", "common"}) for _ in range(4)))
                for i in range(n)]
    assert len(cues._index(chain(2000))) == 2002
    assert len(cues._index(chain(2000))["w7"][0]) == 2  # only the two decisions that say it
