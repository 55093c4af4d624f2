"""No output of a command replaces the store, an input of the same command, or what is not a
regular file (io/outputs.py).

Every option that names a path is found by walking the command tree and must be classified
below as an output (a file or a folder) or an input, so a new one cannot skip the check. Each
output is then aimed at the store and its companions (WAL, lock file, through a symlink, spelled
another way), at each input of the same command (also with --dry-run), at a FIFO and at a
folder: each run exits 2 with one line, and the store, the inputs and the targets are left
exactly as they were.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
import typer
from conftest import PG_URL, Crm, store_engine, write
from factories import make_id

from bankcrm_cli.cli.main import app

DAY = "2026-12-01"

# Every path option of the CLI: (command, parameter) -> what it is.
FILE_OUTPUTS = {
    ("import", "customers"): "rejects",
    ("import", "holdings"): "rejects",
    ("rms", "import"): "rejects",
    ("report", "daily"): "out",
    ("report", "weekly"): "out",
    ("report", "complaints"): "out",
    ("report", "portfolio"): "out",
    ("report", "campaign"): "out",
    ("campaigns", "report"): "out",
    ("backup",): "path",
}
FOLDER_OUTPUTS = {("mailmerge",): "out"}
INPUTS = {
    ("import", "customers"): {"file", "map_file"},
    ("import", "holdings"): {"file", "map_file"},
    ("rms", "import"): {"file", "map_file"},
    ("restore",): {"path"},
    ("mailmerge",): {"templates"},
    ("templates", "list"): {"templates"},
    ("templates", "show"): {"templates"},
    ("templates", "check"): {"templates"},
    ("campaigns", "attend"): {"file"},
}


def path_params() -> set[tuple[tuple[str, ...], str]]:
    """Every (command, parameter) whose value is a path."""
    found = set()

    def walk(command, path):
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                walk(sub, (*path, name))
            return
        for param in command.params:
            annotation = getattr(param, "type_descriptor", None)
            if annotation is not None and "Path" in str(annotation.annotation):
                found.add((path, param.name))

    walk(typer.main.get_command(app), ())
    return found


def test_every_path_option_is_an_input_or_a_guarded_output():
    classified = {(command, name) for command, name in FILE_OUTPUTS.items()}
    classified |= {(command, name) for command, name in FOLDER_OUTPUTS.items()}
    classified |= {(command, name) for command, names in INPUTS.items() for name in names}
    assert path_params() == classified


class Bank:
    """A small store and the input files of every command that writes a file."""

    def __init__(self, crm: Crm, folder: Path) -> None:
        self.crm = crm
        self.folder = folder
        folder.mkdir(exist_ok=True)
        self.rms = write(folder / "rms.csv", "rm_code,name\nRM001,王经理\nRM002,\n")
        born = make_id("19851201", 1)
        self.customers = write(
            folder / "customers.csv",
            "客户号,姓名,证件号码,电子邮箱,客户经理\n"
            f"C1,张伟,{born},zw@example.com,RM001\nC2,李娜,12345,,RM001\n",
        )
        self.holdings = write(
            folder / "holdings.csv",
            "account_id,customer_id,product_type,amount\nA1,C1,large_cd,1000\nA2,C9,fund,1\n",
        )
        self.maps = {
            kind: write(folder / f"{kind}-map.toml", f'"{header}" = "{field}"\n')
            for kind, header, field in (
                ("customers", "证件号码", "id_number"),
                ("holdings", "账号", "account_id"),
                ("import", "工号", "rm_code"),
            )
        }
        self.ids = write(folder / "ids.txt", "C1\n")
        self.templates = folder / "tpl"
        self.templates.mkdir(exist_ok=True)
        for kind, path in (("rms", self.rms), ("customers", self.customers)):
            args = ["rms", "import"] if kind == "rms" else ["import", kind]
            assert crm(*args, str(path), "--as", "tester").exit_code == 0
        assert crm("import", "holdings", str(self.holdings), "--as", "tester").exit_code == 0
        made = crm("campaigns", "create", "fund", "--title", "基金", "--product-type", "fund")
        assert made.exit_code == 0, made.output
        assert crm("campaigns", "target", "fund", "--customers", "C1").exit_code == 0

    def inputs(self, command: tuple[str, ...]) -> dict[str, Path]:
        if command[0] in ("import", "rms"):
            source = {"import": self.rms, "customers": self.customers}.get(
                command[-1], self.holdings
            )
            return {"the import file": source, "the --map file": self.maps[command[-1]]}
        if command == ("mailmerge",):
            return {"the --customers file": self.ids, "the template folder": self.templates}
        return {}

    def argv(self, command: tuple[str, ...], target: Path, *extra: str) -> list[str]:
        if command[0] in ("import", "rms"):
            given = self.inputs(command)
            source, map_file = given["the import file"], given["the --map file"]
            return [*command, str(source), "--map", str(map_file), "--rejects", str(target)]
        if command in (("report", "campaign"), ("campaigns", "report")):
            return [*command, "fund", "--date", DAY, "--out", str(target)]
        if command[0] == "report":
            return [*command, "--date", DAY, "--out", str(target)]
        if command == ("backup",):
            return ["backup", str(target), "--force"]
        return [
            *("mailmerge", "birthday-greeting", "--customers", f"@{self.ids}"),
            *("--templates", str(self.templates), "--date", DAY, "--out", str(target)),
        ]


def fingerprint(crm: Crm) -> dict[str, str]:
    """Every table's rows, hashed, and SQLite's own integrity check."""
    from sqlalchemy import select, text

    from bankcrm_cli.store.tables import metadata

    engine = store_engine(crm)
    found = {}
    with engine.connect() as conn:
        for name, table in sorted(metadata.tables.items()):
            rows = sorted(repr(tuple(row)) for row in conn.execute(select(table)))
            found[name] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        if engine.dialect.name == "sqlite":
            found["integrity"] = conn.execute(text("PRAGMA integrity_check")).scalar()
    engine.dispose()
    return found


def snapshot(paths) -> dict[str, object]:
    """What is at each path: a file's bytes, a folder's listing, or the kind of thing it is."""
    seen: dict[str, object] = {}
    for path in paths:
        if path.is_symlink():
            seen[f"{path} ->"] = os.readlink(path)
        if not path.exists():
            seen[str(path)] = None
        elif path.is_fifo():
            seen[str(path)] = "fifo"
        elif path.is_dir():
            seen[str(path)] = sorted(p.name for p in path.iterdir())
        else:
            seen[str(path)] = (path.read_bytes(), stat.S_IMODE(path.stat().st_mode))
    return seen


@pytest.fixture
def bank(crm, tmp_path: Path) -> Bank:
    return Bank(crm, tmp_path / "in")


def store_file(crm: Crm) -> Path | None:
    return None if PG_URL is not None else Path(crm.db)


def targets(bank: Bank, command: tuple[str, ...], folder_output: bool) -> dict[str, Path]:
    """Where the output must not go, by name."""
    from bankcrm_cli.services.admin.run_lock import lock_path
    from bankcrm_cli.services.admin.store import store_url
    from bankcrm_cli.settings import load_settings, with_overrides

    spots = bank.folder.parent / "spots"
    spots.mkdir(exist_ok=True)
    fifo = spots / "fifo"
    if not fifo.exists():
        os.mkfifo(fifo)
    found = {"a FIFO": fifo}
    url = store_url(with_overrides(load_settings(), db=str(bank.crm.db)))
    found["a report's lock file"] = lock_path("report-daily", url)
    store = store_file(bank.crm)
    if store is not None:
        found["the store"] = store
        found["the store's WAL"] = Path(f"{store}-wal")
        found["the store spelled another way"] = (
            store.parent / ".." / store.parent.name / store.name
        )
        link = spots / "link-to-store"
        if not link.is_symlink():
            link.symlink_to(store)
        found["a symlink to the store"] = link
    if folder_output:
        found["a regular file"] = write(spots / "plain.txt", "keep me\n")
        found["inside an input folder"] = bank.templates / "out"
    else:
        folder = spots / "folder"
        folder.mkdir(exist_ok=True)
        found["a folder"] = folder
    for what, path in bank.inputs(command).items():
        found[f"{what} (an input)"] = path
        link = spots / f"link-to-{path.name}"
        if not link.is_symlink():
            link.symlink_to(path)
        found[f"a symlink to {what}"] = link
    return found


CASES = [
    *(pytest.param(command, False, False, id=" ".join(command)) for command in FILE_OUTPUTS),
    pytest.param(("mailmerge",), True, False, id="mailmerge"),
    *(
        pytest.param(command, False, True, id=f"{' '.join(command)} --dry-run")
        for command in FILE_OUTPUTS
        if command[0] in ("import", "rms")
    ),
]


@pytest.mark.parametrize("command, folder_output, dry_run", CASES)
def test_an_output_never_replaces_the_store_an_input_or_a_non_file(
    bank: Bank, command, folder_output, dry_run, monkeypatch
):
    if command == ("backup",) and PG_URL is not None:
        pytest.skip("crm backup copies SQLite stores")
    monkeypatch.chdir(bank.folder.parent)
    crm = bank.crm
    extra = ["--dry-run"] if dry_run else []
    # The same command line with an ordinary target works, so each refusal below is the guard's.
    fine = bank.folder.parent / "fine" / ("out" if folder_output else "out.csv")
    control = crm(*bank.argv(command, fine), *extra)
    assert control.exit_code == 0, control.output
    for what, target in targets(bank, command, folder_output).items():
        watched = [target, *bank.inputs(command).values(), target.parent]
        if store_file(crm) is not None:
            watched.append(store_file(crm))
        before_store, before_files = fingerprint(crm), snapshot(watched)
        result = crm(*bank.argv(command, target), *extra)
        assert result.exit_code == 2, (what, result.output)
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("crm: error:"), what
        assert "not writing" in result.stderr, (what, result.stderr)
        assert fingerprint(crm) == before_store, what
        after = snapshot(watched)
        for key in list(after):
            # SQLite's own WAL and shared-memory files come and go beside the store.
            if isinstance(after[key], list):
                after[key] = [n for n in after[key] if not n.endswith(("-wal", "-shm"))]
                before_files[key] = [
                    n for n in before_files[key] if not n.endswith(("-wal", "-shm"))
                ]
        if str(target).endswith("-wal"):
            after.pop(str(target), None)
            before_files.pop(str(target), None)
        assert after == before_files, what


def test_a_device_is_not_an_output(tmp_path: Path):
    # Asked only: nothing is opened or written (crm's tests may run as root).
    from bankcrm_cli.domain.errors import UsageError
    from bankcrm_cli.io.outputs import check_output_file, check_output_folder

    for device in ("/dev/full", "/dev/null"):
        if os.path.exists(device):
            with pytest.raises(UsageError, match="a device"):
                check_output_file(Path(device))
            with pytest.raises(UsageError, match="not a folder"):
                check_output_folder(Path(device))


def test_a_planted_symlink_at_a_report_lock_is_refused_and_its_victim_untouched(
    bank: Bank, tmp_path: Path
):
    from bankcrm_cli.services.admin.run_lock import lock_path
    from bankcrm_cli.services.admin.store import store_url
    from bankcrm_cli.settings import load_settings, with_overrides

    url = store_url(with_overrides(load_settings(), db=str(bank.crm.db)))
    lock = lock_path("report-weekly", url)
    lock.parent.mkdir(parents=True, exist_ok=True)
    victim = write(tmp_path / "victim.txt", "precious\n")
    lock.symlink_to(victim)
    result = bank.crm("report", "weekly", "--date", DAY)
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1 and "symbolic link" in result.stderr
    assert victim.read_text() == "precious\n"
    assert lock.is_symlink()
    # Without the planted link the lock is made afresh, private.
    lock.unlink()
    assert bank.crm("report", "weekly", "--date", DAY).exit_code == 0
    assert not lock.is_symlink() and stat.S_IMODE(lock.stat().st_mode) == 0o600


def test_a_fifo_planted_at_a_report_lock_is_refused_at_once(bank: Bank):
    from bankcrm_cli.services.admin.run_lock import lock_path
    from bankcrm_cli.services.admin.store import store_url
    from bankcrm_cli.settings import load_settings, with_overrides

    url = store_url(with_overrides(load_settings(), db=str(bank.crm.db)))
    lock = lock_path("report-daily", url)
    lock.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(lock)
    result = bank.crm("report", "daily", "--date", DAY)
    assert result.exit_code == 1, result.output
    assert "FIFO" in result.stderr and result.stderr.count("\n") == 1
    assert lock.is_fifo()
