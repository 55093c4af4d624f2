"""Child processes that end with the `crm` that started them, however it ends.

A child left behind by a killed `crm` (SIGKILL runs no clean-up) holds the input file and the
store's `-wal`/`-shm` open, blocked on a pipe nobody reads. On Linux the kernel ends it:
prctl(PR_SET_PDEATHSIG) sends it SIGKILL when its parent dies. Elsewhere, and as a second
guard, a forked worker watches its parent and exits when it is gone.
"""

from __future__ import annotations

import os
import signal
import sys

_PR_SET_PDEATHSIG = 1
# How often a worker looks for its parent where the kernel cannot tell it.
_WATCH_SECONDS = 0.5


def _parent_death_signal() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (nothing elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # no prctl: the watcher (or the pipe) ends the child


def end_with_parent_before_exec(parent: int):
    """A `preexec_fn` for subprocess: the program it runs ends when `parent` (this crm) dies."""

    def prepare() -> None:
        _parent_death_signal()
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)

    return prepare


def end_with_parent(parent: int) -> None:
    """In a forked worker: end when `parent` dies, by any signal, SIGKILL included."""
    import threading
    import time

    _parent_death_signal()
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        # A dead parent's children are adopted: their parent id changes.
        while os.getppid() == parent:
            time.sleep(_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
