"""RM codes on import and in --rm (issue 17, item 15): one form however they are typed; a
customer naming no known RM is reported, and rejected under --strict."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select, update

from tests.cli.refusal_checks import folder_fingerprint, store_fingerprint
from tests.conftest import store_engine, write

RMS = "rm_code,name,branch\nRM001,王芳,营业部\nRM002,李强,营业部\nRM003,张敏,营业部\n"
CUSTOMERS = (
    "客户号,姓名,客户经理\nC1,赵一,rm001\nC2,钱二,ＲＭ００２\nC3,孙三, RM003 \nC4,李四,RM001\n"
)


@pytest.fixture
def with_rms(crm, tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    assert crm("rms", "import", str(write(folder / "rms.csv", RMS))).exit_code == 0
    return folder


def _customer_rms(crm) -> dict[str, str]:
    return {c["customer_id"]: c["rm_code"] for c in crm.json("customers", "list")}


def test_imported_codes_are_stored_in_one_form(crm, with_rms):
    summary = crm.json("import", "customers", str(write(with_rms / "c.csv", CUSTOMERS)))
    assert summary["unknown_rms"] == 0 and summary["unknown_rm_codes"] == []
    assert _customer_rms(crm) == {"C1": "RM001", "C2": "RM002", "C3": "RM003", "C4": "RM001"}


@pytest.mark.parametrize("typed", ["RM001", "rm001", "ＲＭ００１", " RM001 "])
def test_every_rm_option_reads_codes_in_the_same_form(crm, with_rms, typed):
    crm("import", "customers", str(write(with_rms / "c.csv", CUSTOMERS)))
    listed = crm.json("customers", "list", "--rm", typed)
    assert sorted(c["customer_id"] for c in listed) == ["C1", "C4"]
    for command in (["followups", "today"], ["complaints", "list"], ["churn"]):
        spelled = crm(*command, "--rm", typed)
        plain = crm(*command, "--rm", "RM001")
        assert spelled.exit_code == plain.exit_code == 0, spelled.output
        assert spelled.stdout == plain.stdout


def test_a_code_no_rm_has_is_imported_and_reported(crm, with_rms):
    f = write(with_rms / "c.csv", CUSTOMERS + "C5,周五,rm999\nC6,吴六,RM999\nC7,郑七,XX1\n")
    summary = crm.json("import", "customers", str(f))
    assert summary["inserted"] == 7 and summary["rejected"] == 0
    assert summary["unknown_rms"] == 3
    assert summary["unknown_rm_codes"] == ["RM999", "XX1"]
    assert _customer_rms(crm)["C5"] == "RM999"
    text = crm("import", "customers", str(f)).stdout
    assert "3 位客户的客户经理代码不在经理名单中（RM999, XX1）：已照此导入" in text


def test_under_strict_a_code_no_rm_has_is_a_reject_and_nothing_is_written(crm, with_rms):
    crm("import", "customers", str(write(with_rms / "first.csv", CUSTOMERS)))
    f = write(with_rms / "c.csv", CUSTOMERS.replace("赵一", "赵壹") + "C5,周五,rm999\n")
    before = store_fingerprint(crm)
    result = crm("import", "customers", str(f), "--strict", "--format", "json")
    assert result.exit_code == 1, result.output
    assert store_fingerprint(crm) == before
    rejects = with_rms / "c.rejects.csv"
    with rejects.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1:] == [
        [
            "C5",
            "周五",
            "rm999",
            "rm_code: 库中没有客户经理 RM999；请先导入客户经理（crm rms import）",
        ]
    ]


def test_rm_files_store_codes_in_one_form_and_see_spellings_as_repeats(crm, tmp_path):
    f = write(tmp_path / "rms.csv", "rm_code,name\nｒｍ００８,周八\nRM008,周八\n rm009 ,吴九\n")
    summary = crm.json("rms", "import", str(f))
    assert (summary["inserted"], summary["rejected"]) == (2, 1)
    assert [r["rm_code"] for r in crm.json("rms", "list")] == ["RM008", "RM009"]


def test_db_upgrade_puts_stored_codes_in_one_form(crm, with_rms):
    from bankcrm_cli.store.tables import customers_table, rms_table

    crm("import", "customers", str(write(with_rms / "c.csv", CUSTOMERS)))
    crm("rms", "import", str(write(with_rms / "more.csv", "rm_code,name\nRM004,周四\n")))
    engine = store_engine(crm)
    try:
        with engine.begin() as conn:  # as a store filled before codes had one form
            c = customers_table.c
            conn.execute(
                update(customers_table).where(c.customer_id == "C1").values(rm_code="rm001")
            )
            conn.execute(
                update(customers_table).where(c.customer_id == "C2").values(rm_code="ＲＭ００４")
            )
            conn.execute(
                update(rms_table).where(rms_table.c.rm_code == "RM004").values(rm_code="rm004")
            )
        assert sorted(c["customer_id"] for c in crm.json("customers", "list", "--rm", "RM001")) == [
            "C4"
        ]
        result = crm("db", "upgrade")
        assert result.exit_code == 0, result.output
        assert "2 位客户，1 位客户经理" in result.stdout
        assert _customer_rms(crm) == {"C1": "RM001", "C2": "RM004", "C3": "RM003", "C4": "RM001"}
        with engine.connect() as conn:
            assert "RM004" in conn.scalars(select(rms_table.c.rm_code)).all()
        again = crm("db", "upgrade")
        assert again.exit_code == 0 and "RM codes" not in again.stdout
    finally:
        engine.dispose()


def test_a_dry_run_reports_unknown_codes_and_writes_nothing(crm, with_rms):
    f = write(with_rms / "c.csv", "客户号,姓名,客户经理\nC9,王九,RM404\n")
    before, files = store_fingerprint(crm), folder_fingerprint(with_rms)
    summary = crm.json("import", "customers", str(f), "--dry-run")
    assert (summary["unknown_rms"], summary["unknown_rm_codes"]) == (1, ["RM404"])
    assert store_fingerprint(crm) == before
    assert folder_fingerprint(with_rms) == files
