"""Two RMs' workbenches and a cron import on one store: each sees the other's changes on
refresh, and none of them fails on a lock (SQLite's busy wait, PostgreSQL's writer lock)."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from workbench_kit import DAY, load_sample, screen_text, settle, work_scope

IMPORTED = 30_000


def _customers_file(path):
    lines = ["customer_id,name,birth_date,phone"]
    lines += [f"X{n:08d},客户{n},1980-01-{1 + n % 28:02d}," for n in range(IMPORTED)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _start_import(crm, path):
    return subprocess.Popen(
        [sys.executable, "-P", "-m", "bankcrm_cli", "--db", str(crm.db), "import", "customers"]
        + [str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def _worked_together(crm, seen: dict[str, str], importing) -> None:
    from bankcrm_cli.tui.app import WorkApp

    first = WorkApp(work_scope(crm, actor="RM006"))
    second = WorkApp(work_scope(crm, actor="RM003"))
    async with first.run_test(size=(80, 24)) as one, second.run_test(size=(80, 24)) as two:
        await settle(one)
        await settle(two)
        # RM006 marks Chen Liangbin's maturity done while the import writes
        await one.press(*"109", "enter", "d")
        await settle(one)
        await one.press(*"rolled over", "ctrl+s")
        await settle(one)
        # RM003 logs a call on Chen Mengyao at the same time
        await two.press(*"174", "enter", "c")
        await settle(two)
        await two.press(*"left a message", "ctrl+s")
        await settle(two)
        while importing.poll() is None:  # refreshes while the import holds the store
            await two.press("f5")
            await one.press("f5")
            await settle(one)
            await settle(two)
        await two.press("escape", "escape", *"109", "enter", "f5")
        await settle(two)
        seen["two"] = screen_text(second)
        seen["one_status"] = str(first.query_one("#status").render())
        seen["two_status"] = str(second.query_one("#status").render())


def test_two_workbenches_and_an_import_share_one_store(crm, tmp_path):
    load_sample(crm)
    importing = _start_import(crm, _customers_file(tmp_path / "nightly.csv"))
    seen: dict[str, str] = {}
    try:
        asyncio.run(_worked_together(crm, seen, importing))
    finally:
        out, err = importing.communicate(timeout=600)
    assert importing.returncode == 0, err
    assert "错误" not in seen["one_status"] and "错误" not in seen["two_status"]
    assert "陈亮斌" in seen["two"] and "已完成" in seen["two"]  # RM006's done, on RM003's F5
    assert len(crm.json("customers", "search", "客户2999", "--limit", "5")) >= 1
    calls = crm.json("calls", "list", "--customer", "0000000174")
    assert [(c["note"], c["actor"]) for c in calls] == [("left a message", "RM003")]
    today = {i["id"] for i in crm.json("followups", "today", "--date", DAY.isoformat())}
    assert "maturity:6217032472222610252:2026-12-04" not in today
