"""Store work as named operations, run off the GUI thread (Anki's CollectionOp and QueryOp).

An `Operation` is a name for people and the log ("reading the profiles"),
a function of the open store, and the kinds of data it changes. `Runner`
runs operations one at a time, in order, on a single worker thread, so
database work never races itself and never blocks painting; the typed
result comes back to the GUI thread through a queued signal. Failure is
reported one way: a refusal the store made for a reason (`Refused`, or a
file the system would not read) goes to the caller's `failed`, or to the
window as a message; anything else is logged with its traceback and shown
as one calm sentence. After an operation that changes data, `changed`
carries its kinds to every page that listens.

The store's modules are imported inside each operation, on the worker:
SQLAlchemy and Alembic take longer to import than the window takes to show.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

from alongside.store.errors import Refused

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from alongside.store.attempts import Begun, Opened, Resumed
    from alongside.store.db import Store
    from alongside.store.history import History, ScenarioRecord
    from alongside.store.unfinished import Waiting

T = TypeVar("T")

# Kinds of change an operation (or the window) announces.
PROFILES, PROFILE, ATTEMPTS, LIBRARY = "profiles", "profile", "attempts", "library"


class Operation(Generic[T]):
    """`quiet`: a read a page makes to show itself; while the store is not open there is
    nothing to show, and the reason has been said once already.

    (A plain class: a dataclass here costs the first window a little more.)
    """

    __slots__ = ("what", "work", "changes", "quiet")

    def __init__(self, what: str, work: Callable[[Store], T],
                 changes: frozenset[str] = frozenset(), quiet: bool = False) -> None:
        self.what, self.work, self.changes, self.quiet = what, work, changes, quiet


def expected(error: BaseException) -> bool:
    """Whether `error` is a refusal to tell the person about, rather than a fault."""
    return isinstance(error, Refused | OSError)


class NoStore(Refused):
    """An operation asked for the store while it is not open."""


class Runner(QObject):
    """Runs operations and other slow calls on one worker thread.

    `problem(what, message)` is emitted for an expected failure nobody handled,
    `fault(what)` after an unexpected one has been logged; `changed(kinds)`
    after a successful operation that changes data; `idle` once nothing is
    queued.
    """

    _finished = Signal(object, object, object, str)
    problem = Signal(str, str)
    fault = Signal(str)
    changed = Signal(object)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool: ThreadPoolExecutor | None = None  # started with the first task
        self._pending = 0
        self.store: Store | None = None
        self.store_problem: str | None = None
        # Operations asked for before the store is asked to open wait here, then run
        # after the opening, in the order they were asked for.
        self._waiting: list[Callable[[], None]] | None = []
        self._finished.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def open(self, target: str | Path | None, done: Callable[[Store], None],
             failed: Callable[[Exception], None]) -> None:
        """Open the store on the worker; operations queued after it wait for it."""
        def work() -> Store:
            from alongside.store.db import open_store

            try:
                self.store = open_store(target)
            except Exception as exc:
                self.store_problem = str(exc)
                raise
            return self.store

        self.call("opening your progress file", work, done, failed)
        self._release()

    def use(self, store: Store) -> None:
        """Work on a store opened elsewhere; operations waiting for one run now."""
        self.store = store
        self._release()

    def _release(self) -> None:
        waiting, self._waiting = self._waiting or [], None
        for submit in waiting:
            submit()

    def run(self, operation: Operation[T], done: Callable[[T], None] | None = None,
            failed: Callable[[Exception], None] | None = None) -> None:
        def work() -> T:
            if self.store is None:
                raise NoStore(self.store_problem or "Your progress file is not open.")
            return operation.work(self.store)

        def delivered(result: T) -> None:
            if done is not None:
                done(result)
            if operation.changes:
                self.changed.emit(operation.changes)

        def refused(error: Exception) -> None:
            if failed is not None:
                failed(error)
            elif not (operation.quiet and isinstance(error, NoStore)):
                self.problem.emit(operation.what, str(error))

        if self._waiting is not None:
            self._pending += 1
            self._waiting.append(lambda: self._submit(operation.what, work, delivered, refused))
        else:
            self.call(operation.what, work, delivered, refused)

    def _submit(self, what: str, work: Callable[[], Any], done: Callable[[Any], None],
                failed: Callable[[Exception], None]) -> None:
        self._pending -= 1  # counted again by call()
        self.call(what, work, done, failed)

    def call(self, what: str, work: Callable[[], T], done: Callable[[T], None] | None = None,
             failed: Callable[[Exception], None] | None = None) -> Future:
        """Run `work()` on the worker; `done(result)` or `failed(error)` on the GUI thread."""
        self._pending += 1

        def task() -> None:
            try:
                result: Any = work()
            except Exception as exc:  # delivered on the GUI thread
                self._finished.emit(failed, exc, True, what)
            else:
                self._finished.emit(done, result, False, what)

        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="alongside-store")
        return self._pool.submit(task)

    @Slot(object, object, object, str)
    def _deliver(self, callback, value, is_error: bool, what: str) -> None:
        self._pending -= 1
        try:
            if is_error:
                self._failed(callback, value, what)
            elif callback is not None:
                callback(value)
        finally:
            if self._pending == 0:
                self.idle.emit()

    def _failed(self, callback, error: Exception, what: str) -> None:
        if not expected(error):
            from alongside import logs

            logs.unexpected(what, error)
            self.fault.emit(what)
        elif callback is not None:
            callback(error)
        else:
            self.problem.emit(what, str(error))

    def shutdown(self) -> None:
        """Finish queued work (a commit in flight is never cut off), then stop and close."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        if self.store is not None:
            self.store.close()
            self.store = None


def list_profiles() -> Operation[list[str]]:
    def work(store: Store) -> list[str]:
        from alongside.store.profiles import trainees

        return trainees(store)

    return Operation("reading the profiles", work, quiet=True)


def add_profile(name: str) -> Operation[str]:
    def work(store: Store) -> str:
        from alongside.store.profiles import add_trainee

        return add_trainee(store, name)

    return Operation("saving the profile", work, frozenset({PROFILES}))


def unfinished(trainee: str) -> Operation[Waiting | None]:
    def work(store: Store) -> Waiting | None:
        from alongside.store.unfinished import waiting

        return waiting(store, trainee)

    return Operation("looking for your unfinished attempt", work, quiet=True)


def records(trainee: str) -> Operation[dict[str, ScenarioRecord]]:
    def work(store: Store) -> dict[str, ScenarioRecord]:
        from alongside.store.history import records as read

        return read(store, trainee)

    return Operation("reading your progress", work, quiet=True)


def history(trainee: str) -> Operation[History]:
    def work(store: Store) -> History:
        from alongside.store.history import history as read

        return read(store, trainee, local_only=True)

    return Operation("reading your attempts", work, quiet=True)


def begin_attempt(path: Path, trainee: str, mode: str) -> Operation[Begun]:
    def work(store: Store) -> Begun:
        from alongside.store.attempts import begin

        return begin(store, path, trainee, mode)

    return Operation("starting the scenario", work, frozenset({ATTEMPTS}))


def resume_attempt(uuid: str, current_file: Path | None) -> Operation[Resumed]:
    def work(store: Store) -> Resumed:
        from alongside.store.attempts import resume

        return resume(store, uuid, current_file)

    return Operation("resuming your attempt", work, frozenset({ATTEMPTS}))


def open_attempt(uuid: str) -> Operation[Opened]:
    def work(store: Store) -> Opened:
        from alongside.store.attempts import open_attempt as rebuild

        return rebuild(store, uuid)

    return Operation("opening the attempt", work)
