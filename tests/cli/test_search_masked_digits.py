"""Searching customers cannot recover what the masks hide: without --reveal a phone or ID
number is matched by its last 4 digits only (what the mask shows), and a search through the
whole number needs --reveal and is recorded, even when it finds nobody."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import store_engine, write
from factories import make_id

PHONE = "18212345678"
ID = make_id("19850307", 123)


@pytest.fixture
def one(crm, tmp_path: Path):
    write(
        tmp_path / "c.csv",
        "customer_id,name,id_number,phone\n"
        f"0001,张伟,{ID},{PHONE}\n"
        f"0002,李娜,{make_id('19920515', 124)},13900139000\n",
    )
    assert crm("import", "customers", str(tmp_path / "c.csv")).exit_code == 0
    return crm


def _found(crm, *args: str) -> list[str]:
    result = crm("customers", "search", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    return [c["customer_id"] for c in json.loads(result.stdout)]


def _reveals(crm) -> list[tuple[str, str]]:
    from sqlalchemy import select

    from bankcrm_cli.store.tables import history_table

    h = history_table.c
    engine = store_engine(crm)
    with engine.connect() as conn:
        rows = conn.execute(select(h.entity_id, h.reason).where(h.action == "reveal")).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_digit_by_digit_search_finds_nothing_the_mask_hides(one):
    # The attack of the issue: grow a prefix one digit at a time, watching for a hit.
    hits = [
        prefix for n in range(4, len(PHONE) + 1) if _found(one, (prefix := PHONE[:n])) == ["0001"]
    ]
    assert hits == [], "a search matched hidden phone digits"
    middle = [PHONE[i : i + 4] for i in range(0, len(PHONE) - 4)]
    assert all(_found(one, digits) == [] for digits in middle)
    id_middle = [ID[i : i + 5] for i in range(0, len(ID) - 5)]
    assert all(_found(one, digits) == [] for digits in id_middle)
    assert _reveals(one) == []


def test_the_last_four_digits_the_mask_shows_still_find_the_customer(one):
    assert _found(one, PHONE[-4:]) == ["0001"]
    assert _found(one, "5678") == ["0001"]
    assert _found(one, ID[-4:]) == ["0001"]
    assert _reveals(one) == []


def test_a_longer_search_says_on_stderr_that_whole_numbers_need_reveal(one):
    result = one("customers", "search", PHONE)
    assert result.exit_code == 0
    assert "--reveal" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "没有匹配" in result.stdout


def test_with_reveal_whole_numbers_are_searched_and_recorded(one):
    assert _found(one, PHONE[:7], "--reveal") == ["0001"]
    assert _found(one, ID[6:14], "--reveal") == ["0001"]
    # A miss tells something too (no number holds these digits): recorded as well.
    assert _found(one, "1821111", "--reveal") == []
    reveals = _reveals(one)
    assert [reason for _, reason in reveals][:2] == [
        "customers search " + PHONE[:7],
        "customers search " + ID[6:14],
    ]
    assert reveals[2][0] == "customers search 1821111"
