"""Curricula: the loader's checks, each located, and `validate` checking them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from alongside.cli import main
from alongside.engine.curriculum import (
    READINESS_RULES,
    curricula_for,
    load_curriculum,
    load_curriculum_text,
)
from alongside.engine.rules import CURRICULUM_RULES, RULES
from alongside.paths import CURRICULA, DIALOGUES, scenario_files

KNOWN = frozenset(("dose-question", "art-show", "ride-home"))
VALID = """\
format: 1
id: core
title: Core certification readiness
rule: each-passed-in-assessment
scenarios: [dose-question, art-show]
"""
GUIDE = (DIALOGUES / "FORMAT.md").read_text(encoding="utf-8")


def load(text: str, stem: str = "core"):
    return load_curriculum_text(text, f"{stem}.yaml", stem=stem, known=KNOWN)


def found(text: str, stem: str = "core") -> list[tuple[str, int, int]]:
    result = load(text, stem)
    assert result.curriculum is None
    return [(p.rule, p.line, p.col) for p in result.problems]


def test_valid_curriculum():
    result = load(VALID)
    assert result.ok and result.problems == []
    core = result.curriculum
    assert (core.id, core.title, core.rule) == ("core", "Core certification readiness",
                                               "each-passed-in-assessment")
    assert core.scenarios == core.required == ("dose-question", "art-show")
    assert core.optional == () and core.mode == "assessment"
    assert core.outstanding({"art-show", "ride-home"}) == ("dose-question",)


OPTIONAL = VALID.replace("rule: each-passed-in-assessment", "rule: each-passed-in-practice") \
    + "optional:\n  - ride-home\n"


def test_optional_scenarios_and_the_practice_rule():
    result = load(OPTIONAL)
    assert result.ok and result.problems == []
    curriculum = result.curriculum
    assert curriculum.required == ("dose-question", "art-show")
    assert curriculum.optional == ("ride-home",)
    assert curriculum.scenarios == ("dose-question", "art-show", "ride-home")
    assert curriculum.mode == "practice"
    assert curriculum.is_required("art-show") and not curriculum.is_required("ride-home")
    assert curriculum.outstanding({"dose-question", "art-show"}) == ()


OPTIONAL_CASES = [
    ("  - ride-home\n", "  - art-show\n", ("duplicate-scenario", 7, 5)),
    ("optional:\n  - ride-home\n", "optional: []\n", ("empty-list", 6, 11)),
    ("optional:\n  - ride-home\n", "optional: ride-home\n", ("wrong-type", 6, 11)),
    ("  - ride-home\n", "  - ride-hom\n", ("unknown-scenario", 7, 5)),
    ("  - ride-home\n", "  - {id: ride-home}\n", ("wrong-type", 7, 5)),
    ("optional:", "optionals:", ("unknown-key", 6, 1)),
]


@pytest.mark.parametrize(("old", "new", "expected"), OPTIONAL_CASES)
def test_bad_optional_lists_are_located(old, new, expected):
    assert old in OPTIONAL
    assert expected in found(OPTIONAL.replace(old, new, 1))


def test_a_scenario_both_required_and_optional_is_named_as_such():
    result = load(OPTIONAL.replace("  - ride-home", "  - art-show"))
    assert [str(p) for p in result.problems] == [
        "core.yaml:7:5: error: scenario 'art-show' is listed twice (first at line 5); a "
        "scenario is either required or optional [duplicate-scenario]"]


def test_block_list_and_summary():
    text = VALID.replace("scenarios: [dose-question, art-show]",
                         "summary: Before sign-off.\nscenarios:\n  - ride-home\n  - art-show")
    assert load(text).curriculum.scenarios == ("ride-home", "art-show")


CASES = [
    ("format: 1", "format: 2", ("format-version", 1, 9)),
    ("id: core", "id: extra", ("id-mismatch", 2, 5)),
    ("id: core", "id: Core_1", ("bad-id", 2, 5)),
    ("rule: each-passed-in-assessment", "rule: each-passed", ("unknown-readiness-rule", 4, 7)),
    ("[dose-question, art-show]", "[]", ("empty-list", 5, 12)),
    ("[dose-question, art-show]", "[dose-question, art-show, dose-question]",
     ("duplicate-scenario", 5, 38)),
    ("[dose-question, art-show]", "[dose-question, art-shw]", ("unknown-scenario", 5, 28)),
    ("[dose-question, art-show]", "[dose-question, 3]", ("wrong-type", 5, 28)),
    ("[dose-question, art-show]", "dose-question", ("wrong-type", 5, 12)),
    ("title: Core certification readiness\n", "", ("missing-key", 1, 1)),
    ("title:", "titel:", ("unknown-key", 3, 1)),
    ("title: Core certification readiness", "title: ''", ("empty-text", 3, 8)),
    ("title: Core certification readiness", "title: Core\ntitle: Again", ("duplicate-key", 4, 1)),
    ("[dose-question, art-show]", "&a [dose-question]", ("yaml-anchor", 5, 12)),
    ("scenarios: [dose-question, art-show]", "scenarios: [dose-question\n",
     ("yaml-syntax", 7, 1)),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_each_problem_is_located(old, new, expected):
    assert old in VALID
    assert expected in found(VALID.replace(old, new, 1))


def test_not_a_mapping_and_empty():
    assert ("not-a-mapping", 1, 1) in found("- dose-question\n")
    assert ("empty-file", 1, 1) in found("\n")


def test_hints_name_the_likely_id():
    result = load(VALID.replace("art-show]", "art-shw]"))
    assert "did you mean 'art-show'?" in str(result.problems[0])


def test_every_curriculum_rule_is_documented_and_exercised():
    assert set(RULES) >= CURRICULUM_RULES
    assert {expected[0] for _, _, expected in CASES} >= CURRICULUM_RULES
    for rule in READINESS_RULES:
        assert f"`{rule}`" in GUIDE
    example = re.search(r"## Curricula\n.*?```yaml\n(.*?)```", GUIDE, re.S).group(1)
    library = {p.stem for p in scenario_files([DIALOGUES])}
    assert load_curriculum_text(example, "core.yaml", stem="core", known=library).ok


def test_library_curricula_are_valid():
    files = sorted(CURRICULA.glob("*.yaml"))
    assert files
    known = {p.stem for p in scenario_files([DIALOGUES])}
    for path in files:
        result = load_curriculum(path, known)
        assert result.ok, [str(p) for p in result.problems]


def test_core_lists_every_scenario_of_the_library():
    core = load_curriculum(CURRICULA / "core.yaml", None).curriculum
    assert set(core.scenarios) == {p.stem for p in scenario_files([DIALOGUES])}


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A library folder with one real scenario and a curricula/ subfolder."""
    shutil.copy(DIALOGUES / "dose-question.yaml", tmp_path)
    (tmp_path / "curricula").mkdir()
    return tmp_path


