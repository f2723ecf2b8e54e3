"""Where each open case stands on the ladder, read from its history; the steps due (worklists).

History of a case (everything on the room since the case opened): contacts logged, notices
issued, visits done, steps marked done by hand, promises (their state derived from the
payments) and approved holds and extensions. :func:`case_positions` loads it for many cases at
once, in a fixed handful of set-based queries, and asks ``domain.ladder.ladder_position``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import pairwise

from sqlalchemy import Date, String, and_, case, cast, func, literal_column, select, true, type_coerce
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import (
    CaseEvent,
    CollectionCase,
    CollectionHold,
    ContactEvent,
    Extension,
    LadderStepRow,
    Notice,
    Visit,
)
from cuijiao_desktop.domain.enums import ApprovalStatus, Channel, NoticeKind, Stage, VisitStatus
from cuijiao_desktop.domain.instalments import InstalmentState, PlanState
from cuijiao_desktop.domain.ladder import (
    DueReason,
    Hold,
    InstalmentMark,
    LadderEvent,
    LadderPosition,
    LadderStep,
    PositionState,
    PromiseEvent,
    StepKind,
    contact_stage,
    ladder_position,
    notice_stage,
    step_kind,
)
from cuijiao_desktop.services.tx import read_only

from .common import Debt, room_debts, room_places, user_names

__all__ = ["CaseRef", "DueStep", "case_positions", "due_steps", "ladder_steps", "next_step_after", "open_cases"]

#: Case events that mark a step done by hand.
STEP_DONE = "step_done"


def ladder_steps(session: Session) -> list[LadderStep]:
    """The office's configured steps (active and inactive) in order, as the domain sees them."""
    return [
        LadderStep(r.seq, r.stage, r.name, r.wait_days, r.channel, r.note, r.min_amount_fen, r.min_months, r.id,
                   r.active)
        for r in session.scalars(select(LadderStepRow).order_by(LadderStepRow.seq))
    ]


@dataclass(frozen=True, slots=True)
class CaseRef:
    """An open case as stored."""

    case_id: int
    room_id: int
    collector_id: int | None
    opened_on: date
    version: int


def open_cases(
    session: Session, *, case_ids: Iterable[int] | None = None, collector_id: int | None = None,
    room_ids: Iterable[int] | None = None,
) -> list[CaseRef]:
    """Open cases, optionally only some ids, one collector's, or some rooms'."""
    stmt = select(CollectionCase.id, CollectionCase.room_id, CollectionCase.collector_id, CollectionCase.opened_on,
                  CollectionCase.version).where(CollectionCase.closed_on.is_(None))
    if collector_id is not None:
        stmt = stmt.where(CollectionCase.collector_id == collector_id)
    cases = [CaseRef(*row) for row in session.execute(stmt.order_by(CollectionCase.id))]
    if case_ids is not None:
        wanted = set(case_ids)
        cases = [c for c in cases if c.case_id in wanted]
    if room_ids is not None:
        rooms = set(room_ids)
        cases = [c for c in cases if c.room_id in rooms]
    return cases


def _in(column, ids: set[int]):
    """``column IN ids`` when the set is small enough to send, else no condition (filter after)."""
    return column.in_(sorted(ids)) if len(ids) <= 500 else true()


def _local_day(session: Session, column):
    """The local calendar day of a UTC timestamp column, computed by the database (one fixed offset:
    China keeps no summer time): ``'YYYY-MM-DD'`` text on SQLite, a date on PostgreSQL."""
    offset = datetime.now().astimezone().utcoffset()
    seconds = int(offset.total_seconds()) if offset is not None else 0
    if session.get_bind().dialect.name == "sqlite":
        return func.date(column, f"{seconds:+d} seconds")
    return cast(func.timezone("UTC", column) + literal_column(f"interval '{seconds} seconds'"), Date)


@lru_cache(maxsize=4096)
def _day(value: str) -> date:
    return date.fromisoformat(value)


def _as_day(value: date | str) -> date:
    return value if isinstance(value, date) else _day(value)


#: The stage each contact channel and notice kind evidences, as SQL CASE mappings (the domain's rule).
_CONTACT_STAGE = {c.value: int(contact_stage(c)) for c in Channel}
_NOTICE_STAGE = {k.value: int(notice_stage(k)) for k in NoticeKind}


