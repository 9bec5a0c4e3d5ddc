"""Recording certification decisions on the desk: certifying a trainee who passed,
being refused for one with a critical choice until it is waived with a reason and a
comment, a wrong passphrase refused with nothing typed lost, and every later decision
kept beside the earlier ones."""

from __future__ import annotations

from PySide6.QtCore import Qt

from alongside.store.certification import decisions
from alongside.store.db import open_store
from alongside.store.models import RATINGS, WAIVER_REASONS
from alongside.ui.desk.decision import RATINGS as SHOWN_RATINGS
from alongside.ui.desk.decision import REASONS
from tests.store.desk_rows import WHEN
from tests.ui.conftest import settle
from tests.ui.test_desk_review import PASSPHRASE, desk_data, desk_window, open_trainee

__all__ = ["desk_data", "desk_window"]  # fixtures, shared with the review tests


def open_decision(qtbot, window, name: str):
    page = open_trainee(qtbot, window, name)
    qtbot.mouseClick(page.decide_button, Qt.MouseButton.LeftButton)
    assert window.current == "desk-decision"
    settle(qtbot, window)
    page = window.pages["desk-decision"]
    qtbot.waitUntil(lambda: all(row.waive.isVisible() for row in page.waiver_rows))
    return page


def fill(qtbot, page, rating: str, certify: bool, comment: str = "",
         passphrase: str = PASSPHRASE) -> None:
    qtbot.mouseClick(page.rating_buttons[rating], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.certify if certify else page.not_certify, Qt.MouseButton.LeftButton)
    if comment:
        page.comment.setFocus()
        qtbot.keyClicks(page.comment, comment)
    page.passphrase.setFocus()
    qtbot.keyClicks(page.passphrase, passphrase)


def submit(qtbot, window, page) -> None:
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    settle(qtbot, window)


def stored(db_path, name: str):
    store = open_store(db_path)
    try:
        return decisions(store, name)
    finally:
        store.close()


def test_the_form_offers_the_ratings_and_reasons_the_store_checks():
    assert SHOWN_RATINGS == RATINGS
    assert REASONS == WAIVER_REASONS


def test_certifying_a_trainee_who_passed(qtbot, desk_window, db_path):
    window = desk_window
    page = open_decision(qtbot, window, "Ana Ruiz")
    assert "Ana Ruiz [" in page.about.text() and "Spring readiness" in page.about.text()
    assert "record a new decision" in "\n".join(w.text() for w in page.findChildren(
        type(page.about)))
    assert page.waiver_rows == []
    fill(qtbot, page, "pass", certify=True)
    submit(qtbot, window, page)
    assert window.current == "desk-trainee"
    settle(qtbot, window)
    trainee = window.pages["desk-trainee"]
    assert "Dee Park, against spring (Spring class): rated pass, certified." in \
        trainee.decisions.text()
    [decided] = stored(db_path, "Ana Ruiz")
    assert (decided.rating, decided.certified, decided.instructor) == ("pass", True, "Dee Park")
    assert decided.decided_at > WHEN


def test_a_later_decision_is_a_new_record_beside_the_first(qtbot, desk_window, db_path):
    window = desk_window
    page = open_decision(qtbot, window, "Ana Ruiz")
    fill(qtbot, page, "excellent", certify=True)
    submit(qtbot, window, page)
    page = open_decision(qtbot, window, "Ana Ruiz")
    assert page.passphrase.text() == "" and page._rating() is None, "a fresh form"
    fill(qtbot, page, "fail", certify=False, comment="Revoked: the supervisor's report.")
    submit(qtbot, window, page)
    shown = window.pages["desk-trainee"].decisions.text()
    assert shown.index("rated fail, not certified") < shown.index("rated excellent, certified")
    assert "Comment: Revoked: the supervisor's report." in shown
    assert [(d.rating, d.certified) for d in stored(db_path, "Ana Ruiz")] == [
        ("excellent", True), ("fail", False)]


