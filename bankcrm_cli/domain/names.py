"""Chinese personal names: normal form, surname and the salutation of a letter."""

from __future__ import annotations

import re

from bankcrm_cli.domain.catalogue import t

# Kept to the well-known ones: each pair also reads as a single surname plus a given-name
# character (单 + 于…), and a longer list would misread more ordinary names such as 梁丘华.
COMPOUND_SURNAMES: frozenset[str] = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "令狐",
        "夏侯",
        "司徒",
        "端木",
        "长孙",
        "宇文",
        "轩辕",
        "独孤",
        "南宫",
        "西门",
        "百里",
        "呼延",
        "澹台",
        "公冶",
        "太史",
        "申屠",
        "钟离",
        "闻人",
        "赫连",
        "濮阳",
        "宗政",
        "万俟",
        "亓官",
        "司空",
        "仲孙",
        "单于",
        "子车",
        "左丘",
        "东郭",
        "拓跋",
        "完颜",
        "鲜于",
        "闾丘",
        "淳于",
        "漆雕",
        "巫马",
        "壤驷",
        "颛孙",
        "微生",
        "羊舌",
    ]
)

MIDDLE_DOT = "·"
# Look-alikes of the middle dot that input methods and fonts produce in minority names.
_DOT_VARIANTS = "•‧∙⋅・･．"
_DOT_LIKE = re.compile(
    rf"\s*[{MIDDLE_DOT}{_DOT_VARIANTS}]\s*"
    # An ASCII full stop between two Chinese characters is a middle dot typed on an English layout.
    r"|(?<=[\u3400-\u9fff])\s*\.\s*(?=[\u3400-\u9fff])"
)
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")


def normalise_name(raw: object) -> str:
    """A name stripped, inner whitespace collapsed to one space, middle-dot variants as `·`."""
    if raw is None:
        raise ValueError(t("rj.missing"))
    text = " ".join((raw if isinstance(raw, str) else str(raw)).split())
    if not text:
        raise ValueError(t("rj.missing"))
    if text.isascii() and "." not in text:
        return text
    return _DOT_LIKE.sub(MIDDLE_DOT, text)


def surname(name: str) -> str:
    """The surname: two characters for a compound surname, the whole name for `·` names."""
    name = normalise_name(name)
    # Minority names (阿依古丽·买买提) and names in Latin letters have no surname to pick out.
    if MIDDLE_DOT in name or _HAN.search(name) is None:
        return name
    first = name.split(" ", 1)[0]
    return first[:2] if first[:2] in COMPOUND_SURNAMES else first[:1]


_TITLES = {"M": "先生", "F": "女士"}


def honorific(gender: str | None) -> str:
    """`先生` for a man, `女士` for a woman, nothing when the gender is unknown."""
    return _TITLES.get(gender or "", "")


def salutation(name: str | None, gender: str | None) -> str:
    """`尊敬的{surname}先生` or `…女士`; `尊敬的客户` when name or gender is unknown."""
    title = honorific(gender)
    if not title or name is None or not name.strip():
        return "尊敬的客户"
    return f"尊敬的{surname(name)}{title}"
