"""The command-line contract of DESIGN.md, run in-process and as a real process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from alongside.cli import main
from tests.conftest import ROOT
from tests.engine.scenarios import TWO_DECISIONS

CONTRACT = ("scenario", "path", "choices", "ended", "ending", "variables", "scores", "bands",
            "critical", "passed")


@pytest.fixture
def two(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text(TWO_DECISIONS)
    return path


def test_play_json_has_every_field(two, capsys):
    assert main(["play", str(two), "--choose", "b,x", "--json"]) == 0
    played = json.loads(capsys.readouterr().out)
    assert set(played) == {*CONTRACT, "mode", "steps", "debrief"}
    assert {key: played[key] for key in CONTRACT} == {
        "scenario": "two",
        "path": ["intro", "d1", "d2", "gate", "mixed"],
        "choices": ["b", "x"],
        "ended": True,
        "ending": "mixed",
        "variables": {"trust": 3, "hope": 1},
        "scores": {"language": 0.5, "decision": 1.0, "role": 1.0},
        "bands": {"language": "developing", "decision": "proficient", "role": "proficient"},
        "critical": [],
        "passed": False,
    }


def test_play_repeated_choose_and_critical(two, capsys):
    assert main(["play", str(two), "--choose", "b", "--choose", "y", "--json"]) == 0
    played = json.loads(capsys.readouterr().out)
    assert played["critical"] == [
        {"node": "d2", "choice": "y", "reason": "Promised absolute secrecy"}]
    assert played["passed"] is False


def test_unfinished_play_reports_null_ending_and_not_passed(two, capsys):
    assert main(["play", str(two), "--json"]) == 0
    played = json.loads(capsys.readouterr().out)
    assert played["ended"] is False and played["ending"] is None and played["passed"] is False
    assert played["scores"] == {"language": None, "decision": None, "role": None}


def test_choice_not_offered_says_which_step(two, capsys):
    assert main(["play", str(two), "--choose", "b,q"]) == 1
    err = capsys.readouterr().err
    assert "step 2: choice 'q' is not offered at node 'd2' (offered: x, y)" in err


def test_play_invalid_scenario_lists_problems(tmp_path, capsys):
    bad = tmp_path / "two.yaml"
    bad.write_text(TWO_DECISIONS.replace("next: d2\n      - id: b", "next: nowhere\n      - id: b"))
    assert main(["play", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "goes to unknown node 'nowhere' [dangling-next]" in err


def test_play_human_output_shows_the_conversation(two, capsys):
    assert main(["play", str(two), "--choose", "a,x"]) == 0
    out = capsys.readouterr().out
    assert "(Ana sits down across from you.)" in out
    assert "Ana: I don't know what to do." in out
    assert "  1. [a] A" in out
    assert "> you chose [a]  (language +2, decision -2, role +0)" in out
    assert "-- ending 'strong' (strong) --" in out


def test_validate_summary_and_exit_codes(tmp_path, capsys):
    sample = tmp_path / "sample.yaml"
    sample.write_text((ROOT / "tests" / "engine" / "minimal.yaml.txt").read_text())
    assert main(["validate", str(sample)]) == 0  # a warning does not fail validation
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == "1 file checked: 0 errors, 1 warning"
    assert out[0].endswith("warning: no portrait 'sam/worried.svg' in assets; a neutral avatar "
                           "stands in [missing-portrait]")
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: broken\n")
    assert main(["validate", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "2 files checked: 8 errors, 1 warning"
    assert lines[0].startswith(f"{broken}:1:1: error: the scenario needs ")


def test_validate_reports_a_scenario_nobody_can_pass(two, capsys):
    assert main(["validate", str(two)]) == 1
    out = capsys.readouterr().out
    assert f"{two}:1:1: error: no path passes" in out and "[no-passing-path]" in out


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "missing")]) == 2
    assert main(["validate", str(tmp_path)]) == 2
    assert main(["play"]) == 2
    assert main(["play", "--resume", "x"]) == 2
    with pytest.raises(SystemExit) as exited:
        main(["play", "x.yaml", "--mode", "group"])
    assert exited.value.code == 2


def test_library_validates_clean():
    completed = subprocess.run([sys.executable, "main.py", "validate"], cwd=ROOT,
                               capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert " 0 errors" in completed.stdout.splitlines()[-1]


@pytest.mark.parametrize("command", ["validate", "play", "new", "bench"])
def test_every_command_has_help(command):
    completed = subprocess.run([sys.executable, "main.py", command, "--help"], cwd=ROOT,
                               capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0 and "usage:" in completed.stdout


@pytest.fixture
def invited(tmp_path):
    """TWO_DECISIONS with a free-text invitation at d1."""
    path = tmp_path / "two.yaml"
    path.write_text(TWO_DECISIONS.replace(
        "    text: I don't know what to do.\n",
        "    text: I don't know what to do.\n"
        "    free_text: {prompt: What would you say to Ana?}\n"))
    return path


def test_play_say_records_findings_per_step_and_in_the_debrief(invited, capsys):
    reply = "You need to stop acting like an addict."
    assert main(["play", str(invited), "--say", f"d1={reply}", "--choose", "b,x", "--json"]) == 0
    played = json.loads(capsys.readouterr().out)
    first, second = played["steps"]
    assert (first["node"], first["choice"], first["reply"]) == ("d1", "b", reply)
    assert [f["text"] for f in first["findings"]] == ["You need to", "addict"]
    assert second == {"node": "d2", "choice": "x", "reply": None, "findings": []}
    assert played["debrief"]["own_words"][0]["text"] == reply
    # Replies never change the scripted scores.
    assert played["scores"] == {"language": 0.5, "decision": 1.0, "role": 1.0}


def test_play_say_at_a_node_without_an_invitation(invited, capsys):
    assert main(["play", str(invited), "--choose", "b", "--say", "d2=Hello"]) == 1
    assert "step 2: node 'd2' does not invite a reply in your own words" in capsys.readouterr().err


def test_play_say_usage(invited, capsys):
    assert main(["play", str(invited), "--say", "no-equals-sign"]) == 2
    assert main(["play", str(invited), "--say", "nowhere=Hi"]) == 1
    assert "--say names unknown node 'nowhere'" in capsys.readouterr().err


def test_play_human_output_shows_the_reply_findings(invited, capsys):
    assert main(["play", str(invited), "--say", "d1=He is an addict.", "--choose", "b"]) == 0
    out = capsys.readouterr().out
    assert "> in your own words: He is an addict." in out
    assert "try: person who uses drugs" in out


def test_going_back_is_taken_in_practice_and_refused_in_assessment(two, capsys):
    assert main(["play", str(two), "--choose", "a,@back,b,x", "--json"]) == 0
    played = json.loads(capsys.readouterr().out)
    assert played["choices"] == ["b", "x"] and played["mode"] == "practice"
    assert main(["play", str(two), "--mode", "assessment", "--choose", "a,@back,b"]) == 1
    err = capsys.readouterr().err
    assert "step 2: going back is not allowed in assessment mode" in err


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    import subprocess
    import sys

    big = tmp_path / "big.yaml"
    from alongside.engine.generate import scenario_yaml

    big.write_text(scenario_yaml(3000, scenario_id="big"))
    choices = ",".join(["c0"] * 999)
    child = subprocess.Popen([sys.executable, "main.py", "play", str(big), "--choose", choices,
                              "--json"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.read(100)
    child.stdout.close()  # as `| head` does
    errors = child.stderr.read().decode()
    child.stderr.close()
    assert child.wait(timeout=120) == 1
    assert "Traceback" not in errors and "Exception ignored" not in errors, errors
