"""Hostile and broken input files: every import ends in rejects or one clean error line.

Hypothesis writes files of random bytes, random cells (huge, NUL, formula-looking, in mixed
encodings) and random JSON and workbooks; `crm import` must finish (exit 0, bad rows in the
rejects file) or refuse the file (exit 2, one line on stderr) with the store untouched, and
never show a traceback. The template sandbox and its limits are tested in
tests/render/test_templating.py and tests/cli/test_mailmerge_cli.py.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import store_engine, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bankcrm_cli.store.tables import customers_table, holdings_table, import_runs_table

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADER = ["customer_id", "name", "id_number", "birth_date", "phone", "email", "aum", "consent_sms"]
FORMULAS = ["=1+1", '=HYPERLINK("http://x","y")', "+86 138", "-2+3", "@SUM(A1)", "\tx", "\rx"]
NASTY = ["", " ", "\x00", "a\x00b", "\ufeff", "\u202e", "é", "客户", '"', "'", ",", "\n", "\r\n"]


@pytest.fixture
def store(crm, tmp_path: Path):
    """A store holding two customers, whose contents every run compares."""
    path = write(tmp_path / "seed.csv", "customer_id,name,phone\nS1,张伟,13800138000\nS2,李娜,\n")
    assert crm("import", "customers", str(path)).exit_code == 0
    return crm


def snapshot(crm) -> dict[str, list[tuple]]:
    engine = store_engine(crm)
    with engine.connect() as conn:
        tables = (customers_table, holdings_table, import_runs_table)
        found = {
            t.name: sorted(tuple(map(repr, r)) for r in conn.execute(select(t))) for t in tables
        }
    engine.dispose()
    return found


def import_and_check(crm, path: Path, kind: str = "customers") -> None:
    """Run the import; it is done (exit 0) or refused whole (exit 2, one line, store as it was)."""
    before = snapshot(crm)
    result = crm("import", kind, str(path), "--format", "json")
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    if result.exit_code == 2:
        assert result.stderr.startswith("crm: error: ")
        assert result.stderr.count("\n") == 1, result.stderr
        assert snapshot(crm) == before, "a refused file writes nothing"
        return
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (
        summary["rows"]
        == summary["inserted"] + summary["updated"] + summary["unchanged"] + (summary["rejected"])
    )
    after = snapshot(crm)
    assert len(after["customers"]) == len(before["customers"]) + (
        summary["inserted"] if kind == "customers" else 0
    )
    assert len(after["import_runs"]) == len(before["import_runs"]) + 1
    rejects = summary["rejects_file"]
    assert (rejects is not None) == (summary["rejected"] > 0)
    if rejects:
        csv.field_size_limit(1 << 30)  # rejected rows are written whole, huge fields too
        with open(rejects, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert len(rows) == summary["rejected"] + 1
        Path(rejects).unlink()


EXTENSIONS = st.sampled_from([".csv", ".tsv", ".txt", ".json", ".jsonl", ".xlsx"])


@FUZZ
@given(data=st.binary(max_size=3000), extension=EXTENSIONS)
def test_random_bytes_in_any_format(store, tmp_path, data, extension):
    path = tmp_path / f"random{extension}"
    path.write_bytes(data)
    import_and_check(store, path)


@FUZZ
@given(data=st.binary(min_size=1, max_size=400), extension=EXTENSIONS)
def test_random_bytes_after_a_good_header(store, tmp_path, data, extension):
    path = tmp_path / f"header{extension}"
    path.write_bytes((",".join(HEADER) + "\nC1,张伟,").encode() + data)
    import_and_check(store, path)


def huge(min_size: int = 10_000, max_size: int = 200_000):
    """One character many times: a field far larger than any real one."""
    characters = st.sampled_from(["x", "客", "=", "\x00"])
    return st.builds(lambda c, n: c * n, characters, st.integers(min_size, max_size))


CELLS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(FORMULAS + NASTY),
    st.integers(-(10**20), 10**20).map(str),
    huge(),
)
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=len(HEADER) + 2), min_size=1, max_size=8)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "latin-1"])


def _delimited(rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


@FUZZ
@given(rows=ROWS, encoding=ENCODINGS, delimiter=st.sampled_from([",", "\t", ";", "|"]))
def test_random_cells_in_delimited_text(store, tmp_path, rows, encoding, delimiter):
    text = _delimited(rows, delimiter)
    path = tmp_path / ("cells.tsv" if delimiter == "\t" else "cells.csv")
    path.write_bytes(text.encode(encoding, errors="replace"))
    import_and_check(store, path)


@FUZZ
@given(first=ROWS, second=ROWS)
def test_mixed_encodings_in_one_file(store, tmp_path, first, second):
    head = _delimited(first, ",").encode("utf-8")
    tail = _delimited(second, ",").split("\n", 1)[1].encode("gb18030", errors="replace")
    path = tmp_path / "mixed.csv"
    path.write_bytes(head + "客户,王芳\n".encode("gb18030") + tail)
    import_and_check(store, path)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | CELLS,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=10,
)
RECORDS = st.lists(
    st.dictionaries(st.sampled_from([*HEADER, "未知", ""]), JSON_VALUES, max_size=len(HEADER)),
    max_size=6,
)


@FUZZ
@given(records=st.one_of(RECORDS, JSON_VALUES), lines=st.booleans())
def test_random_json_and_json_lines(store, tmp_path, records, lines):
    if lines and isinstance(records, list):
        text = "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
        path = write(tmp_path / "records.jsonl", text)
    else:
        path = write(tmp_path / "records.json", json.dumps(records, ensure_ascii=False))
    import_and_check(store, path)


XLSX_CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.datetimes(),
    st.text(max_size=30),
    st.sampled_from(FORMULAS + ["=1/0", "=A1", "=NOW()"]),
    huge(10_000, 32_000),
)


@FUZZ
@given(rows=st.lists(st.lists(XLSX_CELLS, max_size=len(HEADER) + 2), min_size=1, max_size=6))
def test_random_workbooks(store, tmp_path, rows):
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])
    path = tmp_path / "book.xlsx"
    book.save(path)
    import_and_check(store, path)


@FUZZ
@given(rows=ROWS)
def test_random_holdings(store, tmp_path, rows):
    header = "account_id,customer_id,product_type,amount,currency,open_date,maturity_date"
    lines = [header] + [",".join(c.replace(",", " ").replace("\n", " ") for c in r) for r in rows]
    path = write(tmp_path / "h.csv", "\n".join(lines) + "\n")
    import_and_check(store, path, kind="holdings")


def test_values_longer_than_their_column_are_rejected_alike_on_every_store(store, tmp_path):
    """SQLite would store a 65-character customer number, PostgreSQL would refuse the file:
    both reject the row instead, naming the field."""
    rows = [
        "customer_id,name,email,rm_code",
        f"{'C' * 65},长号,,",
        f"L2,邮箱,{'a' * 250}@example.com,",
        f"L3,经理,,{'R' * 33}",
        "L4,正常,l4@example.com,RM001",
    ]
    path = write(tmp_path / "long.csv", "\n".join(rows) + "\n")
    summary = store.json("import", "customers", str(path))
    assert (summary["inserted"], summary["rejected"]) == (1, 3)
    with open(summary["rejects_file"], encoding="utf-8-sig", newline="") as handle:
        reasons = [row["reject_reason"] for row in csv.DictReader(handle)]
    assert reasons == [
        "customer_id: 超过 64 个字符",
        "email: 超过 254 个字符",
        "rm_code: 超过 32 个字符",
    ]
