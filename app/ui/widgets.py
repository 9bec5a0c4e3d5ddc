"""Small widgets the pages share: wrapped labels, buttons (Return presses them; a
choice's text wraps), panels, a level meter, a narrow combo box, scroll areas sized
to what their content needs, and a breakpoint that reshapes a page by its room.

Qt's QPushButton never wraps its text, so a long choice at 200% text would be
clipped; `WrapButton` lays a word-wrapped label inside the button and sizes
itself from it (height for width), which is what the 200% test checks.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


def label(text: str = "", role: str | None = None, parent: QWidget | None = None,
          selectable: bool = False) -> QLabel:
    """A word-wrapped label; `role` picks its style (title, heading, muted, good, bad)."""
    widget = QLabel(text, parent)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        widget.setProperty("role", role)
    if selectable:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def buddy(text: str, field: QWidget) -> QLabel:
    """A form's label for `field`: screen readers name the field by it, and its
    mnemonic (an "&" in `text`) moves the focus there."""
    widget = label(text)
    widget.setBuddy(field)
    return widget


class Button(QPushButton):
    """A push button that Return and Enter press as well as Space.

    Qt's buttons take Return only in dialogs (as their default button); people
    press it on whatever button has the focus, a choice or Start alike.
    """

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's spelling
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier):
            if not event.isAutoRepeat():
                self.click()
            event.accept()
            return
        super().keyPressEvent(event)


def button(text: str, name: str, description: str = "", primary: bool = False,
           parent: QWidget | None = None) -> QPushButton:
    """A push button with its accessible name and description set."""
    widget = Button(text, parent)
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    if primary:
        widget.setProperty("role", "primary")
    return widget


def panel(role: str = "panel", parent: QWidget | None = None,
          frame: QFrame | None = None) -> tuple[QFrame, QVBoxLayout]:
    """A framed panel (`frame`, or a new one) styled by `role`, and its layout."""
    frame = frame or QFrame(parent)
    frame.setProperty("role", role)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 12, 14, 12)
    layout.setSpacing(8)
    return frame, layout


class NarrowCombo(QComboBox):
    """A combo box that may be narrower than its longest item (it asks for
    `letters` letters' width), and whose list still shows every item whole."""

    def __init__(self, letters: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(letters)

    def showPopup(self) -> None:  # noqa: N802 - Qt's spelling
        view = self.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth()
                             + view.verticalScrollBar().sizeHint().width())
        super().showPopup()


class WrapButton(Button):
    """A button whose text wraps to the width it is given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "choice")
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._label.setProperty("inButton", True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self._label)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._hint: QSize | None = None

    def set_text(self, text: str) -> None:
        self._label.setText(text)
        self.setAccessibleName(text)
        self._hint = None
        self.updateGeometry()

    def text_shown(self) -> str:
        return self._label.text()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """The inner layout's answer, which is also what a parent layout asks it."""
        return self.layout().totalHeightForWidth(width)

    def sizeHint(self) -> QSize:
        """The height at a nominal width, kept until the text or its font changes:
        Qt asks for it several times per node, and each answer lays the text out."""
        if self._hint is None:
            self._hint = QSize(600, self.heightForWidth(600))
        return self._hint

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's spelling
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._hint = None
        super().changeEvent(event)

    def minimumSizeHint(self) -> QSize:
        """One line high: the layout asks `heightForWidth` for the real height, and a
        minimum computed at a narrow width would force the whole window taller."""
        margins = self.layout().contentsMargins()
        line = self._label.fontMetrics().lineSpacing()
        return QSize(160, line + margins.top() + margins.bottom())


class Meter(QWidget):
    """A level bar that schedules its paint rather than forcing one.

    QProgressBar repaints synchronously on every `setValue`, about a millisecond
    each offscreen, and the play page sets several per choice. The value is
    always also given in words by a label beside it; this only draws it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._minimum, self._maximum, self._value = 0, 1, 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def setRange(self, minimum: int, maximum: int) -> None:  # noqa: N802 - Qt's spelling
        self._minimum, self._maximum = minimum, max(maximum, minimum + 1)
        self.update()

    def setValue(self, value: int) -> None:  # noqa: N802 - Qt's spelling
        if value != self._value:
            self._value = value
            self.update()

    def value(self) -> int:
        return self._value

    def maximum(self) -> int:
        return self._maximum

    def sizeHint(self) -> QSize:
        return QSize(160, max(10, self.fontMetrics().height() // 2))

    def paintEvent(self, _event) -> None:
        from PySide6.QtGui import QPainter, QPalette

        painter = QPainter(self)
        rect = self.rect().adjusted(0, 0, -1, -1)
        palette = self.palette()
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 3, 3)
        share = (self._value - self._minimum) / (self._maximum - self._minimum)
        filled = rect.adjusted(1, 1, -1, -1)
        filled.setWidth(round(filled.width() * min(max(share, 0.0), 1.0)))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
        painter.drawRect(filled)
        painter.end()


class FitScroll(QScrollArea):
    """Holds its content at full height when the page has room (the play page's
    choices, the library's details), and scrolls it rather than squeezing its
    text when 200% text leaves none.

    A scroll area sizes its widget from the widget's minimum size hint, which
    for wrapped text is its height at the narrowest width: far taller than the
    text needs at the real width, so the area would scroll with room to spare.
    The widget's minimum height is kept at what it needs for the width it has,
    whenever its layout or this area changes.
    """

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.setWidget(widget)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's spelling
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return False

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's spelling
        self._fit()
        super().resizeEvent(event)

    def _needed(self) -> int:
        """The content's height at the viewport's width (at least 1: a minimum of 0
        would hand the minimum back to the content's layout); 1 while it holds none
        (its content lent to another column, as the play page does in one shape)."""
        content = self.widget()
        if content is None:
            return 1
        width = self.viewport().width() or 600
        needed = content.heightForWidth(width) if content.hasHeightForWidth() \
            else content.sizeHint().height()
        return max(needed, 1)

    def _fit(self) -> None:
        content = self.widget()
        needed = self._needed()
        if content is not None and content.minimumHeight() != needed:
            content.setMinimumHeight(needed)
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(self.viewport().width() or 600, self._needed() + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        return QSize(200, min(self.sizeHint().height(), 240))


class Breakpoint(QObject):
    """Calls `arrange(level)` when the room a page has crosses one of `steps`, widths
    in lines of text: `level` is how many of the steps the room reaches, so with one
    step 0 is narrow and 1 wide.

    The room is the page's scroll area viewport (what the window gives the page),
    measured in font heights, so 200% text on a laptop reflows the page as a
    narrow window at 100% would. `arrange` runs once at the start and then only
    when the level changes.
    """

    def __init__(self, page: QWidget, steps: tuple[float, ...],
                 arrange: Callable[[int], None]) -> None:
        super().__init__(page)
        self.page, self.steps, self.arrange = page, steps, arrange
        self.level: int | None = None
        page.installEventFilter(self)

    def room(self) -> int:
        viewport = self.page.parentWidget()
        return viewport.width() if viewport is not None else self.page.width()

    def check(self) -> None:
        room = self.room() / self.page.fontMetrics().height()
        level = sum(1 for step in self.steps if room >= step)
        if level != self.level:
            self.level = level
            self.arrange(level)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's spelling
        kind = event.type()
        if watched is self.page and kind == QEvent.Type.ParentChange:
            viewport = self.page.parentWidget()
            if viewport is not None:  # it resizes where a page held at its minimum does not
                viewport.installEventFilter(self)
        if kind in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.Show,
                    QEvent.Type.ParentChange):
            self.check()
        return False


class NaturalScroll(QScrollArea):
    """A scroll area that asks for all of its content's height at the width it has.

    Qt caps a scroll area's size hint at 24 lines, which would make the
    details scroll on a tall window; and the content's own size hint is its
    height at its preferred width, less than wrapped text needs in a narrower
    column, which left the details scrolling above empty room. Until the area
    has a width (at startup) the cached size hint stands in, so that measuring
    the wrapped text costs nothing before the window is shown.
    """

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._width = 0
        content.installEventFilter(self)

    def sizeHint(self) -> QSize:
        content = self.widget()
        hint = content.sizeHint()
        if self._width > 0 and content.hasHeightForWidth():
            # Measured as if a scroll bar took its width: a height that only fits
            # without one would keep a scroll bar that is already showing.
            bar = self.verticalScrollBar().sizeHint().width()
            hint.setHeight(content.heightForWidth(max(1, self._width - bar)))
        return hint + QSize(2 * self.frameWidth(), 2 * self.frameWidth())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's spelling
        super().resizeEvent(event)
        width = self.width() - 2 * self.frameWidth()
        if width != self._width:
            self._width = width
            self.updateGeometry()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's spelling
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return False