def _ladder_events(session: Session, cases: Sequence[CaseRef], today: date, *,
                   first_only: bool) -> dict[int, list[LadderEvent]]:
    """Per case id: contacts, notices and visits done since the case opened, and explicit step marks.

    ``first_only``: only the first event of each stage per room (one aggregate row instead of the
    whole history). That is all the engine needs when the active ladder's stages strictly rise
    (each stage once, in escalation order, as in the default ladder): the first event of a stage
    completes its step or comes after the case passed it, and later ones are repeats. Contacts and
    notices count from the case's opening day in UTC (one logged between midnight and 08:00 local
    time on that very day is not seen: quiet hours).
    """
    case_of = {c.room_id: c.case_id for c in cases}  # open cases: one per room
    rooms = set(case_of)
    events: dict[int, list[LadderEvent]] = defaultdict(list)
    holders = {c.collector_id for c in cases}
    # one collector's cases (a work list): let the database keep to them
    mine = CollectionCase.collector_id == next(iter(holders)) if len(holders) == 1 and None not in holders \
        else true()
    end = datetime.combine(today + timedelta(days=1), time.min).astimezone().astimezone(UTC)
    raw = String  # no per-value type processing: the driver's value, converted (and cached) here

    def history(column, when, stages: dict[str, int], opened_join):
        stage = case(stages, value=type_coerce(column.table.c[column.key], raw), else_=-1)
        moment = func.min(when) if first_only else when
        stmt = (select(column.table.c.room_id, type_coerce(_local_day(session, moment), raw), stage)
                .join(CollectionCase, opened_join)
                .where(_in(column.table.c.room_id, rooms), when < end))
        return stmt.group_by(column.table.c.room_id, stage) if first_only else stmt

    contacts = history(ContactEvent.channel, ContactEvent.occurred_at, _CONTACT_STAGE, and_(
        CollectionCase.room_id == ContactEvent.room_id, CollectionCase.closed_on.is_(None), mine,
        ContactEvent.occurred_at >= CollectionCase.opened_on))
    notices = history(Notice.kind, Notice.issued_at, _NOTICE_STAGE, and_(
        CollectionCase.room_id == Notice.room_id, CollectionCase.closed_on.is_(None), mine,
        Notice.issued_at >= CollectionCase.opened_on))
    stages = {int(s): s for s in Stage}
    conn = session.connection()  # Core rows: no ORM processing of some 100,000 small rows
    for stmt in (contacts, notices):
        for room_id, day, stage in conn.execute(stmt):
            if room_id in rooms and stage in stages and day is not None:
                events[case_of[room_id]].append(LadderEvent(_as_day(day), stages[stage]))
    when = func.coalesce(Visit.done_at, Visit.planned_at)
    visits = select(Visit.room_id, type_coerce(_local_day(session, func.min(when) if first_only else when), raw)
                    ).where(_in(Visit.room_id, rooms),  # a visit nobody answered (failed) was still made
                            Visit.status.in_([VisitStatus.DONE, VisitStatus.FAILED]))
    for room_id, day in conn.execute(visits.group_by(Visit.room_id) if first_only else visits):
        if room_id in rooms and day is not None:
            events[case_of[room_id]].append(LadderEvent(_as_day(day), Stage.VISIT))
    ids = {c.case_id for c in cases}
    for case_id, on, step_id, stage in session.execute(
        select(CaseEvent.case_id, CaseEvent.happened_on, CaseEvent.step_id, CaseEvent.stage)
        .where(CaseEvent.kind == STEP_DONE, _in(CaseEvent.case_id, ids))
    ):
        if case_id in ids:
            events[case_id].append(LadderEvent(on, Stage(stage) if stage is not None else Stage.PREPARATION, step_id))
    return events


def _promise_events(session: Session, cases: Sequence[CaseRef], today: date) -> dict[int, list[PromiseEvent]]:
    """Per room: promises made since its case opened, in their derived state today
    (``services.promises.promise_states``: from the room's payments, reversals and credit aside)."""
    from cuijiao_desktop.services.promises import promise_states

    opened = {c.room_id: c.opened_on for c in cases}
    out: dict[int, list[PromiseEvent]] = defaultdict(list)
    # many rooms: one query over all promises beats a query per 2,000 rooms
    for p in promise_states(session, today=today, room_ids=list(opened) if len(opened) <= 2000 else None):
        if p.room_id in opened and p.made_on >= opened[p.room_id]:
            out[p.room_id].append(PromiseEvent(p.made_on, p.due_date, p.status))
    return out


def _holds(session: Session, cases: Sequence[CaseRef]) -> dict[int, list[Hold]]:
    """Per case id: approved holds (暂停催缴) and extensions (延期) of the case.

    An approved one is in force until its end; when exactly it was approved does not change
    what the ladder does (a step due before, during or after the approval is due again the day
    after the end), so it is taken to run from the case's opening.
    """
    opened = {c.case_id: c.opened_on for c in cases}
    holds: dict[int, list[Hold]] = defaultdict(list)
    for table in (CollectionHold, Extension):
        for case_id, until in session.execute(
            select(table.case_id, table.until)
            .where(table.status == ApprovalStatus.APPROVED, _in(table.case_id, set(opened)))
        ):
            if case_id in opened:
                holds[case_id].append(Hold(min(opened[case_id], until), until))
    return holds


def _instalment_marks(session: Session, cases: Sequence[CaseRef], today: date) -> dict[int, list[InstalmentMark]]:
    """Per case id: the instalments of its approved plan that is still running."""
    from .plans import plan_statuses

    marks: dict[int, list[InstalmentMark]] = defaultdict(list)
    for plan in plan_statuses(session, today=today, case_ids=[c.case_id for c in cases]):
        if plan.state in (PlanState.ON_TRACK, PlanState.BEHIND) and plan.case_id is not None:
            marks[plan.case_id] += [InstalmentMark(i.due_date, i.state is InstalmentState.PAID)
                                    for i in plan.instalments]
    return marks


