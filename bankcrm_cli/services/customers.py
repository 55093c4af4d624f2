"""Looking at customers: lists, search, one customer's profile and holdings."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Engine, func, or_, select

from bankcrm_cli.domain.errors import NotFound
from bankcrm_cli.domain.fields import CONSENT_CHANNELS
from bankcrm_cli.services.aliases import aliases_of, resolve_customer_id
from bankcrm_cli.store.tables import customers_table, holdings_table, rms_table

_CENT = Decimal("0.01")


def cents_to_decimal(cents: int | None) -> Decimal | None:
    return None if cents is None else (Decimal(cents) / 100).quantize(_CENT)


@dataclass(frozen=True)
class CustomerView:
    customer_id: str
    name: str
    id_number: str | None
    gender: str | None
    birth_date: date | None
    lunar_birthday: bool
    phone: str | None
    email: str | None
    fax: str | None
    address: str | None
    postal_code: str | None
    branch: str | None
    rm_code: str | None
    aum: Decimal | None
    consent: dict[str, bool | None]
    created_at: datetime
    updated_at: datetime

    def masked(self) -> CustomerView:
        """The same customer with ID number and phone masked, for screens by default."""
        from bankcrm_cli.domain.masking import mask_id, mask_phone

        return dataclasses.replace(
            self,
            id_number=mask_id(self.id_number) if self.id_number else None,
            phone=mask_phone(self.phone) if self.phone else None,
        )


@dataclass(frozen=True)
class HoldingView:
    account_id: str
    product_type: str | None
    product_label: str | None
    product_name: str | None
    amount: Decimal | None
    currency: str
    open_date: date | None
    maturity_date: date | None
    auto_rollover: bool | None


@dataclass(frozen=True)
class RmView:
    rm_code: str
    name: str
    phone: str | None
    email: str | None
    branch: str | None


@dataclass(frozen=True)
class CustomerDetail:
    customer: CustomerView
    holdings: list[HoldingView]
    rm: RmView | None
    # Merged-away numbers that now name this customer.
    aliases: list[str] = field(default_factory=list)
    # The number asked for, when it was one of those aliases.
    reached_through: str | None = None


def _customer_view(row) -> CustomerView:
    return CustomerView(
        customer_id=row.customer_id,
        name=row.name,
        id_number=row.id_number,
        gender=row.gender,
        birth_date=row.birth_date,
        lunar_birthday=bool(row.lunar_birthday),
        phone=row.phone,
        email=row.email,
        fax=row.fax,
        address=row.address,
        postal_code=row.postal_code,
        branch=row.branch,
        rm_code=row.rm_code,
        aum=cents_to_decimal(row.aum_cents),
        consent={channel: getattr(row, f"consent_{channel}") for channel in CONSENT_CHANNELS},
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _holding_view(row) -> HoldingView:
    from bankcrm_cli.domain.products import PRODUCT_LABELS

    return HoldingView(
        account_id=row.account_id,
        product_type=row.product_type,
        product_label=PRODUCT_LABELS.get(row.product_type) if row.product_type else None,
        product_name=row.product_name,
        amount=cents_to_decimal(row.amount_cents),
        currency=row.currency,
        open_date=row.open_date,
        maturity_date=row.maturity_date,
        auto_rollover=row.auto_rollover,
    )


def _filtered(rm_code: str | None, branch: str | None):
    conditions = []
    if rm_code:
        conditions.append(customers_table.c.rm_code == rm_code)
    if branch:
        conditions.append(customers_table.c.branch == branch)
    return conditions


def count_customers(
    engine: Engine, *, rm_code: str | None = None, branch: str | None = None
) -> int:
    query = select(func.count()).select_from(customers_table).where(*_filtered(rm_code, branch))
    with engine.connect() as conn:
        return conn.execute(query).scalar_one()


def list_customers(
    engine: Engine,
    *,
    rm_code: str | None = None,
    branch: str | None = None,
    limit: int | None = None,
) -> Iterator[CustomerView]:
    """Customers in customer-number order, streamed."""
    query = (
        select(customers_table)
        .where(*_filtered(rm_code, branch))
        .order_by(customers_table.c.customer_id)
    )
    if limit:
        query = query.limit(limit)
    with engine.connect() as conn:
        for row in conn.execution_options(yield_per=2000).execute(query):
            yield _customer_view(row)


def search_customers(engine: Engine, text: str, *, limit: int | None = None) -> list[CustomerView]:
    """Customers whose name contains TEXT, whose number starts with it, or whose phone has it."""
    needle = text.strip()
    if not needle:
        return []
    c = customers_table.c
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    conditions = [
        c.name.like(f"%{escaped}%", escape="\\"),
        c.customer_id.like(f"{escaped}%", escape="\\"),
    ]
    digits = "".join(ch for ch in needle if ch.isdigit())
    if len(digits) >= 4 and len(digits) == len(needle.replace(" ", "").replace("-", "")):
        conditions.append(c.phone.like(f"%{digits}%"))
    query = select(customers_table).where(or_(*conditions)).order_by(c.customer_id)
    if limit:
        query = query.limit(limit)
    with engine.connect() as conn:
        return [_customer_view(row) for row in conn.execute(query)]


def get_customer(engine: Engine, customer_id: str) -> CustomerDetail:
    """One customer with holdings (maturing first), their RM and aliases; NotFound if unknown.

    A merged-away number reaches the customer it was merged into.
    """
    named = customer_id
    with engine.connect() as conn:
        customer_id = resolve_customer_id(conn, named)
        row = conn.execute(
            select(customers_table).where(customers_table.c.customer_id == customer_id)
        ).first()
        if row is None:
            raise NotFound(f"no customer {named!r}; find one with `crm customers search`")
        aliases = aliases_of(conn, customer_id)
        holdings = conn.execute(
            select(holdings_table)
            .where(holdings_table.c.customer_id == customer_id)
            .order_by(
                holdings_table.c.maturity_date.is_(None),
                holdings_table.c.maturity_date,
                holdings_table.c.account_id,
            )
        ).all()
        rm = None
        if row.rm_code:
            rm_row = conn.execute(
                select(rms_table).where(rms_table.c.rm_code == row.rm_code)
            ).first()
            if rm_row is not None:
                rm = RmView(
                    rm_code=rm_row.rm_code,
                    name=rm_row.name,
                    phone=rm_row.phone,
                    email=rm_row.email,
                    branch=rm_row.branch,
                )
    return CustomerDetail(
        customer=_customer_view(row),
        holdings=[_holding_view(h) for h in holdings],
        rm=rm,
        aliases=aliases,
        reached_through=named if named != customer_id else None,
    )


def list_rms(engine: Engine) -> list[RmView]:
    with engine.connect() as conn:
        rows = conn.execute(select(rms_table).order_by(rms_table.c.rm_code)).all()
    return [RmView(r.rm_code, r.name, r.phone, r.email, r.branch) for r in rows]
