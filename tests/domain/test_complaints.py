from __future__ import annotations

from datetime import date, datetime, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bankcrm_cli.domain.complaints import (
    LEVELS,
    POLICIES,
    STATUSES,
    can_extend,
    deadline,
    handling_days,
    is_breached,
    is_overdue,
    needs_approver,
    next_status,
)
from bankcrm_cli.domain.errors import Refused, UsageError

# These tests read the rules' English messages word for word.
pytestmark = pytest.mark.usefixtures("english")


def uk_business_days_between(after: date, through: date) -> int:
    """UK business days in (after, through], judged by the `holidays` package directly."""
    bank_holidays = holidays.UnitedKingdom(subdiv="ENG", years=range(after.year, through.year + 1))
    n = 0
    d = after + timedelta(days=1)
    while d <= through:
        if d.weekday() < 5 and d not in bank_holidays:
            n += 1
        d += timedelta(days=1)
    return n


# --- the fixed names the services rely on ------------------------------------------------------


def test_policies_levels_and_statuses_are_the_documented_ones():
    assert POLICIES == ("cn-nfra", "uk-fca", "us-cfpb")
    assert LEVELS == ("complex", "especially-complex")
    assert STATUSES == ("open", "acknowledged", "in_progress", "resolved", "closed")


# --- cn-nfra: calendar days --------------------------------------------------------------------


def test_cn_nfra_deadline_is_15_calendar_days_after_receipt():
    assert deadline("cn-nfra", date(2026, 3, 2)) == date(2026, 3, 17)


def test_cn_nfra_deadline_is_not_moved_off_the_national_day_holiday():
    # 2026-09-20 + 15 days = 2026-10-05, inside the holiday: the period counts, not the bank.
    assert deadline("cn-nfra", date(2026, 9, 20)) == date(2026, 10, 5)


def test_cn_nfra_complex_deadline_is_30_days_after_receipt():
    assert deadline("cn-nfra", date(2026, 3, 2), level="complex") == date(2026, 4, 1)


def test_cn_nfra_especially_complex_deadline_is_60_days_in_all():
    assert deadline("cn-nfra", date(2026, 3, 2), level="especially-complex") == date(2026, 5, 1)


def test_cn_nfra_ignores_the_payment_services_flag():
    received = date(2026, 3, 2)
    assert deadline("cn-nfra", received, payment_services=True) == deadline("cn-nfra", received)


# --- us-cfpb: calendar days --------------------------------------------------------------------


def test_us_cfpb_deadline_is_15_calendar_days_after_receipt():
    assert deadline("us-cfpb", date(2026, 12, 20)) == date(2027, 1, 4)


def test_us_cfpb_complex_deadline_is_60_days_after_receipt():
    assert deadline("us-cfpb", date(2026, 1, 10), level="complex") == date(2026, 3, 11)


def test_us_cfpb_has_no_especially_complex_level():
    with pytest.raises(Refused, match=r"us-cfpb complaints extend only to complex \(60 days\)"):
        deadline("us-cfpb", date(2026, 1, 10), level="especially-complex")


# --- uk-fca standard: 8 weeks ------------------------------------------------------------------


def test_uk_fca_standard_deadline_is_8_weeks_of_calendar_days():
    received = date(2026, 12, 18)
    assert deadline("uk-fca", received) == date(2027, 2, 12)
    assert deadline("uk-fca", received) - received == timedelta(weeks=8)


@pytest.mark.parametrize("level", LEVELS)
def test_uk_fca_standard_complaints_have_no_extension(level):
    with pytest.raises(Refused, match="^uk-fca standard complaints have no extension$"):
        deadline("uk-fca", date(2026, 3, 2), level=level)


# --- uk-fca payment services: UK business days -------------------------------------------------


