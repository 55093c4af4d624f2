from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bankcrm_cli.domain.identity import (
    check_digit,
    id_parts,
    is_same_person,
    plain_id_column,
    plain_id_facts,
    to_18,
)
from tests.domain.one_row import IdInfo, parse_id_number

# These read the English words of reject reasons and file errors.
pytestmark = pytest.mark.usefixtures("english")

TODAY = date(2025, 6, 1)
VALID = "11010519491231002X"


def make_id(region: str, born: date, sequence: str) -> str:
    first17 = f"{region}{born:%Y%m%d}{sequence}"
    return first17 + check_digit(first17)


def test_known_valid_id_parses_with_birth_date_and_gender():
    info = parse_id_number(VALID, TODAY)
    assert info == IdInfo(VALID, VALID, date(1949, 12, 31), "F")


def test_id_check_digit_lower_x_is_the_same_as_upper():
    info = parse_id_number(VALID.lower(), TODAY)
    assert info.number == VALID
    assert info.given == VALID


def test_id_surrounding_spaces_are_stripped():
    assert parse_id_number(f"  {VALID}\t", TODAY).number == VALID


def test_id_with_wrong_check_digit_names_the_right_one():
    with pytest.raises(ValueError, match=r"^check digit should be X$"):
        parse_id_number("110105194912310021", TODAY)


def test_much_copied_example_id_is_not_valid():
    # Its check digit does satisfy GB 11643; what makes it unusable is the 1880 birth date.
    with pytest.raises(ValueError, match="birth date 18800101 is before 1900"):
        parse_id_number("440524188001010014", TODAY)


def test_id_of_17_characters_reports_the_length():
    with pytest.raises(
        ValueError, match=r"^must be 18 characters \(or the old 15 digits\), got 17$"
    ):
        parse_id_number(VALID[:17], TODAY)


def test_id_with_letters_is_rejected_as_non_digit():
    with pytest.raises(ValueError, match="^contains non-digit characters$"):
        parse_id_number("1101051949123A002X", TODAY)


def test_x_anywhere_but_last_is_non_digit():
    with pytest.raises(ValueError, match="non-digit"):
        parse_id_number("X10105194912310021", TODAY)


def test_15_digit_id_with_letters_is_rejected_as_non_digit():
    with pytest.raises(ValueError, match="non-digit"):
        parse_id_number("11010549123100X", TODAY)


def test_id_with_impossible_birth_date_names_the_date():
    number = make_id("110105", date(1985, 2, 28), "123").replace("19850228", "19850230")
    with pytest.raises(ValueError, match="^birth date 19850230 is not a real date$"):
        parse_id_number(number, TODAY)


def test_id_with_future_birth_date_is_rejected():
    number = make_id("110105", TODAY + timedelta(days=1), "123")
    with pytest.raises(ValueError, match="birth date 20250602 is in the future"):
        parse_id_number(number, TODAY)


def test_id_born_today_is_accepted():
    assert parse_id_number(make_id("110105", TODAY, "123"), TODAY).birth_date == TODAY


def test_id_born_before_1900_is_rejected():
    with pytest.raises(ValueError, match="birth date 18991231 is before 1900"):
        parse_id_number(make_id("110105", date(1899, 12, 31), "123"), TODAY)


def test_id_born_on_29_february_of_a_leap_year_is_valid():
    assert parse_id_number(make_id("110105", date(2000, 2, 29), "123"), TODAY).birth_date == date(
        2000, 2, 29
    )


def test_id_born_on_29_february_1900_is_not_a_real_date():
    number = make_id("110105", date(1900, 2, 28), "123").replace("19000228", "19000229")
    with pytest.raises(ValueError, match="19000229 is not a real date"):
        parse_id_number(number, TODAY)


def test_odd_sequence_digit_means_male():
    assert parse_id_number(make_id("110105", date(1985, 3, 7), "011"), TODAY).gender == "M"


def test_even_sequence_digit_means_female():
    assert parse_id_number(make_id("110105", date(1985, 3, 7), "010"), TODAY).gender == "F"


def test_15_digit_id_converts_to_18_with_check_digit():
    info = parse_id_number("110105491231002", TODAY)
    assert info.number == VALID
    assert info.given == "110105491231002"
    assert info.birth_date == date(1949, 12, 31)
    assert info.gender == "F"


def test_15_digit_id_with_impossible_date_is_rejected():
    with pytest.raises(ValueError, match="birth date 19850230 is not a real date"):
        parse_id_number("110105850230123", TODAY)


