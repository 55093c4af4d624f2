from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bankcrm_cli.domain.contact import parse_email, parse_fax, parse_mobile, parse_postal_code

# These read the English words of reject reasons and file errors.
pytestmark = pytest.mark.usefixtures("english")

# --- mobile ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "13800138000",
        " 13800138000 ",
        "+8613800138000",
        "+86 138 0013 8000",
        "0086 13800138000",
        "008613800138000",
        "8613800138000",
        "138-0013-8000",
        "138 0013 8000",
        "+86-138-0013-8000",
        "１３８００１３８０００",
        13800138000,
        13800138000.0,
    ],
)
def test_mobile_forms_normalise_to_11_digits(raw):
    assert parse_mobile(raw) == "13800138000"


@pytest.mark.parametrize(
    "raw", ["12345", "12800138000", "23800138000", "1380013800", "138001380001", "abc", "+1 555"]
)
def test_non_mobile_numbers_are_refused(raw):
    with pytest.raises(ValueError, match="not a mainland mobile number"):
        parse_mobile(raw)


def test_non_mobile_message_quotes_the_value():
    with pytest.raises(ValueError, match=r"^not a mainland mobile number: '12345'$"):
        parse_mobile("12345")


def test_86_is_only_a_prefix_when_11_digits_remain():
    with pytest.raises(ValueError):
        parse_mobile("861380013800")


@pytest.mark.parametrize("raw", [True, 1.5, None])
def test_non_text_non_integer_is_not_a_mobile(raw):
    with pytest.raises(ValueError, match="not a mainland mobile number"):
        parse_mobile(raw)


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_any_mainland_mobile_survives_a_plus86_prefix_and_spaces(number):
    spaced = f"+86 {number[:3]} {number[3:7]}-{number[7:]}"
    assert parse_mobile(spaced) == number


# --- e-mail ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("zhang.wei@example.com", "zhang.wei@example.com"),
        ("  zhang.wei@example.com ", "zhang.wei@example.com"),
        ("Zhang.Wei@Example.COM", "Zhang.Wei@example.com"),
        ("wang+crm@mail.bank.com.cn", "wang+crm@mail.bank.com.cn"),
        ("12345@QQ.com", "12345@qq.com"),
    ],
)
def test_email_is_stripped_and_its_domain_lower_cased(raw, expected):
    assert parse_email(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "x@",
        "@example.com",
        "zhang",
        "zhang@example",
        "zhang@@example.com",
        "zhang@exa@mple.com",
        "zhang wei@example.com",
        "zhang@example..com",
        "zhang@.example.com",
        "zhang@example.com.",
        "a@b.com, c@d.com",
        "a@b.com;c@d.com",
        "zh\x00ang@example.com",
        12345,
    ],
)
def test_malformed_email_is_refused(raw):
    with pytest.raises(ValueError, match="not an e-mail address"):
        parse_email(raw)


def test_email_message_quotes_the_value():
    with pytest.raises(ValueError, match=r"^not an e-mail address: 'x@'$"):
        parse_email("x@")


# --- fax ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("010-12345678", "010-12345678"),
        ("010 1234 5678", "01012345678"),
        ("(010)12345678", "(010)12345678"),
        ("+86-10-12345678", "+86-10-12345678"),
        ("１２３４５６７", "1234567"),
        (1012345678, "1012345678"),
    ],
)
def test_fax_keeps_digits_and_punctuation_without_spaces(raw, expected):
    assert parse_fax(raw) == expected


@pytest.mark.parametrize(
    "raw", ["123456", "1" * 21, "010-1234567x", "call me", "010/12345678", "", 12.5]
)
def test_malformed_fax_is_refused(raw):
    with pytest.raises(ValueError, match="not a fax number"):
        parse_fax(raw)


# --- postal code -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("100033", "100033"), (" 100033 ", "100033"), (100033, "100033"), (10000, "010000")],
)
def test_postal_code_is_six_digits(raw, expected):
    assert parse_postal_code(raw) == expected


def test_postal_code_from_a_float_cell_is_zero_padded():
    assert parse_postal_code(10000.0) == "010000"


@pytest.mark.parametrize("raw", ["10003", "1000333", "10003a", 1234567, -1, 100.5, True])
def test_malformed_postal_code_is_refused(raw):
    with pytest.raises(ValueError, match="not a postal code"):
        parse_postal_code(raw)
