"""Pausing Python's cyclic garbage collector around bulk construction."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector while building large acyclic structures.

    Loading a scenario or building its machine allocates hundreds of thousands
    of small objects; left running, the collector rescans them again and
    again, and the work grows faster than the file. Nothing built here forms
    reference cycles that need the collector, and it resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
