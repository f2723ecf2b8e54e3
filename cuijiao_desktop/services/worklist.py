"""Today's work (今日工作): what each person has to do today, gathered from the whole database.

Kinds of work (:class:`WorkKind`):

* **call** – a follow-up date reached with no later call, or a ladder step that asks for a call
  or a message;
* **promise_due** – a promise due today (chase) or tomorrow (remind the day before);
* **promise_broken** – a promise broken (the day after its date, unpaid) and not chased since;
* **notice** – a written notice due by the ladder;
* **visit** – a home visit planned for today, and the reminder of one on its reminder day (the day before);
* **step** – a case reaching its next step on the ladder (visit to book, board, committee, lawyer …);
* **limitation** – bill periods whose limitation runs out within 90 days;
* **issue** – a service issue past its promised date.

Whose work: an item belongs to the collector of the room's open case, else to whoever created
it (the user who logged the call, made the promise, is on the visit, handles the issue). A
collector sees their own; a clerk their own and those of rooms nobody is assigned to; managers
and administrators the whole office; finance the limitation risks. A case on hold drops out
(except its limitation clock and its service issues: the law does not wait, and the complaint
is what the hold is for).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import (
    BILL_OUTSTANDING,
    BILL_UNPAID,
    Bill,
    CollectionCase,
    Contact,
    ContactEvent,
    Estate,
    Person,
    Room,
    RoomPerson,
    ServiceIssue,
    User,
    Visit,
    VisitStaff,
)
from cuijiao_desktop.domain.enums import (
    Channel,
    ContactKind,
    IssueStatus,
    PersonRole,
    PromiseStatus,
    Role,
    VisitStatus,
)
from cuijiao_desktop.domain.errors import NotFound, PermissionDenied
from cuijiao_desktop.domain.labels_zh import ISSUE_CATEGORY_ZH, OUTCOME_ZH
from cuijiao_desktop.domain.masking import mask_phone
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.visits import standing_words

from .actor import authorize
from .dto import UserDTO
from .limitation import room_limitations
from .promises import promise_states
from .tx import read_only
from .visits.common import visit_standing

__all__ = ["KIND_ORDER", "WORK_KIND_ZH", "WorkItem", "WorkKind", "Worklist", "worklist"]


class WorkKind(StrEnum):
    CALL = "call"
    PROMISE_DUE = "promise_due"
    PROMISE_BROKEN = "promise_broken"
    NOTICE = "notice"
    VISIT = "visit"
    STEP = "step"
    LIMITATION = "limitation"
    ISSUE = "issue"


#: The order of the cards and of the printed list.
KIND_ORDER: tuple[WorkKind, ...] = (
    WorkKind.CALL, WorkKind.PROMISE_DUE, WorkKind.PROMISE_BROKEN, WorkKind.NOTICE, WorkKind.VISIT, WorkKind.STEP,
    WorkKind.LIMITATION, WorkKind.ISSUE,
)

#: Chinese names of the kinds (the command line and exports; the GUI translates its own).
WORK_KIND_ZH: dict[WorkKind, str] = {
    WorkKind.CALL: "待跟进电话",
    WorkKind.PROMISE_DUE: "承诺到期",
    WorkKind.PROMISE_BROKEN: "承诺未兑现",
    WorkKind.NOTICE: "待发催缴通知",
    WorkKind.VISIT: "上门（今日及明日提醒）",
    WorkKind.STEP: "进入下一催缴步骤",
    WorkKind.LIMITATION: "诉讼时效将届满",
    WorkKind.ISSUE: "服务问题逾期",
}

#: Kinds that stay while the case is on hold.
_KEPT_ON_HOLD = frozenset({WorkKind.LIMITATION, WorkKind.ISSUE})
_BROKEN_WINDOW_DAYS = 60


@dataclass(frozen=True)
class WorkItem:
    """One thing to do. ``title``/``detail`` are Chinese (data, like the rest of the office's records)."""

    kind: WorkKind
    room_id: int
    room_code: str
    estate: str
    owner: str
    phone_masked: str
    due_on: date
    amount_fen: int
    title: str
    detail: str
    responsible_id: int | None
    responsible: str
    case_id: int | None
    ref_id: int | None  # the promise, contact, visit, issue or ladder step it is about
    overdue_days: int  # days since it fell due (0: today; -1: tomorrow)


@dataclass(frozen=True)
class Worklist:
    """Someone's work for ``today``: the items in card order, the count of each kind."""

    today: date
    user_id: int | None
    user_name: str
    role: Role | None
    scope: str  # "own", "own+unassigned", "office", "limitation"
    items: tuple[WorkItem, ...]
    held_rooms: int  # rooms whose case is on hold (their chasing items are left out)

    def count(self, kind: WorkKind) -> int:
        """How many items of ``kind``."""
        return sum(1 for i in self.items if i.kind is kind)

    @property
    def counts(self) -> dict[WorkKind, int]:
        """Items per kind, every kind present (0 included), in card order."""
        return {k: self.count(k) for k in KIND_ORDER}

    def of(self, kind: WorkKind) -> list[WorkItem]:
        """The items of ``kind``."""
        return [i for i in self.items if i.kind is kind]


@dataclass
class _Draft:
    kind: WorkKind
    room_id: int
    due_on: date
    amount_fen: int
    title: str
    detail: str
    creator_id: int | None
    ref_id: int | None
    staff: tuple[int, ...] = ()
    kept_on_hold: bool = False  # a visit booked before the hold: shown so it gets cancelled


# ---------------------------------------------------------------------------
# Gathering
# ---------------------------------------------------------------------------


def _local_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min).astimezone()
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


