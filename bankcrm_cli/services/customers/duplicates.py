"""Finding the same customer behind different customer numbers, without comparing all pairs.

Blocking: records are compared only within a group that shares an ID number or a birth date,
so a million customers make some 24,000 small groups instead of 5e11 pairs. Names within a
birth-date group are scored in bulk by rapidfuzz.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Connection, Engine

from bankcrm_cli.domain.duplicates import DuplicatePair, Person, compare
from bankcrm_cli.store.queries import duplicates as queries


def _person(row) -> Person:
    # The query's columns come in Person's field order.
    return Person(*row)


def _same_id_groups(conn: Connection) -> Iterator[list[Person]]:
    rows = queries.rows_sharing_an_id_number(conn)
    group: list[Person] = []
    for row in rows:
        person = _person(row)
        if group and group[0].id_number != person.id_number:
            yield group
            group = []
        group.append(person)
    if group:
        yield group


def _birth_date_groups(conn: Connection) -> Iterator[list[Person]]:
    rows = queries.rows_by_birth_date(conn)
    group: list[Person] = []
    for row in rows:
        person = _person(row)
        if group and group[0].birth_date != person.birth_date:
            if len(group) > 1:
                yield group
            group = []
        group.append(person)
    if len(group) > 1:
        yield group


def _similar_pairs(group: list[Person], min_score: float) -> Iterator[tuple[int, int, float]]:
    """Index pairs (i < j) of similar names, scored 0..1 by rapidfuzz in C, name by name."""
    from rapidfuzz import fuzz, process

    names = [person.name for person in group]
    cutoff = min_score * 100
    for i in range(len(names) - 1):
        later = names[i + 1 :]
        for _, score, offset in process.extract(
            names[i], later, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        ):
            yield i, i + 1 + offset, score / 100


def find_duplicates(engine: Engine, *, min_score: float = 0.8) -> list[DuplicatePair]:
    """Candidate pairs with a score of at least `min_score`, most certain first."""
    found: dict[tuple[str, str], DuplicatePair] = {}

    def keep(pair: DuplicatePair | None) -> None:
        if pair is None or pair.score < min_score:
            return
        key = (pair.customer_id_a, pair.customer_id_b)
        if key not in found or found[key].score < pair.score:
            found[key] = pair

    with engine.connect() as conn:
        for group in _same_id_groups(conn):
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    keep(compare(a, b, 1.0))
        for group in _birth_date_groups(conn):
            for i, j, similarity in _similar_pairs(group, min_score):
                keep(compare(group[i], group[j], similarity))
            # Probable pairs need the same name only: they are found above (similarity 1.0).
    return sorted(found.values(), key=lambda p: (-p.score, p.customer_id_a, p.customer_id_b))
