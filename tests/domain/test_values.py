from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bankcrm_cli.domain.values import (
    excel_serial_date,
    is_blank,
    parse_amount,
    parse_bool,
    parse_cents,
    parse_currency,
    parse_date,
    parse_date_text,
    parse_gender,
    quote,
)

# These read the English words of reject reasons and file errors.
pytestmark = pytest.mark.usefixtures("english")

MARCH_7 = date(1985, 3, 7)

# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1985-03-07",
        "1985/3/7",
        "1985/03/07",
        "19850307",
        "1985年3月7日",
        "1985年03月07日",
        "1985.03.07",
        "1985-3-7",
        "  1985-03-07  ",
    ],
)
def test_each_date_form_banks_export_is_read(text):
    assert parse_date(text) == MARCH_7


@pytest.mark.parametrize(
    "text",
    [
        "1985-03-07 00:00:00",
        "1985-03-07T00:00:00",
        "1985/3/7 0:00",
        "1985-03-07 14:30:15.250",
        "1985-03-07T00:00:00+08:00",
        "1985-03-07T00:00:00Z",
        "1985年3月7日 00:00:00",
    ],
)
def test_a_date_followed_by_a_time_is_a_date(text):
    assert parse_date(text) == MARCH_7


def test_full_width_digits_in_a_date_are_read():
    assert parse_date("１９８５－０３－０７") == MARCH_7


def test_date_and_datetime_objects_are_accepted():
    assert parse_date(MARCH_7) == MARCH_7
    assert parse_date(datetime(1985, 3, 7, 13, 45)) == MARCH_7


def test_impossible_date_is_not_a_real_date():
    with pytest.raises(ValueError, match=r"^not a real date: '1985-02-30'$"):
        parse_date("1985-02-30")


@pytest.mark.parametrize("text", ["1985/2/30", "19850230", "1985年2月30日", "1985-13-01"])
def test_impossible_date_in_any_form_is_not_a_real_date(text):
    with pytest.raises(ValueError, match="not a real date"):
        parse_date(text)


def test_unrecognised_date_says_which_form_to_use():
    with pytest.raises(ValueError, match=r"^not a date: 'xyz'; use YYYY-MM-DD$"):
        parse_date("xyz")


@pytest.mark.parametrize("text", ["3/7/1985", "85-3-7", "1985-03/07", "1985年3月", "2021-W01-1"])
def test_ambiguous_or_partial_dates_are_refused(text):
    with pytest.raises(ValueError, match="not a date"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2000-02-29", date(2000, 2, 29)),
        ("2024-02-29", date(2024, 2, 29)),
    ],
)
def test_29_february_is_valid_in_leap_years(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["1900-02-29", "2023-02-29"])
def test_29_february_is_invalid_in_common_years(text):
    with pytest.raises(ValueError, match="not a real date"):
        parse_date(text)


def test_excel_serial_31113_is_1985_03_07():
    assert parse_date(31113, excel_serial=True) == MARCH_7
    assert parse_date(31113.0, excel_serial=True) == MARCH_7
    assert parse_date("31113", excel_serial=True) == MARCH_7


def test_excel_serial_time_of_day_is_dropped():
    assert parse_date(31113.75, excel_serial=True) == MARCH_7


def test_excel_serial_1_is_1900_01_01():
    assert excel_serial_date(1) == date(1900, 1, 1)
    assert excel_serial_date(59) == date(1900, 2, 28)


def test_excel_serial_61_is_1900_03_01_after_the_fake_leap_day():
    assert excel_serial_date(61) == date(1900, 3, 1)


def test_excel_serial_60_the_fake_1900_02_29_is_not_a_real_date():
    with pytest.raises(ValueError, match="not a real date"):
        excel_serial_date(60)


@pytest.mark.parametrize("serial", [0, -5, float("nan"), 10**9])
def test_excel_serial_out_of_range_is_refused(serial):
    with pytest.raises(ValueError, match="not a date"):
        excel_serial_date(serial)


def test_number_too_big_for_a_serial_is_read_as_yyyymmdd():
    assert parse_date(19850307, excel_serial=True) == MARCH_7


