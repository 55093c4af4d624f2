"""The writing half of an import: records classified as new, changed or unchanged against the
store, and written through the store's bulk loader."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from bankcrm_cli.services.importing.layout import ABSENT, KEYS, STORE_FIELDS
from bankcrm_cli.store.bulk import Stamp, bulk_loader, tuning
from bankcrm_cli.store.bulk.storage_form import in_storage_form
from bankcrm_cli.store.queries.importing import table_is_empty

if TYPE_CHECKING:
    from bankcrm_cli.services.importing.request import ImportRequest, ImportResult

_CONSENT_FIELDS = frozenset(
    name for name in STORE_FIELDS["customers"] if name.startswith("consent_")
)


class RecordWriter:
    """Classifies records as new, changed or unchanged against the store, and writes them."""

    def __init__(self, conn: Connection, request: ImportRequest, result: ImportResult):
        self.conn = conn
        self.dry_run = request.dry_run
        self.result = result
        self.kind = request.kind
        self.fields = STORE_FIELDS[self.kind]
        self.now = in_storage_form(self.kind, "updated_at", datetime.now(UTC), conn.dialect.name)
        self.source = f"import {Path(request.path).name}"
        self.consent_positions = [
            i for i, name in enumerate(self.fields) if name in _CONSENT_FIELDS
        ]
        self.currency_position = self.fields.index("currency") if self.kind == "holdings" else None
        self.loader = bulk_loader(
            conn,
            self.kind,
            self.fields,
            key=KEYS[self.kind],
            blank=ABSENT,
            defaults={"currency": "CNY"} if self.kind == "holdings" else None,
            stamps=self._stamps(),
        )
        # In a table that was empty when the import began, only this file's rows exist, and
        # repeats within the file are rejected before they get here: nothing to look up.
        self.started_empty = table_is_empty(conn, self.kind)
        self.deferred_indexes = []
        if self.started_empty and not self.dry_run:
            # Dropped and rebuilt inside the import's transaction.
            self.deferred_indexes = tuning.defer_indexes(conn, self.kind)

    def _stamps(self) -> dict[str, Stamp]:
        stamps = {"created_at": Stamp(self.now), "updated_at": Stamp(self.now)}
        if self.kind == "customers":
            consent = tuple(name for name in self.fields if name in _CONSENT_FIELDS)
            stamps["consent_updated_at"] = Stamp(self.now, when_given=consent)
            stamps["consent_source"] = Stamp(self.source, when_given=consent)
        return stamps

    def stored(self, keys: Sequence[str]) -> dict[str, tuple]:
        """The stored records (`fields` order, storage form) of these keys."""
        return self.loader.fetch_by_key(keys)

    def write(self, records: list[tuple]) -> None:
        # Records go to the insert as they are: it stores blanks as NULL and adds the stamps.
        inserts: list[tuple] = records
        updates: dict[tuple[int, ...], list[tuple]] = {}
        if not self.started_empty:
            inserts = []
            existing = self.stored([r[0] for r in records])
            for record in records:
                old = existing.get(record[0])
                if old is None:
                    inserts.append(record)
                    continue
                changed = tuple(
                    i for i, value in enumerate(record) if value is not ABSENT and value != old[i]
                )
                if not changed:
                    self.result.unchanged += 1
                    continue
                updates.setdefault(changed, []).append(record)
        self.result.inserted += len(inserts)
        self.result.updated += sum(len(group) for group in updates.values())
        if self.currency_position is not None:
            position = self.currency_position
            self.result.currency_defaulted += sum(1 for r in inserts if r[position] is ABSENT)
        if self.dry_run:
            return
        self.loader.insert(inserts)
        for changed, group in updates.items():
            self._update(changed, group)

    def _consent_given(self, record: tuple, positions) -> bool:
        return any(record[i] is not None and record[i] is not ABSENT for i in positions)

    def _update(self, changed: tuple[int, ...], group: list[tuple]) -> None:
        names = [self.fields[i] for i in changed]
        consent = [i for i in changed if i in self.consent_positions]
        stamped: list[tuple] = []
        plain: list[tuple] = []
        for record in group:
            values = tuple(record[i] for i in changed)
            if consent and self._consent_given(record, consent):
                stamped.append((*values, self.now, self.now, self.source, record[0]))
            else:
                plain.append((*values, self.now, record[0]))
        self.loader.update([*names, "updated_at"], plain)
        self.loader.update([*names, "updated_at", "consent_updated_at", "consent_source"], stamped)

    def finish(self) -> None:
        """Rebuild what was deferred and refresh statistics; called once, after the last batch."""
        tuning.rebuild_indexes(self.conn, self.deferred_indexes)
        self.deferred_indexes = []
        if not self.dry_run:
            written = self.result.inserted + self.result.updated
            tuning.refresh_statistics(self.conn, self.kind, written)
