"""Memory helpers for bulk work: Python's cycle collector paused, values worked out once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector paused for bulk work, then as it was.

    Imported rows and a whole bank's follow-ups are hundreds of thousands of new objects, none
    in a cycle: they set the collector off again and again, and each pass scans every young
    object (what that costs: benchmarks/README.md). Reference counting frees them all the same.
    """
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Memo(dict):
    """`make(*key)` for each key, worked out on first use and kept: `memo[a, b]`.

    For values that thousands of rows share a few of (a day's dates, product types): a hit is
    one dictionary lookup.
    """

    def __init__(self, make: Callable[..., Any]):
        super().__init__()
        self.make = make

    def __missing__(self, key: tuple) -> Any:
        value = self[key] = self.make(*key)
        return value
