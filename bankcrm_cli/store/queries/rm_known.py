"""Whether an RM code is known: the check behind every command's `--rm`, made without
SQLAlchemy on a SQLite store (store/reads.py)."""

from __future__ import annotations

from typing import Any

from bankcrm_cli.store import reads


def rm_code_known(conn: Any, rm_code: str) -> bool:
    """An RM code on the RM list or on some customer (a bank may load customers first)."""
    return bool(reads.rows(conn, "rm_code_known", (), {"rm_code": rm_code}))
