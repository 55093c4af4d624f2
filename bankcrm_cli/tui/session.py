"""What the workbench reads and writes, each through the service its command uses.

Nothing here decides a rule: the day's list is `followups_on` (as `crm followups today`), the
customer is `get_customer` and `history_of_customer` (as `crm customers show`), a call is
`log_call` (as `crm log-call`), and so on. A read that meets a locked store tries again; a
write waits for the store's writer lock in its service's own transaction.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bankcrm_cli.domain.calendar import YearDays
    from bankcrm_cli.services.contacts.complaint_views import ComplaintView
    from bankcrm_cli.services.customers.history import HistoryView
    from bankcrm_cli.services.customers.profile import CustomerDetail, CustomerView
    from bankcrm_cli.services.followups import FollowupDay, FollowupItem
    from bankcrm_cli.services.mailmerge.preview import MessagePreview
    from bankcrm_cli.settings import Settings

T = TypeVar("T")
# A read that meets a lock (SQLite's, while another process checkpoints or an import commits)
# is tried again this many times, waiting a little longer each time, before it is reported.
READ_TRIES = 8
UPCOMING_DAYS = 14


@dataclass(frozen=True)
class WorkScope:
    """What `crm work` was started with: the store, the day, whose list, who acts.

    The store is `engine`, or, for a SQLite file at this crm's schema, `reader` (read through
    the standard library's sqlite3, store/lite.py) with `open_engine` making the engine at the
    first write or read that needs it: the first screen then never loads SQLAlchemy.
    """

    settings: Settings
    day: date
    today: date
    zone: tzinfo
    actor: str
    rm_code: str | None = None
    branch: str | None = None
    year_days: YearDays | None = None
    engine: Engine | None = None
    reader: Any = None
    open_engine: Callable[[], Engine] | None = None


@dataclass(frozen=True)
class CustomerPane:
    """All the customer pane shows, read in one go."""

    detail: CustomerDetail
    complaints: list[ComplaintView]
    timeline: list[HistoryView]
    revealed: bool = False


@dataclass
class CallForm:
    """The log form's values, as typed."""

    channel: str = "phone"
    outcome: str = "reached"
    note: str = ""
    next_date: str = ""
    # A campaign call (`crm log-call --campaign NAME --response ANSWER`).
    campaign: str | None = None
    response: str = ""


def _is_lock(exc: Exception) -> bool:
    """Whether `exc` says the store was locked or busy: from sqlite3 directly (a read through
    store/lite.py) or through SQLAlchemy (then loaded already)."""
    import sqlite3
    import sys

    text = str(getattr(exc, "orig", exc)).lower()
    locked = "locked" in text or "busy" in text
    if isinstance(exc, sqlite3.OperationalError):
        return locked
    engine_errors = sys.modules.get("sqlalchemy.exc")
    return engine_errors is not None and isinstance(exc, engine_errors.OperationalError) and locked


def retrying_read(read: Callable[[], T], tries: int = READ_TRIES) -> T:
    """`read()`, tried again while the store answers that it is locked."""
    for attempt in range(tries):
        try:
            return read()
        except Exception as exc:
            if not _is_lock(exc) or attempt == tries - 1:
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


def _parse_day(text: str, option: str) -> date | None:
    """A typed date (YYYY-MM-DD), checked as the commands check their options; blank: None."""
    from bankcrm_cli.domain.dates import check_day
    from bankcrm_cli.domain.errors import UsageError

    text = text.strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        from bankcrm_cli.domain.catalogue import t

        raise UsageError(t("err.not_a_date", option=option, text=repr(text))) from None
    return check_day(day, option)