def test_number_is_not_a_serial_unless_asked():
    with pytest.raises(ValueError, match="not a date: '31113'"):
        parse_date(31113)
    assert parse_date(19850307) == MARCH_7


def test_string_date_forms_still_win_over_serials():
    assert parse_date("19850307", excel_serial=True) == MARCH_7


def test_bool_is_not_a_date():
    with pytest.raises(ValueError, match="not a date"):
        parse_date(True, excel_serial=True)


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_parse_date_round_trips_isoformat(day):
    assert parse_date(day.isoformat()) == day


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)))
def test_excel_serial_round_trips_from_the_1899_12_30_epoch(day):
    assert excel_serial_date((day - date(1899, 12, 30)).days) == day


# --- amounts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("¥1,234,567.89", "1234567.89"),
        ("￥1,234.5", "1234.50"),
        ("1234567.89", "1234567.89"),
        ("12,345", "12345.00"),
        ("-12.50", "-12.50"),
        ("RMB 100", "100.00"),
        ("rmb100", "100.00"),
        ("100元", "100.00"),
        ("-¥12.50", "-12.50"),
        ("¥-12.50", "-12.50"),
        ("+12", "12.00"),
        (" 1.230 ", "1.23"),
        ("１，２３４.５", "1234.50"),
        (1234, "1234.00"),
        (1234.5, "1234.50"),
        (Decimal("7.1"), "7.10"),
    ],
)
def test_amount_forms_are_read_to_two_places(raw, expected):
    amount = parse_amount(raw)
    assert amount == Decimal(expected)
    assert str(amount) == expected


def test_float_amount_keeps_its_decimal_text():
    assert parse_amount(0.1) == Decimal("0.10")


def test_binary_float_noise_is_not_taken_for_extra_places():
    assert parse_amount(0.1 + 0.2) == Decimal("0.30")


def test_amount_with_more_than_two_nonzero_places_is_refused():
    with pytest.raises(ValueError, match=r"^more than 2 decimal places: '1.234'$"):
        parse_amount("1.234")
    with pytest.raises(ValueError, match="more than 2 decimal places"):
        parse_amount(1.2345)


@pytest.mark.parametrize(
    "raw", ["abc", "", "1,23,4", "12,5", "1e5", "NaN", "Infinity", "1_000", "--5", "-¥-5", "$5"]
)
def test_garbage_is_not_an_amount(raw):
    with pytest.raises(ValueError, match="not an amount"):
        parse_amount(raw)


def test_not_an_amount_quotes_the_value():
    with pytest.raises(ValueError, match=r"^not an amount: 'abc'$"):
        parse_amount("abc")


@pytest.mark.parametrize("raw", [True, float("inf"), None, date(2020, 1, 1)])
def test_non_numbers_are_not_amounts(raw):
    with pytest.raises(ValueError, match="not an amount"):
        parse_amount(raw)


def test_amount_too_large_for_decimal_precision_is_refused():
    with pytest.raises(ValueError, match="beyond the range crm stores"):
        parse_amount("9" * 40)


# --- yes/no ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["是", "Y", "y", "yes", "YES", "Yes", "true", "TRUE", "T", "t", "1", "同意", " 是 "]
)
def test_yes_words_are_true(raw):
    assert parse_bool(raw) is True


@pytest.mark.parametrize(
    "raw", ["否", "N", "n", "no", "NO", "false", "False", "F", "f", "0", "不同意", "fAlSe"]
)
def test_no_words_are_false(raw):
    assert parse_bool(raw) is False


def test_python_bools_and_numbers_one_and_zero_are_yes_no():
    assert parse_bool(True) is True
    assert parse_bool(False) is False
    assert parse_bool(1) is True
    assert parse_bool(0) is False
    assert parse_bool(1.0) is True


@pytest.mark.parametrize("raw", ["maybe", "2", 2, "", None, "是的吗"])
def test_anything_else_is_not_yes_no(raw):
    with pytest.raises(ValueError, match="not yes/no"):
        parse_bool(raw)


def test_not_yes_no_quotes_the_value():
    with pytest.raises(ValueError, match=r"^not yes/no: 'maybe'$"):
        parse_bool("maybe")


