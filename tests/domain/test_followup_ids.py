from __future__ import annotations

from datetime import date

import pytest

from bankcrm_cli.domain.errors import UsageError
from bankcrm_cli.domain.followups import FollowupId, FollowupKind


@pytest.mark.parametrize(
    "text",
    [
        "birthday:0000000042:2026-12-05",
        "maturity:6222000000000000001:2026-12-05",
        "callback:17",
        "complaint:3",
    ],
)
def test_an_id_reads_back_as_it_was_written(text):
    assert str(FollowupId.parse(text)) == text


def test_a_dated_id_carries_its_key_and_due_date():
    followup = FollowupId.parse("maturity:A:B:2026-12-05")
    assert followup.kind is FollowupKind.maturity
    assert followup.key == "A:B"  # the date is after the last colon: keys may hold colons
    assert followup.due == date(2026, 12, 5)


def test_a_stored_id_whose_date_is_no_date_has_no_due_date():
    assert FollowupId.parse("birthday:C1:someday").due is None


def test_callback_and_complaint_ids_carry_a_number():
    assert FollowupId.parse("callback:17").number == 17
    assert FollowupId.parse("complaint:3").due is None


@pytest.mark.parametrize(
    "text", ["holiday:C1:2026-12-05", "birthday", "birthday:", "birthday:C1", "callback:x1"]
)
def test_what_is_not_written_like_an_id_is_a_usage_error(text):
    with pytest.raises(UsageError):
        FollowupId.parse(text)


def test_the_id_text_made_without_an_id_object_is_the_same():
    assert FollowupId.format("birthday", "C1", "2026-12-05") == str(
        FollowupId(FollowupKind.birthday, "C1", "2026-12-05")
    )
    assert FollowupId.format("callback", 17) == "callback:17"


def test_a_survivor_birthday_keeps_its_date():
    followup = FollowupId.parse("birthday:OLD:2026-12-05").with_key("NEW")
    assert str(followup) == "birthday:NEW:2026-12-05"


def test_every_dated_id_of_a_key_starts_with_its_prefix():
    prefix = FollowupId.key_prefix(FollowupKind.birthday, "C1")
    assert str(FollowupId(FollowupKind.birthday, "C1", "2026-12-05")).startswith(prefix)


def test_kinds_list_in_the_order_a_day_shows_them():
    kinds = ["birthday", "maturity", "callback", "complaint", "campaign"]
    assert [k.value for k in FollowupKind] == kinds
    assert [k.dated for k in FollowupKind] == [True, True, False, False, False]


@pytest.mark.parametrize(
    "text",
    [
        "birthday:C1:0000-00-00",
        "birthday:C1:2027-02-30",
        "birthday:C1:20261205",
        "maturity:A1:1900-06-01",
        "maturity:A1:2100-01-01",
        "callback:99999999999999999999999",
        "complaint:٣",
    ],
)
def test_an_id_a_user_gives_needs_a_real_date_and_a_number_the_store_holds(text):
    with pytest.raises(UsageError):
        FollowupId.given(text)


def test_a_given_id_reads_as_parse_reads_it():
    assert str(FollowupId.given("birthday:C1:2026-12-05")) == "birthday:C1:2026-12-05"
    assert str(FollowupId.given("callback:007")) == "callback:7"


def test_a_day_before_today_is_past_and_today_is_not(english):
    from bankcrm_cli.domain.followups import check_not_past

    assert check_not_past(date(2026, 12, 4), date(2026, 12, 4), "--until") == date(2026, 12, 4)
    with pytest.raises(UsageError, match="in the past"):
        check_not_past(date(2026, 12, 3), date(2026, 12, 4), "--until")
