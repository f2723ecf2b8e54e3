"""Reading visits: the calendar's week or day (one query), the lanes, one visit, a room's plan form."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import (
    Contact,
    Estate,
    Person,
    Room,
    RoomPerson,
    ServiceIssue,
    User,
    Visit,
    VisitPhoto,
    VisitStaff,
)
from cuijiao_desktop.domain.enums import AnsweredBy, ContactKind, PersonRole, Role, VisitStatus
from cuijiao_desktop.domain.errors import NotFound
from cuijiao_desktop.domain.masking import mask_phone
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.visits import OPEN_STATUSES, VisitDuty, standing_words, team_matches

from ..actor import authorize
from ..dto import UserDTO
from ..tx import read_only
from .common import (
    VISIT_ROLES,
    hold_end,
    local_bounds,
    notices_to_hand,
    open_case,
    open_issues,
    overdue_expr,
    owner_name_expr,
    users,
    visit_standing,
)
from .dto import (
    CalendarVisit,
    PlanContext,
    StaffLane,
    VisitCalendar,
    VisitDetail,
    VisitPhotoDTO,
    VisitStaffDTO,
)
from .rules import visit_slot_rules

__all__ = ["get_visit", "plan_context", "visit_calendar", "visit_lanes"]

MAX_DAYS = 42


def calendar_rows(session: Session, where, today: date) -> list[CalendarVisit]:
    """Visits matching ``where`` with their staff, room, owner and overdue arrears: one query
    (a row per visit and staff member), ordered by start."""
    rows = session.execute(
        select(Visit.id, Visit.version, Visit.room_id, Room.code, Estate.name, owner_name_expr(), Visit.planned_at,
               Visit.ends_at, Visit.status, Visit.team, Visit.case_id, Visit.confirmed_at, Visit.override_reason,
               Visit.result, overdue_expr(today), VisitStaff.user_id, VisitStaff.duty, User.display_name,
               User.username)
        .join(Room, Room.id == Visit.room_id)
        .join(Estate, Estate.id == Room.estate_id)
        .outerjoin(VisitStaff, VisitStaff.visit_id == Visit.id)
        .outerjoin(User, User.id == VisitStaff.user_id)
        .where(where)
        .order_by(Visit.planned_at, Visit.id, VisitStaff.duty, User.display_name)
    ).all()
    head: dict[int, tuple] = {}
    staff: dict[int, list[VisitStaffDTO]] = defaultdict(list)
    for r in rows:
        head.setdefault(r[0], r)
        if r[15] is not None:
            staff[r[0]].append(VisitStaffDTO(r[15], r[17] or "", r[18] or "", VisitDuty(r[16])))
    return [CalendarVisit(
        visit_id=vid, version=r[1], room_id=r[2], room_code=r[3], estate=r[4], owner=r[5] or "", start=r[6],
        end=r[7], status=r[8], team=r[9] or "", staff=tuple(staff[vid]), arrears_fen=int(r[14] or 0),
        case_id=r[10], confirmed=r[11] is not None, overridden=bool(r[12]), result=r[13],
    ) for vid, r in head.items()]


def _lanes(session: Session, extra: set[int]) -> tuple[StaffLane, ...]:
    out = []
    for uid, (username, name, role, active) in users(session).items():
        if (active and Role(role) in VISIT_ROLES) or uid in extra:
            out.append(StaffLane(uid, name, username, Role(role), active))
    order = {Role.MANAGER: 0, Role.COLLECTOR: 1, Role.CLERK: 2}
    return tuple(sorted(out, key=lambda lane: (not lane.active, order.get(lane.role, 3), lane.name, lane.user_id)))


@read_only
def visit_calendar(
    session: Session, *, actor: UserDTO, first_day: date, days: int = 7, today: date, team: str | None = None,
    include_cancelled: bool = True,
) -> VisitCalendar:
    """The visits of ``days`` local days from ``first_day`` (7: a week, 1: a day), each with its
    staff (one lane per staff member), owner, window, status and the room's overdue arrears on
    ``today``; a visit still to happen whose room has since paid or gone on hold that day says so
    (``CalendarVisit.standing``) so the planner cancels it. ``team`` keeps the visits whose label
    or a member's user/display name matches."""
    authorize(session, actor, Permission.VIEW)
    days = max(1, min(int(days), MAX_DAYS))
    start, end = local_bounds(first_day, days)
    where = (Visit.planned_at >= start) & (Visit.planned_at < end)
    if not include_cancelled:
        where = where & (Visit.status != VisitStatus.CANCELLED)
    visits = calendar_rows(session, where, today)
    if team and team.strip():
        visits = [v for v in visits
                  if team_matches(team, label=v.team, members=[(s.username, s.name) for s in v.staff])]
    to_happen = [(v.visit_id, v.room_id, v.start.astimezone().date()) for v in visits if v.status in OPEN_STATUSES]
    standing = visit_standing(session, to_happen, {v.room_id: v.arrears_fen for v in visits})
    visits = [replace(v, standing=standing_words(standing[v.visit_id])) if v.visit_id in standing else v
              for v in visits]
    on_visits = {s.user_id for v in visits for s in v.staff}
    lanes = _lanes(session, on_visits)
    if team and team.strip():
        lanes = tuple(lane for lane in lanes if lane.user_id in on_visits)
    return VisitCalendar(first_day, first_day.fromordinal(first_day.toordinal() + days - 1), lanes, tuple(visits),
                         visit_slot_rules(session))


