"""Schema versions: the store is upgraded by Alembic and checked cheaply before each use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import SchemaOutOfDate
from bankcrm_cli.store.revisions import SCHEMA_HEAD, SCHEMA_REVISIONS

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    @property
    def pending(self) -> list[str]:
        if self.current not in SCHEMA_REVISIONS:
            return list(SCHEMA_REVISIONS)
        return list(SCHEMA_REVISIONS[SCHEMA_REVISIONS.index(self.current) + 1 :])


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def schema_status(engine: Engine) -> SchemaStatus:
    return SchemaStatus(current=current_revision(engine), head=SCHEMA_HEAD)


def _alembic_config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> SchemaStatus:
    """Bring the store's schema up to `revision`, in one transaction where the database allows."""
    from alembic import command

    from bankcrm_cli.store.engine import write_transaction

    # Under the writer lock: two commands opening a new store at once migrate it once.
    with write_transaction(engine) as conn:
        command.upgrade(_alembic_config(conn), revision)
    return schema_status(engine)


def is_blank(engine: Engine) -> bool:
    """Whether the database holds nothing yet: no schema version and no table at all."""
    with engine.connect() as conn:
        return not inspect(conn).get_table_names()


def ensure_current(engine: Engine) -> None:
    """Create a new store's schema; refuse to use one that is older or newer than this program."""
    current = current_revision(engine)
    if current == SCHEMA_HEAD:
        return
    if current is None:
        with engine.connect() as conn:
            tables = inspect(conn).get_table_names()
        if not tables:
            upgrade(engine)
            return
        raise SchemaOutOfDate(t("err.schema_none"))
    if current in SCHEMA_REVISIONS:
        raise SchemaOutOfDate(t("err.schema_old", current=current, head=SCHEMA_HEAD))
    raise SchemaOutOfDate(t("err.schema_newer", current=current, head=SCHEMA_HEAD))
