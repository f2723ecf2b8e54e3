"""Auditing a printed visit sheet: owners' rooms, debts and masked names leave the office on paper,
so each print is logged like the print room's (who, when, which day and team, which rooms)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cuijiao_desktop.domain.permissions import Permission

from .. import audit
from ..actor import authorize
from ..dto import UserDTO
from .dto import VisitRoute

__all__ = ["record_visit_sheet_print"]


def record_visit_sheet_print(session: Session, *, actor: UserDTO, route: VisitRoute, file_name: str = "") -> None:
    """Audit that the visit sheet of ``route`` was printed or saved (in the caller's transaction)."""
    actor = authorize(session, actor, Permission.VIEW)
    stops = route.stops
    audit.record(session, actor, "visit.sheet_print", "visit_route", route.day.isoformat(), day=route.day.isoformat(),
                 team=route.team, visits=[s.visit_id for s in stops], rooms=[s.room_id for s in stops],
                 count=len(stops), file=file_name)
