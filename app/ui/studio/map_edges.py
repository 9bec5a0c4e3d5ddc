"""The map's edges: one item draws them all, rather than thousands of items.

The layer keeps the edges in a grid of cells and draws only those in the
exposed part, as plain lines while the view moves or is far out, as
antialiased curves with their labels (a choice's id, a branch's condition)
when it is still and near. Far out it draws only the selected node's edges
once more than `CROWD` are in view, as Twine's authors asked of theirs.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from alongside.engine.graph import CHOICE, MapEdge
from alongside.ui.studio.map_items import FAR, HEIGHT, NEAR, WIDTH, Fonts, Palette
from alongside.ui.text import tr

CELL = 800.0  # the side of one cell of the edge layer's grid
LONG = 4  # an edge wider or taller than this many cells is kept apart from the grid
CROWD = 1500  # far out, more edges than this in view: only the selected node's are drawn


class Drawn:
    """One edge as drawn: its ends, and (made when first drawn near) its curve and the
    place of its label, `along` the curve (the edges leaving one node have theirs at
    different heights, so that they do not cover one another). Plain numbers until
    then: 4,000 curves made at once would hold the interface for a tenth of a second."""

    __slots__ = ("edge", "line", "along", "_curve")

    def __init__(self, edge: MapEdge, source: QPointF, target: QPointF, slot: float,
                 along: float = 0.3) -> None:
        self.edge, self.along = edge, along
        self.line = QLineF(source.x() + slot, source.y() + HEIGHT / 2,
                           target.x(), target.y() - HEIGHT / 2 - 6)
        self._curve: QPainterPath | None = None

    def bend(self) -> float:
        return max(40.0, abs(self.line.y2() - self.line.y1()) / 2)

    def area(self) -> tuple[float, float, float, float]:
        """What the curve and its label may cover (left, top, right, bottom): the box
        around its ends and control points, widened for the label."""
        line, bend = self.line, self.bend()
        x1, y1, x2, y2 = line.x1(), line.y1(), line.x2(), line.y2()
        return (min(x1, x2) - 100, min(y1, y2 - bend) - 20, max(x1, x2) + 100,
                max(y1 + bend, y2) + 20)

    @property
    def curve(self) -> QPainterPath:
        if self._curve is None:
            a, b, bend = self.line.p1(), self.line.p2(), self.bend()
            self._curve = QPainterPath(a)
            self._curve.cubicTo(QPointF(a.x(), a.y() + bend), QPointF(b.x(), b.y() - bend), b)
        return self._curve

    @property
    def label_at(self) -> QPointF:
        return self.curve.pointAtPercent(self.along)


class EdgeLayer(QGraphicsItem):
    """Every edge of the map, drawn by one item (see the module's docstring)."""

    def __init__(self, palette: Palette, fonts: Fonts) -> None:
        super().__init__()
        self.palette, self.fonts = palette, fonts
        self.moving = False
        self.selected: str | None = None
        self.drawn: list[Drawn] = []
        self.grid: dict[tuple[int, int], list[int]] = {}
        self.long: list[tuple[int, QRectF]] = []
        self.touching: dict[str, list[int]] = {}
        self.bounds = QRectF()
        self.setZValue(-1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # Without it Qt gives `paint` the whole layer as the exposed part, not what is shown.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def add(self, leaving: list[MapEdge], centres: Mapping[str, QPointF]) -> None:
        """The edges `leaving` one node, spread along the bottom of its box."""
        self.prepareGeometryChange()
        step = WIDTH / (len(leaving) + 1)
        spread = 0.5 / max(1, len(leaving) - 1)
        for i, edge in enumerate(leaving):
            drawn = Drawn(edge, centres[edge.source], centres[edge.target],
                          step * (i + 1) - WIDTH / 2, 0.2 + spread * i if len(leaving) > 1
                          else 0.35)
            self._index(len(self.drawn), drawn)
            self.drawn.append(drawn)

    def _index(self, number: int, drawn: Drawn) -> None:
        left, top, right, bottom = drawn.area()
        area = QRectF(left, top, right - left, bottom - top)
        self.bounds = self.bounds.united(area)
        for end in (drawn.edge.source, drawn.edge.target):
            self.touching.setdefault(end, []).append(number)
        if (right - left) > LONG * CELL or (bottom - top) > LONG * CELL:
            self.long.append((number, area))  # a loop back or a jump to a far ending
            return
        grid = self.grid
        for cx in range(int(left // CELL), int(right // CELL) + 1):
            for cy in range(int(top // CELL), int(bottom // CELL) + 1):
                cell = grid.get((cx, cy))
                if cell is None:
                    grid[(cx, cy)] = [number]
                else:
                    cell.append(number)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's spelling
        return self.bounds

    def within(self, area: QRectF) -> list[Drawn]:
        """The edges whose cells (or, for a long edge, whose box) meet `area`, each once."""
        if area.contains(self.bounds):
            return self.drawn
        columns = range(int(area.left() // CELL), int(area.right() // CELL) + 1)
        rows = range(int(area.top() // CELL), int(area.bottom() // CELL) + 1)
        found: set[int] = set()
        if len(columns) * len(rows) > len(self.grid):  # fewer cells filled than in view
            for (cx, cy), numbers in self.grid.items():
                if cx in columns and cy in rows:
                    found.update(numbers)
        else:
            for cx in columns:
                for cy in rows:
                    found.update(self.grid.get((cx, cy), ()))
        found.update(number for number, box in self.long if box.intersects(area))
        return [self.drawn[i] for i in sorted(found)]

    def of_selected(self) -> list[Drawn]:
        return [self.drawn[i] for i in self.touching.get(self.selected or "", ())]

    def plan(self, detail: float, area: QRectF) -> tuple[str, list[Drawn], float]:
        """How to draw the edges in `area` at level of detail `detail`: "lines" or
        "curves", which edges, and the lines' width (0: two pixels at any zoom)."""
        shown = self.within(area)
        if detail < FAR:
            return "lines", shown if len(shown) <= CROWD else self.of_selected(), 0.0
        if self.moving or detail < NEAR:
            return "lines", shown, 1.5
        return "curves", shown, 1.5

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        detail = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        how, shown, width = self.plan(detail, option.exposedRect)
        if how == "lines":
            self._lines(painter, shown, width)
        else:
            self._curves(painter, shown)

    def _lines(self, painter: QPainter, shown: list[Drawn], width: float) -> None:
        """Plain lines; `width` 0 draws them two pixels wide at any zoom."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        plain = [d.line for d in shown if not d.edge.critical]
        pen = QPen(self.palette.edge, width or 2.0)
        pen.setCosmetic(width == 0)
        painter.setPen(pen)
        painter.drawLines(plain)
        critical = [d.line for d in shown if d.edge.critical]
        if critical:
            pen = QPen(self.palette.critical, width or 2.0, Qt.PenStyle.DashLine)
            pen.setCosmetic(width == 0)
            painter.setPen(pen)
            painter.drawLines(critical)

    def _curves(self, painter: QPainter, shown: list[Drawn]) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        plain = QPen(self.palette.edge, 1.5)
        critical = QPen(self.palette.critical, 2.0, Qt.PenStyle.DashLine)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for d in shown:
            painter.setPen(critical if d.edge.critical else plain)
            painter.drawPath(d.curve)
            _arrow(painter, d.line.p2(), self.palette.critical if d.edge.critical
                   else self.palette.edge)
        painter.setFont(self.fonts.small)
        metrics = self.fonts.small_metrics
        for d in shown:
            text = edge_label(d.edge)
            if not text:
                continue
            width = min(metrics.horizontalAdvance(text) + 8, 180.0)
            box = QRectF(d.label_at.x() - width / 2, d.label_at.y() - 9, width, 18)
            painter.fillRect(box, self.palette.box)
            painter.setPen(self.palette.critical if d.edge.critical else self.palette.muted)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter,
                             metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 6))

    def edge_at(self, point: QPointF, reach: float) -> MapEdge | None:
        """The edge whose curve passes within `reach` of `point`, if any (for tooltips)."""
        best, nearest = None, reach
        for d in self.within(QRectF(point.x() - reach, point.y() - reach, 2 * reach, 2 * reach)):
            for step in range(21):
                gap = QLineF(point, d.curve.pointAtPercent(step / 20)).length()
                if gap < nearest:
                    best, nearest = d.edge, gap
        return best


def edge_label(edge: MapEdge) -> str:
    """What an edge says beside it: a choice's id (and that it is critical), a condition."""
    if edge.kind == CHOICE:
        return tr("{0} (critical)").format(edge.label) if edge.critical else edge.label
    if edge.kind == "branch":
        return tr("if {0}").format(edge.label)
    return tr("otherwise") if edge.kind == "otherwise" else ""


def edge_tooltip(edge: MapEdge) -> str:
    """What hovering an edge tells: where it goes, and a choice's scores."""
    head = f"{edge.source} → {edge.target}"
    if edge.kind != CHOICE:
        said = edge_label(edge)
        return f"{said}: {head}" if said else head
    scores = ", ".join(f"{tr(name)} {value:+d}" for name, value in edge.scores.items())
    lines = [tr("Choice {0}: {1}").format(edge.label, head),
             tr("Scores: {0}").format(scores) if scores else tr("Not scored")]
    if edge.critical:
        lines.append(tr("Critical: {0}").format(edge.critical))
    return "\n".join(lines)


def _arrow(painter: QPainter, tip: QPointF, colour: QColor) -> None:
    painter.setBrush(QBrush(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawPolygon(QPolygonF([tip, QPointF(tip.x() - 5, tip.y() - 9),
                                   QPointF(tip.x() + 5, tip.y() - 9)]))
    painter.setBrush(Qt.BrushStyle.NoBrush)
