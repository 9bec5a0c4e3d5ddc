"""The new scenario's template: it validates cleanly, plays to a pass, and keeps the
title it was given; an id or title the format refuses is refused in words."""

from __future__ import annotations

import json

import pytest

from alongside.cli import main
from alongside.engine.load import load_file
from alongside.engine.template import id_problem, new_scenario_text, scenario_id_for
from alongside.scoring.analysis import review

TITLES = ["A first conversation", 'Café: "quoted", # not a comment', "Line\u2028break \\ slash",
          "- starts like a list", "yes"]


@pytest.mark.parametrize("title", TITLES)
def test_the_template_loads_with_no_problems_and_keeps_the_title(tmp_path, title):
    path = tmp_path / "first-steps.yaml"
    path.write_text(new_scenario_text("first-steps", title), encoding="utf-8")
    result = load_file(path)
    assert result.problems == [] and result.scenario is not None
    assert result.scenario.id == "first-steps" and result.scenario.title == title
    assert review(result.scenario) == []


def test_the_template_plays_to_a_pass_and_to_a_mixed_ending(tmp_path, capsys):
    path = tmp_path / "first-steps.yaml"
    path.write_text(new_scenario_text("first-steps", "First steps"), encoding="utf-8")
    for choice, ending, passed in (("explore", "together", True),
                                   ("decide-for-them", "apart", False)):
        assert main(["play", str(path), "--choose", choice, "--json"]) == 0
        played = json.loads(capsys.readouterr().out)
        assert (played["ending"], played["passed"]) == (ending, passed)


def test_ids_come_from_titles():
    assert scenario_id_for("Café, à deux!") == "cafe-a-deux"
    assert scenario_id_for("  Not -- a  junior clinician ") == "not-a-junior-clinician"
    assert scenario_id_for("!!!") == ""
    assert len(scenario_id_for("word " * 60)) <= 100 and not scenario_id_for("a" * 99 + " b")\
        .endswith("-")


def test_an_id_is_refused_in_words():
    assert id_problem("fine-id") is None
    assert "Give the scenario an id" in id_problem("")
    assert "only lower-case letters" in id_problem("Has_Capitals")
    assert "already used" in id_problem("dose-question", {"dose-question"})
    assert "longer than 100" in id_problem("a" * 101)


@pytest.mark.parametrize("title, words", [("", "Give the scenario a title"),
                                          ("x" * 301, "longer than 300"),
                                          ("bell\x07", "control character")])
def test_a_title_the_format_refuses_is_refused_before_any_file(title, words):
    with pytest.raises(ValueError, match=words):
        new_scenario_text("first-steps", title)
