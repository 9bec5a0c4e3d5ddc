"""What the map draws: a node item per node, and one layer that draws every edge.

A node says its kind in its shape and in words (a decision a hexagon headed
"Decision", a branch a diamond, an ending a rounded box with its kind, speech
a box with the speaker, narration a plain box), never by colour alone; the
start wears a "Start" tag, and a node with problems a "!" badge with their
count. How much is drawn follows the level of detail the view's transform
gives (`QStyleOptionGraphicsItem.levelOfDetailFromTransform`): near, the
words; farther, its shape alone; far (a large map fitted whole), a plain box.
The edges are in `map_edges`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem

from alongside.engine.graph import NARRATION, MapNode
from alongside.engine.problems import Problem
from alongside.ui.text import tr
from alongside.ui.themes import Theme

WIDTH, HEIGHT = 220.0, 76.0  # a node's box, in scene units (100% zoom at 100% text)
FAR = 0.3  # below this level of detail a node is its shape without words
TINY = 0.08  # and below this a plain box (a whole large map fitted)
NEAR = 0.55  # at or above it, and still, edges are curves with their labels
PAD = 6.0
KIND_WORDS = {"speech": "Speech", NARRATION: "Narration", "decision": "Decision",
              "branch": "Branch", "ending": "Ending"}


def kind_words(node: MapNode) -> str:
    """The node's kind as the map writes it ("Ending: strong")."""
    words = tr(KIND_WORDS.get(node.kind, node.kind))
    return tr("{0}: {1}").format(words, tr(node.ending)) if node.ending else words


@dataclass(frozen=True, slots=True)
class Palette:
    """The map's colours, taken from the theme's text pairs (`themes.PAIRS`)."""

    box: QColor
    box_text: QColor
    decision: QColor
    ending: QColor
    muted: QColor
    edge: QColor
    critical: QColor
    selected: QColor
    selected_text: QColor
    found: QColor
    problem: QColor
    problem_box: QColor

    @classmethod
    def of(cls, theme: Theme) -> Palette:
        c = QColor
        return cls(box=c(theme.surface), box_text=c(theme.text), decision=c(theme.panel),
                   ending=c(theme.panel), muted=c(theme.muted), edge=c(theme.border),
                   critical=c(theme.bad), selected=c(theme.highlight),
                   selected_text=c(theme.highlight_text), found=c(theme.focus),
                   problem=c(theme.bad), problem_box=c(theme.critical_panel))


class Fonts:
    """The fonts of the map, in scene units: they grow with the view's zoom."""

    def __init__(self) -> None:
        self.heading = QFont()
        self.heading.setPixelSize(13)
        self.heading.setBold(True)
        self.body = QFont()
        self.body.setPixelSize(13)
        self.small = QFont()
        self.small.setPixelSize(11)
        self.body_metrics = QFontMetricsF(self.body)
        self.heading_metrics = QFontMetricsF(self.heading)  # bold: wider than the body
        self.small_metrics = QFontMetricsF(self.small)


@cache
def node_outline(kind: str, inset: float = 0.0) -> QPainterPath:
    """The shape of every node of `kind`, `inset` inside the box (shared: made once)."""
    box = QRectF(-WIDTH / 2 + inset, -HEIGHT / 2 + inset, WIDTH - 2 * inset, HEIGHT - 2 * inset)
    return outline(kind, box)


def outline(kind: str, rect: QRectF) -> QPainterPath:
    """The shape of a node of `kind` filling `rect`."""
    path = QPainterPath()
    left, right, top, bottom = rect.left(), rect.right(), rect.top(), rect.bottom()
    middle, inset = rect.center().y(), rect.height() / 3
    if kind == "decision":
        path.addPolygon(QPolygonF([QPointF(left + inset, top), QPointF(right - inset, top),
                                   QPointF(right, middle), QPointF(right - inset, bottom),
                                   QPointF(left + inset, bottom), QPointF(left, middle),
                                   QPointF(left + inset, top)]))
    elif kind == "branch":
        centre = rect.center().x()
        path.addPolygon(QPolygonF([QPointF(centre, top), QPointF(right, middle),
                                   QPointF(centre, bottom), QPointF(left, middle),
                                   QPointF(centre, top)]))
    elif kind == "ending":
        path.addRoundedRect(rect, rect.height() / 2.5, rect.height() / 2.5)
    elif kind == "speech":
        path.addRoundedRect(rect, 6, 6)
    else:
        path.addRect(rect)
    return path


