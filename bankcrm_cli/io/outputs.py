"""Where a command may write: never over the store, over its own inputs, or over anything that
is not a regular file; folders it makes are private at every level; lock files are opened
without following links.

One guard serves every writer. The CLI starts a fresh guard for each command (`guarding`) and
names the store's file (`OutputGuard.store_file`); a command's readers name what they read
(`guard_input`, `guard_input_folder`), which also refuses a FIFO or a device at once instead of
blocking on it. Every writer asks `check_output_file` or `check_output_folder` before it writes;
paths are compared resolved (symlinks, `..`, another spelling) and by device and inode.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bankcrm_cli.domain.catalogue import t, t_or
from bankcrm_cli.domain.errors import Refused, UsageError

# Files SQLite keeps beside a store while it is in use.
STORE_COMPANIONS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class _Protected:
    """A path no output may replace: a file, or a folder with everything in it (`tree`)."""

    path: Path
    what: str
    tree: bool = False

    def covers(self, target: Path, found: os.stat_result | None) -> bool:
        if target == self.path or (self.tree and self.path in target.parents):
            return True
        if found is None:
            return False
        try:
            return os.path.samestat(found, os.stat(self.path))
        except OSError:
            return False


@dataclass
class OutputGuard:
    """The paths one command must not write over."""

    protected: list[_Protected] = field(default_factory=list)
    # The store's file, worked out only when something is about to be written (the URL is
    # resolved by the store layer, which a command that writes nothing never needs to load).
    store_file: Callable[[], Path | None] | None = None
    # Where the store's lock files live when it is not a file (a database server's store).
    lock_folder: Callable[[], Path | None] | None = None

    def protect(self, path: Path, what: str, *, tree: bool = False) -> None:
        self.protected.append(_Protected(_resolved(path), what, tree))

    def _all(self) -> list[_Protected]:
        rules = list(self.protected)
        store = self.store_file() if self.store_file is not None else None
        if store is not None:
            store = _resolved(store)
            rules.append(_Protected(store, t("out.the_store")))
            companions = [Path(f"{store}{end}") for end in STORE_COMPANIONS]
            rules += [_Protected(path, t("out.store_file")) for path in companions]
        locks = self.lock_folder() if self.lock_folder is not None else None
        if locks is not None:
            rules.append(_Protected(_resolved(locks), t("out.lock_folder"), tree=True))
        return rules

    def _store_lock(self, target: Path) -> bool:
        """`<store>.<job>.lock` beside the store (see services/admin/run_lock.py)."""
        store = self.store_file() if self.store_file is not None else None
        if store is None:
            return False
        store = _resolved(store)
        return (
            target.parent == store.parent
            and target.name.startswith(f"{store.name}.")
            and target.name.endswith(".lock")
        )

    def refusal(self, path: Path, found: os.stat_result | None) -> str | None:
        """Why `path` may not be written, or None."""
        target = _resolved(path)
        for rule in self._all():
            if rule.covers(target, found):
                return t("out.is", path=path, why=rule.what)
        if self._store_lock(target):
            return t("out.is", path=path, why=t("out.lock_file"))
        return None


_guard: OutputGuard | None = None


@contextmanager
def guarding() -> Iterator[OutputGuard]:
    """A fresh guard for one command; the one before comes back after it."""
    global _guard
    before, _guard = _guard, OutputGuard()
    try:
        yield _guard
    finally:
        _guard = before


def current_guard() -> OutputGuard:
    """The running command's guard (outside a command, an empty one: used as a library,
    only the file-type checks and what the caller names apply)."""
    return _guard if _guard is not None else OutputGuard()


def guard_input(path: Path, what: str) -> Path:
    """An input file: refused at once unless it is a regular file; outputs may not replace it.
    `what` names it for messages: a key of `out.what.` in the catalogue (`import_file`)."""
    path = Path(path)
    found = _stat(path)
    named = t_or("out.what", what)
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise UsageError(t("out.input_not_file", what=named, path=path, kind=_kind(found)))
    if _guard is not None:
        _guard.protect(path, t("out.input", what=named))
    return path


def guard_input_folder(path: Path, what: str) -> Path:
    """An input folder: no output may go into it."""
    path = Path(path)
    if _guard is not None:
        _guard.protect(path, t("out.inside_input", what=t_or("out.what", what)), tree=True)
    return path


def check_output_file(path: Path) -> Path:
    """`path` if a file may be written there; UsageError (exit 2) otherwise."""
    path = Path(path)
    found = _stat(path)
    why = current_guard().refusal(path, found)
    if why is None and found is not None and not stat.S_ISREG(found.st_mode):
        why = t("out.not_regular", path=path, kind=_kind(found))
    if why is not None:
        raise UsageError(t("out.refuse_file", why=why))
    return path


def check_output_folder(path: Path) -> Path:
    """`path` if an output folder may be made or filled there; UsageError otherwise."""
    path = Path(path)
    found = _stat(path)
    why = current_guard().refusal(path, found)
    if why is None and found is not None and not stat.S_ISDIR(found.st_mode):
        why = t("out.not_folder_kind", path=path, kind=_kind(found))
    if why is not None:
        raise UsageError(t("out.refuse_folder", why=why))
    return path


def make_private_folders(folder: Path) -> Path:
    """Make `folder` and any missing parents, each 0700 (customer data goes in them); folders
    that already exist keep their mode."""
    folder = Path(folder)
    missing = []
    probe = folder
    while not probe.exists():
        if probe.is_symlink():
            raise UsageError(t("out.broken_link", path=probe))
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    if missing and probe.exists() and not probe.is_dir():
        raise UsageError(t("out.not_folder", path=probe))
    for level in reversed(missing):
        try:
            level.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made meanwhile by another run: its mode is its own
        except OSError as exc:
            raise UsageError(t("out.cannot_mkdir", path=level, why=exc.strerror)) from None
        os.chmod(level, 0o700)  # whatever the umask
    return folder


def open_lock_file(path: Path) -> int:
    """A lock file's descriptor: created 0600 in private folders, never through a symbolic link,
    and refused unless it is a regular file (Refused, exit 1: nothing of it is touched)."""
    path = Path(path)
    make_private_folders(path.parent)
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as exc:
        if path.is_symlink():
            raise Refused(t("out.lock_link", path=path)) from None
        raise Refused(t("out.lock_open", path=path, why=exc.strerror)) from None
    found = os.fstat(fd)
    if not stat.S_ISREG(found.st_mode):
        os.close(fd)
        raise Refused(t("out.lock_kind", path=path, kind=_kind(found)))
    os.set_blocking(fd, True)
    return fd


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(Path(path).expanduser()))


def _stat(path: Path) -> os.stat_result | None:
    """What is at `path`, following links; None when nothing is."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise UsageError(t("out.stat", path=path, why=exc.strerror)) from None


def _kind(found: os.stat_result) -> str:
    mode = found.st_mode
    if stat.S_ISDIR(mode):
        return t("out.kind.folder")
    if stat.S_ISFIFO(mode):
        return t("out.kind.fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return t("out.kind.device")
    if stat.S_ISSOCK(mode):
        return t("out.kind.socket")
    return t("out.kind.other")
