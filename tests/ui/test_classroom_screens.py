"""The classroom with several screens, in a child process whose offscreen platform has
three (see tests/ui/two_screens.py for why it is a process of its own)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

SCREENS = {"screens": [
    {"name": "Laptop", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96},
    {"name": "Projector", "x": 1920, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96},
    {"name": "Wall", "x": 3840, "y": 0, "width": 1280, "height": 720, "logicalDpi": 96},
]}


def test_the_classroom_with_three_screens(tmp_path):
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/ui/two_screens.py", "-q", "-p",
         "no:cacheprovider", "-W", "error"], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "7 passed" in run.stdout, run.stdout[-2000:]
