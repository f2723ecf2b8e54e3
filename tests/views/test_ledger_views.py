"""Issue 9 in the window: 收费 → 生成账单 with its preview, the payment checks, prepaid credit and bill
adjustments in the room ledger."""

from __future__ import annotations

import json
from datetime import date

import pytest
from factories import assess_late_fees, make_room_with_bills
from ledger_factories import make_billing_office
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from cuijiao_desktop.db.engine import describe_url
from cuijiao_desktop.db.models import (
    AuditLog,
    Bill,
    BillAdjustment,
    LateFeeAssessment,
    LateFeePolicyRow,
    Payment,
)
from cuijiao_desktop.domain.enums import PaymentMethod, Role
from cuijiao_desktop.services import billing
from cuijiao_desktop.services.ledger_check import check_ledger
from cuijiao_desktop.services.payments import record_payment
from cuijiao_desktop.views.actions import ActionId
from cuijiao_desktop.views.dialogs.billing_dialog import BillingDialog, default_month
from cuijiao_desktop.views.dialogs.payment_dialog import PaymentDialog
from cuijiao_desktop.views.main_window import MainWindow
from cuijiao_desktop.views.models.billing_models import CreditModel
from cuijiao_desktop.views.pages.room_ledger_page import RoomLedgerPage

TODAY = date(2026, 7, 3)


pytestmark = pytest.mark.usefixtures("no_viewer")


# --- the billing dialog -------------------------------------------------------------------------------


def test_the_billing_action_is_in_the_billing_menu_for_finance_only(qtbot, runner, ui_settings, db_url, users):
    windows = {}
    for role in (Role.FINANCE, Role.CLERK):
        w = MainWindow(runner, users[role], ui_settings, db_url=db_url, db_description=describe_url(db_url),
                       today=lambda: TODAY)
        qtbot.addWidget(w)
        windows[role] = w
    finance, clerk = windows[Role.FINANCE], windows[Role.CLERK]
    assert finance.actions[ActionId.GENERATE_BILLS] in finance.menus["billing"].actions()
    assert finance.actions[ActionId.GENERATE_BILLS].isVisible()
    assert not clerk.actions[ActionId.GENERATE_BILLS].isVisible()
    assert clerk.actions[ActionId.ASSESS_LATE_FEES].isVisible()  # any desk may update the late fees


def test_default_month():
    assert default_month(date(2026, 7, 3)) == date(2026, 7, 1)
    assert default_month(date(2026, 12, 20)) == date(2027, 1, 1)


def test_preview_then_generate_writes_exactly_the_preview(qtbot, runner, session_factory, users):
    office = make_billing_office(session_factory)
    dialog = BillingDialog(runner, users[Role.FINANCE], today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.period() == 202607 and dialog.estate_combo.count() == 3 and dialog.due_day() == 10
    assert not dialog.generate_button.isEnabled()
    QTest.keyClick(dialog, Qt.Key.Key_Return)  # Enter previews
    assert dialog.preview is not None and dialog.preview.bills == 6
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Bill)) == 0
    assert dialog.groups_model.rowCount() == 4
    assert dialog.generate_button.isEnabled()
    assert "6" in dialog.summary.text() and "2026-07-10" in dialog.summary.text()
    assert dialog.notes_box.isVisibleTo(dialog) and dialog.notes_model.rowCount() == 1
    QTest.keyClick(dialog, Qt.Key.Key_Return)  # Enter again only previews again: nothing written
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Bill)) == 0

    dialog.due_spin.setValue(15)  # changing an input asks for a new preview
    assert dialog.preview is None and not dialog.generate_button.isEnabled()
    dialog.estate_combo.setCurrentIndex(dialog.estate_combo.findData(office.estates["A"]))
    dialog.run_preview()
    assert dialog.preview.bills == 5 and dialog.preview.due_date == date(2026, 7, 15)
    with qtbot.waitSignal(dialog.sig_billed) as signal:
        qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    assert signal.args[0].bills_created == 5
    assert not dialog.generate_button.isEnabled() and "5" in dialog.summary.text()
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Bill)) == 5
        assert billing.billing_due_day(s) == 15  # saved with the run
        assert check_ledger(s) == []
    dialog.run_preview()
    assert dialog.preview.bills == 0 and not dialog.generate_button.isEnabled()


