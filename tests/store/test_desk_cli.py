"""cohort, report and certify through the command line, as an instructor would use them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from alongside.cli import main
from alongside.store.db import open_store
from alongside.store.instructors import set_passphrase
from tests.store import desk_rows as rows

HYPERLINK = '=HYPERLINK("x")'
PASSPHRASE = "correct horse battery"


@pytest.fixture
def desk(store_target, tmp_path, capsys):
    """A desk with Ana (passed), Ben (a critical choice) and a trainee named like a formula,
    all imported from one laptop, in the cohort 'Spring class' (curriculum: desk-one)."""
    laptop = open_store(tmp_path / "laptop.db")
    rows.play(laptop, "Ana Ruiz", ["poor", "tell"])
    rows.play(laptop, "Ana Ruiz", ["good", "ask"])
    rows.play(laptop, "Ben Okafor", ["promise", "ask"])
    rows.play(laptop, HYPERLINK, ["good", "ask"], mode="practice")
    store = open_store(store_target)
    for name in ("Ana Ruiz", "Ben Okafor", HYPERLINK):
        rows.bring(store, laptop, name)
    with store.session() as db:
        set_passphrase(db, "Dee Park", PASSPHRASE)
        db.commit()
    laptop.close()
    store.close()
    curriculum = rows.curriculum_file(tmp_path, ["desk-one"], cid="desk")
    assert main(["cohort", "create", "Spring class", "--curriculum", curriculum,
                 "--db", store_target]) == 0
    assert main(["cohort", "add", "Spring class", "Ana Ruiz", "ben okafor", HYPERLINK,
                 "--db", store_target]) == 0
    capsys.readouterr()
    return store_target


def test_cohort_list_names_the_curriculum_and_trainees(desk, capsys):
    assert main(["cohort", "list", "--json", "--db", desk]) == 0
    [cohort] = json.loads(capsys.readouterr().out)["cohorts"]
    assert (cohort["name"], cohort["curriculum"], cohort["scenarios"]) == (
        "Spring class", "desk", ["desk-one"])
    assert [t.split(" [")[0] for t in cohort["trainees"]] == [HYPERLINK, "Ana Ruiz",
                                                              "Ben Okafor"]


def test_the_cohort_core_curriculum_is_the_default(desk, capsys):
    assert main(["cohort", "create", "Autumn class", "--db", desk]) == 0
    assert "with the curriculum core (20 scenarios)" in capsys.readouterr().out
    assert main(["cohort", "create", "autumn  class", "--db", desk]) == 1
    assert "a cohort named 'autumn class' already exists" in capsys.readouterr().err


def test_the_cohort_csv_has_a_row_per_trainee_and_scenario_with_formulas_neutralised(
        desk, tmp_path, capsys):
    out = tmp_path / "grid.csv"
    assert main(["report", "--cohort", "Spring class", "--format", "csv", "--out", str(out),
                 "--db", desk]) == 0
    data = out.read_bytes().decode("utf-8")
    table = list(csv.DictReader(io.StringIO(data)))
    assert data.splitlines()[0].startswith("trainee,trainee_id,scenario,status,language,"
                                           "decision,role,")
    found = {r["trainee"]: r for r in table}
    assert list(found) == ["'" + HYPERLINK, "Ana Ruiz", "Ben Okafor"]
    other, ana, ben = found.values()
    assert (ana["scenario"], ana["status"], ana["attempts"]) == ("desk-one", "passed", "2")
    assert (ana["language"], ana["decision"], ana["role"]) == ("1.000", "1.000", "1.000")
    assert (ben["status"], ben["language"]) == ("failed", "1.000")
    assert other["status"] == "completed", "practice does not pass an assessment curriculum"
    assert not any(v.startswith(("=", "+", "-", "@")) for r in table for v in r.values())


def test_a_trainees_attempts_csv(desk, tmp_path):
    out = tmp_path / "ana.csv"
    assert main(["report", "--trainee", "Ana Ruiz", "--format", "csv", "--out", str(out),
                 "--db", desk]) == 0
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert [(r["mode"], r["passed"], r["verified"]) for r in table] == [
        ("assessment", "no", "yes"), ("assessment", "yes", "yes")]


def test_pdf_is_refused_with_a_reason_and_bad_names_are_located(desk, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert main(["report", "--trainee", "Ana Ruiz", "--format", "pdf", "--out", str(out),
                 "--db", desk]) == 2
    assert "PDF reports need the desktop app" in capsys.readouterr().err
    assert main(["report", "--cohort", "Nobody's", "--out", str(out), "--db", desk]) == 1
    err = capsys.readouterr().err
    assert "no cohort named 'Nobody's' on this desk (cohorts: Spring class)" in err
    assert "Traceback" not in err and not out.exists()
    assert main(["cohort", "add", "Spring class", "Ana Ruiz", "Zed", "--db", desk]) == 1
    assert "no trainee named 'Zed' on this desk" in capsys.readouterr().err


def _certify(desk, monkeypatch, *options, passphrase=PASSPHRASE):
    monkeypatch.setattr("sys.stdin", io.StringIO(passphrase + "\n"))
    return main(["certify", "--cohort", "Spring class", "--db", desk, *options])


def test_certify_reads_the_passphrase_and_refuses_a_critical_choice_until_waived(
        desk, monkeypatch, capsys):
    assert _certify(desk, monkeypatch, "--trainee", "Ana Ruiz", "--rating", "pass",
                    "--certify") == 0
    assert "recorded: Ana Ruiz [" in capsys.readouterr().out
    assert _certify(desk, monkeypatch, "--trainee", "Ana Ruiz", "--rating", "pass",
                    "--certify", passphrase="wrong guess here") == 1
    assert "not the passphrase of instructor 'Dee Park'" in capsys.readouterr().err
    assert _certify(desk, monkeypatch, "--trainee", "Ben Okafor", "--rating", "pass",
                    "--certify") == 1
    assert "critical choice in the qualifying attempt of desk-one" in capsys.readouterr().err
    assert _certify(desk, monkeypatch, "--trainee", "Ben Okafor", "--rating",
                    "borderline-pass", "--certify", "--comment", "Strong otherwise.",
                    "--waive", "desk-one", "tested-out", "Passed it live in class.") == 0
    assert "waived desk-one (tested-out)" in capsys.readouterr().out


def test_a_curriculum_file_with_a_problem_is_refused_with_its_place(desk, tmp_path, capsys):
    wrong = rows.curriculum_file(tmp_path, ["desk-one", "desk-two"], cid="wrong")
    assert main(["cohort", "create", "Summer class", "--curriculum", wrong, "--db", desk]) == 1
    err = capsys.readouterr().err
    assert f"{wrong}:7:5: no scenario 'desk-two' in the library" in err
    assert "[unknown-scenario]" in err and "Traceback" not in err
    assert main(["cohort", "create", "Summer class", "--curriculum", "nope", "--db", desk]) == 1
    assert "no curriculum 'nope' (known: core;" in capsys.readouterr().err
