"""Late fees (滞纳金): the daily assessment, waivers, and the one rule of "late fee still due".

- **Still due** = assessed − collected − waived, per bill (:func:`late_fees_due`, :func:`room_late_fees_due`)
  or in bulk per room (:func:`late_fees_due_by_room`). The payment dialog, the room ledger, the
  arrears list and the notices all ask these functions; nothing else computes it.
- **Assessment** (:func:`assess_late_fees`) is a recorded system action under its own permission
  (``ASSESS_LATE_FEES``, held by every staff role because any desk may be the first to start in the
  morning). It runs once per office day on the first start (:func:`assess_if_due`) and from
  ``cuijiao late-fees assess``. It is idempotent: an assessment is overwritten, never added to.
  Dates follow the office's time zone (a notice issued at 07:30 Beijing time counts from that day).
- **Waivers** are limited to what is still uncollected.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import BILL_UNPAID as _UNPAID
from cuijiao_desktop.db.models import (
    Bill,
    FeeItem,
    LateFeeAssessment,
    LateFeePolicyRow,
    LateFeeWaiver,
    Notice,
    OfficeSetting,
    Payment,
    PaymentAllocation,
    Room,
)
from cuijiao_desktop.domain.errors import DomainError, NotFound, ValidationError
from cuijiao_desktop.domain.late_fees import LateFeePolicy, assess_bill
from cuijiao_desktop.domain.office_time import local_date, office_midnight_utc, office_today
from cuijiao_desktop.domain.permissions import Permission

from . import audit
from .actor import authorize
from .dto import UserDTO
from .tx import read_only

__all__ = [
    "ASSESSED_ON_KEY",
    "ROOMS_PER_STEP",
    "AssessmentResult",
    "LateFeeRun",
    "LateFeeSummary",
    "assess_if_due",
    "assess_late_fees",
    "last_assessed_on",
    "late_fees_due",
    "late_fees_due_by_room",
    "room_late_fees",
    "room_late_fees_due",
    "start_late_fee_run",
    "waive_late_fee",
    "waived_fen",
]

#: Office setting holding the office day of the last full assessment (ISO date).
ASSESSED_ON_KEY = "late_fees.assessed_on"

_CHUNK = 900  # ids per IN (...) list
_WRITE_CHUNK = 5_000


def _chunks(values: Sequence[int], size: int = _CHUNK) -> Iterable[Sequence[int]]:
    for i in range(0, len(values), size):
        yield values[i:i + size]


# ---------------------------------------------------------------------------
# The one rule: late fee still due = assessed − collected − waived
# ---------------------------------------------------------------------------


def _due(session: Session, by_room: bool, *where) -> dict[int, int]:
    """Late fee still due per bill (or per room, ``by_room``) over the bills matching ``where``.

    Two grouped reads: assessed − collected where something is left, then the waivers. A waiver
    never exceeds what is left (``waive_late_fee``) and an assessment never drops below what was
    collected and waived (``assess_late_fees``), so the difference is never negative per bill
    (``cuijiao db check`` verifies it).
    """
    due: dict[int, int] = defaultdict(int)
    left = LateFeeAssessment.amount_fen - LateFeeAssessment.paid_fen
    key = Bill.room_id if by_room else Bill.id
    for k, fen in session.execute(
        select(key, func.sum(left))
        .join_from(LateFeeAssessment, Bill, Bill.id == LateFeeAssessment.bill_id)
        .where(LateFeeAssessment.amount_fen > LateFeeAssessment.paid_fen, *where)
        .group_by(key)
    ):
        due[k] += int(fen)
    if due:
        waivers = (
            select(LateFeeWaiver.bill_id.label("bill_id"), func.sum(LateFeeWaiver.amount_fen).label("fen"))
            .group_by(LateFeeWaiver.bill_id).subquery()
        )
        for k, fen in session.execute(
            select(key, func.sum(waivers.c.fen))
            .join_from(waivers, Bill, Bill.id == waivers.c.bill_id)
            .where(*where).group_by(key)
        ):
            due[k] -= int(fen)
    return {k: v for k, v in due.items() if v > 0}


def late_fees_due(session: Session, bill_ids: Sequence[int]) -> dict[int, int]:
    """Late fee still due per bill of ``bill_ids``; bills with none are left out."""
    out: dict[int, int] = {}
    ids = sorted(set(bill_ids))
    for chunk in _chunks(ids):
        out.update(_due(session, False, Bill.id.in_(chunk)))
    return out


def room_late_fees_due(session: Session, room_id: int) -> dict[int, int]:
    """Late fee still due per bill of one room; bills with none are left out."""
    return _due(session, False, Bill.room_id == room_id)


def late_fees_due_by_room(session: Session, room_ids: Sequence[int] | None = None) -> dict[int, int]:
    """Late fee still due per room (all rooms, or ``room_ids``); rooms with none are left out."""
    if room_ids is None:
        return _due(session, True)
    out: dict[int, int] = {}
    for chunk in _chunks(sorted(set(room_ids))):
        out.update(_due(session, True, Bill.room_id.in_(chunk)))
    return out


# ---------------------------------------------------------------------------
# Assessment
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentResult:
    """What an assessment run did (``skipped``: the office day was already assessed)."""

    as_of: date
    bills: int  # bills assessed
    changed: int  # assessments written (new or changed)
    total_fen: int  # late fees assessed on those bills now (contract amounts)
    delta_fen: int  # how much that total moved
    skipped: bool = False


def _policy(row: LateFeePolicyRow, accrue_from: date | None) -> LateFeePolicy:
    return LateFeePolicy(
        daily_rate_ppm=row.daily_rate_ppm, grace_days=row.grace_days,
        cap_ppm_of_principal=row.cap_ppm_of_principal, accrue_from=accrue_from,
    )


def last_assessed_on(session: Session) -> date | None:
    """The office day of the last full assessment, or None when it never ran."""
    value = session.scalar(select(OfficeSetting.value).where(OfficeSetting.key == ASSESSED_ON_KEY))
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _set_assessed_on(session: Session, day: date, actor: UserDTO) -> None:
    row = session.get(OfficeSetting, ASSESSED_ON_KEY)
    if row is None:
        session.add(OfficeSetting(key=ASSESSED_ON_KEY, value=day.isoformat(), updated_by_id=actor.id))
    elif row.value < day.isoformat():
        row.value = day.isoformat()
        row.updated_by_id = actor.id
    session.flush()


#: Rooms per step of a run split into short transactions (the daily run, ``cuijiao late-fees assess``).
ROOMS_PER_STEP = 5_000

RoomRange = tuple[int, int]  # room ids from, to (inclusive)

_FROM_MARKER: Any = object()  # ``since`` not given: the day of the last full run


@dataclass(frozen=True)
class LateFeeRun:
    """A run split into steps: the day it assesses, the day of the run before it (payments entered since
    then are looked at), and the room ranges, one short transaction each."""

    as_of: date
    since: date | None
    ranges: tuple[RoomRange, ...]


def _room_filter(room_id: int | None, rooms: RoomRange | None, column=Bill.room_id) -> list:
    if room_id is not None:
        return [column == room_id]
    if rooms is not None:
        return [column.between(rooms[0], rooms[1])]
    return []


def _candidates(session: Session, policy_ids: list[int], as_of: date, scope: list, room_scope: list,
                since: date | None) -> tuple[list[tuple], set[int]]:
    """Bills whose late fee may have changed: unpaid overdue bills under a policy, and assessed bills
    that payments (or reversals) entered since the last run touched (their fee stops where they were
    settled). Returns them, and the ids of the settled ones."""
    cols = (Bill.id, Bill.room_id, Bill.due_date, Bill.amount_fen - Bill.discount_fen - Bill.waived_fen,
            FeeItem.late_fee_policy_id)
    stmt = (select(*cols).join(FeeItem, FeeItem.id == Bill.fee_item_id)
            .where(_UNPAID, Bill.due_date < as_of, FeeItem.late_fee_policy_id.in_(policy_ids), *scope))
    rows = {r[0]: tuple(r) for r in session.execute(stmt)}
    touched = (
        select(PaymentAllocation.bill_id)
        .join(Payment, Payment.id == PaymentAllocation.payment_id)
        .join(LateFeeAssessment, LateFeeAssessment.bill_id == PaymentAllocation.bill_id)
        .where(*room_scope)
    )
    if since is not None:
        touched = touched.where(Payment.created_at >= office_midnight_utc(since))
    settled = (select(*cols).join(FeeItem, FeeItem.id == Bill.fee_item_id)
               .where(Bill.id.in_(touched), FeeItem.late_fee_policy_id.in_(policy_ids), Bill.due_date < as_of))
    extra: set[int] = set()
    for r in session.execute(settled):
        if r[0] not in rows:
            rows[r[0]] = tuple(r)
            extra.add(r[0])
    return list(rows.values()), extra




def assess_late_fees(
    session: Session,
    *,
    actor: UserDTO,
    as_of: date | None = None,
    room_id: int | None = None,
    rooms: RoomRange | None = None,
    since: Any = _FROM_MARKER,
    trigger: str = "manual",
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> AssessmentResult:
    """Assess the late fee of every overdue bill under a late-fee policy as of ``as_of`` (default: the
    office's today): of one room, of a range of rooms (one step of a :class:`LateFeeRun`), or of all.

    Idempotent: the assessment of a bill is overwritten, never added to, and running twice for the
    same day changes nothing. An assessment never drops below what was already collected plus
    waived. A run over every room in one call records its day (a stepped run records it when it
    starts, :func:`start_late_fee_run`). Every call is in the audit log.
    """
    actor = authorize(session, actor, Permission.ASSESS_LATE_FEES)
    as_of = as_of or office_today()
    if since is _FROM_MARKER:
        since = last_assessed_on(session)
    scope = _room_filter(room_id, rooms)
    policies = {p.id: p for p in session.scalars(select(LateFeePolicyRow).where(LateFeePolicyRow.active.is_(True)))}
    bills, settled_ids = (_candidates(session, list(policies), as_of, scope,
                                      _room_filter(room_id, rooms, Payment.room_id), since)
                          if policies else ([], set()))
    if progress is not None:
        progress(0, max(1, len(bills)), "计算滞纳金")
    wanted = {b[0] for b in bills}
    paid_steps: dict[int, list[tuple[date, int]]] = defaultdict(list)
    lines = (select(PaymentAllocation.bill_id, Payment.paid_on, PaymentAllocation.amount_fen)
             .join(Payment, Payment.id == PaymentAllocation.payment_id)
             .join(Bill, Bill.id == PaymentAllocation.bill_id))
    for bill_id, paid_on, fen in session.execute(
        lines.where(_UNPAID, Bill.due_date < as_of, *scope).order_by(Payment.paid_on, Payment.id)
    ):
        if bill_id in wanted:
            paid_steps[bill_id].append((paid_on, fen))
    for chunk in _chunks(sorted(settled_ids)):  # bills settled since the last run (few): their own lines
        for bill_id, paid_on, fen in session.execute(
            lines.where(PaymentAllocation.bill_id.in_(chunk)).order_by(Payment.paid_on, Payment.id)
        ):
            paid_steps[bill_id].append((paid_on, fen))
    existing = {row[0]: tuple(row) for row in session.execute(
        select(LateFeeAssessment.bill_id, LateFeeAssessment.id, LateFeeAssessment.policy_id,
               LateFeeAssessment.days, LateFeeAssessment.amount_fen, LateFeeAssessment.court_estimate_fen,
               LateFeeAssessment.paid_fen)
        .join(Bill, Bill.id == LateFeeAssessment.bill_id).where(*scope)
    )}
    waived = {bill_id: int(fen) for bill_id, fen in session.execute(
        select(LateFeeWaiver.bill_id, func.sum(LateFeeWaiver.amount_fen))
        .join(Bill, Bill.id == LateFeeWaiver.bill_id).where(*scope).group_by(LateFeeWaiver.bill_id)
    )}
    if cancel is not None and cancel():
        raise DomainError("task.cancelled")

    # Policies that start "from the Nth notice": the office day the room was first served such a notice.
    notice_dates: dict[tuple[int, int], date] = {}
    for level in {p.from_notice_level for p in policies.values() if p.from_notice_level}:
        for rid, first in session.execute(
            select(Notice.room_id, func.min(Notice.issued_at))
            .where(Notice.level >= level, *_room_filter(room_id, rooms, Notice.room_id)).group_by(Notice.room_id)
        ):
            notice_dates[(rid, level)] = local_date(first)

    inserts: list[dict] = []
    updates: list[dict] = []
    assessed = total = delta = 0
    terms: dict[tuple[int, date | None], LateFeePolicy] = {}
    for n, (bill_id, rid, due, principal, policy_id) in enumerate(bills, 1):
        row = policies[policy_id]
        accrue_from = None
        if row.from_notice_level:
            accrue_from = notice_dates.get((rid, row.from_notice_level))
            if accrue_from is None:
                continue  # the notice series has not reached the level that starts late fees
        policy = terms.get((policy_id, accrue_from))
        if policy is None:
            policy = terms[(policy_id, accrue_from)] = _policy(row, accrue_from)
        result = assess_bill(due_date=due, as_of=as_of, principal_fen=principal,
                             payments=paid_steps.get(bill_id, ()), policy=policy)
        old = existing.get(bill_id)
        floor = (old[6] if old else 0) + waived.get(bill_id, 0)
        amount = max(result.amount_fen, floor)
        assessed += 1
        total += amount
        if old is None:
            inserts.append({"bill_id": bill_id, "policy_id": policy_id, "as_of": as_of, "days": result.days,
                            "amount_fen": amount, "court_estimate_fen": result.court_estimate_fen, "paid_fen": 0,
                            "version": 1})
            delta += amount
        elif (old[2], old[3], old[4], old[5]) != (policy_id, result.days, amount, result.court_estimate_fen):
            updates.append({"a_id": old[1], "policy_id": policy_id, "as_of": as_of, "days": result.days,
                            "amount_fen": amount, "court_estimate_fen": result.court_estimate_fen})
            delta += amount - old[4]
        if progress is not None and n % 2_000 == 0:
            progress(n, len(bills), "计算滞纳金")
            if cancel is not None and cancel():
                raise DomainError("task.cancelled")
    _write_assessments(session, inserts, updates)
    if room_id is None and rooms is None:
        _set_assessed_on(session, as_of, actor)
    detail: dict[str, Any] = {"rooms": f"{rooms[0]}-{rooms[1]}"} if rooms is not None else {}
    audit.record(
        session, actor, "late_fee.assess", "room" if room_id else "late_fee", room_id, as_of=as_of.isoformat(),
        trigger=trigger, bills=assessed, changed=len(inserts) + len(updates), total_fen=total, delta_fen=delta,
        **detail,
    )
    if progress is not None:
        progress(max(1, len(bills)), max(1, len(bills)), "完成")
    return AssessmentResult(as_of, assessed, len(inserts) + len(updates), total, delta)


def _write_assessments(session: Session, inserts: list[dict], updates: list[dict]) -> None:
    """Bulk writes of a run: new assessments, then changed ones (by id), in chunks."""
    table = LateFeeAssessment.__table__
    for i in range(0, len(inserts), _WRITE_CHUNK):
        session.execute(insert(table), inserts[i:i + _WRITE_CHUNK])
    stmt = (
        update(table).where(table.c.id == bindparam("a_id"))
        .values(policy_id=bindparam("policy_id"), as_of=bindparam("as_of"), days=bindparam("days"),
                amount_fen=bindparam("amount_fen"), court_estimate_fen=bindparam("court_estimate_fen"),
                version=table.c.version + 1)
    )
    for i in range(0, len(updates), _WRITE_CHUNK):
        session.execute(stmt, updates[i:i + _WRITE_CHUNK], execution_options={"synchronize_session": False})
    session.flush()


def _lock_assessed_on(session: Session) -> None:
    """Make sure the day marker exists and hold it (PostgreSQL: a row lock; SQLite transactions that
    write already hold the database's write lock), so two desks starting at once run once."""
    dialect = session.get_bind().dialect.name
    ins = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(OfficeSetting)
    session.execute(ins.values(key=ASSESSED_ON_KEY, value="", version=1).on_conflict_do_nothing())
    session.execute(select(OfficeSetting.key).where(OfficeSetting.key == ASSESSED_ON_KEY).with_for_update())


def start_late_fee_run(session: Session, *, actor: UserDTO, today: date | None = None, daily: bool = True,
                       rooms_per_step: int = ROOMS_PER_STEP) -> LateFeeRun | None:
    """Begin a run over every room, to be done in steps (one short transaction per room range with
    :func:`assess_late_fees`, so other desks' payments never wait long).

    ``daily``: the run on the day's first start; None when the office's today was already claimed by
    this or another desk. The day is claimed here, in this short transaction: a second desk starting a
    moment later finds it taken. A stopped run is finished by the next day's run (or 立即更新滞纳金).
    """
    actor = authorize(session, actor, Permission.ASSESS_LATE_FEES)
    today = today or office_today()
    _lock_assessed_on(session)
    since = last_assessed_on(session)
    if daily and since is not None and since >= today:
        return None
    _set_assessed_on(session, today, actor)
    ids = list(session.scalars(select(Room.id).order_by(Room.id)))
    ranges = tuple((ids[i], ids[min(i + rooms_per_step, len(ids)) - 1]) for i in range(0, len(ids), rooms_per_step))
    return LateFeeRun(today, since, ranges)


def assess_if_due(session: Session, *, actor: UserDTO, today: date | None = None,
                  progress: Callable[[int, int, str], None] | None = None,
                  cancel: Callable[[], bool] | None = None) -> AssessmentResult:
    """The daily run in one transaction (small offices, tests): every room as of the office's today
    unless that day was already assessed. Returns a ``skipped`` result then."""
    run = start_late_fee_run(session, actor=actor, today=today, daily=True, rooms_per_step=10**9)
    if run is None:
        return AssessmentResult(today or office_today(), 0, 0, 0, 0, skipped=True)
    return assess_late_fees(session, actor=actor, as_of=run.as_of, since=run.since, trigger="daily",
                            progress=progress, cancel=cancel)


# ---------------------------------------------------------------------------
# Waivers and summaries
# ---------------------------------------------------------------------------


def waived_fen(session: Session, bill_id: int) -> int:
    """Late fee already waived on a bill."""
    return int(session.scalar(
        select(func.coalesce(func.sum(LateFeeWaiver.amount_fen), 0)).where(LateFeeWaiver.bill_id == bill_id)))


def waive_late_fee(session: Session, *, actor: UserDTO, bill_id: int, amount_fen: int, reason: str) -> int:
    """Waive (part of) what is still uncollected of a bill's late fee; managers only, with a reason.
    Returns the fee still due afterwards."""
    actor = authorize(session, actor, Permission.WAIVE_LATE_FEE)
    if not reason.strip():
        raise ValidationError("late_fee.waiver_reason_required", field="reason")
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        raise TypeError("amount_fen must be int fen")
    if amount_fen <= 0:
        raise ValidationError("late_fee.waiver_not_positive", field="amount")
    assessment = session.execute(
        select(LateFeeAssessment.amount_fen, LateFeeAssessment.paid_fen)
        .where(LateFeeAssessment.bill_id == bill_id).with_for_update()
    ).one_or_none()
    if assessment is None:
        raise NotFound("late_fee.not_assessed", bill_id=bill_id)
    remaining = assessment[0] - assessment[1] - waived_fen(session, bill_id)
    if amount_fen > remaining:
        raise ValidationError("late_fee.waiver_too_large", field="amount", remaining_fen=max(0, remaining))
    session.add(LateFeeWaiver(bill_id=bill_id, amount_fen=amount_fen, reason=reason.strip(), approved_by_id=actor.id))
    session.flush()
    audit.record(session, actor, "late_fee.waive", "bill", bill_id, amount_fen=amount_fen, reason=reason.strip())
    return remaining - amount_fen


@dataclass(frozen=True)
class LateFeeSummary:
    """A room's late fees: contract amount, court-realistic estimate, collected, waived, still due."""

    contract_fen: int
    court_estimate_fen: int
    waived_fen: int
    collected_fen: int = 0
    due_fen: int = 0


@read_only
def room_late_fees(session: Session, room_id: int) -> LateFeeSummary:
    """Sum of a room's assessed late fees, their court estimate, what was collected and waived, and
    what is still due (:func:`room_late_fees_due`)."""
    contract, court, collected = session.execute(
        select(func.coalesce(func.sum(LateFeeAssessment.amount_fen), 0),
               func.coalesce(func.sum(LateFeeAssessment.court_estimate_fen), 0),
               func.coalesce(func.sum(LateFeeAssessment.paid_fen), 0))
        .join(Bill, Bill.id == LateFeeAssessment.bill_id).where(Bill.room_id == room_id)
    ).one()
    waived = session.scalar(
        select(func.coalesce(func.sum(LateFeeWaiver.amount_fen), 0))
        .join(Bill, Bill.id == LateFeeWaiver.bill_id).where(Bill.room_id == room_id)
    )
    due = sum(room_late_fees_due(session, room_id).values())
    return LateFeeSummary(int(contract), int(court), int(waived), int(collected), due)

