from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import pytest

from bankcrm_cli.domain.errors import RowRejected
from bankcrm_cli.domain.identity import check_digit
from tests.domain.one_row import clean_customer, clean_holding, clean_rm

# These read the English words of reject reasons and file errors.
pytestmark = pytest.mark.usefixtures("english")

TODAY = date(2025, 6, 1)
ID_F_1949 = "11010519491231002X"
ID_M_1985 = "11010519850307001" + check_digit("11010519850307001")


def full_customer(**changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "customer_id": "C0000123",
        "name": "张伟",
        "id_number": ID_M_1985,
        "gender": "男",
        "birth_date": "1985-03-07",
        "lunar_birthday": "否",
        "phone": "+86 138-0013-8000",
        "email": "Zhang.Wei@Example.com",
        "fax": "010 12345678",
        "address": " 北京市西城区金融大街1号 ",
        "postal_code": "100033",
        "branch": "北京金融街支行",
        "rm_code": "RM001",
        "aum": "¥1,234,567.89",
        "consent_email": "是",
        "consent_sms": "否",
        "consent_phone": "Y",
        "consent_mail": "1",
        "consent_fax": "不同意",
    }
    row.update(changes)
    return row


def full_holding(**changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "account_id": "0062220202000123",
        "customer_id": "C0000123",
        "product_type": "整存整取",
        "product_name": "一年期定期",
        "amount": "100,000.00",
        "currency": "人民币",
        "open_date": "2024/6/1",
        "maturity_date": "2025年6月1日",
        "auto_rollover": "是",
    }
    row.update(changes)
    return row


def rejected(reason: str):
    return pytest.raises(RowRejected, match="^" + re.escape(reason) + "$")


# --- customers: normal rows --------------------------------------------------------------------


def test_full_customer_row_is_normalised():
    assert clean_customer(full_customer(), TODAY) == {
        "customer_id": "C0000123",
        "name": "张伟",
        "id_number": ID_M_1985,
        "gender": "M",
        "birth_date": date(1985, 3, 7),
        "lunar_birthday": False,
        "phone": "13800138000",
        "email": "Zhang.Wei@example.com",
        "fax": "01012345678",
        "address": "北京市西城区金融大街1号",
        "postal_code": "100033",
        "branch": "北京金融街支行",
        "rm_code": "RM001",
        "aum": Decimal("1234567.89"),
        "consent_email": True,
        "consent_sms": False,
        "consent_phone": True,
        "consent_mail": True,
        "consent_fax": False,
    }


def test_customer_row_with_only_key_and_name_gives_only_those():
    assert clean_customer({"customer_id": "C1", "name": "王芳"}, TODAY) == {
        "customer_id": "C1",
        "name": "王芳",
    }


def test_blank_values_are_omitted_so_stored_values_stay():
    row = full_customer(
        phone="",
        email="   ",
        fax=None,
        aum="\u3000",
        consent_email="",
        consent_sms=None,
        address=" ",
        lunar_birthday="",
    )
    cleaned = clean_customer(row, TODAY)
    for field in ("phone", "email", "fax", "aum", "consent_email", "consent_sms", "address"):
        assert field not in cleaned
    assert "lunar_birthday" not in cleaned


def test_customer_id_keeps_leading_zeros():
    assert clean_customer({"customer_id": " 000123 ", "name": "张伟"}, TODAY)["customer_id"] == (
        "000123"
    )


@pytest.mark.parametrize(("raw", "expected"), [(1001, "1001"), (1001.0, "1001")])
def test_numeric_customer_id_from_a_spreadsheet_becomes_text(raw, expected):
    assert clean_customer({"customer_id": raw, "name": "张伟"}, TODAY)["customer_id"] == expected


def test_fractional_customer_id_is_rejected():
    with rejected("customer_id: not an identifier: '1001.5'"):
        clean_customer({"customer_id": 1001.5, "name": "张伟"}, TODAY)


def test_customer_id_that_lost_digits_in_a_float_is_rejected():
    with pytest.raises(RowRejected, match="^customer_id: .*lost digits"):
        clean_customer({"customer_id": 6.222020200012345e18, "name": "张伟"}, TODAY)


def test_unknown_columns_are_ignored():
    row = {"customer_id": "C1", "name": "张伟", "remark": "vip"}
    assert "remark" not in clean_customer(row, TODAY)


def test_names_are_normalised_on_import():
    row = {"customer_id": "C1", "name": " 阿依古丽 • 买买提 "}
    assert clean_customer(row, TODAY)["name"] == "阿依古丽·买买提"


# --- customers: the ID and what follows from it -------------------------------------------------