def test_uk_payment_services_window_over_christmas_skips_the_bank_holidays():
    # Received Fri 2026-12-18. Christmas is Fri 25th; Boxing Day falls on Sat 26th, so its
    # substitute is Mon 28th; New Year's Day is Fri 2027-01-01. Business days 1-4 are
    # 21-24 Dec, 5-7 are 29-31 Dec, 8-12 are 4-8 Jan, 13-15 are 11-13 Jan.
    bank_holidays = holidays.UnitedKingdom(subdiv="ENG", years=[2026, 2027])
    assert date(2026, 12, 25) in bank_holidays
    assert date(2026, 12, 28) in bank_holidays
    assert date(2027, 1, 1) in bank_holidays
    assert deadline("uk-fca", date(2026, 12, 18), payment_services=True) == date(2027, 1, 13)


def test_uk_payment_services_received_on_a_friday_counts_from_the_monday():
    # Fri 2026-03-06: day 1 is Mon 9th, day 5 Fri 13th, day 15 Fri 27th (no holiday between).
    received = date(2026, 3, 6)
    assert received.weekday() == 4
    assert deadline("uk-fca", received, payment_services=True) == date(2026, 3, 27)


def test_uk_payment_services_window_over_easter_skips_good_friday_and_easter_monday():
    # Good Friday 2026-04-03 and Easter Monday 2026-04-06.
    assert deadline("uk-fca", date(2026, 3, 27), payment_services=True) == date(2026, 4, 21)


def test_uk_payment_services_complex_deadline_is_35_business_days():
    assert deadline("uk-fca", date(2026, 12, 18), payment_services=True, level="complex") == date(
        2027, 2, 10
    )
    assert deadline("uk-fca", date(2026, 3, 6), payment_services=True, level="complex") == date(
        2026, 4, 28
    )


def test_uk_payment_services_have_no_especially_complex_level():
    with pytest.raises(
        Refused, match=r"uk-fca payment-services complaints extend only to complex \(35 business"
    ):
        deadline("uk-fca", date(2026, 3, 6), payment_services=True, level="especially-complex")


# --- counting rules common to all policies -----------------------------------------------------


@pytest.mark.parametrize("policy", POLICIES)
def test_day_one_is_the_day_after_receipt(policy):
    # Receipt late on a day or just after midnight the next: one day apart, deadlines too.
    late = deadline(policy, datetime(2026, 3, 2, 23, 59))
    early_next = deadline(policy, datetime(2026, 3, 3, 0, 1))
    assert late == deadline(policy, date(2026, 3, 2))
    assert early_next - late == timedelta(days=1)


def test_time_of_day_of_receipt_is_ignored():
    assert deadline("cn-nfra", datetime(2026, 3, 2, 23, 59)) == date(2026, 3, 17)
    assert type(deadline("cn-nfra", datetime(2026, 3, 2, 23, 59))) is date


def test_unknown_policy_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown complaint policy 'eu-eba'; use one of cn-nfra"):
        deadline("eu-eba", date(2026, 3, 2))


def test_unknown_level_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown extension level 'urgent'"):
        deadline("cn-nfra", date(2026, 3, 2), level="urgent")


@given(
    received=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    level=st.sampled_from([None, "complex"]),
)
def test_business_day_deadlines_never_land_on_a_weekend_or_uk_bank_holiday(received, level):
    due = deadline("uk-fca", received, payment_services=True, level=level)
    assert due > received
    assert due.weekday() < 5
    assert due not in holidays.UnitedKingdom(subdiv="ENG", years=due.year)
    assert uk_business_days_between(received, due) == (35 if level else 15)


# --- breach and overdue ------------------------------------------------------------------------


def test_resolved_on_the_deadline_day_is_in_time():
    assert not is_breached(date(2026, 3, 17), date(2026, 3, 17), today=date(2026, 4, 1))


def test_resolved_the_day_after_the_deadline_is_breached():
    assert is_breached(date(2026, 3, 17), date(2026, 3, 18), today=date(2026, 4, 1))


def test_breach_stays_however_much_later_it_is_asked():
    assert is_breached(date(2026, 3, 17), date(2026, 3, 18), today=date(2030, 1, 1))


def test_unresolved_past_its_deadline_is_overdue_not_breached():
    due, today = date(2026, 3, 17), date(2026, 3, 20)
    assert not is_breached(due, None, today)
    assert is_overdue(due, "in_progress", today)


