"""Merging two records of one customer: what the survivor keeps, takes over, and combines.

Plain rules on mappings of customer fields, shared by `crm customers merge` and by an import
row naming a merged-away number. Values may be typed (date, bool) or in the store's storage
form (ISO text, 0/1): the rules only ask whether a value is blank, equal, or a refusal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bankcrm_cli.domain.fields import CONSENT_CHANNELS
from bankcrm_cli.domain.identity import is_same_person

CONSENT_FIELDS: tuple[str, ...] = tuple(f"consent_{channel}" for channel in CONSENT_CHANNELS)

# Fields filled from the other record when the survivor has none. The later fields of a group
# describe the first (the ID as given, the birthday key), so they only come along with it.
FILL_GROUPS: tuple[tuple[str, ...], ...] = (
    ("id_number", "id_number_raw"),
    ("birth_date", "birth_mmdd"),
    ("gender",),
    ("lunar_birthday",),
    ("phone",),
    ("email",),
    ("fax",),
    ("address",),
    ("postal_code",),
    ("branch",),
    ("rm_code",),
    ("aum_cents",),
)
# Compared, never filled: the survivor always has a name of its own.
COMPARED_ONLY: tuple[str, ...] = ("name",)
SOURCE_MAX = 500


@dataclass(frozen=True)
class FieldMerge:
    """What merging does to the survivor's fields."""

    # field -> (survivor's value, merged value)
    changes: dict[str, tuple[Any, Any]]
    # field -> (survivor's value, kept; the other record's value, dropped)
    kept: dict[str, tuple[Any, Any]]


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def most_restrictive(mine: Any, theirs: Any) -> Any:
    """One channel's consent from two records: a refusal beats a yes, a yes beats unknown."""
    if mine is None:
        return theirs
    if theirs is None:
        return mine
    # A refusal is falsy in either form (False or 0), a yes truthy: `and` keeps the refusal.
    return mine and theirs


def _born_digits(birth: object) -> str:
    return str(birth).replace("-", "")[:8]


def id_contradiction(id_number: object, birth_date: object, gender: object) -> str | None:
    """What contradicts an 18-digit ID number ('birth date', 'gender'), or None."""
    if is_blank(id_number) or len(str(id_number)) != 18:
        return None
    number = str(id_number)
    if not is_blank(birth_date) and _born_digits(birth_date) != number[6:14]:
        return "birth date"
    if not is_blank(gender) and gender != ("M" if number[16] in "13579" else "F"):
        return "gender"
    return None


def _ids(record: Mapping[str, Any]) -> list[str]:
    return [str(v) for v in (record.get("id_number"), record.get("id_number_raw")) if v]


def identity_conflicts(keep: Mapping[str, Any], other: Mapping[str, Any]) -> list[str]:
    """Why two records look like different people; empty when nothing says so.

    Different ID numbers are different people (DOMAIN.md); so are records whose birth dates or
    genders differ, or whose ID number contradicts the other's birth date or gender.
    """
    reasons = []
    mine, theirs = _ids(keep), _ids(other)
    if mine and theirs and not any(is_same_person(a, b) for a in mine for b in theirs):
        return ["their ID numbers differ"]  # birth date and gender differences follow from it
    for name, label in (("birth_date", "birth dates"), ("gender", "genders")):
        a, b = keep.get(name), other.get(name)
        if not is_blank(a) and not is_blank(b) and a != b:
            reasons.append(f"their {label} differ")
    for number, birth, gender in (
        (other.get("id_number"), keep.get("birth_date"), keep.get("gender")),
        (keep.get("id_number"), other.get("birth_date"), other.get("gender")),
    ):
        what = id_contradiction(number, birth, gender)
        if what and not reasons:
            reasons.append(f"one's ID number contradicts the other's {what}")
    return reasons


def merge_fields(keep: Mapping[str, Any], other: Mapping[str, Any]) -> FieldMerge:
    """The survivor's fields after taking in the other record.

    Blank fields are filled from the other record (a blank never erases); a value the survivor
    has stays, and a different one from the other record is reported as kept. An ID number,
    birth date or gender that would contradict what the survivor already has is not taken.
    Consent takes the most restrictive answer per channel. Only fields present in `other` are
    considered, so a partial record (an import row) fills only what it gives.
    """
    merged = dict(keep)
    changes: dict[str, tuple[Any, Any]] = {}
    kept: dict[str, tuple[Any, Any]] = {}
    for name in COMPARED_ONLY:
        if name in other and not is_blank(other[name]) and other[name] != keep.get(name):
            kept[name] = (keep.get(name), other[name])
    for group in FILL_GROUPS:
        lead = group[0]
        theirs = other.get(lead)
        if lead not in other or is_blank(theirs):
            continue
        mine = keep.get(lead)
        if not is_blank(mine):
            if mine != theirs:
                kept[lead] = (mine, theirs)
            continue
        trial = {**merged, **{name: other[name] for name in group if name in other}}
        if id_contradiction(trial.get("id_number"), trial.get("birth_date"), trial.get("gender")):
            kept[lead] = (mine, theirs)
            continue
        merged = trial
        for name in group:
            if name in other and other[name] != keep.get(name):
                changes[name] = (keep.get(name), other[name])
    for name in CONSENT_FIELDS:
        if name not in other:
            continue
        combined = most_restrictive(keep.get(name), other[name])
        if combined != keep.get(name):
            changes[name] = (keep.get(name), combined)
    return FieldMerge(changes=changes, kept=kept)


def merged_consent_stamp(
    keep_at: datetime | None,
    other_at: datetime | None,
    other_source: str | None,
    other_id: str,
) -> tuple[datetime | None, str]:
    """When and where the survivor's consent was last recorded, once answers of the other
    record are part of it: the later of the two dates, and the other record's source."""
    stamps = [at for at in (keep_at, other_at) if at is not None]
    source = f"merged from {other_id}" + (f" ({other_source})" if other_source else "")
    return (max(stamps) if stamps else None), source[:SOURCE_MAX]
