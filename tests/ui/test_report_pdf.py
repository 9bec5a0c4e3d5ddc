"""The trainee's PDF report: its text, its fonts, its repeating headers and its attachment."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from alongside.store.bundle import check_bundle
from alongside.store.certification import record_decision
from alongside.store.cohorts import add_trainees
from alongside.store.db import open_store
from alongside.store.instructors import set_passphrase
from alongside.ui.desk import report_pdf
from alongside.ui.desk.report_pdf import ReportFiles, save_report, write_report
from tests.store import desk_rows as rows
from tests.ui.conftest import settle

PASSPHRASE = "correct horse battery"
POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdfdetach"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdffonts, "
                                   "pdfdetach) is not installed: apt-get install poppler-utils")


@pytest.fixture
def desk(db_path, tmp_path):
    """The window's database as a desk: Ana with 30 attempts (every other one passed) and a
    decision; Ben with a critical choice; both in 'Spring class' (curriculum: desk-one)."""
    laptop = open_store(tmp_path / "laptop.db")
    for i in range(30):
        rows.play(laptop, "Ana Ruiz", ["poor", "tell"] if i % 2 else ["good", "ask"])
    rows.play(laptop, "Ben Okafor", ["promise", "ask"])
    store = open_store(db_path)
    for name in ("Ana Ruiz", "Ben Okafor"):
        rows.bring(store, laptop, name)
    laptop.close()
    rows.cohort(store, tmp_path, "Spring class", ["desk-one"])
    add_trainees(store, "Spring class", ["Ana Ruiz", "Ben Okafor"])
    with store.session() as db:
        set_passphrase(db, "Dee Park", PASSPHRASE)
        db.commit()
    record_decision(store, trainee="Ana Ruiz", cohort="Spring class", rating="pass",
                    certify=True, comment="Steady <and> clear", passphrase=PASSPHRASE)
    yield store
    store.close()


def _text(path, *pages: int) -> str:
    """The PDF's text, each run of white space as one space (lines wrap in table cells)."""
    first_last = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    words = subprocess.run(["pdftotext", *first_last, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout.split()
    return " ".join(words)


@needs_poppler
def test_the_text_names_the_trainee_scenarios_decision_and_critical_reasons(qtbot, desk,
                                                                           tmp_path):
    ben = tmp_path / "ben.pdf"
    report = write_report(desk, "Ben Okafor", "Spring class", ben)
    text = _text(ben)
    assert "Ben Okafor" in text and "Desk one" in text and "Spring readiness" in text
    assert "Not ready yet" in text and "Promised absolute secrecy" in text
    assert report.attempts[0].content_hash[:12] in text
    ana = tmp_path / "ana.pdf"
    write_report(desk, "Ana Ruiz", None, ana)  # her only cohort is taken
    text = _text(ana)
    assert "Ready: every scenario" in text
    assert "Steady <and> clear" in text and "Dee Park" in text and "certified" in text
    assert text.count("No critical choice") == 30


@needs_poppler
def test_table_headers_repeat_on_each_page_and_fonts_are_embedded(qtbot, desk, tmp_path):
    out = tmp_path / "ana.pdf"
    write_report(desk, "Ana Ruiz", "Spring class", out)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines()
                     if line.startswith("Pages:")))
    assert pages >= 2
    second = _text(out, 2)
    assert "Scenario and version" in second and "Result and critical choices" in second
    assert "page 2 of" in second
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    listed = fonts.splitlines()[2:]
    assert listed and all(line.split()[-5] == "yes" for line in listed), fonts


@needs_poppler
def test_the_attachment_is_the_trainees_results_bundle(qtbot, desk, tmp_path):
    out = tmp_path / "ana.pdf"
    report = write_report(desk, "Ana Ruiz", "Spring class", out)
    saved = tmp_path / "saved"
    saved.mkdir()
    subprocess.run(["pdfdetach", "-saveall", "-o", str(saved), str(out)], check=True)
    [attached] = saved.iterdir()
    assert attached.name == f"results-{report.trainee_uuid[:8]}.json"
    bundle = check_bundle(json.loads(attached.read_text(encoding="utf-8")))
    assert (bundle.trainee.name, bundle.trainee.uuid) == ("Ana Ruiz", report.trainee_uuid)
    assert len(bundle.attempts) == 30
    fresh = open_store(tmp_path / "other-desk.db")
    try:
        from alongside.store.bundle import import_bundle

        assert import_bundle(fresh, bundle).added == 30
    finally:
        fresh.close()


def test_a_trainee_in_no_named_cohort_is_refused_cleanly(qtbot, desk, tmp_path):
    out = tmp_path / "x.pdf"
    from alongside.store.cohorts import CohortError

    with pytest.raises(CohortError, match="no cohort named 'Autumn'"):
        write_report(desk, "Ana Ruiz", "Autumn", out)
    assert not out.exists()


def test_save_report_asks_for_a_file_and_writes_it_on_the_worker(qtbot, open_window, desk,
                                                                 tmp_path, monkeypatch,
                                                                 shown_dialogs):
    window = open_window(profile=None)
    out = tmp_path / "reports" / "ana.pdf"
    out.parent.mkdir()
    asked = []
    monkeypatch.setattr(ReportFiles, "ask_save", classmethod(
        lambda cls, parent, suggested: asked.append(suggested) or out))
    threads = []
    original = report_pdf.pdf_bytes
    monkeypatch.setattr(report_pdf, "pdf_bytes", lambda report: threads.append(
        __import__("threading").current_thread().name) or original(report))
    save_report(window, "Ana Ruiz", "Spring class")
    settle(qtbot, window)
    assert asked and asked[0].endswith(".pdf") and "Ana Ruiz" in asked[0]
    assert out.read_bytes().startswith(b"%PDF-")
    assert threads and threads[0].startswith("alongside-store")
    qtbot.waitUntil(lambda: "ana.pdf" in window.statusBar().currentMessage())
    assert not shown_dialogs


def test_save_report_says_why_it_was_refused(qtbot, open_window, desk, tmp_path, monkeypatch,
                                             shown_dialogs):
    window = open_window(profile=None)
    monkeypatch.setattr(ReportFiles, "ask_save", classmethod(
        lambda cls, parent, suggested: tmp_path / "x.pdf"))
    save_report(window, "Zed Nobody", None)
    settle(qtbot, window)
    assert shown_dialogs and "no trainee named 'Zed Nobody'" in shown_dialogs[0][1]
    assert not (tmp_path / "x.pdf").exists()
