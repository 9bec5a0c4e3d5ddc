"""The map's graph: kinds an author reads, edges per choice, next and branch entry, lines."""

from __future__ import annotations

from alongside.engine.graph import (
    BRANCH,
    CHOICE,
    NARRATION,
    NEXT,
    OTHERWISE,
    graph_of,
    matching,
    problems_on_nodes,
)
from alongside.engine.load import load_file, load_text
from alongside.engine.problems import Problem
from alongside.paths import DIALOGUES, scenario_files
from tests.engine.scenarios import TWO_DECISIONS

SMALL = """\
format: 1
id: small
title: Small
summary: A decision, a branch and two endings.
setting: community
competencies: [role-clarity]
difficulty: 1
minutes: 5
characters:
  sam: {name: Sam, pronouns: she/her}
variables:
  trust: {start: 2, min: 0, max: 5}
start: intro
nodes:
  intro:
    text: Late afternoon at the drop-in, and Sam is waiting by the window for you.
    next: ask
  ask:
    speaker: sam
    text: Should I take an extra pill tonight?
    choices:
      - id: advise
        text: One extra is fine.
        scores: {role: -2}
        critical: Gave medication-dose advice
        feedback: Dose advice is outside the peer role.
        effects: {trust: -1}
        next: check
      - id: explore
        text: What has helped before?
        scores: {role: 2}
        feedback: An open question keeps the choice with Sam.
        effects: {trust: 1}
        next: check
  check:
    branch:
      - if: trust >= 3
        next: good
      - next: bad
  good:
    ending: strong
    text: Sam calls the nurse line.
  bad:
    ending: harmful
    text: Sam takes the pill on your word.
"""


def small():
    result = load_text(SMALL, "small.yaml", stem="small")
    assert result.ok, result.problems
    return graph_of(result.scenario, result.text)


def test_nodes_have_the_kinds_an_author_reads_start_first():
    graph = small()
    assert graph.start == "intro"
    assert [(n.id, n.kind) for n in graph.nodes] == [
        ("intro", NARRATION), ("ask", "decision"), ("check", "branch"), ("good", "ending"),
        ("bad", "ending")]
    assert [n.ending for n in graph.nodes if n.kind == "ending"] == ["strong", "harmful"]


def test_labels_are_the_speaker_and_the_first_words():
    graph = small()
    assert graph.node("ask").label == "Sam: Should I take an extra pill tonight?"
    assert graph.node("intro").label == "Late afternoon at the drop-in, and Sam is…"
    assert graph.node("check").text == "trust >= 3; otherwise"
    assert graph.node("ask").variables == {"trust"}
    assert graph.node("check").variables == {"trust"}


def test_edges_per_choice_next_and_branch_entry():
    edges = small().edges
    assert [(e.source, e.target, e.kind, e.label) for e in edges] == [
        ("intro", "ask", NEXT, ""), ("ask", "check", CHOICE, "advise"),
        ("ask", "check", CHOICE, "explore"), ("check", "good", BRANCH, "trust >= 3"),
        ("check", "bad", OTHERWISE, "otherwise")]
    advise, explore = edges[1], edges[2]
    assert advise.scores == {"role": -2} and advise.critical == "Gave medication-dose advice"
    assert explore.scores == {"role": 2} and explore.critical == ""


def test_each_node_starts_at_the_line_of_its_id():
    graph = small()
    lines = SMALL.splitlines()
    for node in graph.nodes:
        assert lines[node.line - 1].strip() == f"{node.id}:"
    assert graph.node_at_line(graph.node("ask").line + 5) == "ask"
    assert graph.node_at_line(3) is None
    assert graph.node_at_line(len(lines)) == "bad"


def test_problems_go_to_the_node_that_holds_their_line_or_that_they_name():
    graph = small()
    ask = graph.node("ask").line
    at_line = Problem("small.yaml", ask + 4, 9, "x", "a problem inside the decision")
    named = Problem("small.yaml", 2, 1, "x", "node 'good' cannot be reached from 'intro'")
    header = Problem("small.yaml", 5, 1, "x", "unknown setting")
    placed, loose = problems_on_nodes(graph, [at_line, named, header])
    assert placed == {"ask": [at_line], "good": [named]}
    assert loose == [header]


def test_a_file_with_errors_still_has_a_draft_to_draw_its_problems_on(tmp_path):
    broken = SMALL.replace("next: check\n      - id: explore", "next: chekc\n      - id: explore")
    path = tmp_path / "small.yaml"
    path.write_text(broken, encoding="utf-8")
    result = load_file(path)
    assert result.scenario is None and result.draft is not None
    graph = graph_of(result.draft, result.text)
    placed, _loose = problems_on_nodes(graph, result.problems)
    assert [p.rule for p in placed["ask"] if p.is_error] == ["dangling-next"]
    assert ("ask", "chekc") not in graph.pairs()
    assert ("ask", "check") in graph.pairs()


def test_every_library_scenario_makes_a_whole_graph():
    for path in sorted(scenario_files([DIALOGUES])):
        result = load_file(path)
        graph = graph_of(result.scenario, result.text)
        ids = graph.ids()
        assert len(ids) == len(set(ids)) == len(result.scenario.nodes)
        assert ids[0] == result.scenario.start
        assert len(graph.pairs()) == len(graph.edges), path.name
        lines = result.text.splitlines()
        for node in graph.nodes:
            assert lines[node.line - 1].lstrip().startswith(node.id), (path.name, node.id)


def test_speech_is_told_from_narration():
    result = load_text(TWO_DECISIONS, "two.yaml", stem="two")
    graph = graph_of(result.scenario, result.text)
    assert graph.node("intro").kind == NARRATION
    assert graph.node("d1").kind == "decision" and graph.node("d1").speaker == "Ana"


def test_find_by_id_text_choice_or_variable():
    graph = small()
    assert matching(graph, "ASK") == ["ask"]
    assert matching(graph, "nurse line") == ["good"]
    assert matching(graph, "explore") == ["ask"]
    assert matching(graph, "trust") == ["ask", "check"]
    assert matching(graph, "sam") == ["intro", "ask", "good", "bad"]
    assert matching(graph, "  ") == []
    assert matching(graph, "nowhere") == []
