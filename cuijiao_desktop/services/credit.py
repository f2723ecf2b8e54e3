"""Prepaid credit (预存款): balances, and credit spent on bills deposit by deposit.

One rule everywhere: **a room's credit is never negative**, and neither is what is left of any
single deposit. Spending credit is booked like a payment, append-only: a payment of method
``credit`` (number ``DK…``) whose allocation lines are the bills paid, and a negative credit
entry that names the deposit it draws on (``source_id``). The receipts history shows it like
any payment, and the ledger check balances it: the spending's lines equal its amount, and its
credit entry takes exactly that amount from its deposit.

A reversal (冲正) of a payment whose deposit was already spent reverses those spendings first
(the bills they paid become unpaid again, visible in the ledger), then takes the deposit away;
any other credit the room still holds then pays the reopened bills (``payments.reverse_payment``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session, aliased

from cuijiao_desktop.db.models import (
    BILL_OUTSTANDING,
    BILL_UNPAID,
    Bill,
    CreditEntry,
    FeeItem,
    Payment,
    PaymentAllocation,
    Room,
)
from cuijiao_desktop.domain.allocation import OpenBill
from cuijiao_desktop.domain.credit import CreditSource, CreditUse, plan_credit
from cuijiao_desktop.domain.enums import PaymentKind, PaymentMethod

from . import audit, serials
from .dto import UserDTO

__all__ = [
    "CreditSpending",
    "credit_balance",
    "credit_balances",
    "deposits",
    "lock_rooms",
    "open_bills_of",
    "spend_credit",
    "spendings_of_deposit",
]

#: Notes written on the credit movements (data, like the rest of the ledger).
NOTE_SPENT = "预存款抵扣"
NOTE_GIVEN_BACK = "撤销抵扣，退回预存"

_CHUNK = 900


def _chunks(values: Sequence[int], size: int = _CHUNK):
    for i in range(0, len(values), size):
        yield values[i:i + size]


def credit_balance(session: Session, room_id: int) -> int:
    """A room's prepaid credit: the sum of its credit entries."""
    return int(session.scalar(
        select(func.coalesce(func.sum(CreditEntry.amount_fen), 0)).where(CreditEntry.room_id == room_id)))


def credit_balances(session: Session, room_ids: Sequence[int] | None = None) -> dict[int, int]:
    """Prepaid credit per room (all rooms, or ``room_ids``); rooms without credit are left out."""
    stmt = select(CreditEntry.room_id, func.sum(CreditEntry.amount_fen)).group_by(CreditEntry.room_id)
    out: dict[int, int] = {}
    if room_ids is None:
        rows = session.execute(stmt).all()
    else:
        rows = []
        for chunk in _chunks(sorted(set(room_ids))):
            rows += session.execute(stmt.where(CreditEntry.room_id.in_(chunk))).all()
    for room_id, fen in rows:
        if int(fen) > 0:
            out[room_id] = int(fen)
    return out


