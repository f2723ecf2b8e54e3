"""The main window shell: status bar, navigation, permissions, workbench figures, backup."""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_room_with_bills
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cuijiao_desktop.db.engine import describe_url
from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.services.overview import office_overview
from cuijiao_desktop.settings import Keys
from cuijiao_desktop.views.actions import NAV_IDS, ActionId
from cuijiao_desktop.views.main_window import MainWindow
from cuijiao_desktop.views.pages.placeholder import PlaceholderPage
from cuijiao_desktop.views.pages.workbench import WorkbenchPage

TODAY = date(2026, 9, 1)


@pytest.fixture
def make_window(qtbot, runner, ui_settings, db_url):
    def make(user) -> MainWindow:
        window = MainWindow(
            runner, user, ui_settings, db_url=db_url, db_description=describe_url(db_url), today=lambda: TODAY
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def test_status_bar_shows_database_and_user_with_role(zh, make_window, users, db_url):
    window = make_window(users[Role.CLERK])
    assert describe_url(db_url) in window.db_label.text()
    assert window.db_label.isVisible()
    assert window.user_label.text() == "用户：测试clerk（前台）"


def test_ctrl_1_to_8_switch_pages(qtbot, make_window, users):
    window = make_window(users[Role.MANAGER])
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)  # shortcuts need the active window
    keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4,
            Qt.Key.Key_5, Qt.Key.Key_6, Qt.Key.Key_7, Qt.Key.Key_8]
    for index in [3, 7, 0, 1, 2, 4, 5, 6]:
        QTest.keyClick(window, keys[index], Qt.KeyboardModifier.ControlModifier)
        assert window.ui.pageStack.currentIndex() == index
        assert window.ui.navList.currentRow() == index
    assert window.current_page() is window.pages[NAV_IDS[6]]


def test_clicking_the_navigation_list_switches_page(qtbot, make_window, users):
    window = make_window(users[Role.CLERK])
    item = window.ui.navList.item(2)
    rect = window.ui.navList.visualItemRect(item)
    qtbot.mouseClick(window.ui.navList.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page() is window.pages[ActionId.NAV_ARREARS]


def test_admin_only_actions_are_hidden_for_a_clerk_and_a_manager(make_window, users):
    clerk = make_window(users[Role.CLERK])
    assert not clerk.actions[ActionId.BACKUP].isVisible()
    assert not clerk.actions[ActionId.BACKUP].isEnabled()
    tools = clerk.menus["tools"]
    assert ActionId.BACKUP.value not in [a.data() for a in tools.actions() if a.isVisible()]
    manager = make_window(users[Role.MANAGER])
    assert not manager.actions[ActionId.BACKUP].isVisible()  # a backup holds every owner's data
    admin = make_window(users[Role.ADMIN])
    assert admin.actions[ActionId.BACKUP].isVisible()


def test_pages_not_built_yet_say_so(zh, make_window, users):
    window = make_window(users[Role.CLERK])
    placeholders = [p for p in window.pages.values() if isinstance(p, PlaceholderPage)]
    assert ActionId.NAV_OWNERS not in {k for k, p in window.pages.items() if isinstance(p, PlaceholderPage)}
    for page in placeholders:
        assert page.text().startswith("此功能将在后续版本提供：")


def test_workbench_shows_figures_that_match_the_database(zh, make_window, users, session_factory):
    make_room_with_bills(session_factory, months=6, monthly_fen=25_000, code="3-2-1502")
    make_room_with_bills(session_factory, months=2, monthly_fen=12_345, code="3-2-1503")
    with session_factory() as s:
        expected = office_overview(s, today=TODAY)
    assert expected.rooms == 2 and expected.arrears_fen > 0

    window = make_window(users[Role.CLERK])
    page = window.pages[ActionId.NAV_WORKBENCH]
    assert isinstance(page, WorkbenchPage)
    assert page.overview == expected
    assert page.summary_label.text() == f"2 户 · 欠费 {expected.rooms_in_arrears} 户 · 逾期欠费 " \
        f"{format_money(expected.arrears_fen)}"
    assert all(card.value.text() == "0" for card in page.cards.values())  # no collection work yet

    make_room_with_bills(session_factory, months=1, monthly_fen=100, code="3-2-1504")
    window.actions[ActionId.REFRESH].trigger()
    assert page.overview.rooms == 3 and page.summary_label.text().startswith("3 户")


def test_settings_page_shows_office_and_user(zh, make_window, users):
    window = make_window(users[Role.FINANCE])
    window.show_page(7)
    page = window.pages[ActionId.NAV_SETTINGS]
    assert page.office is not None
    assert page.role_label.text() == "财务"


def test_search_box_is_always_visible_and_enabled(qtbot, make_window, users):
    window = make_window(users[Role.CLERK])
    assert window.search_box.isVisible()
    assert window.search_box.isEnabled()
    assert "later version" not in window.search_box.toolTip()


def test_geometry_is_remembered(qtbot, make_window, users, ui_settings):
    window = make_window(users[Role.CLERK])
    window.resize(760, 580)  # the offscreen screen is 800x600
    window.close()
    assert not ui_settings.get(Keys.MAIN_GEOMETRY).isEmpty()
    again = make_window(users[Role.CLERK])
    assert (again.width(), again.height()) == (760, 580)


def test_backup_writes_a_copy(make_window, users, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown, warned = [], []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a))
    refused = tmp_path / "backup" / "manager.sqlite3"
    make_window(users[Role.MANAGER]).run_backup(refused)  # backups hold every owner's data: administrators only
    assert warned and not refused.exists()
    window = make_window(users[Role.ADMIN])
    out = tmp_path / "backup" / "copy.sqlite3"
    window.run_backup(out)
    assert out.exists() and out.stat().st_size > 0
    assert shown
    assert window._settings.last_folder("backup") == str(out.parent)


def test_log_out_emits_and_closes(qtbot, make_window, users):
    window = make_window(users[Role.CLERK])
    with qtbot.waitSignal(window.sig_logout_requested):
        window.actions[ActionId.LOGOUT].trigger()
    assert not window.isVisible()
