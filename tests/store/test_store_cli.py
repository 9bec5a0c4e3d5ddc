"""play --db/--trainee/--resume and history through the command line."""

from __future__ import annotations

import json

import pytest

from alongside.cli import main
from tests.engine.scenarios import TWO_DECISIONS


@pytest.fixture
def two(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text(TWO_DECISIONS)
    return path


def test_play_records_and_prints_each_committed_step(two, store_target, capsys):
    assert main(["play", str(two), "--db", store_target, "--trainee", "Ana Ruiz",
                 "--choose", "b"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("recording attempt ")
    assert "committed step 1: choice 'b' at node 'd1'" in out


def test_resume_continues_the_newest_attempt(two, store_target, capsys):
    main(["play", str(two), "--db", store_target, "--trainee", "Ana Ruiz", "--choose", "b"])
    capsys.readouterr()
    assert main(["play", "--db", store_target, "--trainee", "Ana Ruiz", "--resume", "two",
                 "--choose", "x", "--json"]) == 0
    captured = capsys.readouterr()
    played = json.loads(captured.out)
    assert played["choices"] == ["b", "x"] and played["ending"] == "mixed"
    assert "committed step 2: choice 'x' at node 'd2'" in captured.err
    assert main(["history", "--db", store_target, "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)["attempts"]
    assert (row["trainee"], row["status"], row["ending"]) == ("Ana Ruiz", "finished", "mixed")


def test_resume_without_an_attempt_in_progress(store_target, capsys):
    assert main(["play", "--db", store_target, "--trainee", "Ana", "--resume", "two"]) == 1
    assert "Ana has no attempt of 'two' in progress" in capsys.readouterr().err


def test_history_lists_attempts_for_one_trainee(two, store_target, capsys):
    main(["play", str(two), "--db", store_target, "--trainee", "Ana Ruiz", "--choose", "a,x"])
    main(["play", str(two), "--db", store_target, "--trainee", "Ben Okafor", "--mode",
          "assessment", "--choose", "b"])
    capsys.readouterr()
    assert main(["history", "--db", store_target, "--trainee", "Ben Okafor"]) == 0
    [line] = capsys.readouterr().out.strip().splitlines()
    assert "Ben Okafor [" in line and "]  two  assessment  in-progress" in line
    assert main(["history", "--db", store_target, "--trainee", "Nobody"]) == 0
    assert capsys.readouterr().out.strip() == "No attempts recorded yet."


def test_a_damaged_database_is_reported_not_replaced(two, tmp_path, capsys):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database" * 100)
    assert main(["history", "--db", str(broken)]) == 1
    assert "broken.db" in capsys.readouterr().err
    assert main(["play", str(two), "--db", str(broken), "--trainee", "Ana"]) == 1
    assert "has not been changed" in capsys.readouterr().err
    assert broken.read_bytes() == b"not a database" * 100