def lock_rooms(session: Session, room_ids: Sequence[int]) -> None:
    """Hold the rooms' rows (PostgreSQL) so payments and reversals of these rooms wait; SQLite's
    writing transactions already hold the database's write lock."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for chunk in _chunks(sorted(set(room_ids))):
        session.execute(select(Room.id).where(Room.id.in_(chunk)).order_by(Room.id)
                        .with_for_update(key_share=True)).all()  # FOR NO KEY UPDATE, as payments


def deposits(session: Session, room_ids: Sequence[int]) -> dict[int, list[CreditSource]]:
    """Per room, its deposits with something left, oldest first."""
    moves = aliased(CreditEntry)
    out: dict[int, list[CreditSource]] = defaultdict(list)
    for chunk in _chunks(sorted(set(room_ids))):
        rows = session.execute(
            select(CreditEntry.room_id, CreditEntry.id,
                   CreditEntry.amount_fen + func.coalesce(func.sum(moves.amount_fen), 0))
            .outerjoin(moves, moves.source_id == CreditEntry.id)
            .where(CreditEntry.room_id.in_(chunk), CreditEntry.source_id.is_(None), CreditEntry.amount_fen > 0)
            .group_by(CreditEntry.room_id, CreditEntry.id, CreditEntry.amount_fen)
            .order_by(CreditEntry.id)
        ).all()
        for room_id, entry_id, left in rows:
            if int(left) > 0:
                out[room_id].append(CreditSource(entry_id, int(left)))
    return out


def open_bills_of(session: Session, bill_ids: Sequence[int]) -> dict[int, list[OpenBill]]:
    """Per room, those of ``bill_ids`` that still owe something."""
    out: dict[int, list[OpenBill]] = defaultdict(list)
    owed = BILL_OUTSTANDING
    for chunk in _chunks(sorted(set(bill_ids))):
        for bill_id, room_id, period, order, fen in session.execute(
            select(Bill.id, Bill.room_id, Bill.period, FeeItem.sort_order, owed)
            .join(FeeItem, FeeItem.id == Bill.fee_item_id)
            .where(Bill.id.in_(chunk), BILL_UNPAID)
        ):
            out[room_id].append(OpenBill(bill_id, period, order, int(fen)))
    return out


@dataclass(frozen=True)
class CreditSpending:
    """Credit of one deposit spent on bills: the ``credit`` payment booked for it."""

    room_id: int
    payment_id: int
    receipt_no: str
    deposit_id: int
    amount_fen: int
    lines: tuple[tuple[int, int], ...]


def spend_credit(
    session: Session,
    *,
    actor: UserDTO,
    bills_by_room: Mapping[int, Sequence[OpenBill]],
    on: date,
    reason: str,
) -> list[CreditSpending]:
    """Spend each room's prepaid credit on the given open bills (oldest deposit first, bills in
    payment order), booked in bulk. The caller has authorised the action and locked the rooms.

    ``reason`` goes into the audit log ("billing 2026-12", "reversal SK…").
    """
    rooms = [r for r, bills in bills_by_room.items() if bills]
    sources = deposits(session, rooms)
    planned: list[tuple[int, CreditUse]] = []
    for room_id in sorted(sources):
        for use in plan_credit(sources[room_id], bills_by_room[room_id]):
            planned.append((room_id, use))
    if not planned:
        return []
    deposit_receipts = dict(session.execute(
        select(CreditEntry.id, Payment.receipt_no).join(Payment, Payment.id == CreditEntry.payment_id)
        .where(CreditEntry.id.in_(sorted({u.entry_id for _, u in planned})))
    ).tuples().all())
    numbers = serials.reserve_serials(session, serials.CREDIT, on, len(planned))
    now = datetime.now(UTC)
    payment_ids = _insert_returning_ids(session, Payment.__table__, [{
        "receipt_no": no, "room_id": room_id, "payer_person_id": None, "kind": PaymentKind.PAYMENT,
        "amount_fen": use.amount_fen, "paid_on": on, "method": PaymentMethod.CREDIT, "reverses_id": None,
        "reference": deposit_receipts.get(use.entry_id, ""), "note": NOTE_SPENT, "operator_id": actor.id,
        "created_at": now,
    } for no, (room_id, use) in zip(numbers, planned, strict=True)])
    allocations, credits, paid = [], [], defaultdict(int)
    spendings: list[CreditSpending] = []
    for pid, no, (room_id, use) in zip(payment_ids, numbers, planned, strict=True):
        for bill_id, fen in use.lines:
            allocations.append({"payment_id": pid, "bill_id": bill_id, "amount_fen": fen, "late_fee_fen": 0})
            paid[bill_id] += fen
        credits.append({"room_id": room_id, "amount_fen": -use.amount_fen, "payment_id": pid,
                        "source_id": use.entry_id, "note": NOTE_SPENT, "created_at": now})
        spendings.append(CreditSpending(room_id, pid, no, use.entry_id, use.amount_fen, use.lines))
    _insert(session, PaymentAllocation.__table__, allocations)
    _insert(session, CreditEntry.__table__, credits)
    bill = Bill.__table__
    session.execute(
        update(bill).where(bill.c.id == bindparam("b_id")).values(paid_fen=bill.c.paid_fen + bindparam("d")),
        [{"b_id": b, "d": fen} for b, fen in sorted(paid.items())],
        execution_options={"synchronize_session": False},
    )
    session.flush()
    total = sum(s.amount_fen for s in spendings)
    audit.record(
        session, actor, "credit.spend", "credit_entry", None, reason=reason, rooms=len({s.room_id for s in spendings}),
        payments=len(spendings), amount_fen=total,
        receipts=[s.receipt_no for s in spendings][:200],
    )
    return spendings


def spendings_of_deposit(session: Session, deposit_id: int) -> list[int]:
    """The ``credit`` payments, not reversed, that spent money of ``deposit_id`` (newest first)."""
    reversal = aliased(Payment)
    return list(session.scalars(
        select(Payment.id)
        .join(CreditEntry, CreditEntry.payment_id == Payment.id)
        .outerjoin(reversal, reversal.reverses_id == Payment.id)
        .where(CreditEntry.source_id == deposit_id, CreditEntry.amount_fen < 0,
               Payment.method == PaymentMethod.CREDIT, Payment.kind == PaymentKind.PAYMENT, reversal.id.is_(None))
        .order_by(Payment.id.desc())
    ))


_WRITE_CHUNK = 5_000


def _insert(session: Session, table, rows: list[dict]) -> None:
    for i in range(0, len(rows), _WRITE_CHUNK):
        session.execute(insert(table), rows[i:i + _WRITE_CHUNK])


def _insert_returning_ids(session: Session, table, rows: list[dict]) -> list[int]:
    ids: list[int] = []
    for i in range(0, len(rows), _WRITE_CHUNK):
        result = session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                                 rows[i:i + _WRITE_CHUNK])
        ids.extend(result.scalars())
    return ids
