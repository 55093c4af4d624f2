"""Which pairs of customer records are one person."""

from __future__ import annotations

from datetime import date

from bankcrm_cli.domain.duplicates import Person, compare
from tests.factories import make_id, make_id15


def person(cid: str, name: str = "张伟", **kw) -> Person:
    base = dict(
        id_number=None,
        id_number_raw=None,
        birth_date=date(1985, 3, 7),
        gender="M",
        phone=None,
        email=None,
    )
    base.update(kw)
    return Person(customer_id=cid, name=name, **base)


def test_same_id_number_is_certain_even_with_different_names():
    pair = compare(person("B", id_number=make_id()), person("A", "张玮", id_number=make_id()), 0.5)
    assert (pair.level, pair.score, pair.customer_id_a) == ("certain", 1.0, "A")


def test_15_digit_id_and_its_18_digit_successor_are_certain():
    a = person("A", id_number=make_id(seq=124), id_number_raw=make_id15())
    b = person("B", id_number=make_id(seq=124))
    pair = compare(a, b, 1.0)
    assert pair.level == "certain" and "18-digit and old 15-digit forms" in pair.reasons


def test_different_id_numbers_are_never_a_pair():
    a = person("A", id_number=make_id(seq=123))
    b = person("B", id_number=make_id(seq=125))
    assert compare(a, b, 1.0) is None


def test_same_name_birth_date_and_phone_is_probable():
    pair = compare(person("A", phone="13800138000"), person("B", phone="13800138000"), 1.0)
    assert pair.level == "probable" and "same phone" in pair.reasons


def test_similar_name_and_same_birth_date_is_possible_scored_by_similarity():
    pair = compare(person("A", "欧阳娜娜"), person("B", "欧阳娜"), 0.857)
    assert pair.level == "possible" and pair.score == 0.86


def test_different_birth_dates_or_genders_are_not_pairs():
    assert compare(person("A"), person("B", birth_date=date(1985, 3, 8)), 1.0) is None
    assert compare(person("A"), person("B", gender="F"), 1.0) is None
