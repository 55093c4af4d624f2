"""`crm customers duplicates` finds planted duplicates and no false certain pairs."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import write
from tests.factories import make_id, make_id15


def test_planted_duplicates_are_found_at_the_right_level(crm, tmp_path: Path):
    old = make_id15("850307", 124)
    write(
        tmp_path / "c.csv",
        "customer_id,name,id_number,birth_date,gender,phone\n"
        f"C1,张伟,{make_id('19850307', 124)},,,\n"
        f"C2,张玮,{old},,,\n"  # the same person under his old 15-digit ID, name mistyped
        "C3,欧阳娜娜,,1990-01-01,F,\n"
        "C4,欧阳娜,,1990-01-01,F,\n"  # a typo
        "C5,李娜,,1992-05-05,F,13900139000\n"
        "C6,李娜,,1992-05-05,F,13900139000\n"  # same name, birth date and phone
        f"C7,王芳,{make_id('19800101', 122)},,,\n"
        f"C8,王芳,{make_id('19800101', 124)},,,\n",  # two different people, same name and day
    )
    assert crm("import", "customers", str(tmp_path / "c.csv")).exit_code == 0
    pairs = {
        (p["customer_id_a"], p["customer_id_b"]): p
        for p in crm.json("customers", "duplicates", "--min-score", "0.5")
    }
    assert pairs[("C1", "C2")]["level"] == "certain"
    assert pairs[("C3", "C4")]["level"] == "possible"
    assert pairs[("C5", "C6")]["level"] == "probable"
    assert ("C7", "C8") not in pairs
    certain = [key for key, p in pairs.items() if p["level"] == "certain"]
    assert certain == [("C1", "C2")]
    for p in pairs.values():
        for key in ("customer_id_a", "customer_id_b", "level", "score", "reasons"):
            assert key in p


def test_min_score_filters_possible_pairs(crm, tmp_path: Path):
    write(tmp_path / "c.csv", "customer_id,name,birth_date\nA,张伟,1985-03-07\nB,张玮,1985-03-07\n")
    crm("import", "customers", str(tmp_path / "c.csv"))
    assert crm.json("customers", "duplicates") == []
    assert len(crm.json("customers", "duplicates", "--min-score", "0.5")) == 1


def test_import_reports_a_known_person_under_a_new_number(crm, tmp_path: Path):
    write(tmp_path / "a.csv", f"customer_id,name,id_number\nC1,张伟,{make_id()}\n")
    first = crm.json("import", "customers", str(tmp_path / "a.csv"))
    assert first["duplicates"] == 0
    write(tmp_path / "b.csv", f"customer_id,name,id_number\nC9,张伟,{make_id()}\n")
    second = crm.json("import", "customers", str(tmp_path / "b.csv"))
    assert second["inserted"] == 1 and second["duplicates"] == 1
    write(tmp_path / "c.csv", f"customer_id,name,id_number\nC10,张伟,{make_id()}\n")
    text = crm("import", "customers", str(tmp_path / "c.csv")).stdout
    assert "1 位客户与另一客户号共用证件号码" in text