def test_birth_date_and_gender_are_derived_from_the_id_when_not_given():
    cleaned = clean_customer({"customer_id": "C1", "name": "王芳", "id_number": ID_F_1949}, TODAY)
    assert cleaned["birth_date"] == date(1949, 12, 31)
    assert cleaned["gender"] == "F"


def test_blank_birth_date_and_gender_are_derived_from_the_id():
    row = full_customer(gender=" ", birth_date="")
    cleaned = clean_customer(row, TODAY)
    assert cleaned["gender"] == "M"
    assert cleaned["birth_date"] == date(1985, 3, 7)


def test_15_digit_id_is_stored_as_18_digits_with_the_given_number_beside_it():
    cleaned = clean_customer(
        {"customer_id": "C1", "name": "王芳", "id_number": "110105491231002"}, TODAY
    )
    assert cleaned["id_number"] == ID_F_1949
    assert cleaned["id_number_raw"] == "110105491231002"


def test_18_digit_id_has_no_raw_copy():
    assert "id_number_raw" not in clean_customer(full_customer(), TODAY)


def test_lower_case_x_in_the_id_is_stored_upper_case():
    row = {"customer_id": "C1", "name": "王芳", "id_number": ID_F_1949.lower()}
    assert clean_customer(row, TODAY)["id_number"] == ID_F_1949


def test_id_number_as_an_integer_cell_is_read():
    row = {"customer_id": "C1", "name": "王芳", "id_number": 110105491231002}
    assert clean_customer(row, TODAY)["id_number"] == ID_F_1949


def test_id_number_that_lost_digits_in_a_float_cell_is_rejected():
    row = {"customer_id": "C1", "name": "王芳", "id_number": 1.1010519491231002e17}
    with pytest.raises(RowRejected, match="^id_number: stored as a number and lost"):
        clean_customer(row, TODAY)


def test_bad_id_check_digit_is_rejected_naming_the_field():
    with rejected("id_number: check digit should be X"):
        clean_customer(
            full_customer(id_number="110105194912310021", gender="", birth_date=""), TODAY
        )


def test_short_id_is_rejected_naming_the_field():
    with rejected("id_number: must be 18 characters (or the old 15 digits), got 17"):
        clean_customer(full_customer(id_number=ID_M_1985[:17]), TODAY)


def test_date_contradicting_id_is_rejected_naming_the_field():
    with rejected("birth_date: 1985-03-08 contradicts id_number (1985-03-07)"):
        clean_customer(full_customer(birth_date="1985-03-08"), TODAY)


def test_gender_contradicting_id_is_rejected_naming_the_field():
    with rejected("gender: F contradicts id_number (M)"):
        clean_customer(full_customer(gender="女"), TODAY)


def test_birth_date_agreeing_with_id_in_another_form_is_accepted():
    cleaned = clean_customer(full_customer(birth_date="1985年3月7日", gender="M"), TODAY)
    assert cleaned["birth_date"] == date(1985, 3, 7)


# --- customers: dates --------------------------------------------------------------------------


def test_future_birth_date_is_rejected():
    row = {"customer_id": "C1", "name": "王芳", "birth_date": "2031-01-01"}
    with rejected("birth_date: in the future: 2031-01-01"):
        clean_customer(row, TODAY)


def test_birth_date_before_1900_is_rejected():
    row = {"customer_id": "C1", "name": "王芳", "birth_date": "1899-12-31"}
    with rejected("birth_date: before 1900: 1899-12-31"):
        clean_customer(row, TODAY)


def test_impossible_birth_date_is_rejected():
    row = {"customer_id": "C1", "name": "王芳", "birth_date": "1985-02-30"}
    with rejected("birth_date: not a real date: '1985-02-30'"):
        clean_customer(row, TODAY)


def test_birth_date_without_id_is_kept_as_given():
    row = {"customer_id": "C1", "name": "王芳", "birth_date": "2000/2/29"}
    assert clean_customer(row, TODAY)["birth_date"] == date(2000, 2, 29)


def test_excel_serial_birth_date_is_read_when_the_file_is_a_spreadsheet():
    row = {"customer_id": "C1", "name": "王芳", "birth_date": 31113}
    assert clean_customer(row, TODAY, excel_dates=True)["birth_date"] == date(1985, 3, 7)


def test_numeric_birth_date_is_not_a_serial_in_text_files():
    row = {"customer_id": "C1", "name": "王芳", "birth_date": 31113}
    with pytest.raises(RowRejected, match="^birth_date: not a date"):
        clean_customer(row, TODAY)


