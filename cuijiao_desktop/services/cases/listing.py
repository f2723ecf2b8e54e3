"""The cases list (案件) and one case's file: its ladder, history, plans, pauses and issues.

Collectors see only the cases they hold (责任到人); everyone else with the right to view sees
all. Positions come from the ladder engine, so the list is right between two syncs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import (
    CaseEvent,
    CollectionCase,
    CollectionHold,
    Extension,
    InstalmentPlan,
    Person,
    RoomPerson,
    ServiceIssue,
)
from cuijiao_desktop.domain.enums import (
    ApprovalStatus,
    ArrearsReason,
    Channel,
    IssueStatus,
    PersonRole,
    Role,
    Stage,
)
from cuijiao_desktop.domain.errors import NotFound, PermissionDenied
from cuijiao_desktop.domain.instalments import PlanState
from cuijiao_desktop.domain.ladder import (
    DueReason,
    LadderPosition,
    LadderStep,
    PositionState,
    StepKind,
    step_kind,
)
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.rooms import natural_key
from cuijiao_desktop.services.actor import authorize
from cuijiao_desktop.services.dto import UserDTO
from cuijiao_desktop.services.room_ledger import TimelineEntry, TimelineKind, timeline
from cuijiao_desktop.services.tx import read_only

from .common import case_settings, local_date, room_places, user_names
from .issues import IssueDTO, list_issues
from .plans import PauseDTO, PlanDTO, pauses, plan_statuses
from .positions import CaseRef, case_positions, ladder_steps, open_cases

__all__ = [
    "CaseDetail",
    "CaseFilterOptions",
    "CaseRow",
    "LadderLine",
    "LineState",
    "case_detail",
    "case_for_room",
    "cases_tab_data",
    "list_cases",
]


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One case in the list."""

    case_id: int
    room_id: int
    room_code: str
    estate_id: int
    estate: str
    building_id: int
    building: str
    owner: str
    arrears_fen: int
    months: int
    stage: Stage  # reached
    state: PositionState
    next_step: str  # name of the next step ("" at the end / cleared)
    next_kind: StepKind | None
    due_on: date | None
    overdue_days: int
    due_reason: DueReason | None
    collector_id: int | None
    collector: str
    hold_until: date | None
    open_issues: int
    plan_state: PlanState | None  # of the latest plan, if any
    pending: int  # plans, extensions and holds waiting for a manager
    reason: ArrearsReason | None
    opened_on: date
    closed_on: date | None
    version: int


@dataclass(frozen=True)
class CollectorChoice:
    id: int
    name: str


@dataclass(frozen=True)
class CaseFilterOptions:
    """What the cases tab's filters offer."""

    collectors: tuple[CollectorChoice, ...]
    buildings: tuple[tuple[int, str], ...]  # (building id, "estate building" or "building")
    own_only: bool  # the user is a collector: only their cases are listed


def _owners(session: Session, room_ids: Sequence[int]) -> dict[int, str]:
    """The current owner's name per room (the first linked owner)."""
    out: dict[int, str] = {}
    ids = list(room_ids)
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        for room_id, name in session.execute(
            select(RoomPerson.room_id, Person.name).join(Person, Person.id == RoomPerson.person_id)
            .where(RoomPerson.room_id.in_(part), RoomPerson.role == PersonRole.OWNER, RoomPerson.end_date.is_(None))
            .order_by(RoomPerson.room_id, RoomPerson.id)
        ):
            out.setdefault(room_id, name)
    return out


