"""Home visits (上门催缴, issue 13): rules, planning, appointments, outcomes, calendar and route.

Modules by job: ``rules`` (slots, conflicts), ``planning`` (plan, move, cancel, appointment),
``outcome`` (what happened and its evidence), ``calendar`` (reads for the calendar and forms),
``route`` (the day's walking order for the visit sheet). DTOs in ``dto``.
"""

from __future__ import annotations

from .calendar import get_visit, plan_context, visit_calendar, visit_lanes
from .dto import (
    AppointmentResult,
    CalendarVisit,
    OutcomeResult,
    PlanContext,
    RouteNotice,
    RouteSection,
    RouteStop,
    StaffLane,
    VisitCalendar,
    VisitDetail,
    VisitPhotoDTO,
    VisitRoute,
    VisitStaffDTO,
)
from .outcome import record_outcome
from .planning import book_appointment, cancel_visit, move_visit, plan_visit
from .route import visit_route
from .rules import VisitConflictError, check_visit, update_visit_slots, visit_slot_rules

__all__ = [
    "AppointmentResult",
    "CalendarVisit",
    "OutcomeResult",
    "PlanContext",
    "RouteNotice",
    "RouteSection",
    "RouteStop",
    "StaffLane",
    "VisitCalendar",
    "VisitConflictError",
    "VisitDetail",
    "VisitPhotoDTO",
    "VisitRoute",
    "VisitStaffDTO",
    "book_appointment",
    "cancel_visit",
    "check_visit",
    "get_visit",
    "move_visit",
    "plan_context",
    "plan_visit",
    "record_outcome",
    "update_visit_slots",
    "visit_calendar",
    "visit_lanes",
    "visit_route",
    "visit_slot_rules",
]