# --- gender ------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["男", "M", "m", "male", "Male", "1", 1, " 男 "])
def test_male_forms_are_m(raw):
    assert parse_gender(raw) == "M"


@pytest.mark.parametrize("raw", ["女", "F", "f", "female", "FEMALE", "2", 2])
def test_female_forms_are_f(raw):
    assert parse_gender(raw) == "F"


@pytest.mark.parametrize("raw", ["x", "0", 3, True, "未知"])
def test_other_gender_values_are_refused(raw):
    with pytest.raises(ValueError, match="not a gender"):
        parse_gender(raw)


# --- currency ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("CNY", "CNY"),
        ("cny", "CNY"),
        ("人民币", "CNY"),
        ("RMB", "CNY"),
        ("rmb", "CNY"),
        ("元", "CNY"),
        ("美元", "USD"),
        ("usd", "USD"),
        ("港币", "HKD"),
        ("港元", "HKD"),
        ("欧元", "EUR"),
        ("日元", "JPY"),
        ("英镑", "GBP"),
        (" mop ", "MOP"),
        ("NZD", "NZD"),
    ],
)
def test_currency_names_and_codes_become_iso_codes(raw, expected):
    assert parse_currency(raw) == expected


def test_unknown_currency_suggests_an_iso_code():
    with pytest.raises(ValueError, match=r"^unknown currency 'XYZ'; use an ISO code such as CNY$"):
        parse_currency("XYZ")


# --- blanks and messages -----------------------------------------------------------------------


@pytest.mark.parametrize("raw", [None, "", "   ", "\t\n", "\u3000", " \u3000 "])
def test_blank_values(raw):
    assert is_blank(raw)


@pytest.mark.parametrize("raw", ["0", "否", 0, False, "x"])
def test_non_blank_values(raw):
    assert not is_blank(raw)


def test_quote_shortens_long_values():
    assert quote("a" * 100) == repr("a" * 40 + "…")


def test_float_amount_from_a_formula_in_the_millions_is_read():
    assert parse_amount(1_000_000.1 + 0.2) == Decimal("1000000.30")


def test_large_float_amount_is_read():
    assert parse_amount(1e16) == Decimal("10000000000000000.00")


def test_float_amount_with_a_real_third_place_is_refused():
    with pytest.raises(ValueError, match="more than 2 decimal places"):
        parse_amount(1234567.891)


@pytest.mark.parametrize(
    "raw", ["1234567.89", "1234567", "0.05", "¥1,234.50", "-5", "12.340", "RMB 100", 12.5, 7]
)
def test_amount_in_cents_is_the_amount_times_100(raw):
    assert parse_cents(raw) == int(parse_amount(raw) * 100)


@pytest.mark.parametrize("raw", ["12.345", "abc", "1,23"])
def test_amount_in_cents_refuses_what_the_amount_refuses(raw):
    with pytest.raises(ValueError):
        parse_cents(raw)


@pytest.mark.parametrize("raw", ["1985-03-07", "1985/3/7", "19850307", "1985年3月7日", MARCH_7])
def test_date_text_is_the_iso_form_of_the_date(raw):
    assert parse_date_text(raw) == "1985-03-07"


def test_date_text_refuses_an_impossible_iso_date():
    with pytest.raises(ValueError, match="not a real date"):
        parse_date_text("1985-02-30")


@pytest.mark.parametrize(
    "raw, cents",
    [
        ("999999999999.99", 99_999_999_999_999),
        ("-999999999999.99", -99_999_999_999_999),
        ("¥999,999,999,999.99", 99_999_999_999_999),
        (999_999_999_999, 99_999_999_999_900),
    ],
)
def test_amounts_up_to_the_range_are_kept(raw, cents):
    assert parse_cents(raw) == cents


@pytest.mark.parametrize(
    "raw",
    [
        "1000000000000",
        "-1000000000000.00",
        "¥1,000,000,000,000",
        "99999999999999999999999",
        "92233720368547758.07",
        10**13,
        1e13,
        "9" * 40,
    ],
)
def test_amounts_beyond_the_range_are_refused(raw):
    with pytest.raises(ValueError, match=r"beyond the range crm stores \(at most ¥999,999,999,999"):
        parse_cents(raw)
