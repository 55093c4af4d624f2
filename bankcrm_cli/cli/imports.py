"""`crm import customers|holdings FILE`: load bank exports into the store."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bankcrm_cli.cli.common import AsOption, err, print_json, say, state, today_in_zone
from bankcrm_cli.cli.help import CrmTyper

app = CrmTyper(
    help="Import customers and holdings from core-banking exports (CSV/TSV, XLSX, JSON, JSONL).",
    no_args_is_help=True,
)


# Unknown RM codes named in the text summary; --format json lists them all.
_CODES_SHOWN = 10


class SummaryFormat(StrEnum):
    text = "text"
    json = "json"


FileArgument = Annotated[
    Path,
    typer.Argument(
        metavar="FILE", help="The export: .csv/.tsv/.txt, .xlsx, .json (array) or .jsonl."
    ),
]
EncodingOption = Annotated[
    str | None,
    typer.Option(
        help="Text encoding of the file (default: UTF-8 with or without BOM, else GB18030)."
    ),
]
MapOption = Annotated[
    Path | None,
    typer.Option(
        "--map", metavar="FILE", help='TOML file mapping your headers to fields: "手机" = "phone".'
    ),
]
RejectsOption = Annotated[
    Path | None,
    typer.Option(
        help="Where rejected rows go (default: <input stem>.rejects.csv beside the input)."
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Validate and report; write nothing.")
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Any rejected row means nothing is written (exit 1).")
]
SummaryOption = Annotated[
    SummaryFormat, typer.Option("--format", "-f", help="Summary as text, or one JSON object.")
]


def import_file(
    ctx: typer.Context,
    kind: str,
    file: Path,
    *,
    encoding: str | None,
    map_file: Path | None,
    rejects: Path | None,
    dry_run: bool,
    strict: bool,
    summary: SummaryFormat,
    acting: str | None,
) -> None:
    """Parse options, run the import service, and print its summary."""
    from bankcrm_cli.cli.common import acting_as
    from bankcrm_cli.io.headers import load_header_map
    from bankcrm_cli.services.importing import ImportRequest, run_import

    app_state = state(ctx)
    header_map = load_header_map(map_file) if map_file is not None else None
    request = ImportRequest(
        kind=kind,
        path=file,
        today=today_in_zone(app_state.settings()),
        actor=acting_as(ctx, acting),
        encoding=encoding,
        header_map=header_map,
        rejects_path=rejects,
        dry_run=dry_run,
        strict=strict,
    )
    # A dry run writes nothing, not even a new store.
    engine = app_state.engine(create=not dry_run)
    with _progress(file) as progress:
        result = run_import(engine, request, progress=progress)
    if summary is SummaryFormat.json:
        print_json(_summary_object(result))
    else:
        _print_summary(result)
    if result.strict_refused:
        raise typer.Exit(1)


def _summary_object(result) -> dict:
    return {
        "kind": result.kind,
        "file": result.file,
        "format": result.format,
        "encoding": result.encoding,
        "rows": result.rows,
        "inserted": result.inserted,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "rejected": result.rejected,
        "rejects_file": result.rejects_file,
        "unknown_columns": result.unknown_columns,
        "currency_defaulted": result.currency_defaulted,
        "duplicates": result.duplicates,
        "merged_numbers": result.merged_numbers,
        "unknown_rms": result.unknown_rms,
        "unknown_rm_codes": result.unknown_rm_codes,
        "dry_run": result.dry_run,
        "written": result.written,
    }


def _print_summary(result) -> None:
    from bankcrm_cli.domain.catalogue import t

    encoding = f", {result.encoding}" if result.encoding else ""
    name = Path(result.file).name
    lines = [t("imp.read", file=name, format=result.format, encoding=encoding, count=result.rows)]
    lines.append(
        t(
            "imp.counts",
            inserted=result.inserted,
            updated=result.updated,
            unchanged=result.unchanged,
            rejected=result.rejected,
        )
    )
    if result.rejects_file:
        lines.append(t("imp.rejects", path=result.rejects_file))
    if result.unknown_columns:
        lines.append(t("imp.unknown_columns", columns=", ".join(result.unknown_columns)))
    for key, count in (
        ("imp.duplicates", result.duplicates),
        ("imp.merged", result.merged_numbers),
        ("imp.currency", result.currency_defaulted),
    ):
        if count:
            lines.append(t(key, count=count))
    if result.unknown_rms:
        lines.append(_unknown_rms_line(result))
    if result.dry_run:
        lines.append(t("imp.dry_run"))
    elif result.strict_refused:
        lines.append(t("imp.strict"))
    say("\n".join(lines))


def _unknown_rms_line(result) -> str:
    from bankcrm_cli.domain.catalogue import t

    codes = result.unknown_rm_codes
    shown = ", ".join(codes[:_CODES_SHOWN])
    if len(codes) > _CODES_SHOWN:
        shown += t("imp.more", count=len(codes) - _CODES_SHOWN)
    what = t("imp.unknown_rms.rejected" if result.strict_refused else "imp.unknown_rms.kept")
    return t("imp.unknown_rms", count=result.unknown_rms, codes=shown, what=what)


class _progress:
    """A progress bar on stderr for large files, only when stderr is a terminal."""

    MIN_BYTES = 4 * 1024 * 1024

    def __init__(self, file: Path):
        self.file = file
        self.bar = None
        self.task = None

    def __enter__(self):
        console = err()
        try:
            size = self.file.stat().st_size
        except OSError:
            return None
        if not console.is_terminal or size < self.MIN_BYTES:
            return None
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            # Plain text: the console has markup off, so file names print as they are.
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task(f"importing {self.file.name}", total=size)
        return self.update

    def update(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def import_command(kind: str, help_text: str, example: str):
    """A Typer command importing one kind of file; customers, holdings and RMs share it."""

    def command(
        ctx: typer.Context,
        file: FileArgument,
        encoding: EncodingOption = None,
        map_file: MapOption = None,
        rejects: RejectsOption = None,
        dry_run: DryRunOption = False,
        strict: StrictOption = False,
        summary: SummaryOption = SummaryFormat.text,
        acting: AsOption = None,
    ) -> None:
        import_file(
            ctx,
            kind,
            file,
            encoding=encoding,
            map_file=map_file,
            rejects=rejects,
            dry_run=dry_run,
            strict=strict,
            summary=summary,
            acting=acting,
        )

    command.__doc__ = f"{help_text}\n\nExample: {example}"
    return command


app.command("customers")(
    import_command(
        "customers",
        "Import or update customers; rows are matched by customer number.",
        "crm import customers 客户信息.csv --rejects bad.csv --format json",
    )
)
app.command("holdings")(
    import_command(
        "holdings",
        "Import or update holdings (accounts and products); rows are matched by account number.",
        "crm import holdings holdings.xlsx --dry-run",
    )
)
