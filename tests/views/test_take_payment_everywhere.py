"""收款 (F9) takes the selected room on every page: the arrears table, the rooms page, the search
results; and the arrears page keeps the arrears cache fresh in the background."""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_room_with_bills
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from cuijiao_desktop.db.engine import describe_url
from cuijiao_desktop.db.models import ArrearsDirty, Payment
from cuijiao_desktop.domain.enums import PaymentMethod, Role
from cuijiao_desktop.services.arrears_cache import arrears_cache_discrepancies, arrears_cache_status
from cuijiao_desktop.views.actions import NAV_IDS, ActionId
from cuijiao_desktop.views.main_window import MainWindow

TODAY = date(2026, 9, 1)


pytestmark = pytest.mark.usefixtures("no_viewer")


@pytest.fixture
def rooms(session_factory):
    a = make_room_with_bills(session_factory, months=6, monthly_fen=25_000, code="3-2-1502")
    b = make_room_with_bills(session_factory, months=2, monthly_fen=10_000, code="3-2-1501", first_period=202607)
    c = make_room_with_bills(session_factory, months=3, monthly_fen=30_000, code="5-1-101", estate_code="T2")
    return {"a": a.room_id, "b": b.room_id, "c": c.room_id}


@pytest.fixture
def window(qtbot, runner, ui_settings, db_url, users, tmp_path):
    w = MainWindow(runner, users[Role.CLERK], ui_settings, db_url=db_url, db_description=describe_url(db_url),
                   today=lambda: TODAY)
    w.room_ledger_page._receipts_folder = lambda: tmp_path / "receipts"
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    assert QTest.qWaitForWindowActive(w)
    return w


def _page(window: MainWindow, action_id: ActionId):
    window.show_page(NAV_IDS.index(action_id))
    return window.current_page()


def _pay_everything(qtbot, dialog, amount: str) -> None:
    dialog.amount_edit.setFocus()
    QTest.keyClicks(dialog.amount_edit, amount)
    dialog.method_combo.setCurrentIndex(dialog.method_combo.findData(PaymentMethod.CASH.value))
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.receipt is not None
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)


def test_f9_on_the_arrears_table_takes_the_selected_room(qtbot, window, rooms, session_factory):
    page = _page(window, ActionId.NAV_ARREARS)
    codes = [r.room_code for r in page.model.rows()]
    assert codes == ["3-2-1502", "5-1-101", "3-2-1501"]
    page.table.selectRow(codes.index("3-2-1501"))
    page.table.setFocus()
    QTest.keyClick(window, Qt.Key.Key_F9)
    dialog = window.room_ledger_page.payment_dialog
    assert dialog is not None and dialog.isVisible() and dialog._room_id == rooms["b"]
    assert window.current_page() is page  # the list stays behind the dialog
    _pay_everything(qtbot, dialog, "200")
    with session_factory() as s:
        assert s.scalar(select(Payment.room_id)) == rooms["b"]
    # the list on screen shows the payment at once: 3-2-1501 is no longer in arrears
    assert [r.room_code for r in page.model.rows()] == ["3-2-1502", "5-1-101"]
    assert page.selected_room_id() is not None


def test_f9_on_the_rooms_page_takes_the_selected_room(qtbot, window, rooms):
    page = _page(window, ActionId.NAV_OWNERS)
    row = next(i for i, r in enumerate(page.model.rows()) if r.room_id == rooms["c"])
    page.table.selectRow(row)
    QTest.keyClick(window, Qt.Key.Key_F9)
    dialog = window.room_ledger_page.payment_dialog
    assert dialog is not None and dialog._room_id == rooms["c"]
    dialog.reject()
    assert page.selected_room_id() == rooms["c"]


def test_f9_in_the_search_results_takes_the_highlighted_hit(qtbot, window, rooms):
    _page(window, ActionId.NAV_WORKBENCH)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(window.search.sig_results, timeout=3000):
        QTest.keyClicks(window.search_box, "5-1-101")
    assert window.search.popup.isVisible()
    QTest.keyClick(window.search_box, Qt.Key.Key_F9)
    dialog = window.room_ledger_page.payment_dialog
    assert dialog is not None and dialog._room_id == rooms["c"]
    assert not window.search.popup.isVisible()
    dialog.reject()


def test_f9_without_a_selected_room_says_what_to_do(zh, qtbot, window, rooms):
    _page(window, ActionId.NAV_WORKBENCH)
    QTest.keyClick(window, Qt.Key.Key_F9)
    assert getattr(window.room_ledger_page, "payment_dialog", None) is None
    assert window.statusBar().currentMessage() == "请先在列表中选中一个房间，或按 Ctrl+F 搜索，再按 F9 收款。"


def test_the_arrears_page_refreshes_the_cache_after_a_load(qtbot, window, rooms, session_factory):
    with session_factory() as s:
        assert arrears_cache_status(s).as_of is None  # never built
    page = _page(window, ActionId.NAV_ARREARS)
    assert len(page.model.rows()) == 3
    with session_factory() as s:
        status = arrears_cache_status(s)
        assert (status.as_of, status.dirty_rooms, status.cached_rooms) == (TODAY, 0, 3)
    page.table.selectRow(0)
    QTest.keyClick(window, Qt.Key.Key_F9)
    _pay_everything(qtbot, window.room_ledger_page.payment_dialog, "100")
    with session_factory() as s:  # the reload after the payment met the dirty room and refreshed it
        assert s.scalars(select(ArrearsDirty.room_id)).all() == []
        assert arrears_cache_discrepancies(s) == []
