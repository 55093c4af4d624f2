"""Writing an output file whole or not at all: a temporary file beside it, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bankcrm_cli.io.outputs import check_output_file, make_private_folders


def write_atomically(path: Path, data: bytes, mode: int = 0o600) -> Path:
    """Write `data` to `path` so that a reader sees the old file or the new one, never half.

    The file is private by default (reports carry customer data); missing folders are made,
    private too. The store, the command's inputs and what is not a regular file are refused
    (io/outputs.py).
    """
    path = check_output_file(Path(path))
    make_private_folders(path.parent)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path
