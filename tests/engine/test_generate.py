"""The map benchmarks' generated scenario: valid, and shaped like the library."""

from __future__ import annotations

from collections import Counter

from alongside.engine.generate import branching_yaml
from alongside.engine.load import load_text


def test_the_branching_scenario_validates_cleanly_with_the_librarys_mix_of_nodes():
    result = load_text(branching_yaml(2000), "branching.yaml", stem="branching")
    assert result.ok and result.problems == []
    nodes = result.scenario.nodes.values()
    assert 2000 <= len(nodes) <= 2010
    kinds = Counter("narration" if n.kind == "speech" and not n.speaker else n.kind
                    for n in nodes)
    share = {kind: count / len(nodes) for kind, count in kinds.items()}
    assert 0.35 < share["speech"] < 0.55 and 0.1 < share["narration"] < 0.25
    assert 0.15 < share["decision"] < 0.25 and 0.05 < share["ending"] < 0.2
    assert 0.03 < share["branch"] < 0.1
    decisions = [n for n in nodes if n.kind == "decision"]
    assert all(len(n.choices) == 3 for n in decisions)
    apart = sum(len({c.next for c in n.choices}) == 3 for n in decisions)
    assert apart > len(decisions) * 0.9  # choices lead apart, not all to one node