def _local_day(value: datetime) -> date:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone().date()


def _overdue_rooms(session: Session, today: date) -> dict[int, int]:
    """Overdue arrears per room (over the partial index of unpaid bills)."""
    outstanding = BILL_OUTSTANDING
    return {room_id: int(fen) for room_id, fen in session.execute(
        select(Bill.room_id, func.sum(outstanding))
        .where(BILL_UNPAID, Bill.due_date < today)
        .group_by(Bill.room_id))}


def _follow_ups(session: Session, today: date, owed: dict[int, int]) -> list[_Draft]:
    """Follow-up dates reached on the room's latest personal contact (a call, a visit, the desk, or
    any contact that set a date): automatic reminders do not answer a follow-up."""
    personal = or_(ContactEvent.channel.in_([Channel.PHONE.value, Channel.VISIT.value, Channel.DESK.value]),
                   ContactEvent.next_follow_up.is_not(None))
    latest = (select(ContactEvent.room_id.label("room_id"), func.max(ContactEvent.occurred_at).label("at"))
              .where(personal).group_by(ContactEvent.room_id).subquery())
    rows = session.execute(
        select(ContactEvent.id, ContactEvent.room_id, ContactEvent.next_follow_up, ContactEvent.user_id,
               ContactEvent.outcome, ContactEvent.occurred_at)
        .join(latest, and_(latest.c.room_id == ContactEvent.room_id, latest.c.at == ContactEvent.occurred_at))
        .where(ContactEvent.next_follow_up <= today, personal)
        .order_by(ContactEvent.id)
    ).all()
    out: dict[int, _Draft] = {}
    for eid, room_id, follow, user_id, outcome, occurred in rows:
        if room_id in owed:  # nothing to chase once paid
            out[room_id] = _Draft(WorkKind.CALL, room_id, follow, owed[room_id], "跟进电话",
                                  f"上次联系 {_local_day(occurred):%m-%d}：{OUTCOME_ZH.get(outcome, '')}",
                                  user_id, eid)
    return list(out.values())


def _promises(session: Session, today: date, owed: dict[int, int]) -> list[_Draft]:
    out = []
    for p in promise_states(session, today=today, due_from=today - timedelta(days=_BROKEN_WINDOW_DAYS),
                            due_to=today + timedelta(days=1)):
        if p.status is PromiseStatus.DUE:
            when = "今日" if p.due_date == today else "明日"
            paid = f"，已付 {format_money(p.paid_fen)}" if p.paid_fen else ""
            out.append(_Draft(WorkKind.PROMISE_DUE, p.room_id, p.due_date, p.amount_fen,
                              f"承诺{when}缴费 {format_money(p.amount_fen)}",
                              f"{p.made_on:%m-%d} 承诺{paid}", p.created_by_id, p.promise_id))
        elif p.status is PromiseStatus.BROKEN and p.room_id in owed:
            paid = f"，只付 {format_money(p.paid_fen)}" if p.paid_fen else ""
            out.append(_Draft(WorkKind.PROMISE_BROKEN, p.room_id, p.broken_on or p.due_date, owed[p.room_id],
                              f"承诺 {p.due_date:%m-%d} 缴 {format_money(p.amount_fen)} 未兑现",
                              f"{p.made_on:%m-%d} 承诺{paid}", p.created_by_id, p.promise_id))
    if not out:
        return out
    # a broken promise is handled once somebody spoke with the room after it broke
    broken = [d for d in out if d.kind is WorkKind.PROMISE_BROKEN]
    if broken:
        since = min(d.due_on for d in broken)
        start, _ = _local_bounds(since)
        chased: dict[int, date] = {}
        for room_id, occurred in session.execute(
            select(ContactEvent.room_id, func.max(ContactEvent.occurred_at))
            .where(ContactEvent.room_id.in_({d.room_id for d in broken}), ContactEvent.occurred_at >= start,
                   ContactEvent.channel.in_([Channel.PHONE.value, Channel.VISIT.value, Channel.DESK.value]))
            .group_by(ContactEvent.room_id)
        ):
            chased[room_id] = _local_day(occurred if isinstance(occurred, datetime)
                                         else datetime.fromisoformat(str(occurred)))
        out = [d for d in out if d.kind is not WorkKind.PROMISE_BROKEN
               or chased.get(d.room_id) is None or chased[d.room_id] < d.due_on]
    return out


