"""The merge rules on plain values: consent, filling blanks, telling different people apart."""

from __future__ import annotations

from datetime import date

import pytest

from bankcrm_cli.domain.customer_merge import identity_conflicts, merge_fields, most_restrictive
from tests.factories import make_id, make_id15


@pytest.mark.parametrize(
    ("mine", "theirs", "expected"),
    [
        (True, False, False),
        (False, True, False),
        (None, False, False),
        (None, True, True),
        (True, None, True),
        (False, None, False),
        (None, None, None),
        (1, 0, 0),  # the store's own form
    ],
)
def test_consent_refusal_beats_yes_beats_unknown(mine, theirs, expected):
    assert most_restrictive(mine, theirs) == expected


def test_blank_fields_are_filled_and_present_ones_kept():
    merged = merge_fields(
        {"name": "张伟", "phone": None, "email": "a@example.com", "branch": "  "},
        {"name": "张伟", "phone": "13800138000", "email": "b@example.com", "branch": "朝阳支行"},
    )
    assert merged.changes == {
        "phone": (None, "13800138000"),
        "branch": ("  ", "朝阳支行"),
    }
    assert merged.kept == {"email": ("a@example.com", "b@example.com")}


def test_a_blank_in_the_other_record_never_erases():
    merged = merge_fields({"phone": "13800138000", "consent_sms": False}, {"phone": None})
    assert merged.changes == {}


def test_the_id_as_given_comes_only_with_its_id_number():
    keep = {"id_number": make_id("19850307", 123), "id_number_raw": None}
    other = {"id_number": make_id("19850307", 123), "id_number_raw": make_id15("850307", 123)}
    assert merge_fields(keep, other).changes == {}


def test_an_id_number_contradicting_the_survivors_birth_date_is_not_taken():
    keep = {"id_number": None, "birth_date": date(1990, 1, 1)}
    other = {"id_number": make_id("19850307", 123), "birth_date": date(1985, 3, 7)}
    merged = merge_fields(keep, other)
    assert "id_number" not in merged.changes and "id_number" in merged.kept


def test_old_and_new_forms_of_one_id_are_one_person():
    keep = {"id_number": make_id("19850307", 123)}
    other = {"id_number": make_id("19850307", 123), "id_number_raw": make_id15("850307", 123)}
    assert identity_conflicts(keep, other) == []


def test_different_id_numbers_are_different_people():
    keep = {"id_number": make_id("19850307", 123)}
    other = {"id_number": make_id("19850307", 125)}
    assert identity_conflicts(keep, other) == ["their ID numbers differ"]


def test_different_birth_dates_without_ids_are_different_people():
    keep = {"birth_date": date(1985, 3, 7), "gender": "M"}
    other = {"birth_date": date(1985, 3, 8), "gender": "M"}
    assert identity_conflicts(keep, other) == ["their birth dates differ"]
