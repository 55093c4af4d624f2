"""`crm config show`: the effective settings and where each comes from."""

from __future__ import annotations

import typer

from bankcrm_cli.cli.common import (
    FormatOption,
    ListFormat,
    print_csv,
    print_json,
    print_table,
    state,
)

app = typer.Typer(help="Settings: see what is in effect.", no_args_is_help=True)


@app.command("show")
def show_command(ctx: typer.Context, fmt: FormatOption = ListFormat.table) -> None:
    """Print the effective settings (secrets hidden) and where each one came from.

    Example: CRM_TIMEZONE=Asia/Hong_Kong crm config show
    """
    from bankcrm_cli.settings import DEFAULTS, SECRET_KEYS, env_name

    settings = state(ctx).settings()
    rows = []
    for key, (_default, description) in DEFAULTS.items():
        value = settings.values[key]
        if key == "db":
            value = settings.db
        if key in SECRET_KEYS and value:
            value = "(set, hidden)"
        rows.append([key, value, settings.sources[key], env_name(key), description])
    header = ["key", "value", "source", "environment", "meaning"]
    if fmt is ListFormat.json:
        print_json({row[0]: {"value": row[1], "source": row[2]} for row in rows})
    elif fmt is ListFormat.csv:
        print_csv(header, rows)
    else:
        caption = f"settings file: {settings.config_path}"
        print_table("crm settings", header, rows, caption=caption)
