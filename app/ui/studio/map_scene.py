"""The map's scene (the items of one graph) and its view (zoom, pan, fit, keys).

The view is tuned for 2,000 nodes: painting follows only what changed
(`MinimalViewportUpdate`), items restore the painter themselves and stay
inside their bounds (`DontSavePainterState`, `DontAdjustForAntialiasing`),
node items are cached as pixmaps at the view's scale when near, and while the view
moves (a drag, a scroll, a zoom) the edge layer draws plain lines, going back
to curves `SETTLE_MS` after the last move.

Keys on the view: the arrows move the selection along edges (Down to a child,
Up to a parent, Left and Right to the siblings beside it) and pan while nothing
is selected; Home selects the start, Escape clears the selection, Enter centres
the selected node, + and - (or Ctrl+= and Ctrl+-) zoom, F fits the whole map.
Ctrl and the wheel zoom under the pointer. Emits `picked(node id or "")` when the
selection changes, `zoomed(percent)` when the zoom does, and `play_key` for P (play
from the selected node).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QToolTip, QWidget

from alongside.engine.graph import Graph, MapEdge
from alongside.engine.problems import Problem
from alongside.ui.studio.map_edges import EdgeLayer, edge_tooltip
from alongside.ui.studio.map_items import FAR, TINY, Fonts, NodeItem, Overview, Palette

SETTLE_MS = 180
ZOOM_STEP = 1.25
ZOOM_RANGE = (0.002, 4.0)  # of the 100% zoom, which follows the text size
PAN_STEP = 80
MARGIN = 1000.0  # scene units around the map that the view may scroll to
CHUNK = 250  # nodes (or nodes' edges) made between two turns of the event loop


class MapScene(QGraphicsScene):
    """The items of one graph at given centres: `items_by_id`, `edges` (the layer)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graph: Graph | None = None
        self.chosen: str | None = None
        self.shown_as: tuple[bool, bool] | None = None  # (cached, tiny)
        self.overview: Overview | None = None
        self.items_by_id: dict[str, NodeItem] = {}
        self.edges: EdgeLayer | None = None
        self.children_of: dict[str, list[str]] = {}
        self.parents_of: dict[str, list[str]] = {}

    def show_graph(self, graph: Graph, centres: Mapping[str, tuple[float, float]],
                   problems: Mapping[str, list[Problem]], palette: Palette) -> None:
        """Replace what is drawn by `graph` with its nodes at `centres`, at once."""
        for _step in self.building(graph, centres, problems, palette):
            pass

    def building(self, graph: Graph, centres: Mapping[str, tuple[float, float]],
                 problems: Mapping[str, list[Problem]], palette: Palette) -> Iterator[None]:
        """`show_graph` in steps of `CHUNK` nodes, so that the page can let the event loop
        run between them (2,000 nodes at once would hold it for some 60 ms)."""
        self.empty()
        self.graph = graph
        fonts = Fonts()
        points = {nid: QPointF(*xy) for nid, xy in centres.items()}
        shown = [node for node in graph.nodes if node.id in points]
        for first in range(0, len(shown), CHUNK):
            for node in shown[first:first + CHUNK]:
                item = NodeItem(node, node.id == graph.start, problems.get(node.id, []),
                                palette, fonts)
                item.setPos(points[node.id])
                item.chosen = node.id == self.chosen
                self.addItem(item)
                self.items_by_id[node.id] = item
            yield
        self.overview = Overview(list(self.items_by_id.values()), palette)
        self.overview.setVisible(False)
        self.addItem(self.overview)
        yield from self._edges(graph, points, palette, fonts)
        # Room around the map, so that a node near its edge can still be brought to the
        # middle of the view (and stays there when a banner above shrinks the view).
        self.setSceneRect(self.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))

    def _edges(self, graph: Graph, points: Mapping[str, QPointF], palette: Palette,
               fonts: Fonts) -> Iterator[None]:
        layer = EdgeLayer(palette, fonts)
        outgoing: dict[str, list[MapEdge]] = {}
        self.children_of, self.parents_of = {}, {}
        for edge in graph.edges:
            source, target = edge.source, edge.target
            if source not in points or target not in points:
                continue
            outgoing.setdefault(source, []).append(edge)
            if target not in self.children_of.setdefault(source, []):
                self.children_of[source].append(target)
            if source not in self.parents_of.setdefault(target, []):
                self.parents_of[target].append(source)
        for count, leaving in enumerate(outgoing.values(), 1):
            layer.add(leaving, points)
            if count % CHUNK == 0:
                yield
        layer.selected = self.chosen
        self.addItem(layer)
        self.edges = layer

    def empty(self) -> None:
        """No graph drawn (the selection is kept for the next one to restore)."""
        self.clear()
        self.graph, self.items_by_id, self.edges, self.overview = None, {}, None, None
        self.shown_as = None
        self.children_of, self.parents_of = {}, {}

    def selected_id(self) -> str | None:
        return self.chosen if self.chosen in self.items_by_id else None

    def choose(self, node_id: str | None) -> None:
        """Mark `node_id` (None: none) as the selected node.

        The map keeps its own selection rather than Qt's: a scene being deleted with
        items selected signals its selection changing, into a view half gone."""
        before = self.items_by_id.get(self.chosen or "")
        if before is not None:
            before.set_chosen(False)
        self.chosen = node_id
        item = self.items_by_id.get(node_id or "")
        if item is not None:
            item.set_chosen(True)
        if self.edges is not None:
            self.edges.selected = node_id
            self.edges.update()

    def follow_scale(self, scale: float) -> None:
        """What the nodes draw at the view's `scale`: near (`FAR` and above) each caches
        its drawing as a pixmap, so panning copies it; farther, not (2,000 pixmaps made
        at once held a frame ~100 ms); below `TINY` the overview draws them all."""
        cached, tiny = scale >= FAR, scale < TINY
        if (cached, tiny) == self.shown_as:
            return
        self.shown_as = (cached, tiny)
        mode = QGraphicsItem.CacheMode.DeviceCoordinateCache if cached \
            else QGraphicsItem.CacheMode.NoCache
        empty = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
        for item in self.items_by_id.values():
            item.setCacheMode(mode)
            item.setFlag(empty, tiny)
        if self.overview is not None:
            self.overview.setVisible(tiny)

    def set_dimmed(self, dimmed: bool) -> None:
        for item in self.items():
            item.setOpacity(0.45 if dimmed else 1.0)


