"""Making the application: the style every theme is drawn for."""

from __future__ import annotations

import os
import subprocess
import sys

from alongside.ui.app import arguments
from tests.conftest import ROOT

SHOW_STYLE = (
    "from alongside.ui.app import application\n"
    "print(application(['alongside']).style().metaObject().className())\n"
)


def test_the_fusion_style_is_asked_for_when_none_is_given():
    assert arguments(["alongside"]) == ["alongside", "-style", "Fusion"]
    assert arguments(["alongside", "--flag"]) == ["alongside", "-style", "Fusion", "--flag"]


def test_a_style_the_person_chose_is_kept():
    for argv in (["alongside", "-style", "Windows"], ["alongside", "-style=Windows"]):
        assert arguments(argv) == argv


def test_the_application_runs_fusion_even_where_the_desktop_asks_for_another_style():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "Windows"}
    shown = subprocess.run([sys.executable, "-c", SHOW_STYLE], cwd=ROOT, env=env,
                           capture_output=True, text=True, check=True, timeout=60)
    assert shown.stdout.strip() == "QFusionStyle"


def test_the_desktop_app_takes_db_and_library_like_the_command_line(monkeypatch, tmp_path):
    import alongside.ui.app as gui
    from alongside.launch import main

    started = []
    monkeypatch.setattr(gui, "run", lambda **given: started.append(given) or 0)
    assert main(["--db", str(tmp_path / "class.db"), "--library", str(tmp_path),
                 "-style", "Windows"]) == 0
    assert started == [{"db": str(tmp_path / "class.db"), "library": [tmp_path],
                        "qt_arguments": ["-style", "Windows"]}]


def test_a_mistyped_desktop_option_is_a_usage_error(capsys):
    import pytest

    from alongside.launch import main

    with pytest.raises(SystemExit) as stopped:
        main(["--dbb", "x"])
    assert stopped.value.code == 2
    assert "unrecognized arguments: --dbb" in capsys.readouterr().err


def test_the_window_has_its_icon_once_the_library_is_read(qtbot, open_window):
    window = open_window()
    qtbot.waitUntil(lambda: not window.windowIcon().isNull())
