"""RFC 5545 calendars: one all-day event per follow-up, with a stable UID."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Protocol


class CalendarItem(Protocol):
    id: str
    kind: str
    name: str
    customer_id: str
    detail: str
    due_date: object


KIND_LABELS = {"birthday": "生日", "maturity": "到期", "callback": "回访", "complaint": "投诉"}


def followups_calendar(items: Iterable[CalendarItem], *, product: str = "bankcrm") -> bytes:
    """The items as an iCalendar file that Outlook and phone calendars import."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//{product}//follow-ups//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    stamp = datetime.now(UTC)
    for item in items:
        event = Event()
        # The item id is stable across runs, so a re-import updates the event, not duplicates it.
        event.add("uid", f"{item.id}@{product}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due_date)
        event.add("dtend", item.due_date + timedelta(days=1))
        label = KIND_LABELS.get(item.kind, item.kind)
        event.add("summary", f"{label}: {item.name} ({item.customer_id})")
        event.add("description", item.detail)
        event.add("categories", [item.kind])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
