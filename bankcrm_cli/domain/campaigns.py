"""Campaigns: a member's statuses and moves, the holdout draw, conversions and the uplift.

DOMAIN.md, "Campaigns and their measure". Statuses follow Salesforce's campaign members and
EspoCRM's campaign log; the uplift's interval is Newcombe's hybrid score method (method 10 of
Newcombe, Statistics in Medicine 17:873-890, 1998), built from two Wilson intervals.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from math import sqrt

from bankcrm_cli.domain.catalogue import t, t_or
from bankcrm_cli.domain.errors import Refused, UsageError

PURPOSES = ("marketing", "service")
CHANNELS = ("phone", "email", "letter", "fax", "sms")
# The consent column behind each campaign channel (a letter is "mail" in the customer's record).
CONSENT_OF_CHANNEL = {
    "phone": "consent_phone",
    "email": "consent_email",
    "letter": "consent_mail",
    "fax": "consent_fax",
    "sms": "consent_sms",
}
# What an RM may log after a campaign call; `callback` is a contact without an answer yet.
CALL_RESPONSES = ("interested", "declined", "accepted", "callback")
RESPONSES = ("interested", "declined", "accepted", "attended", "no-show")

TARGETED = "targeted"
CONTACTED = "contacted"
CONVERTED = "converted"
STATUSES = (TARGETED, CONTACTED, *RESPONSES)

# Where a member may go from each status. A response implies the contact it came from; a
# later answer may change an earlier one (interested → accepted), attendance follows an event.
_MOVES: dict[str, frozenset[str]] = {
    TARGETED: frozenset({CONTACTED, "interested", "declined", "accepted", "attended"}),
    CONTACTED: frozenset({CONTACTED, "interested", "declined", "accepted", "attended"}),
    "interested": frozenset({"interested", "declined", "accepted", "attended", "no-show"}),
    "declined": frozenset({"interested", "declined", "accepted", "attended"}),
    "accepted": frozenset({"declined", "accepted", "attended", "no-show"}),
    "no-show": frozenset({"attended", "no-show"}),
    "attended": frozenset({"attended"}),
}

DEFAULT_WINDOW_DAYS = 30
DEFAULT_HOLDOUT_PCT = 10.0
DEFAULT_CALLS_PER_DAY = 20
# Below this many conversions on either side the interval is not reported (DOMAIN.md).
MIN_CONVERSIONS_FOR_INTERVAL = 10
# z for a two-sided 95 % interval.
Z95 = 1.959963984540054
# Bits of the keyed hash that make the draw's number: bits * 10000 stays a 64-bit integer, so
# SQLite, PostgreSQL and Python compare the same whole numbers.
DRAW_BITS = 40
DRAW_HEX_DIGITS = DRAW_BITS // 4


def move(status: str, to: str) -> str:
    """The member's new status; Refused when the move is not allowed."""
    if to not in _MOVES.get(status, frozenset()):
        raise Refused(
            t("camp.err.move", status=t_or("camp.member", status), to=t_or("camp.member", to))
        )
    return to


def holdout_bp(pct: float) -> int:
    """A holdout share in per cent as basis points; UsageError outside 0-50 %."""
    if not 0 <= pct <= 50:
        raise UsageError(t("camp.err.holdout_pct", pct=f"{pct:g}"))
    return round(pct * 100)


def new_draw_key() -> str:
    """A campaign's random key for the holdout draw (32 bytes, hex)."""
    import secrets

    return secrets.token_hex(32)


def draw_number_bits(draw_key: str, customer_id: str) -> int:
    """The first DRAW_BITS bits of HMAC-SHA256(campaign key, customer number)."""
    digest = hmac.new(bytes.fromhex(draw_key), customer_id.encode("utf-8"), hashlib.sha256)
    return int(digest.hexdigest()[:DRAW_HEX_DIGITS], 16)


def draw_number(draw_key: str, customer_id: str) -> float:
    """The customer's number in [0, 1) for this campaign, from the keyed hash.

    The store (store/queries/campaigns.py) computes the same bits in SQL, so a draw repeated
    anywhere with the same store puts each customer on the same side.
    """
    return draw_number_bits(draw_key, customer_id) / 2**DRAW_BITS