def test_datetime_cells_are_dates():
    row = {"customer_id": "C1", "name": "王芳", "birth_date": datetime(1985, 3, 7)}
    assert clean_customer(row, TODAY, excel_dates=True)["birth_date"] == date(1985, 3, 7)


# --- customers: each reject reason -------------------------------------------------------------


@pytest.mark.parametrize("blank", ["", "  ", None])
def test_blank_customer_id_is_missing(blank):
    with rejected("customer_id: missing"):
        clean_customer(full_customer(customer_id=blank), TODAY)


def test_absent_customer_id_is_missing():
    with rejected("customer_id: missing"):
        clean_customer({"name": "张伟"}, TODAY)


@pytest.mark.parametrize("blank", ["", "\u3000", None])
def test_blank_name_is_missing(blank):
    with rejected("name: missing"):
        clean_customer(full_customer(name=blank), TODAY)


def test_missing_customer_id_is_reported_before_other_problems():
    with rejected("customer_id: missing"):
        clean_customer(full_customer(customer_id="", phone="123"), TODAY)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"phone": "123"}, "phone: not a mainland mobile number: '123'"),
        ({"email": "x@"}, "email: not an e-mail address: 'x@'"),
        ({"fax": "12"}, "fax: not a fax number: '12'"),
        ({"postal_code": "1000"}, "postal_code: not a postal code: '1000'; use 6 digits"),
        ({"aum": "abc"}, "aum: not an amount: 'abc'"),
        ({"aum": "-12.50"}, "aum: must not be negative: -12.50"),
        ({"aum": "1.234"}, "aum: more than 2 decimal places: '1.234'"),
        ({"consent_sms": "maybe"}, "consent_sms: not yes/no: 'maybe'"),
        ({"lunar_birthday": "maybe"}, "lunar_birthday: not yes/no: 'maybe'"),
        ({"gender": "x"}, "gender: not a gender: 'x'; use M or F"),
        ({"address": "a" * 501}, "address: longer than 500 characters"),
        ({"branch": "总行\x00"}, "branch: contains control characters"),
        ({"name": "张\x00伟"}, "name: contains control characters"),
        ({"name": "张\n伟"}, "name: contains control characters"),
        ({"address": "北京\x07西城"}, "address: contains control characters"),
        ({"address": ["a", "b"]}, "address: unsupported value of type list"),
    ],
)
def test_each_invalid_customer_value_rejects_the_row_naming_the_field(changes, reason):
    with rejected(reason):
        clean_customer(full_customer(**changes), TODAY)


def test_text_of_exactly_500_characters_is_accepted():
    assert clean_customer(full_customer(address="a" * 500), TODAY)["address"] == "a" * 500


def test_full_width_spaces_inside_text_are_not_control_characters():
    address = "北京\u3000西城"
    assert clean_customer(full_customer(address=address), TODAY)["address"] == address


def test_zero_aum_is_accepted():
    assert clean_customer(full_customer(aum="0"), TODAY)["aum"] == Decimal("0.00")


def test_spreadsheet_typed_cells_are_accepted():
    row = full_customer(
        phone=13800138000,
        postal_code=100033,
        aum=1234.5,
        consent_email=True,
        consent_sms=0,
        rm_code=7,
    )
    cleaned = clean_customer(row, TODAY)
    assert cleaned["phone"] == "13800138000"
    assert cleaned["postal_code"] == "100033"
    assert cleaned["aum"] == Decimal("1234.50")
    assert cleaned["consent_email"] is True
    assert cleaned["consent_sms"] is False
    assert cleaned["rm_code"] == "7"


# --- holdings ----------------------------------------------------------------------------------


def test_full_holding_row_is_normalised():
    assert clean_holding(full_holding(), TODAY) == {
        "account_id": "0062220202000123",
        "customer_id": "C0000123",
        "product_type": "time_deposit",
        "product_name": "一年期定期",
        "amount": Decimal("100000.00"),
        "currency": "CNY",
        "open_date": date(2024, 6, 1),
        "maturity_date": date(2025, 6, 1),
        "auto_rollover": True,
    }


def test_blank_currency_is_omitted_for_the_caller_to_default():
    assert "currency" not in clean_holding(full_holding(currency=""), TODAY)


def test_maturity_may_be_in_the_future():
    cleaned = clean_holding(full_holding(maturity_date="2030-01-01"), TODAY)
    assert cleaned["maturity_date"] == date(2030, 1, 1)


def test_maturity_on_the_open_date_is_accepted():
    cleaned = clean_holding(full_holding(open_date="2025-01-01", maturity_date="2025-01-01"), TODAY)
    assert cleaned["maturity_date"] == cleaned["open_date"]


