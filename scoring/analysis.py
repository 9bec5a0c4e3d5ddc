"""Scenario-level analysis for authors and, later, instructors.

- The best achievable score per dimension and a passing path, if one exists
  (`no-passing-path` is an error: a scenario nobody can pass teaches nothing).
- `lint-language`: a choice scored as good language must not contain a term
  the checker flags; the library must model the language it teaches.
- Test-wise cues: the best answer should not usually be the longest one, nor
  always sit in the same position, or trainees learn to guess. These two are
  plain rules of thumb; `alongside.scoring.cues` tests every shape feature
  (final mark, signal words, length rank, position of the best and of the
  critical choice) against chance, per scenario and across the library.

Paths are explored exactly, state by state (node, variables, running sums),
with qualities kept in twelfths so that sums stay whole numbers and identical
states merge. Exploration stops at a fixed budget and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from alongside.engine.model import ENDING, Choice, Scenario
from alongside.engine.problems import ERROR, WARNING, Problem
from alongside.engine.vocabulary import DIMENSIONS
from alongside.engine.walk import settle
from alongside.scoring import cues, language
from alongside.scoring.attempt import quality
from alongside.scoring.bands import PASS_FLOOR

TWELFTHS = 12
STATE_BUDGET = 200_000


@dataclass(frozen=True, slots=True)
class Analysis:
    best: Mapping[str, float | None]
    passing_path: tuple[str, ...] | None
    complete: bool


def _gains(scenario: Scenario) -> dict[tuple[str, str], list[int | None]]:
    """Each choice's quality per dimension, in twelfths (None where not assessed)."""
    gains = {}
    for node in scenario.nodes.values():
        for choice in node.choices:
            marks: list[int | None] = []
            for d in DIMENSIONS:
                q = quality(node, choice.id, d)
                marks.append(None if q is None else round(q * TWELFTHS))
            gains[node.id, choice.id] = marks
    return gains


class _Trail:
    """How each explored state was reached: the state before it and the choice taken.

    Keeping one link per state, rather than each state's whole path, keeps the
    exploration linear in memory however long the scenario is.
    """

    def __init__(self) -> None:
        self.parent: list[int] = []
        self.choice: list[str] = []

    def add(self, parent: int, choice: str) -> int:
        self.parent.append(parent)
        self.choice.append(choice)
        return len(self.parent) - 1

    def path(self, index: int) -> tuple[str, ...]:
        taken = []
        while index >= 0:
            taken.append(self.choice[index])
            index = self.parent[index]
        return tuple(reversed(taken))


def analyse(scenario: Scenario, budget: int = STATE_BUDGET) -> Analysis:
    """Explore every path: best mean per dimension, and one passing path if any."""
    names, gains, trail = tuple(scenario.variables), _gains(scenario), _Trail()
    # The best choice is pushed last, so it is explored first: a passing path, if
    # there is one, is usually found long before the state budget runs out.
    def gain(node_id: str, choice: Choice) -> int:
        return sum(m or 0 for m in gains[node_id, choice.id])

    order = {nid: sorted(node.choices, key=partial(gain, nid))
             for nid, node in scenario.nodes.items() if node.choices}
    start_vars = {n: v.start for n, v in scenario.variables.items()}
    zero = (0,) * len(DIMENSIONS)
    first = (settle(scenario, scenario.start, start_vars), tuple(start_vars.values()), zero,
             zero, False)
    stack: list[tuple[tuple, int, int]] = [(first, -1, 0)]  # state, trail index, depth
    seen = {first}
    best: list[float | None] = [None] * len(DIMENSIONS)
    passing: tuple[str, ...] | None = None
    max_steps = 2 * scenario.decision_count() + 1
    while stack:
        (node_id, values, sums, counts, critical), at, depth = stack.pop()
        node = scenario.nodes[node_id]
        if node.kind == ENDING:
            means = [s / c / TWELFTHS if c else None for s, c in zip(sums, counts, strict=True)]
            for i, mean in enumerate(means):
                if mean is not None and (best[i] is None or mean > best[i]):
                    best[i] = mean
            if passing is None and not critical and all(
                    m is None or round(m, 3) >= PASS_FLOOR for m in means):
                passing = trail.path(at)
            continue
        if depth >= max_steps:
            continue
        for choice in order[node_id]:
            variables = dict(zip(names, values, strict=True))
            for name, delta in choice.effects.items():
                variables[name] = scenario.variables[name].clamp(variables[name] + delta)
            marks = gains[node_id, choice.id]
            state = (settle(scenario, choice.next, variables), tuple(variables.values()),
                     tuple(s + (m or 0) for s, m in zip(sums, marks, strict=True)),
                     tuple(c + (m is not None) for c, m in zip(counts, marks, strict=True)),
                     critical or bool(choice.critical))
            if state not in seen:
                if len(seen) >= budget:
                    return Analysis(_best(best), passing, complete=False)
                seen.add(state)
                stack.append((state, trail.add(at, choice.id), depth + 1))
    return Analysis(_best(best), passing, complete=True)


