"""A customer's holdings, added up, stay within the range crm stores: a holding that would take
its customer beyond it is rejected, in a dry run too (docs/importing.md says why)."""

from __future__ import annotations

from sqlalchemy import Connection

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.values import MAX_AMOUNT_CENTS
from bankcrm_cli.services.importing.layout import ABSENT, STORE_FIELDS
from bankcrm_cli.store.queries.importing import holdings_totals, stored_holdings

_FIELDS = STORE_FIELDS["holdings"]
_ACCOUNT = _FIELDS.index("account_id")
_CUSTOMER = _FIELDS.index("customer_id")
_AMOUNT = _FIELDS.index("amount_cents")


class CustomerTotals:
    """Each customer's holdings as sizes (|amount|) added up, as the file's rows so far leave
    them; the store is asked once per customer."""

    def __init__(self, conn: Connection, started_empty: bool):
        self.conn = conn
        self.started_empty = started_empty
        self.totals: dict[str, int] = {}

    def _load(self, customers: set[str]) -> None:
        # Not `customers - self.totals.keys()`: a set minus a dict view walks the whole dict
        # (every customer so far) for each batch; difference() looks each new one up.
        unknown = sorted(customers.difference(self.totals))
        if not unknown:
            return
        stored = {} if self.started_empty else holdings_totals(self.conn, unknown)
        self.totals.update((customer, stored.get(customer, 0)) for customer in unknown)

    def within_range(self, rows: list[tuple[tuple, list]], rejects) -> list[tuple]:
        """Of (record, original cells), the records that keep their customer within range;
        the others are rejected with their original cells."""
        records = [record for record, _values in rows]
        accounts = (
            {} if self.started_empty else stored_holdings(self.conn, [r[_ACCOUNT] for r in records])
        )
        self._load({r[_CUSTOMER] for r in records} | {old[0] for old in accounts.values()})
        kept = []
        for record, values in rows:
            customer, old = record[_CUSTOMER], accounts.get(record[_ACCOUNT])
            amount = record[_AMOUNT]
            size = abs(amount) if amount is not ABSENT else abs(old[1]) if old else 0
            was_here = abs(old[1]) if old is not None and old[0] == customer else 0
            total = self.totals[customer] - was_here + size
            if total > MAX_AMOUNT_CENTS:
                rejects.add(values, _beyond(customer, total))
                continue
            self.totals[customer] = total
            if old is not None and old[0] != customer:
                self.totals[old[0]] -= abs(old[1])
            kept.append(record)
        return kept


def _beyond(customer: str, total: int) -> str:
    units, cents = divmod(total, 100)
    most = MAX_AMOUNT_CENTS // 100
    total_text = f"{units:,}.{cents:02d}"
    return "amount: " + t(
        "rj.customer_total", customer=customer, total=total_text, most=f"{most:,}"
    )