def test_deadline_day_itself_is_not_overdue_and_the_day_after_is():
    due = date(2026, 3, 17)
    assert not is_overdue(due, "open", due)
    assert is_overdue(due, "open", due + timedelta(days=1))


@pytest.mark.parametrize("status", ["resolved", "closed"])
def test_resolved_or_closed_complaints_are_never_overdue(status):
    assert not is_overdue(date(2026, 3, 17), status, date(2026, 12, 31))


@pytest.mark.parametrize("status", ["open", "acknowledged", "in_progress"])
def test_complaints_still_being_handled_become_overdue_after_the_deadline(status):
    assert is_overdue(date(2026, 3, 17), status, date(2026, 3, 18))


def test_handling_days_count_from_the_day_after_receipt():
    assert handling_days(date(2026, 3, 2), date(2026, 3, 2)) == 0
    assert handling_days(date(2026, 3, 2), date(2026, 3, 3)) == 1
    assert handling_days(date(2026, 3, 2), date(2026, 3, 17)) == 15


def test_handling_days_refuse_a_resolution_before_receipt():
    with pytest.raises(Refused, match="resolution date 2026-03-01 is before the complaint"):
        handling_days(date(2026, 3, 2), date(2026, 3, 1))


# --- extensions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "payment_services", "current", "new"),
    [
        ("cn-nfra", False, None, "complex"),
        ("cn-nfra", False, "complex", "especially-complex"),
        ("cn-nfra", False, None, "especially-complex"),
        ("uk-fca", True, None, "complex"),
        ("us-cfpb", False, None, "complex"),
        ("us-cfpb", True, None, "complex"),
    ],
)
def test_legal_extensions_are_allowed(policy, payment_services, current, new):
    assert can_extend(policy, payment_services, current, new) is None


@pytest.mark.parametrize(
    ("policy", "payment_services", "current", "new", "message"),
    [
        ("uk-fca", False, None, "complex", "uk-fca standard complaints have no extension"),
        (
            "uk-fca",
            False,
            None,
            "especially-complex",
            "uk-fca standard complaints have no extension",
        ),
        (
            "uk-fca",
            True,
            None,
            "especially-complex",
            "uk-fca payment-services complaints extend only to complex (35 business days)",
        ),
        (
            "uk-fca",
            True,
            "complex",
            "especially-complex",
            "uk-fca payment-services complaints extend only to complex (35 business days)",
        ),
        (
            "us-cfpb",
            False,
            None,
            "especially-complex",
            "us-cfpb complaints extend only to complex (60 days)",
        ),
        (
            "cn-nfra",
            False,
            "complex",
            "complex",
            "already extended to complex; extend to especially-complex (60 days in all) "
            "if more time is needed",
        ),
        (
            "cn-nfra",
            False,
            "especially-complex",
            "complex",
            "already extended to especially-complex, the longest extension for "
            "cn-nfra complaints; resolve the complaint",
        ),
        (
            "cn-nfra",
            False,
            "especially-complex",
            "especially-complex",
            "already extended to especially-complex, the longest extension for "
            "cn-nfra complaints; resolve the complaint",
        ),
        (
            "us-cfpb",
            False,
            "complex",
            "complex",
            "already extended to complex, the longest extension for "
            "us-cfpb complaints; resolve the complaint",
        ),
        (
            "uk-fca",
            True,
            "complex",
            "complex",
            "already extended to complex, the longest extension for "
            "uk-fca payment-services complaints; resolve the complaint",
        ),
    ],
)
def test_illegal_extensions_are_refused_with_a_clear_message(
    policy, payment_services, current, new, message
):
    with pytest.raises(Refused) as refused:
        can_extend(policy, payment_services, current, new)
    assert str(refused.value) == message


def test_extension_to_an_unknown_level_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown extension level 'urgent'"):
        can_extend("cn-nfra", False, None, "urgent")


def test_extension_under_an_unknown_policy_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown complaint policy"):
        can_extend("eu-eba", False, None, "complex")


