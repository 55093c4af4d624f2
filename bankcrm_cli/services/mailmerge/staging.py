"""The output folder, filled all at once: messages are written to a private staging folder
beside it and moved in only when every one of them is there."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import UsageError
from bankcrm_cli.io.outputs import (
    check_output_file,
    check_output_folder,
    make_private_folders,
)

_SAFE = re.compile(r"[^A-Za-z0-9_.-]")
# Written into every output folder: which run (campaign and medium) its files belong to.
OWNER_FILE = ".crm-mailmerge.json"
# Default folders tried (`name`, `name-2`, …) before giving up.
MAX_DEFAULT_TRIES = 100


def run_owner(campaign: str, channel: str) -> dict[str, str]:
    """Whose files an output folder holds: a re-run of the same campaign and medium may
    replace them, any other run may not."""
    return {"campaign": campaign, "channel": channel}


def _owner_of(folder: Path) -> dict | None:
    try:
        owner = json.loads((folder / OWNER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return owner if isinstance(owner, dict) else None


def _usable(folder: Path, owner: dict) -> bool:
    """A folder this run may fill: new, empty, or holding this same run's files (a re-run:
    preview then --send, or a resumed send)."""
    if not folder.exists():
        return True
    if not folder.is_dir() or folder.is_symlink():
        return False
    return not any(folder.iterdir()) or _owner_of(folder) == owner


def claim_output_folder(out: Path, owner: dict, *, given: bool) -> Path:
    """The folder this run writes into; no run overwrites another run's files.

    A folder named with --out that holds other files is refused; the default folder moves on
    to `name-2`, `name-3`, … until one is free or already this run's.
    """
    if given:
        check_output_folder(out)  # never the store, an input or a non-folder, whatever it holds
        if _usable(out, owner):
            return out
        if out.exists() and not out.is_dir():
            raise UsageError(t("mm.out_not_folder", out=out))
        held = _owner_of(out)
        whose = (
            t("mm.out_other_run", run=held.get("campaign"), channel=held.get("channel"))
            if held
            else t("mm.out_other_files")
        )
        raise UsageError(t("mm.out_taken", out=out, whose=whose))
    for n in range(1, MAX_DEFAULT_TRIES + 1):
        candidate = out if n == 1 else out.with_name(f"{out.name}-{n}")
        if _usable(candidate, owner):
            return candidate
    raise UsageError(t("mm.out_all_taken", out=out, tries=MAX_DEFAULT_TRIES - 1))


def file_stem(customer_id: str) -> str:
    """A file name for a customer's message; a number unsafe in a name gets a hash of itself."""
    safe = _SAFE.sub("_", customer_id)
    if safe != customer_id:
        import hashlib

        safe += "-" + hashlib.sha1(customer_id.encode()).hexdigest()[:8]
    return safe


class Staging:
    """A staging folder for `out` (mode 0700), removed on leaving whatever happened."""

    def __init__(self, out: Path, owner: dict | None = None) -> None:
        self.out = out
        self.owner = owner
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
        try:
            view = memoryview(data)
            while view:  # one write, but for a signal or a full disk
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)

    def publish(self) -> None:
        """Move the complete set into `out`: the whole folder when `out` is new."""
        if self.owner is not None:
            self.write(OWNER_FILE, json.dumps(self.owner, ensure_ascii=False).encode())
        if not self.out.exists():
            os.rename(self.folder, self.out)
            return
        for path in self.folder.iterdir():
            os.replace(path, check_output_file(self.out / path.name))
