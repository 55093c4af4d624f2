"""Customers naming an RM the store does not know: reported in the import summary, and
rejected under --strict (the RMs come first: `crm rms import`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.services.importing.layout import ABSENT, STORE_FIELDS
from bankcrm_cli.store.queries.importing import known_rm_codes

if TYPE_CHECKING:
    from bankcrm_cli.io.writers import RejectsWriter
    from bankcrm_cli.services.importing.messages import Batch

_RM_CODE = STORE_FIELDS["customers"].index("rm_code")


class UnknownRms:
    """Finds the customer records of an import whose RM code names no RM."""

    def __init__(self, conn: Connection, kind: str, strict: bool):
        self.conn = conn
        self.active = kind == "customers"
        self.strict = strict
        self.rows = 0  # customer rows naming an unknown RM
        self.codes: set[str] = set()
        self._known: set[str] = set()

    def check(self, batch: Batch, rejects: RejectsWriter) -> None:
        """Count the batch's records naming an unknown RM; under --strict, reject them."""
        if not self.active or not batch.records:
            return
        named = {r[_RM_CODE] for r in batch.records} - {ABSENT, None} - self._known - self.codes
        if named:
            found = known_rm_codes(self.conn, sorted(named))
            self._known |= found
            self.codes |= named - found
        if not self.codes:
            return
        unknown = [r[_RM_CODE] in self.codes for r in batch.records]
        if not any(unknown):
            return
        self.rows += sum(unknown)
        if not self.strict:
            return
        assert batch.originals is not None  # kept for customers under --strict
        for record, values, bad in zip(batch.records, batch.originals, unknown, strict=True):
            if bad:
                rejects.add(
                    values,
                    "rm_code: " + t("rj.unknown_rm", code=record[_RM_CODE]),
                )
        keep = [not bad for bad in unknown]
        batch.records = [r for r, k in zip(batch.records, keep, strict=True) if k]
        batch.originals = [v for v, k in zip(batch.originals, keep, strict=True) if k]
