"""xAPI statements: every one checked against the schema, and cmi5's rules per attempt."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest

from alongside.cli import main
from alongside.scoring.bands import PASS_FLOOR
from alongside.store.cohorts import add_trainees
from alongside.store.db import open_store
from alongside.store.rows import StoredAttempt
from alongside.store.xapi import VERBS, duration, export_statements, scaled
from tests.store import desk_rows as rows

SCHEMA = json.loads((Path(__file__).with_name("xapi-statement.schema.json"))
                    .read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA,
                                            format_checker=jsonschema.FormatChecker())
VERB = {iri: verb for verb, iri in VERBS.items()}


@pytest.fixture
def desk(store, tmp_path):
    """Ana: a pass, a low fail, a fail only through a critical choice, and a practice."""
    laptop = open_store(tmp_path / "laptop.db")
    plays = {"pass": rows.play(laptop, "Ana Ruiz", ["good", "ask"]),
             "low": rows.play(laptop, "Ana Ruiz", ["poor", "tell"]),
             "critical": rows.play(laptop, "Ana Ruiz", ["promise", "ask"]),
             "practice": rows.play(laptop, "Ana Ruiz", ["poor", "ask"], mode="practice")}
    rows.play(laptop, "Ana Ruiz", ["good"])  # in progress: not exported
    rows.bring(store, laptop, "Ana Ruiz")
    laptop.close()
    rows.cohort(store, tmp_path, "Spring class", ["desk-one"])
    add_trainees(store, "Spring class", ["Ana Ruiz"])
    return store, plays


def _by_attempt(statements):
    found: dict[str, list[str]] = {}
    for s in statements:
        found.setdefault(s["context"]["registration"], []).append(VERB[s["verb"]["id"]])
    return found


def test_every_statement_meets_the_schema(desk):
    store, _ = desk
    made = export_statements(store, cohort="Spring class")
    assert made.attempts == 4 and len(made.statements) == 4 * 2 + 4 + 3
    for statement in made.statements:
        VALIDATOR.validate(statement)


def test_cmi5_exactly_one_verdict_per_finished_assessment_never_both(desk):
    store, plays = desk
    found = _by_attempt(export_statements(store, trainee="Ana Ruiz").statements)
    for kind, uuid in plays.items():
        verbs = Counter(found[uuid])
        assert verbs["answered"] == 2 and verbs["completed"] == 1
        verdicts = verbs["passed"] + verbs["failed"]
        assert verdicts == (0 if kind == "practice" else 1), kind
    assert "passed" in found[plays["pass"]] and "failed" in found[plays["critical"]]


def test_scores_follow_the_pass_floor(desk):
    store, plays = desk
    statements = export_statements(store, trainee="Ana Ruiz").statements
    verdict = {s["context"]["registration"]: s for s in statements
               if VERB[s["verb"]["id"]] in ("passed", "failed")}
    assert verdict[plays["pass"]]["result"]["score"] == {"scaled": 1.0}
    assert verdict[plays["low"]]["result"]["score"]["scaled"] < PASS_FLOOR
    assert "score" not in verdict[plays["critical"]]["result"], \
        "a fail only through a critical choice carries no passing-looking score"
    answered = [s for s in statements if s["context"]["registration"] == plays["critical"]
                and VERB[s["verb"]["id"]] == "answered"]
    ext = "https://alongside.invalid/xapi/extensions/"
    assert [(s["result"]["response"], s["result"]["extensions"][ext + "critical"])
            for s in answered] == [("promise", True), ("ask", False)]
    assert answered[1]["result"]["extensions"][ext + "role"] == 1.0


@pytest.mark.parametrize(("scores", "passed", "expected"), [
    ({"language": 0.9, "decision": 0.7, "role": None}, False, None),
    ({"language": 0.69999, "decision": 0.9, "role": 0.9}, False, 0.69999),
    ({"language": 0.7, "decision": 0.9, "role": 0.9}, True, 0.7),
    ({"language": None, "decision": None, "role": None}, False, None),
])
def test_the_scaled_score_is_the_lowest_skill_and_never_passing_on_a_fail(scores, passed,
                                                                        expected):
    start = datetime(2026, 3, 2, tzinfo=UTC)
    attempt = StoredAttempt(1, "a" * 8 + "-0000-4000-8000-" + "0" * 12, "Ana", "b" * 8,
                            "desk-one", 1, "c" * 64, True, None, None, "assessment",
                            "finished", start, start + timedelta(minutes=3), "end", scores, {},
                            passed, 0 if passed else 1)
    assert scaled(attempt) == expected


def test_the_schema_refuses_a_failed_statement_with_a_passing_score(desk):
    store, plays = desk
    [failed] = [s for s in export_statements(store, trainee="Ana Ruiz").statements
                if s["context"]["registration"] == plays["low"]
                and VERB[s["verb"]["id"]] == "failed"]
    failed["result"]["score"]["scaled"] = PASS_FLOOR
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(failed)
    failed["result"]["score"]["scaled"] = 0.2
    failed["result"]["success"] = True
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(failed)


def test_durations_are_iso_8601():
    start = datetime(2026, 3, 2, tzinfo=UTC)
    assert duration(start, start + timedelta(seconds=83.256)) == "PT1M23.26S"
    assert duration(start, start + timedelta(hours=2, seconds=4)) == "PT2H4S"
    assert duration(start, start) == "PT0S"


def test_the_command_writes_a_json_array_and_refuses_an_unknown_cohort(desk, tmp_path, capsys,
                                                                       store_target):
    out = tmp_path / "statements.json"
    assert main(["export-xapi", "--cohort", "Spring class", "--out", str(out),
                 "--db", store_target]) == 0
    statements = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(statements, list) and len(statements) == 15
    assert "15 statements of 4 attempts written" in capsys.readouterr().out
    assert main(["export-xapi", "--cohort", "Autumn", "--out", str(out),
                 "--db", store_target]) == 1
    assert "no cohort named 'Autumn'" in capsys.readouterr().err
