"""`crm config show`: the effective settings and where each comes from."""

from __future__ import annotations

import typer

from bankcrm_cli.cli.common import (
    FormatOption,
    ListFormat,
    print_json,
    print_sheet,
    print_table,
    state,
)
from bankcrm_cli.cli.help import CrmTyper

app = CrmTyper(help="Settings: see what is in effect.", no_args_is_help=True)


@app.command("show")
def show_command(ctx: typer.Context, fmt: FormatOption = ListFormat.table) -> None:
    """Print the effective settings (secrets hidden) and where each one came from.

    Example: CRM_TIMEZONE=Asia/Hong_Kong crm config show
    """
    from bankcrm_cli.settings import DEFAULTS, SECRET_KEYS, env_name, meaning

    settings = state(ctx).settings()
    rows = []
    for key in DEFAULTS:
        description = meaning(key)
        value = settings.values[key]
        if key == "db":
            value = settings.db
        if key in SECRET_KEYS and value:
            value = "(set, hidden)"
        rows.append([key, value, settings.sources[key], env_name(key), description])
    rows.append(["(font in use)", _font_in_use(settings), "found", "", meaning("(font in use)")])
    header = ["key", "value", "source", "environment", "meaning"]
    if fmt is ListFormat.json:
        print_json({row[0]: {"value": row[1], "source": row[2]} for row in rows})
    elif fmt.is_sheet:
        print_sheet(fmt, header, rows)
    else:
        from bankcrm_cli.domain.catalogue import t, t_or

        for row in rows:
            row[2] = t_or("cfg.source", row[2])
            if row[1] == "(set, hidden)":
                row[1] = t("cfg.hidden")
        print_table(
            t("cfg.title"),
            [t(f"cfg.{h}") for h in header],
            rows,
            caption=t("cfg.file", path=settings.config_path),
        )


def _font_in_use(settings) -> str:
    """The CJK font letters and faxes will embed, or why there is none."""
    from bankcrm_cli.domain.errors import CrmError
    from bankcrm_cli.render.fonts import find_cjk_font

    try:
        return find_cjk_font(
            settings.get("mailmerge.font"),
            system_fonts=bool(settings.get("mailmerge.system_fonts")),
        ).describe()
    except CrmError as exc:
        return f"none: {exc}"
