"""What `crm customers show` reads of one customer: the row, holdings, RM, merged-away numbers
and timeline. The statements are in store/profile_statements.py; on SQLite they run without
SQLAlchemy (store/reads.py), so the command does not load it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bankcrm_cli.store import reads


def customer_row(conn: Any, customer_id: str) -> Any | None:
    """The customer numbered so (every column, by name), None when there is none."""
    found = reads.rows(conn, "customer_row", (), {"customer_id": customer_id})
    return found[0] if found else None


def holding_rows(conn: Any, customer_id: str) -> list:
    """One customer's holdings, maturing first (those without a maturity last)."""
    return reads.rows(conn, "holding_rows", (), {"customer_id": customer_id})


def rm_row(conn: Any, rm_code: str) -> Any | None:
    """The RM with this code (every column, by name), None when there is none."""
    found = reads.rows(conn, "rm_row", (), {"rm_code": rm_code})
    return found[0] if found else None


def alias_survivor(conn: Any, number: str) -> str | None:
    """The customer a merged-away number names, or None when it is no alias."""
    found = reads.rows(conn, "alias_survivor", (), {"number": number})
    return found[0][0] if found else None


def aliases_of(conn: Any, customer_id: str) -> list[str]:
    """The merged-away numbers that name this customer, in number order."""
    return [alias for (alias,) in reads.rows(conn, "aliases_of", (), {"customer_id": customer_id})]


def history_rows_of_customers(conn: Any, customer_ids: Sequence[str]) -> list:
    """History entries about any of these customer numbers, newest first."""
    return reads.rows(conn, "history_rows_of_customers", (), {"customer_ids": list(customer_ids)})


def sent_delivery_rows(conn: Any, customer_ids: Sequence[str]) -> list:
    """Deliveries sent to any of these customer numbers, newest first."""
    return reads.rows(conn, "sent_delivery_rows", (), {"customer_ids": list(customer_ids)})


def customer_memberships(conn: Any, customer_ids: Sequence[str]) -> list:
    """These customers' campaign memberships (the targeting step), with name and title."""
    return reads.rows(conn, "customer_memberships", (), {"customer_ids": list(customer_ids)})


def customer_steps(conn: Any, customer_ids: Sequence[str]) -> list:
    """These customers' campaign steps, with each campaign's name and title, in time order."""
    return reads.rows(conn, "customer_steps", (), {"customer_ids": list(customer_ids)})
