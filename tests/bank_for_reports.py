"""A small hand-built bank whose every report figure is known: see the comments for each row.

The report day D is Wednesday 2026-12-02 (Asia/Shanghai). Timestamps the store would take from
the clock (record created or changed, import run) are set to fixed moments, so the figures do
not move with the day the tests run.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import update

from bankcrm_cli.services import contacts
from bankcrm_cli.services.contacts import complaints
from bankcrm_cli.services.followups import record_action
from bankcrm_cli.services.importing import ImportRequest, run_import
from bankcrm_cli.store import migrate
from bankcrm_cli.store.engine import make_engine, resolve_url
from bankcrm_cli.store.tables import (
    customers_table,
    followup_actions_table,
    holdings_table,
    import_runs_table,
)
from tests.factories import make_id

ZONE = ZoneInfo("Asia/Shanghai")
D = date(2026, 12, 2)
LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)


def local(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A moment of the bank's day, in UTC as the store keeps it."""
    return datetime.combine(day, time(hour, minute), ZONE).astimezone(UTC)


def days(n: int) -> date:
    return D + timedelta(days=n)


CUSTOMERS = f"""customer_id,name,id_number,birth_date,rm_code,branch,aum
C1,张伟,{make_id("19851202", 11)},1985-12-02,RM001,朝阳支行,80000
C2,李娜,{make_id("19800115", 12)},1980-01-15,RM001,朝阳支行,600000
C3,王芳,{make_id("19750620", 22)},1975-06-20,RM002,朝阳支行,1200000
C4,赵强,{make_id("19900310", 31)},1990-03-10,RM002,海淀支行,30000
C5,陈静,{make_id("19880808", 42)},1988-08-08,RM003,海淀支行,46000
"""

HOLDINGS = f"""account_id,customer_id,product_type,amount,currency,open_date,maturity_date
H1,C1,time_deposit,100000,CNY,2025-12-05,{days(3)}
H2,C2,large_cd,500000,CNY,2024-12-22,{days(20)}
H3,C3,time_deposit,10000,USD,2025-12-12,{days(10)}
H4,C3,wealth,800000,CNY,2026-01-11,{days(40)}
H5,C5,installment_savings,20000,CNY,2025-12-02,{days(30)}
H6,C2,time_deposit,200000,CNY,2025-11-12,{days(-20)}
H7,C3,current,300000,CNY,2020-01-01,
"""


def build(folder: Path, url: str | None = None) -> str:
    """Create the store (a SQLite file in `folder` unless `url` names one); returns its URL."""
    folder.mkdir(parents=True, exist_ok=True)
    url = url or resolve_url(str(folder / "bank.sqlite3"))
    engine = make_engine(url)
    migrate.ensure_current(engine)
    for kind, text in (("customers", CUSTOMERS), ("holdings", HOLDINGS)):
        path = folder / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        run_import(engine, ImportRequest(kind=kind, path=path, today=D, actor="import"))

    # Contacts: yesterday (D-1) is 3 for RM001 and RM002; 00:30 on D is not yesterday.
    contacts.log_call(engine, "C1", outcome="reached", actor="RM001", at=local(days(-1), 10))
    contacts.log_call(
        engine, "C2", outcome="no-answer", actor="RM001", at=local(days(-1), 11), next_date=D
    )
    contacts.log_call(engine, "C4", outcome="reached", actor="RM002", at=local(days(-1), 23, 30))
    contacts.log_call(engine, "C4", outcome="busy", actor="RM002", at=local(D, 0, 30))
    contacts.log_call(engine, "C3", outcome="reached", actor="RM002", at=local(days(-2), 15))
    contacts.log_call(engine, "C5", outcome="reached", actor="RM003", at=local(days(-10), 9))

    # Complaints (cn-nfra: deadline 15 days after receipt).
    def open_(customer: str, received: date, category: str, channel: str) -> int:
        number, _ = complaints.open_complaint(
            engine,
            customer,
            category=category,
            summary="…",
            actor="RM001",
            received_at=local(received, 9),
            received_on=received,
            channel=channel,
        )
        return number

    open_("C1", days(-14), "收费", "phone")  # due D+1: open, due soon
    open_("C2", days(-20), "服务态度", "counter")  # due D-5: open, overdue
    k3 = open_("C3", days(-40), "收费", "online")  # due D-25, resolved D-10: breached D-10
    k4 = open_("C3", days(-80), "理财销售", "letter")  # resolved D-45: breached long ago
    open_("C5", days(-5), "收费", "phone")  # due D+10: open
    for number, resolved in ((k3, days(-10)), (k4, days(-45))):
        complaints.act(
            engine,
            number,
            "resolve",
            actor="RM002",
            today=D,
            resolution="退还费用",
            at=local(resolved, 16),
            on=resolved,
        )

    # RM001 marks the H1 maturity done on D-1, before it is due: done on time.
    record_action(engine, f"maturity:H1:{days(3)}", "done", "RM001")

    c = customers_table.c
    h = holdings_table.c
    with engine.begin() as conn:
        conn.execute(update(customers_table).values(created_at=LONG_AGO, updated_at=LONG_AGO))
        # C4 is new on D-1; C2 was changed on D-1.
        yesterday = local(days(-1), 8)
        conn.execute(
            update(customers_table)
            .where(c.customer_id == "C4")
            .values(created_at=yesterday, updated_at=yesterday)
        )
        conn.execute(
            update(customers_table).where(c.customer_id == "C2").values(updated_at=yesterday)
        )
        conn.execute(update(holdings_table).values(created_at=LONG_AGO, updated_at=LONG_AGO))
        # The holdings import ran on D-1, after H6's maturity (D-20): H6 was not rolled over.
        conn.execute(
            update(import_runs_table).values(
                started_at=local(days(-1), 2), finished_at=local(days(-1), 2, 5)
            )
        )
        # C3's wealth product fell from 800,000 to 100,000 on D-10 (the trigger keeps both).
        conn.execute(
            update(holdings_table)
            .where(h.account_id == "H4")
            .values(amount_cents=10_000_000, updated_at=local(days(-10), 3))
        )
        conn.execute(update(followup_actions_table).values(at=local(days(-1), 17)))
    engine.dispose()
    return url
