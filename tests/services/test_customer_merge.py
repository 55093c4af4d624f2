"""Merging two records of one customer, and undoing it, on real SQLite stores."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bankcrm_cli.domain.errors import NotFound, Refused
from bankcrm_cli.services import contacts
from bankcrm_cli.services.contacts import complaints
from bankcrm_cli.services.customers.aliases import resolve_customer_id
from bankcrm_cli.services.customers.customer_merge import merge_customers
from bankcrm_cli.services.customers.customer_unmerge import unmerge_customer
from bankcrm_cli.services.customers.history import history_of_customer
from bankcrm_cli.services.customers.profile import get_customer
from bankcrm_cli.services.followups import FollowupRules, followups_on, record_action
from bankcrm_cli.services.importing import ImportRequest, run_import
from bankcrm_cli.store import migrate
from bankcrm_cli.store.engine import make_engine, resolve_url, write_transaction
from bankcrm_cli.store.tables import (
    customer_aliases_table,
    deliveries_table,
    followup_actions_table,
    merges_table,
)
from tests.factories import make_id, make_id15

# These tests read the words of messages: in English.
pytestmark = pytest.mark.usefixtures("english")

TODAY = date(2026, 11, 29)
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
ID18 = make_id("19850307", 123)
ID15 = make_id15("850307", 123)  # the same person's old number
BOOKKEEPING = {"history", "merges", "customer_aliases"}
CUSTOMERS = (
    "customer_id,name,id_number,phone,email,address,rm_code,aum,"
    "consent_email,consent_sms,consent_phone\n"
    f"C1,张伟,{ID18},,zw@example.com,,RM001,100000,是,,是\n"
    f"C2,张玮,{ID15},13800138000,other@example.com,北京市朝阳区,RM002,,否,是,\n"
    "C3,李娜,,13900139000,,,RM001,,,,\n"
)
HOLDINGS = (
    "account_id,customer_id,product_type,amount,open_date,maturity_date\n"
    "A1,C1,定期存款,1000,2025-12-01,2026-12-01\n"
    "A2,C2,定期存款,2000,2025-12-03,2026-12-03\n"
    "A3,C2,活期,300,2020-01-01,\n"
)


def load(engine, kind: str, path: Path, text: str):
    path.write_text(text, encoding="utf-8")
    return run_import(engine, ImportRequest(kind=kind, path=path, today=TODAY, actor="t"))


@pytest.fixture
def engine(tmp_path: Path, store_url: str):
    engine = make_engine(resolve_url(store_url))
    migrate.ensure_current(engine)
    load(engine, "customers", tmp_path / "c.csv", CUSTOMERS)
    load(engine, "holdings", tmp_path / "h.csv", HOLDINGS)
    yield engine
    engine.dispose()


def dump(engine, skip: set[str] = BOOKKEEPING) -> dict[str, list[tuple]]:
    """Every table's rows as stored, in a stable order; with `skip`, the append-only trails
    (history, *_history, merges and aliases) are left out: a merge adds to them for good."""
    with engine.connect() as conn:
        from sqlalchemy import inspect

        names = sorted(inspect(conn).get_table_names())
        return {
            name: sorted(
                (tuple(row) for row in conn.exec_driver_sql(f'SELECT * FROM "{name}"')), key=repr
            )
            for name in list(names)
            if name not in skip and not (skip and name.endswith("_history"))
        }


def add_delivery(engine, customer_id: str, campaign: str, channel: str = "email") -> int:
    with write_transaction(engine) as conn:
        return conn.execute(
            deliveries_table.insert(),
            {
                "campaign": campaign,
                "customer_id": customer_id,
                "channel": channel,
                "template": "birthday",
                "purpose": "marketing",
                "status": "sent",
                "address": "x@example.com",
                "actor": "t",
                "created_at": T0,
                "sent_at": T0,
            },
        ).inserted_primary_key[0]


def customer_row(engine, customer_id: str):
    from bankcrm_cli.store.tables import customers_table

    with engine.connect() as conn:
        return conn.execute(
            select(customers_table).where(customers_table.c.customer_id == customer_id)
        ).first()


def merge(engine, keep="C1", other="C2", **kwargs):
    return merge_customers(engine, keep, other, actor="RM001", **kwargs)


def test_merge_then_unmerge_leaves_the_store_exactly_as_it_was(engine, tmp_path: Path):
    # C4 was merged into C2 earlier: its alias must follow C2 to C1, and come back.
    load(engine, "customers", tmp_path / "c4.csv", "customer_id,name\nC4,张玮\n")
    merge(engine, "C2", "C4")
    contact = contacts.log_call(
        engine, "C2", outcome="busy", actor="RM002", at=T0, next_date=date(2026, 12, 2)
    )
    complaint, _ = complaints.open_complaint(
        engine, "C2", category="收费", summary="年费", actor="RM002", received_at=T0, received_on=T0
    )
    add_delivery(engine, "C1", "spring")
    add_delivery(engine, "C2", "spring")  # the same campaign and channel: set aside
    add_delivery(engine, "C2", "autumn")
    record_action(engine, "birthday:C2:2027-03-07", "done", "RM002")
    before = dump(engine)

    plan = merge(engine, reason="same ID number")
    assert plan.moved["contacts"] == [contact] and plan.moved["complaints"] == [complaint]
    assert plan.set_aside and plan.new_aliases == ["C2", "C4"]
    assert dump(engine) != before
    with engine.connect() as conn:
        assert resolve_customer_id(conn, "C4") == "C1"
    undone = unmerge_customer(engine, "C2", actor="RM001", reason="checked: two people")

    assert undone.aliases_back == ["C4"]
    assert dump(engine) == before
    with engine.connect() as conn:
        assert resolve_customer_id(conn, "C4") == "C2"
        assert resolve_customer_id(conn, "C2") == "C2"
        done = conn.execute(select(merges_table).where(merges_table.c.id == plan.merge_id)).one()
    assert done.undone_by == "RM001" and done.undone_at is not None
    actions = [(e.customer_id, e.action) for e in history_of_customer(engine, "C1")]
    assert ("C1", "merge") in actions and ("C1", "unmerge") in actions
    other = [e for e in history_of_customer(engine, "C2") if e.action == "merged into"]
    assert "same ID number" in other[0].reason and other[0].actor == "RM001"


def test_merge_moves_everything_to_keep_and_makes_other_an_alias(engine):
    contact = contacts.log_call(engine, "C2", outcome="reached", actor="RM002", at=T0)
    plan = merge(engine)
    assert plan.moved["holdings"] == ["A2", "A3"]
    assert customer_row(engine, "C2") is None
    detail = get_customer(engine, "C2")
    assert detail.customer.customer_id == "C1" and detail.reached_through == "C2"
    assert {h.account_id for h in detail.holdings} == {"A1", "A2", "A3"}
    assert get_customer(engine, "C1").aliases == ["C2"]
    assert [c.id for c in contacts.list_calls(engine, customer_id="C2")] == [contact]
    assert contacts.list_calls(engine, customer_id="C1")[0].customer_id == "C1"


def test_merge_fills_only_blank_fields_of_keep(engine):
    plan = merge(engine)
    row = customer_row(engine, "C1")
    assert row.phone == "13800138000"  # blank in C1: filled
    assert row.address == "北京市朝阳区"
    assert row.email == "zw@example.com"  # C1 had one: kept
    assert row.rm_code == "RM001" and row.name == "张伟" and row.aum_cents == 10_000_000
    assert row.id_number_raw is None  # C1's ID was given as 18 digits: not C2's old form
    assert plan.kept["email"] == ("zw@example.com", "other@example.com")
    assert plan.kept["name"] == ("张伟", "张玮")


def test_consent_takes_the_most_restrictive_answer_per_channel(engine):
    # C1: email yes, sms unknown, phone yes; C2: email NO, sms yes, phone unknown.
    merge(engine)
    row = customer_row(engine, "C1")
    assert row.consent_email is False  # a refusal beats a yes
    assert row.consent_sms is True  # a yes beats unknown
    assert row.consent_phone is True  # unknown never overrides
    assert row.consent_mail is None
    assert row.consent_source.startswith("merged from C2")


def test_dry_run_shows_the_plan_and_changes_nothing(engine):
    before = dump(engine, skip=set())
    plan = merge(engine, dry_run=True)
    assert plan.dry_run and plan.merge_id is None
    assert plan.changes["phone"] == (None, "13800138000")
    assert plan.moved["holdings"] == ["A2", "A3"]
    assert dump(engine, skip=set()) == before


@pytest.mark.parametrize(
    ("keep", "other", "error", "words"),
    [
        ("C1", "C1", Refused, "name two different customers"),
        ("C9", "C2", NotFound, "no customer 'C9'"),
        ("C1", "C9", NotFound, "no customer 'C9'"),
    ],
)
def test_merge_is_refused_with_a_reason(engine, keep, other, error, words):
    before = dump(engine, skip=set())
    with pytest.raises(error, match=words):
        merge(engine, keep, other)
    assert dump(engine, skip=set()) == before


def test_a_merged_away_number_cannot_be_merged_again(engine):
    merge(engine)
    with pytest.raises(Refused, match="already merged into C1"):
        merge(engine, "C3", "C2")


def test_force_merges_records_with_different_id_numbers(engine, tmp_path: Path):
    other_id = make_id("19900101", 122)
    load(
        engine,
        "customers",
        tmp_path / "c5.csv",
        f"customer_id,name,id_number\nC5,张伟,{other_id}\n",
    )
    with pytest.raises(Refused, match="look like different people .their ID numbers differ"):
        merge(engine, "C1", "C5")
    plan = merge(engine, "C1", "C5", force=True)
    assert plan.forced == ["their ID numbers differ"]
    assert customer_row(engine, "C1").id_number == ID18


def test_keep_named_by_its_alias_merges_into_the_survivor(engine):
    merge(engine)
    plan = merge(engine, "C2", "C3", force=True)
    assert plan.keep_id == "C1" and plan.keep_named_as == "C2"
    with pytest.raises(Refused, match="one customer already"):
        merge(engine, "C2", "C1")


def test_birthday_done_for_other_stays_done_under_keep(engine):
    rules = FollowupRules(pull_forward=False)
    day = date(2027, 3, 5)  # a Friday; the birthday is on 03-07 (Sunday)
    record_action(engine, "birthday:C2:2027-03-07", "done", "RM002")
    shown = {i.id for i in followups_on(engine, date(2027, 3, 7), rules).items}
    assert "birthday:C1:2027-03-07" in shown  # C1's own, not yet done
    merge(engine)
    for when in (day, date(2027, 3, 7)):
        ids = {i.id for i in followups_on(engine, when, FollowupRules()).items}
        assert not any(i.startswith("birthday:") for i in ids)
    unmerge_customer(engine, "C2", actor="RM001")
    with engine.connect() as conn:
        items = conn.execute(select(followup_actions_table.c.item_id)).scalars().all()
    assert items == ["birthday:C2:2027-03-07"]


def test_followup_done_naming_other_after_the_merge_lands_on_keep(engine):
    merge(engine)
    record_action(engine, "birthday:C2:2027-03-07", "done", "RM001")
    with engine.connect() as conn:
        items = conn.execute(select(followup_actions_table.c.item_id)).scalars().all()
    assert items == ["birthday:C1:2027-03-07"]


def test_imports_naming_other_after_the_merge_land_on_keep(engine, tmp_path: Path):
    merge(engine)
    result = load(
        engine,
        "customers",
        tmp_path / "later.csv",
        "customer_id,name,fax,postal_code\nC2,张伟,010-12345678,100020\n",
    )
    assert result.merged_numbers == 1 and result.inserted == 0 and result.updated == 1
    assert customer_row(engine, "C2") is None
    row = customer_row(engine, "C1")
    assert (row.fax, row.postal_code) == ("010-12345678", "100020")
    held = load(
        engine,
        "holdings",
        tmp_path / "later-h.csv",
        "account_id,customer_id,product_type,amount\nA9,C2,理财,5000\nA3,C2,活期,400\n",
    )
    assert held.merged_numbers == 2 and held.rejected == 0
    holdings = {h.account_id: h for h in get_customer(engine, "C1").holdings}
    assert {"A9", "A3"} <= set(holdings) and holdings["A3"].amount == 400


def test_a_file_naming_both_numbers_keeps_the_survivors_own_row(engine, tmp_path: Path):
    merge(engine)
    # The bank's export still lists both numbers, the merged-away one first.
    result = load(
        engine,
        "customers",
        tmp_path / "both.csv",
        "customer_id,name,email,fax,consent_phone\n"
        "C2,张玮,old@example.com,010-1111,否\n"
        "C1,张伟,new@example.com,,\n",
    )
    assert result.rejected == 0 and result.merged_numbers == 1
    row = customer_row(engine, "C1")
    assert row.name == "张伟" and row.email == "new@example.com"  # its own row wins
    assert row.fax == "010-1111"  # blank in C1: filled from the other row
    assert row.consent_phone is False  # a refusal in either row holds


def test_unmerge_is_refused_when_a_filled_field_changed_since(engine, tmp_path: Path):
    merge(engine)
    load(engine, "customers", tmp_path / "p.csv", "customer_id,name,phone\nC1,张伟,13700137000\n")
    before = dump(engine, skip=set())
    with pytest.raises(Refused, match="C1's mobile has changed since the merge"):
        unmerge_customer(engine, "C2", actor="RM001")
    assert dump(engine, skip=set()) == before


def test_unmerge_is_refused_when_a_moved_row_moved_on(engine, tmp_path: Path):
    merge(engine)
    load(engine, "holdings", tmp_path / "m.csv", "account_id,customer_id\nA2,C3\n")
    with pytest.raises(Refused, match="holding A2 has moved to C3"):
        unmerge_customer(engine, "C2", actor="RM001")


def test_unmerge_is_refused_while_a_later_merge_depends_on_it(engine):
    merge(engine, "C1", "C2")
    merge(engine, "C3", "C1", force=True)
    with pytest.raises(Refused, match="C1 was itself merged into C3 since; unmerge C1 first"):
        unmerge_customer(engine, "C2", actor="RM001")
    unmerge_customer(engine, "C1", actor="RM001")
    unmerge_customer(engine, "C2", actor="RM001")
    assert customer_row(engine, "C2") is not None


def test_rows_added_after_the_merge_stay_with_keep_and_are_listed(engine):
    merge(engine)
    contact = contacts.log_call(engine, "C2", outcome="reached", actor="RM001")
    plan = unmerge_customer(engine, "C2", actor="RM001", dry_run=True)
    assert plan.stayed == {"contacts": [contact]}
    unmerge_customer(engine, "C2", actor="RM001")
    assert [c.customer_id for c in contacts.list_calls(engine, customer_id="C1")] == ["C1"]
    assert contacts.list_calls(engine, customer_id="C2") == []


def test_unmerge_of_a_number_that_was_never_merged_is_refused(engine):
    with pytest.raises(Refused, match="a customer of its own"):
        unmerge_customer(engine, "C1", actor="RM001")
    with pytest.raises(NotFound, match="not a merged customer number"):
        unmerge_customer(engine, "C9", actor="RM001")


def test_unmerged_number_is_no_alias_any_more(engine):
    merge(engine)
    unmerge_customer(engine, "C2", actor="RM001")
    with engine.connect() as conn:
        assert conn.execute(select(customer_aliases_table)).all() == []
    assert get_customer(engine, "C2").reached_through is None
