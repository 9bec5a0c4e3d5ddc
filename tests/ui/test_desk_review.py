"""The instructor reads a trainee's record and an attempt as it happened, and comments.

Desk data comes the way it comes in use: attempts played on a trainee's laptop
(tests/store/desk_rows.py), exported and imported on the desk, then a cohort
with a curriculum. The window is the trainee's window with the review pages
registered, unlocked as the desk's lock leaves it (`window.instructor`).
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from alongside.engine.load import load_text
from alongside.engine.session import PlaySession
from alongside.store.attempts import Recorder, start_attempt
from alongside.store.cohorts import add_trainees
from alongside.store.db import open_store
from alongside.store.history import history
from alongside.store.instructors import set_passphrase
from alongside.store.models import Attempt, Step
from alongside.ui.dialogs import Dialogs
from tests.store import desk_rows as rows
from tests.ui.conftest import settle

PASSPHRASE = "correct horse battery"
EDITED = rows.DESK_ONE.replace("title: Desk one", "title: Desk one, edited")


def _practised_with_going_back(laptop) -> str:
    """A practice attempt on an edited text of desk-one: a poor choice, taken back."""
    scenario = load_text(EDITED, "desk-one.yaml", stem="desk-one").scenario
    uuid = start_attempt(laptop, scenario, EDITED, "Ana Ruiz", "practice")
    session = PlaySession(scenario)
    session.listeners.append(Recorder(laptop, uuid, session))
    session.start()
    for step in ("poor", None, "good", "ask"):
        session.back() if step is None else session.choose(step)
    return uuid


def _spaced(desk, uuid: str, seconds: list[int]) -> None:
    """Give the attempt's steps the times a trainee would take (played here in a blink)."""
    with desk.session() as db:
        found = db.scalar(select(Attempt).where(Attempt.uuid == uuid))
        at = found.started_at
        for step, wait in zip(db.scalars(select(Step).where(Step.attempt_id == found.id)
                                         .order_by(Step.seq)), seconds, strict=True):
            at = at + timedelta(seconds=wait)
            step.at = at
        db.commit()


@pytest.fixture
def desk_data(db_path, tmp_path) -> SimpleNamespace:
    """On the window's database: Ana passed desk-one in assessment and practised an edited
    (unverified) text of it, going back once; Ben took a critical choice in his assessment.
    Both are in "Spring class", whose curriculum asks desk-one passed in assessment."""
    laptop = open_store(tmp_path / "laptop.db")
    ana = rows.play(laptop, "Ana Ruiz", ["good", "ask"])
    practice = _practised_with_going_back(laptop)
    ben = rows.play(laptop, "Ben Okafor", ["promise", "tell"])
    desk = open_store(db_path)
    rows.bring(desk, laptop, "Ana Ruiz")
    rows.bring(desk, laptop, "Ben Okafor")
    laptop.close()
    _spaced(desk, ben, [42, 75])
    rows.cohort(desk, tmp_path, "Spring class", ["desk-one"])
    add_trainees(desk, "Spring class", ["Ana Ruiz", "Ben Okafor"])
    with desk.session() as db:
        set_passphrase(db, "Dee Park", PASSPHRASE)
        db.commit()
    desk.close()
    return SimpleNamespace(ana=ana, practice=practice, ben=ben)


@pytest.fixture
def desk_window(open_window, desk_data):
    """The window with the desk unlocked by Dee Park, as the lock does."""
    window = open_window(profile=None, size=(1280, 800))
    window.instructor = "Dee Park"
    return window


def texts(page) -> list[str]:
    return [w.text() for w in page.findChildren(QLabel) if w.isVisible() and w.text()]


def shown_text(page) -> str:
    return "\n".join(texts(page))


def open_trainee(qtbot, window, name: str, cohort: str | None = "Spring class"):
    window.go("desk-trainee", trainee=name, cohort=cohort)
    settle(qtbot, window)
    return window.pages["desk-trainee"]


def open_attempt(qtbot, window, uuid: str):
    window.go("desk-attempt", attempt=uuid)
    settle(qtbot, window)
    page = window.pages["desk-attempt"]
    qtbot.waitUntil(lambda: page.panels and all(p.isVisible() for p in page.panels))
    return page


