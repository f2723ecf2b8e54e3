"""问题跟进: service issues raised while collecting (a leak, the cleaning …), with who fixes them,
by when, and where they stand. Linked to the room and its case; an open one shows on the case and
on the room ledger, because fixing it is often what unlocks the payment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import CollectionCase, ServiceIssue, User
from cuijiao_desktop.domain.enums import IssueCategory, IssueStatus
from cuijiao_desktop.domain.errors import ConflictError, NotFound, ValidationError
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.rooms import natural_key
from cuijiao_desktop.services import audit
from cuijiao_desktop.services.actor import authorize
from cuijiao_desktop.services.dto import UserDTO
from cuijiao_desktop.services.tx import read_only
from cuijiao_desktop.services.versions import flush_or_conflict

from .common import room_places, user_names

__all__ = ["OPEN_STATUSES", "IssueDTO", "StaffOption", "create_issue", "list_issues", "staff_options", "update_issue"]

OPEN_STATUSES = (IssueStatus.OPEN, IssueStatus.IN_PROGRESS)
MAX_TEXT = 2000


@dataclass(frozen=True, slots=True)
class IssueDTO:
    id: int
    room_id: int
    room_code: str
    estate: str
    case_id: int | None
    category: IssueCategory
    description: str
    raised_on: date
    promised_date: date | None
    status: IssueStatus
    handler: str
    assignee_id: int | None
    assignee: str
    resolved_on: date | None
    resolution: str
    created_by: str
    overdue: bool  # open and past its promised date
    version: int

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@read_only
def list_issues(
    session: Session, *, actor: UserDTO, today: date, room_id: int | None = None, case_id: int | None = None,
    open_only: bool = False,
) -> list[IssueDTO]:
    """Service issues (all, or of a room or a case), open ones first, then by promised date."""
    authorize(session, actor, Permission.VIEW)
    stmt = select(ServiceIssue)
    if room_id is not None:
        stmt = stmt.where(ServiceIssue.room_id == room_id)
    if case_id is not None:
        stmt = stmt.where(ServiceIssue.case_id == case_id)
    if open_only:
        stmt = stmt.where(ServiceIssue.status.in_(OPEN_STATUSES))
    rows = list(session.scalars(stmt))
    places = room_places(session, {r.room_id for r in rows})
    names = user_names(session)
    out = [
        IssueDTO(
            r.id, r.room_id, places[r.room_id].code, places[r.room_id].estate, r.case_id, r.category,
            r.description, r.raised_on, r.promised_date, r.status, r.handler, r.assignee_id,
            names.get(r.assignee_id, "") if r.assignee_id else "", r.resolved_on, r.resolution,
            names.get(r.created_by_id, "") if r.created_by_id else "",
            r.status in OPEN_STATUSES and r.promised_date is not None and r.promised_date < today, r.version,
        )
        for r in rows
    ]
    out.sort(key=lambda i: (not i.is_open, i.promised_date or date.max, natural_key(i.estate),
                            natural_key(i.room_code), i.id))
    return out


@dataclass(frozen=True)
class StaffOption:
    id: int
    name: str


@read_only
def staff_options(session: Session) -> list[StaffOption]:
    """Active staff by name (who can be responsible for a service issue)."""
    return [StaffOption(i, n) for i, n in session.execute(
        select(User.id, User.display_name).where(User.active.is_(True)).order_by(User.display_name, User.id))]


def _check(session: Session, *, description: str, handler: str, assignee_id: int | None,
           promised_date: date | None, raised_on: date) -> None:
    if not description.strip():
        raise ValidationError("issue.description_required", field="description")
    if len(description) > MAX_TEXT:
        raise ValidationError("validation.too_long", field="description")
    if len(handler.strip()) > 64:
        raise ValidationError("validation.too_long", field="handler")
    if promised_date is not None and promised_date < raised_on:
        raise ValidationError("issue.promised_before_raised", field="promised_date", raised_on=raised_on.isoformat())
    if assignee_id is not None and session.get(User, assignee_id) is None:
        raise NotFound("auth.unknown_user")


def _one(session: Session, actor: UserDTO, issue_id: int, today: date) -> IssueDTO:
    row = session.get(ServiceIssue, issue_id)
    return next(i for i in list_issues(session, actor=actor, today=today, room_id=row.room_id) if i.id == issue_id)


def create_issue(
    session: Session, *, actor: UserDTO, room_id: int, category: IssueCategory | str, description: str,
    today: date, promised_date: date | None = None, handler: str = "", assignee_id: int | None = None,
    case_id: int | None = None, contact_event_id: int | None = None,
) -> IssueDTO:
    """Record a service issue of a room; it joins the room's open case unless one is named.
    (The call form opens one when the owner complains.)"""
    actor = authorize(session, actor, Permission.LOG_CONTACT)
    if not room_places(session, [room_id]):
        raise NotFound("room.not_found", room_id=room_id)
    _check(session, description=description, handler=handler, assignee_id=assignee_id,
           promised_date=promised_date, raised_on=today)
    if case_id is None:
        case_id = session.scalar(select(CollectionCase.id).where(CollectionCase.room_id == room_id,
                                                                  CollectionCase.closed_on.is_(None)))
    row = ServiceIssue(room_id=room_id, case_id=case_id, contact_event_id=contact_event_id,
                       category=IssueCategory(category), description=description.strip(), raised_on=today,
                       promised_date=promised_date, handler=handler.strip(), assignee_id=assignee_id,
                       created_by_id=actor.id, status=IssueStatus.OPEN)
    session.add(row)
    session.flush()
    audit.record(session, actor, "issue.create", "service_issue", row.id, room_id=room_id,
                 category=str(category), promised_date=promised_date)
    return _one(session, actor, row.id, today)


def update_issue(
    session: Session, *, actor: UserDTO, issue_id: int, version: int, today: date, category: IssueCategory | str,
    description: str, promised_date: date | None, status: IssueStatus | str, handler: str,
    assignee_id: int | None, resolution: str = "",
) -> IssueDTO:
    """Change an issue (its status, handler, promised date …). Done or closed needs the resolution."""
    actor = authorize(session, actor, Permission.LOG_CONTACT)
    row = session.get(ServiceIssue, issue_id)
    if row is None:
        raise NotFound("issue.not_found", issue_id=issue_id)
    if row.version != version:
        raise ConflictError("conflict.stale", entity="service_issue", id=issue_id)
    _check(session, description=description, handler=handler, assignee_id=assignee_id,
           promised_date=promised_date, raised_on=row.raised_on)
    status = IssueStatus(status)
    if status not in OPEN_STATUSES and not resolution.strip():
        raise ValidationError("issue.resolution_required", field="resolution")
    was_open = row.status in OPEN_STATUSES
    row.category, row.description = IssueCategory(category), description.strip()
    row.promised_date, row.handler, row.assignee_id = promised_date, handler.strip(), assignee_id
    row.status, row.resolution = status, resolution.strip()
    if status in OPEN_STATUSES:
        row.resolved_on = None
    elif was_open or row.resolved_on is None:
        row.resolved_on = today
    flush_or_conflict(session, "service_issue", issue_id)
    audit.record(session, actor, "issue.update", "service_issue", issue_id, status=status.value,
                 handler=row.handler, promised_date=promised_date)
    return _one(session, actor, issue_id, today)