def test_validate_checks_curricula_of_a_folder(library: Path, capsys):
    (library / "curricula" / "core.yaml").write_text(
        VALID.replace("[dose-question, art-show]", "[dose-question]"))
    assert main(["validate", str(library)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "2 files checked: 0 errors, 0 warnings"


def test_validate_takes_optional_scenarios_and_refuses_a_bad_mode(library: Path, capsys):
    path = library / "curricula" / "core.yaml"
    path.write_text(OPTIONAL.replace("[dose-question, art-show]", "[dose-question]")
                    .replace("ride-home", "dose-question"))
    assert main(["validate", str(library)]) == 1
    assert capsys.readouterr().out.splitlines()[0].startswith(
        f"{path}:7:5: error: scenario 'dose-question' is listed twice")
    shutil.copy(DIALOGUES / "art-show.yaml", library)
    path.write_text(OPTIONAL.replace("[dose-question, art-show]", "[dose-question]")
                    .replace("ride-home", "art-show"))
    assert main(["validate", str(library)]) == 0
    capsys.readouterr()
    path.write_text(path.read_text().replace("each-passed-in-practice", "each-passed-in-group"))
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{path}:4:7: error: unknown readiness rule 'each-passed-in-group'; did you mean "
        "'each-passed-in-practice'? [unknown-readiness-rule]")


def test_validate_broken_curriculum_exits_1_naming_file_and_line(library: Path, capsys):
    broken = library / "curricula" / "core.yaml"
    broken.write_text(VALID)  # art-show is not in this library
    assert main(["validate", str(library)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"{broken}:5:28: error: no scenario 'art-show' in the library "
                      "[unknown-scenario]")
    assert out[-1] == "2 files checked: 1 error, 0 warnings"
    assert main(["validate", str(broken)]) == 1
    assert capsys.readouterr().out.splitlines()[0].startswith(f"{broken}:5:28: error:")


def test_curricula_for_a_single_file_and_folders(library: Path):
    path = library / "curricula" / "core.yaml"
    path.write_text(VALID)
    assert curricula_for([library]) == [(path, frozenset({"dose-question"}))]
    assert curricula_for([path]) == [(path, frozenset({"dose-question"}))]
    assert curricula_for([library / "dose-question.yaml"]) == []
