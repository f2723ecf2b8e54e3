"""The office's calendar: business dates are days in the office's time zone (Asia/Shanghai).

Timestamps are stored in UTC; a notice issued at 07:30 Beijing time on 3 March is stored as
23:30 UTC on 2 March, and its business date is 3 March. Every rule that turns a timestamp into
a date (late fees accruing from a notice, "office today" for the daily late-fee run, the
backdating check of a payment) goes through :func:`local_date` and :func:`office_today`.

China has kept UTC+8 all year since 1991 (no daylight saving), so the zone is a fixed offset:
exact for every date the office deals with, and needs no time-zone database (Windows has none
without the ``tzdata`` package).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

__all__ = ["OFFICE_TZ", "local_date", "office_midnight_utc", "office_now", "office_today"]

#: Asia/Shanghai (Beijing time), UTC+08:00 without daylight saving.
OFFICE_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")


def office_now(now: datetime | None = None) -> datetime:
    """The current moment (or ``now``) in the office's time zone."""
    moment = now if now is not None else datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(OFFICE_TZ)


def office_today(now: datetime | None = None) -> date:
    """Today's date at the office (or the office's date at the moment ``now``)."""
    return office_now(now).date()


def local_date(stamp: datetime) -> date:
    """The office's date of a stored timestamp (naive timestamps are UTC, as the database keeps them)."""
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(OFFICE_TZ).date()


def office_midnight_utc(day: date) -> datetime:
    """The UTC moment at which the office's ``day`` begins."""
    return datetime.combine(day, time.min, tzinfo=OFFICE_TZ).astimezone(UTC)
