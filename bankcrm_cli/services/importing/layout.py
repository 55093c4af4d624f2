"""What an import file can determine, per kind, in record order; and a record's blank."""

from __future__ import annotations

from bankcrm_cli.domain.records import ABSENT, RECORD_FIELDS

# What the file can determine, per kind, as store columns (tables of the same names).
STORE_FIELDS: dict[str, tuple[str, ...]] = RECORD_FIELDS
KEYS: dict[str, str] = {"customers": "customer_id", "holdings": "account_id", "rms": "rm_code"}

__all__ = ["ABSENT", "KEYS", "STORE_FIELDS"]
