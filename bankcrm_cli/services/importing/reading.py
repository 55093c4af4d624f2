"""The reading half of an import: file rows to Batches of validated records, in file order.

Nothing here touches the database, so it can run in a worker process beside the writer.
Records are tuples in `STORE_FIELDS` order, ABSENT marking a field the file did not determine
(a blank cell or an absent column leaves the stored value as it is).
"""

from __future__ import annotations

from collections.abc import Iterator

from bankcrm_cli.domain.rm_codes import normalise_rm_code
from bankcrm_cli.services.importing.layout import KEYS
from bankcrm_cli.services.importing.messages import Batch, Header, ReadSpec
from bankcrm_cli.services.importing.validating import RowValidator

BATCH_ROWS = 5000
# With a worker, every n-th batch goes to the writing process to validate; 0: none does.
# 1 in 2 keeps both processes busy on two cores (1 in 3 left the writer waiting longer).
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


def read_batches(spec: ReadSpec, hand_over: bool = False) -> Iterator[Header | Batch]:
    """A Header, then Batches until the file ends. Unusable input raises.

    With `hand_over`, every HAND_OVER_EVERY-th batch comes unvalidated (repeats already
    rejected), for the receiving process to validate with its own RowValidator.
    """
    from bankcrm_cli.io.readers import open_table

    key = KEYS[spec.kind]
    with open_table(
        spec.path, spec.kind, encoding=spec.encoding, header_map=spec.header_map
    ) as table:
        header = _header_of(table)
        yield header
        validator = RowValidator(spec, header)
        key_index = header.fields.index(key)
        width = len(table.header)
        every = HAND_OVER_EVERY if hand_over else 0
        # RM codes are keys in their one form: `rm001` repeats `RM001`.
        one_form = normalise_rm_code if spec.kind == "rms" else None
        # First line of each key: a later repeat is a duplicate, even of a rejected row.
        first_line = {}.setdefault
        batch_rows = spec.batch_rows
        number = 0
        batch = Batch()
        rows = batch.unvalidated
        for row in table.rows:
            values = row.values
            if len(values) < width:
                values = values + [""] * (width - len(values))
            raw_key = values[key_index]
            raw_key = raw_key.strip() if raw_key.__class__ is str else _raw_key(raw_key)
            if one_form is not None:
                raw_key = one_form(raw_key)
            if raw_key:
                line = row.line
                first = first_line(raw_key, line)
                if first != line:
                    batch.rejects.append((values, f"{key}: duplicate of line {first}"))
                    batch.reject_positions.append(len(rows))
                    batch.rows_read += 1
                    continue
            rows.append(values)
            if len(rows) >= batch_rows:
                batch.rows_read += len(rows)
                batch.position = table.position()
                number += 1
                # Let go of the batch's rows before handing it on: cells referenced once are
                # what marshal writes fastest (it tracks every object referenced twice).
                full, batch = batch, Batch()
                rows = batch.unvalidated
                yield full if every and number % every == 0 else validator.finish(full)
        batch.rows_read += len(rows)
        batch.position = table.size
        yield validator.finish(batch)
