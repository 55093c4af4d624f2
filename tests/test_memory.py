"""Values worked out once per key."""

from __future__ import annotations

from bankcrm_cli.memory import Memo


def test_memo_works_each_key_out_once_and_keeps_none_too():
    calls = []

    def window(day: int, product: str | None):
        calls.append((day, product))
        return None if product is None else f"{product}@{day}"

    memo = Memo(window)
    assert memo[4, "large_cd"] == "large_cd@4"
    assert memo[4, "large_cd"] == "large_cd@4"
    assert memo[5, None] is None
    assert memo[5, None] is None
    assert calls == [(4, "large_cd"), (5, None)]
    assert (6, "fund") not in memo  # asking whether it is there works nothing out
    assert calls == [(4, "large_cd"), (5, None)]