# --- the payment dialog: large amounts, late entries, settled bills' late fees --------------------------


@pytest.fixture
def room(session_factory):
    """Three 100.00 bills 2026-01..03, the first one's late fee of 5.00 assessed."""
    r = make_room_with_bills(session_factory, months=3, monthly_fen=10_000)
    assess_late_fees(session_factory, {r.bill_ids[0]: 500}, as_of=TODAY)
    return r


@pytest.fixture
def make_dialog(qtbot, runner, users, tmp_path):
    def make(room_id: int) -> PaymentDialog:
        d = PaymentDialog(runner, users[Role.CLERK], room_id, today=TODAY, receipts_folder=tmp_path / "receipts")
        qtbot.addWidget(d)
        d.show()
        return d

    return make


def _answer_large_box(dialog, *, take: bool, seen: list) -> None:
    tries = [0]

    def answer() -> None:
        box = getattr(dialog, "large_box", None)
        if box is None or not box.isVisible():
            tries[0] += 1
            if tries[0] < 100:
                QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        if take:
            next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()
        else:
            QTest.keyClick(box, Qt.Key.Key_Return)  # Enter takes the safe default: back to the amount

    QTimer.singleShot(0, answer)


def test_a_far_too_large_amount_asks_with_the_amount_in_capitals(qtbot, make_dialog, room, session_factory):
    d = make_dialog(room.room_id)
    assert d.context.large_limit_fen == 30_000 + 500 + 30_000  # owed + late fee + a year of bills (3 months here)
    QTest.keyClicks(d.amount_edit, "5000000")
    seen: list[str] = []
    _answer_large_box(d, take=False, seen=seen)
    QTest.keyClick(d.amount_edit, Qt.Key.Key_Return)  # to 确认收款
    QTest.keyClick(d.confirm_button, Qt.Key.Key_Return)  # "Enter, Enter": the question, answered by Enter
    assert seen and "伍佰万元整" in seen[0] and "¥5,000,000.00" in seen[0]
    assert d.receipt is None and d.focusWidget() is d.amount_edit
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 0
    _answer_large_box(d, take=True, seen=seen)
    qtbot.mouseClick(d.confirm_button, Qt.MouseButton.LeftButton)
    assert d.receipt is not None and d.receipt.credit_fen == 5_000_000_00 - 30_000 - 500  # bills, late fee
    with session_factory() as s:
        detail = json.loads(s.scalars(select(AuditLog.detail).where(AuditLog.action == "payment.record")).one())
        assert detail["confirmed_large"] is True


def test_a_payment_dated_more_than_a_week_back_needs_a_reason(qtbot, make_dialog, room, session_factory):
    d = make_dialog(room.room_id)
    assert not d.backdate_edit.isVisible()
    d.paid_on_edit.setDate(d.paid_on_edit.date().addDays(-7))
    assert not d.backdate_edit.isVisible()
    d.paid_on_edit.setDate(d.paid_on_edit.date().addDays(-1))
    assert d.backdate_edit.isVisible()
    QTest.keyClicks(d.amount_edit, "100")
    qtbot.mouseClick(d.confirm_button, Qt.MouseButton.LeftButton)
    assert d.receipt is None and d.backdate_error.isVisible() and "8" in d.backdate_error.text()
    d.backdate_edit.setText("月底清点抽屉发现的现金收据")
    qtbot.mouseClick(d.confirm_button, Qt.MouseButton.LeftButton)
    assert d.receipt is not None and d.receipt.paid_on == date(2026, 6, 25)
    with session_factory() as s:
        detail = json.loads(s.scalars(select(AuditLog.detail).where(AuditLog.action == "payment.record")).one())
        assert detail["backdated_days"] == 8 and detail["backdate_reason"] == "月底清点抽屉发现的现金收据"


