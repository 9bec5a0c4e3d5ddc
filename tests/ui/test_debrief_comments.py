"""Instructors' comments in the trainee's debrief, after a feedback bundle is imported on
the trainee's laptop: on the attempt at the top, on a step beside its decision, each
marked as the instructor's; and a debrief with none reads as it always did."""

from __future__ import annotations

from PySide6.QtCore import Qt

from alongside.cli import main
from alongside.store.bundle.feedback import collect_feedback, write_feedback
from alongside.store.comments import add_comment
from alongside.store.db import open_store
from tests.store import desk_rows as rows
from tests.ui.conftest import settle


def _laptop_with_feedback(db_path, tmp_path) -> tuple[str, str]:
    """Ana's laptop (the window's database) holding two attempts, and the desk's comments
    on the first imported there as `import-results` does; the two attempts' uuids."""
    laptop = open_store(db_path)
    first = rows.play(laptop, "Ana Ruiz", ["promise", "ask"], mode="practice")
    second = rows.play(laptop, "Ana Ruiz", ["good", "ask"], mode="practice")
    desk = open_store(tmp_path / "desk.db")
    rows.bring(desk, laptop, "Ana Ruiz")
    laptop.close()
    add_comment(desk, first, "Dee Park", "We should talk about what you can promise.", step=1)
    add_comment(desk, first, "Dee Park", "Warm and steady throughout.")
    out = tmp_path / "ana-feedback.json"
    write_feedback(collect_feedback(desk, "Ana Ruiz"), out)
    desk.close()
    assert main(["import-results", str(out), "--db", str(db_path)]) == 0
    return first, second


def _open_debrief(qtbot, window, attempt: str) -> str:
    """Open the attempt's debrief from the progress table, as the trainee would."""
    window.go("progress")
    settle(qtbot, window)
    page = window.progress
    row = next(r for r in range(page.sorted.rowCount())
               if page.model.row_at(page.sorted.mapToSource(page.sorted.index(r, 0)).row())
               .attempt == attempt)
    page.table.selectRow(row)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current == "debrief")
    settle(qtbot, window)
    return window.debrief.body.toPlainText()


def test_imported_comments_show_in_the_debrief_as_the_instructors(qtbot, open_window,
                                                                   db_path, tmp_path):
    first, second = _laptop_with_feedback(db_path, tmp_path)
    window = open_window(profile="Ana Ruiz", size=(1280, 800))
    shown = _open_debrief(qtbot, window, first)
    assert "Your instructor's comments" in shown
    assert "Instructor's comment (Dee Park," in shown
    attempt_note = shown.index("Warm and steady throughout.")
    step_note = shown.index("We should talk about what you can promise.")
    path = shown.index("Your path, decision by decision")
    first_decision, second_decision = shown.index("Decision 1"), shown.index("Decision 2")
    assert attempt_note < path, "the attempt's comment is at the top"
    assert first_decision < step_note < second_decision, "the step's comment is beside it"
    window.debrief.retry_button.setFocus()
    plain = _open_debrief(qtbot, window, second)
    assert "Instructor" not in plain
    assert "Your path, decision by decision" in plain