@dataclass(frozen=True, slots=True)
class CasePosition:
    """An open case, its room's debt today and its place on the ladder."""

    case: CaseRef
    debt: Debt
    position: LadderPosition


def case_positions(
    session: Session, *, today: date, cases: Sequence[CaseRef] | None = None,
    steps: Sequence[LadderStep] | None = None, extra_events: dict[int, list[LadderEvent]] | None = None,
) -> dict[int, CasePosition]:
    """Every given open case (all open cases by default) with its position today, by case id.

    ``extra_events`` (per case id) are added to the history: "where would the case stand after
    this contact" (the call form proposes the next follow-up with it).
    """
    if cases is None:
        cases = open_cases(session)
    if not cases:
        return {}
    if steps is None:
        steps = ladder_steps(session)
    debts = room_debts(session, today=today, room_ids=[c.room_id for c in cases])
    active = [x for x in sorted(steps, key=lambda x: x.seq) if x.active]
    rising = all(a.stage < b.stage for a, b in pairwise(active))
    events = _ladder_events(session, cases, today, first_only=rising)
    promises = _promise_events(session, cases, today)
    holds = _holds(session, cases)
    plans = _instalment_marks(session, cases, today)
    out = {}
    for c in cases:
        debt = debts.get(c.room_id, Debt(0, 0))
        out[c.case_id] = CasePosition(c, debt, ladder_position(
            steps, opened_on=c.opened_on, today=today, amount_fen=debt.amount_fen, months=debt.months,
            events=[*events.get(c.case_id, ()), *(extra_events or {}).get(c.case_id, ())],
            promises=promises.get(c.room_id, ()), holds=holds.get(c.case_id, ()),
            instalments=plans.get(c.case_id, ()),
        ))
    return out


def next_step_after(session: Session, *, room_id: int, channel: Channel, today: date) -> tuple[date | None, str]:
    """The next ladder step of the room's open case once a contact through ``channel`` is logged
    today, and when it falls due: ``(None, "")`` without an open case, at the end of the ladder,
    below the next step's minimum or when the room owes nothing."""
    cases = open_cases(session, room_ids=[room_id])
    if not cases:
        return None, ""
    case = cases[0]
    extra = {case.case_id: [LadderEvent(today, contact_stage(channel))]}
    pos = case_positions(session, today=today, cases=cases, extra_events=extra)[case.case_id].position
    if pos.next is None or pos.due_on is None:
        return None, ""
    return max(pos.due_on, today), pos.next.name_zh


@dataclass(frozen=True)
class DueStep:
    """A ladder step to do: which case and room, who holds it, what to do, since when."""

    case_id: int
    room_id: int
    room_code: str
    estate: str
    building: str
    collector_id: int | None
    collector: str
    step_id: int | None
    step_seq: int
    step_name: str
    stage: Stage  # of the step to do
    channel: Channel
    kind: StepKind  # call, message, notice, visit, board, other
    due_on: date
    overdue_days: int
    reason: DueReason  # the wait passed, a promise broke, a hold ended …
    arrears_fen: int
    months: int
    promise_due: date | None  # the broken promise's date, when one moved the case on


@read_only
def due_steps(session: Session, *, today: date, user_id: int | None = None, horizon_days: int = 0) -> list[DueStep]:
    """Ladder steps due on open cases by ``today`` (or within ``horizon_days`` after it).

    Only cases whose room still owes, whose next step's minimum is reached and that are not on
    hold (a held case drops out of the worklists). ``user_id``: only that collector's cases.
    Ordered by due date (oldest first), then room.
    """
    cases = open_cases(session, collector_id=user_id)
    positions = case_positions(session, today=today, cases=cases)
    limit = today + timedelta(days=horizon_days)
    chosen = [p for p in positions.values()
              if p.position.state in (PositionState.DUE, PositionState.WAITING)
              and p.position.due_on is not None and p.position.due_on <= limit]
    if not chosen:
        return []
    places = room_places(session, [p.case.room_id for p in chosen])
    names = user_names(session)
    out = []
    for p in chosen:
        step, pos, place = p.position.next, p.position, places[p.case.room_id]
        out.append(DueStep(
            p.case.case_id, p.case.room_id, place.code, place.estate, place.building, p.case.collector_id,
            names.get(p.case.collector_id, "") if p.case.collector_id is not None else "",
            step.id, step.seq, step.name_zh, step.stage, step.channel, step_kind(step.channel), pos.due_on,
            max(0, (today - pos.due_on).days), pos.reason, p.debt.amount_fen, p.debt.months,
            pos.promise_due if pos.reason is DueReason.PROMISE_BROKEN else None,
        ))
    out.sort(key=lambda d: (d.due_on, d.estate, d.room_code))
    return out
