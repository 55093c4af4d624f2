"""The sample bank's campaigns: a real uplift on a fresh install, and the later holdings file
is what the sample's own rules open."""

from __future__ import annotations

import csv

from conftest import store_engine

from bankcrm_cli.resources import sample_data_dir
from bankcrm_cli.services.campaigns.sample import HEADER, openings


def test_a_fresh_sample_bank_shows_a_real_uplift_with_its_interval(crm):
    loaded = crm("sample", "load")
    assert loaded.exit_code == 0 and "示例营销活动：稳健基金首发、外汇讲座" in loaded.stdout
    fund = crm.json("campaigns", "report", "稳健基金首发")
    assert fund["converted_contacted"] >= 10 and fund["converted_holdout"] >= 10
    assert fund["uplift"] > 0 and fund["uplift_ci"][0] < fund["uplift"] < fund["uplift_ci"][1]
    seminar = crm.json("campaigns", "report", "外汇讲座")
    assert seminar["event"]["waiting"] > 0 and seminar["event"]["attended"] > 0
    with open(sample_data_dir() / "campaign-holdings.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    engine = store_engine(crm)
    assert rows == [HEADER, *openings(engine)]
    engine.dispose()
    again = crm("sample", "load")
    assert again.exit_code == 0 and "示例营销活动" not in again.stdout
    assert crm.json("campaigns", "report", "稳健基金首发")["targeted"] == fund["targeted"]
