"""Issue 17's acceptance, as an author works: the map of a library scenario from the
library, a node found, a trial from a decision deep in it with a variable changed, the
path saved, the file broken in another editor (the error on its node within a second)
and fixed (the map back), and `validate` failing once an edit breaks the saved path."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from alongside.cli import main
from alongside.engine.saved_paths import read_paths, side_file
from alongside.ui.dialogs import Dialogs
from alongside.ui.studio.play_from import PlayFromDialog
from tests.ui.map_helpers import map_drawn, open_map

SCENARIO, NODE = "not-believed", "d-after"
CHOICE_NEXT = ("      - id: how-was-it\n", "        next: final-branch\n")
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _choice_goes_nowhere(text: str) -> tuple[str, int]:
    """`text` with how-was-it leading to a node that is not there, and that line."""
    start = text.index(CHOICE_NEXT[0])
    at = text.index(CHOICE_NEXT[1], start)
    line = text.count("\n", 0, at) + 1
    return text[:at] + "        next: final-brnach\n" + text[at + len(CHOICE_NEXT[1]):], line


def _trial_from_the_map(qtbot, window, page, monkeypatch) -> None:
    """Find the node, P, trust down to 1, Start, choose, save the path as "low trust"."""
    qtbot.keyClicks(page.find.field, NODE)
    assert page.find.count.text() == "1 of 2"  # sided-after holds the words too
    if page.scene.selected_id() != NODE:
        qtbot.keyClick(page.find.field, Qt.Key.Key_Return)
    assert page.find.count.text() == "2 of 2" or page.scene.selected_id() == NODE
    assert page.scene.selected_id() == NODE
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_P)
    [dialog] = [w for w in QApplication.topLevelWidgets()
                if isinstance(w, PlayFromDialog) and w.isVisible()]
    trust = next(f.widget for f in dialog.fields if f.variable.name == "trust")
    trust.setFocus()
    trust.selectAll()
    qtbot.keyClicks(trust, "1")
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() is window.play)
    assert window.session.state == NODE and window.session.variables["trust"] == 1
    qtbot.keyClick(window.play.focusWidget() or window.play, Qt.Key.Key_1)  # how-was-it
    assert window.session.ended
    monkeypatch.setattr(Dialogs, "text", classmethod(lambda cls, *a, **k: "low trust"))
    qtbot.mouseClick(window.play.trial_bar.save, Qt.MouseButton.LeftButton)
    assert window.play.trial_bar.saved.text().startswith("Saved 'low trust'")


def test_an_authors_afternoon_in_the_studio(qtbot, open_window, library_dir, monkeypatch,
                                            capsys):
    path = library_dir / f"{SCENARIO}.yaml"
    good = path.read_text(encoding="utf-8")
    window = open_window()
    page = open_map(qtbot, window, SCENARIO)
    assert NODE in page.scene.items_by_id and page.parts.problems_heading.text() == \
        "Problems: none"
    _trial_from_the_map(qtbot, window, page, monkeypatch)
    [saved] = read_paths(side_file(path))[0]
    assert (saved.name, saved.start, saved.choices) == ("low trust", NODE, ("how-was-it",))

    window.go("map", path=str(path))
    qtbot.waitUntil(lambda: map_drawn(page), timeout=5000)
    broken, line = _choice_goes_nowhere(good)
    path.write_text(broken, encoding="utf-8")  # another editor saves: the watcher sees it
    qtbot.waitUntil(lambda: map_drawn(page) and any(
        p.rule == "dangling-next" for p in page.scene.items_by_id[NODE].problems),
        timeout=1000)
    assert f"Line {line}:" in page.scene.items_by_id[NODE].toolTip()
    assert page.parts.banner.isVisible()
    assert all(item.opacity() < 1 for item in page.scene.items_by_id.values())

    path.write_text(good, encoding="utf-8")
    qtbot.waitUntil(lambda: not page.parts.banner.isVisible() and all(
        item.opacity() == 1 and not item.problems for item in page.scene.items_by_id.values()),
        timeout=1000)
    assert page.parts.problems_heading.text() == "Problems: none"

    capsys.readouterr()
    assert main(["validate", str(path)]) == 0
    path.write_text(good.replace(CHOICE_NEXT[0], "      - id: how-did-it-go\n"),
                    encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "saved-path-blocked" in out and f"{SCENARIO}.paths.yaml:" in out