def test_maturity_before_open_date_is_rejected():
    with rejected("maturity_date: 2024-01-01 is before open_date 2025-01-01"):
        clean_holding(full_holding(open_date="2025-01-01", maturity_date="2024-01-01"), TODAY)


def test_future_open_date_is_rejected():
    with rejected("open_date: in the future: 2025-06-02"):
        clean_holding(full_holding(open_date="2025-06-02", maturity_date=""), TODAY)


def test_open_date_today_is_accepted():
    assert clean_holding(full_holding(open_date="2025-06-01"), TODAY)["open_date"] == TODAY


def test_excel_serial_dates_in_holdings():
    cleaned = clean_holding(
        full_holding(open_date=45444, maturity_date=45809.0), TODAY, excel_dates=True
    )
    assert cleaned["open_date"] == date(2024, 6, 1)
    assert cleaned["maturity_date"] == date(2025, 6, 1)


def test_numeric_account_id_keeps_its_digits():
    assert clean_holding(full_holding(account_id=6222020200012345), TODAY)["account_id"] == (
        "6222020200012345"
    )


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"account_id": ""}, "account_id: missing"),
        ({"account_id": None}, "account_id: missing"),
        ({"customer_id": " "}, "customer_id: missing"),
        ({"amount": "abc"}, "amount: not an amount: 'abc'"),
        ({"currency": "XYZ"}, "currency: unknown currency 'XYZ'; use an ISO code such as CNY"),
        ({"auto_rollover": "maybe"}, "auto_rollover: not yes/no: 'maybe'"),
        ({"open_date": "xyz"}, "open_date: not a date: 'xyz'; use YYYY-MM-DD"),
        ({"maturity_date": "2025-02-29"}, "maturity_date: not a real date: '2025-02-29'"),
        ({"product_name": "x" * 501}, "product_name: longer than 500 characters"),
    ],
)
def test_each_invalid_holding_value_rejects_the_row_naming_the_field(changes, reason):
    with rejected(reason):
        clean_holding(full_holding(**changes), TODAY)


def test_unknown_product_type_rejects_the_row_listing_the_codes():
    with pytest.raises(RowRejected, match="^product_type: unknown product type '黄金'; use one of"):
        clean_holding(full_holding(product_type="黄金"), TODAY)


def test_negative_holding_amount_is_kept():
    assert clean_holding(full_holding(amount="-5.00"), TODAY)["amount"] == Decimal("-5.00")


# --- relationship managers ---------------------------------------------------------------------


def test_rm_row_is_normalised():
    row = {
        "rm_code": " RM001 ",
        "name": "李经理",
        "phone": "138 0013 8000",
        "email": "li@Bank.cn",
        "branch": "金融街支行",
    }
    assert clean_rm(row) == {
        "rm_code": "RM001",
        "name": "李经理",
        "phone": "13800138000",
        "email": "li@bank.cn",
        "branch": "金融街支行",
    }


def test_rm_phone_may_be_a_landline():
    assert clean_rm({"rm_code": "RM1", "name": "李", "phone": "010-12345678"})["phone"] == (
        "010-12345678"
    )


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"rm_code": ""}, "rm_code: missing"),
        ({"name": " "}, "name: missing"),
        ({"phone": "12"}, "phone: not a phone number: '12'"),
        ({"email": "li@"}, "email: not an e-mail address: 'li@'"),
    ],
)
def test_each_invalid_rm_value_rejects_the_row_naming_the_field(changes, reason):
    row: dict[str, object] = {"rm_code": "RM1", "name": "李", "phone": "13800138000"}
    row.update(changes)
    with rejected(reason):
        clean_rm(row)


def test_blank_rm_values_are_omitted():
    assert clean_rm({"rm_code": "RM1", "name": "李", "phone": "", "email": None}) == {
        "rm_code": "RM1",
        "name": "李",
    }


def test_multi_line_address_from_excel_is_kept_with_its_line_break():
    from datetime import date as _date

    from tests.domain.one_row import clean_customer

    raw = {"customer_id": "1", "name": "张伟", "address": "北京市朝阳区\n建国路88号"}
    cleaned = clean_customer(raw, _date(2026, 11, 29))
    assert cleaned["address"] == "北京市朝阳区\n建国路88号"


def test_control_character_in_address_is_still_rejected():
    from datetime import date as _date

    import pytest

    from bankcrm_cli.domain.errors import RowRejected
    from tests.domain.one_row import clean_customer

    with pytest.raises(RowRejected, match="address: contains control characters"):
        raw = {"customer_id": "1", "name": "张伟", "address": "北京\x00市"}
        clean_customer(raw, _date(2026, 11, 29))
