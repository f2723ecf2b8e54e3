"""A bills import names its fee items in the office's own words: synonyms, choices, new items."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from factories import write_sheet
from sqlalchemy import select

from cuijiao_desktop.db import models as m
from cuijiao_desktop.domain.enums import ChargeBasis, Role
from cuijiao_desktop.domain.errors import DomainError, PermissionDenied
from cuijiao_desktop.importing.headers import ImportKind, detect_header
from cuijiao_desktop.importing.readers import read_sheet
from cuijiao_desktop.services.dto import CLI_USER
from cuijiao_desktop.services.imports import commit_import, plan_import
from cuijiao_desktop.services.payments import ledger_discrepancies

TODAY = dt.date(2026, 6, 15)


def _plan(factory, path: Path, **kw):
    data = read_sheet(path)
    with factory() as s:
        return plan_import(s, data, detect_header(ImportKind.BILLS, data.rows), today=TODAY, **kw)


def _commit(factory, path: Path, actor=CLI_USER, **kw):
    data = read_sheet(path)
    with factory.begin() as s:
        return commit_import(s, data, detect_header(ImportKind.BILLS, data.rows), actor=actor, today=TODAY, **kw)


@pytest.fixture
def rooms(session_factory, tmp_path):
    roster = write_sheet(tmp_path / "rooms.xlsx", [["房号", "业主", "面积"], ["3-2-1502", "张三", 89.37],
                                              ["3-2-1503", "2000号商贸有限公司", 100]])
    data = read_sheet(roster)
    with session_factory.begin() as s:
        commit_import(s, data, detect_header(ImportKind.ROOMS, data.rows), actor=CLI_USER, today=TODAY)


BILLS = [
    ["房号", "收费项目", "账期", "应收", "已缴", "缴费日期"],
    ["3-2-1502", "物业费", "2026-01", 250, 250, "2026-01-08"],
    ["3-2-1502", "物管费", "2026-02", 250, None, None],
    ["3-2-1503", "物业管理费", "2026-01", 280, None, None],
    ["3-2-1502", "停车费", "2026-01", 150, 150, "2026-01-08"],
    ["3-2-1503", "车位费", "2026-01", 150, None, None],
    ["3-2-1502", "车位费", "2026-02", 150, None, None],
    ["3-2-1502", "公摊", "2026-01", 12.5, None, None],
]


def test_unknown_words_are_listed_and_rejected_until_resolved(session_factory, rooms, tmp_path):
    path = write_sheet(tmp_path / "b.xlsx", BILLS)
    plan = _plan(session_factory, path)
    assert [(w.word, w.rows, w.amount_fen, w.how) for w in plan.fee_items] == [
        ("物业费", 1, 25000, "unknown"), ("物管费", 1, 25000, "unknown"), ("物业管理费", 1, 28000, "unknown"),
        ("停车费", 1, 15000, "unknown"), ("车位费", 2, 30000, "unknown"), ("公摊", 1, 1250, "unknown")]
    assert plan.rejected_count == 7 and plan.created == 0
    assert plan.rejected[0].reason_text == "未知收费项目：“物业费”（可新建此收费项目，或对应到已有项目）"
    assert [w.word for w in plan.unresolved_fee_items] == ["物业费", "物管费", "物业管理费", "停车费", "车位费", "公摊"]


def test_create_fee_items_makes_one_item_per_synonym_group(session_factory, rooms, tmp_path):
    path = write_sheet(tmp_path / "b.xlsx", BILLS)
    plan = _plan(session_factory, path, create_fee_items=True)
    assert plan.rejected_count == 0 and plan.created == 7
    assert plan.new_fee_items == ("物业费", "车位费", "公摊")  # most-used word of each group; ties: first seen
    assert [(w.word, w.how, w.item_name, w.basis) for w in plan.fee_items] == [
        ("物业费", "create", "物业费", ChargeBasis.PER_AREA), ("物管费", "create", "物业费", ChargeBasis.PER_AREA),
        ("物业管理费", "create", "物业费", ChargeBasis.PER_AREA), ("停车费", "create", "车位费", ChargeBasis.FIXED),
        ("车位费", "create", "车位费", ChargeBasis.FIXED), ("公摊", "create", "公摊", ChargeBasis.FIXED)]
    result = _commit(session_factory, path, create_fee_items=True)
    assert (result.fee_items_created, result.bills_created, result.payments_created, result.paid_fen) == (
        3, 7, 2, 40000)
    with session_factory() as s:
        items = s.execute(select(m.FeeItem.code, m.FeeItem.name, m.FeeItem.basis, m.FeeItem.unit_label,
                                 m.FeeItem.sort_order, m.FeeItem.due_day).order_by(m.FeeItem.sort_order)).all()
        assert items == [("WYF", "物业费", ChargeBasis.PER_AREA, "元/㎡·月", 1, 10),
                         ("CWF", "车位费", ChargeBasis.FIXED, "元/月", 2, 10),
                         ("GT", "公摊", ChargeBasis.FIXED, "元/月", 3, 10)]
        created = [json.loads(d) for d in s.scalars(select(m.AuditLog.detail).where(
            m.AuditLog.action == "fee_item.create"))]
        assert [c["source"] for c in created] == ["导入：b.xlsx"] * 3
        audit = json.loads(s.scalar(select(m.AuditLog.detail).where(m.AuditLog.action == "import.bills")))
        assert audit["new_fee_items"] == ["物业费", "车位费", "公摊"] and audit["fee_items_created"] == 3
        assert ledger_discrepancies(s) == []
    again = _plan(session_factory, path, create_fee_items=True)
    assert (again.created, again.unchanged, again.new_fee_items) == (0, 7, ())
    assert [(w.word, w.how, w.item_name) for w in again.fee_items] == [
        ("物业费", "name", "物业费"), ("物管费", "synonym", "物业费"), ("物业管理费", "synonym", "物业费"),
        ("停车费", "synonym", "车位费"), ("车位费", "name", "车位费"), ("公摊", "name", "公摊")]


def test_synonyms_map_to_existing_items_and_choices_win(session_factory, rooms, tmp_path):
    with session_factory.begin() as s:
        s.add_all([m.FeeItem(code="WYF", name="物业管理费", basis=ChargeBasis.PER_AREA, sort_order=1),
                   m.FeeItem(code="CWF", name="车位管理费", basis=ChargeBasis.FIXED, sort_order=2),
                   m.FeeItem(code="GTF", name="公共能耗费", basis=ChargeBasis.FIXED, sort_order=3)])
    path = write_sheet(tmp_path / "b.xlsx", BILLS)
    plan = _plan(session_factory, path)
    assert plan.rejected_count == 0
    assert {w.word: (w.how, w.item_name) for w in plan.fee_items} == {
        "物业费": ("synonym", "物业管理费"), "物管费": ("synonym", "物业管理费"), "物业管理费": ("name", "物业管理费"),
        "停车费": ("synonym", "车位管理费"), "车位费": ("synonym", "车位管理费"), "公摊": ("synonym", "公共能耗费")}
    # the user maps 停车费 to another item by name, leaves 公摊 out, and makes 车位费 a new item
    plan = _plan(session_factory, path, fee_item_choices={"停车费": "GTF", "公摊": "skip", "车位费": "create"})
    assert {w.word: (w.how, w.item_name) for w in plan.fee_items} == {
        "物业费": ("synonym", "物业管理费"), "物管费": ("synonym", "物业管理费"), "物业管理费": ("name", "物业管理费"),
        "停车费": ("chosen", "公共能耗费"), "车位费": ("create", "车位费"), "公摊": ("unknown", None)}
    assert [x.reason_text for x in plan.rejected] == ["收费项目“公摊”已设为不导入"]
    with pytest.raises(DomainError) as err:
        _plan(session_factory, path, fee_item_choices={"停车费": "没有这个项目"})
    assert err.value.code == "import.fee_item_not_found" and err.value.params["word"] == "停车费"


def test_ambiguous_words_wait_for_a_choice(session_factory, rooms, tmp_path):
    with session_factory.begin() as s:
        s.add_all([m.FeeItem(code="A", name="物业管理费", basis=ChargeBasis.PER_AREA, sort_order=1),
                   m.FeeItem(code="B", name="物业服务费", basis=ChargeBasis.PER_AREA, sort_order=2)])
    path = write_sheet(tmp_path / "b.xlsx", BILLS[:3])
    plan = _plan(session_factory, path, create_fee_items=True)
    assert [(w.word, w.how, [n for _i, n in w.candidates]) for w in plan.fee_items] == [
        ("物业费", "ambiguous", ["物业管理费", "物业服务费"]), ("物管费", "ambiguous", ["物业管理费", "物业服务费"])]
    assert plan.rejected[0].reason_text == "收费项目“物业费”可能是：物业管理费、物业服务费；请指定对应的项目"
    with session_factory() as s:
        b = s.scalar(select(m.FeeItem.id).where(m.FeeItem.code == "B"))
    plan = _plan(session_factory, path, fee_item_choices={"物业费": b, "物管费": "物业服务费"})
    assert plan.rejected_count == 0 and {w.item_name for w in plan.fee_items} == {"物业服务费"}


def test_creating_items_takes_the_right_to_edit_them(session_factory, rooms, users, tmp_path):
    path = write_sheet(tmp_path / "b.xlsx", BILLS)
    with pytest.raises(PermissionDenied):
        _commit(session_factory, path, actor=users[Role.FINANCE], create_fee_items=True)
    with session_factory() as s:
        assert s.scalars(select(m.FeeItem)).all() == []
    result = _commit(session_factory, path, actor=users[Role.MANAGER], create_fee_items=True)
    assert result.fee_items_created == 3
    again = _commit(session_factory, path, actor=users[Role.FINANCE], create_fee_items=True)  # nothing to create
    assert (again.plan.unchanged, again.fee_items_created) == (7, 0)


def test_two_words_for_one_item_cannot_bill_a_period_twice(session_factory, rooms, tmp_path):
    path = write_sheet(tmp_path / "b.xlsx", [BILLS[0], ["3-2-1502", "物业费", "2026-01", 250, None, None],
                                       ["3-2-1502", "物业管理费", "2026-01", 250, None, None]])
    plan = _plan(session_factory, path, create_fee_items=True)
    assert plan.created == 1
    assert [x.reason_text for x in plan.rejected] == [
        "与第 2 行是同一张账单（3-2-1502 物业费 2026-01）：每个房号、收费项目和账期只能有一行"]
