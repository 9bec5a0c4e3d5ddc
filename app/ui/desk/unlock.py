"""The page in front of the desk: the instructor's name and passphrase.

On the desk's first use nobody has a passphrase yet, so the page asks for
the first instructor's name and a passphrase typed twice; afterwards it
asks for a name and passphrase and checks them. Both are scrypt work on
the worker (`alongside.ui.desk.operations`); the passphrase is never kept
in settings or on the page once it has been sent. After a wrong try the
Unlock button waits, longer after each (`DeskLock.wrong_try`), and the page
says for how long.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout

from alongside.engine.names import name_problem, tidy
from alongside.store.instructors import MIN_LENGTH
from alongside.ui.desk import lock
from alongside.ui.desk import operations as desk
from alongside.ui.shell import Page
from alongside.ui.text import tr
from alongside.ui.widgets import buddy, button, label

MAX_NAME = 200


def _field(name: str, description: str, secret: bool = False) -> QLineEdit:
    field = QLineEdit()
    field.setAccessibleName(name)
    field.setAccessibleDescription(description)
    field.setMaxLength(MAX_NAME if not secret else 1024)
    if secret:
        field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class UnlockPage(Page):
    """Unlocking hands the instructor's name to the lock, then shows the page asked for."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.main = window
        self.first_use = False
        self.then: tuple[str, dict[str, Any]] = ("desk", {})
        self.resume: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(12)
        self.title = label(tr("Instructor's desk"), "title")
        layout.addWidget(self.title)
        self.explanation = label("", "muted")
        self.explanation.setAccessibleName(tr("About the desk's passphrase"))
        layout.addWidget(self.explanation)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.name = _field(tr("Instructor's name"), tr("The name you certify under"))
        self.passphrase = _field(tr("Passphrase"), tr("The desk's passphrase for this name"),
                                 secret=True)
        self.repeat = _field(tr("Passphrase again"),
                             tr("The same passphrase once more, to be sure of it"), secret=True)
        self.repeat_label = buddy(tr("Passphrase again"), self.repeat)
        form.addRow(buddy(tr("Your name"), self.name), self.name)
        form.addRow(buddy(tr("Passphrase"), self.passphrase), self.passphrase)
        form.addRow(self.repeat_label, self.repeat)
        layout.addLayout(form)
        for field in (self.name, self.passphrase, self.repeat):
            field.returnPressed.connect(self._submit)
        row = QHBoxLayout()
        self.unlock = button(tr("Unlock"), tr("Unlock the desk"),
                             tr("Checks your name and passphrase and opens the desk"),
                             primary=True)
        self.unlock.clicked.connect(self._submit)
        self.back = button(tr("Back to the library"), tr("Back to the library"),
                           tr("Leaves the desk locked and shows the scenario library"))
        self.back.clicked.connect(lambda: self.main.go("library"))
        row.addWidget(self.unlock)
        row.addWidget(self.back)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = label("", "bad")
        self.message.setAccessibleName(tr("What happened"))
        self.message.hide()
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.countdown = QTimer(self)
        self.countdown.setInterval(250)
        self.countdown.timeout.connect(self._tick)
        self.wrong = ""

    def enter(self, then: str | None = None, arguments: dict[str, Any] | None = None,
              resume: str | None = None, **_: Any) -> None:
        """Shown for the page `then` (with its `arguments`), or in front of `resume`."""
        self.then = (then or "desk", dict(arguments or {}))
        self.resume = resume
        self.passphrase.clear()
        self.repeat.clear()
        self.message.hide()
        self.shell.ops.run(desk.has_instructor(), self._show_form)

    def _show_form(self, known: bool) -> None:
        self.first_use = not known
        self.repeat.setVisible(self.first_use)
        self.repeat_label.setVisible(self.first_use)
        if self.first_use:
            self.explanation.setText(tr(
                "This is the desk's first use. Choose the passphrase that will keep trainees' "
                "results and your decisions private on this computer: at least {0} characters, "
                "typed twice. It is stored only as a salted hash.").format(MIN_LENGTH))
            self.unlock.setText(tr("Set passphrase and unlock"))
        else:
            self.explanation.setText(tr(
                "Trainees' results and certification decisions are behind the desk's "
                "passphrase. The desk locks again when you leave it or after {0} minutes "
                "without input.").format(lock.IDLE_MS // 60_000))
            self.unlock.setText(tr("Unlock"))
        if self._waiting() <= 0:
            self.unlock.setEnabled(True)
        else:
            self._wait()
        (self.passphrase if self.name.text() else self.name).setFocus()

    def _submit(self) -> None:
        if not self.unlock.isEnabled():
            return
        name, passphrase = tidy(self.name.text()), self.passphrase.text()
        problem = self._problem(name, passphrase)
        if problem:
            self._say(problem)
            return
        self.unlock.setEnabled(False)
        self._say(tr("Checking…"), role="muted")
        if self.first_use:
            self.shell.ops.run(desk.set_instructor(name, passphrase), self._opened,
                               self._refused)
        else:
            self.shell.ops.run(desk.check_instructor(name, passphrase),
                               lambda right: self._opened(name) if right else self._wrong(),
                               self._refused)
        self.passphrase.clear()
        self.repeat.clear()

    def _problem(self, name: str, passphrase: str) -> str | None:
        named = name_problem(name, tr("Your name"))
        if named:
            return named
        if self.first_use:
            if len(passphrase) < MIN_LENGTH:
                return tr("The passphrase needs at least {0} characters; it has {1}.").format(
                    MIN_LENGTH, len(passphrase))
            if passphrase != self.repeat.text():
                return tr("The two passphrases are not the same. Type them again.")
        elif not passphrase:
            return tr("Type your passphrase.")
        return None

    def _opened(self, name: str) -> None:
        self.message.hide()
        self.unlock.setEnabled(True)
        self.main.desk_lock.unlocked(name)
        if self.resume is not None and self.resume in self.main.frames:
            self.main.desk_lock.uncover(self.resume)
        else:
            page, arguments = self.then
            self.main.go(page, **arguments)

    def _refused(self, error: Exception) -> None:
        self.unlock.setEnabled(True)
        if isinstance(error, desk.FirstUseOver):
            self.shell.ops.run(desk.has_instructor(), self._show_form)
        self._say(str(error))

    def _wrong(self) -> None:
        self.main.desk_lock.wrong_try()
        self.wrong = tr("That name and passphrase do not match.")
        self._wait()
        self.passphrase.setFocus()

    def _waiting(self) -> float:
        return self.main.desk_lock.wait_until - time.monotonic()

    def _wait(self) -> None:
        self.unlock.setEnabled(False)
        self.countdown.start()
        self._tick()

    def _tick(self) -> None:
        left = self._waiting()
        if left <= 0:
            self.countdown.stop()
            self.unlock.setEnabled(True)
            self._say(f"{self.wrong} {tr('Try again.')}".strip())
            return
        seconds = max(1, round(left + 0.49))
        self._say(f"{self.wrong} " + tr("You can try again in %n second(s).", seconds))

    def _say(self, text: str, role: str = "bad") -> None:
        self.message.setProperty("role", role)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.show()
