"""Counts and words that agree: plurals through Qt's %n forms with an English
catalogue kept current, one count of a scenario's decisions on the library and
the play page, and the skills and settings named as the rubric spells them."""

from __future__ import annotations

import ast
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from alongside.paths import LOCALE, PACKAGE
from tests.engine.scenarios import TWO_DECISIONS
from tests.ui.conftest import settle

CATALOGUE = LOCALE / "alongside_en.ts"


def counted_phrases() -> set[str]:
    """Every literal passed to `tr` in the interface's source with a %n in it."""
    found = set()
    for path in (PACKAGE / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr" \
                    and node.args and isinstance(node.args[0], ast.Constant) \
                    and "%n" in str(node.args[0].value):
                found.add(node.args[0].value)
    return found


def catalogue() -> dict[str, list[str]]:
    messages = ET.parse(CATALOGUE).getroot().iter("message")
    return {m.findtext("source"): [f.text or "" for f in m.iter("numerusform")]
            for m in messages if m.get("numerus") == "yes"}


def test_every_counted_phrase_has_its_english_forms():
    forms = catalogue()
    phrases = counted_phrases()
    assert phrases, "the interface counts things with %n"
    missing = sorted(phrases - forms.keys())
    assert missing == [], f"add these to {CATALOGUE.name}: {missing}"
    for source, (one, many) in forms.items():
        assert "(s)" not in one + many, source


def test_the_compiled_catalogue_is_current(tmp_path):
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    built = tmp_path / "alongside_en.qm"
    subprocess.run([str(lrelease), str(CATALOGUE), "-qm", str(built)], check=True,
                   capture_output=True)
    assert built.read_bytes() == (LOCALE / "alongside_en.qm").read_bytes(), \
        "run: pyside6-lrelease app/locale/alongside_en.ts -qm app/locale/alongside_en.qm"


@pytest.fixture
def one_scenario(tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "two.yaml").write_text(TWO_DECISIONS)
    return folder


def test_one_of_a_thing_is_not_counted_as_many(qtbot, settings_path, db_path, one_scenario):
    from alongside.ui.main_window import MainWindow
    from alongside.ui.settings import Settings

    settings = Settings(settings_path)
    settings.set_state("profile", "Ana Ruiz")
    window = MainWindow(settings, db_path, [one_scenario])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.store is not None and not window.ops.busy)
    window.go("library")
    settle(qtbot, window)
    assert window.library.count.text() == "1 scenario"
    assert window.library.fact_labels["length"].text() == "about 5 minutes, about 2 decisions"
    window.play_new(one_scenario / "two.yaml", "assessment")
    qtbot.waitUntil(lambda: window.current_page() is window.play)
    assert window.play.progress_text.text() == "Decision 1 of about 2"
    while not window.session.ended:
        window.play.choose_number(1)
    window.play.to_debrief.click()
    window.go("progress")
    settle(qtbot, window)
    summary = window.progress.summary.text()
    assert summary.startswith("1 attempt, 1 finished, ") and "1 assessments" not in summary
    window.close()


def test_the_library_and_the_play_page_count_decisions_alike(qtbot, open_window, library_dir):
    window = open_window()
    window.go("library")
    settle(qtbot, window)
    differ = []
    for row in window.library.model.rows():
        card = row.card
        if not card.available:
            continue
        window.go("library")
        window.play_new(Path(card.path), "practice")
        qtbot.waitUntil(lambda: window.current_page() is window.play)
        shown = window.play.progress_text.text()
        if shown != f"Decision 1 of about {card.decisions}":
            differ.append(f"{card.id}: library {card.decisions}, play '{shown}'")
    assert differ == []
