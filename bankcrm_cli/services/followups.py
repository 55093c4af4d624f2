"""Follow-ups: what each RM must do on a day — birthdays, maturities, call-backs asked for in
the contact log, and complaint deadlines.

The store is asked only for the day's keys (an indexed birthday month-day, an indexed maturity
range); the rules in domain/ then decide on the few rows that come back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import reduce
from operator import add, attrgetter
from typing import TYPE_CHECKING

from sqlalchemy import Engine, Select, and_, case, or_, select

from bankcrm_cli.domain.errors import NotFound, Refused, UsageError
from bankcrm_cli.domain.fields import CONSENT_CHANNELS
from bankcrm_cli.domain.segments import tier_for
from bankcrm_cli.memory import Memo
from bankcrm_cli.store.engine import write_transaction
from bankcrm_cli.store.fast_reads import BackgroundRead, fetch_rows, values_table
from bankcrm_cli.store.tables import (
    complaints_table,
    contacts_table,
    customers_table,
    followup_actions_table,
    holdings_table,
)

if TYPE_CHECKING:
    from bankcrm_cli.domain.calendar import YearDays

# A complaint shows when its deadline is at most this many days after the last covered day.
COMPLAINT_WARNING_DAYS = 2

KINDS: tuple[str, ...] = ("birthday", "maturity", "callback", "complaint")
CURRENCY_SIGNS = {"CNY": "¥"}


@dataclass(frozen=True)
class FollowupRules:
    """The settings that shape follow-ups."""

    pull_forward: bool = True
    feb29: str = "feb28"
    lead_days: int = 7
    product_leads: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings) -> FollowupRules:
        return cls(
            pull_forward=settings.get("followups.pull_forward"),
            feb29=settings.get("followups.feb29"),
            lead_days=settings.get("followups.lead_days"),
            product_leads=settings.product_leads(),
        )


@dataclass
class FollowupItem:
    """One thing to do. A busy day of a whole bank makes tens of thousands: a plain dataclass
    is as quick to make as a named tuple, and the JSON writer (orjson) writes it as an object
    itself, where a dict made per item for it cost more than the rest of the output.
    """

    id: str
    kind: str
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


@dataclass(frozen=True)
class FollowupDay:
    """The follow-ups of one run: the day asked for and the days it covers."""

    date: date
    covers: list[date]
    items: list[FollowupItem]


def _money(amount_cents: int | None, currency: str) -> str:
    if amount_cents is None:
        return ""
    sign = CURRENCY_SIGNS.get(currency, f"{currency} ")
    return f"{sign}{amount_cents / 100:,.2f}"


def _refusals_by_mask() -> tuple[tuple[str, ...], ...]:
    """The refused channels for each bit mask (bit i: CONSENT_CHANNELS[i] refused)."""
    return tuple(
        tuple(ch for bit, ch in enumerate(CONSENT_CHANNELS) if mask >> bit & 1)
        for mask in range(1 << len(CONSENT_CHANNELS))
    )


_REFUSALS = _refusals_by_mask()

# The channels a customer refused, as one bit mask the store computes: a whole bank's day is
# thousands of rows, and five booleans a row cost more to read and check than one number.
_REFUSED_MASK = reduce(
    add,
    (
        case((customers_table.c[f"consent_{channel}"].is_(False), 1 << bit), else_=0)
        for bit, channel in enumerate(CONSENT_CHANNELS)
    ),
).label("refused")

# What an item needs of its customer, in this order: no timestamps, nothing to type-process.
_ITEM_COLUMNS = [
    *(customers_table.c[name] for name in ("customer_id", "name", "rm_code", "branch")),
    customers_table.c.aum_cents,
    customers_table.c.phone,
    _REFUSED_MASK,
]


def _customer_filters(rm_code: str | None, branch: str | None) -> list:
    # A day's birthdays, maturities, call-backs and complaints are far fewer than one RM's
    # customers. Compared as expressions (`|| ''`), these filters check the rows found instead
    # of leading the store to start from every customer of the RM or branch.
    c = customers_table.c
    conditions = []
    if rm_code:
        conditions.append(c.rm_code + "" == rm_code)
    if branch:
        conditions.append(c.branch + "" == branch)
    return conditions


def _item(row, *, kind: str, item_id: str, due: date, detail: str, today: date, account=None):
    return FollowupItem(
        id=item_id,
        kind=kind,
        customer_id=row.customer_id,
        name=row.name,
        rm_code=row.rm_code,
        branch=row.branch,
        due_date=due,
        account_id=account,
        detail=detail,
        tier=tier_for(row.aum_cents),
        phone=row.phone,
        overdue=due < today,
        refused_channels=_REFUSALS[row.refused],
    )


def _birthdays(conn, days: Sequence[date], rules: FollowupRules, filters) -> list[FollowupItem]:
    return _birthday_items(fetch_rows(conn, _birthday_query(days, rules, filters)), days, rules)


def _birthday_query(days: Sequence[date], rules: FollowupRules, filters) -> Select:
    from bankcrm_cli.domain.birthdays import gregorian_keys, lunar_keys

    c = customers_table.c
    gregorian = sorted(gregorian_keys(days, rules.feb29))
    lunar = sorted(lunar_keys(days))
    return select(*_ITEM_COLUMNS, c.birth_date, c.lunar_birthday).where(
        or_(
            and_(c.birth_mmdd.in_(gregorian), c.lunar_birthday.is_not(True)),
            and_(c.lunar_mmdd.in_(lunar), c.lunar_birthday.is_(True)),
        ),
        *filters,
    )


def _birthday_items(rows, days: Sequence[date], rules: FollowupRules) -> list[FollowupItem]:
    """The birthday items of the rows `_birthday_query` found."""
    from bankcrm_cli.domain.birthdays import birthday_on, gregorian_days_by_key

    on_day = gregorian_days_by_key(days, rules.feb29)
    today = days[0]

    def occurrence(birth: date, lunar: bool) -> tuple[date, str, str, bool] | None:
        if lunar:
            due = birthday_on(birth, True, days, rules.feb29)
            calendar = "农历生日"
        else:  # the same answer as birthday_on, found by key: a whole bank has thousands
            due = on_day.get(birth.month * 100 + birth.day)
            calendar = "生日"
        if due is None:
            return None
        on = due.isoformat()
        return due, on, f"{calendar} {on}, {due.year - birth.year} 岁", due < today

    # A whole bank's birthdays on a few days share a few hundred birth dates: each is worked
    # out once.
    occurrences = Memo(occurrence)
    items = []
    # Unpacked by position: a whole bank's day is thousands of rows, and names cost per use.
    for customer_id, name, rm, branch, aum, phone, refused, birth, lunar in rows:
        found = occurrences[birth, lunar]
        if found is None:
            continue
        due, on, detail, overdue = found
        items.append(
            FollowupItem(
                f"birthday:{customer_id}:{on}",
                "birthday",
                customer_id,
                name,
                rm,
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


def _maturity_detail(
    label: str, name: str | None, amount_cents, currency: str, on: str, auto_rollover
) -> str:
    """What to say of a maturing holding; `on` is the maturity date in ISO form."""
    rollover = _ROLLOVER.get(auto_rollover, "unknown")
    name = f" {name}" if name else ""
    return f"{label}{name} {_money(amount_cents, currency)} matures {on}, auto-rollover: {rollover}"


_ROLLOVER = {True: "yes", False: "no"}


def _maturities(conn, days: Sequence[date], rules: FollowupRules, filters) -> list[FollowupItem]:
    return _maturity_items(fetch_rows(conn, _maturity_query(days, rules, filters)), days, rules)


def _maturity_query(days: Sequence[date], rules: FollowupRules, filters) -> Select:
    from bankcrm_cli.domain.maturities import maturity_query_range

    longest = max([rules.lead_days, *rules.product_leads.values()])
    first, last = maturity_query_range(days, longest)
    h = holdings_table.c
    return (
        select(
            h.account_id,
            h.product_type,
            h.product_name,
            h.amount_cents,
            h.currency,
            h.maturity_date,
            h.auto_rollover,
            *_ITEM_COLUMNS,
        )
        .join(customers_table, customers_table.c.customer_id == h.customer_id)
        .where(h.maturity_date.between(first, last), *filters)
    )


def _maturity_items(rows, days: Sequence[date], rules: FollowupRules) -> list[FollowupItem]:
    """The maturity items of the rows `_maturity_query` found: those whose window covers a day."""
    from bankcrm_cli.domain.maturities import lead_for, maturity_shows
    from bankcrm_cli.domain.products import PRODUCT_LABELS

    today = days[0]

    def window(due: date, product: str | None) -> tuple[str, str, bool] | None:
        if not maturity_shows(due, days, lead_for(product, rules.product_leads, rules.lead_days)):
            return None
        return due.isoformat(), PRODUCT_LABELS.get(product) or product or "product", due < today

    # A whole bank's holdings in the window share a few dates and product types: each pair is
    # worked out once.
    windows = Memo(window)
    items = []
    for (
        account,
        product,
        product_name,
        amount,
        currency,
        due,
        rollover,
        customer_id,
        name,
        rm,
        branch,
        aum,
        phone,
        refused,
    ) in rows:
        found = windows[due, product]
        if found is None:
            continue
        on, label, overdue = found
        items.append(
            FollowupItem(
                f"maturity:{account}:{on}",
                "maturity",
                customer_id,
                name,
                rm,
                branch,
                due,
                account,
                _maturity_detail(label, product_name, amount, currency, on, rollover),
                tier_for(aum),
                phone,
                overdue,
                _REFUSALS[refused],
            )
        )
    return items


def _callbacks(conn, days: Sequence[date], filters) -> list[FollowupItem]:
    k = contacts_table.c
    query = (
        select(*_ITEM_COLUMNS, k.id.label("contact_id"), k.next_date, k.next_note, k.outcome)
        .join(customers_table, customers_table.c.customer_id == k.customer_id)
        .where(k.next_date.is_not(None), k.callback_closed_at.is_(None))
        .where(k.next_date <= days[-1], *filters)
    )
    items = []
    for row in conn.execute(query).fetchall():
        reason = row.next_note or f"call back (last contact: {row.outcome})"
        items.append(
            _item(
                row,
                kind="callback",
                item_id=f"callback:{row.contact_id}",
                due=row.next_date,
                detail=reason,
                today=days[0],
            )
        )
    return items


def _complaints(conn, days: Sequence[date], filters) -> list[FollowupItem]:
    t = complaints_table.c
    horizon = days[-1] + timedelta(days=COMPLAINT_WARNING_DAYS)
    query = (
        select(
            *_ITEM_COLUMNS,
            t.id.label("complaint_id"),
            t.category,
            t.summary,
            t.due_date,
            t.policy,
            t.status,
        )
        .join(customers_table, customers_table.c.customer_id == t.customer_id)
        .where(t.status.in_(("open", "acknowledged", "in_progress")), t.due_date <= horizon)
        .where(*filters)
    )
    items = []
    for row in conn.execute(query).fetchall():
        detail = (
            f"投诉 #{row.complaint_id} {row.category}: {row.summary} — deadline "
            f"{row.due_date.isoformat()} ({row.policy}, {row.status})"
        )
        items.append(
            _item(
                row,
                kind="complaint",
                item_id=f"complaint:{row.complaint_id}",
                due=row.due_date,
                detail=detail,
                today=days[0],
            )
        )
    return items


def _states(conn, item_ids: Iterable[str]) -> dict[str, tuple[str, date | None]]:
    """The latest action (done/snooze, until) on each of these items."""
    a = followup_actions_table.c
    listed = values_table(conn, set(item_ids), a.item_id.type)
    rows = conn.execute(
        select(a.item_id, a.action, a.until)
        .join_from(listed, followup_actions_table, a.item_id == listed.c.value)
        .order_by(a.id)
    )
    return {item_id: (action, until) for item_id, action, until in rows}


def _visible(item: FollowupItem, state, day: date) -> bool:
    if state is None:
        return True
    action, until = state
    if action == "done":
        return False
    return until is None or until <= day


def _snoozed_back(conn, covers: Sequence[date], rules, filters) -> list[FollowupItem]:
    """Items snoozed until one of the covered days: they come back then, wherever they fell."""
    a = followup_actions_table.c
    rows = conn.execute(
        select(a.item_id).where(a.action == "snooze", a.until.between(covers[0], covers[-1]))
    ).scalars()
    items = []
    for item_id in set(rows):
        item = _item_from_id(conn, item_id, covers[0], rules, filters)
        if item is not None:
            items.append(item)
    return items


def _item_from_id(
    conn, item_id: str, today: date, rules: FollowupRules, filters
) -> FollowupItem | None:
    """Rebuild a birthday or maturity item from its id (None if it no longer applies)."""
    kind, _, rest = item_id.partition(":")
    key, _, when = rest.rpartition(":")
    try:
        due = date.fromisoformat(when)
    except ValueError:
        return None
    if kind == "birthday":
        rows = _birthdays(
            conn,
            [due],
            FollowupRules(pull_forward=False, feb29=rules.feb29),
            [customers_table.c.customer_id == key, *filters],
        )
    elif kind == "maturity":
        if due < today:  # a maturity is gone after its date, done or not
            return None
        rows = _maturities(
            conn, [due], FollowupRules(lead_days=0), [holdings_table.c.account_id == key, *filters]
        )
    else:
        return None
    for item in rows:
        item.overdue = item.due_date < today
        return item
    return None


def followups_on(
    engine: Engine,
    day: date,
    rules: FollowupRules,
    *,
    rm_code: str | None = None,
    branch: str | None = None,
    kinds: Sequence[str] = KINDS,
    year_days: YearDays | None = None,
) -> FollowupDay:
    """The follow-ups a run on `day` shows, done ones left out and snoozed ones until due.

    `year_days` tells the working days (default: worked out from the `holidays` package).
    """
    from bankcrm_cli.domain.calendar import BusinessCalendar, china_working_days

    calendar = BusinessCalendar(rules.pull_forward, year_days or china_working_days)
    covers = calendar.covered_days(day)
    filters = _customer_filters(rm_code, branch)
    with engine.connect() as conn:
        items: list[FollowupItem] = []
        # The two big reads at once: maturities on a connection of their own, in a thread,
        # while this one reads the birthdays and makes their items (see fetch_rows). Two
        # reads, so a write committed between them shows in the second only, as it would in
        # a run a moment later.
        maturities = None
        if "maturity" in kinds:
            maturities = BackgroundRead(conn, _maturity_query(covers, rules, filters))
        if "birthday" in kinds:
            items += _birthdays(conn, covers, rules, filters)
        if maturities is not None:
            items += _maturity_items(maturities.rows(), covers, rules)
        if "callback" in kinds:
            items += _callbacks(conn, covers, filters)
        if "complaint" in kinds:
            items += _complaints(conn, covers, filters)
        states = _states(conn, [item.id for item in items])
        if states:  # most items of a day have no action on them: no call for those
            items = [i for i in items if i.id not in states or _visible(i, states[i.id], day)]
        known = {item.id for item in items}
        returning = [
            item
            for item in _snoozed_back(conn, covers, rules, filters)
            if item.kind in kinds and item.id not in known
        ]
        if returning:
            states = _states(conn, [item.id for item in returning])
            items += [i for i in returning if _visible(i, states.get(i.id), covers[-1])]
    return FollowupDay(date=day, covers=covers, items=_in_order(items))


def _in_order(items: list[FollowupItem]) -> list[FollowupItem]:
    """By kind (in KINDS order), then due date, customer and id."""
    by_kind: dict[str, list[FollowupItem]] = {kind: [] for kind in KINDS}
    for item in items:
        by_kind[item.kind].append(item)
    ordered = []
    for group in by_kind.values():
        ordered += sorted(group, key=_ORDER_IN_KIND)
    return ordered


_ORDER_IN_KIND = attrgetter("due_date", "customer_id", "id")


def upcoming(
    engine: Engine,
    start: date,
    days: int,
    rules: FollowupRules,
    year_days: YearDays | None = None,
    **filters,
) -> dict[date, list[FollowupItem]]:
    """Follow-ups falling due in the `days` days from `start`, grouped by due date."""
    if days < 1:
        raise UsageError("--days must be at least 1")
    end = start + timedelta(days=days - 1)
    seen: dict[str, FollowupItem] = {}
    day = start
    while day <= end:
        for item in followups_on(engine, day, rules, year_days=year_days, **filters).items:
            if start <= item.due_date <= end:
                seen.setdefault(item.id, item)
        day += timedelta(days=1)
    grouped: dict[date, list[FollowupItem]] = {}
    for item in sorted(seen.values(), key=lambda i: (i.due_date, i.kind, i.customer_id)):
        grouped.setdefault(item.due_date, []).append(item)
    return grouped


def _check_item_id(engine: Engine, item_id: str) -> str:
    kind, _, rest = item_id.partition(":")
    if kind not in KINDS or not rest:
        raise UsageError(
            f"{item_id!r} is not a follow-up id; ids look like birthday:<customer>:<date> "
            "or maturity:<account>:<date> (see `crm followups today --format json`)"
        )
    key = rest.rpartition(":")[0] if kind in ("birthday", "maturity") else rest
    column = {
        "birthday": customers_table.c.customer_id,
        "maturity": holdings_table.c.account_id,
        "callback": contacts_table.c.id,
        "complaint": complaints_table.c.id,
    }[kind]
    if kind in ("callback", "complaint"):
        if not key.isdigit():
            raise UsageError(f"{item_id!r}: {kind} ids are {kind}:<number>")
        key = int(key)
    with engine.connect() as conn:
        if conn.execute(select(column).where(column == key)).first() is None:
            raise NotFound(f"no follow-up {item_id!r}: {key} is not in the store")
    return kind


def _survivor_item_id(engine: Engine, item_id: str) -> str:
    """A birthday id naming a merged-away customer number is the survivor's birthday."""
    from bankcrm_cli.services.aliases import resolve_customer_id

    kind, _, rest = item_id.partition(":")
    customer, _, when = rest.rpartition(":")
    if kind != "birthday" or not customer:
        return item_id
    with engine.connect() as conn:
        survivor = resolve_customer_id(conn, customer)
    return item_id if survivor == customer else f"birthday:{survivor}:{when}"


def record_action(
    engine: Engine,
    item_id: str,
    action: str,
    actor: str,
    *,
    until: date | None = None,
    note: str | None = None,
) -> None:
    """Mark a follow-up done, or snooze it until a date; kept with who and when."""
    item_id = _survivor_item_id(engine, item_id)
    kind = _check_item_id(engine, item_id)
    if kind == "complaint" and action == "done":
        raise Refused(
            "a complaint is done when it is resolved: crm complaints resolve "
            f"{item_id.partition(':')[2]} --resolution TEXT"
        )
    with write_transaction(engine) as conn:
        if kind == "callback" and action == "done":
            from bankcrm_cli.services.contacts import close_callbacks

            contact_id = int(item_id.partition(":")[2])
            customer = conn.execute(
                select(contacts_table.c.customer_id).where(contacts_table.c.id == contact_id)
            ).scalar_one()
            close_callbacks(conn, customer, actor, by_contact=None, only=contact_id)
        conn.execute(
            followup_actions_table.insert(),
            {
                "item_id": item_id,
                "kind": kind,
                "action": action,
                "until": until,
                "note": note,
                "actor": actor,
                "at": datetime.now(UTC),
            },
        )