def test_only_cn_nfra_especially_complex_needs_an_approver():
    assert needs_approver("cn-nfra", "especially-complex")
    assert not needs_approver("cn-nfra", "complex")
    assert not needs_approver("cn-nfra", None)
    assert not needs_approver("us-cfpb", "complex")
    assert not needs_approver("uk-fca", "complex")


# --- state machine -----------------------------------------------------------------------------

LEGAL_MOVES = {
    ("open", "ack"): "acknowledged",
    ("open", "progress"): "in_progress",
    ("acknowledged", "progress"): "in_progress",
    ("in_progress", "progress"): "in_progress",
    ("open", "extend"): "open",
    ("acknowledged", "extend"): "acknowledged",
    ("in_progress", "extend"): "in_progress",
    ("open", "resolve"): "resolved",
    ("acknowledged", "resolve"): "resolved",
    ("in_progress", "resolve"): "resolved",
    ("resolved", "close"): "closed",
    ("resolved", "reopen"): "in_progress",
    ("closed", "reopen"): "in_progress",
}

ILLEGAL_MOVES = {
    ("acknowledged", "ack"): "complaint is already acknowledged; there is nothing to acknowledge",
    ("in_progress", "ack"): "complaint is already in progress; there is nothing to acknowledge",
    ("resolved", "ack"): "complaint is already resolved; reopen it before acknowledging it",
    ("closed", "ack"): "complaint is closed; reopen it before acknowledging it",
    ("resolved", "progress"): "complaint is already resolved; reopen it before recording progress",
    ("closed", "progress"): "complaint is closed; reopen it before recording progress",
    (
        "resolved",
        "extend",
    ): "complaint is already resolved; reopen it before extending its deadline",
    ("closed", "extend"): "complaint is closed; reopen it before extending its deadline",
    ("resolved", "resolve"): "complaint is already resolved; reopen it before resolving it again",
    ("closed", "resolve"): "complaint is closed; reopen it before resolving it again",
    ("open", "close"): "complaint is not resolved yet; resolve it before closing",
    ("acknowledged", "close"): "complaint is not resolved yet; resolve it before closing",
    ("in_progress", "close"): "complaint is not resolved yet; resolve it before closing",
    ("closed", "close"): "complaint is already closed",
    ("open", "reopen"): (
        "complaint is still open; only a resolved or closed complaint can be reopened"
    ),
    ("acknowledged", "reopen"): (
        "complaint is still acknowledged; only a resolved or closed complaint can be reopened"
    ),
    ("in_progress", "reopen"): (
        "complaint is still in progress; only a resolved or closed complaint can be reopened"
    ),
}


def test_every_status_and_action_pair_is_either_legal_or_refused():
    actions = {action for _, action in LEGAL_MOVES} | {action for _, action in ILLEGAL_MOVES}
    pairs = {(status, action) for status in STATUSES for action in actions}
    assert pairs == set(LEGAL_MOVES) | set(ILLEGAL_MOVES)
    assert not set(LEGAL_MOVES) & set(ILLEGAL_MOVES)


@pytest.mark.parametrize(("current", "action"), sorted(LEGAL_MOVES))
def test_legal_state_moves(current, action):
    assert next_status(current, action) == LEGAL_MOVES[(current, action)]


@pytest.mark.parametrize(("current", "action"), sorted(ILLEGAL_MOVES))
def test_illegal_state_moves_are_refused_with_a_clear_message(current, action):
    with pytest.raises(Refused) as refused:
        next_status(current, action)
    assert str(refused.value) == ILLEGAL_MOVES[(current, action)]


def test_the_full_lifecycle_with_a_reopen():
    status = "open"
    for action in ["ack", "progress", "extend", "resolve", "close", "reopen", "resolve", "close"]:
        status = next_status(status, action)
    assert status == "closed"


def test_unknown_action_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown complaint action 'archive'"):
        next_status("open", "archive")


def test_unknown_status_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown complaint status 'pending'"):
        next_status("pending", "ack")