def test_the_late_fee_of_a_paid_bill_is_offered_and_collected(qtbot, make_dialog, room, session_factory, users):
    with session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=10_000, paid_on=TODAY,
                       today=TODAY, method=PaymentMethod.CASH, chosen_bill_ids=[room.bill_ids[0]])
    d = make_dialog(room.room_id)
    rows = d.bills_model.rows()
    first = rows[0]
    assert (first.bill_id, first.outstanding_fen, first.late_fee_due_fen) == (room.bill_ids[0], 0, 500)
    assert d.bills_model.data(d.bills_model.index(0, d.bills_model.Column.OUTSTANDING)) == "settled"
    d.bills_model.setData(d.bills_model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    QTest.keyClicks(d.amount_edit, "5")
    assert d.plan.late_fee_lines == ((room.bill_ids[0], 500),) and d.plan.credit_fen == 0
    assert "already paid" in d.preview_label.text()
    qtbot.mouseClick(d.confirm_button, Qt.MouseButton.LeftButton)
    assert d.receipt is not None and d.receipt.credit_fen == 0
    with session_factory() as s:
        assert s.scalar(select(LateFeeAssessment.paid_fen)) == 500
        assert check_ledger(s) == []


# --- the room ledger: prepaid credit and bill adjustments ---------------------------------------------


def test_the_ledger_shows_credit_spent_by_billing_and_adjusts_a_bill(qtbot, runner, session_factory, users):
    office = make_billing_office(session_factory)
    flat = office.rooms["1-1-101"]
    with session_factory.begin() as s:
        paid = record_payment(s, actor=users[Role.CLERK], room_id=flat, amount_fen=50_000, paid_on=TODAY,
                              today=TODAY, method=PaymentMethod.CASH, confirmed_large=True)
        billing.run_billing(s, actor=users[Role.FINANCE], period=202607, today=TODAY)
    page = RoomLedgerPage(runner, users[Role.FINANCE], today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    page.load(flat)
    assert page.credit_model.rowCount() == 2
    spent = page.credit_model.row_at(0)
    detail = CreditModel.detail(spent)
    assert "2026-07" in detail and paid.receipt_no in detail
    assert page.fig_credit.value.text() == "¥199.17"  # 500.00 − 250.24 − 50.59
    assert page.adjust_button.isVisible() and not page.adjust_button.isEnabled()
    column = next(i for i, (item_id, _name) in enumerate(page.grid_model._items, 1) if item_id == office.items["SF"])
    page.grid_view.setCurrentIndex(page.grid_model.index(0, column))
    assert page.adjust_button.isEnabled()
    page.adjust_selected()
    dialog = page.adjust_dialog
    dialog.amount_edit.setText("60.00")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.reason_error.isVisible()
    dialog.reason_edit.setPlainText("水表读数更正")
    dialog.amount_edit.setText("40")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.amount_error.isVisible()  # 50.59 were paid by credit: it cannot go below that
    assert "¥50.59" in dialog.amount_error.text()
    dialog.amount_edit.setText("60.00")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    with session_factory() as s:
        adj = s.scalars(select(BillAdjustment)).one()
        assert (adj.old_amount_fen, adj.new_amount_fen, adj.reason) == (5_059, 6_000, "水表读数更正")
        assert check_ledger(s) == []
    assert page.ledger.header.not_due_fen == 6_000 - 5_059


def test_clerks_see_no_adjust_button(qtbot, runner, session_factory, users):
    room = make_room_with_bills(session_factory, months=1)
    page = RoomLedgerPage(runner, users[Role.CLERK], today=lambda: TODAY)
    qtbot.addWidget(page)
    page.load(room.room_id)
    assert not page.adjust_button.isVisibleTo(page)


def test_the_first_start_of_the_day_updates_the_late_fees_in_steps(qtbot, runner, ui_settings, db_url, users,
                                                                     session_factory):
    make_room_with_bills(session_factory, months=3, monthly_fen=10_000)
    with session_factory.begin() as s:
        policy = LateFeePolicyRow(name="合同第12条", daily_rate_ppm=300, valid_from=date(2020, 1, 1))
        s.add(policy)
        s.flush()
        from sqlalchemy import update

        from cuijiao_desktop.db.models import FeeItem

        s.execute(update(FeeItem).values(late_fee_policy_id=policy.id))
    w = MainWindow(runner, users[Role.COLLECTOR], ui_settings, db_url=db_url, db_description=describe_url(db_url),
                   today=lambda: TODAY)
    qtbot.addWidget(w)
    w.assess_late_fees()
    assert "3" in w.statusBar().currentMessage() and "2026-07-03" in w.statusBar().currentMessage()
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(LateFeeAssessment)) == 3
    w.assess_late_fees()  # the same office day: already done
    assert w.statusBar().currentMessage() == "Late fees are up to date (updated today)."
