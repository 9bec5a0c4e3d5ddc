"""The layered layout: every node placed, none overlapping, the start on top, edges
mostly going down, loops and parts apart handled, and kept positions never moved."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.engine.layout import BOX, place
from alongside.engine.load import load_file, load_text
from alongside.paths import DIALOGUES, scenario_files
from tests.engine.layout_graphs import DIAMOND, overlaps


def test_every_node_is_placed_once_and_no_boxes_overlap():
    nodes, edges = DIAMOND
    centres = place(nodes, edges)
    assert list(centres) == nodes
    assert overlaps(centres) == []


def test_the_start_is_alone_on_the_top_layer_and_edges_go_down():
    nodes, edges = DIAMOND
    centres = place(nodes, edges)
    top = min(y for _, y in centres.values())
    assert [n for n, (_, y) in centres.items() if y == top] == ["start"]
    down = [(a, b) for a, b in edges if centres[b][1] > centres[a][1]]
    assert len(down) >= len(edges) - 1  # only the loop back to "ask" goes up
    assert centres["maybe"][1] > centres["ask"][1]


def test_a_loop_back_to_the_start_keeps_the_start_on_top():
    nodes = ["s", "a", "b"]
    centres = place(nodes, [("s", "a"), ("a", "b"), ("b", "s"), ("b", "b")])
    assert centres["s"][1] < centres["a"][1] < centres["b"][1]


def test_disconnected_parts_stand_side_by_side_in_scenario_order():
    nodes = ["s", "a", "x", "y", "lone"]
    centres = place(nodes, [("s", "a"), ("x", "y")])
    assert overlaps(centres) == []
    assert centres["s"][0] < centres["x"][0] < centres["lone"][0]
    assert centres["s"][1] == centres["x"][1] == centres["lone"][1]


def test_sizes_are_respected_between_neighbours_in_a_layer():
    nodes = ["s", "wide", "narrow", "other"]
    sizes = {"s": (100.0, 40.0), "wide": (600.0, 40.0), "narrow": (50.0, 40.0),
             "other": (50.0, 300.0)}
    centres = place(nodes, [("s", "wide"), ("s", "narrow"), ("s", "other")], sizes)
    assert overlaps(centres, sizes) == []


def test_an_added_node_and_edge_move_no_node_that_was_placed():
    nodes, edges = DIAMOND
    before = place(nodes, edges)
    after = place([*nodes, "aside"], [*edges, ("ask", "aside"), ("aside", "end")],
                  saved=before)
    assert {n: after[n] for n in nodes} == before
    assert overlaps(after) == []
    assert after["aside"][1] > before["ask"][1]  # below the node that leads to it


def test_many_added_nodes_stay_clear_of_the_kept_ones_and_of_each_other():
    nodes, edges = DIAMOND
    before = place(nodes, edges)
    extra = [f"n{i}" for i in range(30)]
    links = [("ask", extra[0])] + [(a, b) for a, b in zip(extra, extra[1:], strict=False)]
    links += [("after", f"n{i}") for i in range(0, 30, 3)]
    after = place([*nodes, *extra, "island", "shore"],
                  [*edges, *links, ("island", "shore")], saved=before)
    assert {n: after[n] for n in nodes} == before
    assert set(after) == {*nodes, *extra, "island", "shore"}
    assert overlaps(after) == []
    right = max(x for x, _ in before.values())
    assert after["island"][0] > right  # a new part stands to the right


def test_deleted_nodes_are_dropped_and_saved_positions_kept_exactly():
    saved = {"s": (10.25, 20.0), "gone": (500.0, 500.0)}
    centres = place(["s", "a"], [("s", "a")], saved=saved)
    assert centres["s"] == (10.25, 20.0)
    assert "gone" not in centres
    assert centres["a"][1] > 20.0 + BOX[1] / 2


def _map_of(scenario):
    nodes = sorted(scenario.nodes, key=lambda n: n != scenario.start)
    edges = [(n.id, t) for n in scenario.nodes.values()
             for t in [c.next for c in n.choices] + [r.next for r in n.branch]
             + ([n.next] if n.next and not n.choices and not n.branch else [])]
    return nodes, edges


LIBRARY = sorted(scenario_files([DIALOGUES]))


@pytest.mark.parametrize("path", LIBRARY, ids=[p.stem for p in LIBRARY])
def test_every_library_scenario_lays_out_cleanly(path):
    scenario = load_file(path).scenario
    _clean(scenario, *_map_of(scenario), dict.fromkeys(scenario.nodes, (204.0, 96.0)))


def test_a_generated_scenario_of_the_librarys_shape_lays_out_cleanly():
    from alongside.engine.generate import branching_yaml

    scenario = load_text(branching_yaml(400), "branching.yaml", stem="branching").scenario
    _clean(scenario, *_map_of(scenario), None)


def _clean(scenario, nodes, edges, sizes):
    centres = place(nodes, edges, sizes)
    assert set(centres) == set(nodes) and overlaps(centres, sizes) == []
    top = min(y for _, y in centres.values())
    assert [n for n, (_, y) in centres.items() if y == top] == [scenario.start]
    up = [(a, b) for a, b in edges if centres[b][1] <= centres[a][1]]
    assert len(up) < 0.1 * len(edges)
    assert all(_reaches(edges, b, a) for a, b in up)  # only edges that close a loop


def _reaches(edges, source, target):
    seen, todo = {source}, [source]
    while todo:
        node = todo.pop()
        for a, b in edges:
            if a == node and b not in seen:
                seen.add(b)
                todo.append(b)
    return target in seen


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_no_two_boxes_overlap_whatever_the_graph_and_the_sizes(data):
    count = data.draw(st.integers(2, 40))
    nodes = [f"n{i}" for i in range(count)]
    node = st.sampled_from(nodes)
    edges = data.draw(st.lists(st.tuples(node, node), max_size=3 * count))
    sizes = {n: data.draw(st.tuples(st.sampled_from([30.0, 180.0, 420.0]),
                                    st.sampled_from([20.0, 80.0, 240.0]))) for n in nodes}
    centres = place(nodes, edges, sizes)
    assert set(centres) == set(nodes)
    assert overlaps(centres, sizes) == []
    kept = dict(list(centres.items())[: count // 2])
    again = place(nodes, edges, sizes, saved=kept)
    assert {n: again[n] for n in kept} == kept
    assert overlaps(again, sizes) == []


def test_long_edges_left_out_past_the_budget_change_no_nodes_layer(monkeypatch):
    """Edges that jump far ahead and back, to many different nodes: each would need a
    stand-in in every layer it crosses."""
    from alongside.engine.layout import layered

    nodes = [f"n{i}" for i in range(120)]
    edges = [(a, b) for a, b in zip(nodes, nodes[1:], strict=False)]
    edges += [(nodes[i], nodes[(i * 7 + 3) % 120]) for i in range(120)]
    whole = place(nodes, edges)
    monkeypatch.setattr(layered, "STAND_INS", 0)
    lean = place(nodes, edges)
    assert {n: y for n, (_, y) in lean.items()} == {n: y for n, (_, y) in whole.items()}
    assert overlaps(lean) == []


def test_an_act_pasted_in_keeps_its_own_layered_shape_below_the_node_it_follows():
    nodes, edges = DIAMOND
    before = place(nodes, edges)
    act = ["a1", "a2", "a3", "a4", "a5"]
    inside = [("a1", "a2"), ("a1", "a3"), ("a2", "a4"), ("a3", "a4"), ("a4", "a5")]
    after = place([*nodes, *act], [*edges, ("end", "a1"), *inside], saved=before)
    assert {n: after[n] for n in nodes} == before
    alone = place(act, inside)
    shift = after["a1"][0] - alone["a1"][0], after["a1"][1] - alone["a1"][1]
    assert {n: (after[n][0] - shift[0], after[n][1] - shift[1]) for n in act} == alone
    assert after["a1"][1] > before["end"][1]
    assert overlaps(after) == []
