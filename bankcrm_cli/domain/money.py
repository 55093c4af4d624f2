"""Money as people read it: `¥1,234.50`, `US$5.00`, `-HK$3.20`, with one table of signs."""

from __future__ import annotations

from decimal import Decimal

# The sign printed before an amount; a currency not listed shows its code and a space.
CURRENCY_SIGNS: dict[str, str] = {
    "CNY": "¥",
    "USD": "US$",
    "HKD": "HK$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "JP¥",
}


def currency_sign(currency: str | None) -> str:
    """`¥` for CNY (and for no currency), `US$` for USD, `AUD ` for a currency without a sign."""
    code = currency or "CNY"
    return CURRENCY_SIGNS.get(code, f"{code} ")


def format_money(
    amount: Decimal | int | float | str, currency: str | None = "CNY", *, places: int = 2
) -> str:
    """An amount in its currency's main unit as text: `-US$1,234.50` (the minus before the sign)."""
    value = Decimal(str(amount)).quantize(Decimal(1).scaleb(-places))
    text = f"{abs(value):,.{places}f}"
    sign = currency_sign(currency)
    return f"-{sign}{text}" if value < 0 else f"{sign}{text}"


def format_cents(cents: int, currency: str | None = "CNY", *, places: int = 2) -> str:
    """An amount held in cents as text: 123450 → `¥1,234.50`."""
    if places != 2:
        return format_money(Decimal(int(cents)).scaleb(-2), currency, places=places)
    # Whole cents need no rounding: integer arithmetic, exact and cheap for long lists.
    whole, part = divmod(abs(cents), 100)
    sign = CURRENCY_SIGNS.get(currency) or currency_sign(currency)
    return f"-{sign}{whole:,}.{part:02d}" if cents < 0 else f"{sign}{whole:,}.{part:02d}"
