"""Saved paths beside a scenario: written sorted, read with lines, replayed as tests."""

import shutil
from pathlib import Path

import pytest

from alongside.engine.load import load_file
from alongside.engine.rules import RULES, SAVED_PATH_RULES
from alongside.engine.saved_paths import (
    DuplicateName,
    SavedPath,
    add_path,
    read_paths,
    side_file,
)
from alongside.paths import DIALOGUES, scenario_files
from alongside.scoring.replay import check_saved_paths

BEST = ("walk-with", "find-words", "brief-share", "invite-voice", "beside-you", "his-words",
        "options-ahead", "how-was-it")


@pytest.fixture
def copied(tmp_path):
    path = tmp_path / "not-believed.yaml"
    shutil.copy(DIALOGUES / "not-believed.yaml", path)
    return path


def _scenario(path):
    result = load_file(path)
    assert result.scenario is not None, result.problems
    return result.scenario


def test_a_saved_path_is_written_sorted_and_read_back_with_its_line(copied):
    side = side_file(copied)
    assert side.name == "not-believed.paths.yaml"
    add_path(side, SavedPath("z best", BEST, "end-strong", True))
    add_path(side, SavedPath("a low trust", ("how-was-it",), "end-mixed", True, "d-after",
                             {"trust": 1}))
    text = side.read_text()
    assert text.index("name: a low trust") < text.index("name: z best")
    assert "set: {trust: 1}" in text and "from: d-after" in text
    paths, problems = read_paths(side)
    assert problems == []
    assert [(p.name, p.line) for p in paths] == [("a low trust", 1), ("z best", 7)]
    assert paths[0].values == {"trust": 1} and paths[1].choices == BEST
    with pytest.raises(DuplicateName, match="already holds a path named 'z best'"):
        add_path(side, SavedPath("z best", (), "end-strong", True))
    add_path(side, SavedPath("z best", BEST, "end-strong", False), replace=True)
    assert [p.passed for p in read_paths(side)[0]] == [True, False]
    # The side file is not a scenario: the library does not list it.
    assert scenario_files([copied.parent]) == [copied]


def test_saved_paths_that_still_play_through_raise_nothing(copied):
    add_path(side_file(copied), SavedPath("best", BEST, "end-strong", True))
    add_path(side_file(copied), SavedPath("low", ("how-was-it",), "end-mixed", True,
                                          "d-after", {"trust": 1}))
    assert check_saved_paths(_scenario(copied)) == []


def test_an_edit_that_removes_a_choice_blocks_the_path_at_its_step(copied):
    side = side_file(copied)
    add_path(side, SavedPath("a first", ("how-was-it",), "end-mixed", True, "d-after",
                             {"trust": 1}))
    add_path(side, SavedPath("best", BEST, "end-strong", True))
    copied.write_text(copied.read_text().replace("id: how-was-it", "id: how-did-it-go"))
    problems = check_saved_paths(_scenario(copied))
    assert [(p.rule, p.line, p.path) for p in problems] == [
        ("saved-path-blocked", 1, str(side)), ("saved-path-blocked", 7, str(side))]
    assert "saved path 'best': step 8: choice 'how-was-it' is not offered at node 'd-after'" \
        in problems[1].message


def test_an_edit_that_changes_the_ending_or_the_verdict_is_reported(copied):
    side = side_file(copied)
    add_path(side, SavedPath("best", BEST, "end-strong", True))
    add_path(side, SavedPath("claims a fail", BEST, "end-strong", False))
    add_path(side, SavedPath("stops early", BEST[:3], "end-strong", True))
    add_path(side, SavedPath("from nowhere", (), "end-strong", True, "gone-node"))
    found = {p.message.split("'")[1]: p for p in check_saved_paths(_scenario(copied))}
    assert found["claims a fail"].rule == "saved-path-pass"
    assert "now passes, but it was saved as not passing" in found["claims a fail"].message
    assert found["stops early"].rule == "saved-path-ending"
    assert "play waits at decision 'd-nurse'" in found["stops early"].message
    assert found["from nowhere"].rule == "saved-path-blocked"
    assert "no node 'gone-node'" in found["from nowhere"].message
    assert "best" not in found
    # The same last answer with trust low at the end: the branch sends play elsewhere.
    add_path(side, SavedPath("low", ("how-was-it",), "end-strong", True, "d-after",
                             {"trust": 1}))
    problems = check_saved_paths(_scenario(copied))
    assert [p.message for p in problems if "'low'" in p.message] == [
        "saved path 'low': ends at 'end-mixed', not at 'end-strong' as saved"]


@pytest.mark.parametrize(("text", "line", "words"), [
    ("- name: x\n  choices: [a\n", 3, "the saved paths cannot be read: YAML syntax"),
    ("name: x\n", 1, "must be a list of paths"),
    ("- name: x\n  choices: a\n  ending: e\n  passed: true\n", 1, "'choices' must be a list"),
    ("- name: x\n  choices: []\n  ending: e\n  passed: yes\n", 1, "'passed' true or false"),
    ("- name: x\n  choices: []\n  ending: e\n  passed: true\n  colour: red\n", 1,
     "unknown key 'colour'"),
    ("- name: x\n  choices: []\n  ending: e\n  passed: true\n"
     "- name: x\n  choices: []\n  ending: e\n  passed: true\n", 5, "a second path is named 'x'"),
    ("- name: x\n  choices: []\n  ending: e\n  passed: true\n  set: {trust: high}\n", 1,
     "'set' must map variables to whole numbers"),
])
def test_a_damaged_side_file_is_a_located_problem(copied, text, line, words):
    side = side_file(copied)
    side.write_text(text)
    problems = check_saved_paths(_scenario(copied))
    assert [(p.rule, p.line) for p in problems][:1] == [("saved-path-file", line)]
    assert words in problems[0].message
    with pytest.raises(ValueError, match="saved-path-file"):
        add_path(side, SavedPath("y", (), "e", True))
    assert side.read_text() == text  # what the author wrote is kept as it was


def test_every_saved_path_rule_is_known_and_has_an_example_here():
    assert set(RULES) >= SAVED_PATH_RULES
    source = Path(__file__).read_text(encoding="utf-8")
    assert all(f'"{rule}"' in source for rule in SAVED_PATH_RULES)
