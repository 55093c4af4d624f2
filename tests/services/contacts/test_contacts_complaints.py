"""The contact log and complaints on real SQLite stores, with their audit trail."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bankcrm_cli.domain.errors import NotFound, Refused, UsageError
from bankcrm_cli.services import contacts
from bankcrm_cli.services.contacts import complaints
from bankcrm_cli.services.customers.history import history_of, history_of_customer
from bankcrm_cli.services.followups import FollowupRules, followups_on, record_action
from bankcrm_cli.services.importing import ImportRequest, run_import
from bankcrm_cli.store import migrate
from bankcrm_cli.store.engine import make_engine, resolve_url

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path, store_url: str):
    engine = make_engine(resolve_url(store_url))
    migrate.ensure_current(engine)
    path = tmp_path / "c.csv"
    path.write_text("customer_id,name,rm_code\nC1,张伟,RM001\nC2,李娜,RM002\n", encoding="utf-8")
    run_import(
        engine, ImportRequest(kind="customers", path=path, today=date(2026, 11, 29), actor="t")
    )
    yield engine
    engine.dispose()


def open_one(engine, policy="cn-nfra", received_on=date(2026, 11, 20), **kwargs) -> int:
    complaint_id, _ = complaints.open_complaint(
        engine,
        "C1",
        category="收费",
        summary="年费未提前告知",
        actor="RM001",
        received_at=T0,
        received_on=received_on,
        policy=policy,
        **kwargs,
    )
    return complaint_id


def callbacks(engine, day: date) -> set[str]:
    items = followups_on(engine, day, FollowupRules(), kinds=["callback"]).items
    return {item.id for item in items}


def test_next_date_creates_a_callback_that_shows_from_that_date(engine):
    contact_id = contacts.log_call(
        engine, "C1", outcome="no-answer", actor="RM001", at=T0, next_date=date(2026, 12, 2)
    )
    assert f"callback:{contact_id}" not in callbacks(engine, date(2026, 12, 1))
    assert f"callback:{contact_id}" in callbacks(engine, date(2026, 12, 2))
    later = followups_on(engine, date(2026, 12, 8), FollowupRules(), kinds=["callback"]).items
    assert later[0].overdue


def test_reached_contact_closes_open_callbacks_but_not_its_own(engine):
    first = contacts.log_call(
        engine, "C1", outcome="busy", actor="RM001", at=T0, next_date=date(2026, 12, 2)
    )
    second = contacts.log_call(
        engine, "C1", outcome="reached", actor="RM001", at=T0, next_date=date(2026, 12, 9)
    )
    shown = callbacks(engine, date(2026, 12, 9))
    assert f"callback:{first}" not in shown
    assert f"callback:{second}" in shown


def test_done_callback_is_closed_in_the_contact_log(engine):
    contact_id = contacts.log_call(
        engine, "C1", outcome="busy", actor="RM001", at=T0, next_date=date(2026, 12, 2)
    )
    record_action(engine, f"callback:{contact_id}", "done", "RM001")
    assert callbacks(engine, date(2026, 12, 2)) == set()
    assert not contacts.list_calls(engine, customer_id="C1")[0].callback_open


def test_contact_for_unknown_customer_is_not_found(engine):
    with pytest.raises(NotFound):
        contacts.log_call(engine, "NOPE", outcome="reached", actor="RM001")
    with pytest.raises(UsageError):
        contacts.log_call(engine, "C1", outcome="maybe", actor="RM001")


def test_list_calls_filters_by_the_customers_rm_and_by_who_logged_them(engine):
    contacts.log_call(engine, "C1", outcome="reached", actor="RM002", at=T0)
    contacts.log_call(engine, "C2", outcome="busy", actor="RM002", at=T0)
    # C1's RM is RM001, whoever logged the call; RM002 logged both.
    assert [c.customer_id for c in contacts.list_calls(engine, rm_code="RM001")] == ["C1"]
    assert {c.customer_id for c in contacts.list_calls(engine, logged_by="RM002")} == {"C1", "C2"}
    assert contacts.list_calls(engine, rm_code="RM001", logged_by="RM001") == []


@pytest.mark.parametrize(
    ("policy", "payment", "due"),
    [
        ("cn-nfra", False, date(2026, 12, 5)),
        ("us-cfpb", False, date(2026, 12, 5)),
        ("uk-fca", False, date(2027, 1, 15)),
    ],
)
def test_deadline_follows_the_policy(engine, policy, payment, due):
    complaint_id = open_one(engine, policy=policy, payment_services=payment)
    assert complaints.get_complaint(engine, complaint_id, date(2026, 11, 29)).due_date == due


def test_uk_payment_services_deadline_skips_a_bank_holiday(engine):
    complaint_id = open_one(
        engine, policy="uk-fca", received_on=date(2026, 12, 18), payment_services=True
    )
    assert complaints.get_complaint(engine, complaint_id, date(2026, 12, 18)).due_date == date(
        2027, 1, 13
    )


def test_legal_lifecycle_and_its_trail(engine):
    cid = open_one(engine)
    today = date(2026, 11, 25)
    complaints.act(engine, cid, "ack", actor="RM001", today=today)
    complaints.act(engine, cid, "progress", actor="RM001", today=today, note="已调取录音")
    complaints.act(
        engine, cid, "extend", actor="RM001", today=today, level="complex", note="需核实"
    )
    view = complaints.act(
        engine,
        cid,
        "resolve",
        actor="RM001",
        today=today,
        resolution="退还年费",
        root_cause="告知不足",
        on=today,
    )
    assert view.status == "resolved" and view.due_date == date(2026, 12, 20) and not view.breached
    complaints.act(engine, cid, "close", actor="RM001", today=today)
    view = complaints.act(engine, cid, "reopen", actor="RM002", today=today, note="客户不认可")
    assert view.status == "in_progress"
    actions = [h.action for h in history_of(engine, "complaint", cid)]
    assert actions == ["open", "ack", "progress", "extend", "resolve", "close", "reopen"]
    reopen = history_of(engine, "complaint", cid)[-1]
    assert reopen.actor == "RM002" and reopen.reason == "客户不认可"
    assert reopen.changes["status"] == ["closed", "in_progress"]


@pytest.mark.parametrize(
    ("moves", "refused"),
    [
        ([], "close"),
        (["ack"], "ack"),
        ([], "reopen"),
    ],
)
def test_illegal_moves_are_refused(engine, moves, refused):
    cid = open_one(engine)
    today = date(2026, 11, 25)
    for move in moves:
        complaints.act(engine, cid, move, actor="RM001", today=today)
    with pytest.raises(Refused):
        complaints.act(engine, cid, refused, actor="RM001", today=today, note="x")


def test_extending_past_the_policy_limit_is_refused(engine):
    cid = open_one(engine, policy="us-cfpb")
    today = date(2026, 11, 25)
    complaints.act(engine, cid, "extend", actor="RM001", today=today, level="complex")
    with pytest.raises(Refused):
        complaints.act(engine, cid, "extend", actor="RM001", today=today, level="complex")


def test_especially_complex_needs_an_approver(engine):
    cid = open_one(engine)
    today = date(2026, 11, 25)
    with pytest.raises(Refused, match="approved-by"):
        complaints.act(
            engine, cid, "extend", actor="RM001", today=today, level="especially-complex"
        )
    view = complaints.act(
        engine,
        cid,
        "extend",
        actor="RM001",
        today=today,
        level="especially-complex",
        approved_by="张行长",
    )
    assert view.due_date == date(2027, 1, 19)


def test_resolution_after_the_deadline_is_breached_for_good(engine):
    cid = open_one(engine)
    late = date(2026, 12, 6)
    view = complaints.act(
        engine, cid, "resolve", actor="RM001", today=late, resolution="x", on=late
    )
    assert view.breached
    complaints.act(engine, cid, "reopen", actor="RM001", today=late, note="again")
    view = complaints.act(
        engine, cid, "resolve", actor="RM001", today=late, resolution="y", on=late
    )
    assert view.breached


def test_resolution_on_the_deadline_day_is_in_time(engine):
    cid = open_one(engine)
    due = date(2026, 12, 5)
    view = complaints.act(engine, cid, "resolve", actor="RM001", today=due, resolution="x", on=due)
    assert not view.breached


def test_complaint_deadline_appears_in_followups_two_days_ahead(engine):
    cid = open_one(engine)  # due 2026-12-05 (Saturday)
    items = {i.id: i for i in followups_on(engine, date(2026, 12, 2), FollowupRules()).items}
    assert f"complaint:{cid}" not in items
    items = {i.id: i for i in followups_on(engine, date(2026, 12, 3), FollowupRules()).items}
    assert f"complaint:{cid}" in items
    later = {i.id: i for i in followups_on(engine, date(2026, 12, 7), FollowupRules()).items}
    assert later[f"complaint:{cid}"].overdue


def test_list_overdue_and_due_within(engine):
    cid = open_one(engine)
    assert [
        c.id for c in complaints.list_complaints(engine, today=date(2026, 12, 6), overdue=True)
    ] == [cid]
    assert complaints.list_complaints(engine, today=date(2026, 12, 1), due_within=2) == []
    assert len(complaints.list_complaints(engine, today=date(2026, 12, 3), due_within=2)) == 1


def test_stats_count_categories_breaches_and_handling_days(engine):
    a = open_one(engine)
    open_one(engine)
    complaints.act(
        engine,
        a,
        "resolve",
        actor="RM001",
        today=date(2026, 12, 6),
        resolution="x",
        root_cause="告知不足",
        on=date(2026, 12, 6),
    )
    stats = complaints.complaint_stats(engine)
    assert stats.received == 2 and stats.resolved == 1 and stats.breached == 1
    assert stats.breach_rate == 1.0
    assert stats.median_handling_days == 16
    assert stats.by_category == {"收费": 2}


def test_stats_list_equal_counts_in_the_order_they_first_came_in(engine):
    # Resolving the first complaint rewrites its row: PostgreSQL then returns it after the
    # other, and the order of equal counts must not follow that.
    first = None
    for category in ("服务态度", "收费"):
        number, _ = complaints.open_complaint(
            engine,
            "C1",
            category=category,
            summary="s",
            actor="RM001",
            received_at=T0,
            received_on=date(2026, 11, 20),
        )
        first = first or number
    complaints.act(
        engine, first, "resolve", actor="RM001", today=date(2026, 11, 25), resolution="x"
    )
    stats = complaints.complaint_stats(engine)
    assert list(stats.by_category.items()) == [("服务态度", 1), ("收费", 1)]


def test_customer_timeline_lists_contacts_and_complaints_newest_first(engine):
    contacts.log_call(engine, "C1", outcome="reached", actor="RM001", at=T0, note="问候")
    open_one(engine)
    timeline = history_of_customer(engine, "C1")
    assert {entry.entity for entry in timeline} == {"contact", "complaint"}
    assert timeline == sorted(timeline, key=lambda e: e.at, reverse=True)
