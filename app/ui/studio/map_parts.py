"""The map page's widgets and how they are arranged: the title, the find bar, the zoom
controls, the banner, the map itself, and beside it (below it where text is large) the
list of problems and what the selected node is.

Every control has an accessible name and description; the selected node is described
in words (its kind, id, text and edges) both on the page and as the map's accessible
description (`describe`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alongside.engine.graph import CHOICE, Graph, MapNode
from alongside.engine.problems import Problem
from alongside.ui.studio.map_edges import edge_label
from alongside.ui.studio.map_find import FindBar
from alongside.ui.studio.map_items import kind_words
from alongside.ui.studio.map_scene import MapScene, MapView
from alongside.ui.text import tr
from alongside.ui.widgets import Breakpoint, FitScroll, button, label, panel

SHAPES_EM = (60,)  # room, in lines of text, for the find bar and the zoom side by side
PROBLEM_ROLE = Qt.ItemDataRole.UserRole


class MapParts:
    """Builds the page's widgets into `page` and shows what the page tells it to."""

    def __init__(self, page: QWidget) -> None:
        self.page = page
        self.listed: list[tuple[Problem, str | None]] = []
        column = QVBoxLayout(page)
        column.setContentsMargins(24, 16, 24, 16)
        column.setSpacing(10)
        self.title = label("", "title", page)
        column.addWidget(self.title)
        self.tools = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.find = FindBar(page)
        self.tools.addWidget(self.find, 3)
        self.tools.addLayout(self._zoom_row(), 2)
        column.addLayout(self.tools)
        self.banner, inside = panel("critical", page)
        self.banner_text = label("", "bad", self.banner, selectable=True)
        self.banner_text.setAccessibleName(tr("The file's state"))
        inside.addWidget(self.banner_text)
        self.banner.hide()
        column.addWidget(self.banner)
        self.state = label("", "muted", page)
        self.state.setAccessibleName(tr("What the map is doing"))
        column.addWidget(self.state)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.scene = MapScene(page)
        self.view = MapView(self.scene, page)
        self.view.setAccessibleName(tr("Map of the scenario"))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setMinimumSize(12 * page.fontMetrics().height(),
                                 8 * page.fontMetrics().height())
        self.body.addWidget(self.view, 3)
        self.body.addLayout(self._side(), 1)
        column.addLayout(self.body, 1)
        self.breakpoint = Breakpoint(page, SHAPES_EM, self._arrange)

    def _zoom_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.zoom_out = button(tr("Zoom out"), tr("Zoom out"),
                               tr("Shows more of the map, smaller (-)"), parent=self.page)
        self.zoom_in = button(tr("Zoom in"), tr("Zoom in"),
                              tr("Shows less of the map, larger (+)"), parent=self.page)
        self.fit = button(tr("Fit"), tr("Fit the whole map"),
                          tr("Shows the whole map at once (F)"), parent=self.page)
        self.zoom = label("", "muted", self.page)
        self.zoom.setAccessibleName(tr("Zoom"))
        self.zoom_out.clicked.connect(lambda: self.view.step_zoom(-1))
        self.zoom_in.clicked.connect(lambda: self.view.step_zoom(1))
        self.fit.clicked.connect(lambda: self.view.fit())
        row.addStretch(1)
        for widget in (self.zoom, self.zoom_out, self.zoom_in, self.fit):
            row.addWidget(widget)
        return row

    def _side(self) -> QVBoxLayout:
        side = QVBoxLayout()
        self.problems_heading = label(tr("Problems"), "heading", self.page)
        side.addWidget(self.problems_heading)
        self.problem_list = QListWidget(self.page)
        self.problem_list.setWordWrap(True)
        self.problem_list.setAccessibleName(tr("Problems in the file"))
        self.problem_list.setAccessibleDescription(tr("Each problem with its line; Enter on "
                                                      "one shows its node on the map"))
        side.addWidget(self.problem_list, 1)
        side.addWidget(label(tr("Selected node"), "heading", self.page))
        self.details = label(tr("Nothing selected: click a node, or press Home on the map "
                                "to go to the start."), parent=self.page, selectable=True)
        self.details.setAccessibleName(tr("The selected node"))
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # A long node's words scroll here rather than make the page taller than the map.
        scroll = FitScroll(self.details)
        scroll.setMinimumHeight(3 * self.page.fontMetrics().height())
        side.addWidget(scroll, 1)
        return side

    def _arrange(self, level: int) -> None:
        """The problems beside the map, with a larger share and the zoom controls below
        the find bar where text is large or the window small (the map keeps its height:
        below it they would leave it a strip)."""
        self.body.setStretch(0, 3)
        self.body.setStretch(1, 1 if level else 2)
        self.tools.setDirection(QBoxLayout.Direction.LeftToRight if level
                                else QBoxLayout.Direction.TopToBottom)

    # -- what the page shows ------------------------------------------------------------

    def show_title(self, title: str) -> None:
        self.title.setText(tr("Map: {0}").format(title))

    def show_state(self, text: str) -> None:
        self.state.setText(text)
        self.state.setVisible(bool(text))

    def show_banner(self, text: str) -> None:
        self.banner_text.setText(text)
        self.banner.setVisible(bool(text))

    def show_zoom(self, percent: float) -> None:
        """The zoom in whole percents, or to two figures below 10% (a large map fitted)."""
        shown = f"{percent:.0f}" if percent >= 10 else f"{percent:.2g}"
        self.zoom.setText(tr("{0}%").format(shown))
        self.zoom.setAccessibleDescription(tr("The map at {0}% of its size").format(shown))

    def show_details(self, text: str) -> None:
        self.details.setText(text or tr("Nothing selected: click a node, or press Home on "
                                        "the map to go to the start."))

    def list_problems(self, problems: list[tuple[Problem, str | None]]) -> None:
        """Each problem with its line and the node it is drawn on (None: on no node)."""
        self.listed = problems
        self.problem_list.clear()
        for problem, owner in problems:
            severity = tr("Error") if problem.is_error else tr("Warning")
            where = tr(", on node {0}").format(owner) if owner else ""
            item = QListWidgetItem(tr("{0} at line {1}{2}: {3}").format(
                severity, problem.line, where, problem.message))
            item.setData(PROBLEM_ROLE, owner)
            self.problem_list.addItem(item)
        self.problems_heading.setText(tr("Problems ({0})").format(len(problems)) if problems
                                      else tr("Problems: none"))


def describe(graph: Graph, node: MapNode) -> str:
    """The node in words: its kind, id and text, and where its edges go and come from."""
    lines = [f"{kind_words(node)} {node.id}" + (tr(" (the start)") if node.id == graph.start
                                                else ""), node.text]
    leaving = [e for e in graph.edges if e.source == node.id]
    for edge in leaving:
        said = edge_label(edge)
        what = tr("choice {0}").format(edge.label) if edge.kind == CHOICE else said
        lines.append(tr("{0} goes to {1}").format(what, edge.target) if what
                     else tr("then {0}").format(edge.target))
    arriving = sorted({e.source for e in graph.edges if e.target == node.id})
    if arriving:
        lines.append(tr("Reached from {0}").format(", ".join(arriving)))
    elif node.kind == "ending":
        lines.append(tr("An ending"))
    return "\n".join(line for line in lines if line)
