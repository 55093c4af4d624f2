"""The sample bank's two campaigns, from the seed's cases: a fund launch by phone (5/15) and an
FX-trading seminar with phone invitations, mailed material and a capacity (5/20).

Their calls are kept in the campaigns' own log, not in the contact log, so the sample's
contact history (and the churn signals and ids built on it) stays what it was.

Everything is decided by a hash of the campaign and the customer, and each campaign draws its
holdout with a fixed key, so every fresh install gets the same members, answers and (from
sample_data/campaign-holdings.csv, written by `openings`) the same conversions.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from bankcrm_cli.services.campaigns.setup import CampaignSpec

ZONE = ZoneInfo("Asia/Shanghai")
FUND = "稳健基金首发"
SEMINAR = "外汇讲座"


@dataclass(frozen=True)
class SampleCampaign:
    spec: CampaignSpec
    # The targeting filters (TargetFilters keyword arguments).
    filters: dict
    drawn_on: date
    # Answer shares, in per cent, by bands of the customer's hash: no answer, call-back,
    # interested, declined, accepted (the rest).
    bands: tuple[int, int, int, int]


CAMPAIGNS = (
    SampleCampaign(
        CampaignSpec(
            name=FUND,
            title="保本型基金首发电话营销",
            product_types=("fund",),
            channels=("phone",),
            start=date(2026, 5, 15),
            end=date(2026, 6, 14),
            window_days=30,
            holdout_pct=30,
            calls_per_day=20,
        ),
        {"aum_min": 50_000},
        date(2026, 5, 14),
        (15, 25, 50, 75),
    ),
    SampleCampaign(
        CampaignSpec(
            name=SEMINAR,
            title="外汇交易讲座（电话邀请、寄送资料）",
            product_types=("wealth",),
            channels=("phone", "letter"),
            start=date(2026, 5, 20),
            end=date(2026, 6, 5),
            window_days=30,
            holdout_pct=20,
            capacity=10,
            event_date=date(2026, 6, 6),
            calls_per_day=10,
        ),
        {"holds": ("time_deposit",), "aum_min": 100_000},
        date(2026, 5, 19),
        (20, 30, 55, 75),
    ),
)


def draw_key(name: str) -> str:
    """The sample campaign's fixed holdout key (a real campaign's is random)."""
    return hashlib.sha256(f"bankcrm sample campaign {name}".encode()).hexdigest()


def score(name: str, customer_id: str, salt: str = "") -> int:
    """0-99, fixed for a campaign, customer and purpose."""
    digest = hashlib.sha256(f"{name}|{customer_id}|{salt}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100


def answer(sample: SampleCampaign, customer_id: str) -> str | None:
    """The member's answer to the call: None (no answer), callback or a response."""
    s = score(sample.spec.name, customer_id, "answer")
    no_answer, callback, interested, declined = sample.bands
    if s < no_answer:
        return None
    if s < callback:
        return "callback"
    if s < interested:
        return "interested"
    return "declined" if s < declined else "accepted"


def contact_day(sample: SampleCampaign, customer_id: str) -> date:
    assert sample.spec.start is not None
    return sample.spec.start + timedelta(days=score(sample.spec.name, customer_id, "day") % 10)


def _moment(day: date, customer_id: str) -> datetime:
    return datetime.combine(day, time(9 + int(customer_id[-2:]) % 8, 0), tzinfo=ZONE)


# Chance (per cent) that a member opens the product inside the window, by answer.
_OPENS = {"accepted": 85, "interested": 45, "declined": 8, "callback": 20, None: 20}
HOLDOUT_OPENS = 22


def opening_day(sample: SampleCampaign, customer_id: str, holdout: bool) -> date | None:
    """When the member opens the product (inside the window), or None."""
    chance = HOLDOUT_OPENS if holdout else _OPENS[answer(sample, customer_id)]
    if score(sample.spec.name, customer_id, "opens") >= chance:
        return None
    start = sample.drawn_on if holdout else contact_day(sample, customer_id)
    return start + timedelta(days=1 + score(sample.spec.name, customer_id, "when") % 28)