def test_to_18_inserts_19_after_the_region():
    assert to_18("110105491231002") == VALID


def test_to_18_refuses_what_is_not_15_digits():
    with pytest.raises(ValueError):
        to_18("11010549123100")


def test_full_width_digits_are_read_as_digits():
    full_width = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in VALID)
    assert parse_id_number(full_width, TODAY).number == VALID


def test_an_18_digit_id_and_its_15_digit_predecessor_are_the_same_person():
    assert is_same_person(VALID, "110105491231002")
    assert is_same_person("110105491231002", VALID.lower())


def test_different_ids_are_not_the_same_person():
    other = make_id("110105", date(1949, 12, 31), "003")
    assert not is_same_person(VALID, other)
    assert not is_same_person("", "")


def test_id_parts_matches_parse_id_number():
    info = parse_id_number(VALID, TODAY)
    assert id_parts(VALID, TODAY) == (info.number, info.given, info.birth_date, info.gender)


@given(st.from_regex(r"[0-9]{17}", fullmatch=True))
def test_check_digit_is_the_weighted_sum_of_the_standard(first17):
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(first17, weights, strict=True))
    assert check_digit(first17) == "10X98765432"[total % 11]


def test_check_digit_needs_exactly_17_digits():
    with pytest.raises(ValueError):
        check_digit("1234")


birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
regions = st.from_regex(r"[1-8][0-9]{5}", fullmatch=True)
sequences = st.from_regex(r"[0-9]{3}", fullmatch=True)


@given(regions, birth_dates, sequences)
def test_any_id_with_computed_check_digit_parses(region, born, sequence):
    number = make_id(region, born, sequence)
    info = parse_id_number(number, TODAY)
    assert info.number == number
    assert info.birth_date == born
    assert info.gender == ("M" if int(sequence[-1]) % 2 else "F")


@given(st.from_regex(r"[0-9]{17}", fullmatch=True))
def test_wrong_check_digit_is_reported_as_the_weighted_sum_gives_it(first17):
    born_ok = first17[:6] + "19850307" + first17[14:]
    expected = check_digit(born_ok)
    wrong = "0" if expected != "0" else "1"
    with pytest.raises(ValueError, match=f"check digit should be {expected}$"):
        parse_id_number(born_ok + wrong, TODAY)


@given(regions, st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)), sequences)
def test_15_digit_id_converts_to_an_18_digit_id_of_the_same_person(region, born, sequence):
    id15 = f"{region}{born:%y%m%d}{sequence}"
    id18 = to_18(id15)
    assert len(id18) == 18
    assert is_same_person(id15, id18)
    assert parse_id_number(id18, TODAY).birth_date == born


@given(
    body=st.text(alphabet="0123456789", min_size=17, max_size=17),
    last=st.sampled_from([*"0123456789Xx", "CHECK"]),
    born=st.dates(min_value=date(1890, 1, 1), max_value=date(2030, 12, 31)),
    spaces=st.booleans(),
)
def test_plain_id_shortcut_agrees_with_id_parts(body, last, born, spaces):
    first17 = body[:6] + f"{born:%Y%m%d}" + body[14:]
    number = first17 + (check_digit(first17) if last == "CHECK" else last)
    raw = f" {number} " if spaces else number
    try:
        expected = id_parts(raw, TODAY)
    except ValueError:
        expected = None
    facts = plain_id_facts(raw, TODAY.isoformat())
    if facts is not None:
        assert expected is not None
        assert (raw, raw, facts[0], facts[1]) == (
            *expected[:2],
            expected[2].isoformat(),
            expected[3],
        )
    elif expected is not None:
        assert raw != expected[0]  # only numbers not written plainly take the long way


@given(
    column=st.lists(
        st.tuples(
            st.text(alphabet="0123456789", min_size=17, max_size=17),
            st.dates(min_value=date(1890, 1, 1), max_value=date(2030, 12, 31)),
            st.sampled_from(["CHECK", "CHECK", "CHECK", "0", "x"]),
        ),
        max_size=8,
    )
)
def test_a_column_of_plain_ids_agrees_with_the_shortcut_for_each(column):
    numbers = []
    for body, born, last in column:
        first17 = body[:6] + f"{born:%Y%m%d}" + body[14:]
        numbers.append(first17 + (check_digit(first17) if last == "CHECK" else last))
    each = [plain_id_facts(number, TODAY.isoformat()) for number in numbers]
    together = plain_id_column(numbers, TODAY)
    if None in each:
        assert together is None
    else:
        assert together == ([f[0] for f in each], [f[1] for f in each])
