"""The lines dialogues/CONTENT.md draws, checked wherever a scenario marks a choice.

A scenario marks each choice a rule governs with a comment directly above it,
`# line: <rule> (<side>)`. Each side has a check (critical or not, and what the
scores must show); every tag must name a side CONTENT.md lists, sit directly
above a choice, and pass its check. Across the library: no line calls
confidentiality's limits "the one limit", lived experience of a side effect is
rewarded somewhere, and at least a third of the scenarios have tied best
answers and good-but-incomplete options.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from alongside.engine.load import load_file
from alongside.engine.model import DECISION, Choice, Scenario
from alongside.paths import DIALOGUES
from alongside.scoring.attempt import best_choices
from tests.dialogues.library import FILES, PARAMS, scenario

TAG = re.compile(r"^\s*#\s*line:\s*(?P<rule>[a-z-]+)\s*(?:\((?P<side>[a-z -]+)\))?\s*$")
CLINICIAN = re.compile(r"\b(prescriber|doctor|dr\.?|nurse|psychiatrist)\b", re.I)
ONE_LIMIT = re.compile(r"\b(the one limit|its one limit|one exception|only exception|"
                       r"the only time I'd|two limits|both limits|the two exceptions)\b", re.I)


def _role(c: Choice) -> int | None:
    return c.scores.get("role")


def _decision(c: Choice) -> int | None:
    return c.scores.get("decision")


Check = Callable[[Choice], str | None]


def _needs(condition: bool, message: str) -> str | None:
    return None if condition else message


CHECKS: dict[tuple[str, str], Check] = {
    ("medication", "directive"): lambda c: _needs(
        bool(c.critical) and _role(c) == -2, "a medication directive must be critical, role -2"),
    ("medication", "steers"): lambda c: _needs(
        not c.critical and (_decision(c) or 0) <= -1, "steering is decision <= -1, not critical"),
    ("medication", "declines"): lambda c: _needs(not c.critical, "declining is never critical"),
    ("medication", "lived experience"): lambda c: _needs(
        not c.critical and (_decision(c) or 0) >= 1 and (_role(c) or 0) >= 1
        and bool(CLINICIAN.search(c.text)),
        "lived experience of a side effect scores decision and role >= +1, is not critical, "
        "and sends the question to the prescriber, doctor or nurse"),
    ("dual-relationship", "enters"): lambda c: _needs(
        bool(c.critical) and _role(c) == -2, "a dual relationship must be critical, role -2"),
    ("dual-relationship", "declines"): lambda c: _needs(
        not c.critical, "declining is never critical"),
    ("confidentiality", "absolute promise"): lambda c: _needs(
        bool(c.critical) and _role(c) == -2, "promising absolute secrecy is critical, role -2"),
    ("confidentiality", "breach"): lambda c: _needs(
        bool(c.critical) and _role(c) == -2, "passing on a confidence is critical, role -2"),
    ("confidentiality", "real limits"): lambda c: _needs(
        not c.critical and (_role(c) or 0) >= 1 and not ONE_LIMIT.search(c.text + c.feedback),
        "the real limits score role >= +1, and never as 'the one limit'"),
    ("confidentiality", "vague"): lambda c: _needs(
        not c.critical and (_role(c) or 0) <= -1,
        "a vague or late answer is role <= -1, not critical"),
    ("suicide-risk", "asks"): lambda c: _needs(
        not c.critical and (_role(c) or 0) >= 1, "asking plainly is role >= +1, never critical"),
    ("suicide-risk", "checklist"): lambda c: _needs(
        not c.critical and min(_decision(c) or 0, _role(c) or 0) < 0,
        "a scored checklist is negative on decision or role, never critical"),
    ("suicide-risk", "covert escalation"): lambda c: _needs(
        bool(c.critical) and _decision(c) == -2 and _role(c) == -2,
        "help sent behind the person's back is critical, decision -2, role -2"),
    ("suicide-risk", "open escalation"): lambda c: _needs(
        not c.critical or _decision(c) == -2, "a critical open escalation is decision -2"),
    ("suicide-risk", "abandons"): lambda c: _needs(bool(c.critical), "abandoning is critical"),
    ("suicide-risk", "means safety"): lambda c: _needs(
        not c.critical and (_role(c) or 0) >= 1, "means safety is role >= +1, never critical"),
    ("suicide-risk", "hand-off"): lambda c: _needs(
        not c.critical and (_decision(c) or 0) >= 1 and (_role(c) or 0) >= 1,
        "a hand-off with agreement scores decision and role >= +1, never critical"),
}


@dataclass(frozen=True)
class Tagged:
    line: int
    rule: str
    side: str
    node: str | None
    choice: Choice | None


def tagged(s: Scenario, text: str) -> list[Tagged]:
    """Each `# line:` comment, with the choice on the line directly below it (or None)."""
    at = {c.line: (node.id, c) for node in s.nodes.values() for c in node.choices}
    found = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if "# line" not in raw:
            continue
        match = TAG.match(raw)
        node, choice = at.get(number + 1, (None, None))
        found.append(Tagged(number, match["rule"] if match else "?",
                            (match["side"] or "") if match else raw.strip(), node, choice))
    return found


def problems(s: Scenario, text: str) -> list[str]:
    """What is wrong with a scenario's tags, one message each."""
    out = []
    for tag in tagged(s, text):
        where = f"{s.id}:{tag.line}"
        check = CHECKS.get((tag.rule, tag.side))
        if check is None:
            out.append(f"{where}: '{tag.rule} ({tag.side})' is not a rule and side in CONTENT.md")
        elif tag.choice is None:
            out.append(f"{where}: the tag is not directly above a choice")
        elif (message := check(tag.choice)) is not None:
            out.append(f"{where}: {tag.node}/{tag.choice.id}: {message}")
    return out


