from __future__ import annotations

import pytest

from bankcrm_cli.domain.names import (
    COMPOUND_SURNAMES,
    honorific,
    normalise_name,
    salutation,
    surname,
)

# These read the English words of reject reasons and file errors.
pytestmark = pytest.mark.usefixtures("english")

REQUIRED_COMPOUNDS = [
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
]


def test_all_listed_compound_surnames_are_known():
    assert set(REQUIRED_COMPOUNDS) <= COMPOUND_SURNAMES


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("欧阳娜娜", "欧阳"),
        ("司马光", "司马"),
        ("诸葛亮", "诸葛"),
        ("上官婉儿", "上官"),
        ("慕容复", "慕容"),
        ("张伟", "张"),
        ("王小明", "王"),
        ("李", "李"),
    ],
)
def test_surname_takes_two_characters_only_for_compound_surnames(name, expected):
    assert surname(name) == expected


def test_name_with_a_space_takes_the_surname_from_the_first_part():
    assert surname("张 三丰") == "张"


@pytest.mark.parametrize(
    "name", ["阿依古丽·买买提", "阿依古丽•买买提", "阿依古丽．买买提", "阿依古丽・买买提"]
)
def test_middle_dot_names_are_used_whole(name):
    assert surname(name) == "阿依古丽·买买提"


def test_latin_letter_names_are_used_whole():
    assert surname("John Smith") == "John Smith"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  张伟 ", "张伟"),
        ("张\u3000 伟", "张 伟"),
        ("John   Smith", "John Smith"),
        ("阿依古丽•买买提", "阿依古丽·买买提"),
        ("阿依古丽 · 买买提", "阿依古丽·买买提"),
        ("阿依古丽.买买提", "阿依古丽·买买提"),
        ("J. Smith", "J. Smith"),
    ],
)
def test_normalise_name_strips_collapses_and_unifies_dots(raw, expected):
    assert normalise_name(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "   ", "\u3000"])
def test_empty_name_is_missing(raw):
    with pytest.raises(ValueError, match="^missing$"):
        normalise_name(raw)


@pytest.mark.parametrize(
    ("name", "gender", "expected"),
    [
        ("张伟", "M", "尊敬的张先生"),
        ("王芳", "F", "尊敬的王女士"),
        ("欧阳娜娜", "F", "尊敬的欧阳女士"),
        ("司马光", "M", "尊敬的司马先生"),
        ("阿依古丽·买买提", "F", "尊敬的阿依古丽·买买提女士"),
        ("阿依古丽•买买提", "F", "尊敬的阿依古丽·买买提女士"),
    ],
)
def test_salutation_uses_surname_and_title(name, gender, expected):
    assert salutation(name, gender) == expected


@pytest.mark.parametrize(
    ("name", "gender"),
    [("张伟", None), ("张伟", ""), ("张伟", "X"), (None, "M"), ("", "F"), ("  ", "M")],
)
def test_salutation_is_neutral_when_name_or_gender_is_unknown(name, gender):
    assert salutation(name, gender) == "尊敬的客户"


@pytest.mark.parametrize(
    ("gender", "expected"), [("M", "先生"), ("F", "女士"), (None, ""), ("", "")]
)
def test_honorific_follows_gender_and_is_empty_when_unknown(gender, expected):
    assert honorific(gender) == expected
