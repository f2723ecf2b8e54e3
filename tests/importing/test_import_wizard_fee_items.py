"""The wizard's fee-item page: synonyms preset, unknown words created or left out, only managers create."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from factories import write_sheet
from sqlalchemy import select

from cuijiao_desktop.db import models as m
from cuijiao_desktop.domain.enums import ChargeBasis, Role
from cuijiao_desktop.importing.headers import ImportKind, detect_header
from cuijiao_desktop.importing.readers import read_sheet
from cuijiao_desktop.services.imports import commit_import
from cuijiao_desktop.views.dialogs.import_wizard import ImportWizard

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def office(session_factory, users, tmp_path):
    """Two rooms and one fee item, 物业管理费."""
    roster = write_sheet(tmp_path / "rooms.xlsx", (["房号", "业主", "面积"], ["3-2-1502", "张三", 89.37],
                                                   ["3-2-1503", "2000号商贸有限公司", 100]))
    data = read_sheet(roster)
    with session_factory.begin() as s:
        commit_import(s, data, detect_header(ImportKind.ROOMS, data.rows), actor=users[Role.ADMIN], today=TODAY)
        s.add(m.FeeItem(code="WYF", name="物业管理费", basis=ChargeBasis.PER_AREA, sort_order=1))
    return write_sheet(tmp_path / "期初欠费.xlsx", (
        ["房号", "费用名称", "所属月份", "应收金额", "实收金额", "收款时间"],
        ["3-2-1502", "物业费", "2026-01", 210.02, 210.02, dt.date(2026, 1, 9)],
        ["3-2-1502", "停车费", "2026-01", 150, None, None],
        ["3-2-1503", "停车费", "2026-01", 150, 150, "2026/1/20"],
        ["3-2-1503", "公摊", "2026-01", 12.37, None, None]))


def _wizard(qtbot, runner, user, path):
    w = ImportWizard(runner, user, today=TODAY)
    qtbot.addWidget(w)
    w.show()
    page = w.source_page
    page.kind_box.setCurrentIndex(page.kind_box.findData(ImportKind.BILLS))
    page.file_edit.setText(str(path))
    page.load_sheet_names()
    w.next()
    assert w.currentPage() is w.mapping_page
    w.next()
    return w


def _texts(box):
    return [box.itemText(i) for i in range(box.count())]


def test_manager_maps_creates_and_leaves_out(qtbot, runner, users, office, session_factory):
    w = _wizard(qtbot, runner, users[Role.MANAGER], office)
    page = w.fee_items_page
    assert w.currentPage() is page
    assert list(page.combos) == ["物业费", "停车费", "公摊"]
    wyf, tcf, gt = page.combos.values()
    assert wyf.currentText() == "物业管理费" and wyf.property("how_label").text() == "synonym, matched on its own"
    assert tcf.currentText() == "New fee item “停车费”"
    assert tcf.property("how_label").text() == "new item, Fixed a month (per household)"
    assert _texts(gt) == ["Choose…", "物业管理费", "New fee item “公摊”", "Leave these rows out"]
    gt.setCurrentIndex(gt.findData("skip"))
    assert gt.property("how_label").text() == "its rows are not imported" and page.isComplete()
    if shots := os.environ.get("CUIJIAO_WIZARD_SHOTS"):
        w.grab().save(f"{shots}/import-fee-items.png")
    w.next()
    assert w.currentPage() is w.check_page
    assert "3 new, 0 updated, 0 unchanged, 1 rejected" in w.check_page.counts_label.text()
    assert w.check_page.rejected_model.index(0, 1).data() == "收费项目“公摊”已设为不导入"
    w.next()
    assert w.currentPage() is w.result_page
    assert "New fee items: 停车费." in w.result_page.label.text()
    with session_factory() as s:
        items = s.execute(select(m.FeeItem.name, m.FeeItem.basis).order_by(m.FeeItem.sort_order)).all()
        assert items == [("物业管理费", ChargeBasis.PER_AREA), ("停车费", ChargeBasis.FIXED)]
        assert int(s.scalar(select(m.Bill.paid_fen).where(m.Bill.amount_fen == 21002))) == 21002
        assert sorted(s.scalars(select(m.Payment.amount_fen))) == [15000, 21002]


def test_without_the_right_to_create_unknown_words_are_left_out_or_mapped(qtbot, runner, users, office,
                                                                         session_factory):
    w = _wizard(qtbot, runner, users[Role.FINANCE], office)
    page = w.fee_items_page
    _wyf, tcf, gt = page.combos.values()
    assert _texts(tcf) == ["Choose…", "物业管理费", "Leave these rows out"]
    assert tcf.currentData() == "skip" and gt.currentData() == "skip"
    assert "Only a manager can create fee items" in page.note_label.text()
    gt.setCurrentIndex(gt.findText("物业管理费"))
    assert gt.property("how_label").text() == "as chosen"
    w.next()
    assert "2 new, 0 updated, 0 unchanged, 2 rejected" in w.check_page.counts_label.text()
    w.next()
    with session_factory() as s:
        assert s.scalars(select(m.FeeItem.name)).all() == ["物业管理费"]


def test_the_page_is_skipped_when_every_word_is_an_items_name(qtbot, runner, users, office, session_factory,
                                                              tmp_path):
    path = write_sheet(tmp_path / "exact.xlsx", (["房号", "收费项目", "账期", "应收"],
                                                 ["3-2-1502", "物业管理费", "2026-02", 210.02]))
    w = _wizard(qtbot, runner, users[Role.MANAGER], path)
    assert w.currentPage() is w.check_page
    assert "1 new" in w.check_page.counts_label.text()


def test_an_ambiguous_word_must_be_chosen(qtbot, runner, users, office, session_factory):
    with session_factory.begin() as s:
        s.add(m.FeeItem(code="WYFW", name="物业服务费", basis=ChargeBasis.PER_AREA, sort_order=2))
    w = _wizard(qtbot, runner, users[Role.MANAGER], office)
    page = w.fee_items_page
    wyf = page.combos["物业费"]
    assert wyf.currentData() is None and not page.isComplete()
    assert wyf.property("how_label").text() == "several items could be meant: choose one"
    wyf.setCurrentIndex(wyf.findText("物业服务费"))
    assert page.isComplete()