def in_holdout(draw_key: str, customer_id: str, share_bp: int) -> bool:
    """Whether the keyed draw puts the customer in the holdout of a `share_bp` share."""
    return draw_number_bits(draw_key, customer_id) * 10_000 < share_bp * 2**DRAW_BITS


def hmac_pads(draw_key: str) -> tuple[bytes, bytes]:
    """The key XOR ipad and XOR opad (RFC 2104), for computing the HMAC with plain SHA-256."""
    key = bytes.fromhex(draw_key).ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


@dataclass(frozen=True)
class Opening:
    """A holding opened by a member's customer: one candidate for the conversion."""

    account_id: str
    product_type: str
    open_date: date
    amount_cents: int | None


def window_of(start: date, window_days: int) -> tuple[date, date]:
    """The days an opening counts: from the first contact (holdout: the draw) for `window`
    days after it, both ends included."""
    return start, start + timedelta(days=window_days)


def conversion(
    start: date | None, window_days: int, products: Sequence[str], openings: Iterable[Opening]
) -> Opening | None:
    """The opening that converts a member, at most one: the earliest of the campaign's product
    types opened inside the window. Openings before the start, after the window or of
    other products do not count; no start (never contacted) means no conversion."""
    if start is None:
        return None
    first, last = window_of(start, window_days)
    inside = [o for o in openings if o.product_type in products and first <= o.open_date <= last]
    return min(inside, key=lambda o: (o.open_date, o.account_id), default=None)


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson's score interval for a proportion (n > 0)."""
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe_interval(
    x1: int, n1: int, x2: int, n2: int, z: float = Z95
) -> tuple[float, float, float]:
    """p1 - p2 and its interval by Newcombe's hybrid score method (method 10)."""
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1, z)
    l2, u2 = wilson(x2, n2, z)
    d = p1 - p2
    low = d - sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return d, low, high


@dataclass(frozen=True)
class Uplift:
    """The contacted group's conversion rate minus the holdout's, with its 95 % interval.

    `interval` is None when it would not mean anything: an empty group, or fewer than
    MIN_CONVERSIONS_FOR_INTERVAL conversions on either side; `why` then says which.
    """

    rate_contacted: float | None
    rate_holdout: float | None
    uplift: float | None
    interval: tuple[float, float] | None
    why: str | None


def uplift(
    converted_contacted: int, contacted: int, converted_holdout: int, holdout: int
) -> Uplift:
    """The uplift of a campaign from the two groups' counts."""
    rate_c = converted_contacted / contacted if contacted else None
    rate_h = converted_holdout / holdout if holdout else None
    if rate_c is None or rate_h is None:
        why = t("camp.why.no_contacted") if rate_c is None else t("camp.why.no_holdout")
        return Uplift(rate_c, rate_h, None, None, why)
    difference = rate_c - rate_h
    fewest = min(converted_contacted, converted_holdout)
    if fewest < MIN_CONVERSIONS_FOR_INTERVAL:
        return Uplift(
            rate_c,
            rate_h,
            difference,
            None,
            t(
                "camp.why.few",
                least=MIN_CONVERSIONS_FOR_INTERVAL,
                group=t(
                    "camp.group.contacted"
                    if converted_contacted == fewest
                    else "camp.group.holdout"
                ),
            ),
        )
    _, low, high = newcombe_interval(converted_contacted, contacted, converted_holdout, holdout)
    return Uplift(rate_c, rate_h, difference, (low, high), None)


def refused_every_channel(consents: dict[str, bool | None], channels: Iterable[str]) -> bool:
    """Whether a customer said no to every one of a marketing campaign's channels."""
    wanted = list(channels)
    return bool(wanted) and all(consents.get(CONSENT_OF_CHANNEL[c]) is False for c in wanted)


def contacted_side_first(rows: Iterable[tuple[int, bool, bool]]) -> list[int]:
    """Of one customer's rows in one campaign (id, holdout, contacted), the kept one first.

    After a customer merge a person can be in both groups of a campaign: the contacted row
    wins (the contact happened), then the non-holdout one, then the older.
    """
    ranked = sorted(rows, key=lambda r: (not r[2], r[1], r[0]))
    return [r[0] for r in ranked]