class WorkSession:
    """The workbench's calls into the services, for one scope."""

    def __init__(self, scope: WorkScope) -> None:
        import threading

        self.scope = scope
        self._engine = scope.engine
        self._opening = threading.Lock()

    @property
    def engine(self) -> Engine:
        """The store's engine, for writes and the reads without a compiled form; made at the
        first call when the scope has none yet (the app's threads may ask at once)."""
        if self._engine is None:
            with self._opening:
                if self._engine is None:
                    self._engine = self.scope.open_engine()
        return self._engine

    @property
    def reader(self) -> Any:
        """The store for the first screen's reads: the list and the customer pane."""
        return self.scope.reader if self.scope.reader is not None else self.engine

    def _rules(self):
        from bankcrm_cli.settings import followup_rules

        return followup_rules(self.scope.settings)

    def day_list(self) -> FollowupDay:
        from bankcrm_cli.services.followups import followups_on

        s = self.scope
        return retrying_read(
            lambda: followups_on(
                self.reader,
                s.day,
                self._rules(),
                rm_code=s.rm_code,
                branch=s.branch,
                year_days=s.year_days,
                mask_phones=True,
                keep_done=True,
            )
        )

    def upcoming(self) -> dict[date, list[FollowupItem]]:
        from bankcrm_cli.services.followups import upcoming

        s = self.scope
        return retrying_read(
            lambda: upcoming(
                self.engine,
                s.day,
                UPCOMING_DAYS,
                self._rules(),
                year_days=s.year_days,
                rm_code=s.rm_code,
                branch=s.branch,
                mask_phones=True,
            )
        )

    def customer(self, customer_id: str, *, revealed: bool = False) -> CustomerPane:
        from bankcrm_cli.services.contacts.complaint_views import open_complaints_of
        from bankcrm_cli.services.customers.history import history_of_customer
        from bankcrm_cli.services.customers.profile import get_customer

        store = self.reader

        def read() -> CustomerPane:
            detail = get_customer(store, customer_id)
            number = detail.customer.customer_id
            return CustomerPane(
                detail=detail,
                complaints=open_complaints_of(store, number, today=self.scope.day),
                timeline=history_of_customer(store, number, detail.aliases),
                revealed=revealed,
            )

        return retrying_read(read)

    def search(self, text: str) -> list[CustomerView]:
        from bankcrm_cli.services.customers.profile import search_customers

        found = retrying_read(lambda: search_customers(self.engine, text, limit=50))
        return found.customers

    def reveal(self, customer_id: str) -> None:
        """Recorded as `crm customers show ID --reveal` records it."""
        from bankcrm_cli.services.customers.history import record_reveal

        record_reveal(
            self.engine,
            actor=self.scope.actor,
            what="customers show",
            customer_ids=[customer_id],
        )

    def log_call(self, customer_id: str, form: CallForm) -> int:
        from bankcrm_cli.services.contacts.calls import log_call

        return log_call(
            self.engine,
            customer_id,
            outcome=form.outcome,
            channel=form.channel,
            note=form.note.strip() or None,
            at=datetime.now(self.scope.zone),
            next_date=_parse_day(form.next_date, "--next"),
            actor=self.scope.actor,
            today=self.scope.today,
            campaign=form.campaign,
            response=form.response or None,
        )

    def campaign_of(self, item_id: str) -> str:
        from bankcrm_cli.services.campaigns.outreach import campaign_of_call

        return retrying_read(lambda: campaign_of_call(self.engine, item_id))

    def done(self, item_id: str, note: str) -> str:
        from bankcrm_cli.services.followups import record_action

        return str(
            record_action(
                self.engine,
                item_id,
                "done",
                self.scope.actor,
                today=self.scope.today,
                rules=self._rules(),
                note=note.strip() or None,
            )
        )

    def snooze(self, item_id: str, until_text: str, note: str) -> date:
        from bankcrm_cli.domain.errors import UsageError
        from bankcrm_cli.services.followups import record_action

        until = _parse_day(until_text, "--until")
        if until is None:
            from bankcrm_cli.domain.catalogue import t

            raise UsageError(t("work.err.until_needed"))
        record_action(
            self.engine,
            item_id,
            "snooze",
            self.scope.actor,
            today=self.scope.today,
            rules=self._rules(),
            until=until,
            note=note.strip() or None,
        )
        return until

    def next_working_day(self) -> date:
        """The snooze form's default: the first working day after the day shown."""
        from bankcrm_cli.domain.calendar import BusinessCalendar, china_working_days

        calendar = BusinessCalendar(year_days=self.scope.year_days or china_working_days)
        return calendar.next_working_day(self.scope.day)

    def open_complaint(self, customer_id: str, category: str, summary: str, channel: str):
        from bankcrm_cli.services.contacts.complaints import open_complaint

        received = datetime.now(self.scope.zone)
        return open_complaint(
            self.engine,
            customer_id,
            category=category,
            summary=summary,
            channel=channel,
            received_at=received,
            received_on=received.date(),
            policy=self.scope.settings.get("complaints.policy"),
            actor=self.scope.actor,
        )

    def preview(self, item: FollowupItem) -> MessagePreview:
        from bankcrm_cli.services.mailmerge.preview import preview_followup

        s = self.scope
        return retrying_read(
            lambda: preview_followup(self.engine, s.settings, item, day=s.day, today=s.today)
        )
