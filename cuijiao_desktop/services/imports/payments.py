"""Payments (e.g. a bank's direct-debit return file): new ones are allocated oldest bill first, the rest
becomes prepaid credit; a payment is known again by its receipt number or its room, date, amount and place."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cuijiao_desktop.db import models as m
from cuijiao_desktop.domain.allocation import OpenBill, allocate
from cuijiao_desktop.domain.enums import PaymentKind, PaymentMethod
from cuijiao_desktop.importing.normalize import METHOD_ZH
from cuijiao_desktop.importing.validate import PaymentRecord, Rejected

from ..batch import Writer
from ..dto import UserDTO
from .common import (
    CREATE,
    REJECT,
    UNCHANGED,
    CancelFn,
    ProgressFn,
    RowOutcome,
    add_to_paid,
    bulk_insert,
    check_cancel,
    chunks,
    insert_returning_ids,
    lock_rooms,
    money,
    receipt_no,
    room_ids,
    unknown_room,
)


class PaymentPlanner:
    """Compares a payments sheet with the ledger: new payments, ones already imported, rejected rows."""

    def __init__(self, session: Session, estate_id: int | None, records: Sequence[PaymentRecord],
                 default_method: PaymentMethod | None):
        self.session = session
        self.estate_id = estate_id
        self.default_method = default_method
        self.outcomes: list[RowOutcome] = []
        self.rejected: list[Rejected] = []
        self.new: list[tuple[PaymentRecord, int, PaymentMethod, str]] = []
        self.rooms = room_ids(session, estate_id)
        self.keys = {r.line: self._key(r) for r in records}
        self.existing: dict[str, tuple[int, int, dt.date]] = {}
        numbers = sorted(set(self.keys.values()))
        for chunk in chunks(numbers):
            for no, rid, amount, paid_on in session.execute(
                select(m.Payment.receipt_no, m.Payment.room_id, m.Payment.amount_fen, m.Payment.paid_on)
                .where(m.Payment.receipt_no.in_(chunk))
            ):
                self.existing[no] = (rid, amount, paid_on)

    def _key(self, r: PaymentRecord) -> str:
        if r.receipt_no is not None:
            return receipt_no("pay", self.estate_id, r.receipt_no)
        return receipt_no("pay", self.estate_id, r.code.canonical, r.paid_on.isoformat(), r.amount_fen, r.ordinal)

    def _reject(self, r: PaymentRecord, reason: str) -> None:
        self.rejected.append(Rejected(r.line, (), (reason,)))
        self.outcomes.append(RowOutcome(r.line, REJECT, r.code.canonical, reason))

    def plan(self, records: Sequence[PaymentRecord]) -> None:
        for r in records:
            code = r.code.canonical
            room_id = self.rooms.get(code)
            if room_id is None:
                self._reject(r, unknown_room(code))
                continue
            number = self.keys[r.line]
            old = self.existing.get(number)
            if old is not None:
                if old != (room_id, r.amount_fen, r.paid_on):
                    self._reject(r, f"票据号 {r.receipt_no} 已导入过，但房号、金额或日期不同")
                else:
                    self.outcomes.append(RowOutcome(r.line, UNCHANGED, code, "已导入"))
                continue
            method = r.method or self.default_method
            if method is None:
                self._reject(r, "缺少缴费方式")
                continue
            self.new.append((r, room_id, method, number))
            self.outcomes.append(RowOutcome(
                r.line, CREATE, code, f"新增缴款 {money(r.amount_fen)}（{r.paid_on}，{METHOD_ZH.get(method, '历史导入')}）"))


def open_bills_of(session: Session, ids: Sequence[int]) -> dict[int, list[OpenBill]]:
    """The unpaid bills of each room, as the allocation sees them."""
    out: dict[int, list[OpenBill]] = defaultdict(list)
    outstanding = m.Bill.amount_fen - m.Bill.discount_fen - m.Bill.paid_fen - m.Bill.waived_fen
    unpaid = m.Bill.paid_fen + m.Bill.discount_fen + m.Bill.waived_fen < m.Bill.amount_fen
    for chunk in chunks(sorted(set(ids))):
        for bid, rid, period, order, owed in session.execute(
            select(m.Bill.id, m.Bill.room_id, m.Bill.period, m.FeeItem.sort_order, outstanding)
            .join(m.FeeItem, m.FeeItem.id == m.Bill.fee_item_id)
            .where(m.Bill.room_id.in_(chunk), unpaid)
        ):
            out[rid].append(OpenBill(bill_id=bid, period=period, fee_item_order=order, outstanding_fen=owed))
    return out


def _allocate(ordered: Sequence[tuple[PaymentRecord, int, PaymentMethod, str]], payment_ids: Sequence[int],
              open_bills: dict[int, list[OpenBill]], now: dt.datetime
              ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[int, int]]:
    """Allocation lines (oldest bill first), prepaid-credit entries and the fen added to each bill."""
    allocations: list[dict[str, Any]] = []
    credits: list[dict[str, Any]] = []
    paid_by_bill: dict[int, int] = defaultdict(int)
    for (r, room_id, _method, _number), pid in zip(ordered, payment_ids, strict=True):
        bills = open_bills.get(room_id, [])
        result = allocate(r.amount_fen, bills)
        left = dict(result.lines)
        for bill_id, fen in result.lines:
            allocations.append({"payment_id": pid, "bill_id": bill_id, "amount_fen": fen, "late_fee_fen": 0})
            paid_by_bill[bill_id] += fen
        open_bills[room_id] = [
            OpenBill(b.bill_id, b.period, b.fee_item_order, b.outstanding_fen - left.get(b.bill_id, 0))
            for b in bills if b.outstanding_fen - left.get(b.bill_id, 0) > 0
        ]
        if result.credit_fen:
            credits.append({"room_id": room_id, "amount_fen": result.credit_fen, "payment_id": pid,
                            "note": "预存（导入）", "created_at": now})
    return allocations, credits, paid_by_bill


def apply_payments(session: Session, w: Writer, planner: PaymentPlanner, actor: UserDTO, file_name: str,
                   progress: ProgressFn | None, cancel: CancelFn | None) -> dict[str, int]:
    """Write the new payments, their allocation lines and any prepaid credit through ``w``; move the
    bills' paid cache (checked when written: a bill must still owe what the allocation gives it)."""
    touched = [room_id for _r, room_id, _m, _n in planner.new]
    lock_rooms(w, touched)
    open_bills = open_bills_of(session, touched)
    now = dt.datetime.now(dt.UTC)
    ordered = sorted(planner.new, key=lambda x: (x[0].paid_on, x[0].line))
    rows = [{
        "receipt_no": number, "room_id": room_id, "payer_person_id": None, "kind": PaymentKind.PAYMENT,
        "amount_fen": r.amount_fen, "paid_on": r.paid_on, "method": method, "reverses_id": None,
        "reference": r.receipt_no or "", "note": (r.note or "") or f"导入：{file_name} 第 {r.line} 行",
        "operator_id": actor.id, "created_at": now,
    } for r, room_id, method, number in ordered]
    check_cancel(cancel)
    if progress is not None:
        progress(1, 3, "写入缴款")
    payment_ids = insert_returning_ids(w, m.Payment.__table__, rows)
    allocations, credits, paid_by_bill = _allocate(ordered, payment_ids, open_bills, now)
    check_cancel(cancel)
    if progress is not None:
        progress(2, 3, "分配到账单")
    bulk_insert(w, m.PaymentAllocation.__table__, allocations)
    bulk_insert(w, m.CreditEntry.__table__, credits)
    add_to_paid(w, paid_by_bill)
    check_cancel(cancel)
    if progress is not None:
        progress(3, 3, "完成")
    return {"payments_created": len(rows), "paid_fen": sum(r["amount_fen"] for r in rows),
            "credit_fen": sum(c["amount_fen"] for c in credits)}
