"""A large run's e-mails rendered in forked worker processes, one per core, each taking a
contiguous share of the recipients and writing its files into the same staging folder.

What comes back is what rendering them here in order gives: the messages in recipient order,
or the error of the first recipient in that order whose message cannot be made.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Sequence

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import CrmError
from bankcrm_cli.services.mailmerge.campaign import RenderedMessage, Skip

# Below this many messages, starting workers costs more than it saves.
PARALLEL_MIN = 200
# Messages a worker hands over at a time (each hand-over moves the progress bar).
BATCH = 200


def worker_count(messages: int, channel: str) -> int:
    """How many processes render this run: one per core for a large run of e-mails, else 1
    (letters and faxes share a font and a print batch, and are rendered here)."""
    if channel != "email" or messages < PARALLEL_MIN:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, messages // PARALLEL_MIN))


def shares(total: int, workers: int) -> list[tuple[int, int]]:
    """Contiguous [start, end) shares of `total`, as even as they can be."""
    size, extra = divmod(total, workers)
    bounds, start = [], 0
    for k in range(workers):
        end = start + size + (1 if k < extra else 0)
        bounds.append((start, end))
        start = end
    return bounds


def render_in_workers(
    render: Callable[[int], RenderedMessage | Skip],
    total: int,
    workers: int,
    tick: Callable[[], None],
) -> list[RenderedMessage | Skip]:
    """`render(i)` for every i below `total`, in `workers` forked processes."""
    context = multiprocessing.get_context("fork")
    # A child would flush a copy of whatever this process has not written out yet.
    sys.stdout.flush()
    sys.stderr.flush()
    started: list[tuple[multiprocessing.Process, object]] = []
    try:
        for start, end in shares(total, workers):
            reader, writer = context.Pipe(duplex=False)
            process = context.Process(
                target=_render_share,
                args=(render, start, end, writer, reader, os.getpid()),
                daemon=True,
            )
            process.start()
            writer.close()
            started.append((process, reader))
        parts = _collect(started, tick)
    finally:
        for process, reader in started:
            if process.is_alive():
                process.terminate()
            process.join()
            reader.close()
    return [message for part in parts for message in part]


def _collect(started: Sequence[tuple], tick: Callable[[], None]) -> list[list]:
    """Each worker's messages; a worker's failure is raised once no earlier share can fail
    before it."""
    from multiprocessing.connection import wait

    parts: list[list] = [[] for _ in started]
    failures: dict[int, BaseException] = {}
    pending = set(range(len(started)))
    while pending:
        readers = {started[k][1]: k for k in pending}
        for reader in wait(list(readers), timeout=1.0):
            k = readers[reader]
            try:
                kind, payload = pickle.loads(reader.recv_bytes())
            except (EOFError, OSError):  # the worker died, even half-way through a message
                raise CrmError(t("mm.render_worker_stopped")) from None
            if kind == "messages":
                parts[k].extend(payload)
                for _ in payload:
                    tick()
                continue
            pending.discard(k)
            if kind == "failed":
                failures[k] = payload
                # Later shares cannot change which error is the first: stop them.
                for later in [j for j in pending if j > k]:
                    started[later][0].terminate()
                    pending.discard(later)
    if failures:
        raise failures[min(failures)]
    return parts


def _render_share(render, start: int, end: int, out, receiving_end, parent: int) -> None:
    """Worker process: render its share, handing the messages over in batches, then "done"
    or the first failure. It ends with its parent, however that ends."""
    from bankcrm_cli.children import end_with_parent

    end_with_parent(parent)
    # Only the parent reads: with no copy of the reading end here, a dead parent breaks the pipe.
    receiving_end.close()
    from bankcrm_cli.render.templating import time_limits_for_many

    batch: list = []
    try:
        with time_limits_for_many():
            for index in range(start, end):
                batch.append(render(index))
                if len(batch) == BATCH:
                    _send(out, "messages", batch)
                    batch = []
        _send(out, "messages", batch)
        _send(out, "done", None)
    except CrmError as exc:
        _send(out, "messages", batch)
        _send(out, "failed", exc)
    except (KeyboardInterrupt, BrokenPipeError):
        pass
    except Exception:  # a bug: hand it over whole, so it is not lost with this process
        import traceback

        _send(out, "failed", RuntimeError(f"rendering failed:\n{traceback.format_exc()}"))
    finally:
        out.close()
        # Nothing of the parent's (buffers, handlers, connections) is this process's to close.
        os._exit(0)


def _send(out, kind: str, payload) -> None:
    out.send_bytes(pickle.dumps((kind, payload), pickle.HIGHEST_PROTOCOL))
