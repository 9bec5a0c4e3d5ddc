"""The facilitator's keys, read the same in both windows.

1–4 add a vote to A–D and Shift with the digit takes one away (once the votes
are revealed, a digit picks among the options tied for the most); T starts
or pauses a timed vote, R reveals, N goes on, Alt+B goes back, F6 switches
views when there is one screen, Esc leaves full screen. Shift with a digit
arrives as the digit's shifted character on most layouts ("!" for Shift+1 on
a US keyboard), so those count as the digit too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from alongside.engine.vocabulary import MAX_CHOICES

Key = Qt.Key
SHIFTED = (Key.Key_Exclam, Key.Key_At, Key.Key_NumberSign, Key.Key_Dollar)
PLAIN = {Key.Key_T: "timer", Key.Key_R: "reveal", Key.Key_N: "next", Key.Key_F6: "switch",
         Key.Key_Escape: "escape"}


def action_of(event: QKeyEvent) -> tuple[str, int] | None:
    """("add" | "remove", option) for a digit, (name, 0) for another key of the room's,
    None for a key that is not the room's."""
    key = event.key()
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    shift = Qt.KeyboardModifier.ShiftModifier
    digit = key - Key.Key_1 if Key.Key_1 <= key < Key.Key_1 + MAX_CHOICES else None
    if digit is not None and mods == Qt.KeyboardModifier.NoModifier:
        return ("add", digit)
    if digit is not None and mods == shift:
        return ("remove", digit)
    if key in SHIFTED[:MAX_CHOICES] and mods in (shift, Qt.KeyboardModifier.NoModifier):
        return ("remove", SHIFTED.index(key))
    if key == Key.Key_B and mods == Qt.KeyboardModifier.AltModifier:
        return ("back", 0)
    if key in PLAIN and mods == Qt.KeyboardModifier.NoModifier:
        return (PLAIN[key], 0)
    return None
