"""The campaigns schema (migration 0007): a store at 0006 asks for `crm db upgrade`, then has it."""

from __future__ import annotations

import pytest
from conftest import store_engine
from sqlalchemy import inspect

from bankcrm_cli.domain.errors import SchemaOutOfDate
from bankcrm_cli.store import migrate


@pytest.mark.empty_store
def test_a_store_before_campaigns_asks_for_db_upgrade_then_has_the_tables(crm):
    engine = store_engine(crm)
    migrate.upgrade(engine, "0006")
    with pytest.raises(SchemaOutOfDate, match="crm db upgrade"):
        migrate.ensure_current(engine)
    refused = crm("campaigns", "list")
    assert refused.exit_code == 1
    assert "crm db upgrade" in refused.stderr
    assert crm("db", "upgrade").exit_code == 0
    tables = set(inspect(engine).get_table_names())
    assert {"campaigns", "campaign_members", "campaign_member_events"} <= tables
    engine.dispose()
