"""The Qt binding keeps Python's reference counts whole.

PySide6 6.12.0 drops a reference to None for every Qt call that returns
nothing, and to True/False for calls that return bool, until the interpreter
aborts with "none_dealloc" (pyproject.toml keeps that release out). The calls
run in a child process: in this one, a binding with the fault would abort the
whole test run instead of failing this test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

CALLS = 20_000
TOLERANCE = 100

PROBE = f"""
import json, sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(["probe"])
label = QLabel()
before = [sys.getrefcount(v) for v in (None, True, False)]
for _ in range({CALLS}):
    label.setText("x")           # returns nothing
for _ in range({CALLS}):
    label.isVisible()            # returns False
    label.isWindow()             # returns True
after = [sys.getrefcount(v) for v in (None, True, False)]
print(json.dumps([a - b for a, b in zip(after, before)]))
"""


def test_void_and_bool_calls_leave_the_refcounts_of_none_true_false_alone():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, f"the probe aborted: {done.stderr[-800:]}"
    drift = dict(zip(("None", "True", "False"), json.loads(done.stdout), strict=True))
    assert all(abs(d) <= TOLERANCE for d in drift.values()), drift
