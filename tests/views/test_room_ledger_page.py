"""The room ledger page and MainWindow.open_room."""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_room_with_bills
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cuijiao_desktop.db.engine import describe_url
from cuijiao_desktop.domain.enums import PaymentMethod, Role
from cuijiao_desktop.services.payments import record_payment
from cuijiao_desktop.services.room_ledger import CellStatus
from cuijiao_desktop.views.main_window import MainWindow
from cuijiao_desktop.views.models.ledger_models import (
    BUCKET_COLOURS,
    PAID_COLOURS,
    CellRole,
    LedgerGridModel,
    OpenBillsModel,
    PaymentLinesModel,
    PaymentsModel,
    SortRole,
    TimelineModel,
)
from cuijiao_desktop.views.pages.room_ledger_page import RoomLedgerPage

TODAY = date(2026, 9, 1)


@pytest.fixture
def window(qtbot, runner, ui_settings, db_url, users) -> MainWindow:
    w = MainWindow(
        runner, users[Role.CLERK], ui_settings, db_url=db_url, db_description=describe_url(db_url), today=lambda: TODAY
    )
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_open_room_shows_ledger_outside_navigation_and_back_returns(qtbot, window, session_factory):
    room = make_room_with_bills(session_factory, months=3)
    window.show_page(2)
    window.open_room(room.room_id)
    page = window.room_ledger_page
    assert window.current_page() is page
    assert window.ui.navList.currentRow() == -1
    assert page.ledger is not None and page.ledger.header.room_id == room.room_id
    assert "3-2-1502" in page.room_label.text()
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert window.ui.navList.currentRow() == 2
    assert window.ui.pageStack.currentIndex() == 2


def test_alt_left_goes_back(qtbot, window, session_factory):
    room = make_room_with_bills(session_factory, months=1)
    window.show_page(1)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    window.open_room(room.room_id)
    QTest.keyClick(window.room_ledger_page, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.ui.navList.currentRow() == 1


def test_unknown_room_shows_reason_inline(window):
    window.open_room(999_999)
    assert window.room_ledger_page.error_label.isVisible()


# --- the page on its own -------------------------------------------------------------------------


@pytest.fixture
def paid_room(session_factory, users):
    room = make_room_with_bills(session_factory, months=8, monthly_fen=25_000)  # 2026-01..08
    with session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=60_000,
                       paid_on=date(2026, 3, 1), method=PaymentMethod.WECHAT, today=date(2026, 3, 1))
    return room


@pytest.fixture
def page(qtbot, runner, users, ui_settings, tmp_path):
    def make(role=Role.MANAGER) -> RoomLedgerPage:
        p = RoomLedgerPage(runner, users[role], today=lambda: TODAY, settings=ui_settings,
                           receipts_folder=lambda: tmp_path / "receipts")
        qtbot.addWidget(p)
        p.resize(1100, 760)
        p.show()
        return p

    return make


def test_page_shows_header_grid_payments_timeline(page, paid_room, tmp_path):
    p = page()
    p.load(paid_room.room_id)
    h = p.ledger.header
    assert h.paid_through == 202602
    assert p.fig_paid_through.value.text() == "2026-02"
    assert p.fig_arrears.value.text() == "¥1,400.00"  # Mar rest 150 + Apr..Aug 1250 (as of 09-01)
    assert "张三" in p.info_people.text()
    # grid: newest period first, March part paid, colours from the legend
    grid = p.grid_model
    assert grid.rowCount() == 8 and grid.columnCount() == 2
    assert grid.data(grid.index(0, 0)) == "2026-08"
    march = grid.index(5, 1)
    cell = grid.data(march, CellRole)
    assert cell.status is CellStatus.PART_PAID and "150.00" in grid.data(march)
    jan = grid.index(7, 1)
    assert grid.data(jan, Qt.ItemDataRole.BackgroundRole).color().name().upper() == PAID_COLOURS[0]
    assert grid.data(march, Qt.ItemDataRole.BackgroundRole).color().name().upper() == BUCKET_COLOURS[cell.bucket][0]
    assert "2026-03-10" in grid.data(march, Qt.ItemDataRole.ToolTipRole)
    # payments with lines; the newest is selected
    assert p.payments_model.rowCount() == 1
    assert p.lines_model.rowCount() == 3
    assert p.reverse_button.isEnabled()
    p.grab().save(str(tmp_path / "ledger.png"))


def test_clerk_sees_no_reverse_button(page, paid_room):
    p = page(Role.CLERK)
    p.load(paid_room.room_id)
    assert p.pay_button.isVisible() and not p.reverse_button.isVisible()


def test_models_pass_the_model_tester(qtmodeltester, session_factory, paid_room):
    from cuijiao_desktop.services.room_ledger import payment_context, room_ledger

    with session_factory() as s:
        ledger = room_ledger(s, room_id=paid_room.room_id, today=TODAY)
        ctx = payment_context(s, room_id=paid_room.room_id, today=TODAY)
    grid = LedgerGridModel()
    grid.set_rows(ledger.rows, ledger.fee_items, TODAY)
    qtmodeltester.check(grid)
    assert grid.data(grid.index(0, 1), SortRole) == 25_000
    payments = PaymentsModel()
    payments.set_rows(ledger.payments)
    qtmodeltester.check(payments)
    lines = PaymentLinesModel()
    lines.set_rows(ledger.payments[0].lines)
    qtmodeltester.check(lines)
    timeline = TimelineModel()
    timeline.set_rows(ledger.timeline)
    qtmodeltester.check(timeline)
    bills = OpenBillsModel()
    bills.set_rows(ctx.bills)
    bills.set_checked(ctx.bills[1].bill_id, True)
    bills.set_preview({ctx.bills[0].bill_id: 100}, {})
    qtmodeltester.check(bills)
    assert bills.checked_ids() == [ctx.bills[1].bill_id]
    for model in (grid, payments, lines, timeline, bills):
        model.set_rows([])
        assert model.rowCount() == 0
