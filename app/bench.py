"""Performance benchmarks, reported as ratios measured in one run (DESIGN.md).

Ratios against a floor measured in the same process (raw libyaml parsing)
survive a busy or slow machine far better than absolute times would.
"""

from __future__ import annotations

import gc
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import yaml

from app.engine.generate import scenario_yaml
from app.engine.load import load_file
from app.engine.session import build_machine

NAMES = ("load_ratio", "load_scaling", "language_check_us")
REPLY = (
    "That sounds like a hard night, and I am glad you said. I wonder what has "
    "helped before when the voices got this loud. When I was struggling, calling the nurse "
    "line was one option that worked for me, but you know yourself best. Would it help to "
    "look at a few options together, or would you rather talk first?"
)
_BIG = 64 * 1024 * 1024


def _best(action: Callable[[], object], runs: int) -> float:
    """The fastest of `runs` timings: noise only ever adds time."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def _pipeline(path: Path) -> None:
    result = load_file(path, max_bytes=_BIG)
    if result.scenario is None:
        raise RuntimeError(f"generated scenario is invalid: {result.problems[0]}")
    build_machine(result.scenario)


def _raw(path: Path) -> None:
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _language_check_us() -> float:
    """Median microseconds to check a 60-word reply."""
    from scoring.language import check

    check(REPLY)
    timings = []
    for _ in range(2001):
        start = time.perf_counter()
        check(REPLY)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1e6


def run(names: Iterable[str]) -> list[tuple[str, float]]:
    wanted = list(names) or list(NAMES)
    for name in wanted:
        if name not in NAMES:
            raise KeyError(name)
    results: list[tuple[str, float]] = []
    if "language_check_us" in wanted:
        results.append(("language_check_us", _language_check_us()))
    if not {"load_ratio", "load_scaling"} & set(wanted):
        return results
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "generated.yaml"
        small.write_text(scenario_yaml(2000), encoding="utf-8")
        pipeline_small = _best(lambda: _pipeline(small), 7)
        if "load_ratio" in wanted:
            results.append(("load_ratio", pipeline_small / _best(lambda: _raw(small), 7)))
        if "load_scaling" in wanted:
            large = Path(folder) / "generated.yaml"
            large.write_text(scenario_yaml(20000), encoding="utf-8")
            results.append(("load_scaling", _best(lambda: _pipeline(large), 3) / pipeline_small))
    return results
