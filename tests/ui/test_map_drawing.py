"""How much the map draws: words near, shapes far, only the selected node's edges when a
large map is fitted whole, plain lines while it moves (what keeps 2,000 nodes smooth)."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from alongside.engine.generate import scenario_yaml
from alongside.engine.graph import graph_of
from alongside.engine.load import load_text
from alongside.ui.studio.map_edges import CROWD
from alongside.ui.studio.map_items import FAR, NEAR, Palette
from alongside.ui.studio.map_scene import MapScene, MapView
from alongside.ui.themes import LIGHT


def drawn_scene(qtbot, nodes: int):
    result = load_text(scenario_yaml(nodes), "generated.yaml", stem="generated")
    graph = graph_of(result.scenario, result.text)
    centres = {nid: ((i % 7) * 300.0, (i // 7) * 160.0) for i, nid in enumerate(graph.ids())}
    view = MapView(MapScene())
    view.map.setParent(view)
    qtbot.addWidget(view)
    view.map.show_graph(graph, centres, {}, Palette.of(LIGHT))
    return view, graph


def test_a_fitted_large_map_draws_only_the_selected_nodes_edges(qtbot):
    view, graph = drawn_scene(qtbot, 2000)
    layer = view.map.edges
    everything = layer.boundingRect()
    how, shown, _width = layer.plan(FAR / 2, everything)
    assert len(layer.drawn) > CROWD and how == "lines" and shown == []
    view.select("d10")
    how, shown, _width = layer.plan(FAR / 2, everything)
    assert shown and all("d10" in (d.edge.source, d.edge.target) for d in shown)


def test_a_small_map_far_out_draws_every_edge(qtbot):
    view, graph = drawn_scene(qtbot, 40)
    layer = view.map.edges
    how, shown, _width = layer.plan(FAR / 2, layer.boundingRect())
    assert len(shown) == len(layer.drawn) == len(graph.edges)


def test_near_edges_are_curves_when_still_and_lines_while_moving(qtbot):
    view, graph = drawn_scene(qtbot, 2000)
    layer = view.map.edges
    start = view.map.items_by_id[graph.start].pos()
    near = QRectF(start.x() - 800, start.y() - 450, 1600, 900)
    view.show()
    qtbot.waitUntil(lambda: not layer.moving, timeout=1000)
    how, shown, _width = layer.plan(NEAR, near)
    assert how == "curves" and 0 < len(shown) < len(layer.drawn) / 10  # only what is in view
    view.set_zoom(1.0)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 30)
    assert layer.moving and layer.plan(NEAR, near)[0] == "lines"
    qtbot.waitUntil(lambda: not layer.moving, timeout=1000)
    assert layer.plan(NEAR, near)[0] == "curves"


def test_every_heading_of_the_library_fits_its_box_in_the_bold_font(qtbot):
    from alongside.engine.load import load_file
    from alongside.paths import DIALOGUES, scenario_files
    from alongside.ui.studio.map_items import HEIGHT, WIDTH, Fonts, heading_text

    fonts, room = Fonts(), WIDTH - 2 * HEIGHT / 3  # a decision's, the narrowest
    for path in scenario_files([DIALOGUES]):
        graph = graph_of(load_file(path).scenario, path.read_text(encoding="utf-8"))
        for node in graph.nodes:
            shown = heading_text(node, fonts, room)
            assert fonts.heading_metrics.horizontalAdvance(shown) <= room, (path.name, shown)
