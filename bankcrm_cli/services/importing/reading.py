"""The reading half of an import: file rows to Batches of validated records, in file order.

Nothing here touches the database, so it can run in a worker process beside the writer.
Records are tuples in `STORE_FIELDS` order, ABSENT marking a field the file did not determine
(a blank cell or an absent column leaves the stored value as it is).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from operator import itemgetter

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.rm_codes import normalise_rm_code
from bankcrm_cli.services.importing.layout import KEYS
from bankcrm_cli.services.importing.messages import Batch, Header, ReadSpec
from bankcrm_cli.services.importing.validating import RowValidator

# 2,000 rows (about 0.5 MB on the pipe) rather than 5,000: a batch fits the pipe (worker.py)
# twice over, so the two processes do not wait on each other, and its columns stay in the
# CPU caches while they are validated (benchmarks/README.md, issue 21).
BATCH_ROWS = 2000
# With a worker whose pipe cannot say how full it is (worker.py), every n-th batch goes to the
# writing process to validate; 0: none does. 1 in 2 kept both processes busy on two cores on a
# loaded machine (1 in 3 left the writer waiting longer).
HAND_OVER_EVERY = 2


def _raw_key(value: object) -> str:
    """The key as the cleaners will see it, for spotting repeats even among rejected rows."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if value is not None else ""


def _header_of(table) -> Header:
    return Header(
        format=table.format,
        encoding=table.encoding,
        header=list(table.header),
        unknown_columns=list(table.columns.unknown),
        size=table.size,
        fields=list(table.columns.fields),
    )


def read_batches(
    spec: ReadSpec, hand_over: Callable[[int], bool] | None = None
) -> Iterator[Header | Batch]:
    """A Header, then Batches until the file ends. Unusable input raises.

    A batch for which `hand_over(its number)` is true comes unvalidated (repeats already
    rejected), for the receiving process to validate with its own RowValidator.
    """
    from bankcrm_cli.io.readers import open_table

    with open_table(
        spec.path, spec.kind, encoding=spec.encoding, header_map=spec.header_map
    ) as table:
        header = _header_of(table)
        yield header
        validator = RowValidator(spec, header)
        repeats = _Repeats(spec.kind, header.fields.index(KEYS[spec.kind]), len(table.header))
        for number, (lines, rows) in enumerate(table.chunks(spec.batch_rows), start=1):
            batch = repeats.batch(lines, rows)
            batch.position = table.position()
            yield batch if hand_over is not None and hand_over(number) else validator.finish(batch)
        batch = Batch()
        batch.position = table.size
        yield validator.finish(batch)


class _Repeats:
    """Rows to a Batch of rows to validate, rejecting each repeat of a key seen earlier in the
    file (a repeat even of a rejected row) with the line it was first seen on."""

    def __init__(self, kind: str, key_index: int, width: int):
        self.key = KEYS[kind]
        self.key_index = key_index
        self.width = width
        # RM codes are keys in their one form: `rm001` repeats `RM001`.
        self.one_form = normalise_rm_code if kind == "rms" else None
        self.first_line: dict[str, int] = {}

    def batch(self, lines: list[int], rows: list[list[object]]) -> Batch:
        """The rows as a Batch: the common chunk (text keys, none blank or seen before) at
        once, from C; any other row by row."""
        batch = Batch(rows_read=len(rows))
        try:
            keys = list(map(str.strip, map(itemgetter(self.key_index), rows)))
        except (TypeError, IndexError):  # keys that are not text, or a short row (JSON, xlsx)
            keys = None
        if (
            keys is not None
            and self.one_form is None
            and min(map(len, rows)) >= self.width
            and "" not in keys
            and len(set(keys)) == len(keys)
            and self.first_line.keys().isdisjoint(keys)
        ):
            self.first_line.update(zip(keys, lines, strict=True))
            batch.unvalidated = rows
            return batch
        self._row_by_row(lines, rows, batch)
        return batch

    def _row_by_row(self, lines: list[int], rows: list[list[object]], batch: Batch) -> None:
        width, key_index, first_line = self.width, self.key_index, self.first_line.setdefault
        kept = batch.unvalidated
        for line, values in zip(lines, rows, strict=True):
            if len(values) < width:
                values = values + [""] * (width - len(values))
            raw_key = values[key_index]
            raw_key = raw_key.strip() if raw_key.__class__ is str else _raw_key(raw_key)
            if self.one_form is not None:
                raw_key = self.one_form(raw_key)
            if raw_key:
                first = first_line(raw_key, line)
                if first != line:
                    batch.rejects.append((values, f"{self.key}: " + t("rj.duplicate", line=first)))
                    batch.reject_positions.append(len(kept))
                    continue
            kept.append(values)


def every_nth(n: int) -> Callable[[int], bool]:
    """A hand-over rule: every n-th batch (none for 0)."""
    return lambda number: bool(n) and number % n == 0
