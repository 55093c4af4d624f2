"""`crm import customers|holdings FILE`: load bank exports into the store."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bankcrm_cli.cli.common import AsOption, err, print_json, state, today_in_zone

app = typer.Typer(
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
    from bankcrm_cli.io.headers import load_header_map
    from bankcrm_cli.services.importing import ImportRequest, run_import
    from bankcrm_cli.settings import actor

    app_state = state(ctx)
    header_map = load_header_map(map_file) if map_file is not None else None
    request = ImportRequest(
        kind=kind,
        path=file,
        today=today_in_zone(app_state.settings()),
        actor=actor(acting),
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
    encoding = f", {result.encoding}" if result.encoding else ""
    lines = [f"{Path(result.file).name} ({result.format}{encoding}): {result.rows} rows read"]
    lines.append(
        f"  inserted {result.inserted}, updated {result.updated}, "
        f"unchanged {result.unchanged}, rejected {result.rejected}"
    )
    if result.rejects_file:
        lines.append(f"  rejected rows, with the reason, are in {result.rejects_file}")
    if result.unknown_columns:
        lines.append(f"  columns not imported: {', '.join(result.unknown_columns)}")
    if result.duplicates:
        lines.append(
            f"  {result.duplicates} customers share an ID number with another customer number: "
            "see `crm customers duplicates`"
        )
    if result.merged_numbers:
        lines.append(
            f"  {result.merged_numbers} rows named merged customer numbers: "
            "they went to the customers those were merged into"
        )
    if result.unknown_rms:
        lines.append(_unknown_rms_line(result))
    if result.currency_defaulted:
        lines.append(f"  {result.currency_defaulted} holdings had no currency: taken as CNY")
    if result.dry_run:
        lines.append("  dry run: nothing was written")
    elif result.strict_refused:
        lines.append("  --strict: rows were rejected, so nothing was written")
    typer.echo("\n".join(lines))


def _unknown_rms_line(result) -> str:
    codes = result.unknown_rm_codes
    shown = ", ".join(codes[:_CODES_SHOWN]) + (
        f" and {len(codes) - _CODES_SHOWN} more" if len(codes) > _CODES_SHOWN else ""
    )
    what = "rejected" if result.strict_refused else "imported with them"
    who = (
        "1 customer names an RM code"
        if result.unknown_rms == 1
        else f"{result.unknown_rms} customers name RM codes"
    )
    return f"  {who} no RM has ({shown}): {what}; import those RMs with `crm rms import FILE`"


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
