"""A large file is read and validated in a worker process while this one writes, so both
cores work; this module runs that worker and receives its messages."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path

from bankcrm_cli.domain.errors import CrmError
from bankcrm_cli.services.importing import reading
from bankcrm_cli.services.importing.messages import (
    Batch,
    Header,
    ReadSpec,
    from_message,
    to_message,
)
from bankcrm_cli.services.importing.reading import read_batches
from bankcrm_cli.services.importing.validating import RowValidator

# Files at least this large are read and validated in a worker process (below it, start-up
# costs more than it saves).
PARALLEL_MIN_BYTES = 8 * 1024 * 1024


def worth_a_worker(path: Path) -> bool:
    """Whether this file is read in a worker process: large enough, and a fork is possible."""
    return "fork" in multiprocessing.get_all_start_methods() and (
        _file_size(path) >= PARALLEL_MIN_BYTES
    )


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# What the pipe holds: a few batches, so that neither process waits on the other for each
# one (with the default 64 KiB, a batch of about 1 MB went across in lockstep: on a busy
# machine each process waited for the other about a seventh of the import).
PIPE_BYTES = 1 << 20


def _widen(end) -> None:
    """Let the pipe behind `end` hold PIPE_BYTES, where the system allows (Linux)."""
    import fcntl
    from contextlib import suppress

    # Not Linux, or above /proc/sys/fs/pipe-max-size: the default size stays.
    with suppress(OSError, AttributeError):
        fcntl.fcntl(end.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


class _ShareByBacklog:
    """Which batches the worker leaves to the writing process to validate: those it sends while
    the pipe holds less than the last message, the writer then about to wait for work; while
    the writer is behind, with a batch or more waiting, the worker validates them itself, as
    its time would otherwise go on waiting for room in the pipe. A quiet machine thus has the
    worker validate most batches, a busy one shares them out. Where the pipe cannot say how
    much it holds (Linux's FIONREAD), every HAND_OVER_EVERY-th batch is handed over."""

    def __init__(self, end) -> None:
        self.fd = end.fileno()
        self.last_sent = 0
        self.fixed = None
        try:
            self._queued()
        except (OSError, ImportError, AttributeError):
            self.fixed = reading.every_nth(reading.HAND_OVER_EVERY)

    def _queued(self) -> int:
        import array
        import fcntl
        import termios

        count = array.array("i", [0])
        fcntl.ioctl(self.fd, termios.FIONREAD, count, True)
        return count[0]

    def __call__(self, number: int) -> bool:
        if self.fixed is not None:
            return self.fixed(number)
        return self._queued() < self.last_sent


def _produce(spec: ReadSpec, out, receiving_end, parent: int) -> None:
    """Worker process: read and validate (batches the writer would otherwise wait for are left
    to it, `_ShareByBacklog`), sending the Header, each Batch, then None. It ends with its
    parent, however that ends."""
    from bankcrm_cli.children import end_with_parent

    end_with_parent(parent)
    # Only the parent reads: with no copy of the reading end here, a dead parent breaks the pipe.
    receiving_end.close()
    try:
        share = _ShareByBacklog(out)
        for item in read_batches(spec, share):
            message = to_message(item)
            out.send_bytes(message)
            share.last_sent = len(message)
        out.send_bytes(to_message(None))
    except CrmError as exc:
        out.send_bytes(to_message(exc))
    except (KeyboardInterrupt, BrokenPipeError):
        pass
    except Exception as exc:  # a bug: hand it over whole, so it is not lost with this process
        import traceback

        failed = RuntimeError(f"reading {spec.path} failed:\n{traceback.format_exc()}")
        out.send_bytes(to_message(failed))
        raise SystemExit(1) from exc
    finally:
        out.close()


def _receive(reader, worker, spec: ReadSpec):
    """The worker's next message. Its death, even half-way through a message, ends the
    import with an error instead of a wait: this process holds no copy of the pipe's
    writing end, so a dead worker means end-of-file."""
    from multiprocessing.connection import wait

    from bankcrm_cli.domain.catalogue import t

    stopped = CrmError(t("in.worker_stopped", path=spec.path))
    while True:
        ready = wait([reader, worker.sentinel], timeout=1.0)
        if reader in ready:
            try:
                item = from_message(reader.recv_bytes())
            except (EOFError, OSError):  # OSError: it died half-way through a message
                raise stopped from None
            if isinstance(item, BaseException):
                raise item
            return item
        if worker.sentinel in ready:
            raise stopped


def batches(spec: ReadSpec, parallel: bool) -> Iterator[Header | Batch]:
    """A Header, then validated Batches in file order, from a worker process or this one."""
    if not parallel:
        yield from read_batches(spec)
        return
    context = multiprocessing.get_context("fork")
    # One-way pipe: the worker blocks while the writer is behind, which keeps memory flat.
    reader, writer = context.Pipe(duplex=False)
    _widen(writer)
    worker = context.Process(target=_produce, args=(spec, writer, reader, os.getpid()), daemon=True)
    worker.start()
    writer.close()
    try:
        validator = None
        while (item := _receive(reader, worker, spec)) is not None:
            if isinstance(item, Header):
                validator = RowValidator(spec, item)
            elif item.unvalidated:
                validator.finish(item)
            yield item
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join()
        reader.close()
