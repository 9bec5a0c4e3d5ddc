"""What every scenario in the library must be, beyond merely loading.

Size and shape, three endings of each kind within reach, a passing path and a
tempting critical error, no cue to the best answer, the language it teaches,
characters with pronouns and portraits; and across the library, every setting.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from alongside.engine.model import BRANCH, DECISION, ENDING, Node, Scenario
from alongside.engine.session import PlaySession
from alongside.engine.vocabulary import DIMENSIONS, ENDINGS, SETTINGS
from alongside.paths import PORTRAITS
from alongside.scoring import cues, language
from alongside.scoring.analysis import review, unquoted
from alongside.scoring.attempt import AttemptScore, best_choices, score_attempt
from alongside.scoring.replay import check_saved_paths
from tests.dialogues.library import FILES, PARAMS, loaded, scenario

Plan = Callable[[Node, int], str]


def decisions(s: Scenario) -> list[Node]:
    return [node for node in s.nodes.values() if node.kind == DECISION]


def reachable(s: Scenario) -> set[str]:
    seen, todo = {s.start}, [s.start]
    while todo:
        for target in s.nodes[todo.pop()].successors():
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def best(node: Node, _step: int = 0) -> str:
    return best_choices(node)[0]


def play(s: Scenario, plan: Plan) -> tuple[PlaySession, AttemptScore]:
    """Play `plan(node, step)` at each decision until an ending (or a step limit)."""
    session = PlaySession(s).start()
    for step in range(4 * len(decisions(s)) + 4):
        if session.ended:
            break
        session.choose(plan(session.node, step))
    return session, score_attempt(s, session.decisions, session.ended)


@pytest.mark.parametrize("path", PARAMS)
def test_validates_without_warnings(path: Path):
    result = loaded(path)
    problems = list(result.problems)
    if result.scenario is not None:
        problems += review(result.scenario) + check_saved_paths(result.scenario)
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("path", PARAMS)
def test_size_and_shape(path: Path):
    s = scenario(path)
    assert 20 <= len(s.nodes) <= 60, f"{len(s.nodes)} nodes"
    assert 6 <= s.decision_count() <= 12, f"{s.decision_count()} decisions"
    for node in decisions(s):
        assert 3 <= len(node.choices) <= 4, f"node '{node.id}' offers {len(node.choices)}"
    scored = {d for node in decisions(s) for c in node.choices for d in c.scores}
    assert scored == set(DIMENSIONS)


@pytest.mark.parametrize("path", PARAMS)
def test_every_kind_of_ending_is_reachable(path: Path):
    s = scenario(path)
    kinds = {s.nodes[n].ending for n in reachable(s) if s.nodes[n].kind == ENDING}
    assert kinds == set(ENDINGS)


@pytest.mark.parametrize("path", PARAMS)
def test_best_choices_pass(path: Path):
    session, outcome = play(scenario(path), best)
    assert outcome.ended, session.path
    assert outcome.passed, (session.decisions, outcome)


@pytest.mark.parametrize("path", PARAMS)
def test_a_tempting_critical_error_fails(path: Path):
    """A critical choice sits on the best path, and taking it there fails the attempt."""
    s = scenario(path)
    assert any(c.critical for node in decisions(s) for c in node.choices)
    session, _ = play(s, best)
    tempting = [(step, node_id, c.id) for step, (node_id, _) in enumerate(session.decisions)
                for c in s.nodes[node_id].choices if c.critical]
    assert tempting, "no critical choice is offered along the best path"
    for step, node_id, choice_id in tempting:
        def plan(node: Node, at: int, step=step, choice_id=choice_id) -> str:
            return choice_id if at == step else best(node)

        fallen, outcome = play(s, plan)
        assert (node_id, choice_id) in fallen.decisions
        assert outcome.ended, fallen.path
        assert not outcome.passed and outcome.critical


@pytest.mark.parametrize("path", PARAMS)
def test_no_cue_to_the_best_answer(path: Path):
    s = scenario(path)
    longest = total = 0
    places = set()
    for node in decisions(s):
        top = best_choices(node)
        if not top:
            continue
        total += 1
        length = max(len(c.text) for c in node.choices)
        longest += any(len(node.choice(b).text) == length for b in top)
        places.update(i for i, c in enumerate(node.choices) if c.id in top)
    assert longest * 2 <= total, f"the best answer is the longest in {longest} of {total}"
    assert len(places) > 1, f"the best answer is always choice {places}"


def test_no_cue_to_the_best_answer_across_the_library():
    """What `validate dialogues` checks once for the whole library (cue-library-*)."""
    problems = cues.review_library([cues.shape_of(scenario(path)) for path in FILES],
                                   "dialogues")
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("path", PARAMS)
def test_narration_feedback_and_debrief_model_the_language(path: Path):
    s = scenario(path)
    found = []
    for node in s.nodes.values():
        texts = [(node.text, node.quoted_terms)] if node.speaker is None and node.text else []
        if node.debrief:
            texts.append((node.debrief, node.quoted_terms))
        texts += [(c.feedback, (*c.quoted_terms, *node.quoted_terms)) for c in node.choices]
        for text, quoted in texts:
            found += [f"{node.id}: '{f.text}'" for f in unquoted(language.check(text), quoted)]
    assert not found


@pytest.mark.parametrize("path", PARAMS)
def test_characters_have_pronouns_and_portraits(path: Path):
    s = scenario(path)
    assert s.characters
    for character in s.characters.values():
        assert character.pronouns.strip(), character.id
        assert (PORTRAITS / character.portrait).is_dir(), character.portrait


def uses_variable_in_branch(s: Scenario) -> bool:
    return any(rule.condition is not None and rule.condition.names
               for node in s.nodes.values() if node.kind == BRANCH for rule in node.branch)


def test_library_size_settings_and_variables():
    scenarios = [scenario(path) for path in FILES]
    assert len(scenarios) >= 16
    assert set(SETTINGS) <= {s.setting for s in scenarios}
    branching = [s.id for s in scenarios if uses_variable_in_branch(s)]
    assert len(branching) * 2 >= len(scenarios), branching


def _endings_after_a_critical_choice(s: Scenario) -> set[str]:
    """Every ending reachable once a critical choice has been taken (exact, by states)."""
    start = (s.start, tuple(v.start for v in s.variables.values()), False)
    names = list(s.variables)
    seen, todo, found = {start}, [start], set()
    while todo:
        node_id, values, crossed = todo.pop()
        node, env = s.nodes[node_id], dict(zip(names, values, strict=True))
        if node.kind == ENDING:
            if crossed:
                found.add(node_id)
            continue
        moves = []
        if node.kind == DECISION:
            for choice in node.choices:
                after = dict(env)
                for name, delta in choice.effects.items():
                    after[name] = s.variables[name].clamp(after[name] + delta)
                moves.append((choice.next, after, crossed or bool(choice.critical)))
        elif node.kind == BRANCH:
            rule = next(r for r in node.branch if r.condition is None or r.condition.test(env))
            moves.append((rule.next, env, crossed))
        else:
            moves.append((node.next, env, crossed))
        for target, after, flag in moves:
            state = (target, tuple(after[n] for n in names), flag)
            if state not in seen:
                seen.add(state)
                todo.append(state)
    return found


@pytest.mark.parametrize("path", PARAMS)
def test_a_critical_choice_never_leads_to_a_strong_ending(path):
    """The story must not reward a line the seeds draw: after a critical choice the
    person's ending is mixed or harmful, so the ending and the verdict agree."""
    s = scenario(path)
    strong = {e for e in _endings_after_a_critical_choice(s) if s.nodes[e].ending == "strong"}
    assert strong == set()
