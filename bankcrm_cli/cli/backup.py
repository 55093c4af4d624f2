"""`crm backup PATH` and `crm restore PATH`: a consistent copy of the store, and back again."""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bankcrm_cli.cli.common import print_json, state
from bankcrm_cli.domain.catalogue import t


class SummaryFormat(StrEnum):
    text = "text"
    json = "json"


SummaryFormatOption = Annotated[
    SummaryFormat,
    typer.Option("--format", "-f", help="Output: one line of text, or one JSON object."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace an existing file.")]


def _store_url(ctx: typer.Context) -> str:
    from bankcrm_cli.services.admin.store import store_url

    return store_url(state(ctx).settings())


def backup_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="PATH", help="The backup file to write (0600).")],
    force: ForceOption = False,
    fmt: SummaryFormatOption = SummaryFormat.text,
) -> None:
    """Copy the store to PATH, consistent as of one moment, while others keep working.

    SQLite stores only; for a PostgreSQL store it prints the pg_dump command to use.

    Example: crm backup ~/backups/crm-$(date +%F).sqlite3
    """
    from bankcrm_cli.services.admin.backup import backup_store

    copy = backup_store(_store_url(ctx), path, force=force)
    if fmt is SummaryFormat.json:
        print_json(dataclasses.asdict(copy))
        return
    typer.echo(t("adm.backed_up", **dataclasses.asdict(copy)))


def restore_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="PATH", help="A backup made by `crm backup`.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace the existing store (back it up first).")
    ] = False,
    fmt: SummaryFormatOption = SummaryFormat.text,
) -> None:
    """Make the backup at PATH the store; an existing store is replaced only with --force.

    Stop other crm commands on this store first. SQLite stores only; for a PostgreSQL store it
    prints the pg_restore command to use.

    Example: crm restore ~/backups/crm-2026-12-01.sqlite3 --force
    """
    from bankcrm_cli.services.admin.backup import restore_store

    copy = restore_store(_store_url(ctx), path, force=force)
    if fmt is SummaryFormat.json:
        print_json(dataclasses.asdict(copy))
        return
    typer.echo(t("adm.restored", **dataclasses.asdict(copy)))
    if copy.needs_upgrade:
        typer.echo(t("adm.restored_old"))
