"""Bills (with historic payments) and payments imports keep the ledger consistent and are idempotent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import write_sheet
from sqlalchemy import func, select

from cuijiao_desktop.db import models as m
from cuijiao_desktop.domain.enums import ChargeBasis, PaymentMethod
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.importing.headers import ImportKind, detect_header
from cuijiao_desktop.importing.readers import read_sheet
from cuijiao_desktop.services.dto import CLI_USER
from cuijiao_desktop.services.imports import commit_import, plan_import
from cuijiao_desktop.services.payments import ledger_discrepancies, room_balance

TODAY = dt.date(2026, 6, 15)


def _run(factory, path: Path, kind: ImportKind, *, commit: bool = True, **kw):
    data = read_sheet(path)
    guess = detect_header(kind, data.rows)
    if not commit:
        with factory() as s:
            return plan_import(s, data, guess, today=TODAY, **kw)
    with factory.begin() as s:
        return commit_import(s, data, guess, actor=CLI_USER, today=TODAY, **kw)


@pytest.fixture
def estate(session_factory, tmp_path):
    """Two rooms (3-2-1502, 3-2-1503) and the fee items 物业管理费 (WYF) and 垃圾清运费 (LJF)."""
    roster = write_sheet(tmp_path / "rooms.xlsx", [["房号", "业主", "面积"], ["3-2-1502", "张三", 89.37],
                                              ["3-2-1503", "李四", 100]])
    _run(session_factory, roster, ImportKind.ROOMS)
    with session_factory.begin() as s:
        s.add_all([m.FeeItem(code="WYF", name="物业管理费", basis=ChargeBasis.PER_AREA, sort_order=1, due_day=10),
                   m.FeeItem(code="LJF", name="垃圾清运费", basis=ChargeBasis.FIXED, sort_order=2, due_day=10)])
    with session_factory() as s:
        return dict(s.execute(select(m.Room.code, m.Room.id)).all())


BILLS = [
    ["阳光花园期初欠费表"],
    ["房号", "收费项目", "所属期间", "应收金额", "已缴金额", "缴费日期"],
    ["3-2-1502", "物业管理费", "2026-01", "250.00", "250", "2026-01-08"],
    ["3-2-1502", "物业管理费", "2026年2月", 250, 100, dt.date(2026, 2, 20)],
    ["3-2-1502", "物业管理费", "2026.03", "¥250.00", None, None],
    ["3-2-1502", "LJF", "202603", "15元", None, None],
    ["3-2-1503", "物业管理费", "2026.1", "280", None, None],
    ["3-2-1503", "停车费", "2026-03", "100", None, None],
    ["9-9-999", "物业管理费", "2026-03", "100", None, None],
    ["3-2-1503", "物业管理费", "2026-09", "280", None, None],
    ["3-2-1503", "物业管理费", "2026-04", "280", "300", "2026-04-02"],
    ["3-2-1503", "物业管理费", "2026-05", "280", "100", None],
    ["合计", None, None, 1995, 750, None],
]


def test_bills_import_with_historic_payments(session_factory, estate, tmp_path):
    path = write_sheet(tmp_path / "期初欠费.xlsx", BILLS)
    plan = _run(session_factory, path, ImportKind.BILLS, commit=False)
    assert [(x.line, x.reason_text) for x in plan.rejected] == [
        (7, "账期不明确：“2026.1”（是2026年1月还是10月？请写成 2026-01 或 2026-10）"),
        (8, "未知收费项目：“停车费”（可新建此收费项目，或对应到已有项目）"),
        (9, "房号不存在：9-9-999（请先导入房屋）"),
        (10, "账期在未来：“2026-09”"),
        (11, "已缴金额大于应收金额"),
        (12, "有已缴金额但缺少缴费日期"),
    ]
    assert (plan.created, plan.updated, plan.unchanged) == (4, 0, 0)
    result = _run(session_factory, path, ImportKind.BILLS, accept_valid=True)
    assert (result.bills_created, result.payments_created, result.paid_fen) == (4, 2, 35000)
    room = estate["3-2-1502"]
    with session_factory() as s:
        bills = s.execute(select(m.Bill.period, m.Bill.amount_fen, m.Bill.paid_fen, m.Bill.due_date)
                          .where(m.Bill.room_id == room).order_by(m.Bill.period, m.Bill.fee_item_id)).all()
        assert bills == [(202601, 25000, 25000, dt.date(2026, 1, 10)), (202602, 25000, 10000, dt.date(2026, 2, 10)),
                         (202603, 25000, 0, dt.date(2026, 3, 10)), (202603, 1500, 0, dt.date(2026, 3, 10))]
        pays = s.execute(select(m.Payment.amount_fen, m.Payment.paid_on, m.Payment.method, m.Payment.receipt_no)
                         .order_by(m.Payment.paid_on)).all()
        assert [(a, d, meth) for a, d, meth, _ in pays] == [
            (25000, dt.date(2026, 1, 8), PaymentMethod.HISTORIC), (10000, dt.date(2026, 2, 20), PaymentMethod.HISTORIC)]
        assert all(no.startswith("DR") for *_, no in pays)
        assert ledger_discrepancies(s) == []
        assert room_balance(s, room).outstanding_fen == 25000 - 10000 + 25000 + 1500
    again = _run(session_factory, path, ImportKind.BILLS, accept_valid=True)
    assert (again.plan.created, again.plan.updated, again.plan.unchanged) == (0, 0, 4)
    assert (again.bills_created, again.payments_created) == (0, 0)


def test_bill_updates_are_safe(session_factory, estate, tmp_path):
    first = write_sheet(tmp_path / "a.xlsx", [
        ["房号", "收费项目", "账期", "应收", "已缴", "缴费日期"],
        ["3-2-1502", "物业管理费", "2026-01", 250, 100, "2026-01-08"],
        ["3-2-1502", "物业管理费", "2026-02", 250, None, None],
    ])
    _run(session_factory, first, ImportKind.BILLS)
    second = write_sheet(tmp_path / "b.xlsx", [
        ["房号", "收费项目", "账期", "应收", "已缴", "缴费日期"],
        ["3-2-1502", "物业管理费", "2026-01", 260, 100, "2026-01-08"],
        ["3-2-1502", "物业管理费", "2026-02", 260, None, None],
    ])
    plan = _run(session_factory, second, ImportKind.BILLS, commit=False)
    assert [(o.line, o.action, o.detail) for o in plan.outcomes] == [
        (2, "rejected", ("物业管理费 2026-01 已有缴款或减免（已缴 ¥100.00），不能修改应收金额（系统 ¥250.00，文件 ¥260.00）；"
                         "如需更正请先冲正")),
        (3, "update", "物业管理费 2026-02 应收 ¥250.00 → ¥260.00"),
    ]
    third = write_sheet(tmp_path / "c.xlsx", [
        ["房号", "收费项目", "账期", "应收", "已缴", "缴费日期"],
        ["3-2-1502", "物业管理费", "2026-01", 250, 250, "2026-03-01"],
        ["3-2-1502", "物业管理费", "2026-02", 250, None, None],
    ])
    result = _run(session_factory, third, ImportKind.BILLS)
    assert (result.plan.updated, result.plan.unchanged, result.payments_created, result.paid_fen) == (1, 1, 1, 15000)
    fourth = write_sheet(tmp_path / "d.xlsx", [
        ["房号", "收费项目", "账期", "应收", "已缴", "缴费日期"],
        ["3-2-1502", "物业管理费", "2026-01", 250, 50, "2026-03-01"],
    ])
    assert _run(session_factory, fourth, ImportKind.BILLS, commit=False).rejected[0].reason_text == (
        "物业管理费 2026-01 文件中的已缴 ¥50.00 少于系统中的 ¥250.00，不能减少；如需更正请冲正")
    with session_factory() as s:
        assert s.scalars(select(m.Bill.paid_fen).order_by(m.Bill.period)).all() == [25000, 0]
        assert ledger_discrepancies(s) == []


PAYMENTS = [
    ["银行托收回盘文件"],
    ["房号", "扣款日期", "扣款金额", "交易流水号", "备注"],
    ["3栋2单元1502", "2026-03-05", "300.00", "T20260305001", None],
    ["3-2-1503", "2026/03/05", 50, None, None],
    ["3-2-1503", "2026/03/05", 50, None, None],
    ["3-2-1502", "2026-03-06", "100", "T20260305001", None],
    ["3-2-1502", "2026-03-06", "0", "T20260306009", None],
    ["1-1-101", "2026-03-06", "10", "T20260306010", None],
]


def test_payments_import_allocates_and_is_idempotent(session_factory, estate, tmp_path):
    bills = write_sheet(tmp_path / "bills.xlsx", [
        ["房号", "收费项目", "账期", "应收"],
        ["3-2-1502", "物业管理费", "2026-01", 250], ["3-2-1502", "物业管理费", "2026-02", 250],
        ["3-2-1503", "物业管理费", "2026-01", 80],
    ])
    _run(session_factory, bills, ImportKind.BILLS)
    path = write_sheet(tmp_path / "回盘.xlsx", PAYMENTS)
    with pytest.raises(DomainError) as err:
        _run(session_factory, path, ImportKind.PAYMENTS, default_method=PaymentMethod.DIRECT_DEBIT)
    assert err.value.code == "import.rows_rejected"
    plan = _run(session_factory, path, ImportKind.PAYMENTS, commit=False, default_method=PaymentMethod.DIRECT_DEBIT)
    assert [(x.line, x.reason_text) for x in plan.rejected] == [
        (6, "重复行：票据号与第 3 行相同"),
        (7, "金额必须大于0：“0”"),
        (8, "房号不存在：1-1-101（请先导入房屋）"),
    ]
    result = _run(session_factory, path, ImportKind.PAYMENTS, accept_valid=True,
                  default_method=PaymentMethod.DIRECT_DEBIT)
    assert (result.payments_created, result.paid_fen, result.credit_fen) == (3, 40000, 2000)
    with session_factory() as s:
        assert ledger_discrepancies(s) == []
        assert s.scalars(select(m.Bill.paid_fen).order_by(m.Bill.room_id, m.Bill.period)).all() == [25000, 5000, 8000]
        refs = s.execute(select(m.Payment.reference, m.Payment.method, m.Payment.amount_fen)
                         .order_by(m.Payment.id)).all()
        assert refs == [("T20260305001", PaymentMethod.DIRECT_DEBIT, 30000), ("", PaymentMethod.DIRECT_DEBIT, 5000),
                        ("", PaymentMethod.DIRECT_DEBIT, 5000)]
        assert room_balance(s, estate["3-2-1503"]).credit_fen == 2000
    again = _run(session_factory, path, ImportKind.PAYMENTS, accept_valid=True,
                 default_method=PaymentMethod.DIRECT_DEBIT)
    assert (again.plan.created, again.plan.unchanged, again.payments_created) == (0, 3, 0)
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(m.Payment)) == 3


def test_payment_without_method_needs_a_default(session_factory, estate, tmp_path):
    path = write_sheet(tmp_path / "p.xlsx", [["房号", "日期", "金额", "方式"], ["3-2-1502", "2026-03-05", 10, None],
                                        ["3-2-1502", "2026-03-05", 20, "微信"]])
    plan = _run(session_factory, path, ImportKind.PAYMENTS, commit=False)
    assert [(o.line, o.action, o.detail) for o in plan.outcomes] == [
        (2, "rejected", "缺少缴费方式"), (3, "create", "新增缴款 ¥20.00（2026-03-05，微信）")]


def test_same_receipt_number_with_other_data_is_rejected(session_factory, estate, tmp_path):
    a = write_sheet(tmp_path / "a.xlsx", [["房号", "日期", "金额", "方式", "收据号"],
                                          ["3-2-1502", "2026-03-05", 10, "现金", "R1"]])
    _run(session_factory, a, ImportKind.PAYMENTS)
    b = write_sheet(tmp_path / "b.xlsx", [["房号", "日期", "金额", "方式", "收据号"],
                                          ["3-2-1502", "2026-03-05", 11, "现金", "R1"]])
    plan = _run(session_factory, b, ImportKind.PAYMENTS, commit=False)
    assert plan.rejected[0].reason_text == "票据号 R1 已导入过，但房号、金额或日期不同"


def test_bills_need_rooms_first(session_factory, tmp_path):
    path = write_sheet(tmp_path / "b.xlsx", BILLS[1:3])
    with pytest.raises(DomainError) as err:
        _run(session_factory, path, ImportKind.BILLS, commit=False)
    assert err.value.code == "import.no_rooms"
