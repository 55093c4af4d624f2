"""Done and snoozed: the actions an RM takes on a follow-up, kept with who and when.

An action is taken only on a follow-up that falls (or fell) on the day its id names: the
customer's birthday that day, the holding maturing that day, a call-back that was asked for,
an open or closed complaint; or one already acted on (its holding has moved on since).
Each action also goes into the customer's history, note included, so `customers show` lists it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Connection, Engine

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import NotFound, Refused
from bankcrm_cli.domain.followups import FollowupId, FollowupKind, FollowupRules, check_not_past
from bankcrm_cli.store.engine import write_transaction
from bankcrm_cli.store.queries import followup_actions as action_queries
from bankcrm_cli.store.queries import followups as queries


def _survivor(conn: Connection, followup: FollowupId) -> FollowupId:
    """A birthday id naming a merged-away customer number is the survivor's birthday."""
    from bankcrm_cli.services.customers.aliases import resolve_customer_id

    if followup.kind is not FollowupKind.birthday:
        return followup
    survivor = resolve_customer_id(conn, followup.key)
    return followup if survivor == followup.key else followup.with_key(survivor)


def _birthday_falls_on(
    conn: Connection, customer_id: str, born: date | None, day: date, rules: FollowupRules
) -> bool:
    from bankcrm_cli.domain.birthdays import gregorian_keys, lunar_keys
    from bankcrm_cli.services.followups.items import birthday_items

    if born is None or day <= born:
        return False
    rows = queries.birthday_rows(
        conn, gregorian_keys([day], rules.feb29), lunar_keys([day]), customer_id=customer_id
    )
    return any(item.due_date == day for item in birthday_items(rows, [day], rules))


def _customer_of(conn: Connection, followup: FollowupId, rules: FollowupRules) -> str:
    """The customer of the follow-up the id names; NotFound unless it falls (fell) on its day."""
    key = followup.key if followup.kind.dated else followup.number
    subject = action_queries.followup_subject(conn, followup.kind.value, key)
    if subject is None:
        what = t(f"err.followup.what.{followup.kind.value}")
        why = t("err.no_followup.subject", what=what, key=followup.key)
        raise NotFound(t("err.no_followup", id=repr(str(followup)), why=why))
    customer, day = subject
    due = followup.due
    if followup.kind is FollowupKind.birthday:
        falls = _birthday_falls_on(conn, customer, day, due, rules)
    elif followup.kind is FollowupKind.maturity:
        falls = day == due
    else:  # a contact is a follow-up when it asked for a call-back; a complaint always is
        falls = followup.kind is FollowupKind.complaint or day is not None
    if not falls and not action_queries.ever_acted_on(conn, str(followup)):
        raise NotFound(t("err.no_followup", id=repr(str(followup)), why=_why_not(followup, day)))
    return customer


def _why_not(followup: FollowupId, day: date | None) -> str:
    if followup.kind is FollowupKind.birthday:
        return t("err.followup.not_birthday", key=followup.key, on=followup.on)
    if followup.kind is FollowupKind.maturity:
        day_shown = day or t("err.followup.no_date")
        return t("err.followup.not_maturity", key=followup.key, day=day_shown, on=followup.on)
    return t("err.followup.no_callback", key=followup.key)


def record_action(
    engine: Engine,
    item_id: str,
    action: str,
    actor: str,
    *,
    today: date | None = None,
    rules: FollowupRules | None = None,
    until: date | None = None,
    note: str | None = None,
) -> FollowupId:
    """Mark a follow-up done, or snooze it until a date (not before `today`, when given); kept
    with who and when, and in the customer's history. Returns the id acted on (for a
    merged-away customer number, the survivor's birthday)."""
    from bankcrm_cli.services.customers import history

    if until is not None:
        check_not_past(until, today or until, "--until")
    followup = FollowupId.given(item_id)
    with engine.connect() as conn:
        followup = _survivor(conn, followup)
        customer = _customer_of(conn, followup, rules or FollowupRules())
    if followup.kind is FollowupKind.campaign and action == "done":
        raise Refused(t("camp.err.call_done", customer=customer))
    if followup.kind is FollowupKind.complaint and action == "done":
        raise Refused(t("err.followup.complaint_done", key=followup.key))
    with write_transaction(engine) as conn:
        if followup.kind is FollowupKind.callback and action == "done":
            from bankcrm_cli.services.contacts.calls import close_callbacks

            close_callbacks(conn, customer, actor, by_contact=None, only=followup.number)
        at = datetime.now(UTC)
        action_queries.insert_followup_action(
            conn,
            item_id=str(followup),
            kind=followup.kind.value,
            action=action,
            until=until,
            note=note,
            actor=actor,
            at=at,
        )
        history.record(
            conn,
            actor=actor,
            entity="followup",
            entity_id=str(followup),
            customer_id=customer,
            action="done" if action == "done" else "snooze",
            changes={"until": (None, until)} if until is not None else None,
            reason=note,
            at=at,
        )
    return followup
