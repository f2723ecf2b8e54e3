"""What the visit services share: local days, what a room owes, holds, the visits around a day."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import BigInteger, cast, func, or_, select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import (
    BILL_OUTSTANDING,
    BILL_UNPAID,
    Bill,
    CollectionCase,
    CollectionHold,
    Extension,
    Notice,
    Person,
    Room,
    RoomPerson,
    ServiceIssue,
    User,
    Visit,
    VisitStaff,
)
from cuijiao_desktop.domain.enums import ApprovalStatus, IssueStatus, PersonRole, Role
from cuijiao_desktop.domain.errors import ConflictError, NotFound
from cuijiao_desktop.domain.labels_zh import ISSUE_CATEGORY_ZH
from cuijiao_desktop.domain.visits import ACTIVE_STATUSES, BookedVisit, Conflict, standing_conflicts

from ..delivery import evidenced
from .dto import RouteNotice

#: Roles that go on visits (lanes of the calendar).
VISIT_ROLES = (Role.CLERK, Role.COLLECTOR, Role.MANAGER)


def local(value: datetime) -> datetime:
    """An aware timestamp in the office's local time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone()


def local_bounds(first: date, days: int = 1) -> tuple[datetime, datetime]:
    """UTC bounds of ``days`` local days from ``first``."""
    start = datetime.combine(first, time.min).astimezone()
    end = datetime.combine(first + timedelta(days=days), time.min).astimezone()
    return start.astimezone(UTC), end.astimezone(UTC)


def overdue_expr(today: date):
    """Overdue arrears of ``Room.id`` (correlated): unpaid bills due before ``today``."""
    outstanding = BILL_OUTSTANDING
    return (select(cast(func.coalesce(func.sum(outstanding), 0), BigInteger))
            .where(Bill.room_id == Room.id, BILL_UNPAID,
                   Bill.due_date < today)
            .correlate(Room).scalar_subquery())


def owner_name_expr():
    """The current owner's name of ``Room.id`` (correlated; the first one on file)."""
    return (select(Person.name).join(RoomPerson, RoomPerson.person_id == Person.id)
            .where(RoomPerson.room_id == Room.id, RoomPerson.role == PersonRole.OWNER, RoomPerson.end_date.is_(None))
            .order_by(RoomPerson.id).limit(1).correlate(Room).scalar_subquery())


def hold_end(session: Session, room_id: int, day: date) -> date | None:
    """The last day of the room's hold in force on ``day`` (an approved 暂停催缴 or 延期 of the room,
    or the open case's ``hold_until``); None when none."""
    ends: list[date] = []
    for table in (CollectionHold, Extension):
        ends += [d for d in session.scalars(select(table.until).where(
            table.room_id == room_id, table.status == ApprovalStatus.APPROVED, table.until >= day)) if d]
    cached = session.scalar(select(CollectionCase.hold_until).where(
        CollectionCase.room_id == room_id, CollectionCase.closed_on.is_(None)))
    if cached is not None and cached >= day:
        ends.append(cached)
    return max(ends) if ends else None


def visit_standing(
    session: Session, visits: Iterable[tuple[int, int, date]], overdue: dict[int, int],
) -> dict[int, list[Conflict]]:
    """visit id -> the room's standing conflicts on the visit's day (``domain.visits.standing_conflicts``:
    on hold that day, or nothing overdue per ``overdue``, room id -> fen, a room missing owing
    nothing) for ``visits`` as (visit id, room id, local day); visits with none are left out. The
    same hold and paid rules the plan/move check applies, for visits booked before they arose."""
    out: dict[int, list[Conflict]] = {}
    holds: dict[tuple[int, date], date | None] = {}
    for visit_id, room_id, day in visits:
        if (room_id, day) not in holds:
            holds[(room_id, day)] = hold_end(session, room_id, day)
        found = standing_conflicts(day, hold_until=holds[(room_id, day)], overdue_fen=int(overdue.get(room_id, 0)))
        if found:
            out[visit_id] = found
    return out


def open_case(session: Session, room_id: int) -> tuple[int, int | None] | None:
    """(case id, collector id) of the room's open case."""
    row = session.execute(select(CollectionCase.id, CollectionCase.collector_id).where(
        CollectionCase.room_id == room_id, CollectionCase.closed_on.is_(None))).first()
    return (row[0], row[1]) if row else None


