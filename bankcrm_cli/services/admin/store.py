"""Which store the settings name, how to show it, and its schema: what `crm db`, `crm backup`,
`crm cron` and the report lock need to know of the store, for commands that reach it only
through services."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bankcrm_cli.settings import Settings
    from bankcrm_cli.store.migrate import SchemaStatus


def store_url(settings: Settings) -> str:
    """The store's SQLAlchemy URL (a file path becomes a sqlite URL)."""
    from bankcrm_cli.store.engine import resolve_url

    return resolve_url(settings.db)


def open_store(settings: Settings) -> Engine:
    """An engine on the store the settings name (a new SQLite file is created, mode 0600)."""
    from bankcrm_cli.store.engine import make_engine, resolve_url

    engine = make_engine(resolve_url(settings.db))
    if engine.dialect.name == "postgresql":
        _mask_for_head_office(engine)
    return engine


def _mask_for_head_office(engine: Engine) -> None:
    """A head-office login reads customers through the store's masked view: its connections
    find that view first (the database denies it the columns themselves)."""
    from bankcrm_cli.store.queries.identity import (
        find_masked_view_first,
        has_team_roles,
        masked_schema,
        my_staff_row,
    )

    with engine.connect() as conn:
        if not has_team_roles(conn):
            return
        me = my_staff_row(conn)
        if me is None or me.role != "head_office":
            return
        masked = masked_schema(conn)
    engine.dispose()
    find_masked_view_first(engine, masked)


def require_current_schema(engine: Engine) -> None:
    """Refuse a store whose schema is not this crm's (an older one asks for `crm db upgrade`)."""
    from bankcrm_cli.store.migrate import ensure_current

    ensure_current(engine)


def store_file(url: str) -> Path | None:
    """The file of a SQLite store; None for other databases."""
    from bankcrm_cli.store.engine import sqlite_path

    return sqlite_path(url)


def shown_url(url: str) -> str:
    """The URL with any password hidden."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def schema_status(engine: Engine) -> SchemaStatus:
    """The store's schema version against this crm's."""
    from bankcrm_cli.store.migrate import schema_status as status

    return status(engine)


def upgrade_schema(engine: Engine) -> SchemaStatus:
    """Bring the store's schema up to this crm's (safe to run again)."""
    from bankcrm_cli.store.migrate import upgrade

    return upgrade(engine)
