"""Complaint handling deadlines by regulatory policy, and the complaint status state machine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import Refused, UsageError

if TYPE_CHECKING:
    from holidays import HolidayBase

POLICIES = ("cn-nfra", "uk-fca", "us-cfpb")
LEVELS = ("complex", "especially-complex")
STATUSES = ("open", "acknowledged", "in_progress", "resolved", "closed")
ACTIONS = ("ack", "progress", "extend", "resolve", "close", "reopen")

_ONE_DAY = timedelta(days=1)
_HANDLING = ("open", "acknowledged", "in_progress")
_FINISHED = ("resolved", "closed")
# A complaint in one of these is still being handled: its deadline runs.
OPEN_STATUSES = tuple(status for status in STATUSES if status not in _FINISHED)


@dataclass(frozen=True)
class _Limit:
    """A handling period: so many calendar days, or so many business days."""

    days: int
    business: bool = False

    def describe(self) -> str:
        """The period as a person says it, e.g. `35 business days`."""
        return t(
            "cx.business_days" if self.business else "cx.days", days=self.days, count=self.days
        )


# Keyed by (policy, payment services): only uk-fca sets payment-services complaints apart
# (DISP 1.6.2A); the other policies treat them like any other complaint.
_LIMITS: dict[tuple[str, bool], dict[str | None, _Limit]] = {
    ("cn-nfra", False): {
        None: _Limit(15),
        "complex": _Limit(30),
        # "Another 30 days" on top of the complex extension: 60 in all from receipt.
        "especially-complex": _Limit(60),
    },
    ("uk-fca", False): {None: _Limit(56)},
    ("uk-fca", True): {None: _Limit(15, business=True), "complex": _Limit(35, business=True)},
    ("us-cfpb", False): {None: _Limit(15), "complex": _Limit(60)},
}

# The catalogue's name of each rule set, as messages say it.
_NAMES = {
    ("cn-nfra", False): "cx.rule.cn-nfra",
    ("uk-fca", False): "cx.rule.uk-fca",
    ("uk-fca", True): "cx.rule.uk-fca-ps",
    ("us-cfpb", False): "cx.rule.us-cfpb",
}


def _rule(key: tuple[str, bool]) -> str:
    return t(_NAMES[key])


def _level(level: str) -> str:
    return t(f"cx.level.{level}")


def _check_policy(policy: str) -> None:
    if policy not in POLICIES:
        raise UsageError(t("cx.unknown_policy", policy=repr(policy), choices=", ".join(POLICIES)))


def _check_level(level: str | None) -> None:
    if level is not None and level not in LEVELS:
        raise UsageError(t("cx.unknown_level", level=repr(level), choices=", ".join(LEVELS)))


def _check_status(status: str) -> None:
    if status not in STATUSES:
        raise ValueError(f"unknown complaint status {status!r}; expected one of {STATUSES}")


def _rule_key(policy: str, payment_services: bool) -> tuple[str, bool]:
    return (policy, payment_services and policy == "uk-fca")


def _limits(policy: str, payment_services: bool) -> dict[str | None, _Limit]:
    _check_policy(policy)
    return _LIMITS[_rule_key(policy, payment_services)]


def _refuse_missing_level(policy: str, payment_services: bool, level: str) -> None:
    """Refuse `level` when the policy has no such extension."""
    key = _rule_key(policy, payment_services)
    limits = _LIMITS[key]
    if level in limits:
        return
    levels = [lvl for lvl in limits if lvl is not None]
    if not levels:
        raise Refused(t("cx.no_extension", rule=_rule(key)))
    longest = levels[-1]
    period = limits[longest].describe()
    raise Refused(t("cx.extend_only_to", rule=_rule(key), level=_level(longest), period=period))


def _as_day(d: date) -> date:
    # A datetime is a date too; the time of day plays no part in a deadline.
    return d.date() if isinstance(d, datetime) else d


@lru_cache(maxsize=64)
def _uk_holidays(year: int) -> HolidayBase:
    """The England & Wales bank holidays of `year`, from the `holidays` package."""
    import holidays

    # Substitute days stay in their own year (a Saturday Boxing Day moves to the 28th at the
    # latest), so one year is enough. expand=False keeps the cached object unchanged.
    return holidays.UnitedKingdom(subdiv="ENG", years=year, expand=False)


def _is_uk_business_day(d: date) -> bool:
    """Whether `d` is a weekday that is no England & Wales bank holiday."""
    return _uk_holidays(d.year).is_working_day(d)


def _add_uk_business_days(received: date, days: int) -> date:
    """The `days`-th UK business day after `received`."""
    d = received
    for _ in range(days):
        d += _ONE_DAY
        while not _is_uk_business_day(d):
            d += _ONE_DAY
    return d


def deadline(
    policy: str, received: date, *, payment_services: bool = False, level: str | None = None
) -> date:
    """The last day, in time, to answer a complaint received on `received` under `policy`."""
    limits = _limits(policy, payment_services)
    _check_level(level)
    if level is not None:
        _refuse_missing_level(policy, payment_services, level)
    limit = limits[level]
    received = _as_day(received)
    # Day 1 is the day after receipt, and the deadline is not moved off a non-working day:
    # the regulators count the period, not the bank's opening hours.
    if limit.business:
        return _add_uk_business_days(received, limit.days)
    return received + timedelta(days=limit.days)


def can_extend(
    policy: str, payment_services: bool, current_level: str | None, new_level: str
) -> None:
    """Refuse an extension from `current_level` to `new_level` the policy does not allow."""
    _limits(policy, payment_services)
    _check_level(current_level)
    _check_level(new_level)
    if new_level is None:
        raise UsageError(t("cx.give_level", choices=", ".join(LEVELS)))
    _refuse_missing_level(policy, payment_services, new_level)
    if current_level is None or LEVELS.index(new_level) > LEVELS.index(current_level):
        return
    limits = _limits(policy, payment_services)
    longer = [
        lvl
        for lvl in LEVELS[LEVELS.index(current_level) + 1 :]
        if lvl in limits  # a level the policy does not have is no way forward
    ]
    if longer:
        raise Refused(
            t(
                "cx.already_extended_more",
                current=_level(current_level),
                longer=_level(longer[0]),
                period=limits[longer[0]].describe(),
            )
        )
    rule = _rule(_rule_key(policy, payment_services))
    raise Refused(t("cx.already_extended_longest", current=_level(current_level), rule=rule))


def needs_approver(policy: str, level: str | None) -> bool:
    """Whether extending to `level` needs a named approver (cn-nfra especially-complex)."""
    _check_policy(policy)
    _check_level(level)
    # The NFRA measures require senior sign-off for the second 30 days.
    return policy == "cn-nfra" and level == "especially-complex"


def _refuse_after_resolution(current: str, action: str) -> None:
    doing = t(f"cx.doing.{action}")
    if current == "resolved":
        raise Refused(t("cx.resolved_reopen_first", doing=doing))
    raise Refused(t("cx.closed_reopen_first", doing=doing))


def next_status(current: str, action: str) -> str:
    """The status a complaint in `current` moves to on `action`, or Refused if it cannot."""
    _check_status(current)
    if action not in ACTIONS:
        raise ValueError(f"unknown complaint action {action!r}; expected one of {ACTIONS}")
    if action == "ack":
        if current == "open":
            return "acknowledged"
        if current in _FINISHED:
            _refuse_after_resolution(current, action)
        raise Refused(t("cx.nothing_to_ack", status=t(f"status.{current}")))
    if action == "progress":
        if current in _HANDLING:
            return "in_progress"
        _refuse_after_resolution(current, action)
    if action == "extend":
        if current in _HANDLING:
            return current
        # An extension buys time to answer; once answered there is nothing left to extend.
        _refuse_after_resolution(current, action)
    if action == "resolve":
        if current in _HANDLING:
            return "resolved"
        _refuse_after_resolution(current, action)
    if action == "close":
        if current == "resolved":
            return "closed"
        if current == "closed":
            raise Refused(t("cx.already_closed"))
        raise Refused(t("cx.not_resolved"))
    # action == "reopen"
    if current in _FINISHED:
        return "in_progress"
    raise Refused(t("cx.still_open", status=t(f"status.{current}")))


def is_breached(due: date, resolved_on: date | None, today: date) -> bool:
    """Whether a complaint was resolved after its deadline; the deadline day itself is in time."""
    # Breach is a fact about the resolution and stays for good; an unresolved complaint past
    # its deadline is overdue, and becomes breached only once it is resolved. `today` is taken
    # so every rule reads the same, but the answer does not depend on it.
    if resolved_on is None:
        return False
    return _as_day(resolved_on) > _as_day(due)


def is_overdue(due: date, status: str, today: date) -> bool:
    """Whether a complaint still being handled is past its deadline on `today`."""
    _check_status(status)
    return status not in _FINISHED and _as_day(today) > _as_day(due)


def handling_days(received: date, resolved: date) -> int:
    """Days from receipt to resolution, counted like deadlines: resolved next day is 1."""
    received, resolved = _as_day(received), _as_day(resolved)
    if resolved < received:
        raise Refused(
            t(
                "cx.resolved_before_received",
                resolved=resolved.isoformat(),
                received=received.isoformat(),
            )
        )
    return (resolved - received).days