def _counts_by_case(session: Session, case_ids: set[int]) -> tuple[dict[int, int], dict[int, int]]:
    """Open service issues and pending approvals per case."""
    issues: dict[int, int] = defaultdict(int)
    for case_id, n in session.execute(
        select(ServiceIssue.case_id, func.count()).where(
            ServiceIssue.case_id.is_not(None), ServiceIssue.status.in_([IssueStatus.OPEN, IssueStatus.IN_PROGRESS]))
        .group_by(ServiceIssue.case_id)
    ):
        if case_id in case_ids:
            issues[case_id] = int(n)
    pending: dict[int, int] = defaultdict(int)
    for table in (InstalmentPlan, Extension, CollectionHold):
        for case_id, n in session.execute(
            select(table.case_id, func.count()).where(table.status == ApprovalStatus.PENDING,
                                                       table.case_id.is_not(None))
            .group_by(table.case_id)
        ):
            if case_id in case_ids:
                pending[case_id] += int(n)
    return issues, pending


def _visible_collector(session: Session, actor: UserDTO) -> int | None:
    """The collector whose cases alone ``actor`` may see (collectors: themselves), else None."""
    actor = authorize(session, actor, Permission.VIEW)
    return actor.id if actor.role is Role.COLLECTOR else None


def _rows(session: Session, today: date, cases: Sequence[CaseRef], closed: Sequence[tuple] = ()) -> list[CaseRow]:
    positions = case_positions(session, today=today, cases=cases)
    room_ids = [c.room_id for c in cases] + [c[1] for c in closed]
    places = room_places(session, room_ids)
    owners = _owners(session, room_ids)
    names = user_names(session)
    ids = {c.case_id for c in cases} | {c[0] for c in closed}
    issues, pending = _counts_by_case(session, ids)
    latest_plan: dict[int, PlanState] = {}
    for plan in plan_statuses(session, today=today, case_ids=ids):
        if plan.case_id is not None:
            latest_plan[plan.case_id] = plan.state
    reasons = dict(session.execute(select(CollectionCase.id, CollectionCase.reason)
                                   .where(CollectionCase.closed_on.is_(None))).tuples().all())
    out = []
    for c in cases:
        p = positions[c.case_id]
        pos, place = p.position, places[c.room_id]
        nxt = pos.next
        out.append(CaseRow(
            c.case_id, c.room_id, place.code, place.estate_id, place.estate, place.building_id, place.building,
            owners.get(c.room_id, ""), p.debt.amount_fen, p.debt.months, pos.stage, pos.state,
            nxt.name_zh if nxt else "", step_kind(nxt.channel) if nxt else None, pos.due_on,
            pos.overdue_days(today), pos.reason, c.collector_id,
            names.get(c.collector_id, "") if c.collector_id else "", pos.hold_until, issues.get(c.case_id, 0),
            latest_plan.get(c.case_id), pending.get(c.case_id, 0), reasons.get(c.case_id), c.opened_on, None,
            c.version,
        ))
    for case_id, room_id, collector_id, opened_on, closed_on, stage, reason, version in closed:
        place = places[room_id]
        out.append(CaseRow(
            case_id, room_id, place.code, place.estate_id, place.estate, place.building_id, place.building,
            owners.get(room_id, ""), 0, 0, stage, PositionState.CLEARED, "", None, None, 0, None, collector_id,
            names.get(collector_id, "") if collector_id else "", None, issues.get(case_id, 0),
            latest_plan.get(case_id), pending.get(case_id, 0), reason, opened_on, closed_on, version,
        ))
    out.sort(key=lambda r: (natural_key(r.estate), natural_key(r.building), natural_key(r.room_code)))
    return out


@read_only
def list_cases(session: Session, *, actor: UserDTO, today: date, closed_since: date | None = None) -> list[CaseRow]:
    """Open cases (and those closed since ``closed_since``) that ``actor`` may see, in room order."""
    own = _visible_collector(session, actor)
    cases = open_cases(session, collector_id=own)
    closed: list[tuple] = []
    if closed_since is not None:
        stmt = (select(CollectionCase.id, CollectionCase.room_id, CollectionCase.collector_id,
                       CollectionCase.opened_on, CollectionCase.closed_on, CollectionCase.stage, CollectionCase.reason,
                       CollectionCase.version)
                .where(CollectionCase.closed_on >= closed_since))
        if own is not None:
            stmt = stmt.where(CollectionCase.collector_id == own)
        closed = [tuple(r) for r in session.execute(stmt)]
    return _rows(session, today, cases, closed)


