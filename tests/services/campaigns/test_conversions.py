"""Conversions and the uplift on a hand-built store: only openings of the campaign's products
inside the window after the first contact (holdout: the draw) count, once (both stores)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import store_engine, write

from bankcrm_cli.services.campaigns.setup import CampaignSpec, create_campaign
from bankcrm_cli.store.engine import write_transaction
from bankcrm_cli.store.tables import campaign_members_table

SHANGHAI = ZoneInfo("Asia/Shanghai")
DRAWN = datetime(2026, 5, 14, 9, 0, tzinfo=SHANGHAI)
CALLED = datetime(2026, 5, 15, 10, 0, tzinfo=SHANGHAI)

# customer: (holdout, first contact, [(account, product, open date, amount)], why)
MEMBERS = {
    "M1": (False, CALLED, [("A1", "fund", "2026-05-20", 10000)], "converts"),
    "M2": (False, CALLED, [("A2", "fund", "2026-05-10", 20000)], "opened before the contact"),
    "M3": (False, CALLED, [("A3", "fund", "2026-07-01", 30000)], "opened after the window"),
    "M4": (False, CALLED, [("A4", "insurance", "2026-05-20", 40000)], "another product"),
    "M5": (False, CALLED, [("A5a", "fund", "2026-06-14", 50000),
                           ("A5b", "fund", "2026-05-25", 60000)], "converts once, earliest"),
    "M6": (False, None, [("A6", "fund", "2026-05-20", 70000)], "never contacted"),
    "H1": (True, None, [("B1", "fund", "2026-05-16", 80000)], "holdout converts"),
    "H2": (True, None, [("B2", "fund", "2026-05-01", 90000)], "holdout, before the draw"),
    "H3": (True, None, [], "holdout, nothing"),
}  # fmt: skip


@pytest.fixture
def store(crm, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CRM_TIMEZONE", "Asia/Shanghai")
    customers = "customer_id,name,rm_code\n" + "".join(f"{c},客户,RM001\n" for c in MEMBERS)
    holdings = "account_id,customer_id,product_type,amount,open_date\n" + "".join(
        f"{a},{c},{p},{amount},{day}\n"
        for c, (_, _, opened, _) in MEMBERS.items()
        for a, p, day, amount in opened
    )
    for kind, text in (("customers", customers), ("holdings", holdings)):
        result = crm("import", kind, str(write(tmp_path / f"{kind}.csv", text)))
        assert result.exit_code == 0, result.output
    engine = store_engine(crm)
    spec = CampaignSpec(name="基金", title="t", product_types=("fund",), window_days=30)
    campaign = create_campaign(engine, spec, actor="t")
    with write_transaction(engine) as conn:
        for customer, (holdout, called, _, _) in MEMBERS.items():
            conn.execute(
                campaign_members_table.insert(),
                {"campaign_id": campaign.id, "customer_id": customer, "holdout": holdout,
                 "drawn_at": DRAWN, "status": "contacted" if called else "targeted",
                 "first_contact_at": called, "first_channel": "phone" if called else None,
                 "actor": "t", "created_at": DRAWN},
            )  # fmt: skip
    engine.dispose()
    return crm


def test_only_openings_inside_the_window_of_the_products_convert_once(store):
    members = {m["customer_id"]: m for m in store.json("campaigns", "members", "基金")}
    converted = {c: m["converted_account"] for c, m in members.items() if m["converted_on"]}
    assert converted == {"M1": "A1", "M5": "A5b", "H1": "B1"}
    assert members["M5"]["converted_on"] == "2026-05-25"
    assert members["M5"]["status"] == "converted" and members["M2"]["status"] == "contacted"

    report = store.json("campaigns", "report", "基金")
    assert (report["targeted"], report["holdout"], report["contacted"]) == (9, 3, 5)
    assert (report["converted_contacted"], report["converted_holdout"]) == (2, 1)
    assert report["rate_contacted"] == pytest.approx(0.4)
    assert report["rate_holdout"] == pytest.approx(1 / 3)
    assert report["uplift"] == pytest.approx(0.4 - 1 / 3)
    assert report["uplift_ci"] is None and "区间无意义" in report["uplift_note"]
    assert report["new_aum"] == pytest.approx(70000)
    assert report["by_rm"][0]["converted"] == 2 and report["by_rm"][0]["contacted"] == 5
    same = store.json("report", "campaign", "基金")
    assert same["uplift"] == report["uplift"]
