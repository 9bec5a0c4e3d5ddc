"""dialogues/README.md's coverage and settings tables say true things about the library."""

from __future__ import annotations

import re

import pytest

from alongside.engine.vocabulary import SETTINGS
from alongside.paths import DIALOGUES
from tests.dialogues.library import FILES, scenario

README = (DIALOGUES / "README.md").read_text(encoding="utf-8")
ITEMS = (
    "Not a junior clinician",
    "Boundaries: the art show",
    "Boundaries: the ride home",
    "Boundaries: the handmade gift",
    "Boundaries: the friend request",
    "Person-first language; not a diagnosis again",
    "Confidentiality's limits up front",
    "Suicidal disclosure: collaborative safety planning, least restrictive escalation",
    "Should I double my dose?",
    "Trauma-informed practice",
    "Emotional and informational support on two appraisals",
    "Companionship and instrumental support",
    "Purposeful self-disclosure",
    "Testimonial and hermeneutical injustice",
    "Co-creating a WRAP in the person's words",
    "Supervision: role drift and the hybrid model",
)
IDS = re.compile(r"`([a-z0-9-]+)`")


def table(heading: str) -> dict[str, list[str]]:
    """The rows under `## heading`: first cell (backticks dropped) -> ids in the second."""
    section = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert section, f"README.md has no '## {heading}' section"
    rows = {}
    for line in section.group(1).splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 2 or set(cells[0]) <= {"-"}:
            continue
        rows[cells[0].strip("`")] = IDS.findall(cells[1])
    rows.pop("Coverage item", None)
    rows.pop("Setting", None)
    return rows


COVERAGE = table("Coverage")
BY_SETTING = table("Settings")
KNOWN = {path.stem for path in FILES}


@pytest.mark.parametrize("item", ITEMS)
def test_every_item_has_real_scenarios(item):
    assert item in COVERAGE, f"no row for '{item}'"
    listed = COVERAGE[item]
    assert listed, f"'{item}' lists no scenario"
    assert set(listed) <= KNOWN, set(listed) - KNOWN
    assert len(listed) == len(set(listed)), listed


def test_no_unknown_rows():
    assert set(COVERAGE) == set(ITEMS)
    assert set(BY_SETTING) == set(SETTINGS)


@pytest.mark.parametrize("setting", SETTINGS)
def test_setting_rows_are_true(setting):
    listed = set(BY_SETTING.get(setting, ()))
    assert listed <= KNOWN, listed - KNOWN
    actual = {path.stem for path in FILES if scenario(path).setting == setting}
    assert listed == actual


def test_every_scenario_is_in_the_coverage_table():
    covered = {sid for ids in COVERAGE.values() for sid in ids}
    assert covered == KNOWN, KNOWN - covered
