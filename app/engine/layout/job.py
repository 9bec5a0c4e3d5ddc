"""The layout run in a worker process, polled by the interface without waiting.

A pure-Python layout of a large map takes seconds and holds the GIL, so a
thread would stall the interface; a process does not. One worker process
serves the app's life: started (by spawn, safe beside Qt) at the first layout
and stopped at exit, it lays out one map at a time. Its jobs carry plain data
(ids, pairs, sizes, paths), never the Scenario. A map whose side file was
made for exactly this graph is answered at once, without the worker.

`done()` never blocks; `result()` gives the positions or raises LayoutError,
also when the worker process died (it is then started again for the next
job); `cancel()` forgets a job, stopping the worker if it was on that job.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import signal
import threading
from collections.abc import Mapping, Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from alongside.engine.layout.layered import Pair, Point, Size
from alongside.engine.layout.sidefile import positions_for, reopened

Request = tuple[str, list[str], list[Pair], dict[str, Size], str | None]
_STOP_S = 2.0  # how long the worker has to stop at exit before it is ended


class LayoutError(RuntimeError):
    """The layout could not be made; the message says why in words."""


def _serve(conn: Connection) -> None:
    """The worker process: lay out each map asked for, answering in order."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the app, which stops us
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        number, (path, ids, pairs, sizes, cache) = request
        try:
            answer: tuple[str, Any] = ("ok", positions_for(
                path, ids, pairs, sizes, Path(cache) if cache else None))
        except Exception as exc:  # noqa: BLE001 - sent back in words, the worker goes on
            answer = ("error", f"{type(exc).__name__}: {exc}")
        conn.send((number, answer))


class _Worker:
    """One worker process and the jobs sent to it, answered in the order sent."""

    def __init__(self, answers: dict[int, tuple[str, Any]]) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs,), daemon=True,
                                       name="alongside-layout")
        self.process.start()
        theirs.close()
        self.sent: dict[int, Request] = {}  # in the order sent: the first is under way
        self.answers = answers
        self.alive = True

    def send(self, number: int, request: Request) -> None:
        self.sent[number] = request
        try:
            self.conn.send((number, request))
        except OSError:
            self._died()

    def collect(self) -> None:
        """Take in every answer that has come, without waiting."""
        if not self.alive:
            return
        try:
            while self.sent and self.conn.poll():
                number, answer = self.conn.recv()
                if self.sent.pop(number, None) is not None:
                    self.answers[number] = answer
        except (EOFError, OSError):
            self._died()
            return
        if self.sent and not self.process.is_alive() and not self.conn.poll():
            self._died()

    def _died(self) -> None:
        self.process.join(_STOP_S)
        code = self.process.exitcode
        said = f" (exit code {code})" if code is not None else ""
        for number in self.sent:
            self.answers[number] = ("error", f"the layout's worker process stopped{said}")
        self.sent.clear()
        self.alive = False
        self.conn.close()

    def wait(self, timeout: float | None) -> None:
        if self.alive and self.sent:
            wait([self.conn, self.process.sentinel], timeout)

    def stop(self, at_once: bool) -> None:
        """Ask the process to stop (or end it `at_once`), ending it if it does not."""
        if self.alive:
            with contextlib.suppress(OSError):
                self.conn.send(None)
        if at_once:
            self.process.terminate()
        self.process.join(_STOP_S)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        if self.alive:
            self.alive = False
            self.conn.close()


class _Jobs:
    """The app's worker, started at the first job and again after it stopped, and the
    answers come back from it, by job number."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.worker: _Worker | None = None
        self.answers: dict[int, tuple[str, Any]] = {}
        self.count = 0
        self.atexit = False

    def _running(self) -> _Worker:
        if self.worker is None or not self.worker.alive:
            self.worker = _Worker(self.answers)
            if not self.atexit:
                atexit.register(self.shutdown)
                self.atexit = True
        return self.worker

    def submit(self, request: Request) -> int:
        with self.lock:
            self.count += 1
            self._running().send(self.count, request)
            return self.count

    def take(self, number: int) -> tuple[str, Any] | None:
        """Job `number`'s answer once it has come (then it is the job's to keep)."""
        with self.lock:
            if self.worker is not None:
                self.worker.collect()
            return self.answers.pop(number, None)

    def wait(self, timeout: float | None) -> None:
        worker = self.worker
        if worker is not None:
            worker.wait(timeout)

    def cancel(self, number: int) -> None:
        """Forget job `number`; if the worker is on it, end the worker and send the
        jobs after it to a new one."""
        with self.lock:
            self.answers.pop(number, None)
            worker = self.worker
            if worker is None or number not in worker.sent:
                return
            if next(iter(worker.sent)) != number:
                del worker.sent[number]  # still to come: its answer will be dropped
                return
            rest = {n: r for n, r in worker.sent.items() if n != number}
            worker.sent.clear()
            worker.stop(at_once=True)
            for later, request in rest.items():
                self._running().send(later, request)

    def shutdown(self) -> None:
        with self.lock:
            if self.worker is not None:
                self.worker.stop(at_once=False)
                self.worker = None


_JOBS = _Jobs()


def stop_worker() -> None:
    """Stop the worker process now (it starts again at the next layout): at the app's
    exit this happens by itself; a benchmark uses it to time a layout from cold."""
    _JOBS.shutdown()


class LayoutJob:
    """One map's layout: `start` it, poll `done()`, then take `result()`."""

    def __init__(self, number: int, known: dict[str, Point] | None = None) -> None:
        self._number = number
        self._answer: tuple[str, Any] | None = None if known is None else ("ok", known)
        self._cancelled = False

    @classmethod
    def start(cls, path: str | Path, ids: Sequence[str], pairs: Sequence[Pair],
              sizes: Mapping[str, Size], cache_dir: Path | None = None) -> LayoutJob:
        """The layout of the map of the scenario at `path`: its nodes `ids` (the
        start first), edges `pairs`, boxes `sizes`; the side file beside it or in
        `cache_dir` holds positions kept from before."""
        ids, pairs = list(ids), [(a, b) for a, b in pairs]
        boxes = {n: (float(w), float(h)) for n, (w, h) in sizes.items()}
        known = reopened(path, ids, pairs, boxes, cache_dir)
        if known is not None:
            return cls(0, known)
        request: Request = (str(path), ids, pairs, boxes,
                            None if cache_dir is None else str(cache_dir))
        return cls(_JOBS.submit(request))

    def done(self) -> bool:
        """Whether `result()` would answer at once (never waits)."""
        if self._answer is None and not self._cancelled:
            self._answer = _JOBS.take(self._number)
        return self._answer is not None or self._cancelled

    def result(self, timeout: float | None = None) -> dict[str, Point]:
        """Every node's centre; waits up to `timeout` seconds (None: until done)."""
        waited = False
        while not self.done():
            if waited:
                raise TimeoutError("the layout is still under way")
            _JOBS.wait(timeout)
            waited = timeout is not None
        if self._answer is None:
            raise LayoutError("the layout was cancelled")
        kind, value = self._answer
        if kind != "ok":
            raise LayoutError(value)
        return dict(value)

    def cancel(self) -> None:
        """Forget this layout (a newer reading of the file replaces it)."""
        if self._answer is None and not self._cancelled:
            _JOBS.cancel(self._number)
        self._cancelled = True
