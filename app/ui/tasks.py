"""Slow work off the GUI thread, results back on it (Anki's and Picard's pattern).

One worker thread runs the tasks in the order given, so database work never
races itself; `run(func, done, failed)` hands `func`'s result to `done` on the
GUI thread through a queued signal. Widgets are only ever touched there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor


class Tasks(QObject):
    """Emits `idle` whenever the last queued task has delivered its result."""

    _finished = Signal(object, object, object)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool: ThreadPoolExecutor | None = None  # started with the first task
        self._pending = 0
        self._finished.connect(self._deliver)

    def run(self, func: Callable[[], Any], done: Callable[[Any], None] | None = None,
            failed: Callable[[Exception], None] | None = None) -> Future:
        self._pending += 1

        def work() -> None:
            try:
                result: Any = func()
            except Exception as exc:  # delivered to `failed` on the GUI thread
                self._finished.emit(failed, exc, True)
            else:
                self._finished.emit(done, result, False)

        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="alongside-store")
        return self._pool.submit(work)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    @Slot(object, object, object)
    def _deliver(self, callback, value, is_error) -> None:
        self._pending -= 1
        try:
            if callback is not None:
                callback(value)
            elif is_error:
                raise value
        finally:
            if self._pending == 0:
                self.idle.emit()

    def shutdown(self) -> None:
        """Finish queued work (a commit in flight is never cut off), then stop."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
