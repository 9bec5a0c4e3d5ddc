"""The shell: pages by registration, store work as named operations, one way to fail."""

from __future__ import annotations

import pytest

from alongside import logs
from alongside.store.errors import Refused
from alongside.ui.operations import Operation
from alongside.ui.shell import Page, Shell
from alongside.ui.views.choices import LETTERS, ChoicesView


class Recording(Page):
    def __init__(self, shell, name, diary, stay=False):
        super().__init__(shell)
        self.name, self.diary, self.stay = name, diary, stay

    def enter(self, **arguments):
        self.diary.append(("enter", self.name, arguments))

    def leave(self):
        self.diary.append(("leave", self.name))
        return not self.stay

    def changed(self, kinds):
        self.diary.append(("changed", self.name, kinds))


class NoStore:
    """Stands in for an open store: these operations never touch it."""

    def close(self):
        pass


@pytest.fixture
def shell(qtbot):
    made = Shell()
    qtbot.addWidget(made)
    yield made
    made.ops.shutdown()


def test_a_page_is_reached_by_registering_it_and_built_on_first_use(shell):
    diary = []
    shell.register("one", lambda: Recording(shell, "one", diary))
    shell.register("two", lambda: Recording(shell, "two", diary, stay=True))
    assert shell.pages == {}
    assert shell.go("one", topic="first")
    assert shell.go("two")
    assert shell.go("one") is False  # "two" asked to stay
    assert shell.current == "two" and shell.current_page() is shell.pages["two"]
    assert diary == [("enter", "one", {"topic": "first"}), ("leave", "one"),
                     ("enter", "two", {}), ("leave", "two")]


def test_an_operation_runs_off_the_gui_thread_and_announces_what_it_changed(qtbot, shell):
    import threading

    diary = []
    shell.register("one", lambda: Recording(shell, "one", diary))
    shell.go("one")
    shell.ops.use(NoStore())
    seen = []
    operation = Operation("counting", lambda store: threading.current_thread().name,
                          frozenset({"attempts"}))
    with qtbot.waitSignal(shell.ops.idle):
        shell.ops.run(operation, seen.append)
    assert seen[0].startswith("alongside-store")
    assert ("changed", "one", frozenset({"attempts"})) in diary


@pytest.fixture
def log(tmp_path):
    path = logs.start(tmp_path / "alongside.log")
    yield path
    logs.stop()


def test_a_refusal_is_told_and_a_fault_is_logged_then_told_calmly(qtbot, shell, log,
                                                                   shown_dialogs):
    shell.ops.use(NoStore())

    def refuse(store):
        raise Refused("the progress file is read-only")

    def break_down(store):
        raise ZeroDivisionError("a fault in Alongside")

    with qtbot.waitSignal(shell.ops.idle):
        shell.ops.run(Operation("saving", refuse))
    assert shown_dialogs == [("That did not work", "the progress file is read-only")]
    with qtbot.waitSignal(shell.ops.idle):
        shell.ops.run(Operation("reading", break_down))
    qtbot.waitUntil(lambda: len(shown_dialogs) == 2)
    assert shown_dialogs[1] == ("something went wrong", str(log))
    logs.stop()
    written = log.read_text()
    assert "unexpected error while reading" in written and "ZeroDivisionError" in written


def test_an_error_nothing_caught_is_logged_with_its_traceback_and_told_calmly(qtbot, shell,
                                                                             log, shown_dialogs):
    from alongside.ui.app import Safety

    safety = Safety(shell)
    try:
        {}["missing"]
    except KeyError as error:
        with qtbot.waitSignal(safety._report):
            safety.hook(KeyError, error, error.__traceback__)
    qtbot.waitUntil(lambda: bool(shown_dialogs))
    assert shown_dialogs == [("something went wrong", str(log))]
    logs.stop()
    written = log.read_text()
    assert "unexpected error while running the app" in written
    assert "Traceback" in written and "KeyError: 'missing'" in written


def test_the_choices_view_letters_its_options_for_a_class(qtbot):
    view = ChoicesView(LETTERS)
    qtbot.addWidget(view)
    view.show_choices((("a", "Ask what helped before"), ("b", "Tell them what to do")))
    shown = [b.text_shown() for b in view.shown()]
    assert shown == ["A.  Ask what helped before", "B.  Tell them what to do"]
    with qtbot.waitSignal(view.picked) as picked:
        view.buttons[1].click()
    assert picked.args == [2]


def test_a_page_that_grows_while_shown_scrolls_to_its_end(qtbot, shell):
    """The frame refits the page on its layout requests and its scroll range follows."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    page = Page(shell)
    column = QVBoxLayout(page)
    shell.register("growing", lambda: page)
    shell.show()
    shell.go("growing")
    shell.stack.resize(600, 400)
    qtbot.waitExposed(shell)
    frame = shell.frames["growing"]
    assert frame.verticalScrollBar().maximum() == 0
    last = None
    for number in range(40):
        last = QLabel(f"line {number}", page)
        column.addWidget(last)
    qtbot.waitUntil(lambda: last.isVisible() and frame.verticalScrollBar().maximum() > 0)
    frame.verticalScrollBar().setValue(frame.verticalScrollBar().maximum())
    shown = last.mapTo(frame.viewport(), last.rect().bottomLeft()).y()
    assert shown <= frame.viewport().height()
