"""The pipe from the reading worker holds a few batches, so neither process waits on the other
for each one."""

from __future__ import annotations

import fcntl
import multiprocessing
import sys

import pytest

from bankcrm_cli.services.importing import worker


@pytest.mark.skipif(sys.platform != "linux", reason="pipe sizes are Linux's")
def test_the_workers_pipe_holds_a_megabyte():
    reader, writer = multiprocessing.get_context("fork").Pipe(duplex=False)
    try:
        before = fcntl.fcntl(writer.fileno(), fcntl.F_GETPIPE_SZ)
        worker._widen(writer)
        after = fcntl.fcntl(writer.fileno(), fcntl.F_GETPIPE_SZ)
    finally:
        reader.close()
        writer.close()
    with open("/proc/sys/fs/pipe-max-size") as f:
        allowed = int(f.read())
    assert before < worker.PIPE_BYTES
    assert after == (worker.PIPE_BYTES if allowed >= worker.PIPE_BYTES else before)