@read_only
def visit_lanes(session: Session, *, actor: UserDTO) -> tuple[StaffLane, ...]:
    """Staff who can go on visits: active clerks, collectors and managers (managers first, then by name)."""
    authorize(session, actor, Permission.VIEW)
    return _lanes(session, set())


def owner_and_phone(session: Session, room_id: int) -> tuple[str, str]:
    """(owner name, masked phone) of the room's current owner."""
    owner = session.execute(
        select(Person.id, Person.name).join(RoomPerson, RoomPerson.person_id == Person.id)
        .where(RoomPerson.room_id == room_id, RoomPerson.role == PersonRole.OWNER, RoomPerson.end_date.is_(None))
        .order_by(RoomPerson.id).limit(1)).first()
    if owner is None:
        return "", ""
    phone = session.scalar(
        select(Contact.value).where(Contact.person_id == owner[0],
                                    Contact.kind.in_([ContactKind.MOBILE, ContactKind.LANDLINE]))
        .order_by(Contact.is_primary.desc(), Contact.valid.desc(), Contact.id).limit(1))
    return owner[1], mask_phone(phone) if phone else ""


@read_only
def get_visit(session: Session, *, actor: UserDTO, visit_id: int, today: date) -> VisitDetail:
    """One visit in full (``NotFound`` ``visit.not_found``)."""
    authorize(session, actor, Permission.VIEW)
    found = calendar_rows(session, Visit.id == visit_id, today)
    if not found:
        raise NotFound("visit.not_found", visit_id=visit_id)
    cal = found[0]
    v = session.get(Visit, visit_id)
    owner, phone = owner_and_phone(session, v.room_id)
    names = {uid: row[1] for uid, row in users(session, [i for i in (v.override_by_id, v.created_by_id) if i]).items()}
    previous = session.scalar(select(Visit.id).where(Visit.next_visit_id == visit_id))
    photos = tuple(VisitPhotoDTO(i, h, p, n) for i, h, p, n in session.execute(
        select(VisitPhoto.id, VisitPhoto.sha256, VisitPhoto.path, VisitPhoto.original_name)
        .where(VisitPhoto.visit_id == visit_id).order_by(VisitPhoto.id)))
    issue_ids = tuple(session.scalars(select(ServiceIssue.id).where(
        ServiceIssue.contact_event_id == v.outcome_event_id).order_by(ServiceIssue.id))) if v.outcome_event_id else ()
    met = {a.value: a for a in AnsweredBy}.get(v.met or "")
    return VisitDetail(
        visit_id=v.id, version=v.version, room_id=v.room_id, room_code=cal.room_code, estate=cal.estate, owner=owner,
        phone_masked=phone, case_id=v.case_id, start=v.planned_at, end=v.ends_at, status=v.status, team=v.team or "",
        staff=cal.staff, note=v.note or "", arrears_fen=cal.arrears_fen, remind_on=v.remind_on,
        appointment_event_id=v.appointment_event_id, confirmed_at=v.confirmed_at,
        override_by=names.get(v.override_by_id, "") if v.override_by_id else "", override_reason=v.override_reason or "",
        cancel_reason=v.cancel_reason or "", result=v.result, met=met, attitude=v.attitude or "", done_at=v.done_at,
        outcome_event_id=v.outcome_event_id, promise_id=v.promise_id, notice_id=v.notice_id,
        notice_signed=bool(v.notice_signed), next_visit_id=v.next_visit_id, previous_visit_id=previous,
        photos=photos, issue_ids=issue_ids, open_issues=len(open_issues(session, [v.room_id]).get(v.room_id, ())),
        created_by=names.get(v.created_by_id, "") if v.created_by_id else "",
        notice_to_hand=notices_to_hand(session, [v.room_id]).get(v.room_id),
    )


@read_only
def plan_context(session: Session, *, actor: UserDTO, room_id: int, today: date) -> PlanContext:
    """What the plan form needs for ``room_id`` (``NotFound`` ``room.not_found``)."""
    authorize(session, actor, Permission.VIEW)
    room = session.execute(select(Room.code, Estate.name, overdue_expr(today)).join(Estate, Estate.id == Room.estate_id)
                           .where(Room.id == room_id)).first()
    if room is None:
        raise NotFound("room.not_found", room_id=room_id)
    owner, phone = owner_and_phone(session, room_id)
    case = open_case(session, room_id)
    start, _ = local_bounds(today)
    planned = calendar_rows(session, (Visit.room_id == room_id) & (Visit.planned_at >= start)
                            & Visit.status.in_(list(OPEN_STATUSES)), today)
    return PlanContext(
        room_id=room_id, room_code=room[0], estate=room[1], owner=owner, phone_masked=phone,
        case_id=case[0] if case else None, collector_id=case[1] if case else None, arrears_fen=int(room[2] or 0),
        hold_until=hold_end(session, room_id, today), open_issues=tuple(open_issues(session, [room_id]).get(room_id, ())),
        planned=tuple(planned), lanes=_lanes(session, set()), slots=visit_slot_rules(session),
    )
