"""``cuijiao db check``: does the ledger hold together? Every problem names its rows.

Checks, each a set-based query (never one query per row):

- **foreign keys**: rows pointing at rows that do not exist (SQLite: ``PRAGMA foreign_key_check``,
  which also sees damage done with foreign keys switched off; PostgreSQL: an anti-join per
  foreign key of the schema);
- **allocations to missing bills**, naming the receipt;
- **bill amounts against their issue record**: ``amount_fen`` must equal the issued amount plus
  the audited adjustments (``bill_adjustment``);
- **cached amounts against the ledger**: a bill's ``paid_fen`` against its allocation lines, a late
  fee's ``paid_fen`` against the late-fee lines; nothing paid beyond what is owed, no late fee
  collected and waived beyond what was assessed;
- **payments add up**: a payment is its lines plus its credit; a spending of credit is its lines
  and takes exactly that from its deposit; a reversal mirrors its payment;
- **prepaid credit**: never negative per room nor per deposit, every movement names a deposit of
  the same room.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Table, and_, func, inspect, or_, select, text
from sqlalchemy.orm import Session, aliased

from cuijiao_desktop.db.base import Base
from cuijiao_desktop.db.models import (
    Bill,
    BillAdjustment,
    CreditEntry,
    FeeItem,
    LateFeeAssessment,
    LateFeeWaiver,
    Payment,
    PaymentAllocation,
    Room,
)
from cuijiao_desktop.domain.billing import period_text
from cuijiao_desktop.domain.enums import PaymentKind, PaymentMethod
from cuijiao_desktop.domain.money import format_money

from .tx import read_only

__all__ = ["CHECKS", "Problem", "check_ledger"]

#: How many rows each check names at most (the count says how many there are in all).
LIMIT = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong: which check found it, the table and row, and a sentence in Chinese."""

    check: str
    table: str
    row: str
    text: str

    def __str__(self) -> str:
        return f"[{CHECKS.get(self.check, self.check)}] {self.text}"


#: The checks in the order they run, with their Chinese names.
CHECKS: dict[str, str] = {
    "foreign_key": "外键",
    "allocation_bill": "分配行",
    "bill_amount": "账单金额",
    "bill_paid": "已缴缓存",
    "late_fee": "滞纳金",
    "payment_total": "收款合计",
    "credit": "预存款",
    "arrears_cache": "欠费缓存",
}


def _bill_label(bill_id: int, code: str | None, period: int | None, item: str | None) -> str:
    if code is None:
        return f"账单 #{bill_id}"
    return f"账单 #{bill_id}（{code} {period_text(period)} {item}）"


def _bills_with_labels(stmt):
    """Join a statement whose first column is a bill id to its room code, period and fee item."""
    sub = stmt.subquery()
    first = next(iter(sub.c))
    return (select(*sub.c, Room.code, Bill.period, FeeItem.name)
            .join(Bill, Bill.id == first).join(Room, Room.id == Bill.room_id)
            .join(FeeItem, FeeItem.id == Bill.fee_item_id).order_by(first))


def _foreign_keys(session: Session) -> list[Problem]:
    problems: list[Problem] = []
    if session.get_bind().dialect.name == "sqlite":
        rows = session.execute(text("PRAGMA foreign_key_check")).all()
        for table, rowid, parent, _fkid in rows:
            if (table, parent) == ("payment_allocation", "bill"):
                continue  # named with its receipt by the next check
            problems.append(Problem("foreign_key", table, str(rowid),
                                    f"{table} #{rowid} 指向的 {parent} 记录不存在"))
        return problems
    inspector = inspect(session.connection())
    existing = set(inspector.get_table_names())  # an older schema (a migration test)
    for table in Base.metadata.sorted_tables:
        if table.name not in existing:
            continue
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        for fk in table.foreign_keys:
            child_col, parent_col = fk.parent, fk.column
            if child_col.name not in columns:  # a column of a later revision
                continue
            if (table.name, parent_col.table.name) == ("payment_allocation", "bill"):
                continue
            parent: Table = aliased(parent_col.table)  # type: ignore[assignment]
            key = table.c.id if "id" in table.c else child_col
            for row_key, value in session.execute(
                select(key, child_col)
                .outerjoin(parent, parent.c[parent_col.name] == child_col)
                .where(child_col.is_not(None), parent.c[parent_col.name].is_(None))
                .order_by(key).limit(LIMIT)
            ):
                problems.append(Problem(
                    "foreign_key", table.name, str(row_key),
                    f"{table.name} #{row_key} 的 {child_col.name} = {value} 指向的 {parent_col.table.name} 记录不存在"))
    return problems