def open_issues(session: Session, room_ids: Collection[int]) -> dict[int, list[str]]:
    """The open service issues of rooms, in words (category: description)."""
    out: dict[int, list[str]] = defaultdict(list)
    if not room_ids:
        return out
    for room_id, category, description in session.execute(
        select(ServiceIssue.room_id, ServiceIssue.category, ServiceIssue.description)
        .where(ServiceIssue.room_id.in_(list(room_ids)),
               ServiceIssue.status.in_([IssueStatus.OPEN, IssueStatus.IN_PROGRESS]))
        .order_by(ServiceIssue.raised_on, ServiceIssue.id)
    ):
        out[room_id].append(f"{ISSUE_CATEGORY_ZH.get(category, '')}：{description}")
    return out


def booked_around(session: Session, *, day: date, room_id: int, staff_ids: Iterable[int]) -> list[BookedVisit]:
    """Active visits of local ``day`` of the room or with any of ``staff_ids`` (local windows)."""
    start, end = local_bounds(day)
    staff = sorted(set(staff_ids))
    with_staff = select(VisitStaff.visit_id).where(VisitStaff.user_id.in_(staff)) if staff else None
    cond = Visit.room_id == room_id if with_staff is None else or_(Visit.room_id == room_id, Visit.id.in_(with_staff))
    rows = session.execute(
        select(Visit.id, Visit.room_id, Visit.planned_at, Visit.ends_at, Room.code)
        .join(Room, Room.id == Visit.room_id)
        .where(Visit.planned_at >= start, Visit.planned_at < end, Visit.status.in_(list(ACTIVE_STATUSES)), cond)
    ).all()
    members: dict[int, set[int]] = defaultdict(set)
    if rows:
        for vid, uid in session.execute(select(VisitStaff.visit_id, VisitStaff.user_id)
                                        .where(VisitStaff.visit_id.in_([r[0] for r in rows]))):
            members[vid].add(uid)
    return [BookedVisit(vid, rid, local(s), local(e), frozenset(members[vid]), code) for vid, rid, s, e, code in rows]


def users(session: Session, ids: Iterable[int] | None = None) -> dict[int, tuple[str, str, Role, bool]]:
    """id -> (username, display name, role, active)."""
    stmt = select(User.id, User.username, User.display_name, User.role, User.active)
    if ids is not None:
        stmt = stmt.where(User.id.in_(sorted(set(ids))))
    return {i: (u, d, r, bool(a)) for i, u, d, r, a in session.execute(stmt)}


def load_visit(session: Session, visit_id: int, version: int | None = None) -> Visit:
    """The visit row (NotFound ``visit.not_found``), still at ``version`` when given."""
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise NotFound("visit.not_found", visit_id=visit_id)
    if version is not None and visit.version != version:
        raise ConflictError("conflict.stale", entity="visit", id=visit_id)
    return visit


def lock_rows(session: Session, room_id: int, staff_ids: Iterable[int]) -> None:
    """Serialise bookings of the same room and staff between desks (PostgreSQL row locks; SQLite's
    writes are serial already)."""
    if session.get_bind().dialect.name == "sqlite":
        return
    session.execute(select(Room.id).where(Room.id == room_id).with_for_update(key_share=True))
    ids = sorted(set(staff_ids))
    if ids:
        session.execute(select(User.id).where(User.id.in_(ids)).order_by(User.id).with_for_update(key_share=True))


_NOTICE_ZH = {"reminder": "温馨提示", "arrears_notice": "催缴通知书", "final_notice": "最后催告函",
              "lawyer_letter": "律师函"}


def notices_to_hand(session: Session, room_ids: list[int]) -> dict[int, RouteNotice]:
    """Per room: its latest issued notice not yet delivered with evidence (to hand over and have signed)."""
    out: dict[int, RouteNotice] = {}
    for n in session.scalars(select(Notice).where(Notice.room_id.in_(room_ids))
                             .order_by(Notice.issued_at.desc(), Notice.id.desc())):
        if n.room_id in out or evidenced(n):
            out.setdefault(n.room_id, None)  # the latest was delivered already: nothing to bring
            continue
        out[n.room_id] = RouteNotice(n.id, n.serial, _NOTICE_ZH.get(n.kind.value, "通知"), n.level,
                                     n.arrears_fen + n.late_fee_fen, local(n.issued_at).date(), n.deadline)
    return {k: v for k, v in out.items() if v is not None}