class MapView(QGraphicsView):
    """See the module docstring for its keys and signals."""

    picked = Signal(str)
    zoomed = Signal(float)
    play_key = Signal()

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.map = scene
        self.base = 1.0  # the 100% zoom: the text size's scale
        self.came_from: dict[str, str] = {}  # node → the parent it was reached from
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState
                                  | QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        # A banner coming or going resizes the view: what was in its middle stays there.
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Always there: scroll bars coming and going as the zoom changes would change the
        # room the map is fitted to, so fitting twice would not give the same zoom.
        for policy in (self.setHorizontalScrollBarPolicy, self.setVerticalScrollBarPolicy):
            policy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self._still)

    # -- moving, and coming to rest ----------------------------------------------------

    def _moving(self) -> None:
        if self.map.edges is not None and not self.map.edges.moving:
            self.map.edges.moving = True
        self.settle.start()

    def _still(self) -> None:
        if self.map.edges is not None:
            self.map.edges.moving = False
            self.map.edges.update()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt's spelling
        self._moving()
        super().scrollContentsBy(dx, dy)

    # -- zoom ----------------------------------------------------------------------------

    def zoom(self) -> float:
        """The zoom as a share of 100% (1.0 is the map's text at the text size)."""
        return self.transform().m11() / self.base

    def set_zoom(self, zoom: float) -> None:
        zoom = min(max(zoom, ZOOM_RANGE[0]), ZOOM_RANGE[1])
        self._moving()
        factor = zoom * self.base / self.transform().m11()
        self.scale(factor, factor)
        self.zoom_changed()

    def zoom_changed(self) -> None:
        """Say the zoom, and cache the nodes' drawings only where they hold words."""
        self.map.follow_scale(self.transform().m11())
        self.zoomed.emit(self.zoom() * 100)

    def step_zoom(self, steps: int) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP ** steps)

    def fit(self) -> None:
        """The whole map in view."""
        if self.map.items_by_id:
            self._moving()
            self.fitInView(self.map.itemsBoundingRect().adjusted(-40, -40, 40, 40),
                           Qt.AspectRatioMode.KeepAspectRatio)
            if self.zoom() > 1.0:
                self.set_zoom(1.0)
            self.zoom_changed()

    def set_base(self, scale: float) -> None:
        """The text size changed: 100% zoom follows it, keeping the zoom the same share."""
        zoom = self.zoom()
        self.base = scale
        self.set_zoom(zoom)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's spelling
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.step_zoom(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    # -- the selection and the keys ------------------------------------------------------

    def select(self, node_id: str | None, centre: bool = True) -> None:
        """Select the node `node_id` (None: none), centred in view unless `centre` is
        false; `picked` says so."""
        item = self.map.items_by_id.get(node_id or "")
        if node_id is not None and item is None:
            return
        self.map.choose(node_id)
        if centre and item is not None:
            self.centerOn(item)
        self.picked.emit(node_id or "")

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's spelling
        """A click on a node selects it; anywhere else starts a drag that pans."""
        node = getattr(self.itemAt(event.position().toPoint()), "node", None)
        if node is not None and event.button() == Qt.MouseButton.LeftButton:
            self.select(node.id, centre=False)
        super().mousePressEvent(event)

    def event(self, event: QEvent) -> bool:
        """Ctrl+= and Ctrl+- zoom the map while it has the focus (the window's keys for the
        text size are the same: the map asks for them first)."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier \
                and event.key() in (Qt.Key.Key_Equal, Qt.Key.Key_Plus, Qt.Key.Key_Minus):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's spelling
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus):
            self.step_zoom(-1 if key == Qt.Key.Key_Minus else 1)
        elif key == Qt.Key.Key_F and not event.modifiers():
            self.fit()
        elif key == Qt.Key.Key_P and not event.modifiers():
            self.play_key.emit()
        elif key == Qt.Key.Key_Home and self.map.graph is not None:
            self.select(self.map.graph.start)
        elif key == Qt.Key.Key_Escape and self.map.selected_id():
            self.select(None)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.map.selected_id():
            self.centerOn(self.map.items_by_id[self.map.selected_id() or ""])
        elif key in ARROWS:
            self._arrow(key)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _arrow(self, key: Qt.Key) -> None:
        here = self.map.selected_id()
        if here is None:
            dx, dy = ARROWS[key]
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)
            return
        target = self.neighbour(here, key)
        if target is None:
            return
        if key == Qt.Key.Key_Down:
            self.came_from[target] = here
        elif key != Qt.Key.Key_Up and self.parent_of(here) is not None:
            self.came_from[target] = self.parent_of(here) or ""
        self.select(target)

    def parent_of(self, here: str) -> str | None:
        """The parent `here` was reached from, or else its first."""
        return self.came_from.get(here) or next(iter(self.map.parents_of.get(here, [])), None)

    def neighbour(self, here: str, key: Qt.Key) -> str | None:
        """Where an arrow key moves the selection from `here`: Down to the first child,
        Up to the parent it was reached from (or the first), Left and Right to the
        previous and next child of that parent."""
        children, parent = self.map.children_of, self.parent_of(here)
        if key == Qt.Key.Key_Down:
            return next(iter(children.get(here, [])), None)
        if key == Qt.Key.Key_Up:
            return parent
        siblings = children.get(parent, []) if parent else []
        if here not in siblings or len(siblings) < 2:
            return None
        step = 1 if key == Qt.Key.Key_Right else -1
        return siblings[(siblings.index(here) + step) % len(siblings)]

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt's spelling
        """An edge's tooltip (its choice's scores) where no node has one to show."""
        if event.type() == QEvent.Type.ToolTip and self.map.edges is not None:
            position = event.pos()  # type: ignore[attr-defined]
            if self.itemAt(position) is None or self.itemAt(position) is self.map.edges:
                reach = 8 / max(self.transform().m11(), 0.01)
                edge = self.map.edges.edge_at(self.mapToScene(position), reach)
                if edge is not None:
                    QToolTip.showText(event.globalPos(), edge_tooltip(edge), self)  # type: ignore
                else:
                    QToolTip.hideText()
                return True
        return super().viewportEvent(event)

    def visible_area(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()


ARROWS = {Qt.Key.Key_Left: (-PAN_STEP, 0), Qt.Key.Key_Right: (PAN_STEP, 0),
          Qt.Key.Key_Up: (0, -PAN_STEP), Qt.Key.Key_Down: (0, PAN_STEP)}