def _allocations_to_missing_bills(session: Session) -> list[Problem]:
    rows = session.execute(
        select(PaymentAllocation.id, PaymentAllocation.bill_id, Payment.receipt_no)
        .outerjoin(Bill, Bill.id == PaymentAllocation.bill_id)
        .outerjoin(Payment, Payment.id == PaymentAllocation.payment_id)
        .where(Bill.id.is_(None)).order_by(PaymentAllocation.id).limit(LIMIT)
    ).all()
    return [Problem("allocation_bill", "payment_allocation", str(a),
                    f"收款分配行 #{a}（收据 {no or '?'}）指向的账单 #{b} 不存在") for a, b, no in rows]


def _bill_amounts(session: Session) -> list[Problem]:
    adj = (select(BillAdjustment.bill_id.label("bill_id"),
                  func.sum(BillAdjustment.new_amount_fen - BillAdjustment.old_amount_fen).label("d"))
           .group_by(BillAdjustment.bill_id).subquery())
    expected = Bill.issued_amount_fen + func.coalesce(adj.c.d, 0)
    stmt = (select(Bill.id, Bill.amount_fen, expected.label("expected"))
            .outerjoin(adj, adj.c.bill_id == Bill.id).where(Bill.amount_fen != expected).limit(LIMIT))
    problems = [Problem("bill_amount", "bill", str(r[0]),
                        f"{_bill_label(r[0], r[3], r[4], r[5])} 金额 {format_money(r[1])} 与开具记录"
                        f"（开具金额加已审计的调整 {format_money(int(r[2]))}）不符")
                for r in session.execute(_bills_with_labels(stmt))]
    chain = (select(BillAdjustment.id, BillAdjustment.bill_id)
             .where(or_(BillAdjustment.old_amount_fen < 0, BillAdjustment.new_amount_fen < 0)).limit(LIMIT))
    problems += [Problem("bill_amount", "bill_adjustment", str(i), f"账单调整 #{i}（账单 #{b}）金额为负")
                 for i, b in session.execute(chain)]
    return problems


def _bill_paid(session: Session) -> list[Problem]:
    alloc = (select(PaymentAllocation.bill_id.label("bill_id"), func.sum(PaymentAllocation.amount_fen).label("s"))
             .group_by(PaymentAllocation.bill_id).subquery())
    summed = func.coalesce(alloc.c.s, 0)
    stmt = (select(Bill.id, Bill.paid_fen, summed.label("s")).outerjoin(alloc, alloc.c.bill_id == Bill.id)
            .where(Bill.paid_fen != summed).limit(LIMIT))
    problems = [Problem("bill_paid", "bill", str(r[0]),
                        f"{_bill_label(r[0], r[3], r[4], r[5])} 已缴缓存 {format_money(r[1])}，"
                        f"收款分配合计 {format_money(int(r[2]))}")
                for r in session.execute(_bills_with_labels(stmt))]
    over = (select(Bill.id, Bill.amount_fen, Bill.paid_fen + Bill.discount_fen + Bill.waived_fen)
            .where(or_(Bill.paid_fen + Bill.discount_fen + Bill.waived_fen > Bill.amount_fen, Bill.paid_fen < 0,
                       Bill.discount_fen < 0, Bill.waived_fen < 0)).limit(LIMIT))
    problems += [Problem("bill_paid", "bill", str(r[0]),
                         f"{_bill_label(r[0], r[3], r[4], r[5])} 已缴加减免 {format_money(int(r[2]))} "
                         f"超过应收 {format_money(r[1])}（或为负数）")
                 for r in session.execute(_bills_with_labels(over))]
    return problems


