"""Import rows naming a merged-away customer number land on the customer it was merged into.

The alias table is read once per import. With no merges in the store (the usual case) a batch
costs one truth test; with some, one set operation in C unless the batch names an alias.

A holding naming an alias simply belongs to the survivor. A customer row naming an alias
updates the survivor, with one precaution: a bank's export still lists both numbers of a
merged customer, and the survivor's own row must not be overwritten by the other's, whichever
comes first. So those rows wait until the end of the file; the first one for a survivor the
file does not name itself updates it as usual, and every other only fills what the survivor
lacks, consent taking the most restrictive answer: the merge's own rule.
"""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from bankcrm_cli.domain.customer_merge import merge_fields
from bankcrm_cli.services.customers.aliases import alias_map
from bankcrm_cli.services.importing.layout import ABSENT, STORE_FIELDS

if TYPE_CHECKING:
    from bankcrm_cli.services.importing.messages import Batch
    from bankcrm_cli.services.importing.writer import RecordWriter

_HOLDING_CUSTOMER = STORE_FIELDS["holdings"].index("customer_id")


class MergedNumbers:
    """Rewrites an import's records that name a merged-away customer number."""

    def __init__(self, conn: Connection, kind: str):
        self.kind = kind
        self.survivors = alias_map(conn) if kind in ("customers", "holdings") else {}
        # Rows that named a merged-away number, for the import summary.
        self.rows = 0
        self._targets = frozenset(self.survivors.values())
        self._numbers = frozenset(self.survivors) | self._targets
        self._named: set[str] = set()
        self._waiting: list[tuple] = []

    def remap(self, batch: Batch) -> None:
        """Point the batch's records at survivors (customers naming an alias wait for `flush`)."""
        if not self.survivors or not batch.records:
            return
        if self.kind == "holdings":
            self._holdings(batch)
        else:
            self._customers(batch)

    def _holdings(self, batch: Batch) -> None:
        survivors = self.survivors
        position = _HOLDING_CUSTOMER
        if survivors.keys().isdisjoint(map(itemgetter(position), batch.records)):
            return
        records = []
        for record in batch.records:
            survivor = survivors.get(record[position])
            if survivor is not None:
                record = (*record[:position], survivor, *record[position + 1 :])
                self.rows += 1
            records.append(record)
        batch.records = records

    def _customers(self, batch: Batch) -> None:
        hits = self._numbers.intersection(map(itemgetter(0), batch.records))
        if not hits:
            return
        self._named.update(hits & self._targets)
        if hits.isdisjoint(self.survivors):
            return
        survivors = self.survivors
        keep = [survivors.get(record[0]) is None for record in batch.records]
        for record, stays in zip(batch.records, keep, strict=True):
            if not stays:
                self._waiting.append((survivors[record[0]], *record[1:]))
                self.rows += 1
        batch.records = [r for r, stays in zip(batch.records, keep, strict=True) if stays]
        if batch.originals is not None:
            batch.originals = [v for v, stays in zip(batch.originals, keep, strict=True) if stays]

    def flush(self, writer: RecordWriter) -> None:
        """Write the customer rows that waited, after the file's own rows (see the module)."""
        if not self._waiting:
            return
        first: dict[str, tuple] = {}
        filling: list[tuple] = []
        for record in self._waiting:
            if record[0] in self._named or record[0] in first:
                filling.append(record)
            else:
                first[record[0]] = record
        self._waiting = []
        if first:
            writer.write(list(first.values()))
        if filling:
            self._fill(writer, filling)

    def _fill(self, writer: RecordWriter, records: list[tuple]) -> None:
        fields = writer.fields
        keys = sorted({record[0] for record in records})
        stored = {
            key: dict(zip(fields, row, strict=True)) for key, row in writer.stored(keys).items()
        }
        position = {name: i for i, name in enumerate(fields)}
        for record in records:
            current = stored.get(record[0])
            if current is None:  # the survivor is gone: nothing to fill
                continue
            given = {
                name: value
                for name, value in zip(fields[1:], record[1:], strict=True)
                if value is not ABSENT
            }
            changes = merge_fields(current, given).changes
            filled = [ABSENT] * len(fields)
            filled[0] = record[0]
            for name, (_, after) in changes.items():
                filled[position[name]] = after
                current[name] = after
            writer.write([tuple(filled)])
