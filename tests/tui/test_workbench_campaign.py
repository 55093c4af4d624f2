"""Campaign calls on the workbench: in the day's list (as `crm followups today`), and the log
form takes the member's answer as `crm log-call --campaign --response` does."""

from __future__ import annotations

import asyncio

from workbench_kit import DAY, load_sample, screen_text, settle, work_scope


def test_a_campaign_call_is_listed_and_its_answer_logged_through_the_form(crm):
    from bankcrm_cli.tui.app import WorkApp

    sample = load_sample(crm)
    create = ("campaigns", "create", "大额存单推介", "--title", "大额存单到期转存推介")
    assert sample(*create, "--product-type", "large_cd", "--channel", "phone").exit_code == 0
    target = ("campaigns", "target", "大额存单推介", "--segment", "白金", "--rm", "RM001")
    assert sample(*target).exit_code == 0
    listed = sample.json("followups", "today", "--date", DAY.isoformat(), "--kind", "campaign")
    calls = [i for i in listed if i["rm_code"] == "RM001"]
    assert calls, "the campaign gave RM001 no call today"
    first = calls[0]
    seen = {}

    async def go():
        app = WorkApp(work_scope(sample, rm_code="RM001"))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press(*first["customer_id"][-4:], "enter", "end")
            await settle(pilot)
            seen["list"] = screen_text(app)
            await pilot.press("c")
            await settle(pilot)
            form = app.screen
            form.query_one("#f-response").value = "interested"
            await pilot.press(*"next week", "ctrl+s")
            await settle(pilot)
            seen["after"] = screen_text(app)

    asyncio.run(go())
    assert "营销电话" in seen["list"] and first["name"] in seen["list"]
    assert "已记录联系" in seen["after"]
    members = sample.json("campaigns", "members", "大额存单推介")
    answered = [m for m in members if m["customer_id"] == first["customer_id"]]
    assert [m["status"] for m in answered] == ["interested"]
    left = sample.json("followups", "today", "--date", DAY.isoformat(), "--kind", "campaign")
    assert first["id"] not in {i["id"] for i in left}
