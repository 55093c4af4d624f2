"""Which store the settings name, how to show it, and its schema: what `crm db`, `crm backup`,
`crm cron` and the report lock need to know of the store, for commands that reach it only
through services."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import UsageError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bankcrm_cli.settings import Settings
    from bankcrm_cli.store.lite import LiteStore
    from bankcrm_cli.store.migrate import SchemaStatus


def store_url(settings: Settings) -> str:
    """The store's SQLAlchemy URL (a file path becomes a sqlite URL)."""
    from bankcrm_cli.store.engine import resolve_url

    return resolve_url(settings.db)


def named_file(settings: Settings) -> Path | None:
    """The store file the settings name by its path (not a URL), without loading SQLAlchemy
    to read a URL; None for a URL."""
    if "://" in settings.db:
        return None
    from bankcrm_cli.store.lite import sqlite_file

    return sqlite_file(settings.db)


def open_for_reading(settings: Settings) -> LiteStore | None:
    """The store, for a command that only reads, through the standard library's sqlite3
    (store/lite.py) when it is a SQLite file at this crm's schema; else None, and the
    command opens it with `open_store`."""
    from bankcrm_cli.store.lite import open_lite

    return open_lite(settings.db)


def open_store(settings: Settings, *, create: bool = False) -> Engine:
    """An engine on the store the settings name.

    Only a command that writes (`create`) makes a new SQLite file (0600, in folders made 0700);
    any other says there is no store and how to make one (UsageError, exit 2).
    """
    from bankcrm_cli.io.outputs import make_private_folders
    from bankcrm_cli.store.engine import make_engine, resolve_url, sqlite_path

    url = resolve_url(settings.db)
    path = sqlite_path(url)
    if path is not None and not path.is_dir():
        if not create and not path.exists():
            raise UsageError(no_store_message(url))
        if create:
            make_private_folders(path.parent)
    engine = make_engine(url)
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


def require_current_schema(engine: Engine, *, create: bool = False) -> None:
    """Refuse a store whose schema is not this crm's (an older one asks for `crm db upgrade`);
    an empty database gets the schema only from a command that writes (`create`)."""
    from bankcrm_cli.store.migrate import ensure_current

    require_store(engine, create=create)
    ensure_current(engine)


def require_store(engine: Engine, *, create: bool = False) -> None:
    """Refuse to read a database that holds no store yet (nothing in it is created)."""
    from bankcrm_cli.store.migrate import is_blank

    if not create and is_blank(engine):
        raise UsageError(no_store_message(engine.url.render_as_string(hide_password=False)))


def no_store_message(url: str) -> str:
    """There is no store at `url`, and how to make one."""
    path = store_file(url)
    where = (
        t("err.no_store.at", path=path)
        if path is not None
        else t("err.no_store.in", url=shown_url(url))
    )
    return t("err.no_store", where=where)


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


def normalise_stored_rm_codes(engine: Engine) -> tuple[int, int]:
    """Stored RM codes in their one form (`rm001` → RM001), as imports now store them:
    (customers changed, RMs changed). An RM whose normal code another RM already has keeps
    its code. Safe to run again."""
    from bankcrm_cli.domain.rm_codes import normalise_rm_code
    from bankcrm_cli.store.engine import write_transaction
    from bankcrm_cli.store.queries import rm_codes as queries

    customers = rms = 0
    with write_transaction(engine) as conn:
        codes = set(queries.rm_codes(conn))
        for code in sorted(codes):
            normal = normalise_rm_code(code)
            if normal != code and normal not in codes:
                rms += queries.rename_rm(conn, code, normal)
                codes.add(normal)
        for code in queries.customer_rm_codes(conn):
            normal = normalise_rm_code(code)
            if normal != code and normal:
                customers += queries.rename_customers_rm_code(conn, code, normal)
    return customers, rms
