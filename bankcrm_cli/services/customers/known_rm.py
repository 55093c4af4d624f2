"""An RM code given to `--rm` must be one the store knows."""

from __future__ import annotations

from typing import Any

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import NotFound
from bankcrm_cli.store.queries.rm_known import rm_code_known


def require_known_rm(engine: Any, rm_code: str) -> None:
    """Refuse an RM code that is neither on the RM list nor any customer's: a typo, not a filter
    that matches nobody. `engine`: SQLAlchemy's or a `store.lite.LiteStore`."""
    with engine.connect() as conn:
        known = rm_code_known(conn, rm_code)
    if not known:
        raise NotFound(t("err.unknown_rm", code=repr(rm_code)))
