"""The person's meters are rebuilt for every scenario without freeing anything twice."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from tests.conftest import ROOT

# In a process of its own: a double free is a crash, which would end the whole suite.
REBUILD = textwrap.dedent("""
    import gc
    from PySide6.QtCore import QCoreApplication, QEvent
    from alongside.engine.load import load_file
    from alongside.paths import DIALOGUES
    from alongside.ui.app import application
    from alongside.ui.views.person import PersonView

    app = application(["person"])
    view = PersonView()
    view.show()
    scenarios = [load_file(path).scenario for path in sorted(DIALOGUES.glob("*.yaml"))]
    shown = [s for s in scenarios if any(v.shown for v in s.variables.values())]
    assert shown, "no scenario shows a meter"
    for round in range(60):
        scenario = shown[round % len(shown)]
        view.build_meters(scenario)
        view.set_compact(round % 2 == 0)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        gc.collect()
        captions = [caption.text() for caption, _meter in view.meters.values()]
        assert len(captions) == sum(v.shown for v in scenario.variables.values())
    print("rebuilt", round + 1)
""")


def test_meters_rebuilt_for_scenario_after_scenario_free_nothing_twice():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", REBUILD], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["rebuilt", "60"]
