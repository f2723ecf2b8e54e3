"""Bills (应收), with the amounts already paid before the office used this program.

* **Fee items** are found by the words the office writes (:func:`resolve_words`): the item's name
  or code, a common synonym when exactly one item matches (``物业费`` -> ``物业管理费``), the item
  the user chose, or a new item the import creates (the user's choice, or every unknown word with
  ``create_fee_items``; synonymous new words make one item). Rows with a word nobody resolved are
  rejected with the word named.
* **Bills** by room + fee item + period. A changed amount updates the bill only while nothing is
  paid, discounted or waived on it; otherwise the row is rejected (a paid bill is never silently
  changed). The change is an audited adjustment (``services.bill_adjustments``: the old and new
  amount kept, reason ``导入：文件名``), so it needs the permission to edit bills. A larger "already paid" amount becomes a real payment (method 历史导入, the given date)
  allocated to that bill; a smaller one is rejected.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from cuijiao_desktop.db import models as m
from cuijiao_desktop.domain.enums import PaymentKind, PaymentMethod
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.fee_items import FeeItemRef, fee_word_key, guess_basis, resolve_fee_word, synonyms
from cuijiao_desktop.importing.validate import BillRecord, Rejected

from ..batch import Writer
from ..bill_adjustments import write_adjustments
from ..dto import UserDTO
from ..fee_items import DEFAULT_DUE_DAY, NewFeeItem, write_fee_items
from .common import (
    AMBIGUOUS,
    CREATE,
    NEW,
    REJECT,
    UNCHANGED,
    UNKNOWN,
    UPDATE,
    CancelFn,
    FeeItemWord,
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

#: Values of ``fee_item_choices`` besides an item's id, name or code: make a new item of the word /
#: leave the word's rows out.
CHOICE_CREATE = "create"
CHOICE_SKIP = "skip"

FeeChoice = int | str


@dataclass
class _BillState:
    id: int | None
    amount: int
    reduced: int  # discount + waived
    paid: int
    due_date: dt.date


@dataclass
class BillOps:
    """What a bills import writes. Bills of new items carry a negative placeholder ``fee_item_id``."""

    new_items: list[tuple[int, NewFeeItem]] = field(default_factory=list)  # (placeholder id, item)
    new_bills: list[dict[str, Any]] = field(default_factory=list)  # with "_paid_on", "_line"
    bill_updates: list[dict[str, Any]] = field(default_factory=list)
    payments: list[dict[str, Any]] = field(default_factory=list)  # historic payments on existing bills


@dataclass(frozen=True)
class _Target:
    item_id: int  # negative: a new item's placeholder
    name: str
    due_day: int


def _due_date(period: int, due_day: int) -> dt.date:
    year, month = divmod(period, 100)
    return dt.date(year, month, max(1, min(due_day, 28)))


def resolve_words(
    session: Session, records: Sequence[BillRecord], *, choices: Mapping[str, FeeChoice] | None,
    create_all: bool,
) -> tuple[list[FeeItemWord], dict[str, _Target], list[tuple[int, NewFeeItem]]]:
    """Each fee-item word of the file (first-seen order) and what it stands for; the target of every
    resolved word (by its key); the items to create with their placeholder ids."""
    refs, due_days = [], {}
    for iid, code, name, due_day in session.execute(
        select(m.FeeItem.id, m.FeeItem.code, m.FeeItem.name, m.FeeItem.due_day).order_by(m.FeeItem.sort_order,
                                                                                          m.FeeItem.id)
    ):
        refs.append(FeeItemRef(iid, code, name))
        due_days[iid] = due_day
    by_id = {r.id: r for r in refs}
    chosen = {fee_word_key(k): v for k, v in (choices or {}).items()}
    rows: Counter[str] = Counter()
    amounts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for r in records:
        key = fee_word_key(r.fee_item)
        first.setdefault(key, r.fee_item)
        rows[key] += 1
        amounts[key] += r.amount_fen

    words: dict[str, FeeItemWord] = {}
    targets: dict[str, _Target] = {}
    to_create: list[str] = []
    for key, word in first.items():
        choice = chosen.get(key)
        base = {"word": word, "rows": rows[key], "amount_fen": amounts[key]}
        if isinstance(choice, str) and choice not in (CHOICE_CREATE, CHOICE_SKIP):
            named = resolve_fee_word(choice, refs)  # an item given by its name or code
            if named.how not in ("name", "code"):
                raise DomainError("import.fee_item_not_found", word=word, item=choice)
            assert named.item is not None
            choice = named.item.id
        if isinstance(choice, int) and not isinstance(choice, bool):
            item = by_id.get(choice)
            if item is None:
                raise DomainError("import.fee_item_not_found", word=word, item=choice)
            words[key] = FeeItemWord(how="chosen", item_id=item.id, item_name=item.name, **base)
            targets[key] = _Target(item.id, item.name, due_days[item.id])
            continue
        if choice == CHOICE_SKIP:
            words[key] = FeeItemWord(how=UNKNOWN, **base)
            continue
        match = resolve_fee_word(word, refs)
        if match.how in ("name", "code") or (match.how == "synonym" and choice != CHOICE_CREATE):
            assert match.item is not None
            words[key] = FeeItemWord(how=match.how, item_id=match.item.id, item_name=match.item.name, **base)
            targets[key] = _Target(match.item.id, match.item.name, due_days[match.item.id])
        elif choice == CHOICE_CREATE or (create_all and match.how == UNKNOWN):
            to_create.append(key)
        elif match.how == AMBIGUOUS:
            words[key] = FeeItemWord(how=AMBIGUOUS, candidates=tuple((c.id, c.name) for c in match.candidates),
                                     **base)
        else:
            words[key] = FeeItemWord(how=UNKNOWN, **base)

    # synonymous new words make one item, named after the word most rows use
    groups: dict[frozenset[str], list[str]] = defaultdict(list)
    for key in to_create:
        groups[synonyms(key)].append(key)
    new_items: list[tuple[int, NewFeeItem]] = []
    for n, members in enumerate(groups.values(), start=1):
        name = first[max(members, key=lambda k: (rows[k], -members.index(k)))]
        item = NewFeeItem(name=name, basis=guess_basis(name))
        new_items.append((-n, item))
        for key in members:
            words[key] = FeeItemWord(word=first[key], rows=rows[key], amount_fen=amounts[key], how=NEW,
                                     item_name=name, basis=item.basis)
            targets[key] = _Target(-n, name, DEFAULT_DUE_DAY)
    ordered = [words[key] for key in first]
    return ordered, targets, new_items


def _unresolved_reason(word: FeeItemWord, skipped: bool) -> str:
    if word.how == AMBIGUOUS:
        names = "、".join(name for _id, name in word.candidates)
        return f"收费项目“{word.word}”可能是：{names}；请指定对应的项目"
    if skipped:
        return f"收费项目“{word.word}”已设为不导入"
    return f"未知收费项目：“{word.word}”（可新建此收费项目，或对应到已有项目）"


class BillPlanner:
    """Compares a bills sheet with the ledger: bills to create or update, historic payments, rejected rows."""

    def __init__(self, session: Session, estate_id: int | None, records: Sequence[BillRecord], *,
                 fee_item_choices: Mapping[str, FeeChoice] | None = None, create_fee_items: bool = False):
        self.ops = BillOps()
        self.outcomes: list[RowOutcome] = []
        self.rejected: list[Rejected] = []
        self.estate_id = estate_id
        self.rooms = room_ids(session, estate_id)
        self.words, self.targets, self.ops.new_items = resolve_words(
            session, records, choices=fee_item_choices, create_all=create_fee_items)
        self._by_key = {fee_word_key(w.word): w for w in self.words}
        self._skipped = {fee_word_key(k) for k, v in (fee_item_choices or {}).items() if v == CHOICE_SKIP}
        self.bills: dict[tuple[int, int, int], _BillState] = {}
        self.lines: dict[tuple[int, int, int], int] = {}  # bills this file already planned -> their line
        wanted: dict[int, set[int]] = defaultdict(set)
        for r in records:
            rid = self.rooms.get(r.code.canonical)
            if rid is not None:
                wanted[rid].add(r.period)
        if wanted:
            lo = min(min(p) for p in wanted.values())
            hi = max(max(p) for p in wanted.values())
            for chunk in chunks(sorted(wanted)):
                for bid, rid, iid, period, amount, disc, paid, waived, due in session.execute(
                    select(m.Bill.id, m.Bill.room_id, m.Bill.fee_item_id, m.Bill.period, m.Bill.amount_fen,
                           m.Bill.discount_fen, m.Bill.paid_fen, m.Bill.waived_fen, m.Bill.due_date)
                    .where(m.Bill.room_id.in_(chunk), m.Bill.period.between(lo, hi))
                ):
                    if period in wanted[rid]:
                        self.bills[(rid, iid, period)] = _BillState(bid, amount, disc + waived, paid, due)

    def _reject(self, r: BillRecord, reason: str) -> None:
        self.rejected.append(Rejected(r.line, (), (reason,)))
        self.outcomes.append(RowOutcome(r.line, REJECT, r.code.canonical, reason))

    def plan(self, records: Sequence[BillRecord]) -> None:
        for r in records:
            code = r.code.canonical
            room_id = self.rooms.get(code)
            if room_id is None:
                self._reject(r, unknown_room(code))
                continue
            key = fee_word_key(r.fee_item)
            target = self.targets.get(key)
            if target is None:
                self._reject(r, _unresolved_reason(self._by_key[key], key in self._skipped))
                continue
            self._plan_row(r, code, room_id, target)

    def _plan_row(self, r: BillRecord, code: str, room_id: int, target: _Target) -> None:
        key = (room_id, target.item_id, r.period)
        state = self.bills.get(key)
        what = f"{target.name} {r.period // 100}-{r.period % 100:02d}"
        if key in self.lines:  # two words of the file stand for the same item
            self._reject(r, f"与第 {self.lines[key]} 行是同一张账单（{code} {what}）：每个房号、收费项目和账期只能有一行")
            return
        self.lines[key] = r.line
        if state is None:
            paid = r.paid_fen or 0
            due = r.due_date or _due_date(r.period, target.due_day)
            self.ops.new_bills.append({
                "room_id": room_id, "fee_item_id": target.item_id, "period": r.period, "amount_fen": r.amount_fen,
                "discount_fen": 0, "paid_fen": paid, "waived_fen": 0, "due_date": due,
                "basis_note": "导入", "_paid_on": r.paid_on, "_line": r.line,
            })
            self.bills[key] = _BillState(None, r.amount_fen, 0, paid, due)
            detail = f"新增账单 {what} 应收 {money(r.amount_fen)}"
            if paid:
                detail += f"，已缴 {money(paid)}（{r.paid_on}）"
            self.outcomes.append(RowOutcome(r.line, CREATE, code, detail))
            return
        changes: list[str] = []
        amount = state.amount
        if r.amount_fen != state.amount:
            if state.paid or state.reduced:
                self._reject(r, f"{what} 已有缴款或减免（已缴 {money(state.paid)}），不能修改应收金额"
                                f"（系统 {money(state.amount)}，文件 {money(r.amount_fen)}）；如需更正请先冲正")
                return
            changes.append(f"{what} 应收 {money(state.amount)} → {money(r.amount_fen)}")
            amount = r.amount_fen
        due = state.due_date
        if r.due_date is not None and r.due_date != state.due_date:
            changes.append(f"应缴日期改为 {r.due_date}")
            due = r.due_date
        extra = 0
        if r.paid_fen is not None and r.paid_fen != state.paid:
            if r.paid_fen < state.paid:
                self._reject(r, f"{what} 文件中的已缴 {money(r.paid_fen)} 少于系统中的 {money(state.paid)}，"
                                "不能减少；如需更正请冲正")
                return
            extra = r.paid_fen - state.paid
            if state.paid + extra + state.reduced > amount:
                self._reject(r, f"{what} 已缴加减免将超过应收金额")
                return
            changes.append(f"{what} 补记历史缴款 {money(extra)}（{r.paid_on}）")
        if not changes:
            self.outcomes.append(RowOutcome(r.line, UNCHANGED, code, ""))
            return
        if amount != state.amount or due != state.due_date:
            self.ops.bill_updates.append({"b_id": state.id, "amount_fen": amount, "due_date": due,
                                          "old_amount_fen": state.amount, "old_due_date": state.due_date})
        if extra:
            self.ops.payments.append({"bill_id": state.id, "room_id": room_id, "amount_fen": extra,
                                      "paid_on": r.paid_on, "_line": r.line,
                                      "_key": (room_id, target.item_id, r.period, r.paid_fen)})
        state.amount, state.due_date, state.paid = amount, due, state.paid + extra
        self.outcomes.append(RowOutcome(r.line, UPDATE, code, "；".join(changes)))


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def _historic_payment(estate_id: int, actor: UserDTO, file_name: str, key: tuple[Any, ...], room_id: int,
                      amount: int, paid_on: dt.date, line: int, now: dt.datetime) -> dict[str, Any]:
    return {
        "receipt_no": receipt_no("bill-paid", estate_id, *key), "room_id": room_id, "payer_person_id": None,
        "kind": PaymentKind.PAYMENT, "amount_fen": amount, "paid_on": paid_on, "method": PaymentMethod.HISTORIC,
        "reverses_id": None, "reference": "", "note": f"历史导入：{file_name} 第 {line} 行",
        "operator_id": actor.id, "created_at": now,
    }


def create_fee_items(session: Session, w: Writer, ops: BillOps) -> tuple[dict[int, int], list[tuple[int, dict]]]:
    """Write the new fee items (``services.fee_items``: names free, codes, order): placeholder id ->
    id (provisional when staged), and the rows written (for the audit)."""
    if not ops.new_items:
        return {}, []
    created = write_fee_items(session, w, items=[item for _pid, item in ops.new_items])
    return {pid: item_id for (pid, _item), (item_id, _row) in zip(ops.new_items, created, strict=True)}, created


def insert_bills(w: Writer, ops: BillOps, item_ids: Mapping[int, int], now: dt.datetime) -> list[int]:
    """Insert the new bills (placeholders replaced by the new items' ids); their ids in order."""
    rows = []
    for b in ops.new_bills:
        row = {k: v for k, v in b.items() if not k.startswith("_")} | {"created_at": now, "version": 1}
        row["fee_item_id"] = item_ids.get(row["fee_item_id"], row["fee_item_id"])
        b["fee_item_id"] = row["fee_item_id"]
        rows.append(row)
    return insert_returning_ids(w, m.Bill.__table__, rows)


def update_bills(w: Writer, ops: BillOps, actor: UserDTO, file_name: str) -> list[tuple[int, int, int]]:
    """New amounts and due dates of unpaid bills. An amount changes only as an adjustment
    (``services.bill_adjustments``: a ``bill_adjustment`` row, checked when written: the bill still
    has the amount read and nothing paid, discounted or waived); a due date in place. Returns the
    amount changes (bill id, old, new) for the audit."""
    changes = [(u["b_id"], u["old_amount_fen"], u["amount_fen"]) for u in ops.bill_updates
               if u["amount_fen"] != u["old_amount_fen"]]
    write_adjustments(w, actor=actor, changes=changes, reason=adjustment_reason(file_name), unpaid_only=True)
    due = [{"b_id": u["b_id"], "due_date": u["due_date"]} for u in ops.bill_updates
           if u["due_date"] != u["old_due_date"]]
    if due:
        bill = m.Bill.__table__
        w.update(update(bill).where(bill.c.id == bindparam("b_id"))
                 .values(due_date=bindparam("due_date"), version=bill.c.version + 1), due, what="账单应缴日期")
    return changes


def adjustment_reason(file_name: str) -> str:
    """The reason recorded with the amounts a bills import changes."""
    return f"导入：{file_name}"


def insert_historic_payments(w: Writer, estate_id: int, ops: BillOps, bill_ids: Sequence[int],
                             actor: UserDTO, file_name: str, now: dt.datetime) -> list[dict[str, Any]]:
    """One 历史导入 payment per amount already paid, each allocated to its bill; the paid cache of
    existing bills follows (new bills were inserted with it). Returns the payment rows."""
    payments: list[dict[str, Any]] = []
    targets: list[int] = []
    for b, bid in zip(ops.new_bills, bill_ids, strict=True):
        if b["paid_fen"]:
            key = (b["room_id"], b["fee_item_id"], b["period"], b["paid_fen"])
            payments.append(_historic_payment(estate_id, actor, file_name, key, b["room_id"], b["paid_fen"],
                                              b["_paid_on"], b["_line"], now))
            targets.append(bid)
    for p in ops.payments:
        payments.append(_historic_payment(estate_id, actor, file_name, p["_key"], p["room_id"], p["amount_fen"],
                                          p["paid_on"], p["_line"], now))
        targets.append(p["bill_id"])
    payment_ids = insert_returning_ids(w, m.Payment.__table__, payments)
    bulk_insert(w, m.PaymentAllocation.__table__, [
        {"payment_id": pid, "bill_id": bid, "amount_fen": p["amount_fen"], "late_fee_fen": 0}
        for pid, bid, p in zip(payment_ids, targets, payments, strict=True)
    ])
    paid_by_bill: dict[int, int] = defaultdict(int)
    for p in ops.payments:
        paid_by_bill[p["bill_id"]] += p["amount_fen"]
    add_to_paid(w, paid_by_bill)
    return payments


@dataclass
class BillsWritten:
    """What :func:`apply_bills` wrote: the counts, and what the audit names once the ids are real."""

    counts: dict[str, int]
    fee_items: list[tuple[int, dict]]  # (id, row) of the new fee items
    adjustments: list[tuple[int, int, int]]  # (bill id, old amount, new amount)


def apply_bills(session: Session, w: Writer, estate_id: int, ops: BillOps, actor: UserDTO, file_name: str,
                progress: ProgressFn | None, cancel: CancelFn | None) -> BillsWritten:
    """Write a planned bills import through ``w`` (``session`` reads what is already there)."""
    # rooms with historic payments on bills they already have; new bills get new payments only
    lock_rooms(w, [p["room_id"] for p in ops.payments])
    check_cancel(cancel)
    if progress is not None:
        progress(1, 4, "写入收费项目与账单")
    now = dt.datetime.now(dt.UTC)
    item_ids, fee_items = create_fee_items(session, w, ops)
    bill_ids = insert_bills(w, ops, item_ids, now)
    check_cancel(cancel)
    if progress is not None:
        progress(2, 4, "写入账单")
    adjustments = update_bills(w, ops, actor, file_name)
    payments = insert_historic_payments(w, estate_id, ops, bill_ids, actor, file_name, now)
    check_cancel(cancel)
    if progress is not None:
        progress(3, 4, "写入缴款")
    check_cancel(cancel)
    if progress is not None:
        progress(4, 4, "完成")
    return BillsWritten(
        counts={"bills_created": len(bill_ids), "bills_updated": len(ops.bill_updates),
                "payments_created": len(payments), "paid_fen": sum(p["amount_fen"] for p in payments),
                "fee_items_created": len(item_ids)},
        fee_items=fee_items, adjustments=adjustments)
