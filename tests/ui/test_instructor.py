"""The instructor's desk end to end, as an instructor uses it on a first afternoon: the
passphrase set, three bundles imported (one damaged), a cohort made from a curriculum
file with the trainees added, the grid read, an attempt opened and commented on, the
analytics looked at, one trainee certified and another refused for a critical choice
until it is waived, and the grid saved as CSV and a trainee's report as PDF. Every
step is taken with the page's own controls and checked by what the page shows."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from alongside.store.bundle import collect, write_bundle
from alongside.store.db import open_store
from alongside.ui.desk.imports import BundleFiles
from alongside.ui.desk.report_pdf import ReportFiles
from tests.store import desk_rows as rows
from tests.ui.conftest import settle
from tests.ui.desk_data import unlock
from tests.ui.test_desk_decision import fill, submit

INSTRUCTOR, PASSPHRASE = "Dee Park", "a long spring afternoon"


@pytest.fixture
def stick(tmp_path, library_dir):
    """What an instructor collects from two laptops: Ana's bundle (she passed), Ben's
    (a critical choice: he promised secrecy), and a copy of Ben's edited by hand."""
    rows.library(library_dir)
    laptop = open_store(tmp_path / "laptop.db")
    rows.play(laptop, "Ana Ruiz", ["good", "ask"])
    rows.play(laptop, "Ben Okafor", ["promise", "ask"])
    folder = tmp_path / "stick"
    folder.mkdir()
    files = []
    for name in ("Ana Ruiz", "Ben Okafor"):
        files.append(folder / f"{name.split()[0].lower()}.json")
        write_bundle(collect(laptop, name).bundle, files[-1])
    laptop.close()
    edited = json.loads(files[1].read_text(encoding="utf-8"))
    scores = edited["attempts"][0]["scores"]
    scores["role"] = 0.5 if scores["role"] == 1.0 else 1.0
    files.append(folder / "ben-edited.json")
    files[-1].write_text(json.dumps(edited), encoding="utf-8")
    return files, rows.curriculum_file(tmp_path, ["desk-one"])


def words(page) -> str:
    return "\n".join(w.text() for w in page.findChildren(QLabel) if w.isVisible())


def import_bundles(qtbot, window, files, monkeypatch) -> None:
    desk = window.pages["desk"]
    qtbot.mouseClick(desk.bring_in, Qt.MouseButton.LeftButton)
    assert window.current == "desk-import"
    page = window.pages["desk-import"]
    monkeypatch.setattr(BundleFiles, "ask_open", classmethod(lambda cls, parent: files))
    qtbot.mouseClick(page.choose, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: page.outcome.isVisible())
    assert page.progress.text() == "3 of 3 files"
    results = [page.table.item(r, 1).text() for r in range(page.table.rowCount())]
    assert results == ["Imported", "Imported", "Refused"]
    assert "checksum does not match" in page.table.item(2, 2).text()
    assert page.outcome.text() == "Done: 2 files accepted, 1 refused."


def make_cohort(qtbot, window, curriculum, chosen_files) -> None:
    window.go("desk")
    settle(qtbot, window)
    page = window.pages["desk"]
    qtbot.mouseClick(page.new, Qt.MouseButton.LeftButton)
    form = page.new_form
    qtbot.keyClicks(form.name, "Spring class")
    chosen_files["open"] = str(curriculum)
    last = form.curriculum.count() - 1
    form.curriculum.setCurrentIndex(last)
    form.curriculum.activated.emit(last)
    qtbot.mouseClick(form.create, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: page.cohorts.currentItem() is not None)
    assert page.cohorts.currentItem().text().startswith("Spring class")
    qtbot.mouseClick(page.add, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    for i in range(page.add_form.list.count()):
        page.add_form.list.item(i).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(page.add_form.add, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: page.grid_model.rowCount() == 2)


def grid_row(page, name: str) -> list[str]:
    model = page.grid.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)
    page.grid.setCurrentIndex(model.index(row, 0))
    return [model.index(row, c).data() for c in range(model.columnCount())]