def _visits(session: Session, today: date, owed: dict[int, int]) -> list[_Draft]:
    """Visits planned (or confirmed) for today, and the reminders of coming visits on their reminder
    day (``visit.remind_on``: the day before unless chosen): confirm the appointment by phone. A
    visit whose room has paid or gone on hold since it was booked (``visits.common.visit_standing``)
    asks to be cancelled instead, and stays even while the room is on hold."""
    start, end = _local_bounds(today)
    open_ = [VisitStatus.PLANNED, VisitStatus.CONFIRMED]
    rows = session.execute(
        select(Visit.id, Visit.room_id, Visit.planned_at, Visit.ends_at, Visit.created_by_id, Visit.status,
               Visit.note)
        .where(Visit.status.in_(open_), or_(and_(Visit.planned_at >= start, Visit.planned_at < end),
                                            and_(Visit.remind_on == today, Visit.planned_at >= end)))
    ).all()
    staff: dict[int, list[int]] = defaultdict(list)
    if rows:
        for visit_id, user_id in session.execute(
            select(VisitStaff.visit_id, VisitStaff.user_id).where(VisitStaff.visit_id.in_([r[0] for r in rows]))
        ):
            staff[visit_id].append(user_id)
    standing = visit_standing(session, [(r[0], r[1], r[2].astimezone().date()) for r in rows], owed)
    out = []
    for vid, room_id, planned, ends, by, status, note in rows:
        at, until = planned.astimezone(), ends.astimezone()
        booked = "已电话预约" if status is VisitStatus.CONFIRMED else "未预约"
        if vid in standing:  # the room has paid or gone on hold since it was booked: not a visit to make
            when = "今日" if at.date() == today else ("明日" if at.date() == today + timedelta(days=1)
                                                     else f"{at:%m-%d}")
            out.append(_Draft(WorkKind.VISIT, room_id, at.date(), owed.get(room_id, 0),
                              f"{when}上门 {at:%H:%M}–{until:%H:%M} 请取消",
                              "；".join(x for x in (standing_words(standing[vid]),
                                                    "请通知业主" if status is VisitStatus.CONFIRMED else "", note)
                                        if x),
                              by, vid, tuple(staff.get(vid, ())), kept_on_hold=True))
            continue
        if at.date() == today:
            title, detail = f"上门 {at:%H:%M}–{until:%H:%M}", (booked, note)
        else:
            when = "明日" if at.date() == today + timedelta(days=1) else f"{at:%m-%d}"
            title = f"{when}上门 {at:%H:%M}–{until:%H:%M}（提醒）"
            detail = (booked, "请电话确认预约" if status is not VisitStatus.CONFIRMED else "", note)
        out.append(_Draft(WorkKind.VISIT, room_id, at.date(), owed.get(room_id, 0), title,
                          "；".join(dict.fromkeys(x for x in detail if x)), by, vid, tuple(staff.get(vid, ()))))
    return out


