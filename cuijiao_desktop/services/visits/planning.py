"""Planning visits: plan, move, cancel, and book the appointment by phone.

Every write re-checks every rule (slot, team, conflicts) inside the caller's transaction, takes
the optimistic version the form carried, and is audited. One person alone needs a manager's
override (``Permission.APPROVE_PLANS``) with a reason, recorded on the visit.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy.orm import Session

from cuijiao_desktop.domain.enums import AnsweredBy
from cuijiao_desktop.domain.visits import VisitDraft

from ..dto import UserDTO
from .dto import AppointmentResult, VisitDetail

__all__ = ["book_appointment", "cancel_visit", "move_visit", "plan_visit"]


def plan_visit(session: Session, *, actor: UserDTO, draft: VisitDraft, today: date) -> VisitDetail:
    """Plan a visit to ``draft.room_id`` (``Permission.PLAN_VISITS``); the room's open case is used
    when ``draft.case_id`` is None. Raises ``ValidationError`` (slot, team) or
    :class:`VisitConflictError` and writes nothing."""
    raise NotImplementedError


def move_visit(
    session: Session, *, actor: UserDTO, visit_id: int, version: int, draft: VisitDraft, today: date,
) -> VisitDetail:
    """Give a planned or confirmed visit a new window, staff, team or note (the room stays). Every
    rule is checked again; a version other than the stored one is ``conflict.stale``. A new day
    un-confirms the appointment (the owner agreed to the old time)."""
    raise NotImplementedError


def cancel_visit(
    session: Session, *, actor: UserDTO, visit_id: int, version: int, reason: str, today: date,
) -> VisitDetail:
    """Cancel a planned or confirmed visit with a reason (required)."""
    raise NotImplementedError


def book_appointment(
    session: Session,
    *,
    actor: UserDTO,
    visit_id: int,
    version: int,
    now: datetime,
    confirmed: bool,
    contact_id: int | None = None,
    number_dialled: str = "",
    answered_by: AnsweredBy | None = None,
    note: str = "",
    confirmed_warnings: Collection[str] = (),
) -> AppointmentResult:
    """Record the phone call that books visit ``visit_id``: a contact event (channel phone, through
    ``services.contacts.log_contact``, so quiet hours and the weekly maximum are asked to be
    confirmed as for any call) linked to the visit; ``confirmed`` (the owner agreed) makes the
    visit ``confirmed`` with the time. Not confirmed: the call is logged (no answer, or the owner
    did not agree) and the visit stays planned."""
    raise NotImplementedError
