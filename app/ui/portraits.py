"""The character's portrait for the node's mood, drawn from the SVGs in assets/.

A missing portrait is a validation warning, not a failure: the neutral
stand-in is shown instead, so a scenario written before its art still plays.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from alongside.paths import PORTRAITS
from alongside.ui.text import tr

STAND_IN = PORTRAITS / "_standin.svg"


def portrait_file(portrait: str | None, mood: str | None) -> Path | None:
    if portrait:
        path = PORTRAITS / portrait / f"{mood or 'neutral'}.svg"
        if path.is_file():
            return path
        neutral = PORTRAITS / portrait / "neutral.svg"
        if neutral.is_file():
            return neutral
    return STAND_IN if STAND_IN.is_file() else None


@lru_cache(maxsize=64)
def _render(path: Path, side: int) -> QImage:
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    from PySide6.QtSvg import QSvgRenderer  # only once a portrait is first drawn

    renderer = QSvgRenderer(str(path))
    if renderer.isValid():
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, side, side))
        painter.end()
    return image


class PortraitView(QLabel):
    """A square portrait whose accessible name says who it is and how they look."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._side = 200
        self.setFixedSize(QSize(self._side, self._side))

    def set_side(self, side: int) -> None:
        self._side = side
        self.setFixedSize(QSize(side, side))

    def show_person(self, name: str | None, portrait: str | None, mood: str | None) -> None:
        path = portrait_file(portrait, mood)
        ratio = self.devicePixelRatioF()
        if path is None:
            self.clear()
        else:
            pixmap = QPixmap.fromImage(_render(path, round(self._side * ratio)))
            pixmap.setDevicePixelRatio(ratio)
            self.setPixmap(pixmap)
        if name:
            looks = f", looking {mood}" if mood and mood != "neutral" else ""
            self.setAccessibleName(f"Portrait of {name}{looks}")
            self.setToolTip(f"{name}{' — ' + mood if mood else ''}")
        else:
            self.setAccessibleName(tr("Narration"))
            self.setToolTip("")
