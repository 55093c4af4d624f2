"""Moving customers to another RM (an RM leaves, a book is split): access follows at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import NotFound, UsageError

if TYPE_CHECKING:
    from sqlalchemy import Engine


def reassign(
    engine: Engine,
    from_rm: str,
    to_rm: str,
    customer_ids: Sequence[str] | None,
    *,
    actor: str,
) -> list[str]:
    """Give FROM's customers (all, or those named) to TO, recorded in each one's history."""
    from bankcrm_cli.services.customers.history import now, record
    from bankcrm_cli.store.engine import write_transaction
    from bankcrm_cli.store.queries.customer_view import rm_row
    from bankcrm_cli.store.queries.reassign import reassign_customers

    if from_rm == to_rm:
        raise UsageError(t("reassign.same"))
    at = now()
    with write_transaction(engine) as conn:
        if rm_row(conn, to_rm) is None:
            raise NotFound(t("err.no_rm", code=to_rm))
        moved = reassign_customers(conn, from_rm, to_rm, customer_ids, at)
        if customer_ids is not None:
            missing = sorted(set(customer_ids) - set(moved))
            if missing:
                raise NotFound(t("reassign.not_in_book", customer=missing[0], rm=from_rm))
        for customer_id in moved:
            record(
                conn,
                actor=actor,
                entity="customer",
                entity_id=customer_id,
                customer_id=customer_id,
                action="reassign",
                changes={"rm_code": (from_rm, to_rm)},
                at=at,
            )
    return moved