def _late_fees(session: Session) -> list[Problem]:
    lines = (select(PaymentAllocation.bill_id.label("bill_id"), func.sum(PaymentAllocation.late_fee_fen).label("s"))
             .where(PaymentAllocation.late_fee_fen != 0).group_by(PaymentAllocation.bill_id).subquery())
    waived = (select(LateFeeWaiver.bill_id.label("bill_id"), func.sum(LateFeeWaiver.amount_fen).label("w"))
              .group_by(LateFeeWaiver.bill_id).subquery())
    collected = func.coalesce(lines.c.s, 0)
    stmt = (select(LateFeeAssessment.bill_id, LateFeeAssessment.paid_fen, collected.label("s"))
            .outerjoin(lines, lines.c.bill_id == LateFeeAssessment.bill_id)
            .where(LateFeeAssessment.paid_fen != collected).limit(LIMIT))
    problems = [Problem("late_fee", "late_fee_assessment", str(r[0]),
                        f"{_bill_label(r[0], r[3], r[4], r[5])} 滞纳金已收缓存 {format_money(r[1])}，"
                        f"收款行合计 {format_money(int(r[2]))}")
                for r in session.execute(_bills_with_labels(stmt))]
    taken = LateFeeAssessment.paid_fen + func.coalesce(waived.c.w, 0)
    over = (select(LateFeeAssessment.bill_id, LateFeeAssessment.amount_fen, taken.label("t"))
            .outerjoin(waived, waived.c.bill_id == LateFeeAssessment.bill_id)
            .where(or_(taken > LateFeeAssessment.amount_fen, LateFeeAssessment.paid_fen < 0)).limit(LIMIT))
    problems += [Problem("late_fee", "late_fee_assessment", str(r[0]),
                         f"{_bill_label(r[0], r[3], r[4], r[5])} 滞纳金已收加减免 {format_money(int(r[2]))} "
                         f"超过核定的 {format_money(r[1])}")
                 for r in session.execute(_bills_with_labels(over))]
    # lines that collect a late fee on a bill that was never assessed
    orphan = (select(PaymentAllocation.bill_id).outerjoin(
        LateFeeAssessment, LateFeeAssessment.bill_id == PaymentAllocation.bill_id)
        .where(PaymentAllocation.late_fee_fen != 0, LateFeeAssessment.id.is_(None)).distinct().limit(LIMIT))
    problems += [Problem("late_fee", "payment_allocation", str(r[0]),
                         f"{_bill_label(r[0], r[1], r[2], r[3])} 收取了滞纳金，但没有滞纳金核定")
                 for r in session.execute(_bills_with_labels(orphan))]
    return problems


def _payment_totals(session: Session) -> list[Problem]:
    lines = (select(PaymentAllocation.payment_id.label("pid"),
                    func.sum(PaymentAllocation.amount_fen + PaymentAllocation.late_fee_fen).label("a"))
             .group_by(PaymentAllocation.payment_id).subquery())
    credits = (select(CreditEntry.payment_id.label("pid"), func.sum(CreditEntry.amount_fen).label("c"))
               .where(CreditEntry.payment_id.is_not(None)).group_by(CreditEntry.payment_id).subquery())
    a, c = func.coalesce(lines.c.a, 0), func.coalesce(credits.c.c, 0)
    is_credit = Payment.method == PaymentMethod.CREDIT
    rows = session.execute(
        select(Payment.id, Payment.receipt_no, Payment.amount_fen, a, c, is_credit)
        .outerjoin(lines, lines.c.pid == Payment.id).outerjoin(credits, credits.c.pid == Payment.id)
        .where(or_(and_(~is_credit, Payment.amount_fen != a + c),
                   and_(is_credit, or_(Payment.amount_fen != a, a + c != 0))))
        .order_by(Payment.id).limit(LIMIT)
    ).all()
    problems = []
    for pid, no, amount, lines_fen, credit_fen, spending in rows:
        if spending:
            text_ = (f"预存抵扣 {no} 金额 {format_money(amount)}，抵扣账单 {format_money(int(lines_fen))}，"
                     f"动用预存 {format_money(-int(credit_fen))}，三者应相等")
        else:
            text_ = (f"收款 {no} 金额 {format_money(amount)} ≠ 分配到账单 {format_money(int(lines_fen))}"
                     f" + 转入预存 {format_money(int(credit_fen))}")
        problems.append(Problem("payment_total", "payment", str(pid), text_))
    original = aliased(Payment)
    mirror = session.execute(
        select(Payment.id, Payment.receipt_no, original.receipt_no)
        .join(original, original.id == Payment.reverses_id)
        .where(or_(Payment.amount_fen != -original.amount_fen, Payment.room_id != original.room_id,
                   original.kind != PaymentKind.PAYMENT))
        .order_by(Payment.id).limit(LIMIT)
    ).all()
    problems += [Problem("payment_total", "payment", str(pid), f"冲正 {no} 与其原收款 {orig} 的金额或房间不对应")
                 for pid, no, orig in mirror]
    return problems


