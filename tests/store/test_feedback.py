"""Feedback bundles: comments back to the trainee's laptop, once, and nothing from a
damaged file."""

from __future__ import annotations

import io
import json

import pytest

from alongside.cli import main
from alongside.store.bundle import checksum
from alongside.store.comments import add_comment, attempt_comments
from alongside.store.db import open_store
from alongside.store.instructors import set_passphrase
from tests.store import desk_rows as rows

PASSPHRASE = "correct horse battery"


@pytest.fixture
def feedback(store_target, tmp_path, capsys, monkeypatch):
    """Ana's laptop (a SQLite file) and a feedback bundle the desk wrote for her: two comments
    on one attempt, one on another, and a decision."""
    laptop = open_store(tmp_path / "laptop.db")
    first = rows.play(laptop, "Ana Ruiz", ["promise", "ask"])
    second = rows.play(laptop, "Ana Ruiz", ["good", "ask"])
    desk = open_store(store_target)
    rows.bring(desk, laptop, "Ana Ruiz")
    add_comment(desk, first, "Dee Park", "Talk about what you can promise.", step=1)
    add_comment(desk, first, "Dee Park", "Kind and steady.")
    add_comment(desk, second, "Dee Park", "Exactly right.")
    with desk.session() as db:
        set_passphrase(db, "Dee Park", PASSPHRASE)
        db.commit()
    rows.cohort(desk, tmp_path, "Spring class", ["desk-one"])
    laptop.close()
    desk.close()
    assert main(["cohort", "add", "Spring class", "Ana Ruiz", "--db", store_target]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    assert main(["certify", "--trainee", "Ana Ruiz", "--cohort", "Spring class", "--rating",
                 "pass", "--certify", "--db", store_target]) == 0
    out = tmp_path / "ana-feedback.json"
    assert main(["export-feedback", "--trainee", "Ana Ruiz", "--out", str(out),
                 "--db", store_target]) == 0
    assert "3 comments and 1 decision for Ana Ruiz written" in capsys.readouterr().out
    return tmp_path / "laptop.db", out, first, second


def test_importing_feedback_stores_each_comment_against_its_attempt_once(feedback, capsys):
    laptop, out, first, second = feedback
    assert main(["import-results", str(out), "--db", str(laptop)]) == 0
    assert "3 comments added, 0 already present; 1 decision read" in capsys.readouterr().out
    assert main(["import-results", str(out), "--db", str(laptop)]) == 0
    assert "0 comments added, 3 already present" in capsys.readouterr().out
    store = open_store(laptop)
    try:
        mine = attempt_comments(store, first)
        assert [(c.step, c.node, c.text, c.author) for c in mine] == [
            (1, "d1", "Talk about what you can promise.", "Dee Park"),
            (None, None, "Kind and steady.", "Dee Park")]
        assert [c.text for c in attempt_comments(store, second)] == ["Exactly right."]
    finally:
        store.close()


def _rewrite(out, change, reseal=True):
    document = json.loads(out.read_text(encoding="utf-8"))
    change(document)
    if reseal:
        document["checksum"] = checksum(document)
    out.write_text(json.dumps(document), encoding="utf-8")


@pytest.mark.parametrize(("change", "reseal", "message"), [
    (lambda d: d["comments"][0].update(text="You did everything wrong."), False,
     "checksum does not match (the file was changed after export)"),
    (lambda d: d["comments"][1].update(step="one"), True,
     "comments[1].step must be a whole number, not text"),
    (lambda d: d["decisions"][0].update(rating="superb"), True,
     "decisions[0].rating must be one of: fail, borderline-fail"),
    (lambda d: d.update(extra=1), True, "the bundle has an unknown field 'extra'"),
    (lambda d: d["trainee"].update(uuid="0" * 8 + "-0000-4000-8000-" + "0" * 12), True,
     "who has no profile on this computer"),
])
def test_a_damaged_feedback_bundle_is_refused_whole_naming_where(feedback, capsys, change,
                                                                 reseal, message):
    laptop, out, first, _ = feedback
    _rewrite(out, change, reseal)
    assert main(["import-results", str(out), "--db", str(laptop)]) == 1
    said = capsys.readouterr()
    assert message in said.out and "Traceback" not in said.out + said.err
    store = open_store(laptop)
    try:
        assert attempt_comments(store, first) == []
    finally:
        store.close()


def test_a_cut_short_feedback_bundle_is_refused(feedback, capsys):
    laptop, out, _, _ = feedback
    out.write_bytes(out.read_bytes()[:200])
    assert main(["import-results", str(out), "--db", str(laptop)]) == 1
    assert "not valid JSON at line" in capsys.readouterr().out