class NodeItem(QGraphicsRectItem):
    """One node of the map, with its problems in its tooltip.

    A rectangle item, so that Qt answers its bounds without calling Python (it asks
    for them twice per item per frame); only `paint` is ours."""

    def __init__(self, node: MapNode, start: bool, problems: list[Problem],
                 palette: Palette, fonts: Fonts) -> None:
        self.box = QRectF(-WIDTH / 2, -HEIGHT / 2, WIDTH, HEIGHT)
        super().__init__(self.box.adjusted(-PAD, -PAD - (22 if start else 0), PAD + 14, PAD))
        self.setPen(Qt.PenStyle.NoPen)
        self.node, self.start, self.problems = node, start, problems
        self.palette, self.fonts = palette, fonts
        self.found = False
        self.chosen = False  # the selected node (the view keeps the selection, not Qt)
        self.path = node_outline(node.kind)
        self.setToolTip(self.tooltip())

    def tooltip(self) -> str:
        lines = [f"{kind_words(self.node)} {self.node.id}", self.node.text]
        lines += [tr("Line {0}: {1}").format(p.line, p.message) for p in self.problems]
        return "\n".join(line for line in lines if line)

    def set_chosen(self, chosen: bool) -> None:
        if chosen != self.chosen:
            self.chosen = chosen
            self.update()

    def set_found(self, found: bool) -> None:
        if found != self.found:
            self.found = found
            self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        detail = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        p, selected = self.palette, self.chosen
        fill = p.selected if selected else p.problem_box if self.problems else \
            p.decision if self.node.kind in ("decision", "ending") else p.box
        if detail < TINY:  # (the overview draws every node then: see `Overview`)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, detail >= FAR)
        width = 4.0 if selected or self.found else 3.0 if self.problems else 1.5
        pen = QPen(p.found if self.found and not selected else
                   p.problem if self.problems else p.box_text, width)
        if self.found and not selected:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawPath(self.path)
        if self.node.kind == "ending":  # a second outline: an ending reads as final
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(node_outline("ending", 4.0))
        if detail < FAR:
            return
        self._words(painter, p.selected_text if selected else p.box_text)
        if self.start:
            self._start_tag(painter)
        if self.problems:
            self._badge(painter)

    def _words(self, painter: QPainter, colour: QColor) -> None:
        inset = HEIGHT / 3 if self.node.kind in ("decision", "branch") else 10.0
        room = self.box.adjusted(inset, 8, -inset, -6)
        painter.setPen(colour)
        painter.setFont(self.fonts.heading)
        metrics = self.fonts.body_metrics
        heading = heading_text(self.node, self.fonts, room.width())
        painter.drawText(room, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, heading)
        painter.setFont(self.fonts.body)
        body = room.adjusted(0, metrics.height() + 2, 0, 0)
        shown = self.node.label if self.node.kind != "branch" else self.node.text
        painter.drawText(body, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap,
                         _two_lines(shown, metrics, body.width()))

    def _start_tag(self, painter: QPainter) -> None:
        tag = QRectF(self.box.left(), self.box.top() - 22, 70, 20)
        painter.setBrush(self.palette.selected)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(tag, 4, 4)
        painter.setPen(self.palette.selected_text)
        painter.setFont(self.fonts.heading)
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, tr("Start"))

    def _badge(self, painter: QPainter) -> None:
        badge = QRectF(self.box.right() - 18, self.box.top() - 6, 32, 22)
        painter.setBrush(self.palette.problem_box)
        painter.setPen(QPen(self.palette.problem, 2))
        painter.drawRoundedRect(badge, 6, 6)
        painter.setFont(self.fonts.heading)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, f"! {len(self.problems)}")


def heading_text(node: MapNode, fonts: Fonts, width: float) -> str:
    """"Decision · d-ask", cut short to `width` as the bold heading font measures it."""
    return fonts.heading_metrics.elidedText(f"{kind_words(node)} · {node.id}",
                                            Qt.TextElideMode.ElideRight, width)


def _two_lines(text: str, metrics: QFontMetricsF, width: float) -> str:
    """`text` cut to what two lines of `width` hold, ending in "…" if cut (a line
    broken at a space holds less than its width: 1.6 widths leave room for that)."""
    if metrics.horizontalAdvance(text) <= width * 1.6:
        return text
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width * 1.6)


class Overview(QGraphicsItem):
    """Every node as a plain box in one call, for a large map fitted whole: the node
    items then draw nothing (`ItemHasNoContents`), saving 2,000 calls into Python a
    frame. Nodes with problems, found or selected keep their colours and an outline."""

    def __init__(self, items: list[NodeItem], palette: Palette) -> None:
        super().__init__()
        self.items, self.palette = items, palette
        self.boxes = [item.box.translated(item.pos()) for item in items]
        self.bounds = QRectF()
        for box in self.boxes:
            self.bounds = self.bounds.united(box)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(1)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's spelling
        return self.bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        p = self.palette
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        outline = QPen(p.edge, 1)
        outline.setCosmetic(True)  # a pixel at least, however far out: a box never vanishes
        painter.setPen(outline)
        painter.setBrush(p.edge)
        painter.drawRects(self.boxes)
        for item, box in zip(self.items, self.boxes, strict=True):
            if item.chosen or item.found or item.problems:
                colour = p.selected if item.chosen else p.found if item.found else p.problem
                pen = QPen(colour, 3)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.setBrush(colour)
                painter.drawRect(box)
