"""Telling when two customer records are the same person (the seed's single customer view)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bankcrm_cli.domain.identity import is_same_person

LEVELS = ("certain", "probable", "possible")
CERTAIN_SCORE = 1.0
PROBABLE_SCORE = 0.95
# A fuzzy-name match never outranks a probable one.
POSSIBLE_CAP = 0.9


@dataclass(frozen=True)
class Person:
    """What the comparison needs of a customer record."""

    customer_id: str
    name: str
    id_number: str | None
    id_number_raw: str | None
    birth_date: date | None
    gender: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class DuplicatePair:
    customer_id_a: str
    customer_id_b: str
    level: str
    score: float
    reasons: tuple[str, ...]


def _ids(person: Person) -> list[str]:
    return [n for n in (person.id_number, person.id_number_raw) if n]


def same_id_number(a: Person, b: Person) -> bool:
    """The ID numbers name one person (an 18-digit number and its 15-digit predecessor too)."""
    return any(is_same_person(x, y) for x in _ids(a) for y in _ids(b))


def compare(a: Person, b: Person, name_similarity: float) -> DuplicatePair | None:
    """The pair's level, score and evidence; None when nothing says they are one person.

    `name_similarity` is 0..1 (the caller computes it in bulk). certain: the ID numbers are
    the same person; probable: same name and birth date, and the same phone or e-mail;
    possible: the same birth date and similar names (never with contradicting IDs or genders).
    """
    first, second = sorted((a, b), key=lambda p: p.customer_id)
    if same_id_number(a, b):
        reasons = ["same ID number"]
        if a.id_number_raw or b.id_number_raw:
            reasons.append("18-digit and old 15-digit forms")
        if a.name != b.name:
            reasons.append(f"names differ: {a.name} / {b.name}")
        return DuplicatePair(
            first.customer_id, second.customer_id, "certain", CERTAIN_SCORE, tuple(reasons)
        )
    if a.id_number and b.id_number:
        return None  # two different valid ID numbers are two people
    if a.birth_date is None or a.birth_date != b.birth_date:
        return None
    if a.gender and b.gender and a.gender != b.gender:
        return None
    shared = []
    if a.phone and a.phone == b.phone:
        shared.append("same phone")
    if a.email and b.email and a.email.lower() == b.email.lower():
        shared.append("same e-mail")
    if a.name == b.name and shared:
        reasons = ("same name", "same birth date", *shared)
        return DuplicatePair(
            first.customer_id, second.customer_id, "probable", PROBABLE_SCORE, reasons
        )
    reasons = (f"similar names: {a.name} / {b.name}", "same birth date", *shared)
    score = round(min(name_similarity, POSSIBLE_CAP), 2)
    return DuplicatePair(first.customer_id, second.customer_id, "possible", score, reasons)
