"""A grid cell's status three ways: in words, as a shape, and in a colour.

The words carry the status for everyone (and for screen readers); the shapes
tell the statuses apart at a glance without colour (an empty circle for not
started, a half-filled one in progress, a square completed, a tick passed, a
cross failed, a bar waived); the colours, from the theme's colour-blind-safe
set (`themes.STATUS_COLOURS`), only add to both.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from alongside.store.grid import COMPLETED, FAILED, IN_PROGRESS, NOT_STARTED, PASSED, WAIVED
from alongside.ui.text import tr
from alongside.ui.themes import STATUS_COLOURS, Theme

WORDS = {NOT_STARTED: "Not started", IN_PROGRESS: "In progress", COMPLETED: "Completed",
         PASSED: "Passed", FAILED: "Failed", WAIVED: "Waived"}  # each shown through tr()
READY = "ready"  # the readiness column's mark for a trainee who is ready


def status_words(status: str) -> str:
    return tr(WORDS[status])


def _draw(painter: QPainter, status: str, box: QRectF, colour: QColor) -> None:
    width = max(1.5, box.width() / 8)
    painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inner = box.adjusted(width, width, -width, -width)
    if status == NOT_STARTED:
        painter.drawEllipse(inner)
    elif status == IN_PROGRESS:
        painter.drawEllipse(inner)
        half = QPainterPath()
        half.moveTo(inner.center())
        half.arcTo(inner, 90, 180)
        half.closeSubpath()
        painter.fillPath(half, colour)
    elif status == COMPLETED:
        painter.drawRect(inner.adjusted(width / 2, width / 2, -width / 2, -width / 2))
    elif status in (PASSED, READY):
        painter.drawPolyline([QPointF(inner.left(), inner.center().y()),
                              QPointF(inner.left() + inner.width() * 0.4, inner.bottom()),
                              QPointF(inner.right(), inner.top())])
    elif status == FAILED:
        painter.drawLine(inner.topLeft(), inner.bottomRight())
        painter.drawLine(inner.topRight(), inner.bottomLeft())
    elif status == WAIVED:
        painter.drawLine(QPointF(inner.left(), inner.center().y()),
                         QPointF(inner.right(), inner.center().y()))


def _pixmap(status: str, size: int, ratio: float, colour: QColor) -> QPixmap:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _draw(painter, status, QRectF(0, 0, size, size), colour)
    painter.end()
    return pixmap


def status_colour(theme: Theme, status: str) -> str:
    colours = STATUS_COLOURS[theme.name]
    return colours.get(status, colours[PASSED] if status == READY else theme.text)


def status_icons(theme: Theme, size: int, ratio: float = 1.0) -> dict[str, QIcon]:
    """An icon per status (and READY), in its theme colour, and in the theme's
    highlighted text colour where the cell is selected."""
    icons = {}
    for status in (*WORDS, READY):
        icon = QIcon()
        icon.addPixmap(_pixmap(status, size, ratio, QColor(status_colour(theme, status))))
        icon.addPixmap(_pixmap(status, size, ratio, QColor(theme.highlight_text)),
                       QIcon.Mode.Selected)
        icons[status] = icon
    return icons
