from __future__ import annotations

import pytest

from bankcrm_cli.domain.products import PRODUCT_LABELS, parse_product_type

# These read the English words of reject reasons and file errors.
pytestmark = pytest.mark.usefixtures("english")


def test_every_code_has_a_chinese_label():
    assert PRODUCT_LABELS == {
        "time_deposit": "定期存款",
        "installment_savings": "零存整取",
        "large_cd": "大额存单",
        "wealth": "理财",
        "fund": "基金",
        "insurance": "保险",
        "loan": "贷款",
        "current": "活期",
    }


@pytest.mark.parametrize("code", list(PRODUCT_LABELS))
def test_codes_and_labels_parse_to_the_code(code):
    assert parse_product_type(code) == code
    assert parse_product_type(code.upper()) == code
    assert parse_product_type(PRODUCT_LABELS[code]) == code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("整存整取", "time_deposit"),
        ("定期", "time_deposit"),
        ("定存", "time_deposit"),
        ("Time Deposit", "time_deposit"),
        ("time-deposit", "time_deposit"),
        ("fixed deposit", "time_deposit"),
        ("零存整取", "installment_savings"),
        ("installment savings", "installment_savings"),
        ("CD", "large_cd"),
        ("certificate of deposit", "large_cd"),
        ("理财产品", "wealth"),
        ("wealth management", "wealth"),
        ("WMP", "wealth"),
        ("mutual fund", "fund"),
        ("活期存款", "current"),
        ("current account", "current"),
        (" 贷款 ", "loan"),
        ("Insurance", "insurance"),
    ],
)
def test_aliases_and_english_words_parse_to_the_code(raw, expected):
    assert parse_product_type(raw) == expected


def test_unknown_product_type_lists_the_known_codes():
    with pytest.raises(ValueError, match="unknown product type '黄金'") as raised:
        parse_product_type("黄金")
    for code in PRODUCT_LABELS:
        assert code in str(raised.value)


def test_non_text_product_type_is_unknown():
    with pytest.raises(ValueError, match="unknown product type"):
        parse_product_type(3)