def load_sample_campaigns(engine: Engine, settings, *, actor: str) -> list[str]:
    """Create, target and work the sample campaigns (those not there yet); their names."""
    from bankcrm_cli.services.campaigns.setup import create_campaign, list_campaigns

    known = {view.name for view in list_campaigns(engine)}
    made = []
    for sample in CAMPAIGNS:
        if sample.spec.name in known:
            continue
        create_campaign(engine, sample.spec, actor=actor, draw_key=draw_key(sample.spec.name))
        _work(engine, settings, sample)
        _attendance(engine, sample)
        made.append(sample.spec.name)
    return made


def _work(engine: Engine, settings, sample: SampleCampaign) -> None:
    """Target the customers as of the day before the start, then call (and invite) them."""
    from bankcrm_cli.services.campaigns.members import members_of
    from bankcrm_cli.services.campaigns.outreach import record_campaign_call, rsvp
    from bankcrm_cli.services.campaigns.targeting import TargetFilters, target_campaign

    name = sample.spec.name
    drawn = _moment(sample.drawn_on, "00")
    target_campaign(
        engine,
        settings,
        name,
        TargetFilters(**sample.filters),
        actor="RM001",
        today=sample.drawn_on,
        drawn_at=drawn,
    )
    members = [m for m in members_of(engine, name, ZONE) if not m.holdout]
    for member in sorted(
        members, key=lambda m: (contact_day(sample, m.customer_id), m.customer_id)
    ):
        said = answer(sample, member.customer_id)
        record_campaign_call(
            engine,
            name,
            member.customer_id,
            response=said,
            actor=member.rm_code or "RM001",
            at=_moment(contact_day(sample, member.customer_id), member.customer_id),
        )
        if sample.spec.capacity and said == "accepted":
            when = _moment(contact_day(sample, member.customer_id), member.customer_id)
            who = member.rm_code or "RM001"
            rsvp(engine, name, member.customer_id, accepted=True, actor=who, at=when)


def _attendance(engine: Engine, sample: SampleCampaign) -> None:
    """Most of those with a seat came to the event."""
    from bankcrm_cli.services.campaigns.members import members_of
    from bankcrm_cli.services.campaigns.outreach import attend

    if sample.spec.event_date is None:
        return
    came = [
        m.customer_id
        for m in members_of(engine, sample.spec.name, ZONE)
        if m.rsvp == "accepted" and score(sample.spec.name, m.customer_id, "came") < 75
    ]
    if came:
        at = _moment(sample.spec.event_date, "06")
        attend(engine, sample.spec.name, came, actor="RM001", at=at)


def openings(engine: Engine) -> list[list[str]]:
    """The rows of sample_data/campaign-holdings.csv: members who open the product inside
    the window, and a few openings that do not count (before the contact, after the window,
    another product), for a store where `load_sample_campaigns` ran."""
    from bankcrm_cli.services.campaigns.members import members_of

    rows = []
    for sample in CAMPAIGNS:
        product = sample.spec.product_types[0]
        for m in members_of(engine, sample.spec.name, ZONE):
            day = opening_day(sample, m.customer_id, m.holdout)
            extra = score(sample.spec.name, m.customer_id, "extra")
            if day is None and extra < 6:  # an opening that does not count
                start = sample.drawn_on if m.holdout else contact_day(sample, m.customer_id)
                product_of, day = [
                    (product, start - timedelta(days=3)),
                    (product, start + timedelta(days=45)),
                    ("insurance", start + timedelta(days=5)),
                ][extra % 3]
            else:
                product_of = product
            if day is None:
                continue
            amount = 10_000 + 1_000 * score(sample.spec.name, m.customer_id, "amount")
            rows.append([account_number(sample.spec.name, m.customer_id), m.customer_id,
                         product_of, PRODUCT_NAMES[product_of], f"{amount}.00", "CNY",
                         day.isoformat()])  # fmt: skip
    return rows


PRODUCT_NAMES = {"fund": "稳健保本基金A", "wealth": "外汇挂钩理财", "insurance": "安心终身寿险"}
HEADER = ["account_id", "customer_id", "product_type", "product_name", "amount", "currency",
          "open_date"]  # fmt: skip


def account_number(name: str, customer_id: str) -> str:
    digits = int(hashlib.sha256(f"{name}|{customer_id}".encode()).hexdigest()[:15], 16)
    return f"6222700{digits % 10**12:012d}"
