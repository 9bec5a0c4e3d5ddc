"""Shared set-up for the classroom's GUI tests: a library with a small class scenario,
presenting it as a person would (F5, the group's name), and what a window shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from alongside.ui.dialogs import Dialogs
from tests.engine.scenarios import TWO_DECISIONS

CLASS_SCENARIO = TWO_DECISIONS.replace(
    "    text: I don't know what to do.\n",
    "    text: I don't know what to do.\n"
    "    discussion: What would Ana want to hear first?\n")


def add_class_scenario(library_dir) -> None:
    (library_dir / "two.yaml").write_text(CLASS_SCENARIO, encoding="utf-8")


def present(qtbot, window, monkeypatch, group="Tuesday cohort", continue_=True):
    """Select the class scenario, press F5, give the group's name; the console page."""
    monkeypatch.setattr(Dialogs, "text", classmethod(lambda cls, parent, title, prompt,
                                                     value="": group))
    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda cls, parent, title, text:
                                                    continue_))
    qtbot.waitUntil(lambda: window.library.select("two"))
    window.library.list.setFocus()
    qtbot.keyClick(window.library.list, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.current == "present" and not window.ops.busy)
    page = window.page("present")
    qtbot.waitUntil(lambda: page.driver is not None and page.driver.room is not None)
    return page


def shown_text(root: QWidget) -> str:
    """Every label's text that is on screen in `root`, and the conversation, one string."""
    parts = [w.text() for w in root.findChildren(QLabel) if w.isVisibleTo(root) and w.text()]
    for view in root.findChildren(QWidget):
        plain = getattr(view, "toPlainText", None)
        if plain is not None and view.isVisibleTo(root):
            parts.append(plain())
    return "\n".join(parts)


def key(qtbot, widget, code, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, code, modifier)