def _issues(session: Session, today: date) -> list[_Draft]:
    # the handler's work, and the collector's too (a fixed complaint is what often unlocks the payment)
    return [_Draft(WorkKind.ISSUE, room_id, promised, 0, f"服务问题逾期：{ISSUE_CATEGORY_ZH.get(category, '')}",
                   f"承诺 {promised:%m-%d} 前处理；{description}", assignee, iid,
                   (assignee,) if assignee is not None else ())
            for iid, room_id, category, description, promised, assignee in session.execute(
                select(ServiceIssue.id, ServiceIssue.room_id, ServiceIssue.category, ServiceIssue.description,
                       ServiceIssue.promised_date, ServiceIssue.assignee_id)
                .where(ServiceIssue.status.in_([IssueStatus.OPEN, IssueStatus.IN_PROGRESS]),
                       ServiceIssue.promised_date < today))]


def _limitation(session: Session, today: date) -> list[_Draft]:
    out = []
    for room_id, lim in room_limitations(session, today=today).items():
        if not lim.expiring_within:
            continue
        first = min(d for _, d in lim.expiring_within)
        periods = "、".join(f"{p // 100}-{p % 100:02d}" for p, _ in lim.expiring_within[:4])
        more = f" 等{len(lim.expiring_within)}期" if len(lim.expiring_within) > 4 else ""
        out.append(_Draft(WorkKind.LIMITATION, room_id, first, lim.at_risk_fen,
                          f"诉讼时效 {first.isoformat()} 届满",
                          f"{periods}{more}：需有据催告（签收/挂号/截图）或业主承诺", None, None))
    return out


def _ladder(session: Session, today: date) -> list[_Draft]:
    """Ladder steps due (calls, messages, notices, visits to book, boards …)."""
    out = []
    for step in _due_steps(session, today=today):
        kind = {"call": WorkKind.CALL, "message": WorkKind.CALL, "notice": WorkKind.NOTICE}.get(
            str(step.kind), WorkKind.STEP)
        out.append(_Draft(kind, step.room_id, step.due_on, step.arrears_fen, f"催缴步骤：{step.step_name}",
                          f"欠费 {step.months} 个月", None, step.case_id))
    return out


@dataclass(frozen=True)
class _Step:
    case_id: int
    room_id: int
    collector_id: int | None
    step_name: str
    kind: str
    due_on: date
    arrears_fen: int
    months: int


def _due_steps(session: Session, *, today: date) -> list[_Step]:
    """The ladder's due steps (``services.cases.due_steps``: the case's place on the ladder read
    from its history; cases on hold, cleared or below the next step's minimum are left out)."""
    from cuijiao_desktop.services.cases import due_steps

    return [_Step(d.case_id, d.room_id, d.collector_id, d.step_name, d.kind.value, d.due_on, d.arrears_fen, d.months)
            for d in due_steps(session, today=today)]


# ---------------------------------------------------------------------------
# Rooms, people, scope
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _RoomInfo:
    code: str
    estate: str
    owner: str
    phone: str
    case_id: int | None
    collector_id: int | None
    hold_until: date | None


def _room_info(session: Session, room_ids: Iterable[int]) -> dict[int, _RoomInfo]:
    """Code, estate, current owner, the owner's phone (masked) and the open case of each room."""
    ids = sorted(set(room_ids))
    out: dict[int, _RoomInfo] = {}
    conn = session.connection()  # Core rows: no ORM loading for thousands of rooms
    for i in range(0, len(ids), 2000):
        chunk = ids[i:i + 2000]
        rooms = {rid: (code, estate) for rid, code, estate in conn.execute(
            select(Room.id, Room.code, Estate.name).join(Estate, Estate.id == Room.estate_id).where(Room.id.in_(chunk)))}
        owners: dict[int, tuple[int, str]] = {}
        for rid, pid, name in conn.execute(
            select(RoomPerson.room_id, Person.id, Person.name).join(Person, Person.id == RoomPerson.person_id)
            .where(RoomPerson.room_id.in_(chunk), RoomPerson.role == PersonRole.OWNER, RoomPerson.end_date.is_(None))
            .order_by(RoomPerson.id)
        ):
            owners.setdefault(rid, (pid, name))
        phones: dict[int, str] = {}
        if owners:
            for pid, value in conn.execute(
                select(Contact.person_id, Contact.value)
                .where(Contact.person_id.in_([p for p, _ in owners.values()]),
                       Contact.kind.in_([ContactKind.MOBILE, ContactKind.LANDLINE]))
                .order_by(Contact.person_id, Contact.is_primary.desc(), Contact.valid.desc(), Contact.id)
            ):
                phones.setdefault(pid, mask_phone(value))
        cases = {rid: (cid, collector, hold) for cid, rid, collector, hold in conn.execute(
            select(CollectionCase.id, CollectionCase.room_id, CollectionCase.collector_id, CollectionCase.hold_until)
            .where(CollectionCase.room_id.in_(chunk), CollectionCase.closed_on.is_(None)))}
        for rid, (code, estate) in rooms.items():
            owner = owners.get(rid)
            case = cases.get(rid, (None, None, None))
            out[rid] = _RoomInfo(code, estate, owner[1] if owner else "", phones.get(owner[0], "") if owner else "",
                                 *case)
    return out


