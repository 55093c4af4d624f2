"""Product types a bank holds for its customers, by canonical code."""

from __future__ import annotations

import re

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.values import halfwidth, quote

PRODUCT_LABELS: dict[str, str] = {
    "time_deposit": "定期存款",
    "installment_savings": "零存整取",
    "large_cd": "大额存单",
    "wealth": "理财",
    "fund": "基金",
    "insurance": "保险",
    "loan": "贷款",
    "current": "活期",
}

_ALIASES: dict[str, tuple[str, ...]] = {
    "time_deposit": (
        "整存整取",
        "定期",
        "定存",
        "time deposit",
        "fixed deposit",
        "term deposit",
    ),
    "installment_savings": (
        "零存整取存款",
        "installment savings",
        "instalment savings",
        "installment deposit",
        "recurring deposit",
    ),
    "large_cd": (
        "大额可转让存单",
        "cd",
        "large cd",
        "certificate of deposit",
        "large certificate of deposit",
        "large denomination cd",
    ),
    "wealth": (
        "理财产品",
        "银行理财",
        "wealth management",
        "wealth management product",
        "wealth product",
        "wmp",
    ),
    "fund": ("基金产品", "mutual fund", "funds"),
    "insurance": ("保险产品", "insurance product"),
    "loan": ("贷款产品", "loans"),
    "current": ("活期存款", "current account", "current deposit", "demand deposit"),
}


_SEPARATORS = re.compile(r"[\s_\-]+")


def _key(text: str) -> str:
    # Codes, English words and their spellings with spaces, dashes or underscores all meet here.
    return _SEPARATORS.sub("_", halfwidth(text).strip().lower())


def _lookup_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for code, label in PRODUCT_LABELS.items():
        for word in (code, label, *_ALIASES[code]):
            table[word] = code
            table[_key(word)] = code
    return table


_PRODUCT_TYPES = _lookup_table()


def parse_product_type(raw: object) -> str:
    """The canonical product code from a code, a Chinese label or an English name."""
    if isinstance(raw, str):
        found = _PRODUCT_TYPES.get(raw)
        if found is None:
            found = _PRODUCT_TYPES.get(_key(raw))
        if found is not None:
            return found
    known = ", ".join(PRODUCT_LABELS)
    raise ValueError(t("rj.product_type", value=quote(raw), known=known))
