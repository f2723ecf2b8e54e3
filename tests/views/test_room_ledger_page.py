"""The room ledger page and MainWindow.open_room."""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_room_with_bills
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cuijiao_desktop.db.engine import describe_url
from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.views.main_window import MainWindow

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
