"""Play from here… and the trial's end: whole at 200% text, reached by Tab, named."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QWidget

from alongside.ui.dialogs import Dialogs
from alongside.ui.studio.play_from import open_play_from
from tests.ui.test_accessibility import clipped, settled, tab_chain

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
SCENARIO = "not-believed"


def _controls(widget: QWidget) -> list[QWidget]:
    return [w for w in widget.findChildren(QWidget)
            if isinstance(w, QAbstractButton | QAbstractSpinBox) and w.isVisible()
            and w.isEnabled()]


@pytest.mark.parametrize("theme", ["light", "high-contrast"])
@pytest.mark.parametrize("text_size", [100, 200])
@pytest.mark.parametrize("node", ["d-after", "check-trust"])
def test_the_dialog_is_whole_and_every_control_reached_and_named(
        qtbot, open_window, library_dir, theme, text_size, node):
    window = open_window(size=(1280, 800))
    window.settings.set("theme", theme)
    window.settings.set("text_size", text_size)
    dialog = open_play_from(window, library_dir / f"{SCENARIO}.yaml", node)
    qtbot.waitExposed(dialog)
    assert settled(qtbot, dialog) == []
    assert dialog.height() <= window.screen().availableGeometry().height()
    controls = _controls(dialog)
    chain = tab_chain(qtbot, dialog, controls[0])
    for control in controls:
        assert control in chain, control.accessibleName()
        assert control.accessibleName() and control.accessibleDescription(), control
    dialog.reject()


def test_the_clipping_check_sees_a_cramped_dialog(qtbot, open_window, library_dir):
    window = open_window()
    window.settings.set("text_size", 200)
    dialog = open_play_from(window, library_dir / f"{SCENARIO}.yaml", "check-trust")
    qtbot.waitExposed(dialog)
    dialog.branch.setFixedHeight(10)
    qtbot.wait(10)
    assert any("conditions" in problem for problem in clipped(dialog))
    dialog.reject()


def test_a_trial_ended_at_200_percent_is_whole_and_its_save_reached_by_tab(
        qtbot, open_window, library_dir, monkeypatch):
    window = open_window(size=(1280, 800))
    window.settings.set("text_size", 200)
    dialog = open_play_from(window, library_dir / f"{SCENARIO}.yaml", "d-after")
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.start, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() is window.play)
    play = window.play
    assert settled(qtbot, play) == []
    qtbot.keyClick(play.focusWidget() or play, Qt.Key.Key_1)
    assert window.session.ended
    monkeypatch.setattr(Dialogs, "text", classmethod(lambda cls, *a, **k: "kept"))
    chain = tab_chain(qtbot, window, play.to_debrief)
    assert play.trial_bar.save in chain
    play.trial_bar.save.setFocus()
    qtbot.keyClick(play.trial_bar.save, Qt.Key.Key_Return)
    assert play.trial_bar.saved.text().startswith("Saved 'kept'")
    assert settled(qtbot, play) == []
