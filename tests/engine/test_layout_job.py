"""The layout in its worker process: the same answer as in this process, polled
without waiting, a crash or a failure said in words, a cancel that frees the worker."""

from __future__ import annotations

import os
import signal
import time

import pytest

from alongside.engine.layout import LayoutError, LayoutJob, positions_for, side_file
from alongside.engine.layout import job as jobs
from tests.engine.layout_graphs import DIAMOND

SIZE = (204.0, 96.0)


def _chain(count):
    """A long loop of decisions: seconds of layout in pure Python."""
    ids = [f"n{i}" for i in range(count)]
    pairs = [(a, b) for a, b in zip(ids, ids[1:], strict=False)]
    pairs += [(ids[i], ids[(i * 7 + 3) % count]) for i in range(count)]
    return ids, pairs


def _until_done(job, timeout_s=120.0):
    deadline = time.monotonic() + timeout_s
    while not job.done():
        assert time.monotonic() < deadline, "the layout never finished"
        time.sleep(0.01)


def test_the_worker_gives_what_the_layout_gives_here(tmp_path):
    nodes, edges = DIAMOND
    sizes = dict.fromkeys(nodes, SIZE)
    there = tmp_path / "there.yaml"
    job = LayoutJob.start(str(there), nodes, edges, sizes, None)
    _until_done(job)
    assert job.result() == positions_for(tmp_path / "here.yaml", nodes, edges, sizes)
    assert side_file(there).is_file()


def test_a_map_laid_out_before_is_answered_at_once_from_its_side_file(tmp_path):
    nodes, edges = DIAMOND
    sizes = dict.fromkeys(nodes, SIZE)
    expected = positions_for(tmp_path / "s.yaml", nodes, edges, sizes)
    job = LayoutJob.start(str(tmp_path / "s.yaml"), nodes, edges, sizes, None)
    assert job.done()
    assert job.result() == expected


def test_a_failing_layout_is_said_in_words_and_the_worker_goes_on(tmp_path):
    nodes, edges = DIAMOND
    broken = LayoutJob.start(str(tmp_path / "a.yaml"), nodes, edges,
                             {**dict.fromkeys(nodes, SIZE), "start": (float("nan"), 1.0)},
                             None)
    fine = LayoutJob.start(str(tmp_path / "b.yaml"), nodes, edges, dict.fromkeys(nodes, SIZE),
                           None)
    with pytest.raises(LayoutError, match="node 'start' has a size that cannot be laid out"):
        broken.result(timeout=60)
    assert set(fine.result(timeout=60)) == set(nodes)


def test_a_crash_of_the_worker_is_reported_not_waited_for(tmp_path):
    ids, pairs = _chain(1500)
    job = LayoutJob.start(str(tmp_path / "big.yaml"), ids, pairs, dict.fromkeys(ids, SIZE),
                          None)
    worker = jobs._JOBS.worker
    assert worker is not None
    os.kill(worker.process.pid, signal.SIGKILL)
    _until_done(job, timeout_s=10)
    with pytest.raises(LayoutError, match="worker process stopped"):
        job.result()
    nodes, edges = DIAMOND
    again = LayoutJob.start(str(tmp_path / "after.yaml"), nodes, edges,
                            dict.fromkeys(nodes, SIZE), None)
    assert set(again.result(timeout=60)) == set(nodes)


def test_cancelling_a_long_layout_frees_the_worker_for_the_next(tmp_path):
    ids, pairs = _chain(1500)
    long = LayoutJob.start(str(tmp_path / "big.yaml"), ids, pairs, dict.fromkeys(ids, SIZE),
                           None)
    nodes, edges = DIAMOND
    short = LayoutJob.start(str(tmp_path / "small.yaml"), nodes, edges,
                            dict.fromkeys(nodes, SIZE), None)
    time.sleep(0.2)
    started = time.monotonic()
    long.cancel()
    assert set(short.result(timeout=30)) == set(nodes)
    assert time.monotonic() - started < 5  # not after the long one's seconds
    assert long.done()
    with pytest.raises(LayoutError, match="cancelled"):
        long.result()
    assert not side_file(tmp_path / "big.yaml").exists()
