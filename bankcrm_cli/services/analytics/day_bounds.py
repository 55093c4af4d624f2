"""Days in the bank's time zone against timestamps stored in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo


def day_start(day: date, zone: tzinfo) -> datetime:
    """The UTC moment the bank's day begins."""
    return datetime.combine(day, time(), zone).astimezone(UTC)


def day_end(day: date, zone: tzinfo) -> datetime:
    """The UTC moment the bank's day ends (the next day's start)."""
    return day_start(day + timedelta(days=1), zone)


def local_day(moment: datetime | None, zone: tzinfo) -> date | None:
    """The bank's day of a stored timestamp (naive ones are UTC, as the store keeps them)."""
    if moment is None:
        return None
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).date()