def _scope(role: Role | None) -> str:
    if role in (Role.MANAGER, Role.ADMIN, None):
        return "office"
    if role is Role.FINANCE:
        return "limitation"
    if role is Role.CLERK:
        return "own+unassigned"
    return "own"


@read_only
def worklist(
    session: Session, *, actor: UserDTO, today: date, user_id: int | None = None, office: bool = False,
) -> Worklist:
    """The work of ``user_id`` (default: the acting user) for ``today``.

    Anyone sees their own list; managers and administrators may look at anyone's, and
    ``office=True`` gives them the whole office's.
    """
    actor = authorize(session, actor, Permission.VIEW)
    if user_id is not None and user_id != actor.id and actor.role not in (Role.MANAGER, Role.ADMIN):
        raise PermissionDenied("worklist.not_yours")
    target_id = actor.id if user_id is None else user_id
    names = dict(session.execute(select(User.id, User.display_name)).tuples().all())
    role: Role | None = actor.role if target_id == actor.id else None
    if target_id is not None and target_id != actor.id:
        row = session.execute(select(User.role).where(User.id == target_id)).first()
        if row is None:
            raise NotFound("worklist.user_not_found", user_id=target_id)
        role = row[0]
    elif target_id is None:
        role = None  # the command line's system user: the office
    scope = "office" if office else _scope(role)

    owed = _overdue_rooms(session, today)
    drafts: list[_Draft] = []
    if scope != "limitation":
        drafts += _promises(session, today, owed)
        drafts += _follow_ups(session, today, owed)
        drafts += _ladder(session, today)
        drafts += _visits(session, today, owed)
        drafts += _issues(session, today)
    drafts += _limitation(session, today)
    # one call per room: a promise or a ladder call covers the follow-up of the same room
    covered = {d.room_id for d in drafts if d.kind in (WorkKind.PROMISE_DUE, WorkKind.PROMISE_BROKEN)}
    seen_calls: set[int] = set()
    kept = []
    for d in sorted(drafts, key=lambda d: (KIND_ORDER.index(d.kind), d.due_on, d.room_id)):
        if d.kind is WorkKind.CALL:
            if d.room_id in covered or d.room_id in seen_calls:
                continue
            seen_calls.add(d.room_id)
        kept.append(d)

    rooms = _room_info(session, {d.room_id for d in kept})
    held = {rid for rid, r in rooms.items() if r.hold_until is not None and r.hold_until >= today}
    items = []
    for d in kept:
        room = rooms[d.room_id]
        if d.room_id in held and d.kind not in _KEPT_ON_HOLD and not d.kept_on_hold:
            continue
        responsible = room.collector_id if room.collector_id is not None else d.creator_id
        if not _mine(scope, target_id, responsible, room.collector_id, d.staff):
            continue
        detail = d.detail
        if d.room_id in held and not d.kept_on_hold:
            detail = f"{detail}；暂停催缴至 {room.hold_until.isoformat()}"
        items.append(WorkItem(
            kind=d.kind, room_id=d.room_id, room_code=room.code, estate=room.estate, owner=room.owner,
            phone_masked=room.phone, due_on=d.due_on, amount_fen=d.amount_fen, title=d.title, detail=detail,
            responsible_id=responsible, responsible=names.get(responsible, "") if responsible is not None else "",
            case_id=room.case_id, ref_id=d.ref_id, overdue_days=(today - d.due_on).days,
        ))
    return Worklist(today=today, user_id=target_id, user_name=names.get(target_id, "") if target_id else "",
                    role=role, scope=scope, items=tuple(items),
                    held_rooms=len({rid for rid in held if rid in {d.room_id for d in kept}}))


def _mine(scope: str, user_id: int | None, responsible: int | None, collector_id: int | None,
          staff: Sequence[int]) -> bool:
    if scope in ("office", "limitation"):
        return True
    if user_id is not None and (responsible == user_id or user_id in staff):
        return True
    return scope == "own+unassigned" and collector_id is None and responsible is None
