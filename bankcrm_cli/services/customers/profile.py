"""Looking at customers: lists, search, one customer's profile and holdings."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import NotFound
from bankcrm_cli.domain.fields import CONSENT_CHANNELS
from bankcrm_cli.services.customers.aliases import aliases_of, resolve_customer_id
from bankcrm_cli.store.queries import customer_view

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bankcrm_cli.store.lite import LiteStore

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


def count_customers(
    engine: Engine, *, rm_code: str | None = None, branch: str | None = None
) -> int:
    from bankcrm_cli.store.queries import customers as queries

    with engine.connect() as conn:
        return queries.count_customers(conn, rm_code=rm_code, branch=branch)


def list_customers(
    engine: Engine,
    *,
    rm_code: str | None = None,
    branch: str | None = None,
    limit: int | None = None,
) -> Iterator[CustomerView]:
    """Customers in customer-number order, streamed."""
    from bankcrm_cli.store.queries import customers as queries

    with engine.connect() as conn:
        for row in queries.customer_rows(conn, rm_code=rm_code, branch=branch, limit=limit):
            yield _customer_view(row)


# What the masks show of a phone and of an ID number at their end (domain/masking.py); a search
# by more of either than this would find numbers by their hidden digits.
SHOWN_TAIL = 4


@dataclass(frozen=True)
class SearchOutcome:
    """What a search found, and whether it looked into the masked digits (a reveal) or left
    them out because --reveal was not given."""

    customers: list[CustomerView]
    searched_hidden_digits: bool
    hidden_digits_withheld: bool


def _number_needle(needle: str) -> str:
    """The digits (and final X) of a needle that is nothing else, spaces and dashes aside."""
    compact = needle.replace(" ", "").replace("-", "").upper()
    if compact and (compact.isdigit() or (compact[:-1].isdigit() and compact[-1] == "X")):
        return compact
    return ""


def search_customers(
    engine: Engine, text: str, *, limit: int | None = None, reveal: bool = False
) -> SearchOutcome:
    """Customers whose name contains TEXT or whose number starts with it; by phone or ID
    number, only what the mask shows (the last 4) unless `reveal`, which searches the whole
    number (a reveal the caller records)."""
    needle = text.strip()
    if not needle:
        return SearchOutcome([], False, False)
    number = _number_needle(needle)
    tail = number if len(number) == SHOWN_TAIL else None
    anywhere = number if reveal and len(number) >= SHOWN_TAIL else None
    from bankcrm_cli.store.queries import customers as queries

    with engine.connect() as conn:
        rows = queries.search_customer_rows(
            conn, needle, number_tail=tail, number_anywhere=anywhere, limit=limit
        )
    return SearchOutcome(
        customers=[_customer_view(row) for row in rows],
        searched_hidden_digits=anywhere is not None,
        hidden_digits_withheld=not reveal and len(number) > SHOWN_TAIL,
    )


def get_customer(engine: Engine | LiteStore, customer_id: str) -> CustomerDetail:
    """One customer with holdings (maturing first), their RM and aliases; NotFound if unknown.

    A merged-away number reaches the customer it was merged into.
    """
    named = customer_id
    with engine.connect() as conn:
        customer_id = resolve_customer_id(conn, named)
        row = customer_view.customer_row(conn, customer_id)
        if row is None:
            raise NotFound(t("err.no_customer", id=repr(named)))
        aliases = aliases_of(conn, customer_id)
        holdings = customer_view.holding_rows(conn, customer_id)
        rm = None
        if row.rm_code:
            rm_row = customer_view.rm_row(conn, row.rm_code)
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
    from bankcrm_cli.store.queries import customers as queries

    with engine.connect() as conn:
        rows = queries.rm_rows(conn)
    return [RmView(r.rm_code, r.name, r.phone, r.email, r.branch) for r in rows]
