"""Campaign rules: moves, the keyed holdout draw, attribution and Newcombe's interval."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

import pytest

from bankcrm_cli.domain import campaigns as rules
from bankcrm_cli.domain.errors import Refused, UsageError

KEY = "00" * 31 + "2a"


def test_newcombe_interval_matches_newcombe_1998_table_ii():
    # Newcombe (1998), Table II, method 10: (a) 56/70 - 48/80, (b) 9/10 - 3/10, (d) 5/56 - 0/29.
    d, low, high = rules.newcombe_interval(56, 70, 48, 80)
    assert (round(d, 4), round(low, 4), round(high, 4)) == (0.2, 0.0524, 0.3339)
    _, low, high = rules.newcombe_interval(9, 10, 3, 10)
    assert (round(low, 4), round(high, 4)) == (0.1705, 0.8090)
    _, low, high = rules.newcombe_interval(5, 56, 0, 29)
    assert (round(low, 4), round(high, 4)) == (-0.0381, 0.1926)


def test_wilson_interval_of_a_known_case():
    # 81/263 (Wilson 1927 via Newcombe 1998 single-proportion paper): 0.2553 to 0.3662.
    low, high = rules.wilson(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)


def test_uplift_says_not_meaningful_below_ten_conversions_a_side(english):
    few = rules.uplift(9, 100, 30, 100)
    assert few.interval is None
    assert few.why == "interval not meaningful: fewer than 10 conversions in the contacted group"
    assert few.uplift == pytest.approx(-0.21)
    enough = rules.uplift(56, 70, 48, 80)
    assert enough.interval == pytest.approx((0.0524, 0.3339), abs=5e-5)
    assert rules.uplift(0, 0, 1, 10).uplift is None


def test_draw_is_the_hmac_of_key_and_customer_and_repeats():
    digest = hmac.new(bytes.fromhex(KEY), b"0000000042", hashlib.sha256).hexdigest()
    assert rules.draw_number(KEY, "0000000042") == int(digest[:10], 16) / 2**40
    assert rules.draw_number(KEY, "0000000042") == rules.draw_number(KEY, "0000000042")
    assert rules.draw_number(KEY, "0000000042") != rules.draw_number("11" * 32, "0000000042")


def test_hmac_pads_rebuild_the_hmac_with_plain_sha256():
    inner, outer = rules.hmac_pads(KEY)
    message = "客户0001".encode()
    by_pads = hashlib.sha256(outer + hashlib.sha256(inner + message).digest()).hexdigest()
    assert by_pads == hmac.new(bytes.fromhex(KEY), message, hashlib.sha256).hexdigest()


def test_holdout_share_is_per_cent_up_to_half():
    assert rules.holdout_bp(10) == 1000 and rules.holdout_bp(0) == 0
    with pytest.raises(UsageError):
        rules.holdout_bp(75)


def test_moves_follow_the_member_statuses():
    assert rules.move("targeted", "contacted") == "contacted"
    assert rules.move("interested", "accepted") == "accepted"
    with pytest.raises(Refused):
        rules.move("attended", "declined")
    with pytest.raises(Refused):
        rules.move("accepted", "targeted")


def _open(day: date, product: str = "fund", account: str = "A") -> rules.Opening:
    return rules.Opening(account, product, day, 100)


def test_conversion_counts_only_the_products_inside_the_window_once():
    start = date(2026, 5, 15)
    openings = [
        _open(date(2026, 5, 14), account="before"),  # before the first contact
        _open(date(2026, 6, 20), account="after"),  # after 30 days
        _open(date(2026, 5, 20), product="insurance", account="other"),  # another product
        _open(date(2026, 6, 14), account="last-day"),
        _open(date(2026, 5, 30), account="first"),
    ]
    assert rules.conversion(start, 30, ["fund"], openings).account_id == "first"
    assert rules.conversion(start, 30, ["fund"], openings[:3]) is None
    assert rules.conversion(start, 30, ["fund"], openings[3:4]).account_id == "last-day"
    assert rules.conversion(None, 30, ["fund"], openings) is None


def test_a_customer_who_refused_every_channel_is_skipped_only_then():
    consents = {"consent_phone": False, "consent_email": None}
    assert rules.refused_every_channel(consents, ["phone"])
    assert not rules.refused_every_channel(consents, ["phone", "email"])


def test_after_a_merge_the_contacted_row_wins():
    assert rules.contacted_side_first([(1, True, False), (2, False, True)]) == [2, 1]
    assert rules.contacted_side_first([(1, True, False), (2, False, False)]) == [2, 1]
