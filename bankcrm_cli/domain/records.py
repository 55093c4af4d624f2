"""Whole-row cleaners for imports: raw rows in, validated records out, or why a row is refused.

A blank cell leaves the stored value as it is, so its field is ABSENT in the record. A present
but invalid value rejects the whole row with `field: what is wrong`; nothing is silently fixed.
Records hold values as the store keeps them: ISO dates, money in integer cents, yes/no as 1/0.

Rows are cleaned a batch at a time, column by column: each field's rule runs in one loop over
its column, with a shortcut for the common well-formed cell, which is what a million-row import
needs; the cell and column rules are in cell_rules.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from itertools import compress, repeat
from operator import add, eq, ne

from bankcrm_cli.domain.birthdays import LUNAR_FIRST_DAY, LUNAR_LAST_DAY, lunar_mmdd_lookup
from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.cell_rules import (
    ABSENT,
    CONSENT_FIELDS,
    DAY_OF,
    EARLIEST_BIRTH,
    MONTH_OF,
    Invalid,
    column_rules,
    id_text,
    money_text,
)
from bankcrm_cli.domain.fields import REQUIRED_COLUMNS
from bankcrm_cli.domain.identity import id_parts, plain_id_column, plain_id_facts

# What a file can determine, per kind, in record order. Besides the file's own fields: the ID
# number as given when it was a 15-digit one (None once an 18-digit number is given), the
# birthday's month-day key, and the lunar one when the row says both birth date and lunar
# birthday (the store works it out otherwise). Money is kept in cents.
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "customers": (
        "customer_id",
        "name",
        "id_number",
        "id_number_raw",
        "gender",
        "birth_date",
        "birth_mmdd",
        "lunar_birthday",
        "lunar_mmdd",
        "phone",
        "email",
        "fax",
        "address",
        "postal_code",
        "branch",
        "rm_code",
        "aum_cents",
        *CONSENT_FIELDS,
    ),
    "holdings": (
        "account_id",
        "customer_id",
        "product_type",
        "product_name",
        "amount_cents",
        "currency",
        "open_date",
        "maturity_date",
        "auto_rollover",
    ),
    "rms": ("rm_code", "name", "phone", "email", "branch"),
}

# Rows in; the valid rows' records, and (row index, reason) of each refused row, out.
BatchCleaner = Callable[[Sequence[Sequence[object]]], tuple[list[tuple], list[tuple[int, str]]]]


# --- the rules across fields -------------------------------------------------------------------


def _customer_rules(
    columns: dict[str, list],
    ids: Sequence[object] | None,
    n: int,
    today: date,
    refused: dict[int, str],
) -> None:
    """The ID against birth date and gender (filling them in from it), dates, AUM, and the
    derived keys. Works on `columns` in place; reasons go to `refused`."""
    absent = [ABSENT] * n
    columns.setdefault("gender", list(absent))
    columns.setdefault("birth_date", list(absent))
    plain = plain_id_column(ids, today) if ids is not None else None
    if plain is not None:
        _plain_id_rules(columns, ids, *plain, refused)
    else:
        _id_rules(columns, ids if ids is not None else absent, today, refused)
    births = columns["birth_date"]

    aum = columns.get("aum_cents")
    if aum is not None and min(compress(aum, map(isinstance, aum, repeat(int))), default=0) < 0:
        for j, cents in enumerate(aum):
            if cents.__class__ is int and cents < 0:
                refused.setdefault(j, "aum: " + t("rj.negative_aum", value=money_text(cents)))

    try:
        columns["birth_mmdd"] = list(map(int, map(add, map(MONTH_OF, births), map(DAY_OF, births))))
    except (TypeError, ValueError):  # blanks, or refused cells
        columns["birth_mmdd"] = [
            int(born[5:7] + born[8:10]) if born.__class__ is str and born else ABSENT
            for born in births
        ]
    lunar = columns.get("lunar_birthday")
    if lunar is not None and 1 in lunar:
        key = lunar_mmdd_lookup(lunar.count(1))
        first, last = LUNAR_FIRST_DAY.isoformat(), LUNAR_LAST_DAY.isoformat()
        keys = [ABSENT] * n
        for j in compress(range(n), map(eq, lunar, repeat(1))):
            born = births[j]
            if born.__class__ is str and first <= born <= last:
                keys[j] = key(date.fromisoformat(born))
        columns["lunar_mmdd"] = keys


def _plain_id_rules(
    columns: dict[str, list],
    numbers: Sequence[str],
    born_of: list[str],
    sex_of: list[str],
    refused: dict[int, str],
) -> None:
    """`_id_rules` for a column of valid, plainly written 18-digit numbers, a column at a time."""
    n = len(numbers)
    columns["id_number"] = list(numbers)
    # An 18-digit number replaces any 15-digit one recorded before.
    columns["id_number_raw"] = [None] * n
    for name, derived in (("gender", sex_of), ("birth_date", born_of)):
        stated = columns[name]
        if ABSENT in stated:
            stated = [d if s is ABSENT else s for s, d in zip(stated, derived, strict=True)]
            columns[name] = stated
        if stated != derived:
            for j in compress(range(n), map(ne, stated, derived)):
                refused.setdefault(
                    j, f"{name}: " + t("rj.contradicts_id", stated=stated[j], derived=derived[j])
                )


def _id_rules(
    columns: dict[str, list], ids: Sequence[object], today: date, refused: dict[int, str]
) -> None:
    """The ID against birth date and gender, filling them in from it; without an ID, the birth
    date on its own. Row by row, for any ID numbers."""
    n = len(ids)
    genders, births = columns["gender"], columns["birth_date"]
    today_text = today.isoformat()
    numbers, given_15 = [ABSENT] * n, [ABSENT] * n
    for j, raw in enumerate(ids):
        if raw is None or (raw.__class__ is str and (not raw or raw.isspace())):
            born = births[j]
            if born.__class__ is str and born:
                if born > today_text:
                    refused.setdefault(j, "birth_date: " + t("rj.in_future", day=born))
                elif born < EARLIEST_BIRTH:
                    refused.setdefault(j, "birth_date: " + t("rj.before_1900", day=born))
            continue
        facts = plain_id_facts(raw, today_text) if raw.__class__ is str else None
        if facts is not None:
            numbers[j] = raw
            # An 18-digit number replaces any 15-digit one recorded before.
            given_15[j] = None
            born, sex = facts
        else:
            try:
                number, given, born_day, sex = id_parts(id_text(raw), today)
            except ValueError as error:
                refused.setdefault(j, f"id_number: {error}")
                continue
            numbers[j] = number
            given_15[j] = given if len(given) == 15 else None
            born = born_day.isoformat()
        stated = genders[j]
        if stated is ABSENT:
            genders[j] = sex
        elif stated != sex:
            refused.setdefault(j, "gender: " + t("rj.contradicts_id", stated=stated, derived=sex))
            continue
        stated = births[j]
        if stated is ABSENT:
            births[j] = born
        elif stated != born:
            refused.setdefault(
                j, "birth_date: " + t("rj.contradicts_id", stated=stated, derived=born)
            )
    columns["id_number"], columns["id_number_raw"] = numbers, given_15


def _holding_rules(columns: dict[str, list], n: int, today: date, refused: dict[int, str]) -> None:
    """Open date not in the future; maturity not before the open date."""
    opened = columns.get("open_date")
    if opened is None:
        return
    today_text = today.isoformat()
    matures = columns.get("maturity_date", [ABSENT] * n)
    for j, (start, end) in enumerate(zip(opened, matures, strict=True)):
        if start.__class__ is not str or not start:
            continue
        if start > today_text:
            refused.setdefault(j, "open_date: " + t("rj.in_future", day=start))
        elif end.__class__ is str and end and end < start:
            refused.setdefault(
                j, "maturity_date: " + t("rj.maturity_before_open", end=end, start=start)
            )


# --- whole rows --------------------------------------------------------------------------------


def batch_cleaner(
    kind: str, fields: Sequence[str | None], today: date | None, *, excel_dates: bool = False
) -> BatchCleaner:
    """A cleaner for one file's rows, given as lists aligned with `fields` (None = unused).

    It takes a batch of rows and returns the records of the valid ones, in order, and the index
    and reason of each refused one, in order. A row gets the reason it would get on its own: a
    missing required value first, then its first invalid field in file order, then the rules
    across fields. The column plan is worked out once per file.
    """
    layout = RECORD_FIELDS[kind]
    failures: list[Invalid] = []
    rules = column_rules(kind, excel_dates, failures)
    plan = [(name, i, *rules[name]) for i, name in enumerate(fields) if name in rules]
    required = [(name, rules[name][0]) for name in REQUIRED_COLUMNS[kind] if name in fields]
    missing = [name for name in REQUIRED_COLUMNS[kind] if name not in fields]
    id_index = fields.index("id_number") if kind == "customers" and "id_number" in fields else None

    def clean(rows: Sequence[Sequence[object]]) -> tuple[list[tuple], list[tuple[int, str]]]:
        n = len(rows)
        if not n:
            return [], []
        if missing:
            reason = f"{missing[0]}: " + t("rj.missing")
            return [], [(j, reason) for j in range(n)]
        # Columns, transposed in C; cells beyond the header (ragged rows) are cut off.
        cells = list(zip(*rows, strict=False))
        refused: dict[int, str] = {}
        columns: dict[str, list] = {}
        for name, i, target, rule in plan:
            column = rule(cells[i])
            if failures:
                failures.clear()
                for j, value in enumerate(column):
                    if value.__class__ is Invalid:
                        refused.setdefault(j, f"{name}: {value.message}")
            columns[target] = column
        # A missing required value outranks any other reason; the first required field first.
        for name, target in reversed(required):
            column = columns[target]
            if ABSENT in column:
                for j, value in enumerate(column):
                    if value is ABSENT:
                        refused[j] = f"{name}: " + t("rj.missing")
        if kind == "customers":
            ids = cells[id_index] if id_index is not None else None
            _customer_rules(columns, ids, n, today, refused)
        elif kind == "holdings":
            _holding_rules(columns, n, today, refused)
        absent = [ABSENT] * n
        records = list(zip(*(columns.get(name, absent) for name in layout), strict=True))
        if not refused:
            return records, []
        kept = [record for j, record in enumerate(records) if j not in refused]
        return kept, sorted(refused.items())

    return clean
