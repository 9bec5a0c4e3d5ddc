"""`play --from NODE --set VAR=VALUE --save-path NAME`, and `validate` replaying saved paths."""

import json
import shutil

import pytest

from alongside.cli import main
from alongside.engine.saved_paths import read_paths, side_file
from alongside.paths import DIALOGUES

BEST = "walk-with,find-words,brief-share,invite-voice,beside-you,his-words,options-ahead"


@pytest.fixture
def copied(tmp_path):
    path = tmp_path / "not-believed.yaml"
    shutil.copy(DIALOGUES / "not-believed.yaml", path)
    return path


def test_play_from_a_deep_decision_with_a_variable_set(copied, capsys):
    assert main(["play", str(copied), "--from", "d-after", "--choose", "how-was-it",
                 "--json"]) == 0
    best = json.loads(capsys.readouterr().out)
    assert best["path"][0] == "d-after" and best["choices"] == ["how-was-it"]
    assert best["ending"] == "end-strong" and best["variables"]["trust"] == 5
    assert main(["play", str(copied), "--from", "d-after", "--set", "trust=1", "--choose",
                 "how-was-it", "--json"]) == 0
    low = json.loads(capsys.readouterr().out)  # trust 1, then how-was-it adds 1
    assert low["ending"] == "end-mixed"
    assert low["variables"]["trust"] == 2 and low["variables"]["voice"] == 5


@pytest.mark.parametrize(("args", "code", "words"), [
    (["--from", "d-aftr"], 1, "has no node 'd-aftr' (did you mean 'd-after'"),
    (["--from", "d-after", "--set", "trusst=1"], 1, "declares no variable 'trusst'"),
    (["--set", "trust=lots"], 1, "variable 'trust' takes a whole number from 0 to 5, not 'lots'"),
    (["--set", "trust=6"], 1, "from 0 to 5, not 6"),
    (["--set", "trust"], 2, "--set needs VAR=VALUE, got 'trust'"),
    (["--from", "d-after", "--trainee", "sam"], 2, "leave out --trainee and --resume"),
])
def test_bad_trial_options_are_refused_in_words(copied, capsys, args, code, words):
    assert main(["play", str(copied), *args]) == code
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_save_path_then_validate_replays_it_and_catches_the_edit_that_breaks_it(copied, capsys):
    assert main(["play", str(copied), "--choose", BEST + ",how-was-it", "--save-path",
                 "best route"]) == 0
    assert "saved path 'best route' in" in capsys.readouterr().out
    assert main(["play", str(copied), "--choose", "walk-with", "--save-path", "short"]) == 1
    assert "only one that reaches an ending can be saved" in capsys.readouterr().err
    assert main(["play", str(copied), "--choose", BEST + ",how-was-it", "--save-path",
                 "best route"]) == 1
    assert "already holds a path named 'best route'" in capsys.readouterr().err
    paths, _ = read_paths(side_file(copied))
    assert [(p.name, p.ending, p.passed) for p in paths] == [("best route", "end-strong", True)]
    assert main(["validate", str(copied.parent)]) == 0
    capsys.readouterr()
    copied.write_text(copied.read_text().replace("id: how-was-it", "id: how-did-it-go"))
    assert main(["validate", str(copied.parent)]) == 1
    out = capsys.readouterr().out
    assert f"{side_file(copied)}:1:1: error: saved path 'best route': step 8: choice " \
           "'how-was-it' is not offered at node 'd-after'" in out
    assert "[saved-path-blocked]" in out and "1 file checked: 1 error" in out