@dataclass(frozen=True)
class CasesTabData:
    """What the cases tab loads at once."""

    rows: list[CaseRow]
    options: CaseFilterOptions
    settings: object  # domain.cases.CaseSettings
    today: date


@read_only
def cases_tab_data(session: Session, *, actor: UserDTO, today: date) -> CasesTabData:
    """The cases the user may see, the filter choices and the office's split defaults."""
    return CasesTabData(list_cases(session, actor=actor, today=today), case_filter_options(session, actor=actor),
                        case_settings(session), today)


@read_only
def case_filter_options(session: Session, *, actor: UserDTO) -> CaseFilterOptions:
    """Collectors who hold open cases or collect, the buildings, and whether the list is the user's own."""
    from .assignment import collector_options

    own = _visible_collector(session, actor)
    holders = set(session.scalars(select(CollectionCase.collector_id).where(CollectionCase.closed_on.is_(None),
                                                                             CollectionCase.collector_id.is_not(None))))
    names = user_names(session)
    choices = {o.id: o.name for o in collector_options(session)}
    choices.update({i: names.get(i, "") for i in holders})
    places = room_places(session)
    several = len({p.estate_id for p in places.values()}) > 1
    buildings = sorted({(p.building_id, p.estate, p.building) for p in places.values()},
                       key=lambda b: (natural_key(b[1]), natural_key(b[2])))
    return CaseFilterOptions(
        tuple(CollectorChoice(i, n) for i, n in sorted(choices.items(), key=lambda kv: (kv[1], kv[0]))),
        tuple((bid, f"{e} {b}栋" if several else f"{b}栋") for bid, e, b in buildings),
        own is not None,
    )


class LineState:
    """How a ladder step stands for a case (plain strings: shown by the GUI through its labels)."""

    DONE = "done"
    SKIPPED = "skipped"
    NEXT = "next"
    AHEAD = "ahead"
    INACTIVE = "inactive"


@dataclass(frozen=True)
class LadderLine:
    """One step of the office's ladder as it stands for a case."""

    step_id: int | None
    seq: int
    name: str
    stage: Stage
    channel: Channel
    wait_days: int
    min_amount_fen: int
    min_months: int
    state: str  # LineState
    done_on: date | None
    due_on: date | None  # the next step's due date


