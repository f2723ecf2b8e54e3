"""Reading visits: the calendar's week or day (one query), the lanes, one visit, a room's plan form."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ..dto import UserDTO
from ..tx import read_only
from .dto import PlanContext, StaffLane, VisitCalendar, VisitDetail

__all__ = ["get_visit", "plan_context", "visit_calendar", "visit_lanes"]


@read_only
def visit_calendar(
    session: Session, *, actor: UserDTO, first_day: date, days: int = 7, today: date, team: str | None = None,
    include_cancelled: bool = True,
) -> VisitCalendar:
    """The visits of ``days`` local days from ``first_day`` (7: a week, 1: a day), each with its
    staff (one lane per staff member), owner, window, status and the room's overdue arrears on
    ``today``. ``team`` keeps the visits whose label or a member's user/display name matches."""
    raise NotImplementedError


@read_only
def visit_lanes(session: Session, *, actor: UserDTO) -> tuple[StaffLane, ...]:
    """Staff who can go on visits: active clerks, collectors and managers, by name."""
    raise NotImplementedError


@read_only
def get_visit(session: Session, *, actor: UserDTO, visit_id: int, today: date) -> VisitDetail:
    """One visit in full (``NotFound`` ``visit.not_found``)."""
    raise NotImplementedError


@read_only
def plan_context(session: Session, *, actor: UserDTO, room_id: int, today: date) -> PlanContext:
    """What the plan form needs for ``room_id`` (``NotFound`` ``room.not_found``)."""
    raise NotImplementedError
