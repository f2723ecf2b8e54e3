"""The day's route for a team (the visit sheet's data): grouped estate → building → unit → floor
in walking order, each stop with its window, arrears, last contact and the notice to hand over."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ..dto import UserDTO
from ..tx import read_only
from .dto import VisitRoute

__all__ = ["visit_route"]


@read_only
def visit_route(session: Session, *, actor: UserDTO, day: date, team: str | None = None) -> VisitRoute:
    """The planned and confirmed visits of local ``day`` (of ``team``: a label, or a member's user
    name or display name; None or "" for all), in walking order: estates in the order of their first
    visit, then buildings, units (natural order) and floors going up, rooms by number."""
    raise NotImplementedError
