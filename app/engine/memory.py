"""Keeping Python's cyclic garbage collector out of bulk construction."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector while a scenario or its machine is built.

    Loading allocates hundreds of thousands of small objects; left running,
    the collector rescans them again and again, and the work grows faster
    than the file. Nothing built here forms garbage cycles while it is built.

    On the way out, `gc.freeze()` then `gc.unfreeze()` moves every tracked
    object straight to the oldest generation. Otherwise the first young
    collection after the pause would walk every object just made, once more,
    at a cost that grows faster than the scenario; from the oldest generation
    they are examined only by the collector's rare full collections. Nothing
    stays frozen, so garbage is still collected as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()
