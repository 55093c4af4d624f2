"""Test stores on PostgreSQL: one fresh schema per test in the database CRM_TEST_DATABASE_URL names.

A schema costs milliseconds to create and drop; a database costs a checkpoint. The schema of
the current head is made once per session by the store's own migrations (in a scratch schema);
the statements they ran are recorded and replayed into each test's schema. A store's URL
carries its schema as the connection's search_path, so `crm --db URL` sees only that store.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

ENV = "CRM_TEST_DATABASE_URL"
EXAMPLE_URL = "postgresql+psycopg://USER@/crm_test?host=/var/run/postgresql"
HOW_TO_RUN = (
    f"PostgreSQL tests need a server: set {ENV}={EXAMPLE_URL} (a database USER owns) "
    "to run them, and the whole suite, against PostgreSQL"
)
# Statements a migration runs only to look (catalog queries, advisory locks): not replayed.
_LOOKS = ("SELECT", "SHOW", "WITH")


def configured_url() -> str | None:
    """The server and database of the PostgreSQL pass, or None for the SQLite pass."""
    return os.environ.get(ENV) or None


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def with_schema(url: str, schema: str | None) -> str:
    """`url` whose connections use `schema` (and only it) for unqualified names."""
    from sqlalchemy.engine import make_url

    from bankcrm_cli.store.engine import resolve_url

    parsed = make_url(resolve_url(url))
    query = dict(parsed.query)
    if schema is None:
        query.pop("options", None)
    else:
        query["options"] = f"-csearch_path={schema}"
    return parsed.set(query=query).render_as_string(hide_password=False)


def drop_roles(conn: Any, pattern: str) -> None:
    """Drop the roles (cluster-wide) whose names match a LIKE pattern: a test store's group
    roles and the logins its tests made."""
    names = conn.exec_driver_sql(
        "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (pattern,)
    ).scalars()
    for name in list(names):
        conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}"')


class PgStores:
    """Creates and drops test schemas in one database; built once per test session."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine

        self.url = url
        self.admin = create_engine(with_schema(url, None), isolation_level="AUTOCOMMIT")
        self.prefix = f"crm_t{os.getpid()}_"
        self.counter = itertools.count(1)
        self.head: list[tuple[str, Any]] | None = None

    def check(self) -> None:
        """Raise the driver's error if the server cannot be reached or used."""
        from sqlalchemy import text

        with self.admin.connect() as conn:
            conn.execute(text("SELECT 1"))

    def _head_statements(self) -> list[tuple[str, Any]]:
        """What creating a store at the current head runs, recorded in a scratch schema."""
        from sqlalchemy import event

        from bankcrm_cli.store import migrate
        from bankcrm_cli.store.engine import make_engine

        schema = self._new_schema()
        engine = make_engine(with_schema(self.url, schema))
        recorded: list[tuple[str, Any]] = []

        def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
            recorded.append((statement, parameters))

        event.listen(engine, "before_cursor_execute", record)
        try:
            migrate.ensure_current(engine)
        finally:
            engine.dispose()
            self.drop(schema)
        return [
            (statement, parameters)
            for statement, parameters in recorded
            if not statement.lstrip().upper().startswith(_LOOKS)
        ]

    def _new_schema(self) -> str:
        schema = f"{self.prefix}{next(self.counter)}"
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        return schema

    def new_store(self, *, empty: bool = False) -> tuple[str, str]:
        """A fresh schema, at the current head unless `empty`; returns (schema, url)."""
        if empty:
            schema = self._new_schema()
            return schema, with_schema(self.url, schema)
        if self.head is None:
            self.head = self._head_statements()
        schema = f"{self.prefix}{next(self.counter)}"
        raw = self.admin.raw_connection()
        try:
            with raw.driver_connection.transaction(), raw.driver_connection.cursor() as cursor:
                cursor.execute(f'CREATE SCHEMA "{schema}"')
                cursor.execute(f'SET LOCAL search_path TO "{schema}"')
                for statement, parameters in self.head:
                    # As recorded: with parameters (even none) the driver reads %% as %.
                    cursor.execute(statement, parameters)
        finally:
            raw.close()
        return schema, with_schema(self.url, schema)

    def drop(self, schema: str) -> None:
        """Drop a test's schema; a connection the test left open does not hang the session."""
        from sqlalchemy.exc import OperationalError

        with self.admin.connect() as conn:
            conn.exec_driver_sql("SET lock_timeout = '20s'")
            try:
                conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
                # A store's masked view and its group roles live outside its schema (0006).
                conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}_masked" CASCADE')
                drop_roles(conn, schema.replace("_", r"\_") + r"\_crm\_%")
            except OperationalError as exc:
                import warnings

                warnings.warn(f"test schema {schema} left behind: {exc.orig}", stacklevel=1)

    def close(self) -> None:
        """Drop whatever this session left (a test interrupted before its teardown)."""
        with self.admin.connect() as conn:
            left = conn.exec_driver_sql(
                "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s",
                (self.prefix.replace("_", r"\_") + "%",),
            ).scalars()
            for schema in list(left):
                conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            drop_roles(conn, self.prefix.replace("_", r"\_") + "%")
        self.admin.dispose()

    @contextmanager
    def store(self, *, empty: bool = False) -> Iterator[str]:
        schema, url = self.new_store(empty=empty)
        try:
            yield url
        finally:
            self.drop(schema)
