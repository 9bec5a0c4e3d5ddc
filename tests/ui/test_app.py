from pathlib import Path

from app.engine.library import load_library
from app.ui.app import MainWindow

MINIMAL = (Path(__file__).parents[1] / "engine" / "minimal.yaml.txt").read_text()


def test_main_window_lists_usable_and_unavailable_scenarios(qtbot, tmp_path):
    (tmp_path / "sample.yaml").write_text(MINIMAL)
    (tmp_path / "broken.yaml").write_text("format: 1\nid: [oops\n")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_library(load_library([tmp_path], portraits=None))
    shown = [window.scenarios.item(i).text() for i in range(window.scenarios.count())]
    assert shown[0].startswith("broken.yaml (unavailable: YAML syntax")
    assert shown[1].startswith("A short check-in")
    assert window.windowTitle() == "Alongside"
