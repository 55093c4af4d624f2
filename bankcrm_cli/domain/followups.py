"""The follow-up vocabulary: the kinds of follow-up and the ids that name one item."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.dates import LARGEST_NUMBER, check_day
from bankcrm_cli.domain.errors import UsageError


class FollowupKind(StrEnum):
    """What a follow-up is about; listed in the order a day's list shows them."""

    birthday = "birthday"
    maturity = "maturity"
    callback = "callback"
    complaint = "complaint"
    campaign = "campaign"

    @property
    def dated(self) -> bool:
        """Whether its ids carry the due date (a birthday or a maturity comes back each time)."""
        return self in _DATED


_DATED = frozenset({FollowupKind.birthday, FollowupKind.maturity})
_NAMES = frozenset(kind.value for kind in FollowupKind)

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def check_not_past(day: date, today: date, what: str) -> date:
    """`day` when it is today or later (and in the supported range); UsageError otherwise."""
    check_day(day, what)
    if day < today:
        raise UsageError(t("fid.past", what=what, day=day.isoformat(), today=today))
    return day


@dataclass(frozen=True)
class FollowupId:
    """`kind:key:date` for birthdays and maturities, `kind:number` for call-backs, complaints
    and campaign calls.

    The key is a customer number (birthday), an account (maturity), a contact number
    (call-back), a complaint number or a campaign member's number; `on` is the due date as
    written in the id.
    """

    kind: FollowupKind
    key: str
    on: str | None = None

    @classmethod
    def parse(cls, text: str) -> FollowupId:
        """The id `text` names; UsageError when it is not written like one."""
        kind, _, rest = text.partition(":")
        if kind not in _NAMES or not rest:
            raise UsageError(t("fid.not_an_id", text=text, forms=t("fid.forms")))
        kind = FollowupKind(kind)
        if kind.dated:
            key, colon, on = rest.rpartition(":")
            if not colon:
                raise UsageError(t("fid.dated_form", text=text, kind=kind.value))
            return cls(kind, key, on)
        if not (rest.isascii() and rest.isdigit()):
            raise UsageError(t("fid.number_form", text=text, kind=kind.value))
        # Call-back and complaint numbers are the store's 64-bit row numbers; the length is
        # looked at first, as int() refuses thousands of digits with an error of its own.
        digits = rest.lstrip("0") or "0"
        if len(digits) > len(str(LARGEST_NUMBER)) or int(digits) > LARGEST_NUMBER:
            raise UsageError(t("fid.too_large", text=text, kind=kind.value, largest=LARGEST_NUMBER))
        return cls(kind, digits)

    @classmethod
    def given(cls, text: str) -> FollowupId:
        """The id a user typed: as `parse`, and a dated id's date is a real YYYY-MM-DD day a
        follow-up can fall on (`parse` alone also reads ids stored before that was checked)."""
        followup = cls.parse(text)
        if followup.on is None:
            return followup
        due = followup.due if _ISO_DAY.fullmatch(followup.on) else None
        if due is None:
            raise UsageError(t("fid.not_a_date", text=text, on=followup.on))
        check_day(due, t("fid.the_date", text=text))
        return followup

    @staticmethod
    def format(kind: str, key: object, on: str | None = None) -> str:
        """The id's text, made without a FollowupId (a whole bank's day makes thousands)."""
        if on is None:
            return f"{kind}:{key}"
        return f"{kind}:{key}:{on}"

    @staticmethod
    def key_prefix(kind: str, key: str) -> str:
        """What every dated id of this kind and key starts with."""
        return f"{kind}:{key}:"

    def __str__(self) -> str:
        return self.format(self.kind.value, self.key, self.on)

    @property
    def due(self) -> date | None:
        """The due date the id carries (None: none, or not a date)."""
        if self.on is None:
            return None
        try:
            return date.fromisoformat(self.on)
        except ValueError:
            return None

    @property
    def number(self) -> int:
        """The contact or complaint number of a call-back or complaint id."""
        return int(self.key)

    def with_key(self, key: str) -> FollowupId:
        return FollowupId(self.kind, key, self.on)


@dataclass(frozen=True)
class FollowupRules:
    """What shapes the follow-ups: pull-forward over closed days, 29 February, lead days."""

    pull_forward: bool = True
    feb29: str = "feb28"
    lead_days: int = 7
    product_leads: dict[str, int] = field(default_factory=dict)