def test_a_trainees_record_shows_readiness_attempts_and_opens_one(qtbot, desk_window,
                                                                   desk_data):
    window = desk_window
    page = open_trainee(qtbot, window, "Ana Ruiz")
    assert page.title.text().startswith("Ana Ruiz [")
    assert "ready for certification" in page.readiness.text()
    assert page.cells.texts.rows[0][:2] == ("Desk one", "Passed")
    attempts = page.attempts.texts.rows
    assert len(attempts) == 2
    assert attempts[0][2] == "Practice" and attempts[0][-1] == "Unverified version"
    assert attempts[1][2] == "Assessment" and attempts[1][-2] == "None"
    assert "No decision recorded yet." in page.decisions.text()
    page.attempts.setFocus()
    page.attempts.selectRow(1)
    qtbot.keyClick(page.attempts, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current == "desk-attempt")
    settle(qtbot, window)
    assert window.pages["desk-attempt"].attempt == desk_data.ana
    qtbot.mouseClick(window.pages["desk-attempt"].back_button, Qt.MouseButton.LeftButton)
    assert window.current == "desk-trainee"
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert window.current == "desk"


def test_a_critical_attempt_is_said_in_words_on_the_record(qtbot, desk_window):
    page = open_trainee(qtbot, desk_window, "Ben Okafor")
    assert "not ready yet" in page.readiness.text()
    status, note = page.cells.texts.rows[0][1], page.cells.texts.rows[0][-1]
    assert (status, note) == ("Failed", "Critical choice in a qualifying attempt")
    assert page.attempts.texts.rows[0][-2] == "Critical choice taken"


def test_the_attempt_reads_as_it_happened(qtbot, desk_window, desk_data):
    page = open_attempt(qtbot, desk_window, desk_data.ben)
    shown = shown_text(page)
    assert page.title.text() == "Attempt: Desk one"
    assert "Ana: “Can you keep a secret?”" in shown
    assert "Chose: “I promise I will never tell anyone, whatever it is.”" in shown
    assert "Rationale: A promise you may not be able to keep." in shown
    assert "Critical choice: Promised absolute secrecy" in shown
    assert "Person-first language: +2 (quality 1.00)" in shown
    assert "Supported decision-making: -2 (quality 0.00); Role clarity: -1 (quality 0.00)" \
        in shown
    assert "took 42 s" in shown and "took 1 min 15 s" in shown
    assert "Ana: “Okay. I have been feeling low.”" in shown
    assert "Chose: “You should just do what I say.”" in shown
    assert "Ana nods." in shown
    assert "critical choices: 1" in page.scores.text()
    assert "Not yet passed" in page.scores.text()
    assert page.version.text().startswith("Played on scenario version ")
    assert "unverified" not in page.version.text()


def test_going_back_and_an_unverified_version_are_said(qtbot, desk_window, desk_data):
    page = open_attempt(qtbot, desk_window, desk_data.practice)
    shown = shown_text(page)
    assert "Went back: took back “Depends what it is, I guess.”" in shown
    assert "This choice was taken back later." in shown
    assert shown.count("Ana: “Can you keep a secret?”") == 2, "seen again after going back"
    assert "unverified version" in page.version.text()


def _scores_in_store(db_path, uuid: str) -> tuple:
    store = open_store(db_path)
    try:
        found = next(a for a in history(store).attempts if a.attempt == uuid)
        return tuple(found.scores.values()), tuple(found.bands.values()), found.passed
    finally:
        store.close()


