"""Today's work, the 催缴记录 page, the call list in the arrears table, the ledger's limitation line and
the contact rules, driven through their widgets."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from factories import make_room_with_bills
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTabWidget
from sqlalchemy import select

from cuijiao_desktop.db.models import AuditLog, CollectionCase, Contact, ContactEvent, Promise, RoomPerson
from cuijiao_desktop.domain.enums import CallOutcome, Channel, ContactKind, PromiseStatus, Role, Stage
from cuijiao_desktop.services.contacts import contact_rules
from cuijiao_desktop.services.worklist import WorkKind
from cuijiao_desktop.views.collection.log_tab import ContactLogTab
from cuijiao_desktop.views.collection.rules_section import ContactRulesSection
from cuijiao_desktop.views.models.arrears_model import ArrearsTableModel
from cuijiao_desktop.views.pages.arrears_page import ArrearsPage
from cuijiao_desktop.views.pages.collection_page import CollectionPage
from cuijiao_desktop.views.pages.room_ledger_page import RoomLedgerPage
from cuijiao_desktop.views.pages.workbench import WorkbenchPage

TODAY = date(2026, 9, 1)
Col = ArrearsTableModel.Column


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour)).astimezone().astimezone(UTC)


@pytest.fixture
def office(session_factory, users):
    """3-2-1502 (the collector's case, a follow-up due, a promise due tomorrow), 3-2-1501 (nobody's),
    1-1-101 (bills since 2023-07: the first periods run out soon)."""
    a = make_room_with_bills(session_factory, months=6, monthly_fen=25_000, code="3-2-1502")
    b = make_room_with_bills(session_factory, months=2, monthly_fen=10_000, code="3-2-1501", first_period=202606)
    old = make_room_with_bills(session_factory, months=3, monthly_fen=20_000, code="1-1-101", first_period=202309)
    collector = users[Role.COLLECTOR]
    with session_factory.begin() as s:
        for room, phone in ((a, "13800138000"), (b, "13900139000")):
            owner = s.scalar(select(RoomPerson.person_id).where(RoomPerson.room_id == room.room_id))
            s.add(Contact(person_id=owner, kind=ContactKind.MOBILE, value=phone, last4=phone[-4:], is_primary=True))
        s.add(CollectionCase(room_id=a.room_id, stage=Stage.PHONE, collector_id=collector.id, opened_on=date(2026, 2, 1)))
        s.add(CollectionCase(room_id=old.room_id, stage=Stage.PHONE, collector_id=collector.id,
                             opened_on=date(2023, 10, 1)))
        s.add(ContactEvent(room_id=a.room_id, channel=Channel.PHONE, outcome=CallOutcome.NO_ANSWER,
                           occurred_at=_at(TODAY - timedelta(days=2)), next_follow_up=TODAY, user_id=collector.id,
                           number_dialled="13800138000"))
        call = ContactEvent(room_id=b.room_id, channel=Channel.PHONE, outcome=CallOutcome.PROMISED,
                            occurred_at=_at(TODAY - timedelta(days=1), 15), next_follow_up=TODAY + timedelta(days=1),
                            user_id=users[Role.CLERK].id, number_dialled="13900139000")
        s.add(call)
        s.flush()
        s.add(Promise(room_id=b.room_id, made_on=TODAY - timedelta(days=1), due_date=TODAY + timedelta(days=1),
                      amount_fen=20_000, created_by_id=users[Role.CLERK].id, contact_event_id=call.id))
    return {"a": a.room_id, "b": b.room_id, "old": old.room_id}


def _show(qtbot, widget, signal=None, size=(1300, 760)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()  # shortcuts (Enter on a table) need the active window
    assert QTest.qWaitForWindowActive(widget)
    if signal is not None:
        with qtbot.waitSignal(signal, timeout=3000):
            widget.activate()
    return widget


def test_workbench_cards_open_the_list_behind_each_count(zh, qtbot, runner, users, office):
    page = _show(qtbot, WorkbenchPage(runner, users[Role.COLLECTOR], today=lambda: TODAY))
    with qtbot.waitSignal(page.sig_loaded, timeout=3000):
        page.activate()
    assert page.status_label.text().startswith("更新于"), page.status_label.text()
    counts = {k: c.value.text() for k, c in page.cards.items()}
    assert counts[WorkKind.CALL] == "1" and counts[WorkKind.LIMITATION] == "1"
    assert counts[WorkKind.PROMISE_DUE] == "0"  # room b is nobody's: not the collector's work
    assert not page.view_combo.isVisible()  # a collector sees their own work only
    assert page.list_label.text() == f"今日全部工作：{page.model.rowCount()}"
    qtbot.mouseClick(page.cards[WorkKind.LIMITATION], Qt.MouseButton.LeftButton)
    assert page.cards[WorkKind.LIMITATION].isChecked() and page.model.rowCount() == 1
    item = page.model.row_at(0)
    assert item.kind is WorkKind.LIMITATION and item.room_id == office["old"]
    assert page.list_label.text() == "诉讼时效将届满：1"
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus, timeout=2000)
    with qtbot.waitSignal(page.sig_handle) as handled:
        QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert handled.args[0] == item
    qtbot.mouseClick(page.cards[WorkKind.LIMITATION], Qt.MouseButton.LeftButton)  # again: everything
    assert page.kind_filter is None and page.model.rowCount() == len(page.data.worklist.items)
    with qtbot.waitSignal(page.sig_open_room) as opened:
        page.open_current_room()
    assert opened.args[0] == page.model.row_at(0).room_id


def test_a_manager_looks_at_the_office_or_a_colleague(zh, qtbot, runner, users, office):
    page = _show(qtbot, WorkbenchPage(runner, users[Role.MANAGER], today=lambda: TODAY))
    with qtbot.waitSignal(page.sig_loaded, timeout=3000):
        page.activate()
    assert page.view_combo.isVisible() and page.data.worklist.scope == "office"
    assert page.cards[WorkKind.PROMISE_DUE].value.text() == "1"
    index = page.view_combo.findData(users[Role.COLLECTOR].id)
    assert index > 0
    with qtbot.waitSignal(page.sig_loaded, timeout=3000):
        page.view_combo.setCurrentIndex(index)
    assert page.data.worklist.user_id == users[Role.COLLECTOR].id
    assert page.cards[WorkKind.PROMISE_DUE].value.text() == "0"


def test_the_main_window_handles_items(zh, qtbot, runner, ui_settings, db_url, users, office):
    from cuijiao_desktop.db.engine import describe_url
    from cuijiao_desktop.views.main_window import MainWindow

    window = MainWindow(runner, users[Role.COLLECTOR], ui_settings, db_url=db_url,
                        db_description=describe_url(db_url), today=lambda: TODAY,
                        now=lambda: datetime.combine(TODAY, time(10)).astimezone())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    bench = window.current_page()
    call = next(i for i in bench.data.worklist.items if i.kind is WorkKind.CALL)
    window.handle_work_item(call)  # a call: the call form for its room
    assert window.call_dialog is not None and window.call_dialog.context.room_id == call.room_id
    window.call_dialog.reject()
    limitation = next(i for i in bench.data.worklist.items if i.kind is WorkKind.LIMITATION)
    window.handle_work_item(limitation)  # the rest: the room ledger
    assert window.current_page() is window.room_ledger_page and window.room_ledger_page.room_id == office["old"]
    assert "180天内届满：2023-09" in window.room_ledger_page.info_limitation.text()


def test_the_contact_log_filters_pages_opens_and_exports(zh, qtbot, runner, users, office, session_factory, tmp_path):
    page = CollectionPage(runner, users[Role.CLERK], today=lambda: TODAY)
    assert isinstance(page.tabs, QTabWidget) and page.tabs.count() == 2
    assert [page.tabs.tabText(i) for i in range(2)] == ["联系记录", "承诺缴费"]
    _show(qtbot, page)
    log: ContactLogTab = page.log_tab
    with qtbot.waitSignal(log.sig_loaded, timeout=3000):
        page.activate()
    assert log.page.total == 2 and log.model.row_at(0).room_id == office["b"]  # newest first
    assert log.page_label.text() == "第 1/1 页，共 2 条"
    assert log.model.data(log.model.index(0, 5)) == "139****9000"  # masked in the list
    assert log.model.data(log.model.index(0, 10)) == "到期"
    with qtbot.waitSignal(log.sig_loaded, timeout=3000):
        log.outcome_combo.setCurrentIndex(log.outcome_combo.findData(CallOutcome.NO_ANSWER))
    assert log.page.total == 1 and log.model.row_at(0).room_id == office["a"]
    log.table.setFocus()
    qtbot.waitUntil(log.table.hasFocus, timeout=2000)
    with qtbot.waitSignal(page.sig_open_room) as opened:
        QTest.keyClick(log.table, Qt.Key.Key_Return)
    assert opened.args == [office["a"]]
    assert page.current_room_id() == office["a"]  # F6 from here logs a contact for it
    with qtbot.waitSignal(log.sig_loaded, timeout=3000):
        log.clear_filters()
    assert log.page.total == 2

    path = tmp_path / "催缴记录.xlsx"
    with qtbot.waitSignal(log.sig_exported, timeout=5000):
        log.export_to(path)
    sheet = load_workbook(path).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(values) if row[0] == "时间")
    assert values[header][:6] == ["时间", "小区", "房号", "联系人", "方式", "号码"]
    assert [r[2] for r in values[header + 1:header + 3]] == ["3-2-1501", "3-2-1502"]
    assert values[header + 1][5] == "139****9000"
    with session_factory() as s:
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "export.contact_log")).one()
        assert audit.username == users[Role.CLERK].username and '"rows": 2' in audit.detail

    page.tabs.setCurrentWidget(page.promises_tab)
    qtbot.waitUntil(lambda: len(page.promises_tab.rows) == 1, timeout=3000)
    assert page.promises_tab.rows[0].state.status is PromiseStatus.DUE
    assert page.promises_tab.summary_label.text().startswith("共 1 条承诺")


def test_the_arrears_table_is_a_call_list(zh, qtbot, runner, users, office, session_factory, tmp_path):
    collector = _show(qtbot, ArrearsPage(runner, today=lambda: TODAY, user=users[Role.COLLECTOR]))
    with qtbot.waitSignal(collector.sig_loaded, timeout=3000):
        collector.activate()
    # a collector's list opens on their own cases, with whole numbers
    assert collector.collector_combo.currentData() == users[Role.COLLECTOR].id
    assert {r.room_id for r in collector.model.rows()} == {office["a"], office["old"]}
    row = next(i for i, r in enumerate(collector.model.rows()) if r.room_id == office["a"])
    phone = collector.model.index(row, Col.PHONE)
    assert collector.model.data(phone) == "13800138000"
    QGuiApplication.clipboard().clear()
    rect = collector.table.visualRect(phone)
    qtbot.mouseClick(collector.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert QGuiApplication.clipboard().text() == "13800138000"
    assert "13800138000" in collector.status_label.text()
    # the limitation column: the old room's first periods have run out
    old_row = next(i for i, r in enumerate(collector.model.rows()) if r.room_id == office["old"])
    assert collector.model.data(collector.model.index(old_row, Col.LIMITATION)) == "2026-09-10"
    assert "2023-09" in collector.model.data(collector.model.index(old_row, Col.LIMITATION), Qt.ItemDataRole.ToolTipRole)
    collector.clear_filters()
    assert len(collector.model.rows()) == 3  # they may widen it
    # the exported call list carries what was shown (whole numbers) and is audited
    path = tmp_path / "call-list.xlsx"
    with qtbot.waitSignal(collector.sig_exported, timeout=5000):
        collector.export_to(path)
    cells = {c.value for row in load_workbook(path).active.iter_rows() for c in row}
    assert "13800138000" in cells
    with session_factory() as s:
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "export.call_list")).one()
        assert '"full_phones": true' in audit.detail and '"rows": 3' in audit.detail

    finance = _show(qtbot, ArrearsPage(runner, today=lambda: TODAY, user=users[Role.FINANCE]))
    with qtbot.waitSignal(finance.sig_loaded, timeout=3000):
        finance.activate()
    assert finance.collector_combo.currentData() is None  # everything
    row = next(i for i, r in enumerate(finance.model.rows()) if r.room_id == office["a"])
    phone = finance.model.index(row, Col.PHONE)
    assert finance.model.data(phone) == "138****8000"  # masked, and nothing to copy
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(finance.table.viewport(), Qt.MouseButton.LeftButton, pos=finance.table.visualRect(phone).center())
    assert QGuiApplication.clipboard().text() == ""


def test_the_ledger_shows_the_limitation_clock(zh, qtbot, runner, users, office, ui_settings):
    page = _show(qtbot, RoomLedgerPage(runner, users[Role.CLERK], today=lambda: TODAY, settings=ui_settings))
    with qtbot.waitSignal(page.sig_loaded, timeout=3000):
        page.load(office["old"])
    text = page.info_limitation.text()
    assert "最早 2026-09-10 届满" in text and "180天内届满：2023-09" in text
    with qtbot.waitSignal(page.sig_loaded, timeout=3000):
        page.load(office["a"])
    assert page.info_limitation.text() == "最早 2029-01-10 届满 · 无风险账期"


def test_contact_rules_are_edited_by_a_manager(zh, qtbot, runner, users, session_factory):
    section = _show(qtbot, ContactRulesSection(runner, users[Role.MANAGER]), size=(700, 400))
    section.refresh()
    assert (section.start_edit.text(), section.end_edit.text(), section.weekly_spin.value()) == ("21:00", "08:00", 3)
    section.start_edit.setText("25:00")
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert section.status_label.text() == "请按“时:分”输入时间，例如 21:00。"
    section.start_edit.setText("20:30")
    section.weekly_spin.setValue(2)
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert section.status_label.text() == "已保存。"
    with session_factory() as s:
        rules = contact_rules(s)
    assert (rules.quiet_start, rules.weekly_max) == (time(20, 30), 2)
    clerk = _show(qtbot, ContactRulesSection(runner, users[Role.CLERK]), size=(700, 400))
    clerk.refresh()
    assert not clerk.save_button.isVisible() and not clerk.start_edit.isEnabled()
