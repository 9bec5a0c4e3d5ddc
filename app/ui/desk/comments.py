"""Instructors' comments on the desk: the ones kept, shown with author and time, and a
box to write a new one, on an attempt or on one of its steps.

The box is opened by its button, kept on the worker by `store.comments.add_comment`
with the unlocked instructor as author, and closed once kept; if the store refuses
(an empty comment, the desk locked) the reason is said beside it and the text stays.
A comment never touches a score: the store keeps it beside the record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from alongside.ui.desk.listing import moment
from alongside.ui.operations import Operation
from alongside.ui.shell import Shell
from alongside.ui.text import tr
from alongside.ui.widgets import button, label

if TYPE_CHECKING:
    from alongside.store.comments import Comment
    from alongside.store.db import Store

COMMENTS = "comments"  # the kind of change a new comment announces


def add(attempt: str, author: str, text: str, step: int | None) -> Operation[Comment]:
    def work(store: Store) -> Comment:
        from alongside.store.comments import add_comment

        return add_comment(store, attempt, author, text, step)

    return Operation("keeping your comment", work, frozenset({COMMENTS}))


def comment_line(comment: Comment) -> str:
    return tr("Comment by {0}, {1}: {2}").format(comment.author, moment(comment.at),
                                                 comment.text)


class CommentBox(QWidget):
    """The comments on one attempt (`step` None) or one step, and the way to add one.

    `kept(comment)` is called after the store has kept a new one.
    """

    def __init__(self, shell: Shell, attempt: str, step: int | None,
                 comments: list[Comment], kept: Callable[[Comment], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell, self.attempt, self.step, self.kept = shell, attempt, step, kept
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QVBoxLayout()
        layout.addLayout(self.list)
        self.shown: list[str] = []
        for comment in comments:
            self._add_line(comment)
        where = tr("this attempt") if step is None else tr("step {0}").format(step)
        self.open_button = button(
            tr("Comment on this attempt") if step is None else tr("Comment on this step"),
            tr("Comment on {0}").format(where),
            tr("Opens a box to write a comment on {0}; a comment never changes a score")
            .format(where))
        self.open_button.clicked.connect(self.open)
        self.editor = QPlainTextEdit(self)
        self.editor.setTabChangesFocus(True)
        self.editor.setAccessibleName(tr("Your comment on {0}").format(where))
        self.editor.setAccessibleDescription(tr("The trainee reads it in their debrief once "
                                                "you export their feedback"))
        self.editor.setMinimumHeight(self.editor.fontMetrics().lineSpacing() * 4)
        self.problem = label("", "bad")
        self.problem.setAccessibleName(tr("Why the comment was not kept"))
        self.save_button = button(tr("Keep comment"), tr("Keep this comment on {0}")
                                  .format(where), tr("Saves the comment with your name"),
                                  primary=True)
        self.cancel_button = button(tr("Cancel"), tr("Cancel the comment"),
                                    tr("Closes the box without keeping the comment"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.close_editor)
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.save_button)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        layout.addWidget(self.editor)
        layout.addWidget(self.problem)
        layout.addLayout(actions)
        self.close_editor()

    def _add_line(self, comment: Comment) -> None:
        line = label(comment_line(comment), "comment", selectable=True)
        line.setAccessibleName(tr("Instructor's comment"))
        self.list.addWidget(line)
        self.shown.append(comment.text)

    @property
    def unsaved(self) -> bool:
        """A comment is being written and has not been kept."""
        return not self.editor.isHidden() and bool(self.editor.toPlainText().strip())

    def open(self) -> None:
        for widget in (self.editor, self.save_button, self.cancel_button):
            widget.show()
        self.open_button.hide()
        self.editor.setFocus()

    def close_editor(self) -> None:
        for widget in (self.editor, self.save_button, self.cancel_button, self.problem):
            widget.hide()
        self.open_button.show()

    def save(self) -> None:
        author = getattr(self.shell, "instructor", None)
        if not author:
            self._refused(tr("the desk is locked; unlock it to comment"))
            return
        self.shell.ops.run(add(self.attempt, author, self.editor.toPlainText(), self.step),
                           self._saved, lambda error: self._refused(str(error)))

    def _saved(self, comment: Comment) -> None:
        self._add_line(comment)
        self.editor.clear()
        had_focus = self.editor.hasFocus() or self.save_button.hasFocus()
        self.close_editor()
        if had_focus:
            self.open_button.setFocus()
        if self.kept is not None:
            self.kept(comment)

    def _refused(self, why: str) -> None:
        self.problem.setText(tr("The comment was not kept: {0}. Your text is still here.")
                             .format(why))
        self.problem.show()
        self.editor.setFocus()
