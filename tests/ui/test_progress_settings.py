"""The progress page's charts and attempts table, and settings applied live."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QPalette

from alongside.store.history import AttemptSummary
from alongside.ui import shell
from alongside.ui.pages.progress import AttemptsModel
from alongside.ui.settings import Settings
from alongside.ui.themes import THEMES
from tests.ui.conftest import settle
from tests.ui.test_play import best_walk, open_scenario


def play_through(qtbot, window, mode: str, critical_first: bool = False) -> None:
    """Play the best answers, or with `critical_first` a critical choice at the first
    decision (found by content, not position: the scenario may reorder its choices)."""
    open_scenario(qtbot, window, mode)
    walk = best_walk(window.session.scenario)
    if critical_first:
        node = window.session.scenario.nodes[walk[0][0]]
        walk[0] = (walk[0][0], 1 + next(i for i, c in enumerate(node.choices) if c.critical))
    for _node, number in walk:
        if window.session.ended:
            break
        qtbot.keyClick(window.play, Qt.Key.Key_0 + number)
    while not window.session.ended:
        qtbot.keyClick(window.play, Qt.Key.Key_1)
    qtbot.mouseClick(window.play.to_debrief, Qt.MouseButton.LeftButton)
    window.library.search.clear()


def test_attempts_table_charts_and_past_debriefs(qtbot, qtmodeltester, open_window):
    window = open_window()
    play_through(qtbot, window, "practice")
    passed_debrief = window.debrief.body.toPlainText()
    play_through(qtbot, window, "assessment", critical_first=True)
    window.go("progress")
    settle(qtbot, window)
    page = window.progress
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.sorted)
    assert page.sorted.rowCount() == 2
    modes = [page.sorted.index(r, 2).data() for r in range(2)]
    assert modes == ["Assessment", "Practice"]
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert [page.sorted.index(r, 2).data() for r in range(2)] == ["Assessment", "Practice"]
    page.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    assert page.sorted.index(0, 2).data() == "Practice"
    assert "2 attempts, 2 finished" in page.summary.text()
    for _chart, series, _view in page.charts.values():
        assert series.count() == 2
    page.table.selectRow(0)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() is window.debrief)
    assert window.debrief.body.toPlainText() == passed_debrief


def test_an_empty_table_is_a_valid_model(qtmodeltester):
    model = AttemptsModel()
    qtmodeltester.check(model)


def test_settings_apply_live_and_persist(qtbot, open_window, settings_path):
    window = open_window()
    window.go("settings")
    controls = window.preferences.controls
    controls["text_size"].setCurrentIndex(controls["text_size"].findData(150))
    assert window.font().pointSizeF() == pytest.approx(16.5)
    controls["theme"].setCurrentIndex(controls["theme"].findData("dark"))
    window_colour = window.palette().color(QPalette.ColorRole.Window).name()
    assert window_colour == THEMES["dark"].window
    controls["reduce_motion"].setChecked(True)
    assert window.play.transcript.reduce_motion
    controls["default_mode"].setCurrentIndex(controls["default_mode"].findData("assessment"))
    assert window.library.mode() == "assessment"
    stored = Settings(settings_path)
    assert (stored.get("text_size"), stored.get("theme"), stored.get("reduce_motion"),
            stored.get("default_mode")) == (150, "dark", True, "assessment")
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Minus,
                   Qt.KeyboardModifier.ControlModifier)
    assert Settings(settings_path).get("text_size") == 125


def test_unreadable_settings_fall_back_to_defaults(settings_path):
    with open(settings_path, "w") as file:
        file.write("[preferences]\ntext_size=huge\ntheme=purple\nreduce_motion=maybe\n")
    stored = Settings(settings_path)
    assert (stored.get("text_size"), stored.get("theme"), stored.get("reduce_motion")) == \
        (100, "system", False)


class Touch:
    """Unpickled, it creates its file: the proof that a pickle in the settings was run."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (Path.touch, (self.path,))


