"""The payment and reversal dialogs driven with qtbot, checked against the database."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest
from factories import assess_late_fees, make_room_with_bills
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import func, select

from cuijiao_desktop.db.models import (
    AuditLog,
    LateFeeAssessment,
    LateFeeWaiver,
    Payment,
    PaymentAllocation,
)
from cuijiao_desktop.domain.enums import PaymentKind, PaymentMethod, Role
from cuijiao_desktop.services.payments import ledger_discrepancies, record_payment, room_balance
from cuijiao_desktop.services.room_ledger import room_ledger
from cuijiao_desktop.views.dialogs.payment_dialog import PaymentDialog
from cuijiao_desktop.views.dialogs.reversal_dialog import ReversalDialog

TODAY = date(2026, 6, 20)


pytestmark = pytest.mark.usefixtures("no_viewer")


@pytest.fixture
def room(session_factory):
    """Three 100.00 bills 2026-01..03 with assessed late fees 5.00 / 3.00 / 1.00."""
    r = make_room_with_bills(session_factory, months=3, monthly_fen=10_000)
    assess_late_fees(session_factory, dict(zip(r.bill_ids, (500, 300, 100), strict=True)), as_of=TODAY)
    return r


@pytest.fixture
def make_dialog(qtbot, runner, users, tmp_path):
    def make(role=Role.CLERK, room_id=None) -> PaymentDialog:
        d = PaymentDialog(runner, users[role], room_id, today=TODAY, receipts_folder=tmp_path / "receipts")
        qtbot.addWidget(d)
        d.show()
        return d

    return make


def _type_amount(dialog, text):
    dialog.amount_edit.clear()
    QTest.keyClicks(dialog.amount_edit, text)


def test_part_payment_oldest_first_preview_then_saved_with_audit_and_pdf(
        qtbot, make_dialog, room, session_factory, tmp_path):
    d = make_dialog(room_id=room.room_id)
    assert d.bills_model.rowCount() == 3
    assert d.late_fee_check.isVisible() and d.late_fee_check.isChecked()
    d.late_fee_check.setChecked(False)
    _type_amount(d, "150")
    assert d.plan.lines == ((room.bill_ids[0], 10_000), (room.bill_ids[1], 5_000))
    assert "2" in d.preview_label.text()
    assert d.bills_model.data(d.bills_model.index(1, d.bills_model.Column.PAYS)) == "¥50.00"
    d.method_combo.setCurrentIndex(d.method_combo.findData(PaymentMethod.WECHAT.value))
    d.reference_edit.setText("4200000001")
    qtbot.mouseClick(d.confirm_button, Qt.MouseButton.LeftButton)
    assert d.receipt is not None and d.done_page.number.text() == d.receipt.receipt_no
    assert d.receipt_path is not None and d.receipt_path.exists()
    assert d.done_page.open_button.isEnabled()
    with session_factory() as s:
        pay = s.scalars(select(Payment)).one()
        assert (pay.amount_fen, pay.method, pay.reference) == (15_000, PaymentMethod.WECHAT, "4200000001")
        allocs = s.execute(select(PaymentAllocation.bill_id, PaymentAllocation.amount_fen)
                           .order_by(PaymentAllocation.bill_id)).all()
        assert allocs == [(room.bill_ids[0], 10_000), (room.bill_ids[1], 5_000)]
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "payment.record")).one()
        assert json.loads(audit.detail)["amount_fen"] == 15_000
        assert ledger_discrepancies(s) == []


def test_enter_in_the_amount_goes_to_confirm_and_only_then_books(qtbot, make_dialog, room, session_factory):
    d = make_dialog(room_id=room.room_id)
    d.late_fee_check.setChecked(False)
    d.amount_edit.setFocus()
    _type_amount(d, "80")
    QTest.keyClick(d.amount_edit, Qt.Key.Key_Return)
    assert d.amount_edit.text() == "80"  # not replaced by "everything owed"
    assert d.focusWidget() is d.confirm_button
    with session_factory() as s:
        assert s.scalars(select(Payment)).all() == []
    QTest.keyClick(d.confirm_button, Qt.Key.Key_Return)
    assert d.receipt is not None
    with session_factory() as s:
        assert [p.amount_fen for p in s.scalars(select(Payment))] == [8_000]


def test_ctrl_enter_books_from_anywhere(qtbot, make_dialog, room, session_factory):
    d = make_dialog(room_id=room.room_id)
    _type_amount(d, "100")
    QTest.keyClick(d.reference_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert d.receipt is not None


def test_ticked_bills_are_paid_and_the_rest_is_credit(qtbot, make_dialog, room, session_factory):
    d = make_dialog(room_id=room.room_id)
    d.late_fee_check.setChecked(False)
    third = d.bills_model.index(2, 0)
    d.bills_model.setData(third, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    _type_amount(d, "120.50")
    assert d.plan.lines == ((room.bill_ids[2], 10_000),) and d.plan.credit_fen == 2_050
    assert "¥20.50" in d.preview_label.text()
    qtbot.mouseClick(d.confirm_button, Qt.MouseButton.LeftButton)
    with session_factory() as s:
        assert room_balance(s, room.room_id).credit_fen == 2_050


def test_everything_owed_with_late_fees(qtbot, make_dialog, room, session_factory):
    d = make_dialog(room_id=room.room_id)
    qtbot.mouseClick(d.all_button, Qt.MouseButton.LeftButton)
    assert d.amount_edit.text() == "309.00"
    assert d.plan.late_fee_fen == 900 and d.plan.credit_fen == 0
    qtbot.mouseClick(d.confirm_button, Qt.MouseButton.LeftButton)
    with session_factory() as s:
        assert s.scalar(select(func.sum(LateFeeAssessment.paid_fen))) == 900
        assert room_ledger(s, room_id=room.room_id, today=TODAY).header.arrears_fen == 0


def test_invalid_amount_is_shown_beside_the_field_and_nothing_saved(qtbot, make_dialog, room, session_factory):
    d = make_dialog(room_id=room.room_id)
    _type_amount(d, "12.345")
    assert d.amount_error.isVisible() and d.amount_error.text()
    qtbot.mouseClick(d.confirm_button, Qt.MouseButton.LeftButton)
    assert d.receipt is None
    _type_amount(d, "")
    qtbot.mouseClick(d.confirm_button, Qt.MouseButton.LeftButton)
    assert d.amount_error.text()
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 0


def test_failed_save_keeps_everything_typed(qtbot, make_dialog, room, session_factory, users):
    d = make_dialog(room_id=room.room_id)
    d.late_fee_check.setChecked(False)
    d.bills_model.setData(d.bills_model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    _type_amount(d, "100")
    d.reference_edit.setText("REF-1")
    # another desk pays the ticked bill meanwhile: the chosen bill is no longer open
    with session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=10_000, paid_on=TODAY,
                       method=PaymentMethod.CASH, chosen_bill_ids=[room.bill_ids[0]], today=TODAY)
    qtbot.mouseClick(d.confirm_button, Qt.MouseButton.LeftButton)
    assert d.receipt is None
    assert d.general_error.isVisible() and d.general_error.text()
    assert d.amount_edit.text() == "100" and d.reference_edit.text() == "REF-1"
    assert d.bills_model.checked_ids() == [room.bill_ids[0]]
    assert d.confirm_button.isEnabled() and d.stack.currentIndex() == 0


def test_waiver_only_for_managers(qtbot, make_dialog, room, session_factory):
    clerk = make_dialog(Role.CLERK, room.room_id)
    assert not clerk.waive_button.isVisible()
    manager = make_dialog(Role.MANAGER, room.room_id)
    assert manager.waive_button.isVisible()
    manager.bills_view.selectRow(0)
    assert manager.waive_button.isEnabled()
    manager.waive(room.bill_ids[0], "5", "首次逾期，主动缴清")
    with session_factory() as s:
        waiver = s.scalars(select(LateFeeWaiver)).one()
        assert (waiver.bill_id, waiver.amount_fen) == (room.bill_ids[0], 500)
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "late_fee.waive")) == 1
    # reloaded: the waived fee is no longer due
    assert manager.context.bills[0].late_fee_due_fen == 0
    assert manager.context.late_fee_due_fen == 400


def test_waiver_error_is_shown(qtbot, make_dialog, room):
    manager = make_dialog(Role.MANAGER, room.room_id)
    manager.waive(room.bill_ids[0], "50", "too much")
    assert manager.general_error.isVisible() and "5.00" in manager.general_error.text()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_reversal_dialog_needs_a_reason_and_restores_the_balance(qtbot, runner, users, room, session_factory,
                                                                   tmp_path):
    with session_factory.begin() as s:
        receipt = record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=15_000,
                                 paid_on=TODAY, method=PaymentMethod.CASH, today=TODAY)
    with session_factory() as s:
        payment = room_ledger(s, room_id=room.room_id, today=TODAY).payments[0]
    d = ReversalDialog(runner, users[Role.MANAGER], payment, room_code="3-2-1502", today=TODAY,
                       receipts_folder=tmp_path)
    qtbot.addWidget(d)
    d.show()
    qtbot.mouseClick(d.confirm_button, Qt.MouseButton.LeftButton)
    assert d.reason_error.isVisible() and d.receipt is None
    d.reason_edit.insertPlainText("金额录错")  # QTest types ASCII only
    qtbot.mouseClick(d.confirm_button, Qt.MouseButton.LeftButton)
    assert d.receipt is not None and d.receipt.kind is PaymentKind.REVERSAL
    assert d.receipt_path is not None and d.receipt_path.exists()
    with session_factory() as s:
        assert room_balance(s, room.room_id).outstanding_fen == 30_000
        assert s.scalar(select(Payment.reverses_id).where(Payment.kind == PaymentKind.REVERSAL)) == receipt.payment_id
        assert ledger_discrepancies(s) == []


def test_clerk_reversal_is_refused_with_the_reason_shown(qtbot, runner, users, room, session_factory, tmp_path):
    with session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=15_000, paid_on=TODAY,
                       method=PaymentMethod.CASH, today=TODAY)
    with session_factory() as s:
        payment = room_ledger(s, room_id=room.room_id, today=TODAY).payments[0]
    d = ReversalDialog(runner, users[Role.CLERK], payment, room_code="3-2-1502", today=TODAY,
                       receipts_folder=tmp_path)
    qtbot.addWidget(d)
    d.reason_edit.insertPlainText("试一试冲正")
    qtbot.mouseClick(d.confirm_button, Qt.MouseButton.LeftButton)
    assert d.receipt is None and d.general_error.text()
    assert d.reason_edit.toPlainText() == "试一试冲正"
