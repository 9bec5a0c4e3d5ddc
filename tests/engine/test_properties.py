"""Property tests: random valid scenarios, random walks, random damage."""

from __future__ import annotations

import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.engine.load import load_text
from alongside.engine.session import PlaySession
from alongside.scoring.attempt import score_attempt

DIMS = ("language", "decision", "role")


@st.composite
def scenarios(draw) -> str:
    """A valid scenario as YAML text, built so that every rule holds by construction.

    Nodes are numbered; every node's first successor is the next number, and
    other successors only point forward, so all nodes are reachable and all
    reach one of the endings that some node names.
    """
    count = draw(st.integers(2, 25))
    kinds = draw(st.lists(st.sampled_from(["speech", "decision", "decision", "branch"]),
                          min_size=count, max_size=count))
    lines = [
        "format: 1", "id: prop", "title: Property", "summary: Generated.",
        "setting: community", "competencies: [hope]", "difficulty: 1", "minutes: 5",
        "characters:", "  kim: {name: Kim}",
        "variables:",
        f"  trust: {{start: {draw(st.integers(0, 5))}, min: 0, max: 5}}",
        "  hope: {start: 1, min: -3, max: 3}",
        "start: n0", "nodes:",
    ]
    endings = ["end-strong", "end-mixed", "end-harmful"]
    used: set[str] = set()

    def forward(i: int) -> str:
        target = draw(st.sampled_from([f"n{j}" for j in range(i + 1, count)] + endings))
        used.add(target)
        return target

    for i, kind in enumerate(kinds):
        first = f"n{i + 1}" if i + 1 < count else forward(i)
        lines.append(f"  n{i}:")
        if kind == "speech":
            lines += ["    speaker: kim", f"    text: Line {i}.", f"    next: {first}"]
        elif kind == "branch":
            op = draw(st.sampled_from(["<", "<=", "==", "!=", ">", ">="]))
            value = draw(st.integers(-3, 6))
            lines += ["    branch:",
                      f"      - if: trust {op} {value} or not hope > 0",
                      f"        next: {forward(i)}",
                      f"      - next: {first}"]
        else:
            lines += [f"    text: Decision {i}.", "    choices:"]
            scored = draw(st.lists(st.sampled_from(DIMS), unique=True))
            for c in range(draw(st.integers(2, 4))):
                marks = ", ".join(f"{d}: {draw(st.integers(-2, 2))}" for d in scored)
                critical = draw(st.booleans()) and c == 0
                lines += [f"      - id: c{c}", f"        text: Choice {c}.",
                          f"        scores: {{{marks}}}", "        feedback: Because.",
                          f"        effects: {{trust: {draw(st.integers(-3, 3))}, "
                          f"hope: {draw(st.integers(-3, 3))}}}",
                          f"        next: {first if c == 0 else forward(i)}"]
                if critical:
                    lines.append("        critical: Crossed a line.")
    for ending in sorted(used.intersection(endings)):
        lines += [f"  {ending}:", f"    ending: {ending[4:]}", "    text: The end."]
    return "\n".join(lines) + "\n"


def _walk(scenario, seed: int) -> PlaySession:
    rng = random.Random(seed)
    session = PlaySession(scenario).start()
    while session.offered():
        session.choose(rng.choice(session.offered()).id)
    return session


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.integers(0, 2**32))
def test_random_walks_replay_exactly_and_score_within_bounds(text, seed):
    result = load_text(text, "prop.yaml", stem="prop")
    assert result.ok, [str(p) for p in result.problems]
    scenario = result.scenario
    first = _walk(scenario, seed)
    again = PlaySession(scenario).start().replay([c for _, c in first.decisions])
    assert (again.path, again.variables, again.ending) == (first.path, first.variables,
                                                           first.ending)
    assert first.ended
    for name, variable in scenario.variables.items():
        assert variable.min <= first.variables[name] <= variable.max
    outcome = score_attempt(scenario, first.decisions, first.ended)
    for value in outcome.scores.values():
        assert value is None or 0.0 <= value <= 1.0
    assert outcome.passed == (not outcome.critical and all(
        v >= 0.7 for v in outcome.scores.values() if v is not None))
    json.dumps(outcome.scores)


@settings(max_examples=300, deadline=None)
@given(scenarios(), st.data())
def test_validator_never_crashes_on_damaged_scenarios(text, data):
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(lines) - 1))
        how = data.draw(st.sampled_from(["drop", "double", "indent", "dedent", "garble", "swap"]))
        if how == "drop":
            del lines[at]
        elif how == "double":
            lines.insert(at, lines[at])
        elif how == "indent":
            lines[at] = "  " + lines[at]
        elif how == "dedent":
            lines[at] = lines[at][2:]
        elif how == "garble":
            lines[at] = data.draw(st.text(max_size=30))
        else:
            other = data.draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        if not lines:
            lines = [""]
    result = load_text("\n".join(lines), "prop.yaml", stem="prop")
    for problem in result.problems:
        assert problem.line >= 1 and problem.col >= 1
    assert result.ok == (not any(p.is_error for p in result.problems))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_validator_never_crashes_on_arbitrary_text(text):
    result = load_text(text, "junk.yaml", stem="junk")
    assert result.ok is False or result.scenario is not None
