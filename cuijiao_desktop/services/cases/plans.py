"""Instalment plans, extensions and holds of a case, and steps marked done by hand.

All are asked for on a case (collectors, front desk) and take effect once a manager approves
them. What an instalment has received is derived from the ledger at read time
(:func:`plan_statuses`): the room's payments (net of reversals) allocated to the bills the plan
covers, i.e. bills due on or before the day the plan was asked for, paid from that day on.
Every payment path that allocates money (payments, reversals, credit applied, imports) is
therefore counted without any of them knowing about plans.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import (
    Bill,
    CaseEvent,
    CollectionCase,
    CollectionHold,
    Extension,
    Instalment,
    InstalmentPlan,
    LadderStepRow,
    Payment,
    PaymentAllocation,
)
from cuijiao_desktop.domain.enums import ApprovalStatus
from cuijiao_desktop.domain.errors import ConflictError, NotFound, ValidationError
from cuijiao_desktop.domain.instalments import (
    InstalmentState,
    PlanState,
    ScheduledInstalment,
    instalment_states,
    plan_state,
    validate_extension,
    validate_hold,
    validate_schedule,
)
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.services import audit
from cuijiao_desktop.services.actor import authorize
from cuijiao_desktop.services.dto import UserDTO
from cuijiao_desktop.services.tx import read_only
from cuijiao_desktop.services.versions import flush_or_conflict

from .common import local_date, user_names

__all__ = [
    "EXTENSION",
    "HOLD",
    "InstalmentDTO",
    "PauseDTO",
    "PlanDTO",
    "cancel_plan",
    "decide_pause",
    "decide_plan",
    "end_hold",
    "mark_step_done",
    "pauses",
    "plan_statuses",
    "request_extension",
    "request_hold",
    "request_plan",
]

EXTENSION = "extension"
HOLD = "hold"
STEP_DONE = "step_done"


@dataclass(frozen=True)
class InstalmentDTO:
    seq: int
    due_date: date
    amount_fen: int
    paid_fen: int  # derived from the ledger
    state: InstalmentState
    paid_on: date | None
    late: bool


@dataclass(frozen=True)
class PlanDTO:
    """An instalment plan with the state of each instalment today."""

    id: int
    case_id: int | None
    room_id: int
    total_fen: int
    paid_fen: int
    status: ApprovalStatus  # the decision
    state: PlanState  # the decision and the payments
    start: date  # asked for on; payments from this day count
    signed_on: date | None
    note: str
    requested_by: str
    decided_by: str
    decided_at: datetime | None
    instalments: tuple[InstalmentDTO, ...]
    version: int

    @property
    def next_unpaid(self) -> InstalmentDTO | None:
        """The first instalment not fully paid."""
        return next((i for i in self.instalments if i.state is not InstalmentState.PAID), None)


def _in(column, ids: set[int]):
    from sqlalchemy import true

    return column.in_(sorted(ids)) if len(ids) <= 500 else true()


@read_only
def plan_statuses(
    session: Session, *, today: date, case_ids: Iterable[int] | None = None, room_ids: Iterable[int] | None = None,
    plan_ids: Iterable[int] | None = None,
) -> list[PlanDTO]:
    """Instalment plans (all, or of some cases, rooms or ids) with their instalments' states today.

    Bulk and read-only: a fixed handful of queries for any number of plans.
    """
    stmt = select(InstalmentPlan)
    filters = [(InstalmentPlan.case_id, case_ids), (InstalmentPlan.room_id, room_ids), (InstalmentPlan.id, plan_ids)]
    wanted: list[tuple[str, set[int]]] = []
    for column, ids in filters:
        if ids is not None:
            ids = set(ids)
            if not ids:
                return []
            stmt = stmt.where(_in(column, ids))
            wanted.append((column.key, ids))
    plans = [p for p in session.scalars(stmt.order_by(InstalmentPlan.id))
             if all(getattr(p, key) in ids for key, ids in wanted)]
    if not plans:
        return []
    plan_ids_set = {p.id for p in plans}
    schedule: dict[int, list[ScheduledInstalment]] = defaultdict(list)
    for plan_id, seq, due, amount in session.execute(
        select(Instalment.plan_id, Instalment.seq, Instalment.due_date, Instalment.amount_fen)
        .where(_in(Instalment.plan_id, plan_ids_set)).order_by(Instalment.plan_id, Instalment.seq)
    ):
        if plan_id in plan_ids_set:
            schedule[plan_id].append(ScheduledInstalment(seq, due, amount))
    starts = {p.id: p.starts_on or local_date(p.created_at) for p in plans}
    rooms = {p.room_id for p in plans}
    since = min(starts.values())
    # (paid_on, bill due date, fen) of every allocation to the plans' rooms since the first start
    lines: dict[int, list[tuple[date, date, int]]] = defaultdict(list)
    for room_id, paid_on, due, fen in session.execute(
        select(Payment.room_id, Payment.paid_on, Bill.due_date, func.sum(PaymentAllocation.amount_fen))
        .join(PaymentAllocation, PaymentAllocation.payment_id == Payment.id)
        .join(Bill, Bill.id == PaymentAllocation.bill_id)
        .where(_in(Payment.room_id, rooms), Payment.paid_on >= since)
        .group_by(Payment.room_id, Payment.paid_on, Bill.due_date)
    ):
        if room_id in rooms:
            lines[room_id].append((paid_on, due, int(fen or 0)))
    names = user_names(session)
    out = []
    for p in plans:
        start = starts[p.id]
        paid = [(day, fen) for day, due, fen in lines.get(p.room_id, ()) if day >= start and due <= start]
        rows = instalment_states(schedule[p.id], paid, today=today)
        insts = tuple(InstalmentDTO(r.seq, r.due_date, r.amount_fen, r.paid_fen, r.state, r.paid_on, r.late)
                      for r in rows)
        out.append(PlanDTO(
            p.id, p.case_id, p.room_id, p.total_fen, sum(i.paid_fen for i in insts), p.status,
            plan_state(p.status, rows), start, p.signed_on, p.note,
            names.get(p.requested_by_id, "") if p.requested_by_id else "",
            names.get(p.approved_by_id, "") if p.approved_by_id else "", p.approved_at, insts, p.version,
        ))
    return out


@dataclass(frozen=True)
class PauseDTO:
    """An extension (延期) or hold (暂停催缴) of a case."""

    kind: str  # EXTENSION or HOLD
    id: int
    case_id: int | None
    room_id: int
    until: date
    reason: str
    status: ApprovalStatus
    requested_by: str
    requested_at: datetime
    decided_by: str
    decided_at: datetime | None
    version: int

    def running(self, today: date) -> bool:
        """Approved and not over on ``today``."""
        return self.status is ApprovalStatus.APPROVED and today <= self.until


@read_only
def pauses(session: Session, *, case_ids: Iterable[int] | None = None, room_ids: Iterable[int] | None = None,
           pending_only: bool = False) -> list[PauseDTO]:
    """Extensions and holds of some cases or rooms (all when neither is given), newest first."""
    names = user_names(session)
    out = []
    for kind, table in ((EXTENSION, Extension), (HOLD, CollectionHold)):
        stmt = select(table)
        if case_ids is not None:
            stmt = stmt.where(table.case_id.in_(list(case_ids)))
        if room_ids is not None:
            stmt = stmt.where(table.room_id.in_(list(room_ids)))
        if pending_only:
            stmt = stmt.where(table.status == ApprovalStatus.PENDING)
        for r in session.scalars(stmt):
            out.append(PauseDTO(
                kind, r.id, r.case_id, r.room_id, r.until, r.reason, r.status,
                names.get(r.requested_by_id, "") if r.requested_by_id else "", r.requested_at,
                names.get(r.approved_by_id, "") if r.approved_by_id else "", r.decided_at, r.version,
            ))
    out.sort(key=lambda p: p.requested_at, reverse=True)
    return out


# ---------------------------------------------------------------------------
# Writes
# ---------------------------------------------------------------------------


def _open_case(session: Session, case_id: int) -> CollectionCase:
    case = session.get(CollectionCase, case_id)
    if case is None:
        raise NotFound("case.not_found", case_id=case_id)
    if case.closed_on is not None:
        raise ValidationError("case.closed", case_id=case_id, closed_on=case.closed_on.isoformat())
    return case


def refresh_hold_cache(session: Session, case_id: int, today: date) -> None:
    """Keep ``collection_case.hold_until`` (read by the arrears table and the ledger header) equal to
    the end of the latest approved hold or extension of the case still running today."""
    ends = []
    for table in (CollectionHold, Extension):
        ends += session.scalars(select(table.until).where(
            table.case_id == case_id, table.status == ApprovalStatus.APPROVED, table.until >= today)).all()
    case = session.get(CollectionCase, case_id)
    value = max(ends) if ends else None
    if case is not None and case.hold_until != value:
        case.hold_until = value
        session.flush()


def request_plan(
    session: Session, *, actor: UserDTO, case_id: int, schedule: Sequence[tuple[date, int]], note: str = "",
    today: date,
) -> PlanDTO:
    """Ask for an instalment plan on an open case: the schedule as (due date, amount) in order.
    Waits for a manager's approval. One plan at a time: a pending or running plan must be
    decided, completed or cancelled first."""
    actor = authorize(session, actor, Permission.LOG_CONTACT)
    case = _open_case(session, case_id)
    items = [ScheduledInstalment(i + 1, d, fen) for i, (d, fen) in enumerate(schedule)]
    total = sum(fen for _, fen in schedule)
    validate_schedule(items, total_fen=total, start=today)
    for other in plan_statuses(session, today=today, case_ids=[case_id]):
        if other.state in (PlanState.PENDING, PlanState.ON_TRACK, PlanState.BEHIND):
            raise ValidationError("instalment.plan_exists", plan_id=other.id)
    plan = InstalmentPlan(room_id=case.room_id, case_id=case_id, total_fen=total, requested_by_id=actor.id,
                          note=note.strip(), status=ApprovalStatus.PENDING, starts_on=today)
    session.add(plan)
    session.flush()
    session.add_all(Instalment(plan_id=plan.id, seq=i.seq, due_date=i.due_date, amount_fen=i.amount_fen)
                    for i in items)
    session.flush()
    audit.record(session, actor, "instalment.request", "instalment_plan", plan.id, case_id=case_id,
                 total_fen=total, count=len(items))
    return plan_statuses(session, today=today, plan_ids=[plan.id])[0]


def _plan_as_read(session: Session, plan_id: int, version: int) -> InstalmentPlan:
    """The plan a manager decides on, still at the version the form showed."""
    plan = session.get(InstalmentPlan, plan_id)
    if plan is None:
        raise NotFound("instalment.not_found", plan_id=plan_id)
    if plan.version != version:
        raise ConflictError("conflict.stale", entity="instalment_plan", id=plan_id)
    return plan


def decide_plan(
    session: Session, *, actor: UserDTO, plan_id: int, version: int, approve: bool, today: date,
    signed_on: date | None = None, note: str = "",
) -> PlanDTO:
    """A manager approves (the owner signs) or rejects a pending plan."""
    actor = authorize(session, actor, Permission.APPROVE_PLANS)
    plan = _plan_as_read(session, plan_id, version)
    if plan.status is not ApprovalStatus.PENDING:
        raise ValidationError("approval.already_decided", status=plan.status.value)
    if approve and plan.case_id is not None:
        _open_case(session, plan.case_id)
    if not approve and not note.strip():
        raise ValidationError("approval.reason_required", field="note")
    plan.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
    plan.approved_by_id = actor.id
    plan.approved_at = datetime.now().astimezone()
    if approve:
        plan.signed_on = signed_on or today
    if note.strip():
        plan.note = f"{plan.note}\n{note.strip()}".strip()
    flush_or_conflict(session, "instalment_plan", plan_id)
    audit.record(session, actor, "instalment.approve" if approve else "instalment.reject", "instalment_plan",
                 plan_id, note=note.strip())
    return plan_statuses(session, today=today, plan_ids=[plan_id])[0]


def cancel_plan(session: Session, *, actor: UserDTO, plan_id: int, version: int, reason: str,
                today: date) -> PlanDTO:
    """A manager ends a plan the owner no longer keeps to (the ladder then goes on at its own pace)."""
    actor = authorize(session, actor, Permission.APPROVE_PLANS)
    plan = _plan_as_read(session, plan_id, version)
    if plan.status not in (ApprovalStatus.PENDING, ApprovalStatus.APPROVED):
        raise ValidationError("approval.already_decided", status=plan.status.value)
    if not reason.strip():
        raise ValidationError("approval.reason_required", field="note")
    plan.status = ApprovalStatus.CANCELLED
    plan.note = f"{plan.note}\n取消：{reason.strip()}".strip()
    flush_or_conflict(session, "instalment_plan", plan_id)
    audit.record(session, actor, "instalment.cancel", "instalment_plan", plan_id, reason=reason.strip())
    return plan_statuses(session, today=today, plan_ids=[plan_id])[0]


def _pause_table(kind: str) -> type[Extension | CollectionHold]:
    return Extension if kind == EXTENSION else CollectionHold


def _pause_as_read(session: Session, kind: str, pause_id: int, version: int) -> Extension | CollectionHold:
    """The extension or hold a manager acts on, still at the version the form showed."""
    table = _pause_table(kind)
    row = session.get(table, pause_id)
    if row is None:
        raise NotFound("approval.not_found", id=pause_id)
    if row.version != version:
        raise ConflictError("conflict.stale", entity=table.__tablename__, id=pause_id)
    return row


def _pause_dto(session: Session, kind: str, row_id: int) -> PauseDTO:
    table = _pause_table(kind)
    return next(p for p in pauses(session, room_ids=[session.get(table, row_id).room_id]) if
                p.kind == kind and p.id == row_id)


def _request_pause(session: Session, actor: UserDTO, kind: str, *, case_id: int, until: date, reason: str,
                   today: date) -> PauseDTO:
    actor = authorize(session, actor, Permission.LOG_CONTACT)
    case = _open_case(session, case_id)
    (validate_extension if kind == EXTENSION else validate_hold)(asked_on=today, until=until, reason=reason)
    table = _pause_table(kind)
    row = table(room_id=case.room_id, case_id=case_id, until=until, reason=reason.strip(),
                requested_by_id=actor.id, status=ApprovalStatus.PENDING)
    session.add(row)
    session.flush()
    audit.record(session, actor, f"{kind}.request", table.__tablename__, row.id, case_id=case_id, until=until)
    return _pause_dto(session, kind, row.id)


def request_extension(session: Session, *, actor: UserDTO, case_id: int, until: date, reason: str,
                      today: date) -> PauseDTO:
    """Ask for an extension (延期) of 1–2 months for a hardship case; a manager decides."""
    return _request_pause(session, actor, EXTENSION, case_id=case_id, until=until, reason=reason, today=today)


def request_hold(session: Session, *, actor: UserDTO, case_id: int, until: date, reason: str,
                 today: date) -> PauseDTO:
    """Ask to stop chasing a case until ``until`` (暂停催缴, e.g. while a complaint is handled)."""
    return _request_pause(session, actor, HOLD, case_id=case_id, until=until, reason=reason, today=today)


def decide_pause(session: Session, *, actor: UserDTO, kind: str, pause_id: int, version: int, approve: bool,
                 today: date, note: str = "") -> PauseDTO:
    """A manager approves or rejects a pending extension or hold."""
    actor = authorize(session, actor, Permission.APPROVE_PLANS)
    row = _pause_as_read(session, kind, pause_id, version)
    if row.status is not ApprovalStatus.PENDING:
        raise ValidationError("approval.already_decided", status=row.status.value)
    if approve:
        if row.until < today:
            raise ValidationError("hold.until_past", field="until")
        if row.case_id is not None:
            _open_case(session, row.case_id)
    elif not note.strip():
        raise ValidationError("approval.reason_required", field="note")
    row.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
    row.approved_by_id = actor.id
    row.decided_at = datetime.now().astimezone()
    if note.strip():
        row.reason = f"{row.reason}\n{'批准' if approve else '驳回'}：{note.strip()}"
    flush_or_conflict(session, row.__tablename__, pause_id)
    if row.case_id is not None:
        refresh_hold_cache(session, row.case_id, today)
    audit.record(session, actor, f"{kind}.{'approve' if approve else 'reject'}", row.__tablename__, pause_id,
                 until=row.until, note=note.strip())
    return _pause_dto(session, kind, pause_id)


def end_hold(session: Session, *, actor: UserDTO, kind: str, pause_id: int, version: int, today: date,
             note: str = "") -> PauseDTO:
    """End a running hold or extension today (the complaint is settled): chasing resumes today."""
    actor = authorize(session, actor, Permission.APPROVE_PLANS)
    row = _pause_as_read(session, kind, pause_id, version)
    if row.status is not ApprovalStatus.APPROVED or row.until < today:
        raise ValidationError("hold.not_running")
    row.until = today - timedelta(days=1)
    row.reason = f"{row.reason}\n提前结束：{note.strip() or today.isoformat()}"
    flush_or_conflict(session, row.__tablename__, pause_id)
    if row.case_id is not None:
        refresh_hold_cache(session, row.case_id, today)
    audit.record(session, actor, f"{kind}.end", row.__tablename__, pause_id, until=row.until)
    return _pause_dto(session, kind, pause_id)


def mark_step_done(session: Session, *, actor: UserDTO, case_id: int, step_id: int, on: date, today: date,
                   note: str = "") -> None:
    """Record that a ladder step was done that leaves no contact, notice or visit behind (the
    owners' committee met the owner, the lawsuit was filed …)."""
    actor = authorize(session, actor, Permission.LOG_CONTACT)
    case = _open_case(session, case_id)
    step = session.get(LadderStepRow, step_id)
    if step is None:
        raise NotFound("ladder.step_not_found", step_id=step_id)
    if on > today or on < case.opened_on:
        raise ValidationError("case.step_date_invalid", field="on", opened_on=case.opened_on.isoformat())
    session.add(CaseEvent(case_id=case_id, kind=STEP_DONE, happened_on=on, user_id=actor.id, step_id=step_id,
                          stage=step.stage, note=note.strip()))
    session.flush()
    audit.record(session, actor, "case.step_done", "collection_case", case_id, step=step.name, on=on)
