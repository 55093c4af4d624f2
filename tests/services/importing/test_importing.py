"""The import service on real SQLite files: upsert, idempotence, rejects, transactions."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from bankcrm_cli.services.importing import ImportRequest, run_import
from bankcrm_cli.store import migrate
from bankcrm_cli.store.engine import make_engine, resolve_url
from bankcrm_cli.store.tables import customers_table, holdings_table, import_runs_table
from tests.factories import make_id, make_id15

# These read the English words of reject reasons and file errors.
pytestmark = pytest.mark.usefixtures("english")

TODAY = date(2026, 11, 29)
HEADER = "customer_id,name,id_number,phone,email,rm_code,aum,consent_email\n"


@pytest.fixture(autouse=True, params=["inline", "worker"])
def reading_mode(request, monkeypatch):
    """Every test runs twice: file read in this process, and in a worker process."""
    from bankcrm_cli.services.importing import worker

    threshold = 0 if request.param == "worker" else 1 << 60
    monkeypatch.setattr(worker, "PARALLEL_MIN_BYTES", threshold)
    return request.param


@pytest.fixture
def engine(tmp_path: Path, store_url: str):
    engine = make_engine(resolve_url(store_url))
    migrate.ensure_current(engine)
    yield engine
    engine.dispose()


def run(engine, path: Path, kind: str = "customers", **options):
    return run_import(
        engine, ImportRequest(kind=kind, path=path, today=TODAY, actor="t", **options)
    )


def customers(engine) -> dict[str, dict]:
    with engine.connect() as conn:
        return {r.customer_id: dict(r._mapping) for r in conn.execute(select(customers_table))}


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_first_import_inserts_and_second_identical_import_changes_nothing(engine, tmp_path):
    f = write_csv(
        tmp_path / "c.csv",
        HEADER
        + f'0001,张伟,{make_id()},13800138000,zw@example.com,RM001,"¥1,234.50",是\n'
        + f"0002,欧阳娜娜,{make_id(seq=124)},+86 139-0013-9000,,RM002,50000,\n",
    )
    first = run(engine, f)
    assert (first.inserted, first.updated, first.unchanged, first.rejected) == (2, 0, 0, 0)
    before = customers(engine)
    second = run(engine, f)
    assert (second.inserted, second.updated, second.unchanged, second.rejected) == (0, 0, 2, 0)
    assert customers(engine) == before
    stored = before["0001"]
    assert stored["aum_cents"] == 123450
    assert stored["birth_date"] == date(1985, 3, 7)
    assert stored["birth_mmdd"] == 307
    assert stored["gender"] == "M"
    assert stored["consent_email"] is True
    assert before["0002"]["phone"] == "13900139000"
    assert before["0002"]["gender"] == "F"


def test_changed_row_is_updated_and_blank_cells_keep_stored_values(engine, tmp_path):
    run(
        engine,
        write_csv(
            tmp_path / "a.csv",
            HEADER + f"0001,张伟,{make_id()},13800138000,zw@example.com,RM001,100,否\n",
        ),
    )
    result = run(engine, write_csv(tmp_path / "b.csv", HEADER + "0001,张伟,,,,RM009,,\n"))
    assert (result.updated, result.unchanged) == (1, 0)
    stored = customers(engine)["0001"]
    assert stored["rm_code"] == "RM009"
    assert stored["phone"] == "13800138000"
    assert stored["email"] == "zw@example.com"
    assert stored["consent_email"] is False, "a blank consent never overrides a recorded refusal"


def test_partial_export_without_a_column_leaves_it_as_stored(engine, tmp_path):
    run(
        engine,
        write_csv(
            tmp_path / "a.csv",
            HEADER + f"0001,张伟,{make_id()},13800138000,zw@example.com,RM001,100,\n",
        ),
    )
    result = run(
        engine, write_csv(tmp_path / "b.csv", "customer_id,name,rm_code\n0001,张伟,RM001\n")
    )
    assert result.unchanged == 1
    assert customers(engine)["0001"]["email"] == "zw@example.com"


def test_leading_zeros_of_customer_numbers_are_kept(engine, tmp_path):
    run(engine, write_csv(tmp_path / "a.csv", "customer_id,name\n000123,李雷\n123,韩梅梅\n"))
    assert set(customers(engine)) == {"000123", "123"}


def test_15_digit_id_is_stored_as_18_digits_with_the_given_number_kept(engine, tmp_path):
    run(
        engine,
        write_csv(tmp_path / "a.csv", f"customer_id,name,id_number\n0001,王芳,{make_id15()}\n"),
    )
    stored = customers(engine)["0001"]
    assert stored["id_number"] == make_id(seq=124)
    assert stored["id_number_raw"] == make_id15()


def test_repeat_of_a_customer_number_is_rejected_and_the_first_row_stands(engine, tmp_path):
    f = write_csv(tmp_path / "c.csv", "customer_id,name\n0001,张伟\n0002,李娜\n0001,张伟伟\n")
    result = run(engine, f)
    assert (result.inserted, result.rejected) == (2, 1)
    assert customers(engine)["0001"]["name"] == "张伟"
    with open(result.rejects_file, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["customer_id", "name", "reject_reason"]
    assert rows[1][:2] == ["0001", "张伟伟"]
    assert rows[1][2].startswith("customer_id: duplicate")


def test_repeat_of_a_rejected_row_is_still_a_duplicate(engine, tmp_path):
    f = write_csv(
        tmp_path / "c.csv", "customer_id,name,phone\n0001,张伟,123\n0001,张伟,13800138000\n"
    )
    result = run(engine, f)
    assert (result.inserted, result.rejected) == (0, 2)
    with open(result.rejects_file, encoding="utf-8-sig", newline="") as fh:
        reasons = [r["reject_reason"] for r in csv.DictReader(fh)]
    assert reasons[0].startswith("phone:")
    assert reasons[1].startswith("customer_id: duplicate")


# How the worker shares out validation (worker._ShareByBacklog): by the pipe's backlog, as it
# runs; every other batch where the pipe cannot say its backlog; every batch left to the writer
# (an empty pipe); none (a full one).
SHARING = {
    "by backlog": None,
    "every other (no FIONREAD)": "unknown",
    "all to the writer": 0,
    "none to the writer": 1 << 40,
}


@pytest.mark.parametrize("sharing", SHARING)
def test_rejects_come_in_file_order_whichever_process_validated_their_batch(
    engine, tmp_path, monkeypatch, reading_mode, sharing
):
    from bankcrm_cli.services.importing import reading, worker

    if reading_mode == "inline" and sharing != "by backlog":
        pytest.skip("only a worker hands batches over")
    monkeypatch.setattr(reading, "BATCH_ROWS", 4)
    queued = SHARING[sharing]
    if queued == "unknown":

        def no_backlog(self):
            raise OSError("FIONREAD is not known here")

        monkeypatch.setattr(worker._ShareByBacklog, "_queued", no_backlog)
    elif queued is not None:
        monkeypatch.setattr(worker._ShareByBacklog, "_queued", lambda self: queued)
    validated_here = []

    class CountingValidator(worker.RowValidator):  # the writer's validator, not the worker's
        def finish(self, batch):
            validated_here.append(len(batch.unvalidated))
            return super().finish(batch)

    monkeypatch.setattr(worker, "RowValidator", CountingValidator)
    lines = []
    for n in range(1, 41):
        phone = "123" if n % 3 == 0 else "13800138000"
        lines.append(f"{n:04d},张伟,{phone}")
        if n % 5 == 0:
            lines.append(f"{n - 1:04d},重复,13800138000")
    f = write_csv(tmp_path / "c.csv", "customer_id,name,phone\n" + "\n".join(lines) + "\n")
    result = run(engine, f)
    with open(result.rejects_file, encoding="utf-8-sig", newline="") as fh:
        rejected = [(r["customer_id"], r["name"]) for r in csv.DictReader(fh)]
    expected = [
        (customer_id, name)
        for customer_id, name, phone in (line.split(",") for line in lines)
        if phone == "123" or name == "重复"
    ]
    assert rejected == expected
    assert len(customers(engine)) == 40 - len([e for e in expected if e[1] != "重复"])
    # 48 rows in batches of 4, each with its repeats already taken out by the worker
    expected_here = {"all to the writer": 12, "none to the writer": 0}
    if reading_mode == "worker" and sharing in expected_here:
        assert len(validated_here) == expected_here[sharing]
    if sharing == "every other (no FIONREAD)":
        assert len(validated_here) == 6


@pytest.mark.skipif(
    not Path("/proc/sys/fs/pipe-max-size").exists(), reason="FIONREAD on a pipe is Linux's"
)
def test_the_worker_hands_a_batch_over_while_the_pipe_holds_less_than_its_last_message():
    import multiprocessing

    from bankcrm_cli.services.importing import worker

    receiving, sending = multiprocessing.Pipe(duplex=False)
    share = worker._ShareByBacklog(sending)
    assert share.fixed is None
    assert share(1) is False  # nothing sent yet: the worker validates the first batch
    message = b"x" * 1000
    sending.send_bytes(message)
    share.last_sent = len(message)
    assert share(2) is False  # a message still waits: the writer is behind
    receiving.recv_bytes()
    assert share(3) is True  # the writer took it and is about to wait: it validates the next
    receiving.close()
    sending.close()


def test_first_import_counts_the_customers_who_share_an_id_number(engine, tmp_path):
    shared, other = make_id(seq=123), make_id(seq=125)
    f = write_csv(
        tmp_path / "c.csv",
        f"customer_id,name,id_number\nC1,张伟,{shared}\nC2,张伟,{shared}\nC3,李娜,{other}\n",
    )
    assert run(engine, f).duplicates == 2
    g = write_csv(tmp_path / "d.csv", f"customer_id,name,id_number\nC4,李娜,{other}\n")
    assert run(engine, g).duplicates == 1


def test_rejects_file_defaults_beside_the_input_and_is_absent_without_rejects(engine, tmp_path):
    ok = run(engine, write_csv(tmp_path / "good.csv", "customer_id,name\n1,张伟\n"))
    assert ok.rejects_file is None
    assert not (tmp_path / "good.rejects.csv").exists()
    bad = run(
        engine,
        write_csv(tmp_path / "bad.csv", "customer_id,name,id_number\n2,李娜,110105198503071234\n"),
    )
    assert bad.rejects_file == str(tmp_path / "bad.rejects.csv")


def test_strict_import_with_a_reject_writes_nothing(engine, tmp_path):
    f = write_csv(
        tmp_path / "c.csv", "customer_id,name,phone\n0001,张伟,13800138000\n0002,李娜,99\n"
    )
    result = run(engine, f, strict=True)
    assert result.strict_refused and not result.written
    assert customers(engine) == {}
    assert Path(result.rejects_file).exists()


def test_dry_run_reports_counts_and_writes_nothing(engine, tmp_path):
    f = write_csv(tmp_path / "c.csv", "customer_id,name\n0001,张伟\n0002,李娜\n")
    result = run(engine, f, dry_run=True)
    assert result.inserted == 2 and not result.written
    assert customers(engine) == {}
    with engine.connect() as conn:
        assert conn.execute(select(import_runs_table)).all() == []


def test_holding_of_an_unknown_customer_is_rejected(engine, tmp_path):
    run(engine, write_csv(tmp_path / "c.csv", "customer_id,name\n0001,张伟\n"))
    f = write_csv(
        tmp_path / "h.csv",
        "account_id,customer_id,product_type,amount,currency,open_date,maturity_date\n"
        '6222001,0001,定期存款,"¥500,000.00",人民币,2025/3/5,2026年3月5日\n'
        "6222002,0999,活期,100,,2025-01-01,\n",
    )
    result = run(engine, f, kind="holdings")
    assert (result.inserted, result.rejected) == (1, 1)
    with engine.connect() as conn:
        holding = conn.execute(select(holdings_table)).one()
    assert holding.amount_cents == 50_000_000
    assert holding.currency == "CNY"
    assert holding.maturity_date == date(2026, 3, 5)
    assert holding.product_type == "time_deposit"


def test_holding_without_currency_is_taken_as_cny_and_counted(engine, tmp_path):
    run(engine, write_csv(tmp_path / "c.csv", "customer_id,name\n0001,张伟\n"))
    f = write_csv(tmp_path / "h.csv", "account_id,customer_id,amount\nA1,0001,10\n")
    result = run(engine, f, kind="holdings")
    assert result.currency_defaulted == 1


def test_import_interrupted_midway_leaves_the_store_as_it_was(engine, tmp_path, monkeypatch):
    from bankcrm_cli.services.importing import reading, writer

    run(engine, write_csv(tmp_path / "a.csv", "customer_id,name\n0001,张伟\n"))
    before = customers(engine)
    rows = "".join(f"{i:05d},客户{i}\n" for i in range(2, 30))
    f = write_csv(tmp_path / "b.csv", "customer_id,name\n0001,张伟改\n" + rows)
    monkeypatch.setattr(reading, "BATCH_ROWS", 5)
    calls = {"n": 0}
    original = writer.RecordWriter.write

    def failing_write(self, records):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return original(self, records)

    monkeypatch.setattr(writer.RecordWriter, "write", failing_write)
    with pytest.raises(KeyboardInterrupt):
        run(engine, f)
    assert customers(engine) == before
    assert not (tmp_path / "b.rejects.csv").exists()


def test_each_import_is_recorded_with_who_and_the_counts(engine, tmp_path):
    run(engine, write_csv(tmp_path / "a.csv", "customer_id,name\n0001,张伟\n"))
    with engine.connect() as conn:
        runs = conn.execute(select(import_runs_table)).all()
    assert len(runs) == 1
    assert (runs[0].kind, runs[0].file_name, runs[0].actor, runs[0].inserted) == (
        "customers",
        "a.csv",
        "t",
        1,
    )


def test_consent_change_is_stamped_with_when_and_source(engine, tmp_path):
    run(engine, write_csv(tmp_path / "a.csv", "customer_id,name,consent_sms\n0001,张伟,否\n"))
    stored = customers(engine)["0001"]
    assert stored["consent_sms"] is False
    assert stored["consent_updated_at"] is not None
    assert stored["consent_source"] == "import a.csv"


def test_cleaned_records_only_hold_fields_the_store_layout_knows():
    from bankcrm_cli.services.importing.layout import STORE_FIELDS
    from bankcrm_cli.store.tables import customers_table, holdings_table, rms_table

    for kind, table in (
        ("customers", customers_table),
        ("holdings", holdings_table),
        ("rms", rms_table),
    ):
        assert set(STORE_FIELDS[kind]) <= set(table.c.keys())


def test_update_after_a_populated_store_uses_lookups_not_the_empty_table_shortcut(engine, tmp_path):
    run(engine, write_csv(tmp_path / "a.csv", "customer_id,name,phone\n0001,张伟,13800138000\n"))
    result = run(
        engine,
        write_csv(
            tmp_path / "b.csv", "customer_id,name,phone\n0001,张伟,13900139000\n0002,李娜,\n"
        ),
    )
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 0)
    assert customers(engine)["0001"]["phone"] == "13900139000"


def test_unusable_line_half_way_through_a_file_raises_and_writes_nothing(engine, tmp_path):
    from bankcrm_cli.domain.errors import UnusableInput
    from bankcrm_cli.services.importing import reading

    batch_rows = reading.BATCH_ROWS
    good = "".join(f'{{"customer_id": "{i:04d}", "name": "客户{i}"}}\n' for i in range(40))
    f = write_csv(tmp_path / "c.jsonl", good + "{not json\n" + good.replace('"0', '"9'))
    assert batch_rows > 0
    with pytest.raises(UnusableInput):
        run(engine, f)
    assert customers(engine) == {}


def test_batches_larger_than_a_pipe_buffer_do_not_stall_the_worker(engine, tmp_path, monkeypatch):
    from bankcrm_cli.services.importing import reading

    monkeypatch.setattr(reading, "BATCH_ROWS", 3000)
    rows = "".join(f"{i:06d},客户{i},北京市朝阳区建国路{i}号,13800{i:06d}\n" for i in range(12000))
    f = write_csv(tmp_path / "c.csv", "customer_id,name,address,phone\n" + rows)
    result = run(engine, f)
    assert result.inserted == 12000


def test_lunar_birthday_customers_get_their_lunar_key(engine, tmp_path):
    from bankcrm_cli.domain.birthdays import lunar_mmdd

    f = write_csv(
        tmp_path / "c.csv",
        "customer_id,name,birth_date,lunar_birthday\n0001,张伟,1985-03-07,是\n0002,李娜,1990-05-01,否\n",
    )
    run(engine, f)
    stored = customers(engine)
    assert stored["0001"]["lunar_mmdd"] == lunar_mmdd(date(1985, 3, 7))
    assert stored["0002"]["lunar_mmdd"] is None
    # A later export that drops the lunar flag clears the key.
    run(engine, write_csv(tmp_path / "d.csv", "customer_id,name,lunar_birthday\n0001,张伟,否\n"))
    assert customers(engine)["0001"]["lunar_mmdd"] is None


def test_worker_dying_midway_fails_the_import_and_writes_nothing(
    engine, tmp_path, monkeypatch, english
):
    import os

    from bankcrm_cli.domain.errors import CrmError
    from bankcrm_cli.services.importing import reading, worker

    run(engine, write_csv(tmp_path / "a.csv", "customer_id,name\n0001,张伟\n"))
    before = customers(engine)
    monkeypatch.setattr(worker, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(reading, "BATCH_ROWS", 5)
    real = worker.read_batches

    def dies_after_two_batches(spec, hand_over=False):
        for n, item in enumerate(real(spec, hand_over)):
            if n == 3:
                os._exit(9)  # as if killed: no goodbye, no error message
            yield item

    monkeypatch.setattr(worker, "read_batches", dies_after_two_batches)
    rows = "".join(f"{i:05d},客户{i}\n" for i in range(2, 40))
    with pytest.raises(CrmError, match="stopped unexpectedly"):
        run(engine, write_csv(tmp_path / "b.csv", "customer_id,name\n" + rows))
    assert customers(engine) == before


def test_refused_import_into_an_empty_store_keeps_its_indexes(engine, tmp_path):
    from sqlalchemy import inspect

    def index_names():
        with engine.connect() as conn:
            return {ix["name"] for ix in inspect(conn).get_indexes("customers")}

    before = index_names()
    assert "ix_customers_birth_mmdd" in before
    f = write_csv(
        tmp_path / "c.csv", "customer_id,name,phone\n0001,张伟,13800138000\n0002,李娜,12\n"
    )
    result = run(engine, f, strict=True)
    assert result.strict_refused
    assert index_names() == before
    assert customers(engine) == {}
