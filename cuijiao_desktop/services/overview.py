"""Today's figures for the workbench, aggregated in SQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import Bill, Room, ServiceIssue, User, Visit
from cuijiao_desktop.domain.enums import IssueStatus, PromiseStatus, VisitStatus

from .dto import Overview
from .payments import OUTSTANDING, UNPAID
from .promises import promise_states
from .tx import read_only


@read_only
def database_is_empty(session: Session) -> bool:
    """True for a new database: no rooms and no users."""
    return not session.scalar(select(func.count()).select_from(Room)) and not session.scalar(
        select(func.count()).select_from(User))


def _local_day_utc(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min).astimezone()  # local midnight
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


@read_only
def office_overview(session: Session, *, today: date) -> Overview:
    """Rooms, rooms in arrears and the total, promises and visits due today, open service issues."""
    rooms = session.scalar(select(func.count()).select_from(Room))
    in_arrears, arrears = session.execute(
        select(func.count(func.distinct(Bill.room_id)), func.coalesce(func.sum(OUTSTANDING), 0))
        .where(UNPAID, Bill.due_date < today)
    ).one()
    promises = sum(1 for p in promise_states(session, today=today, due_from=today, due_to=today)
                   if p.status is PromiseStatus.DUE)
    start, end = _local_day_utc(today)
    visits = session.scalar(
        select(func.count()).select_from(Visit)
        .where(Visit.status.in_([VisitStatus.PLANNED, VisitStatus.CONFIRMED]), Visit.planned_at >= start,
               Visit.planned_at < end))
    issues = session.scalar(
        select(func.count()).select_from(ServiceIssue)
        .where(ServiceIssue.status.in_([IssueStatus.OPEN, IssueStatus.IN_PROGRESS])))
    return Overview(rooms=rooms, rooms_in_arrears=in_arrears, arrears_fen=int(arrears),
                    promises_due_today=promises, visits_today=visits, open_issues=issues)
