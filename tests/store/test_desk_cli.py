"""cohort, report and certify through the command line, as an instructor would use them."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

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


def test_a_trainees_pdf_report_is_written_by_the_desktop_apps_code(desk, tmp_path, capsys):
    out = tmp_path / "ana.pdf"
    assert main(["report", "--trainee", "Ana Ruiz", "--format", "pdf", "--out", str(out),
                 "--db", desk]) == 0
    said = capsys.readouterr().out
    assert f"{out}: PDF report on Ana Ruiz written (2 qualifying attempts, results " \
        "attached)" in said
    assert out.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                                       text=True, check=True).stdout.split())
        assert "Ana Ruiz" in text and "Spring class" in text and "Desk one" in text
    assert main(["report", "--trainee", "Zed", "--format", "pdf", "--out", str(out),
                 "--db", desk]) == 1
    err = capsys.readouterr().err
    assert "alongside report: no trainee named 'Zed' on this desk" in err
    assert "Traceback" not in err


def test_report_options_that_do_not_go_together_are_usage_errors(desk, tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert main(["report", "--cohort", "Spring class", "--format", "pdf", "--out", str(out),
                 "--db", desk]) == 2
    assert "a PDF report is about one trainee" in capsys.readouterr().err
    assert main(["report", "--cohort", "Spring class", "--trainee", "Ana Ruiz", "--out",
                 str(out), "--db", desk]) == 2
    assert "one of them" in capsys.readouterr().err
    assert main(["report", "--out", str(out), "--db", desk]) == 2
    assert not out.exists()


def test_bad_names_are_located(desk, tmp_path, capsys):
    out = tmp_path / "x.csv"
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


def _set_passphrase(desk, monkeypatch, name, *lines):
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    return main(["instructor", "set-passphrase", name, "--db", desk])


def test_set_passphrase_from_standard_input_then_certify_with_it(desk, monkeypatch, capsys):
    assert _set_passphrase(desk, monkeypatch, "Eli Moss", "a new long phrase") == 0
    assert "instructor 'Eli Moss': passphrase set" in capsys.readouterr().out
    assert _certify(desk, monkeypatch, "--trainee", "Ana Ruiz", "--rating", "pass",
                    "--certify", "--instructor", "Eli Moss",
                    passphrase="a new long phrase") == 0
    assert "by Eli Moss" in capsys.readouterr().out


def test_replacing_a_passphrase_needs_the_current_one(desk, monkeypatch, capsys):
    assert _set_passphrase(desk, monkeypatch, "Dee Park", "a wrong guess", "taken over!") == 1
    assert "not the current passphrase of instructor 'Dee Park'; nothing was changed" in \
        capsys.readouterr().err
    assert _set_passphrase(desk, monkeypatch, "Dee Park", PASSPHRASE, "short") == 1
    assert "a passphrase needs at least 8 characters" in capsys.readouterr().err
    assert _set_passphrase(desk, monkeypatch, "Dee Park", PASSPHRASE) == 1
    assert "no passphrase on standard input" in capsys.readouterr().err
    assert _set_passphrase(desk, monkeypatch, "Dee Park", PASSPHRASE, "the next phrase") == 0
    assert "instructor 'Dee Park': passphrase replaced" in capsys.readouterr().out
    assert _certify(desk, monkeypatch, "--trainee", "Ana Ruiz", "--rating", "pass",
                    "--certify") == 1, "the old passphrase no longer works"
    assert _certify(desk, monkeypatch, "--trainee", "Ana Ruiz", "--rating", "pass",
                    "--certify", passphrase="the next phrase") == 0


def test_at_a_terminal_the_passphrase_is_asked_twice(desk, monkeypatch, capsys):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal())
    answers = iter(["first long phrase", "first long phrasf"])
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or next(answers))
    assert main(["instructor", "set-passphrase", "Eli Moss", "--db", desk]) == 1
    assert "the two entries differ; nothing was changed" in capsys.readouterr().err
    assert asked == ["New passphrase of Eli Moss: ", "The same again: "]
    answers = iter(["first long phrase", "first long phrase"])
    assert main(["instructor", "set-passphrase", "Eli Moss", "--db", desk]) == 0
    assert "passphrase set" in capsys.readouterr().out


def test_set_passphrase_refuses_a_bad_name_and_has_help(desk, monkeypatch, capsys):
    assert _set_passphrase(desk, monkeypatch, "\u202eEli", "a new long phrase") == 2
    assert "instructor's name" in capsys.readouterr().err
    with pytest.raises(SystemExit) as shown:
        main(["instructor", "set-passphrase", "--help"])
    assert shown.value.code == 0
    assert "--db" in capsys.readouterr().out
