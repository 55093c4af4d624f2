"""A column whose every cell passes is kept at once (str methods over the joined column); any
column must come out exactly as its cells do one by one."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from bankcrm_cli.domain.cell_rules import Invalid, column_rules

# Characters that sit on the edges of the rules: spaces of every kind, controls, middle dots
# and their look-alikes, full-width letters, lower case, Chinese, Latin letters with accents.
_TRICKY = (
    string.ascii_letters
    + string.digits
    + " \t\n\r\x0b\x0c\x00\x1f\x7f\x85\xa0\u3000\u2028\u200b"
    + "·•・．.-+@_%"
    + "ＲＭ０１éÅ王欧阳买提"
)
_CELLS = st.text(alphabet=_TRICKY, max_size=14)
# Cells the fast checks take whole: plain keys, codes, mobiles, postal codes, Chinese names.
_PLAIN = st.sampled_from(
    ["0000000001", "A12", "RM001", "13812345678", "100032", "王小明", "阿依古丽·买买提", "x y"]
)


def _one_by_one(rule, cells: list[str]) -> list[object]:
    """Each cell through the rule in a column of its own beside a cell that no check passes,
    so the shortcut cannot apply."""
    return [rule((cell, "\x00bad"))[0] for cell in cells]


def _comparable(values: list[object]) -> list[object]:
    return [("invalid", v.message) if isinstance(v, Invalid) else v for v in values]


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(st.one_of(_CELLS, _PLAIN, st.just("")), min_size=1, max_size=8))
def test_a_column_comes_out_as_its_cells_do_one_by_one(cells: list[str]):
    for kind in ("customers", "holdings", "rms"):
        failures: list = []
        for name, (_target, rule) in column_rules(kind, False, failures).items():
            whole = _comparable(rule(tuple(cells)))
            alone = _comparable(_one_by_one(rule, cells))
            assert whole == alone, (kind, name, cells)


def test_plain_columns_are_kept_as_they_are():
    failures: list = []
    rules = column_rules("customers", False, failures)
    column = ("王小明", "阿依古丽·买买提", "")
    assert rules["name"][1](column) == ["王小明", "阿依古丽·买买提", ""]
    assert rules["phone"][1](("13812345678", "")) == ["13812345678", ""]
    assert rules["rm_code"][1](("rm001", "RM002"))[0] == "RM001"
    assert rules["branch"][1](("西城支行 ", "东城支行")) == ["西城支行", "东城支行"]
    assert not failures