def test_a_settings_file_holding_a_pickled_object_neither_runs_it_nor_stops_the_window(
        qtbot, open_window, settings_path, tmp_path):
    marker = tmp_path / "ran.txt"
    payload = pickle.dumps(Touch(marker))
    escaped = "".join(f"\\x{b:x}" for b in payload)
    with open(settings_path, "w", encoding="utf-8") as file:
        file.write("[state]\nprofile=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x18PySide::PyObjectWrapper"
                   f"\\0\\0\\0\\0\\x{len(payload):x}{escaped})\n[preferences]\ntheme=dark\n")
    window = open_window(profile=None)
    assert not marker.exists()
    assert window.current_page() is window.profile_page
    assert Settings(settings_path).get("theme") == "dark"
    assert "@Variant" in Path(settings_path + ".refused").read_text()


def _attempt(n: int, when: datetime) -> AttemptSummary:
    scores = {"language": 0.5, "decision": 0.75, "role": 1.0}
    return AttemptSummary(f"a{n}", "Ana Ruiz", None, "dose-question", "practice", "finished",
                          when, when, "end", scores, {d: "developing" for d in scores}, False, 0)


@pytest.mark.parametrize("text_size", [100, 200])
def test_the_time_axis_says_what_it_shows_and_its_labels_fit(qtbot, open_window, text_size):
    window = open_window(size=(1280, 800))
    window.settings.set("text_size", text_size)
    window.go("progress")
    settle(qtbot, window)
    page = window.progress
    morning = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    page.show_rows([_attempt(1, morning), _attempt(2, morning + timedelta(hours=3))], {})
    qtbot.wait(10)
    for chart, _series, _view in page.charts.values():
        [axis] = chart.axes(Qt.Orientation.Horizontal)
        assert axis.titleText().startswith("Time on ") and axis.format() == "HH:mm"
    page.show_rows([_attempt(n, morning + timedelta(days=3 * n)) for n in range(6)], {})
    qtbot.wait(10)
    for chart, _series, _view in page.charts.values():
        [axis] = chart.axes(Qt.Orientation.Horizontal)
        assert axis.titleText() == "Date"
        label = QFontMetrics(axis.labelsFont()).horizontalAdvance("30 Nov")
        assert axis.tickCount() * label * 1.5 <= chart.plotArea().width(), \
            f"{axis.tickCount()} date labels of {label} px in {chart.plotArea().width()} px"


def test_a_passing_message_leaves_the_status_line(qtbot, open_window, monkeypatch):
    monkeypatch.setattr(shell, "STATUS_MS", 200)
    window = open_window()
    window.go("settings")
    window.preferences.controls["reduce_motion"].click()
    assert window.statusBar().currentMessage() == "Settings saved"
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=1000)


def test_a_long_record_restyles_without_measuring_every_attempt_again(qtbot, open_window,
                                                                       monkeypatch):
    """A theme or text size change repaints what shows; it does not ask for the words of
    every one of hundreds of attempts (Qt's ResizeToContents did, seconds per change)."""
    window = open_window(size=(1280, 800))
    window.go("progress")
    settle(qtbot, window)
    page = window.progress
    start = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    rows = [_attempt(n, start + timedelta(hours=n)) for n in range(600)]
    page.show_rows(rows, {})
    qtbot.wait(10)
    asked = []
    original = AttemptsModel.data
    monkeypatch.setattr(AttemptsModel, "data",
                        lambda self, index, role=0: asked.append(index.row()) or original(
                            self, index, role))
    for theme, size in (("dark", 150), ("high-contrast", 200), ("light", 100)):
        window.settings.set("theme", theme)
        window.settings.set("text_size", size)
        qtbot.wait(10)
    assert len(set(asked)) < len(rows) // 4, f"{len(set(asked))} of {len(rows)} rows read"
    header, metrics = page.table.horizontalHeader(), page.table.fontMetrics()
    for column in range(header.count()):
        widest = max(metrics.horizontalAdvance(text)
                     for text in set(page.model.column_texts(column)))
        assert header.sectionSize(column) > widest, f"column {column} cuts its widest text"
