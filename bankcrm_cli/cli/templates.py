"""`crm templates list|show|check`: the mail-merge templates, built-in and your own."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bankcrm_cli.cli.common import (
    FormatOption,
    ListFormat,
    print_json,
    print_sheet,
    print_table,
    say,
    state,
    today_in_zone,
)
from bankcrm_cli.cli.help import CrmTyper

app = CrmTyper(help="Mail-merge templates: list, show and check them.", no_args_is_help=True)

TemplatesOption = Annotated[
    Path | None, typer.Option(help="Your template folder (overrides built-ins by name).")
]


def _library(ctx: typer.Context, templates: Path | None):
    from bankcrm_cli.services.mailmerge.run import template_library

    return template_library(state(ctx).settings(), templates)


@app.command("list")
def list_command(
    ctx: typer.Context, templates: TemplatesOption = None, fmt: FormatOption = ListFormat.table
) -> None:
    """List every template, by name and medium, and where it comes from.

    Example: crm templates list --format json
    """
    infos = _library(ctx, templates).all()
    header = ["name", "channel", "purpose", "source", "description"]
    rows = [
        [i.name, i.channel, i.purpose, "built-in" if i.builtin else str(i.path), i.description]
        for i in infos
    ]
    if fmt is ListFormat.json:
        print_json([dict(zip(header, row, strict=True)) for row in rows])
    elif fmt.is_sheet:
        print_sheet(fmt, header, rows)
    else:
        from bankcrm_cli.domain.catalogue import t, t_or

        shown = [t(f"tpl.{h}") for h in header]
        print_table(
            t("tpl.title"),
            shown,
            (
                [
                    i.name,
                    t_or("channel", i.channel),
                    t_or("purpose", i.purpose),
                    t("tpl.builtin") if i.builtin else str(i.path),
                    i.description,
                ]
                for i in infos
            ),
            no_wrap=frozenset({shown[0]}),
        )


@app.command("show")
def show_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Template name.")],
    channel: Annotated[
        str | None, typer.Option("--channel", "-c", help="letter, email or fax (default: all).")
    ] = None,
    templates: TemplatesOption = None,
) -> None:
    """Print a template's source (front matter included) for each medium it exists for.

    Example: crm templates show birthday-greeting --channel email
    """
    from bankcrm_cli.domain.errors import NotFound

    library = _library(ctx, templates)
    infos = [i for i in library.all() if i.name == name and channel in (None, i.channel)]
    if not infos:
        from bankcrm_cli.domain.catalogue import t

        what = t("err.tpl.for", channel=channel) if channel else ""
        raise NotFound(t("err.no_template.for", name=repr(name), what=what))
    for info in infos:
        say(f"# {info.name} ({info.channel}) — {info.path}")
        say(info.path.read_text(encoding="utf-8").rstrip("\n"))
        if info.html_path is not None:
            say(f"# {info.name} (email, HTML part) — {info.html_path}")
            say(info.html_path.read_text(encoding="utf-8").rstrip("\n"))
        say("")


@app.command("check")
def check_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Template name.")],
    templates: TemplatesOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Render a template for the sample bank's customers; report undefined names and errors.

    Nothing touches your store: the sample bank is loaded into a temporary one. Exit 2 when a
    medium fails to render.

    Example: crm templates check product-offer --templates ./my-templates
    """
    from bankcrm_cli.services.mailmerge.template_check import check_template

    settings = state(ctx).settings()
    outcomes = check_template(
        settings, name, today=today_in_zone(settings), templates_dir=templates
    )
    header = ["channel", "recipients", "rendered", "skipped", "result"]
    rows = [[o.channel, o.source, o.rendered, o.skipped, o.error or "ok"] for o in outcomes]
    if fmt is ListFormat.json:
        print_json(
            [
                {
                    "channel": o.channel,
                    "source": o.source,
                    "rendered": o.rendered,
                    "skipped": o.skipped,
                    "error": o.error,
                }
                for o in outcomes
            ]
        )
    elif fmt.is_sheet:
        print_sheet(fmt, header, rows)
    else:
        from bankcrm_cli.domain.catalogue import t, t_or

        print_table(
            t("tpl.check", name=name),
            [t(f"tpl.{h}") for h in header],
            (
                [t_or("channel", r[0]), *r[1:4], o.error or t("tpl.ok")]
                for r, o in zip(rows, outcomes, strict=True)
            ),
        )
    failures = [o for o in outcomes if o.error]
    if failures:
        from bankcrm_cli.domain.errors import UsageError

        # one line, however wide, as every error (the root group prints it)
        raise UsageError(failures[0].error)