def source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", PARAMS)
def test_every_tagged_choice_keeps_its_line(path: Path):
    assert not problems(scenario(path), source(path))


@pytest.mark.parametrize("path", PARAMS)
def test_the_rules_are_used(path: Path):
    """Every scenario marks at least one choice; the rules are applied, not only written."""
    assert tagged(scenario(path), source(path))


def test_every_rule_and_side_is_written_in_content_md():
    written = set(re.findall(r"`([a-z-]+) \(([a-z -]+)\)`",
                             (DIALOGUES / "CONTENT.md").read_text(encoding="utf-8")))
    assert written == set(CHECKS)


@pytest.mark.parametrize("path", PARAMS)
def test_no_line_teaches_the_one_limit(path: Path):
    s = scenario(path)
    texts = [(n.id, t) for n in s.nodes.values() for t in (n.text, n.debrief, n.discussion)]
    texts += [(f"{n.id}/{c.id}", t) for n in s.nodes.values() for c in n.choices
              for t in (c.text, c.feedback, c.critical or "")]
    assert not [(where, ONE_LIMIT.search(t)[0]) for where, t in texts if ONE_LIMIT.search(t)]


def test_lived_experience_of_medication_is_rewarded_somewhere():
    sides = [(path.stem, t.choice.id) for path in FILES
             for t in tagged(scenario(path), source(path))
             if (t.rule, t.side) == ("medication", "lived experience")]
    assert len({stem for stem, _ in sides}) >= 2, sides


def _good_but_incomplete(s: Scenario) -> list[str]:
    """Choices that are not best and not critical, never negative, and at least +2 in all."""
    found = []
    for node in s.nodes.values():
        if node.kind != DECISION:
            continue
        top = best_choices(node)
        for c in node.choices:
            marks = list(c.scores.values())
            if (c.id not in top and not c.critical and marks and min(marks) >= 0
                    and sum(marks) >= 2):
                found.append(f"{node.id}/{c.id}")
    return found


def _tied(s: Scenario) -> list[str]:
    return [node.id for node in s.nodes.values()
            if node.kind == DECISION and len(best_choices(node)) > 1]


def test_a_third_of_the_library_has_tied_best_and_good_but_incomplete_answers():
    both = [path.stem for path in FILES
            if _tied(scenario(path)) and _good_but_incomplete(scenario(path))]
    assert len(both) >= math.ceil(len(FILES) / 3), both


def test_the_checks_can_fail(tmp_path: Path):
    """A directive without its critical, a stray tag and an unknown side are each reported."""
    original = DIALOGUES / "dose-question.yaml"
    text = source(original)
    cut = re.sub(r"\n        critical: Gave medication-dose advice, which a peer specialist "
                 r"never gives\.", "", text, count=1)
    assert cut != text
    cut = cut.replace("nodes:\n", "nodes:\n  # line: medication (directive)\n", 1)
    cut = cut.replace("# line: medication (declines)", "# line: medication (maybe)", 1)
    broken = tmp_path / "dose-question.yaml"
    broken.write_text(cut, encoding="utf-8")
    result = load_file(broken)
    assert result.scenario is not None
    found = problems(result.scenario, cut)
    assert any("doubled-before: a medication directive must be critical" in p for p in found)
    assert any("not directly above a choice" in p for p in found)
    assert any("'medication (maybe)'" in p for p in found)