@dataclass(frozen=True)
class CaseEventDTO:
    happened_on: date
    kind: str  # opened, closed, assigned, step_done
    text: str
    by: str


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case dialog shows."""

    row: CaseRow
    position: LadderPosition | None  # None for a closed case
    ladder: tuple[LadderLine, ...]
    history: tuple[TimelineEntry, ...]  # newest first, from the case's opening (its own events included)
    plans: tuple[PlanDTO, ...]
    pauses: tuple[PauseDTO, ...]
    issues: tuple[IssueDTO, ...]
    open_min_fen: int
    open_min_months: int
    today: date


def _ladder_lines(steps: Sequence[LadderStep], pos: LadderPosition | None) -> tuple[LadderLine, ...]:
    done = dict(pos.completed) if pos else {}
    last = pos.done.seq if pos and pos.done else 0
    lines = []
    for s in sorted(steps, key=lambda s: s.seq):
        if not s.active:
            state = LineState.INACTIVE
        elif s.seq in done:
            state = LineState.DONE
        elif s.seq < last:
            state = LineState.SKIPPED
        elif pos is not None and pos.next is not None and pos.next.seq == s.seq:
            state = LineState.NEXT
        else:
            state = LineState.AHEAD
        lines.append(LadderLine(s.id, s.seq, s.name_zh, s.stage, s.channel, s.wait_days, s.min_amount_fen,
                                s.min_months, state, done.get(s.seq),
                                pos.due_on if state == LineState.NEXT and pos else None))
    return tuple(lines)


_EVENT_TEXT = {"opened": "立案", "closed": "结案", "assigned": "分配", "step_done": "完成步骤"}


def _case_events(session: Session, case_id: int, names: dict[int, str],
                 steps: dict[int, str]) -> list[TimelineEntry]:
    out = []
    for on, created_at, kind, user_id, step_id, collector_id, note in session.execute(
        select(CaseEvent.happened_on, CaseEvent.created_at, CaseEvent.kind, CaseEvent.user_id, CaseEvent.step_id,
               CaseEvent.collector_id, CaseEvent.note).where(CaseEvent.case_id == case_id)
    ):
        title = _EVENT_TEXT.get(kind, kind)
        detail = note
        if kind == "assigned":
            title = f"分配给 {names.get(collector_id, '（无人）') if collector_id else '（无人）'}"
        elif kind == "step_done":
            title = f"完成步骤：{steps.get(step_id, '')}"
        stamp = created_at.astimezone() if isinstance(created_at, datetime) else datetime.now().astimezone()
        when = stamp if local_date(created_at) == on else datetime.combine(on, stamp.timetz())
        out.append(TimelineEntry(when, TimelineKind.CASE, title, detail, names.get(user_id, "") if user_id else ""))
    return out


def case_for_room(session: Session, room_id: int) -> int | None:
    """The open case of a room, else its latest closed one (None: the room never had a case)."""
    open_id = session.scalar(select(CollectionCase.id).where(CollectionCase.room_id == room_id,
                                                              CollectionCase.closed_on.is_(None)))
    if open_id is not None:
        return open_id
    return session.scalar(select(CollectionCase.id).where(CollectionCase.room_id == room_id)
                          .order_by(CollectionCase.closed_on.desc(), CollectionCase.id.desc()).limit(1))


@read_only
def case_detail(session: Session, *, actor: UserDTO, today: date, case_id: int | None = None,
                room_id: int | None = None) -> CaseDetail:
    """One case's file (by id, or a room's open or latest case). Collectors may open only theirs."""
    own = _visible_collector(session, actor)
    if case_id is None and room_id is not None:
        case_id = case_for_room(session, room_id)
        if case_id is None:
            raise NotFound("case.none_for_room", room_id=room_id)
    case = session.get(CollectionCase, case_id) if case_id is not None else None
    if case is None:
        raise NotFound("case.not_found", case_id=case_id)
    if own is not None and case.collector_id != own:
        raise PermissionDenied("case.not_yours" if case.collector_id is not None else "case.unassigned")
    steps = ladder_steps(session)
    if case.closed_on is None:
        ref = CaseRef(case.id, case.room_id, case.collector_id, case.opened_on, case.version)
        (row,) = _rows(session, today, [ref])
        position = case_positions(session, today=today, cases=[ref], steps=steps)[case.id].position
    else:
        (row,) = _rows(session, today, [], [(case.id, case.room_id, case.collector_id, case.opened_on,
                                              case.closed_on, case.stage, case.reason, case.version)])
        position = None
    names = user_names(session)
    start = case.opened_on
    end = case.closed_on
    history = [t for t in timeline(session, room_id=case.room_id, today=today)
               if t.when.date() >= start and (end is None or t.when.date() <= end)]
    history += _case_events(session, case.id, names, {s.id: s.name_zh for s in steps})
    history.sort(key=lambda t: t.when, reverse=True)
    settings = case_settings(session)
    return CaseDetail(
        row, position, _ladder_lines(steps, position), tuple(history),
        tuple(plan_statuses(session, today=today, case_ids=[case.id])),
        tuple(pauses(session, case_ids=[case.id])),
        tuple(list_issues(session, actor=actor, today=today, room_id=case.room_id)),
        settings.open_min_fen, settings.open_min_months, today,
    )

