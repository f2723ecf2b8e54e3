"""The call form, keyboard only: a call with a promise in at most 25 keystrokes (counted), from the
arrears table and from a search; it shows in the room's timeline and in tomorrow's work; the day
after the promised date the unpaid promise is broken, the paid one kept."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from factories import make_room_with_bills
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from cuijiao_desktop.db.engine import describe_url
from cuijiao_desktop.db.models import AuditLog, Contact, ContactEvent, Promise, RoomPerson
from cuijiao_desktop.domain.enums import (
    AnsweredBy,
    CallOutcome,
    ContactKind,
    PaymentMethod,
    PromiseStatus,
    Role,
)
from cuijiao_desktop.services.payments import record_payment
from cuijiao_desktop.services.room_ledger import TimelineKind, room_ledger
from cuijiao_desktop.services.worklist import WorkKind, worklist
from cuijiao_desktop.views.actions import ActionId
from cuijiao_desktop.views.collection.call_dialog import CallDialog
from cuijiao_desktop.views.main_window import MainWindow

TODAY = date(2026, 9, 1)  # a Tuesday
PROMISED = date(2026, 9, 3)  # "3": the coming 3rd
BUDGET = 25


class Keyboard:
    """Presses keys on whatever has the focus, and counts them (a chord such as Ctrl+Enter is one)."""

    def __init__(self) -> None:
        self.count = 0

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget()
        assert target is not None, "nothing has the keyboard focus"
        QTest.keyClick(target, key, modifier)
        self.count += 1

    def type(self, text: str) -> None:
        for ch in text:
            target = QApplication.focusWidget()
            QTest.keyClicks(target, ch)
            self.count += 1


def _room_with_phone(factory, code: str, phone: str):
    room = make_room_with_bills(factory, months=8, monthly_fen=25_000, code=code)  # Jan–Aug, ¥1,750 overdue
    with factory.begin() as s:
        owner = s.scalar(select(RoomPerson.person_id).where(RoomPerson.room_id == room.room_id))
        s.add(Contact(person_id=owner, kind=ContactKind.MOBILE, value=phone, last4=phone[-4:], is_primary=True))
    return room


def _window(qtbot, runner, ui_settings, db_url, user, today=TODAY, hour=10):
    window = MainWindow(runner, user, ui_settings, db_url=db_url, db_description=describe_url(db_url),
                        today=lambda: today, now=lambda: datetime.combine(today, time(hour, 5)).astimezone())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    return window


def _dialog(qtbot, window) -> CallDialog:
    qtbot.waitUntil(lambda: window.call_dialog is not None and window.call_dialog.isVisible(), timeout=3000)
    dialog = window.call_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and dialog.isAncestorOf(QApplication.focusWidget()), timeout=3000)
    return dialog


def _log_a_promise(qtbot, keys: Keyboard, window, amount: str) -> CallDialog:
    """F6, 1 (promised), 3 (the coming 3rd), Tab, the amount, Ctrl+Enter."""
    keys.press(Qt.Key.Key_F6)
    dialog = _dialog(qtbot, window)
    assert dialog.context is not None and dialog.outcome.isAncestorOf(QApplication.focusWidget())
    keys.press(Qt.Key.Key_1)
    assert dialog.outcome.outcome() is CallOutcome.PROMISED and dialog.promise_date.hasFocus()
    keys.type("3")
    assert dialog.promise_date.day() == PROMISED
    keys.press(Qt.Key.Key_Tab)
    assert dialog.promise_amount.hasFocus() and dialog.promise_amount.selectedText()  # the overdue amount, selected
    keys.type(amount)
    with qtbot.waitSignal(dialog.sig_saved, timeout=3000):
        keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    return dialog


def test_a_promise_from_the_arrears_table_and_from_a_search(qtbot, runner, ui_settings, db_url, users,
                                                            session_factory):
    clerk = users[Role.CLERK]
    a = _room_with_phone(session_factory, "3-2-1502", "13800138000")
    b = _room_with_phone(session_factory, "3-2-1503", "13900139000")
    window = _window(qtbot, runner, ui_settings, db_url, clerk)

    # 1. from the arrears table: the cursor on the first room (3-2-1502)
    window.show_page(2)
    arrears = window.current_page()
    arrears.table.setFocus()
    arrears.table.selectRow(next(i for i, r in enumerate(arrears.model.rows()) if r.room_id == a.room_id))
    qtbot.waitUntil(arrears.table.hasFocus, timeout=2000)
    keys = Keyboard()
    dialog = _log_a_promise(qtbot, keys, window, "500")
    assert keys.count <= BUDGET
    from_table = keys.count
    logged = dialog.logged
    assert logged.room_id == a.room_id and logged.promise_id is not None

    # 2. from a search: Ctrl+F, the room number, F6 on the popup's choice
    qtbot.waitUntil(lambda: QApplication.focusWidget() is arrears.table, timeout=3000)  # back where it was
    keys = Keyboard()
    keys.press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    with qtbot.waitSignal(window.search.sig_results, timeout=3000):
        keys.type("1503")
    qtbot.waitUntil(lambda: window.search.selected_room_id() == b.room_id, timeout=3000)
    dialog = _log_a_promise(qtbot, keys, window, "1750")
    assert keys.count <= BUDGET
    from_search = keys.count
    assert (from_table, from_search) == (8, 14)  # the figures the README quotes

    with session_factory() as s:
        events = {e.room_id: e for e in s.scalars(select(ContactEvent))}
        promises = {p.room_id: p for p in s.scalars(select(Promise))}
        assert (events[a.room_id].number_dialled, events[a.room_id].answered_by) == ("13800138000",
                                                                                   AnsweredBy.OWNER.value)
        assert events[a.room_id].user_id == clerk.id and events[a.room_id].next_follow_up == PROMISED
        assert (promises[a.room_id].due_date, promises[a.room_id].amount_fen) == (PROMISED, 50_000)
        assert (promises[b.room_id].due_date, promises[b.room_id].amount_fen) == (PROMISED, 175_000)
        assert promises[a.room_id].contact_event_id == events[a.room_id].id
        assert s.scalars(select(AuditLog.action).where(AuditLog.action == "contact.log")).all() == ["contact.log"] * 2
        # in the room's timeline
        timeline = room_ledger(s, room_id=a.room_id, today=TODAY).timeline
        kinds = [t.kind for t in timeline]
        assert TimelineKind.CONTACT in kinds and TimelineKind.PROMISE in kinds
        promise_entry = next(t for t in timeline if t.kind is TimelineKind.PROMISE)
        assert promise_entry.title == "承诺 2026-09-03 前缴 ¥500.00" and "待兑现" in promise_entry.detail
        # in tomorrow's work: the day before the date, the owner is reminded
        tomorrow = worklist(s, actor=clerk, today=TODAY + timedelta(days=1))
        due = {i.room_id for i in tomorrow.items if i.kind is WorkKind.PROMISE_DUE}
        assert due == {a.room_id, b.room_id}

    # the room on screen shows the call at once
    window.open_room(a.room_id)
    assert any(t.kind is TimelineKind.CONTACT for t in window.room_ledger_page.ledger.timeline)
    window.close()

    # 3. the day after the promised date: b paid in full on the 2nd, a paid nothing
    with session_factory.begin() as s:
        record_payment(s, actor=clerk, room_id=b.room_id, amount_fen=175_000, paid_on=date(2026, 9, 2),
                       method=PaymentMethod.WECHAT, today=date(2026, 9, 2))
    after = _window(qtbot, runner, ui_settings, db_url, clerk, today=PROMISED + timedelta(days=1))
    after.show_page(3)
    page = after.current_page()
    page.tabs.setCurrentWidget(page.promises_tab)
    qtbot.waitUntil(lambda: len(page.promises_tab.rows) == 2, timeout=3000)
    states = {r.state.room_id: r.state.status for r in page.promises_tab.rows}
    assert states == {a.room_id: PromiseStatus.BROKEN, b.room_id: PromiseStatus.KEPT}
    texts = {page.promises_tab.model.data(page.promises_tab.model.index(i, 3)):
             page.promises_tab.model.data(page.promises_tab.model.index(i, 1)) for i in range(2)}
    assert texts == {"3-2-1502": "Broken", "3-2-1503": "Kept"}
    # and the broken one is on today's work list, chased by a call
    after.show_page(0)
    bench = after.current_page()
    qtbot.waitUntil(lambda: bench.data is not None, timeout=3000)
    assert {i.room_id for i in bench.data.worklist.of(WorkKind.PROMISE_BROKEN)} == {a.room_id}


def test_quiet_hours_ask_before_saving_and_the_override_is_kept(qtbot, runner, ui_settings, db_url, users,
                                                                 session_factory, monkeypatch):
    room = _room_with_phone(session_factory, "3-2-1502", "13800138000")
    window = _window(qtbot, runner, ui_settings, db_url, users[Role.COLLECTOR], hour=21)
    window.log_contact(room.room_id)
    dialog = _dialog(qtbot, window)
    assert dialog.warning_label.isVisible() and "21:00" in dialog.warning_label.text()
    answers = iter([False, True])

    def confirm(_self, warnings):
        assert [w.code for w in warnings] == ["quiet_hours"]
        return next(answers)

    monkeypatch.setattr(CallDialog, "_confirm", confirm)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_4)  # no answer
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # declined: nothing saved
    with session_factory() as s:
        assert s.scalars(select(ContactEvent)).all() == []
    with qtbot.waitSignal(dialog.sig_saved, timeout=3000):
        QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with session_factory() as s:
        event = s.scalars(select(ContactEvent)).one()
        assert (event.outcome, event.overridden, event.answered_by) == (CallOutcome.NO_ANSWER, "quiet_hours", "")
        assert event.next_follow_up == TODAY + timedelta(days=1)


def test_the_form_checks_beside_each_field(qtbot, runner, ui_settings, db_url, users, session_factory):
    room = _room_with_phone(session_factory, "3-2-1502", "13800138000")
    window = _window(qtbot, runner, ui_settings, db_url, users[Role.CLERK])
    window.log_contact(room.room_id)
    dialog = _dialog(qtbot, window)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    dialog.promise_date.setText("31")  # there is no 31 September
    dialog.promise_amount.setText("99999")
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and dialog.errors["promise_date"].isVisible()
    assert dialog.promise_date.hasFocus()
    dialog.promise_date.setText("9-30")
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.errors["promise_amount"].isVisible() and not dialog.errors["promise_date"].isVisible()
    assert "¥2,000.00" in dialog.errors["promise_amount"].text()  # what the room owes in all
    # a complaint needs its category and text; it opens a service issue
    dialog.promise_amount.setText("2000")
    dialog.complaint_check.setChecked(True)
    QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.errors["complaint_category"].isVisible() and dialog.errors["complaint_text"].isVisible()
    dialog.category_combo.setCurrentIndex(1)
    dialog.complaint_text.setText("楼道灯坏了")
    with qtbot.waitSignal(dialog.sig_saved, timeout=3000):
        QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.logged.issue_id is not None and dialog.logged.promise_id is not None


@pytest.mark.parametrize("role", [Role.FINANCE])
def test_f6_is_not_offered_without_the_permission(qtbot, runner, ui_settings, db_url, users, role):
    window = _window(qtbot, runner, ui_settings, db_url, users[role])
    assert not window.actions[ActionId.LOG_CONTACT].isVisible()
    window.log_contact(1)
    assert window.call_dialog is None


def test_f6_without_a_room_says_what_to_do(qtbot, runner, ui_settings, db_url, users):
    window = _window(qtbot, runner, ui_settings, db_url, users[Role.CLERK])
    window.show_page(1)
    window.log_contact()
    assert window.call_dialog is None and "Ctrl+F" in window.statusBar().currentMessage()
