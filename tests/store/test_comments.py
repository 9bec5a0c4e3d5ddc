"""Instructors' comments: on an attempt and on a step, never changing a score."""

from __future__ import annotations

import pytest

from alongside.store.comments import CommentError, add_comment, attempt_comments
from alongside.store.history import history
from tests.store import desk_rows as rows


def test_comments_on_an_attempt_and_a_step_leave_its_scores_alone(store):
    attempt = rows.play(store, "Ana Ruiz", ["promise", "ask"])
    before = history(store, "Ana Ruiz").attempts
    add_comment(store, attempt, "Dee Park", "Talk about the promise of secrecy.", step=1)
    add_comment(store, attempt, "Dee Park", "  Warm throughout.  ")
    found = attempt_comments(store, attempt)
    assert [(c.step, c.node, c.text) for c in found] == [
        (1, "d1", "Talk about the promise of secrecy."), (None, None, "Warm throughout.")]
    assert all(c.author == "Dee Park" and c.at.tzinfo for c in found)
    assert history(store, "Ana Ruiz").attempts == before


def test_a_comment_needs_words_a_real_step_and_a_real_attempt(store):
    attempt = rows.play(store, "Ana Ruiz", ["good"])
    with pytest.raises(CommentError, match="cannot be empty"):
        add_comment(store, attempt, "Dee Park", "   ")
    with pytest.raises(CommentError, match=f"attempt {attempt} has no step 9"):
        add_comment(store, attempt, "Dee Park", "Here.", step=9)
    with pytest.raises(CommentError, match="no attempt nope on this desk"):
        add_comment(store, "nope", "Dee Park", "Here.")
    assert attempt_comments(store, attempt) == []
