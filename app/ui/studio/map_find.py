"""Finding nodes on the map: a field, the count of matches ("3 of 12") and next/previous.

What a query finds is the engine's (`alongside.engine.graph.matching`): a node by
its id, its words, a choice's id or a variable it reads or changes. Enter or F3
goes to the next match, Shift+Enter or Shift+F3 to the previous one. Emits
`found(node id)` for the match to show, and `matched(ids)` whenever the set of
matches changes (the map marks them all).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from alongside.engine.graph import Graph, matching
from alongside.ui.text import tr
from alongside.ui.widgets import button, label


class FindField(QLineEdit):
    """A line edit whose Enter goes to the next match and Shift+Enter to the previous."""

    stepped = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's spelling
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self.stepped.emit(-1 if shift else 1)
            event.accept()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """See the module docstring."""

    found = Signal(str)
    matched = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graph: Graph | None = None
        self.matches: list[str] = []
        self.at = -1
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.field = FindField(self)
        self.field.setPlaceholderText(tr("Find a node by id, words or variable"))
        self.field.setAccessibleName(tr("Find on the map"))
        self.field.setAccessibleDescription(tr("Finds nodes by id, by their words, by a "
                                               "choice's id or by a variable; Enter or F3 "
                                               "goes to the next one"))
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(lambda _text: self.refresh())
        self.field.stepped.connect(self.step)
        self.count = label("", "muted", self)
        self.count.setAccessibleName(tr("Matches"))
        self.previous = button(tr("Previous"), tr("Previous match"),
                               tr("Shows the match before this one (Shift+F3)"), parent=self)
        self.next = button(tr("Next"), tr("Next match"),
                           tr("Shows the next match (F3)"), parent=self)
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        row.addWidget(self.field, 3)
        row.addWidget(self.count, 1)
        row.addWidget(self.previous)
        row.addWidget(self.next)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, step in (("F3", 1), ("Shift+F3", -1)):
            QShortcut(QKeySequence(keys), parent or self, lambda s=step: self.step(s),
                      context=context)
        self._show_count()

    def set_graph(self, graph: Graph | None) -> None:
        """A new graph (the file changed): the same query, its matches in this graph."""
        self.graph = graph
        self.refresh(keep=True)

    def refresh(self, keep: bool = False) -> None:
        current = self.matches[self.at] if 0 <= self.at < len(self.matches) else None
        found = matching(self.graph, self.field.text()) if self.graph is not None else []
        self.matches = found
        self.at = found.index(current) if keep and current in found else (0 if found else -1)
        self.matched.emit(found)
        self._show_count()
        if found and not keep:
            self.found.emit(found[self.at])

    def step(self, by: int) -> None:
        if not self.matches:
            return
        self.at = (self.at + by) % len(self.matches)
        self._show_count()
        self.found.emit(self.matches[self.at])

    def _show_count(self) -> None:
        query = self.field.text().strip()
        if not query:
            text = ""
        elif not self.matches:
            text = tr("No matches")
        else:
            text = tr("{0} of {1}").format(self.at + 1, len(self.matches))
        self.count.setText(text)
        self.count.setAccessibleDescription(text)
        for control in (self.previous, self.next):
            control.setEnabled(len(self.matches) > 1)
