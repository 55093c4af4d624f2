"""Canonical import fields and the header names banks export them under (DOMAIN.md)."""

from __future__ import annotations

CUSTOMER_FIELDS: tuple[str, ...] = (
    "customer_id",
    "name",
    "id_number",
    "gender",
    "birth_date",
    "lunar_birthday",
    "phone",
    "email",
    "fax",
    "address",
    "postal_code",
    "branch",
    "rm_code",
    "aum",
    "consent_email",
    "consent_sms",
    "consent_phone",
    "consent_mail",
    "consent_fax",
)

HOLDING_FIELDS: tuple[str, ...] = (
    "account_id",
    "customer_id",
    "product_type",
    "product_name",
    "amount",
    "currency",
    "open_date",
    "maturity_date",
    "auto_rollover",
)

RM_FIELDS: tuple[str, ...] = ("rm_code", "name", "phone", "email", "branch")

CONSENT_CHANNELS: tuple[str, ...] = ("email", "sms", "phone", "mail", "fax")

# Header aliases per field; matched case- and whitespace-insensitively.
CUSTOMER_ALIASES: dict[str, tuple[str, ...]] = {
    "customer_id": ("客户号", "客户编号"),
    "name": ("姓名", "客户姓名"),
    "id_number": ("证件号码", "身份证号"),
    "gender": ("性别",),
    "birth_date": ("出生日期", "生日"),
    "lunar_birthday": ("农历生日",),
    "phone": ("手机号码", "手机号", "联系电话"),
    "email": ("电子邮箱", "邮箱"),
    "fax": ("传真",),
    "address": ("通讯地址", "地址"),
    "postal_code": ("邮编",),
    "branch": ("所属网点", "网点"),
    "rm_code": ("客户经理",),
    "aum": ("资产余额",),
    "consent_email": ("邮件营销同意",),
    "consent_sms": ("短信营销同意",),
    "consent_phone": ("电话营销同意",),
    "consent_mail": ("信函营销同意",),
    "consent_fax": ("传真营销同意",),
}

HOLDING_ALIASES: dict[str, tuple[str, ...]] = {
    "account_id": ("账号",),
    "customer_id": ("客户号", "客户编号"),
    "product_type": ("产品类型",),
    "product_name": ("产品名称",),
    "amount": ("金额", "余额"),
    "currency": ("币种",),
    "open_date": ("起息日", "开户日期"),
    "maturity_date": ("到期日",),
    "auto_rollover": ("自动转存",),
}

RM_ALIASES: dict[str, tuple[str, ...]] = {
    "rm_code": ("客户经理", "客户经理编号", "客户经理号", "工号"),
    "name": ("姓名", "客户经理姓名"),
    "phone": ("手机号码", "手机号", "联系电话"),
    "email": ("电子邮箱", "邮箱"),
    "branch": ("所属网点", "网点"),
}

# What a file of each kind must have, else it is unusable (exit 2).
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "customers": ("customer_id", "name"),
    "holdings": ("account_id", "customer_id"),
    "rms": ("rm_code", "name"),
}

FIELDS_BY_KIND: dict[str, tuple[str, ...]] = {
    "customers": CUSTOMER_FIELDS,
    "holdings": HOLDING_FIELDS,
    "rms": RM_FIELDS,
}

ALIASES_BY_KIND: dict[str, dict[str, tuple[str, ...]]] = {
    "customers": CUSTOMER_ALIASES,
    "holdings": HOLDING_ALIASES,
    "rms": RM_ALIASES,
}

# Fields that hold dates, per kind: an .xlsx number in one of them is an Excel serial.
DATE_FIELDS: frozenset[str] = frozenset({"birth_date", "open_date", "maturity_date"})
