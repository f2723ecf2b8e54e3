"""The front-desk flow on the real main window: search → room ledger → part payment → reversal."""

from __future__ import annotations

import json
from datetime import date

import pytest
from factories import make_room_with_bills
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from cuijiao_desktop.db.engine import describe_url
from cuijiao_desktop.db.models import AuditLog, Bill, Payment, PaymentAllocation
from cuijiao_desktop.domain.enums import PaymentKind, PaymentMethod, Role
from cuijiao_desktop.services.payments import ledger_discrepancies, room_balance
from cuijiao_desktop.views.main_window import MainWindow

TODAY = date(2026, 9, 1)


pytestmark = pytest.mark.usefixtures("no_viewer")


def test_search_open_ledger_take_part_payment_then_reverse_it(qtbot, runner, ui_settings, db_url, users,
                                                              session_factory, tmp_path):
    room = make_room_with_bills(session_factory, months=6, monthly_fen=25_000)  # 2026-01..06, 1,500.00 owed
    make_room_with_bills(session_factory, months=2, code="3-2-1501")  # a neighbour the search also finds
    manager = users[Role.MANAGER]
    window = MainWindow(runner, manager, ui_settings, db_url=db_url, db_description=describe_url(db_url),
                        today=lambda: TODAY)
    window.room_ledger_page._receipts_folder = lambda: tmp_path / "receipts"
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)

    # 1. search: Ctrl+F, type the room, the popup lists it, Enter opens the best hit
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    with qtbot.waitSignal(window.search.sig_results, timeout=3000):
        QTest.keyClicks(window.search_box, "3-2-1502")
    popup = window.search.popup
    assert popup.isVisible() and popup.model.rowCount() >= 1
    assert popup.model.row_at(0).room_id == room.room_id
    with qtbot.waitSignal(window.search.sig_open_room, timeout=3000):
        QTest.keyClick(window.search_box, Qt.Key.Key_Return)

    # 2. the room ledger
    page = window.room_ledger_page
    assert window.current_page() is page
    assert page.ledger.header.room_id == room.room_id
    assert page.fig_arrears.value.text() == "¥1,500.00"
    assert page.fig_paid_through.value.text() == "nothing paid"

    # 3. 收款 with F9: a part payment of 600.00 (two months and 100.00 of the third)
    QTest.keyClick(window, Qt.Key.Key_F9)
    dialog = page.payment_dialog
    assert dialog.isVisible()
    dialog.amount_edit.setFocus()
    QTest.keyClicks(dialog.amount_edit, "600")
    assert dialog.plan.lines == ((room.bill_ids[0], 25_000), (room.bill_ids[1], 25_000), (room.bill_ids[2], 10_000))
    dialog.method_combo.setCurrentIndex(dialog.method_combo.findData(PaymentMethod.CASH.value))
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    receipt = dialog.receipt
    assert receipt is not None and dialog.done_page.number.text() == receipt.receipt_no
    assert dialog.receipt_path is not None and dialog.receipt_path.exists()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    with session_factory() as s:
        payment = s.scalars(select(Payment).where(Payment.kind == PaymentKind.PAYMENT)).one()
        assert (payment.amount_fen, payment.receipt_no, payment.operator_id) == (60_000, receipt.receipt_no, manager.id)
        allocations = s.execute(select(PaymentAllocation.bill_id, PaymentAllocation.amount_fen)
                                .where(PaymentAllocation.payment_id == payment.id)
                                .order_by(PaymentAllocation.bill_id)).all()
        assert allocations == [(room.bill_ids[0], 25_000), (room.bill_ids[1], 25_000), (room.bill_ids[2], 10_000)]
        assert s.scalars(select(Bill.paid_fen).where(Bill.room_id == room.room_id).order_by(Bill.period)).all() == [
            25_000, 25_000, 10_000, 0, 0, 0]
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "payment.record")).one()
        assert audit.username == manager.username and json.loads(audit.detail)["receipt_no"] == receipt.receipt_no
        assert room_balance(s, room.room_id).outstanding_fen == 90_000

    # the ledger refreshed itself
    assert page.fig_arrears.value.text() == "¥900.00"
    assert page.fig_paid_through.value.text() == "2026-02"
    assert page.payments_model.rowCount() == 1

    # 4. 冲正 the payment from the payments tab
    page.tabs.setCurrentIndex(1)
    page.payments_view.selectRow(0)
    assert page.reverse_button.isEnabled()
    qtbot.mouseClick(page.reverse_button, Qt.MouseButton.LeftButton)
    reversal = page.reversal_dialog
    reversal.reason_edit.insertPlainText("收款金额录错，重新收取")
    qtbot.mouseClick(reversal.confirm_button, Qt.MouseButton.LeftButton)
    assert reversal.receipt is not None and reversal.receipt.kind is PaymentKind.REVERSAL
    qtbot.mouseClick(reversal.close_button, Qt.MouseButton.LeftButton)

    with session_factory() as s:
        assert room_balance(s, room.room_id).outstanding_fen == 150_000
        assert s.scalars(select(Bill.paid_fen).where(Bill.room_id == room.room_id)).all() == [0] * 6
        assert s.scalar(select(AuditLog.id).where(AuditLog.action == "payment.reverse")) is not None
        assert ledger_discrepancies(s) == []
    assert page.fig_arrears.value.text() == "¥1,500.00"
    assert page.payments_model.rowCount() == 2
    assert not page.reverse_button.isEnabled()  # the newest row is the reversal

    # 5. back to where we came from (a shortcut needs the active window: the dialogs just closed may have held it)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    QTest.keyClick(page, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_page() is not page