def comment_on_ben(qtbot, window) -> None:
    page = window.pages["desk"]
    grid_row(page, "Ben Okafor")
    qtbot.mouseClick(page.open_trainee, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    record = window.pages["desk-trainee"]
    assert record.title.text().startswith("Ben Okafor [")
    assert "not ready yet" in record.readiness.text()
    qtbot.mouseClick(record.read_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    reading = window.pages["desk-attempt"]
    qtbot.waitUntil(lambda: reading.panels and all(p.isVisible() for p in reading.panels))
    assert "Critical choice" in words(reading)
    scores = reading.scores.text()
    box = reading.boxes[1]
    qtbot.mouseClick(box.open_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(box.editor, "What could you promise Sam instead?")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: f"Comment by {INSTRUCTOR}, " in words(reading))
    assert "What could you promise Sam instead?" in words(reading)
    assert reading.scores.text() == scores  # a comment never changes a score
    qtbot.mouseClick(reading.back_button, Qt.MouseButton.LeftButton)
    assert window.current == "desk-trainee"


def decide(qtbot, window, name: str):
    window.go("desk-trainee", trainee=name, cohort="Spring class")
    settle(qtbot, window)
    qtbot.mouseClick(window.pages["desk-trainee"].decide_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    return window.pages["desk-decision"]


def certify_ana_and_ben(qtbot, window) -> None:
    page = decide(qtbot, window, "Ana Ruiz")
    fill(qtbot, page, "pass", certify=True, passphrase=PASSPHRASE)
    submit(qtbot, window, page)
    assert window.current == "desk-trainee"
    settle(qtbot, window)
    assert "rated pass, certified" in window.pages["desk-trainee"].decisions.text()
    page = decide(qtbot, window, "Ben Okafor")
    qtbot.waitUntil(lambda: all(row.waive.isVisible() for row in page.waiver_rows))
    fill(qtbot, page, "pass", certify=True, comment="Sound apart from one promise.",
         passphrase=PASSPHRASE)
    submit(qtbot, window, page)
    assert window.current == "desk-decision" and page.problem.isVisible()
    assert "critical choice" in page.problem.text()
    [row] = page.waiver_rows
    row.waive.setFocus()
    qtbot.keyClick(row.waive, Qt.Key.Key_Space)
    assert row.waive.isChecked()
    row.comment.setFocus()
    qtbot.keyClicks(row.comment, "Repeated the scenario with me in supervision.")
    submit(qtbot, window, page)
    assert window.current == "desk-trainee", page.problem.text()
    settle(qtbot, window)
    shown = window.pages["desk-trainee"].decisions.text()
    assert "rated pass, certified" in shown and "Waived desk-one" in shown


def save_reports(qtbot, window, tmp_path, chosen_files, monkeypatch) -> None:
    window.go("desk", cohort="Spring class")
    settle(qtbot, window)
    grid = tmp_path / "grid.csv"
    chosen_files["save"] = str(grid)
    qtbot.mouseClick(window.pages["desk"].save_csv, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(grid.is_file)
    table = list(csv.DictReader(io.StringIO(grid.read_text(encoding="utf-8"))))
    assert {(r["trainee"], r["scenario"], r["status"]) for r in table} == {
        ("Ana Ruiz", "desk-one", "passed"), ("Ben Okafor", "desk-one", "waived")}
    report = tmp_path / "ben.pdf"
    monkeypatch.setattr(ReportFiles, "ask_save",
                        classmethod(lambda cls, parent, suggested: report))
    window.go("desk-trainee", trainee="Ben Okafor", cohort="Spring class")
    settle(qtbot, window)
    qtbot.mouseClick(window.pages["desk-trainee"].report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(report.is_file)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(report), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "Ben Okafor" in text and "Desk one" in text


def test_an_instructors_first_afternoon_at_the_desk(qtbot, open_window, stick, tmp_path,
                                                    chosen_files, monkeypatch):
    files, curriculum = stick
    window = open_window(profile=None, size=(1280, 800))
    next(a for a in window.findChildren(QAction) if a.objectName() == "desk").trigger()
    assert window.current == "desk-unlock"
    unlock(qtbot, window, INSTRUCTOR, PASSPHRASE, first_use=True)
    assert window.current == "desk"
    import_bundles(qtbot, window, files, monkeypatch)
    make_cohort(qtbot, window, curriculum, chosen_files)
    page = window.pages["desk"]
    ana, ben = grid_row(page, "Ana Ruiz"), grid_row(page, "Ben Okafor")
    assert ana[1].startswith("Ready") and ana[2] == "Passed"
    assert ben[1].startswith("Not yet") and ben[2] == "Failed"
    comment_on_ben(qtbot, window)
    window.go("desk-analytics", scenario="desk-one", cohort="Spring class")
    settle(qtbot, window)
    analytics = window.pages["desk-analytics"]
    qtbot.waitUntil(lambda: "Fewer than 10 attempts reached this decision" in words(analytics))
    certify_ana_and_ben(qtbot, window)
    save_reports(qtbot, window, tmp_path, chosen_files, monkeypatch)
    window.go("library")
    assert window.instructor is None  # leaving the desk locks it
