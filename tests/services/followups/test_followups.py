"""Follow-ups on real SQLite stores: what shows on a day, and done/snoozed items."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bankcrm_cli.domain.errors import NotFound, UsageError
from bankcrm_cli.services.followups import FollowupRules, followups_on, record_action, upcoming
from bankcrm_cli.services.importing import ImportRequest, run_import
from bankcrm_cli.store import migrate
from bankcrm_cli.store.engine import make_engine, resolve_url

RULES = FollowupRules()
CUSTOMERS = (
    "customer_id,name,birth_date,lunar_birthday,rm_code,aum,consent_sms\n"
    "C1,张伟,1985-12-05,否,RM001,600000,否\n"  # Saturday 2026-12-05
    "C2,李娜,1992-02-29,否,RM002,100,\n"  # 29 February
    "C3,王芳,1970-01-02,否,RM001,100,\n"  # year wrap
    "C4,赵敏,1960-06-01,否,RM001,,\n"
    "C5,孙丽,1955-03-10,是,RM002,,\n"  # lunar
)
HOLDINGS = (
    "account_id,customer_id,product_type,amount,currency,open_date,maturity_date,auto_rollover\n"
    "A1,C4,大额存单,500000,CNY,2023-12-11,2026-12-11,否\n"
    "A2,C4,定期存款,1000,CNY,2025-12-04,2026-12-04,是\n"
    "A3,C4,理财,1000,USD,2025-06-01,2026-12-30,否\n"
)


@pytest.fixture
def engine(tmp_path: Path, store_url: str):
    engine = loaded(make_engine(resolve_url(store_url)), tmp_path)
    yield engine
    engine.dispose()


def loaded(engine, folder: Path):
    """The engine's store made current and loaded with CUSTOMERS and HOLDINGS."""
    migrate.ensure_current(engine)
    for kind, text in (("customers", CUSTOMERS), ("holdings", HOLDINGS)):
        path = folder / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        run_import(engine, ImportRequest(kind=kind, path=path, today=date(2026, 11, 29), actor="t"))
    return engine


def ids(day: date, engine, **kwargs) -> set[str]:
    return {item.id for item in followups_on(engine, day, RULES, **kwargs).items}


def test_friday_covers_the_weekend_birthday(engine):
    # Fri 2026-12-04 covers Sat 12-05 and Sun 12-06.
    assert "birthday:C1:2026-12-05" in ids(date(2026, 12, 4), engine)
    assert "birthday:C1:2026-12-05" not in ids(date(2026, 12, 3), engine)


def test_maturity_shows_from_lead_days_before_through_the_maturity_date(engine):
    assert "maturity:A1:2026-12-11" not in ids(date(2026, 12, 3), engine)
    assert "maturity:A1:2026-12-11" in ids(date(2026, 12, 4), engine)
    assert "maturity:A1:2026-12-11" in ids(date(2026, 12, 11), engine)
    assert "maturity:A1:2026-12-11" not in ids(date(2026, 12, 14), engine)


def test_per_product_lead_days(engine):
    rules = FollowupRules(product_leads={"large_cd": 14})
    items = followups_on(engine, date(2026, 11, 27), rules).items
    assert "maturity:A1:2026-12-11" in {i.id for i in items}


def test_feb29_birthday_shows_on_feb28_in_a_common_year(engine):
    assert "birthday:C2:2027-02-28" in ids(date(2027, 2, 26), engine)  # Fri covers Sat 28th


def test_year_wrap_birthday_on_jan_2(engine):
    # Thu 2026-12-31 covers the New Year holiday, 2027-01-01..03.
    assert "birthday:C3:2027-01-02" in ids(date(2026, 12, 31), engine)


def test_lunar_birthday_shows_on_the_lunar_anniversary(engine):
    from bankcrm_cli.domain.birthdays import lunar_birthday

    due = lunar_birthday(date(1955, 3, 10), 2027)
    found = upcoming(engine, due, 1, FollowupRules(pull_forward=False))
    assert f"birthday:C5:{due.isoformat()}" in {i.id for i in found.get(due, [])}


def test_items_carry_what_the_rm_needs(engine):
    items = {i.id: i for i in followups_on(engine, date(2026, 12, 4), RULES).items}
    birthday = items["birthday:C1:2026-12-05"]
    assert birthday.tier == "白金"
    assert birthday.refused_channels == ("sms",)
    maturity = items["maturity:A1:2026-12-11"]
    assert maturity.account_id == "A1"
    assert "大额存单" in maturity.detail and "¥500,000.00" in maturity.detail
    assert "自动转存：否" in maturity.detail


