"""The person's meters are rebuilt for every attempt without freeing anything twice.

Before the meters had widgets of their own, taking their layouts out of the
column handed them to Python as well as to Qt; a few attempts later one was
freed twice and the process died (a segmentation fault, 150 choices into the
GUI bench). The bench's choice loop, in a process of its own because a crash
would end the whole suite, starts attempt after attempt in the real window.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

CHOICES = 150


def test_attempt_after_attempt_rebuilds_the_meters_without_a_crash():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "alongside.ui.bench", "choices", str(CHOICES)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr[-2000:]}"
    assert len(json.loads(done.stdout.splitlines()[-1])) == CHOICES
