from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bankcrm_cli.domain.masking import mask_email, mask_id, mask_phone, mask_text


def test_mask_id_shows_region_and_last_four():
    assert mask_id("11010519491231002X") == "110105********002X"


def test_mask_id_of_15_digits_keeps_the_same_ends():
    assert mask_id("110105491231002") == "110105*****1002"


@pytest.mark.parametrize(("raw", "expected"), [(None, ""), ("", ""), ("1234", "****")])
def test_mask_id_of_missing_or_short_input_is_safe(raw, expected):
    assert mask_id(raw) == expected


def test_mask_id_of_odd_length_shows_less():
    assert mask_id("123456789") == "12*****89"


def test_mask_phone_shows_first_three_and_last_four():
    assert mask_phone("13800138000") == "138****8000"


def test_mask_phone_of_landline_and_short_numbers():
    assert mask_phone("010-12345678") == "010*****5678"
    assert mask_phone("12345") == "12*45"
    assert mask_phone(None) == ""


def test_mask_email_shows_first_letter_and_domain():
    assert mask_email("zhang.wei@example.com") == "z***@example.com"


def test_mask_email_hides_the_length_of_the_local_part():
    assert mask_email("a@example.com") == "a***@example.com"


@pytest.mark.parametrize(("raw", "expected"), [(None, ""), ("", ""), ("nonsense", "********")])
def test_mask_email_of_missing_or_malformed_input_is_safe(raw, expected):
    assert mask_email(raw) == expected


def test_mask_text_keeps_the_ends_asked_for():
    assert mask_text("abcdefgh", 2, 3) == "ab***fgh"
    assert mask_text("abcdefgh", 0, 0) == "********"
    assert mask_text("abcdefgh", 2, 0) == "ab******"


def test_mask_text_too_short_to_hide_anything_hides_everything():
    assert mask_text("abc", 2, 2) == "***"
    assert mask_text("abcd", 2, 2) == "****"


@given(st.text(min_size=1), st.integers(0, 10), st.integers(0, 10))
def test_mask_text_keeps_the_length_and_never_shows_the_whole_value(s, start, end):
    masked = mask_text(s, start, end)
    assert len(masked) == len(s)
    assert "*" in masked
