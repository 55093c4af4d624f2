"""Follow-up items: one thing to do, made from the rows the store found for a day."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any

from bankcrm_cli.domain.catalogue import t, t_or
from bankcrm_cli.domain.fields import CONSENT_CHANNELS
from bankcrm_cli.domain.followups import FollowupId, FollowupKind, FollowupRules
from bankcrm_cli.domain.money import format_cents
from bankcrm_cli.domain.segments import tier_for
from bankcrm_cli.memory import Memo


@dataclass(slots=True)
class FollowupItem:
    """One thing to do. A busy day of a whole bank makes tens of thousands: a dataclass with
    slots is as quick to make as a named tuple, and the JSON writer (orjson) writes it as an
    object itself, where a dict made per item for it cost more than the rest of the output.
    Made by position (keyword arguments cost more than the rest of making an item).
    """

    id: str
    kind: str  # a FollowupKind's value
    customer_id: str
    name: str
    rm_code: str | None
    branch: str | None
    due_date: date
    account_id: str | None
    detail: str
    tier: str | None
    phone: str | None
    overdue: bool
    refused_channels: tuple[str, ...]


def _refusals_by_mask() -> tuple[tuple[str, ...], ...]:
    """The refused channels for each bit mask (bit i: CONSENT_CHANNELS[i] refused)."""
    return tuple(
        tuple(ch for bit, ch in enumerate(CONSENT_CHANNELS) if mask >> bit & 1)
        for mask in range(1 << len(CONSENT_CHANNELS))
    )


_REFUSALS = _refusals_by_mask()

# The kinds as plain strings: an item's kind and id are written for every item of a day.
_BIRTHDAY = FollowupKind.birthday.value
_MATURITY = FollowupKind.maturity.value
_CALLBACK = FollowupKind.callback.value
_COMPLAINT = FollowupKind.complaint.value
_CAMPAIGN = FollowupKind.campaign.value
_id_text = FollowupId.format


def _item(
    item_id: str,
    kind: str,
    customer: Sequence[Any],
    due: date,
    overdue: bool,
    detail: str,
    account: str | None = None,
) -> FollowupItem:
    """An item of a kind a day has few of (call-backs, complaints, campaign calls); `customer`
    is a store row that starts with the customer's columns (customer_id, name, rm_code,
    branch, aum_cents, phone, refused mask). Birthdays and maturities, a whole bank's
    thousands, are made in their loops in the same order, without this call per item."""
    return FollowupItem(
        item_id,
        kind,
        customer[0],
        customer[1],
        customer[2],
        customer[3],
        due,
        account,
        detail,
        tier_for(customer[4]),
        customer[5],
        overdue,
        _REFUSALS[customer[6]],
    )


def birthday_items(
    rows: Iterable[Sequence[Any]], days: Sequence[date], rules: FollowupRules
) -> list[FollowupItem]:
    """The birthday items of `queries.birthday_rows`: those whose birthday falls on a day."""
    from bankcrm_cli.domain.birthdays import birthday_on, gregorian_days_by_key

    on_day = gregorian_days_by_key(days, rules.feb29)
    today = days[0]

    def occurrence(birth: date, lunar: bool) -> tuple[date, str, str, bool] | None:
        if lunar:
            due = birthday_on(birth, True, days, rules.feb29)
            calendar = "fu.lunar_birthday"
        else:  # the same answer as birthday_on, found by key: a whole bank has thousands
            due = on_day.get(birth.month * 100 + birth.day)
            calendar = "fu.birthday"
        if due is None:
            return None
        on = due.isoformat()
        age = due.year - birth.year
        return due, on, t(calendar, on=on, age=age, count=age), due < today

    # A whole bank's birthdays on a few days share a few hundred birth dates: each is worked
    # out once.
    occurrences = Memo(occurrence)
    items = []
    add = items.append
    for customer_id, name, rm_code, branch, aum, phone, refused, birth, lunar in rows:
        found = occurrences[birth, lunar]
        if found is None:
            continue
        due, on, detail, overdue = found
        add(
            FollowupItem(
                _id_text(_BIRTHDAY, customer_id, on),
                _BIRTHDAY,
                customer_id,
                name,
                rm_code,
                branch,
                due,
                None,
                detail,
                tier_for(aum),
                phone,
                overdue,
                _REFUSALS[refused],
            )
        )
    return items


_ROLLOVER = {True: "yes", False: "no", None: "unknown"}
# Stands for the amount while a maturity's words are made once for many holdings.
_AMOUNT = "\x00amount\x00"


def _maturity_detail(label: str, product_name: str | None, amount: str, on: str, rollover) -> str:
    """What to say of a maturing holding; `on` is the maturity date in ISO form."""
    return t(
        "fu.maturity",
        product=label,
        name=f" {product_name}" if product_name else "",
        amount=amount,
        on=on,
        rollover=t(_ROLLOVER.get(rollover, "unknown")),
    )


def _words_around_amount(
    on: str, label: str, product_name: str | None, rollover
) -> tuple[str, str] | None:
    """The maturity's words before and after its amount, which alone differs between the
    holdings of one kind, name and day; None when a stored value holds the placeholder."""
    text = _maturity_detail(label, product_name, _AMOUNT, on, rollover)
    if text.count(_AMOUNT) != 1:
        return None
    before, _, after = text.partition(_AMOUNT)
    return before, after


def maturity_items(
    rows: Iterable[Sequence[Any]], days: Sequence[date], rules: FollowupRules
) -> list[FollowupItem]:
    """The maturity items of `queries.maturity_rows`: those whose window covers a day."""
    from bankcrm_cli.domain.maturities import lead_for, maturity_shows
    from bankcrm_cli.domain.products import PRODUCT_LABELS

    today = days[0]

    def window(due: date, product: str | None) -> tuple[str, str, bool] | None:
        if not maturity_shows(due, days, lead_for(product, rules.product_leads, rules.lead_days)):
            return None
        label = t_or("product", product) if product in PRODUCT_LABELS else product
        return due.isoformat(), label or t("product.other"), due < today

    # A whole bank's holdings in the window share a few dates, product types and names: each
    # window, and the words around each amount, are worked out once.
    windows = Memo(window)
    words = Memo(_words_around_amount)
    items = []
    add = items.append
    for (
        customer_id, name, rm_code, branch, aum, phone, refused,
        account, product, product_name, amount, currency, due, rollover,
    ) in rows:  # fmt: skip
        found = windows[due, product]
        if found is None:
            continue
        on, label, overdue = found
        money = "" if amount is None else format_cents(amount, currency)
        around = words[on, label, product_name, rollover]
        if around is None:
            detail = _maturity_detail(label, product_name, money, on, rollover)
        else:
            detail = around[0] + money + around[1]
        add(
            FollowupItem(
                _id_text(_MATURITY, account, on),
                _MATURITY,
                customer_id,
                name,
                rm_code,
                branch,
                due,
                account,
                detail,
                tier_for(aum),
                phone,
                overdue,
                _REFUSALS[refused],
            )
        )
    return items


def callback_items(rows: Iterable[Any], today: date) -> list[FollowupItem]:
    """The call-back items of `queries.open_callback_rows`."""
    return [
        _item(
            _id_text(_CALLBACK, row.contact_id),
            _CALLBACK,
            row,
            row.next_date,
            row.next_date < today,
            row.next_note or t("fu.callback", outcome=t_or("outcome", row.outcome)),
        )
        for row in rows
    ]


def complaint_items(rows: Iterable[Any], today: date) -> list[FollowupItem]:
    """The complaint-deadline items of `queries.complaint_deadline_rows`."""
    return [
        _item(
            _id_text(_COMPLAINT, row.complaint_id),
            _COMPLAINT,
            row,
            row.due_date,
            row.due_date < today,
            t(
                "fu.complaint",
                id=row.complaint_id,
                category=row.category,
                summary=row.summary,
                due=row.due_date.isoformat(),
                policy=row.policy,
                status=t_or("status", row.status),
            ),
        )
        for row in rows
    ]


def campaign_items(rows: Iterable[Any], day: date) -> list[FollowupItem]:
    """The campaign calls of `campaign_members.call_list_rows`: done when an answer is logged."""
    return [
        _item(
            _id_text(_CAMPAIGN, row.member_id),
            _CAMPAIGN,
            row,
            day,
            False,
            t("camp.fu.detail", title=row.title, customer=row.customer_id, campaign=row.campaign),
        )
        for row in rows
    ]


_ORDER_IN_KIND = attrgetter("due_date", "customer_id", "id")


def in_order(items: list[FollowupItem]) -> list[FollowupItem]:
    """By kind (in FollowupKind order), then due date, customer and id."""
    by_kind: dict[str, list[FollowupItem]] = {kind.value: [] for kind in FollowupKind}
    for item in items:
        by_kind[item.kind].append(item)
    ordered = []
    for group in by_kind.values():
        ordered += sorted(group, key=_ORDER_IN_KIND)
    return ordered
