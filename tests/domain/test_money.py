"""One money formatter: an amount and its currency as people read them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bankcrm_cli.domain.money import currency_sign, format_cents, format_money


@pytest.mark.parametrize(
    ("cents", "currency", "expected"),
    [
        (123450, "CNY", "¥1,234.50"),
        (100000, "USD", "US$1,000.00"),
        (234560, "HKD", "HK$2,345.60"),
        (9999, "EUR", "€99.99"),
        (5, None, "¥0.05"),
        (1000, "AUD", "AUD 10.00"),
        (-500, "USD", "-US$5.00"),
    ],
)
def test_cents_read_with_the_currency_sign_before_them(cents, currency, expected):
    assert format_cents(cents, currency) == expected
    assert format_money(Decimal(cents) / 100, currency) == expected


def test_whole_yuan_round_half_to_even():
    assert format_cents(250, places=0) == "¥2"
    assert format_cents(350, places=0) == "¥4"
    assert format_money(50_000, places=0) == "¥50,000"


def test_a_currency_without_a_sign_shows_its_code():
    assert currency_sign("CHF") == "CHF "
    assert currency_sign(None) == "¥"