def test_commenting_on_a_step_shows_it_and_leaves_the_scores(qtbot, desk_window, desk_data,
                                                              db_path):
    window = desk_window
    page = open_attempt(qtbot, window, desk_data.ben)
    on_screen, stored = page.scores.text(), _scores_in_store(db_path, desk_data.ben)
    box = page.boxes[1]
    qtbot.mouseClick(box.open_button, Qt.MouseButton.LeftButton)
    assert box.editor.hasFocus()
    qtbot.keyClicks(box.editor, "Let's talk about what you can promise.")
    qtbot.keyClick(box.editor, Qt.Key.Key_Tab)
    assert box.save_button.hasFocus()
    qtbot.keyClick(box.save_button, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert box.shown == ["Let's talk about what you can promise."]
    qtbot.waitUntil(lambda: any(t.startswith("Comment by Dee Park, ")
                                and t.endswith("what you can promise.") for t in texts(page)))
    assert not box.editor.isVisible()
    assert page.scores.text() == on_screen
    assert _scores_in_store(db_path, desk_data.ben) == stored
    page = open_attempt(qtbot, window, desk_data.ben)  # read again: kept under its step
    assert page.boxes[1].shown == ["Let's talk about what you can promise."]
    assert page.boxes[None].shown == [] and page.boxes[2].shown == []
    assert page.scores.text() == on_screen


def test_an_empty_comment_is_refused_in_words_and_the_box_stays(qtbot, desk_window,
                                                                 desk_data):
    window = desk_window
    page = open_attempt(qtbot, window, desk_data.ana)
    box = page.boxes[None]
    qtbot.mouseClick(box.open_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(box.editor, "   ")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert box.problem.isVisible()
    assert "a comment cannot be empty" in box.problem.text()
    assert box.editor.isVisible() and box.editor.toPlainText() == "   "
    window.instructor = None
    box.editor.setPlainText("Steady work.")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert "the desk is locked" in box.problem.text()
    assert box.editor.toPlainText() == "Steady work."


def test_two_trainees_of_one_name_are_told_apart(qtbot, desk_window, db_path):
    store = open_store(db_path)
    with store.session() as db:
        first, second = rows.trainee(db, "Sam Rivera"), rows.trainee(db, "Sam Rivera")
        rows.attempt(db, first, rows.version(db, "desk-one"), mode="practice")
        ids = first.uuid, second.uuid
        db.commit()
    store.close()
    open_trainee(qtbot, desk_window, "Ana Ruiz")
    page = open_trainee(qtbot, desk_window, "Sam Rivera", cohort=None)
    assert page.problem.isVisible()
    assert page.title.text() == "Trainee: Sam Rivera" and page.attempts.texts.rows == []
    assert not page.decide_button.isEnabled()
    assert "2 trainees are called 'Sam Rivera'" in page.problem.text()
    assert f"Sam Rivera [{ids[0][:8]}]" in page.problem.text()
    page = open_trainee(qtbot, desk_window, ids[1][:8], cohort=None)
    assert page.title.text() == f"Sam Rivera [{ids[1][:8]}]"
    assert page.attempts.texts.rows == [], "the other Sam's attempt is not theirs"
    assert "member of: no cohort" in page.readiness.text()
    assert not page.decide_button.isEnabled()
    page = open_trainee(qtbot, desk_window, ids[0][:8], cohort=None)
    assert len(page.attempts.texts.rows) == 1


def test_leaving_with_a_comment_not_kept_asks_first(qtbot, desk_window, desk_data,
                                                     shown_dialogs, monkeypatch):
    window = desk_window
    page = open_attempt(qtbot, window, desk_data.ana)
    box = page.boxes[2]
    qtbot.mouseClick(box.open_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(box.editor, "Half a thought")
    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda cls, parent, title, text: False))
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert window.current == "desk-attempt" and box.editor.toPlainText() == "Half a thought"
    monkeypatch.setattr(Dialogs, "ask", classmethod(
        lambda cls, parent, title, text: shown_dialogs.append((title, text)) or True))
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert window.current == "desk-trainee"
    assert shown_dialogs[-1][0] == "Leave without keeping your comment?"


def test_a_reply_in_own_words_shows_with_its_language_findings(qtbot, desk_window, db_path):
    from alongside.scoring import language

    text = rows.DESK_ONE.replace(
        "    text: Can you keep a secret?\n",
        "    text: Can you keep a secret?\n"
        "    free_text: {prompt: What would you say to Ana in your own words?}\n")
    scenario = load_text(text, "desk-one.yaml", stem="desk-one").scenario
    store = open_store(db_path)
    uuid = start_attempt(store, scenario, text, "Cal Ruiz", "practice")
    session = PlaySession(scenario, checker=language.flags)
    session.listeners.append(Recorder(store, uuid, session))
    session.start()
    session.say("I won't judge you like an addict.")
    session.choose("good")
    store.close()
    shown = shown_text(open_attempt(qtbot, desk_window, uuid))
    assert "Replied in own words: “I won't judge you like an addict.”" in shown
    assert "Language: “addict” — try: " in shown
    assert shown.index("Replied in own words") < shown.index("Chose: “I keep what you say")


def test_the_record_saves_the_pdf_report_and_exports_feedback(qtbot, desk_window, tmp_path,
                                                              monkeypatch, chosen_files):
    import json
    import shutil
    import subprocess

    from alongside.store.bundle.feedback import check_feedback
    from alongside.ui.desk.report_pdf import ReportFiles

    window = desk_window
    page = open_trainee(qtbot, window, "Ana Ruiz")
    report = tmp_path / "ana.pdf"
    asked = []
    monkeypatch.setattr(ReportFiles, "ask_save",
                        classmethod(lambda cls, parent, suggested: asked.append(suggested)
                                    or report))
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: report.is_file() and "saved" in window.statusBar().currentMessage())
    assert asked[0].endswith("Ana Ruiz certification report.pdf")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(report), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "Ana Ruiz" in text
    feedback = tmp_path / "ana-feedback.json"
    chosen_files["save"] = str(feedback)
    qtbot.mouseClick(page.feedback_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: feedback.is_file()
                    and "Feedback for Ana Ruiz saved" in window.statusBar().currentMessage())
    document = check_feedback(json.loads(feedback.read_text(encoding="utf-8")))
    assert document["trainee"]["name"] == "Ana Ruiz"
    assert document["trainee"]["uuid"] == page.record.uuid