def test_refused_channels_are_every_no_in_channel_order_and_only_no(tmp_path: Path, store_url):
    # A yes and an unknown are not refusals; each no is, listed in the order of the channels.
    engine = make_engine(resolve_url(store_url))
    migrate.ensure_current(engine)
    files = {
        "customers": (
            "customer_id,name,birth_date,consent_email,consent_sms,consent_phone,consent_mail,"
            "consent_fax\n"
            "R1,钱多,1980-12-04,否,是,,否,否\n"
            "R2,周全,1981-12-04,否,否,否,否,否\n"
            "R3,吴用,1982-12-04,是,是,是,是,是\n"
            "R4,郑重,1983-12-04,,,,,\n"
            "R5,冯平,1984-12-04,是,,否,,\n"
        ),
        "holdings": (
            "account_id,customer_id,product_type,amount,currency,maturity_date\n"
            "M1,R1,定期存款,1000,CNY,2026-12-04\n"
        ),
    }
    for kind, text in files.items():
        path = tmp_path / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        run_import(engine, ImportRequest(kind=kind, path=path, today=date(2026, 11, 29), actor="t"))
    items = {i.id: i for i in followups_on(engine, date(2026, 12, 4), RULES).items}
    refused = {i.id.split(":")[1]: i.refused_channels for i in items.values()}
    assert refused == {
        "R1": ("email", "mail", "fax"),
        "R2": ("email", "sms", "phone", "mail", "fax"),
        "R3": (),
        "R4": (),
        "R5": ("phone",),
        "M1": ("email", "mail", "fax"),  # the maturity carries its customer's refusals
    }
    engine.dispose()


def test_filters_by_rm(engine):
    assert all(
        i.rm_code == "RM002"
        for i in followups_on(engine, date(2026, 12, 4), RULES, rm_code="RM002").items
    )


def test_done_item_stops_showing(engine):
    record_action(engine, "maturity:A1:2026-12-11", "done", "tester", note="续存")
    assert "maturity:A1:2026-12-11" not in ids(date(2026, 12, 7), engine)


def test_snoozed_item_returns_on_its_date(engine):
    item = "maturity:A1:2026-12-11"
    record_action(engine, item, "snooze", "tester", until=date(2026, 12, 9))
    assert item not in ids(date(2026, 12, 8), engine)
    assert item in ids(date(2026, 12, 9), engine)


def test_snoozed_birthday_comes_back_after_its_day(engine):
    item = "birthday:C1:2026-12-05"
    record_action(engine, item, "snooze", "tester", until=date(2026, 12, 7))
    assert item not in ids(date(2026, 12, 4), engine)
    back = {i.id: i for i in followups_on(engine, date(2026, 12, 7), RULES).items}
    assert item in back and back[item].overdue


def test_unknown_or_malformed_ids_are_refused(engine):
    with pytest.raises(UsageError):
        record_action(engine, "nonsense", "done", "t")
    with pytest.raises(NotFound):
        record_action(engine, "maturity:NOPE:2026-12-11", "done", "t")


def test_upcoming_groups_by_due_date(engine):
    grouped = upcoming(engine, date(2026, 12, 4), 10, RULES)
    assert date(2026, 12, 11) in grouped
    assert all(date(2026, 12, 4) <= d <= date(2026, 12, 13) for d in grouped)


def test_snoozed_feb29_birthday_returns_under_the_mar1_rule(engine):
    rules = FollowupRules(feb29="mar1")
    item = "birthday:C2:2027-03-01"
    assert item in {i.id for i in followups_on(engine, date(2027, 3, 1), rules).items}
    record_action(engine, item, "snooze", "tester", until=date(2027, 3, 3), rules=rules)
    assert item not in {i.id for i in followups_on(engine, date(2027, 3, 1), rules).items}
    assert item in {i.id for i in followups_on(engine, date(2027, 3, 3), rules).items}


@pytest.mark.sqlite_only("a store in memory is SQLite's")
def test_a_store_in_memory_gives_the_same_day(tmp_path: Path, engine):
    # SQLite in memory is a new, empty database on every connection: the maturities, read on
    # a second connection for a file store, are read on the command's own one here.
    memory = loaded(make_engine("sqlite://"), tmp_path)
    day = date(2026, 12, 4)
    assert ids(day, memory) == ids(day, engine)
    assert {"maturity:A1:2026-12-11", "birthday:C1:2026-12-05"} <= ids(day, memory)
    memory.dispose()


def test_maturities_of_one_kind_name_and_day_each_name_their_own_amount():
    """The words around an amount are made once per kind, name and day (items.py): the
    amount, and a product name that holds the placeholder standing for it, stay each row's."""
    from bankcrm_cli.services.followups.items import _AMOUNT, maturity_items

    customer = ("C1", "张伟", "RM001", "海淀支行", 100, "13800000000", 0)
    due = date(2026, 12, 11)
    rows = [
        (*customer, "A1", "定期存款", "三年期", 100_000, "CNY", due, True),
        (*customer, "A2", "定期存款", "三年期", 250_050, "CNY", due, True),
        (*customer, "A3", "定期存款", f"名{_AMOUNT}", 7, "USD", due, None),
        (*customer, "A4", "定期存款", "三年期", None, "CNY", due, False),
    ]
    details = [i.detail for i in maturity_items(rows, [date(2026, 12, 4)], RULES)]
    assert details == [
        "定期存款 三年期 ¥1,000.00 2026-12-11 到期，自动转存：是",
        "定期存款 三年期 ¥2,500.50 2026-12-11 到期，自动转存：是",
        f"定期存款 名{_AMOUNT} US$0.07 2026-12-11 到期，自动转存：未知",
        "定期存款 三年期  2026-12-11 到期，自动转存：否",
    ]
