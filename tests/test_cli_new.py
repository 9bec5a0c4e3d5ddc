"""`new`: a scenario from the template, never over an existing file."""

from __future__ import annotations

from alongside.cli import main
from alongside.engine.load import load_file


def test_new_writes_a_file_that_validates(tmp_path, capsys):
    target = tmp_path / "first-steps.yaml"
    assert main(["new", str(target), "--title", "First steps"]) == 0
    assert f"wrote {target}" in capsys.readouterr().out
    result = load_file(target)
    assert result.problems == [] and result.scenario.title == "First steps"
    assert main(["validate", str(target)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_new_into_a_folder_names_the_file_from_the_title(tmp_path, capsys):
    assert main(["new", str(tmp_path), "--title", "Café, à deux"]) == 0
    assert load_file(tmp_path / "cafe-a-deux.yaml").scenario.id == "cafe-a-deux"


def test_new_never_overwrites(tmp_path, capsys):
    target = tmp_path / "first-steps.yaml"
    target.write_text("mine")
    assert main(["new", str(target), "--title", "First steps"]) == 1
    assert "already exists; it was left as it is" in capsys.readouterr().err
    assert target.read_text() == "mine"


def test_a_file_name_that_cannot_be_an_id_is_a_usage_error_with_a_suggestion(tmp_path, capsys):
    assert main(["new", str(tmp_path / "My_Scenario.yaml"), "--title", "T"]) == 2
    err = capsys.readouterr().err
    assert "the file name is the scenario's id" in err and "my-scenario.yaml" in err
    assert main(["new", str(tmp_path / "ok.yaml"), "--title", "  "]) == 2
    assert "Give the scenario a title" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
