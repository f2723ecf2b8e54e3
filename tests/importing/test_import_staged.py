"""The import package as a long write (issue 14, item 6; ``services/batch.py``): checked in a read
snapshot, staged without the write lock, published in one short transaction, every update checked
against what other desks did meanwhile; a bill's amount changes only as an audited adjustment
(``services.bill_adjustments``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from factories import write_sheet
from sqlalchemy import func, select

from cuijiao_desktop.db import models as m
from cuijiao_desktop.domain.enums import ChargeBasis, PaymentMethod, Role
from cuijiao_desktop.domain.errors import DomainError, PermissionDenied
from cuijiao_desktop.importing.headers import ImportKind, detect_header
from cuijiao_desktop.importing.readers import read_sheet
from cuijiao_desktop.services.bill_adjustments import adjust_bill
from cuijiao_desktop.services.imports import commit_import, plan_import
from cuijiao_desktop.services.payments import ledger_discrepancies, record_payment
from cuijiao_desktop.services.tx import Transactions

TODAY = dt.date(2026, 6, 15)
HEADER = ["房号", "收费项目", "账期", "应收", "已缴", "缴费日期"]


def _commit(tx: Transactions, path: Path, kind: ImportKind, actor, **kw):
    data = read_sheet(path)
    return commit_import(tx, data, detect_header(kind, data.rows), actor=actor, today=TODAY, **kw)


@pytest.fixture
def tx(session_factory, read_factory) -> Transactions:
    return Transactions(session_factory, read_factory)


@pytest.fixture
def rooms(tx, users, session_factory, tmp_path) -> dict[str, int]:
    """A new estate (created by the staged import) with two rooms and the fee item 物业管理费."""
    roster = write_sheet(tmp_path / "rooms.xlsx", [["房号", "业主", "面积", "电话"], ["3-2-1502", "张三", 89.37, "13800001111"],
                                              ["3-2-1503", "李四", 100, None]])
    result = _commit(tx, roster, ImportKind.ROOMS, users[Role.ADMIN], estate="阳光花园")
    assert (result.rooms_created, result.persons_created, result.contacts_created) == (2, 2, 1)
    with session_factory.begin() as s:
        s.add(m.FeeItem(code="WYF", name="物业管理费", basis=ChargeBasis.PER_AREA, sort_order=1, due_day=10))
    with session_factory() as s:
        estate = s.scalars(select(m.Estate)).one()
        assert estate.name == "阳光花园" and estate.code == "E001"
        audit = s.scalars(select(m.AuditLog).where(m.AuditLog.action == "import.rooms")).one()
        assert audit.entity_id == str(estate.id)  # the real id, not the provisional one
        assert s.scalar(select(func.count()).select_from(m.Contact)) == 1
        return dict(s.execute(select(m.Room.code, m.Room.id)).all())


def test_a_staged_bills_import_creates_fee_items_and_historic_payments_with_real_ids(
        tx, rooms, users, session_factory, tmp_path):
    path = write_sheet(tmp_path / "b.xlsx", [HEADER, ["3-2-1502", "物业管理费", "2026-01", 250, 250, "2026-01-08"],
                                       ["3-2-1502", "停车费", "2026-01", 150, 100, "2026-01-08"],
                                       ["3-2-1503", "停车费", "2026-02", 150, None, None]])
    result = _commit(tx, path, ImportKind.BILLS, users[Role.ADMIN], create_fee_items=True)
    assert (result.bills_created, result.payments_created, result.paid_fen, result.fee_items_created) == (3, 2, 35000, 1)
    with session_factory() as s:
        item = s.scalars(select(m.FeeItem).where(m.FeeItem.name == "停车费")).one()
        assert s.scalar(select(func.count()).select_from(m.Bill).where(m.Bill.fee_item_id == item.id)) == 2
        created = s.scalars(select(m.AuditLog).where(m.AuditLog.action == "fee_item.create")).one()
        assert created.entity_id == str(item.id) and json.loads(created.detail)["source"] == "导入：b.xlsx"
        assert ledger_discrepancies(s) == []
    with session_factory.begin() as s:  # ids and sequences right after the publish: an ordinary payment
        record_payment(s, actor=users[Role.CLERK], room_id=rooms["3-2-1503"], amount_fen=100_00,
                       paid_on=TODAY, method=PaymentMethod.CASH, today=TODAY)
    with session_factory() as s:
        assert ledger_discrepancies(s) == []


def test_a_changed_amount_is_an_audited_adjustment_for_those_who_may_edit_bills(
        tx, rooms, users, session_factory, tmp_path):
    first = write_sheet(tmp_path / "a.xlsx", [HEADER, ["3-2-1502", "物业管理费", "2026-01", 250, None, None],
                                        ["3-2-1502", "物业管理费", "2026-02", 250, None, None]])
    _commit(tx, first, ImportKind.BILLS, users[Role.FINANCE])
    second = write_sheet(tmp_path / "b.xlsx", [HEADER, ["3-2-1502", "物业管理费", "2026-01", 260, None, None],
                                         ["3-2-1502", "物业管理费", "2026-02", 250, 100, "2026-02-20"]])
    with pytest.raises(PermissionDenied):  # a manager imports, but a bill's amount is finance's to change
        _commit(tx, second, ImportKind.BILLS, users[Role.MANAGER])
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(m.BillAdjustment)) == 0
        assert s.scalar(select(func.count()).select_from(m.Payment)) == 0  # nothing at all was written
    result = _commit(tx, second, ImportKind.BILLS, users[Role.FINANCE])
    assert (result.bills_updated, result.payments_created) == (1, 1)
    with session_factory() as s:
        adjustment = s.scalars(select(m.BillAdjustment)).one()
        bill = s.get(m.Bill, adjustment.bill_id)
        assert (bill.period, bill.amount_fen, bill.issued_amount_fen) == (202601, 26000, 25000)
        assert (adjustment.old_amount_fen, adjustment.new_amount_fen, adjustment.reason) == (25000, 26000,
                                                                                            "导入：b.xlsx")
        assert adjustment.user_id == users[Role.FINANCE].id
        audit = s.scalars(select(m.AuditLog).where(m.AuditLog.action == "bill.adjust")).one()
        assert json.loads(audit.detail)["bills"] == [[bill.id, 25000, 26000]]
        assert ledger_discrepancies(s) == []  # db check: amount = issued + adjustments
    # a due date alone is no adjustment: a manager may import it
    third = write_sheet(tmp_path / "c.xlsx", [[*HEADER, "应缴日期"],
                                        ["3-2-1502", "物业管理费", "2026-01", 260, None, None, "2026-01-31"]])
    assert _commit(tx, third, ImportKind.BILLS, users[Role.MANAGER]).bills_updated == 1
    with session_factory() as s:
        assert s.get(m.Bill, bill.id).due_date == dt.date(2026, 1, 31)
        assert s.scalar(select(func.count()).select_from(m.BillAdjustment)) == 1
        assert ledger_discrepancies(s) == []


def test_what_another_desk_does_meanwhile_makes_the_publish_a_conflict_that_writes_nothing(
        tx, rooms, users, session_factory, tmp_path):
    first = write_sheet(tmp_path / "a.xlsx", [HEADER, ["3-2-1502", "物业管理费", "2026-01", 250, None, None],
                                        ["3-2-1503", "物业管理费", "2026-01", 280, None, None]])
    _commit(tx, first, ImportKind.BILLS, users[Role.FINANCE])
    with session_factory() as s:
        bill_1502 = s.scalar(select(m.Bill.id).where(m.Bill.room_id == rooms["3-2-1502"]))
    second = write_sheet(tmp_path / "b.xlsx", [HEADER, ["3-2-1502", "物业管理费", "2026-01", 260, None, None],
                                         ["3-2-1503", "物业管理费", "2026-02", 280, None, None]])

    def pay_meanwhile(_done: int, _total: int, text: str) -> None:
        if text == "提交":  # checked and staged against an unpaid bill; a front desk takes a payment now
            with session_factory.begin() as s:
                record_payment(s, actor=users[Role.CLERK], room_id=rooms["3-2-1502"], amount_fen=100_00,
                               paid_on=TODAY, method=PaymentMethod.CASH, today=TODAY)

    with pytest.raises(DomainError) as err:
        _commit(tx, second, ImportKind.BILLS, users[Role.FINANCE], progress=pay_meanwhile)
    assert err.value.code == "batch.conflict"
    with session_factory() as s:
        assert s.get(m.Bill, bill_1502).amount_fen == 25000  # a paid bill is never silently changed
        assert s.scalar(select(func.count()).select_from(m.Bill)) == 2  # nor the other row written
        assert s.scalar(select(func.count()).select_from(m.BillAdjustment)) == 0
        assert ledger_discrepancies(s) == []

    third = write_sheet(tmp_path / "c.xlsx", [HEADER, ["3-2-1503", "物业管理费", "2026-01", 290, None, None]])
    with session_factory() as s:
        bill_1503 = s.scalar(select(m.Bill.id).where(m.Bill.room_id == rooms["3-2-1503"]))

    def adjust_1503(_done: int, _total: int, text: str) -> None:
        if text == "提交":
            with session_factory.begin() as s:
                adjust_bill(s, actor=users[Role.FINANCE], bill_id=bill_1503, new_amount_fen=30000, reason="更正")

    with pytest.raises(DomainError) as err:
        _commit(tx, third, ImportKind.BILLS, users[Role.FINANCE], progress=adjust_1503)
    assert err.value.code == "batch.conflict"
    with session_factory() as s:
        assert s.get(m.Bill, bill_1503).amount_fen == 30000  # the other desk's adjustment stands
        assert s.scalar(select(func.count()).select_from(m.BillAdjustment)) == 1
        assert ledger_discrepancies(s) == []


def test_a_staged_payments_import_refuses_to_pay_a_bill_twice(tx, rooms, users, session_factory, tmp_path):
    _commit(tx, write_sheet(tmp_path / "a.xlsx", [HEADER, ["3-2-1502", "物业管理费", "2026-01", 250, None, None]]),
            ImportKind.BILLS, users[Role.FINANCE])
    path = write_sheet(tmp_path / "回盘.xlsx", [["房号", "扣款日期", "扣款金额", "交易流水号"],
                                          ["3-2-1502", "2026-06-05", "200.00", "T1"]])
    data = read_sheet(path)
    guess = detect_header(ImportKind.PAYMENTS, data.rows)
    with session_factory() as s:
        assert plan_import(s, data, guess, today=TODAY, default_method=PaymentMethod.DIRECT_DEBIT).created == 1

    def pay_meanwhile(_done: int, _total: int, text: str) -> None:
        if text == "提交":  # the desk takes 100 of the 250 while the import allocates 200 to the bill
            with session_factory.begin() as s:
                record_payment(s, actor=users[Role.CLERK], room_id=rooms["3-2-1502"], amount_fen=100_00,
                               paid_on=TODAY, method=PaymentMethod.CASH, today=TODAY)

    with pytest.raises(DomainError) as err:
        commit_import(tx, data, guess, actor=users[Role.FINANCE], today=TODAY,
                      default_method=PaymentMethod.DIRECT_DEBIT, progress=pay_meanwhile)
    assert err.value.code == "batch.conflict"
    result = commit_import(tx, data, guess, actor=users[Role.FINANCE], today=TODAY,
                           default_method=PaymentMethod.DIRECT_DEBIT)  # again: allocated from what is owed now
    assert (result.payments_created, result.paid_fen, result.credit_fen) == (1, 200_00, 50_00)
    with session_factory() as s:
        assert s.scalar(select(m.Bill.paid_fen)) == 250_00
        assert ledger_discrepancies(s) == []
