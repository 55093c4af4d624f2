"""The output folder, filled all at once: messages are written to a private staging folder
beside it and moved in only when every one of them is there."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from bankcrm_cli.io.outputs import (
    check_output_file,
    check_output_folder,
    make_private_folders,
)

_SAFE = re.compile(r"[^A-Za-z0-9_.-]")


def file_stem(customer_id: str) -> str:
    """A file name for a customer's message; a number unsafe in a name gets a hash of itself."""
    safe = _SAFE.sub("_", customer_id)
    if safe != customer_id:
        import hashlib

        safe += "-" + hashlib.sha1(customer_id.encode()).hexdigest()[:8]
    return safe


class Staging:
    """A staging folder for `out` (mode 0700), removed on leaving whatever happened."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.folder = out.parent / f".{out.name}.rendering-{os.getpid()}"

    def __enter__(self) -> Staging:
        # Never into the store's files, an input (the template folder) or a device.
        make_private_folders(check_output_folder(self.out).parent)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(mode=0o700)
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def path(self, name: str) -> Path:
        return self.folder / name

    def write(self, name: str, data: bytes) -> None:
        """A file only its owner can read."""
        fd = os.open(self.folder / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)

    def publish(self) -> None:
        """Move the complete set into `out`: the whole folder when `out` is new."""
        if not self.out.exists():
            os.rename(self.folder, self.out)
            return
        for path in self.folder.iterdir():
            os.replace(path, check_output_file(self.out / path.name))
