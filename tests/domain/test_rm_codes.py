"""RM codes have one form, whoever typed them (issue 17, item 15)."""

from __future__ import annotations

import pytest

from bankcrm_cli.domain.rm_codes import normalise_rm_code


@pytest.mark.parametrize(
    "typed", ["RM001", "rm001", "Rm001", "ＲＭ００１", "ｒｍ００１", " RM001 ", "\u3000ＲＭ001\t"]
)
def test_every_spelling_of_a_code_is_the_same_code(typed):
    assert normalise_rm_code(typed) == "RM001"


def test_spaces_inside_a_code_are_kept():
    assert normalise_rm_code(" rm 01 ") == "RM 01"
