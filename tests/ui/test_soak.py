"""2,000 choices in the real window, back to back, and a clean interpreter exit."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

CHOICES = 2000


@pytest.mark.slow
def test_an_afternoon_of_play_ends_with_a_clean_exit(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "tests.ui.soak", str(tmp_path), str(CHOICES)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stderr == ""
    words = done.stdout.split()
    assert words[:1] == ["choices"] and int(words[1]) >= CHOICES, done.stdout
    assert int(words[3]) >= 100, done.stdout