def test_a_critical_choice_blocks_certifying_until_waived(qtbot, desk_window, db_path):
    window = desk_window
    page = open_decision(qtbot, window, "Ben Okafor")
    [row] = page.waiver_rows
    assert row.status.text() == \
        "Desk one: failed, with a critical choice in its qualifying attempt"
    fill(qtbot, page, "pass", certify=True, comment="Strong apart from one promise.")
    submit(qtbot, window, page)
    assert window.current == "desk-decision"
    assert page.problem.isVisible()
    assert ("a critical choice in the qualifying attempt of desk-one (“Desk one”) blocks "
            "certifying") in page.problem.text()
    assert page.comment.toPlainText() == "Strong apart from one promise."
    assert page.rating_buttons["pass"].isChecked() and page.certify.isChecked()
    row.waive.setFocus()
    qtbot.keyClick(row.waive, Qt.Key.Key_Space)
    qtbot.keyClick(row.waive, Qt.Key.Key_Tab)
    assert row.reason.hasFocus()
    qtbot.keyClick(row.reason, Qt.Key.Key_Down)
    assert row.reason.currentText() == "Equivalent activity"
    submit(qtbot, window, page)
    assert "waiving 'desk-one' needs a comment saying why" in page.problem.text()
    assert row.waive.isChecked() and row.reason.currentData() == "equivalent-activity"
    row.comment.setFocus()
    qtbot.keyClicks(row.comment, "Passed the same scenario in the spring workshop.")
    submit(qtbot, window, page)
    assert window.current == "desk-trainee"
    settle(qtbot, window)
    shown = window.pages["desk-trainee"].decisions.text()
    assert "rated pass, certified" in shown
    assert "Waived desk-one (Equivalent activity): Passed the same scenario" in shown
    [decided] = stored(db_path, "Ben Okafor")
    assert [(w.scenario, w.reason) for w in decided.waivers] == [
        ("desk-one", "equivalent-activity")]


def test_a_wrong_passphrase_is_refused_and_nothing_is_lost(qtbot, desk_window, db_path):
    window = desk_window
    page = open_decision(qtbot, window, "Ana Ruiz")
    fill(qtbot, page, "borderline-pass", certify=True, comment="Close; keep practising.",
         passphrase="not the passphrase")
    submit(qtbot, window, page)
    assert window.current == "desk-decision"
    assert "that is not the passphrase of instructor 'Dee Park'; nothing was recorded" in \
        page.problem.text()
    assert "Everything you entered is still here." in page.problem.text()
    assert page.comment.toPlainText() == "Close; keep practising."
    assert page.rating_buttons["borderline-pass"].isChecked() and page.certify.isChecked()
    assert page.passphrase.hasFocus() and page.passphrase.selectedText() == \
        "not the passphrase"
    assert stored(db_path, "Ana Ruiz") == []
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    submit(qtbot, window, page)
    assert window.current == "desk-trainee"
    assert [d.rating for d in stored(db_path, "Ana Ruiz")] == ["borderline-pass"]


def test_a_comment_is_asked_for_at_borderline_pass_or_below(qtbot, desk_window, db_path):
    window = desk_window
    page = open_decision(qtbot, window, "Ana Ruiz")
    assert "Required at borderline pass or below" in page.comment_rule.text()
    fill(qtbot, page, "borderline-pass", certify=False)
    assert page.comment_rule.text() == "Required for this rating: say why."
    submit(qtbot, window, page)
    assert "a rating of borderline pass needs a comment saying why" in page.problem.text()
    assert stored(db_path, "Ana Ruiz") == []
    qtbot.mouseClick(page.rating_buttons["pass"], Qt.MouseButton.LeftButton)
    assert "optional above" in page.comment_rule.text()


def test_no_rating_chosen_is_said_in_words(qtbot, desk_window):
    window = desk_window
    page = open_decision(qtbot, window, "Ana Ruiz")
    page.passphrase.setFocus()
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    submit(qtbot, window, page)
    assert "choose a global rating, from fail to excellent" in page.problem.text()
    assert page.passphrase.text() == PASSPHRASE
    page.passphrase.clear()
    qtbot.mouseClick(page.rating_buttons["pass"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert "type your passphrase to sign the decision" in page.problem.text()


def test_tab_goes_through_the_form_in_the_order_it_reads(qtbot, desk_window):
    window = desk_window
    page = open_decision(qtbot, window, "Ben Okafor")
    [row] = page.waiver_rows
    assert row.reason.isHidden() and row.comment.isHidden(), "asked for once ticked"
    row.waive.click()
    page.comment.setFocus()
    order = [page.comment, row.waive, row.reason, row.comment, page.passphrase,
             page.record_button, page.cancel_button]
    for before, after in zip(order, order[1:], strict=False):
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        assert after.hasFocus(), (before.accessibleName(), window.focusWidget())
