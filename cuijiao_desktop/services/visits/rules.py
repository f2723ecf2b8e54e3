"""The office's visit rules as stored (time slots), and the checks a visit must pass against the
database: its slot and team (``domain.visits``), and its conflicts with other visits, holds and
payments. :class:`VisitConflictError` carries every conflict found."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.visits import Conflict, SlotRules, VisitDraft

from ..dto import UserDTO
from ..tx import read_only

__all__ = ["VisitConflictError", "check_visit", "update_visit_slots", "visit_slot_rules"]


class VisitConflictError(ValidationError):
    """The visit collides (a person double-booked, the room twice that day, a hold, nothing owed).
    ``code`` is the first conflict's code (its message); ``params["conflicts"]`` lists them all as
    :class:`domain.visits.Conflict`."""

    default_code = "visit.conflict"


@read_only
def visit_slot_rules(session: Session) -> SlotRules:
    """The office's visit slots (``visits.*`` settings; defaults 18:30–21:00 weekdays, 09:00–21:00 weekends)."""
    raise NotImplementedError


def update_visit_slots(
    session: Session, *, actor: UserDTO, weekday_start: str, weekday_end: str, weekend_start: str, weekend_end: str,
) -> SlotRules:
    """Change the visit slots (``Permission.EDIT_LADDER``: managers and administrators), audited."""
    raise NotImplementedError


@read_only
def check_visit(
    session: Session, *, actor: UserDTO, draft: VisitDraft, today: date, visit_id: int | None = None,
) -> list[Conflict]:
    """The conflicts a draft would meet (for the calendar while dragging): an empty list when none.
    Slot and team problems raise ``ValidationError`` as the save would."""
    raise NotImplementedError
