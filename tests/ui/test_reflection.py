"""Reflection for a trainee alone: each decision's discussion prompt in the debrief,
folded until asked, and reachable by keyboard (Tab to it, Enter to unfold)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from alongside.engine.load import load_file
from alongside.engine.policy import PRACTICE
from alongside.paths import DIALOGUES
from alongside.scoring.debrief import build_debrief
from alongside.scoring.document import Aside, debrief_document
from alongside.ui.render import document_html
from tests.ui.test_play import best_walk, open_scenario

SCENARIO = "dose-question"


def finish(qtbot, window) -> None:
    open_scenario(qtbot, window, "practice")
    for _node, number in best_walk(window.session.scenario):
        qtbot.keyClick(window.play, Qt.Key.Key_0 + number)
    qtbot.keyClick(window.play.to_debrief, Qt.Key.Key_Return)
    assert window.current_page() is window.debrief


def test_every_decision_with_a_prompt_offers_it_folded(qtbot, open_window):
    window = open_window()
    finish(qtbot, window)
    prompts = [r.discussion for r in window.debrief.debrief.decisions if r.discussion]
    assert prompts, "the scenario's decisions carry discussion prompts"
    shown = window.debrief.body.toPlainText()
    assert shown.count("▸ A question to think about (show)") == len(prompts)
    assert not any(" ".join(p.split()) in " ".join(shown.split()) for p in prompts)


def test_tab_reaches_the_question_and_enter_unfolds_and_folds_it(qtbot, open_window):
    window = open_window()
    finish(qtbot, window)
    body = window.debrief.body
    first = " ".join(next(r.discussion for r in window.debrief.debrief.decisions
                          if r.discussion).split())
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Tab)
    assert body.textCursor().selectedText().startswith("▸ A question")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    shown = " ".join(body.toPlainText().split())
    assert first in shown and "▾ A question to think about (hide)" in shown
    assert body.hasFocus() and body.textCursor().selectedText().startswith("▾ A question")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    assert first not in " ".join(body.toPlainText().split())


def test_a_printed_debrief_shows_every_question_open():
    scenario = load_file(DIALOGUES / f"{SCENARIO}.yaml").scenario
    session_decisions = [(node, scenario.nodes[node].choices[n - 1].id)
                         for node, n in best_walk(scenario)]
    debrief = build_debrief(scenario, session_decisions, True, None, ())
    document = debrief_document(debrief, scenario.title, PRACTICE)
    asides = [b for b in document.blocks if isinstance(b, Aside)]
    assert asides and all(a.text for a in asides)
    printed = document_html(document)
    assert printed.count("(hide)") == len(asides) and "(show)" not in printed