def _credit(session: Session) -> list[Problem]:
    problems: list[Problem] = []
    for room_id, code, fen in session.execute(
        select(CreditEntry.room_id, Room.code, func.sum(CreditEntry.amount_fen))
        .join(Room, Room.id == CreditEntry.room_id)
        .group_by(CreditEntry.room_id, Room.code).having(func.sum(CreditEntry.amount_fen) < 0)
        .order_by(CreditEntry.room_id).limit(LIMIT)
    ):
        problems.append(Problem("credit", "room", str(room_id), f"房间 {code} 的预存款余额为负：{format_money(int(fen))}"))
    moves = aliased(CreditEntry)
    left = CreditEntry.amount_fen + func.coalesce(func.sum(moves.amount_fen), 0)
    for entry_id, room_id, fen in session.execute(
        select(CreditEntry.id, CreditEntry.room_id, left)
        .outerjoin(moves, moves.source_id == CreditEntry.id)
        .where(CreditEntry.source_id.is_(None))
        .group_by(CreditEntry.id, CreditEntry.room_id, CreditEntry.amount_fen)
        .having(left < 0).order_by(CreditEntry.id).limit(LIMIT)
    ):
        problems.append(Problem("credit", "credit_entry", str(entry_id),
                                f"预存款 #{entry_id}（房间 #{room_id}）已动用超过存入金额，余额 {format_money(int(fen))}"))
    source = aliased(CreditEntry)
    for entry_id, fen, source_id in session.execute(
        select(CreditEntry.id, CreditEntry.amount_fen, CreditEntry.source_id)
        .outerjoin(source, source.id == CreditEntry.source_id)
        .where(or_(
            and_(CreditEntry.source_id.is_(None), CreditEntry.amount_fen < 0),
            and_(CreditEntry.source_id.is_not(None),
                 or_(source.id.is_(None), source.room_id != CreditEntry.room_id, source.source_id.is_not(None),
                     source.amount_fen <= 0)),
        ))
        .order_by(CreditEntry.id).limit(LIMIT)
    ):
        what = "没有注明动用的是哪笔预存" if source_id is None else f"注明的来源 #{source_id} 不是本房的一笔预存"
        problems.append(Problem("credit", "credit_entry", str(entry_id),
                                f"预存款变动 #{entry_id}（{format_money(fen)}）{what}"))
    return problems


def _arrears_cache(session: Session) -> list[Problem]:
    from .arrears_cache import arrears_cache_discrepancies

    return [Problem("arrears_cache", "arrears_cache", "", text) for text in arrears_cache_discrepancies(session)]


_RUNNERS = {
    "foreign_key": _foreign_keys,
    "allocation_bill": _allocations_to_missing_bills,
    "bill_amount": _bill_amounts,
    "bill_paid": _bill_paid,
    "late_fee": _late_fees,
    "payment_total": _payment_totals,
    "credit": _credit,
    "arrears_cache": _arrears_cache,
}


@read_only
def check_ledger(session: Session, *, checks: tuple[str, ...] | None = None) -> list[Problem]:
    """Run the checks (all, or those named) and return every problem found; empty when all is well."""
    problems: list[Problem] = []
    for name in checks or tuple(CHECKS):
        problems += _RUNNERS[name](session)
    return problems

