"""`make screenshots` renders the matrix: one cell of it here, run as make runs it."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

PAGES = {"profile", "library", "play-practice", "play-ending", "debrief", "play-assessment",
         "progress", "settings"}


def test_one_cell_of_the_matrix_renders_every_page_named_by_its_size(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshots.py"),
                           "--only", "high-contrast-200-1280x800", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Error calling Python override" not in done.stderr
    made = {p.name for p in tmp_path.glob("*.png")}
    assert made == {f"high-contrast-200-1280x800-{page}.png" for page in PAGES}
    assert "1 windows, 8 pictures" in done.stdout
