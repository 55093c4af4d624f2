from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bankcrm_cli.domain.errors import UnusableInput
from bankcrm_cli.domain.fields import CUSTOMER_FIELDS, FIELDS_BY_KIND
from bankcrm_cli.io.headers import load_header_map, normalise_header, resolve_columns

# These read the English words of reject reasons and file errors.
pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    "header",
    [
        "customer_id",
        "Customer ID",
        "customer-id",
        "CUSTOMER_ID",
        " customer id ",
        "Customer\u3000ID",
    ],
)
def test_english_header_spellings_normalise_alike(header: str) -> None:
    assert normalise_header(header) == normalise_header("customer_id")


def test_normalise_header_drops_bom_and_ideographic_space() -> None:
    assert normalise_header("\ufeff客户\u3000号 ") == normalise_header("客户号")


def test_full_width_letters_normalise_to_plain_ones() -> None:
    assert normalise_header("ＩＤ") == normalise_header("id")


@given(st.text())
def test_normalise_header_is_idempotent(header: str) -> None:
    once = normalise_header(header)
    assert normalise_header(once) == once


@given(
    field=st.sampled_from(CUSTOMER_FIELDS),
    upper=st.booleans(),
    sep=st.sampled_from(["_", "-", " ", "\u3000"]),
)
def test_canonical_fields_match_in_any_case_and_separator(
    field: str, upper: bool, sep: str
) -> None:
    header = field.replace("_", sep)
    header = header.upper() if upper else header.title()
    mapping = resolve_columns(["customer_id", "name", header], "customers")
    expected = field if field not in ("customer_id", "name") else None
    assert mapping.fields[2] == expected


def test_chinese_headers_map_to_canonical_fields() -> None:
    header = ["客户号", "客户姓名", "身份证号", "手机号", "电子邮箱", "所属网点", "短信营销同意"]
    mapping = resolve_columns(header, "customers")
    assert mapping.fields == [
        "customer_id",
        "name",
        "id_number",
        "phone",
        "email",
        "branch",
        "consent_sms",
    ]
    assert mapping.unknown == []


def test_holding_headers_map_to_holding_fields() -> None:
    mapping = resolve_columns(["账号", "客户编号", "余额", "起息日", "到期日"], "holdings")
    assert mapping.fields == ["account_id", "customer_id", "amount", "open_date", "maturity_date"]


def test_unknown_headers_are_kept_out_of_the_way() -> None:
    mapping = resolve_columns(["客户号", "姓名", "备注", "", "职业"], "customers")
    assert mapping.fields == ["customer_id", "name", None, None, None]
    assert mapping.unknown == ["备注", "职业"]


def test_second_column_for_same_field_is_reported_as_duplicate() -> None:
    mapping = resolve_columns(["客户号", "姓名", "手机号码", "联系电话"], "customers")
    assert mapping.fields == ["customer_id", "name", "phone", None]
    assert mapping.unknown == ["联系电话 (duplicate of phone)"]


def test_index_gives_position_of_each_present_field() -> None:
    mapping = resolve_columns(["备注", "姓名", "客户号"], "customers")
    assert mapping.index() == {"name": 1, "customer_id": 2}


def test_map_file_maps_custom_header(tmp_path: Path) -> None:
    map_file = tmp_path / "map.toml"
    map_file.write_text('"手机" = "phone"\n"Cust No." = "customer_id"\n', encoding="utf-8")
    header_map = load_header_map(map_file)
    assert header_map == {"手机": "phone", "Cust No.": "customer_id"}
    mapping = resolve_columns(["cust no.", "姓名", "手机"], "customers", header_map)
    assert mapping.fields == ["customer_id", "name", "phone"]


def test_map_file_columns_table_is_read(tmp_path: Path) -> None:
    map_file = tmp_path / "map.toml"
    map_file.write_text('[columns]\n"手机" = "phone"\n', encoding="utf-8")
    assert load_header_map(map_file) == {"手机": "phone"}


def test_map_wins_over_builtin_alias() -> None:
    header = ["客户号", "姓名", "联系电话", "本人手机"]
    mapping = resolve_columns(header, "customers", {"本人手机": "phone"})
    assert mapping.fields == ["customer_id", "name", None, "phone"]
    assert mapping.unknown == ["联系电话 (duplicate of phone)"]


def test_map_target_that_is_not_a_field_is_unusable() -> None:
    with pytest.raises(UnusableInput) as err:
        resolve_columns(["客户号", "姓名", "手机"], "customers", {"手机": "mobile"})
    message = str(err.value)
    assert "'mobile'" in message
    assert ", ".join(FIELDS_BY_KIND["customers"]) in message


def test_missing_customer_id_column_is_unusable_with_hint() -> None:
    with pytest.raises(UnusableInput) as err:
        resolve_columns(["姓名", "手机号码"], "customers", source="customers.csv")
    assert str(err.value) == (
        "customers.csv has no customer_id column (looked for customer_id, 客户号, 客户编号); "
        "map yours with --map FILE"
    )


def test_all_missing_required_columns_are_named() -> None:
    with pytest.raises(UnusableInput, match="no account_id column .* and no customer_id column"):
        resolve_columns(["金额"], "holdings", source="holdings.xlsx")


def test_missing_map_file_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="does not exist"):
        load_header_map(tmp_path / "nope.toml")


def test_bad_toml_map_file_is_unusable_with_reason(tmp_path: Path) -> None:
    map_file = tmp_path / "map.toml"
    map_file.write_text('"手机" = phone\n', encoding="utf-8")
    with pytest.raises(UnusableInput, match="not valid TOML .*line 1"):
        load_header_map(map_file)


def test_non_string_map_value_is_unusable(tmp_path: Path) -> None:
    map_file = tmp_path / "map.toml"
    map_file.write_text('"手机" = 3\n', encoding="utf-8")
    with pytest.raises(UnusableInput, match="'手机' must map to a field name"):
        load_header_map(map_file)
