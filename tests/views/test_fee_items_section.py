"""设置 → 收费项目 driven like a manager: items, standards, late-fee terms; read-only for others."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from cuijiao_desktop.db import models as m
from cuijiao_desktop.domain.enums import ChargeBasis, Role, Usage
from cuijiao_desktop.views.dialogs.fee_item_dialogs import (
    FeeItemDialog,
    FeeStandardDialog,
    LateFeePolicyDialog,
)
from cuijiao_desktop.views.pages.fee_items_section import FeeItemsModel, FeeItemsSection, FeeStandardsModel


@pytest.fixture
def estate(session_factory):
    with session_factory.begin() as s:
        s.add(m.Estate(code="JX", name="锦绣花园"))


def _section(qtbot, runner, user) -> FeeItemsSection:
    section = FeeItemsSection(runner, user)
    qtbot.addWidget(section)
    section.resize(1100, 700)
    section.show()
    section.refresh()
    return section


def _drive(monkeypatch, dialog_class, fill):
    """Replace the dialog's exec: fill the fields, press Save, report what happened."""
    seen = []

    def exec_(self):
        fill(self)
        self.save()
        seen.append(self)
        return 1

    monkeypatch.setattr(dialog_class, "exec", exec_)
    return seen


@pytest.mark.both_engines
def test_manager_sets_up_items_standards_and_late_fees(qtbot, runner, users, estate, session_factory, monkeypatch,
                                                       qtmodeltester):
    section = _section(qtbot, runner, users[Role.MANAGER])
    assert section.new_item_button.isVisible() and not section.readonly_label.isVisible()
    assert "No fee items yet" in section.late_fee_label.text()

    def new_wyf(d: FeeItemDialog):
        d.name.setText("物业管理费")
        d.name.editingFinished.emit()
        assert d.code.text() == "WYGLF" and d.unit_label.text() == "元/㎡·月"  # pinyin initials
    _drive(monkeypatch, FeeItemDialog, new_wyf)
    section.new_item_button.click()

    def new_water(d: FeeItemDialog):
        d.name.setText("水费")
        d.name.editingFinished.emit()
        d.basis.setCurrentIndex(d.basis.findData(ChargeBasis.METERED))
        assert d.unit_label.text() == "元/吨" and d.sort_order.value() == 2
    _drive(monkeypatch, FeeItemDialog, new_water)
    section.new_item_button.click()
    assert [section.items_model.row_at(r).name for r in range(2)] == ["物业管理费", "水费"]
    qtmodeltester.check(section.items_model)

    section.items_view.selectRow(0)

    def standard(d: FeeStandardDialog):
        d.estate.setCurrentIndex(d.estate.findText("锦绣花园"))
        d.usage.setCurrentIndex(d.usage.findData(Usage.RESIDENTIAL))
        d.price.setText("2.35")
        d.vacancy.setValue(30)
        d.valid_from.setDate(QDate(2026, 1, 1))
    _drive(monkeypatch, FeeStandardDialog, standard)
    section.new_standard_button.click()
    assert section.standards_model.rowCount() == 1
    assert [section.standards_model.index(0, c).data() for c in range(7)] == [
        "锦绣花园", "Residential", "2.35 元/㎡·月", "30 %", "2026-01-01", "—", ""]
    qtmodeltester.check(section.standards_model)

    def terms(d: LateFeePolicyDialog):
        assert d.rate.text() == "0.3‰" and d.grace.value() == 30  # the usual terms offered
        d.rate.setText("万分之五")
        assert d.rate_hint.text() == "0.5‰ a day: ¥5.00 a day on ¥10,000 owed, 18.25 % a year"
        d.level.setValue(6)
        d.clause.setText("《物业服务合同》第十二条")
        d.valid_from.setDate(QDate(2026, 1, 1))
    _drive(monkeypatch, LateFeePolicyDialog, terms)
    section.late_fee_button.click()
    text = section.late_fee_label.text()
    assert "0.5‰ of the unpaid amount a day" in text and "only from written notice no. 6 on" in text
    assert "《物业服务合同》第十二条" in text
    assert section.items_model.index(0, FeeItemsModel.Column.LATE_FEE).data() == "0.5‰ a day"
    if shots := os.environ.get("CUIJIAO_SETTINGS_SHOTS"):
        section.grab().save(f"{shots}/fee-items.png")

    with session_factory() as s:
        item = s.scalars(select(m.FeeItem).where(m.FeeItem.code == "WYGLF")).one()
        policy = s.get(m.LateFeePolicyRow, item.late_fee_policy_id)
        assert (policy.daily_rate_ppm, policy.from_notice_level, policy.grace_days) == (500, 6, 30)
        std = s.scalars(select(m.FeeStandard)).one()
        assert (std.unit_price_fen, std.vacancy_discount_pct, std.valid_from) == (235, 30, dt.date(2026, 1, 1))
        actions = set(s.scalars(select(m.AuditLog.action)))
    assert {"fee_item.create", "fee_standard.create", "late_fee_policy.create"} <= actions

    # delete the standard, then the unused water item, answering Yes
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    section.standards_view.setFocus()
    section.delete_standard_button.click()
    assert section.standards_model.rowCount() == 0
    section.items_view.selectRow(1)
    section.delete_item_button.click()
    assert section.items_model.rowCount() == 1