def _best(best: Sequence[float | None]) -> dict[str, float | None]:
    return {d: None if b is None else round(b, 3) for d, b in zip(DIMENSIONS, best, strict=True)}


def review(scenario: Scenario,
           checker: Callable[[str], Sequence[language.Finding]] = language.check,
           shape: cues.Shape | None = None) -> list[Problem]:
    """The analysis's problems for `validate`: one error, the rest warnings.

    `shape` is the scenario's `cues.shape_of`, when the caller keeps it for the
    library-wide checks.
    """
    path = scenario.path
    problems: list[Problem] = []
    analysis = analyse(scenario)
    if analysis.passing_path is None:
        severity = ERROR if analysis.complete else WARNING
        scope = "" if analysis.complete else " among the paths explored before the budget ran out"
        problems.append(Problem(path, 1, 1, "no-passing-path",
                                f"no path passes{scope}: every ending is reached only with a "
                                f"critical choice or a skill below {PASS_FLOOR:.2f}", severity))
    for node in scenario.nodes.values():
        for choice in node.choices:
            if choice.scores.get("language", 0) > 0:
                for finding in unquoted(checker(choice.text), choice.quoted_terms):
                    problems.append(Problem(
                        path, choice.line, 1, "lint-language",
                        f"choice '{choice.id}' of node '{node.id}' scores well on language but "
                        f"says '{finding.text}' ({finding.entry.why} Try: "
                        f"{'; '.join(finding.entry.suggestions)})", WARNING))
    shape = shape or cues.shape_of(scenario)
    thumb = _cues(scenario, shape)
    answered = {"cue-best-position"} if any(p.rule == "cue-position" for p in thumb) else set()
    problems += thumb
    problems += cues.review_shape(shape, skip=answered)
    return problems


def unquoted(findings: Sequence[language.Finding],
             quoted: Sequence[str]) -> list[language.Finding]:
    """Findings other than the words a line marks as used on purpose (`quoted_terms`)."""
    return [f for f in findings if not any(f.text.lower().startswith(term) for term in quoted)]


def _cues(scenario: Scenario, shape: cues.Shape) -> list[Problem]:
    """Two rules of thumb: the best answer is not mostly the longest, nor always in one place."""
    total = len(shape.decisions)
    longest = sum(1 for d in shape.decisions
                  if any(b and not n for b, n in zip(d.best, d.longer, strict=True)))
    places = {i for d in shape.decisions for i, best in enumerate(d.best) if best}
    problems = []
    if total >= 2 and longest * 2 > total:
        problems.append(Problem(scenario.path, 1, 1, "cue-longest",
                                f"the best answer is also the longest in {longest} of {total} "
                                "decisions; trainees can guess by length", WARNING))
    if total >= 3 and len(places) == 1:
        problems.append(Problem(scenario.path, 1, 1, "cue-position",
                                f"the best answer is always choice {places.pop() + 1}; trainees "
                                "can guess by position", WARNING))
    return problems
