"""What a refused command must leave behind: one line on stderr, its exit code, the store's
rows and the files around it exactly as they were."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select, text

from tests.conftest import store_engine


def store_fingerprint(crm) -> dict[str, str]:
    """Per table, a hash of its rows in key order; on SQLite, the integrity check too."""
    from bankcrm_cli.store.tables import metadata

    engine = store_engine(crm)
    try:
        with engine.connect() as conn:
            found = {}
            if engine.dialect.name == "sqlite":
                found["integrity"] = str(conn.execute(text("PRAGMA integrity_check")).all())
            for table in metadata.sorted_tables:
                rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
                found[table.name] = hashlib.sha256(repr(rows).encode()).hexdigest()
            return found
    finally:
        engine.dispose()


def folder_fingerprint(folder: Path) -> dict[str, str]:
    """Every file under `folder` and a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "store" not in p.relative_to(folder).parts
    }


def assert_refused(result, code: int, *fragments: str) -> str:
    """The command failed with `code` and one line on stderr holding every fragment."""
    assert result.exit_code == code, (result.exit_code, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("crm: error: "), lines
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert "Traceback" not in result.output
    return lines[0]