def test_field_errors_stay_in_the_dialog(qtbot, runner, users):
    dialog = FeeItemDialog(runner, users[Role.MANAGER])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save()
    assert dialog.errors.text("name") == "Enter the name of the fee item."
    assert dialog.errors.text("code") == "Enter the code of the fee item (e.g. WYF)."
    assert dialog.isVisible()


def test_a_stale_edit_offers_to_reload(qtbot, runner, users, session_factory):
    with session_factory.begin() as s:
        s.add(m.FeeItem(code="WYF", name="物业管理费", basis=ChargeBasis.PER_AREA, sort_order=1))
    section = _section(qtbot, runner, users[Role.MANAGER])
    item = section.current_item()
    with session_factory.begin() as s:
        s.scalars(select(m.FeeItem)).one().name = "物业服务费"
    dialog = FeeItemDialog(runner, users[Role.MANAGER], item=item)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.due_day.setValue(15)
    dialog.save()
    assert dialog.banner.isVisible() and dialog.banner.button.isVisible()
    dialog.banner.button.click()
    assert dialog.name.text() == "物业服务费" and not dialog.banner.isVisible()


def test_others_only_read(qtbot, runner, users, session_factory, monkeypatch):
    with session_factory.begin() as s:
        s.add(m.FeeItem(code="WYF", name="物业管理费", basis=ChargeBasis.PER_AREA, sort_order=1))
    section = _section(qtbot, runner, users[Role.FINANCE])
    assert section.readonly_label.isVisible() and not section.new_item_button.isVisible()
    opened = _drive(monkeypatch, FeeItemDialog, lambda d: None)
    section.items_view.setFocus()
    qtbot.keyClick(section.items_view, Qt.Key.Key_Return)
    section.edit_item()
    assert opened == []
    assert "No late fee is charged on 物业管理费." in section.late_fee_label.text()


def test_keyboard_enter_edits_the_selected_item(qtbot, runner, users, session_factory, monkeypatch):
    with session_factory.begin() as s:
        s.add(m.FeeItem(code="WYF", name="物业管理费", basis=ChargeBasis.PER_AREA, sort_order=1))
    section = _section(qtbot, runner, users[Role.MANAGER])
    opened = _drive(monkeypatch, FeeItemDialog, lambda d: d.due_day.setValue(12))
    section.items_view.setFocus()
    qtbot.keyClick(section.items_view, Qt.Key.Key_Return)
    assert len(opened) == 1 and opened[0].item.name == "物业管理费"
    assert section.items_model.index(0, FeeItemsModel.Column.DUE_DAY).data() == "day 12"


def test_empty_models_are_valid(qtmodeltester):
    qtmodeltester.check(FeeItemsModel())
    qtmodeltester.check(FeeStandardsModel())
