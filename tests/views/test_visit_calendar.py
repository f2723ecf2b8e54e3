"""上门计划 driven through its widgets: a visit planned from an empty slot of the calendar, refused
inline when it collides, moved by dragging its block and by Ctrl+arrow, booked by phone and closed
with the outcome form (which asks for a revisit); then the room's contact history and the worklist,
read through the services."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from factories import make_room_with_bills, make_user
from PySide6.QtCore import QPoint, Qt, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from cuijiao_desktop.db.models import Bill, Contact, Notice, RoomPerson
from cuijiao_desktop.domain.enums import CallOutcome, Channel, ContactKind, NoticeKind, Role
from cuijiao_desktop.domain.visits import StaffPick, VisitDraft
from cuijiao_desktop.services import contact_log
from cuijiao_desktop.services import visits as visit_service
from cuijiao_desktop.services.worklist import WorkKind, worklist
from cuijiao_desktop.views.visits.calendar_widget import CalendarMode
from cuijiao_desktop.views.visits.outcome_dialog import OutcomeDialog
from cuijiao_desktop.views.visits.page import VisitsPage
from cuijiao_desktop.views.visits.small_dialogs import AppointmentDialog
from cuijiao_desktop.views.visits.visit_dialog import VisitDialog

TODAY = date(2026, 9, 2)  # a Wednesday: the weekday slot is 18:30–21:00


def _now() -> datetime:
    return datetime.combine(TODAY, time(17, 0)).astimezone()


def _visit(page: VisitsPage, visit_id: int):
    return next(v for v in page.data.visits if v.visit_id == visit_id)


def _reload(qtbot, page: VisitsPage, action) -> None:
    with qtbot.waitSignal(page.sig_loaded, timeout=3000):
        action()


def _active(qtbot, dialog) -> None:
    """Keys reach a dialog's shortcuts (Ctrl+Enter) once it is the active window."""
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)


@pytest.mark.both_engines
def test_a_visit_is_planned_from_an_empty_slot_moved_by_drag_and_keyboard_and_closed_with_its_outcome(
        qtbot, runner, session_factory, users, ui_settings, tmp_path, zh, db_kind):
    room = make_room_with_bills(session_factory, months=6, monthly_fen=25_000, code="3-2-1502",
                                first_period=202601)
    with session_factory.begin() as s:
        owner = s.scalar(select(RoomPerson.person_id).where(RoomPerson.room_id == room.room_id))
        s.add(Contact(person_id=owner, kind=ContactKind.MOBILE, value="13800138000", last4="8000", is_primary=True))
        s.add(Notice(serial="TZ202608000001", room_id=room.room_id, kind=NoticeKind.ARREARS_NOTICE, level=2,
                     arrears_fen=150_000, issued_at=datetime.combine(TODAY - timedelta(days=5), time(9)).astimezone(),
                     recipient_name="张三"))
    me = users[Role.COLLECTOR]
    partner = make_user(session_factory, Role.COLLECTOR, "cuishou2")
    third = make_user(session_factory, Role.COLLECTOR, "cuishou3")

    page = VisitsPage(runner, me, today=lambda: TODAY, now=_now, settings=ui_settings)
    qtbot.addWidget(page)
    page.resize(1280, 860)
    page.show()
    _reload(qtbot, page, page.activate)
    assert page.mode is CalendarMode.WEEK and page.calendar.days[0].weekday() == 0 and TODAY in page.calendar.days
    _reload(qtbot, page, page.day_button.click)
    cal = page.calendar
    lanes = [lane.staff_id for lane in cal.lanes]
    assert {me.id, partner.id, third.id} <= set(lanes)

    # an empty slot: my lane at 18:30, Enter → the form, the room typed, the partner ticked, Ctrl+Enter
    cal.setFocus()
    cal.set_cursor(lanes.index(me.id), cal.row_of(time(18, 30)))
    assert cal.selected_block() is None
    QTest.keyClick(cal, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, VisitDialog) and dialog.isVisible()
    assert dialog.window()[0] == datetime.combine(TODAY, time(18, 30))
    assert dialog.window()[1] == datetime.combine(TODAY, time(19, 30))
    assert me.id in dialog.checked_staff()
    with qtbot.waitSignal(dialog.sig_loaded, timeout=3000):
        qtbot.keyClicks(dialog.room_edit, "3-2-1502")
        QTest.keyClick(dialog.room_edit, Qt.Key.Key_Return)
    dialog.set_staff([me.id, partner.id])
    dialog.note_edit.setText("带催缴通知书")
    _active(qtbot, dialog)
    with qtbot.waitSignal(page.sig_loaded, timeout=3000):
        QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(page.data.visits) == 1
    visit = page.data.visits[0]
    assert visit.room_id == room.room_id and visit.status == "planned"
    assert set(visit.staff_ids) == {me.id, partner.id}
    assert cal.selected_id == visit.visit_id
    assert cal.block_rect(visit.visit_id, lanes.index(partner.id)) is not None  # in both lanes

    # the same room again that day: refused beside the form, in words, and what was typed stays
    cal.set_cursor(lanes.index(third.id), cal.row_of(time(20, 0)))
    QTest.keyClick(cal, Qt.Key.Key_Return)
    again = page.dialog
    with qtbot.waitSignal(again.sig_loaded, timeout=3000):
        again.choose_room(room.room_id)
    again.set_staff([third.id, partner.id])
    again.note_edit.setText("第二次")
    again.check_conflicts()  # as the form changes (debounced): said before anything is saved
    assert again.conflict_label.isVisible() and len(again.conflict_label.text().splitlines()) == 2
    again.save()
    assert again.isVisible() and again.conflict_label.isVisible()
    lines = again.conflict_label.text().splitlines()
    assert len(lines) == 2 and lines[1].startswith("• ")  # the service's words for the room already visited
    assert again.note_edit.text() == "第二次" and set(again.checked_staff()) == {third.id, partner.id}
    again.reject()

    # drag my block into the third colleague's lane, half an hour later
    start_rect = cal.block_rect(visit.visit_id, lanes.index(me.id))
    target = cal.cell_rect(lanes.index(third.id), cal.row_of(time(19, 0)))
    grab = QPoint(int(start_rect.center().x()), int(start_rect.top()) + 6)
    drop = QPoint(int(target.center().x()), int(target.top()) + 6)
    QTest.mousePress(cal, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, grab)
    QTest.mouseMove(cal, QPoint(grab.x() + 20, grab.y() + 10))
    QTest.mouseMove(cal, drop)
    with qtbot.waitSignal(page.sig_loaded, timeout=3000):
        QTest.mouseRelease(cal, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, drop)
    moved = _visit(page, visit.visit_id)
    assert moved.start == datetime.combine(TODAY, time(19, 0)) and moved.end == datetime.combine(TODAY, time(20, 0))
    assert set(moved.staff_ids) == {third.id, partner.id}

    # and by the keyboard: Ctrl+Down, half an hour later again
    cal.setFocus()
    assert cal.select_visit(visit.visit_id)
    with qtbot.waitSignal(page.sig_loaded, timeout=3000):
        QTest.keyClick(cal, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    moved = _visit(page, visit.visit_id)
    assert moved.start == datetime.combine(TODAY, time(19, 30))
    assert cal.selected_id == visit.visit_id
    page.staff_combo.setCurrentIndex(page.staff_combo.findData(f"staff:{third.id}"))  # one person's lane
    assert [lane.staff_id for lane in cal.lanes] == [third.id] and cal.selected_id == visit.visit_id
    page.staff_combo.setCurrentIndex(0)

    # the booking call: the owner answers and confirms
    page.appointment_button.click()
    call = page.dialog
    assert isinstance(call, AppointmentDialog)
    assert call.number_combo.currentText().startswith("13800138000")
    with qtbot.waitSignal(page.sig_loaded, timeout=3000):
        call.save_button.click()
    assert _visit(page, visit.visit_id).status == "confirmed"

    # the outcome: met the owner, promised ¥500 in three days, a revisit wanted
    assert cal.selected_id == visit.visit_id
    page.outcome_button.click()
    outcome = page.dialog
    assert isinstance(outcome, OutcomeDialog) and outcome.form is not None
    QTest.keyClick(outcome.result_buttons[next(iter(outcome.result_buttons))], Qt.Key.Key_2)
    assert str(outcome.result()) == "promised" and outcome.promise_date.isEnabled()
    outcome.promise_date.setText("+3")
    outcome.promise_amount.setText("500")
    outcome.attitude_combo.setCurrentText("表示理解")
    assert outcome.notice_check.isChecked() and "TZ202608000001" in outcome.notice_label.text()  # to hand over
    outcome.notice_signed.setChecked(True)
    photo = tmp_path / "door.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo of the signed receipt")
    outcome.set_photos([str(photo)])
    outcome.revisit_check.click()  # the next visit's form, prefilled from this one: saved with the outcome
    revisit = outcome.revisit_dialog
    assert isinstance(revisit, VisitDialog) and revisit.isVisible()
    assert revisit._room_id == room.room_id and set(revisit.checked_staff()) == {third.id, partner.id}
    assert revisit.window()[0] == datetime.combine(TODAY + timedelta(days=7), time(19, 30))
    revisit.save()
    assert not revisit.isVisible() and outcome.revisit is not None and outcome.revisit_label.text()
    _active(qtbot, outcome)
    with qtbot.waitSignal(page.sig_loaded, timeout=3000):
        QTest.keyClick(outcome, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _visit(page, visit.visit_id).status == "done"
    with session_factory() as s:
        done = visit_service.get_visit(s, actor=me, visit_id=visit.visit_id, today=TODAY)
        assert done.next_visit_id is not None and str(done.result) == "promised" and done.attitude == "表示理解"
        assert done.notice_signed and len(done.photos) == 1 and done.notice_to_hand is None
        following = visit_service.get_visit(s, actor=me, visit_id=done.next_visit_id, today=TODAY)
        assert following.start.astimezone().replace(tzinfo=None) == datetime.combine(TODAY + timedelta(days=7),
                                                                                      time(19, 30))
        assert {m.user_id for m in following.staff} == {third.id, partner.id}

    # the room's contact history: the booking call and the visit itself
    with session_factory() as s:
        rows = contact_log.contact_log_rows(s, actor=me, flt=contact_log.ContactLogFilter(room_text="3-2-1502"),
                                            today=TODAY)
        kinds = {(r.channel, r.outcome) for r in rows}
        assert (Channel.VISIT, CallOutcome.PROMISED) in kinds
        assert any(r.channel is Channel.PHONE for r in rows)
        promised = next(r for r in rows if r.channel is Channel.VISIT and r.outcome is CallOutcome.PROMISED)
        assert any("TZ202608000001" in r.note for r in rows)  # the notice handed over and signed for
        assert promised.promise_date == TODAY + timedelta(days=3) and promised.promise_amount_fen == 50_000
        # the worklist: no visit left today; the promise comes due in three days
        today_work = worklist(s, actor=me, today=TODAY, office=False)
        assert not [i for i in today_work.items if i.kind is WorkKind.VISIT and i.room_id == room.room_id]
        due = worklist(s, actor=third, today=TODAY + timedelta(days=3), office=False)
        office_due = worklist(s, actor=users[Role.MANAGER], today=TODAY + timedelta(days=3), office=True)
        assert [i for i in due.items + office_due.items
                if i.kind is WorkKind.PROMISE_DUE and i.room_id == room.room_id]


@pytest.mark.both_engines
def test_a_manager_plans_a_visit_alone_from_the_arrears_list_with_an_override_then_cancels_it(
        qtbot, runner, session_factory, users, ui_settings, db_url, db_kind):
    from cuijiao_desktop.db.engine import describe_url
    from cuijiao_desktop.views.actions import ActionId
    from cuijiao_desktop.views.main_window import MainWindow
    from cuijiao_desktop.views.visits.small_dialogs import CancelVisitDialog

    room = make_room_with_bills(session_factory, months=6, monthly_fen=25_000, code="5-1-302", first_period=202601)
    manager = users[Role.MANAGER]
    window = MainWindow(runner, manager, ui_settings, db_url=db_url, db_description=describe_url(db_url),
                        today=lambda: TODAY, now=_now)
    qtbot.addWidget(window)
    window.resize(1300, 860)
    window.show()
    arrears = window.pages[ActionId.NAV_ARREARS]
    _reload(qtbot, arrears, lambda: window.show_page(2))

    # 安排上门 in the row's context menu: the form opens on that room, tomorrow evening
    arrears._context_menu(arrears.table.visualRect(arrears.model.index(0, 0)).center())
    action = next(a for a in arrears.context_menu.actions() if a.text() == "Plan a home visit…")
    action.trigger()
    page = window.visits_page
    dialog = page.dialog
    assert isinstance(dialog, VisitDialog) and dialog.form is not None and dialog.form.context.room_id == room.room_id
    assert "5-1-302" in dialog.room_edit.text()
    tomorrow = TODAY + timedelta(days=1)
    assert dialog.window() == (datetime.combine(tomorrow, time(18, 30)), datetime.combine(tomorrow, time(19, 30)))
    # alone: refused beside the staff list until the manager gives the reason
    dialog.set_staff([manager.id])
    assert dialog.override_edit.isEnabled()
    dialog.save()
    assert dialog.isVisible() and dialog.errors["staff"].isVisible()
    dialog.override_edit.setText("业主只同意主管一人上门")
    with qtbot.waitSignal(dialog.sig_saved, timeout=3000):
        dialog.save()

    # the day before, today's work reminds of it; Enter on it shows it on the calendar
    bench = window.pages[ActionId.NAV_WORKBENCH]
    _reload(qtbot, bench, lambda: (window.show_page(0),  # and the whole office's work
                                   bench.view_combo.setCurrentIndex(bench.view_combo.findData(-1))))
    rows = bench.model.rows()
    row = next(i for i, item in enumerate(rows) if item.kind is WorkKind.VISIT and item.room_id == room.room_id)
    bench.table.setCurrentIndex(bench.model.index(row, 0))
    with qtbot.waitSignal(page.sig_loaded, timeout=3000):
        bench.handle_button.click()
    assert window.current_page() is page and tomorrow in page.calendar.days
    visit = page.selected_visit()
    assert visit is not None and visit.room_id == room.room_id
    assert visit.dto.overridden and visit.status == "planned"
    cal = page.calendar

    # Enter opens it; edited, it moves (here: half an hour longer)
    cal.setFocus()
    QTest.keyClick(cal, Qt.Key.Key_Return)
    edit = page.dialog
    assert isinstance(edit, VisitDialog) and edit.override_edit.text() == "业主只同意主管一人上门"
    edit.end_edit.setTime(QTime(20, 0))
    with qtbot.waitSignal(page.sig_loaded, timeout=3000):
        edit.save()
    assert _visit(page, visit.visit_id).end == datetime.combine(tomorrow, time(20, 0))
    assert page.calendar.selected_id == visit.visit_id

    # the day's route sheet (the visit sheet PDF) in the preview
    assert page.route_button.isVisible()
    page.route_button.click()
    qtbot.waitUntil(lambda: getattr(page, "route_dialog", None) is not None, timeout=5000)
    assert page.route_dialog.path.is_file() and page.route_dialog.path.read_bytes().startswith(b"%PDF")
    page.route_dialog.reject()

    # Delete asks for the reason, and the visit is cancelled
    cal.setFocus()
    QTest.keyClick(cal, Qt.Key.Key_Delete)
    cancel = page.dialog
    assert isinstance(cancel, CancelVisitDialog)
    cancel.save()
    assert cancel.isVisible() and cancel.reason_error.isVisible()  # a reason is required
    cancel.reason_edit.setPlainText("业主出差，改期再约")
    with qtbot.waitSignal(page.sig_loaded, timeout=3000):
        cancel.save()
    assert _visit(page, visit.visit_id).status == "cancelled"


@pytest.mark.both_engines
def test_the_visiting_hours_are_set_in_settings_and_shaded_on_the_calendar(
        qtbot, runner, session_factory, users, db_kind):
    from cuijiao_desktop.views.visits.slots_section import VisitSlotsSection

    section = VisitSlotsSection(runner, users[Role.MANAGER])
    qtbot.addWidget(section)
    section.refresh()
    assert section.edits["weekday_start"].text() == "18:30" and section.edits["weekend_end"].text() == "21:00"
    section.edits["weekday_end"].setText("18:00")  # ends before it starts: said, and nothing is lost
    section.save()
    assert not section.status_label.isHidden() and section.status_label.text()
    assert section.edits["weekday_end"].text() == "18:00"
    section.edits["weekday_start"].setText("19:00")
    section.edits["weekday_end"].setText("21:30")
    section.save()
    assert section.rules.weekday_start == time(19, 0) and section.rules.weekday_end == time(21, 30)

    page = VisitsPage(runner, users[Role.COLLECTOR], today=lambda: TODAY, now=_now)
    qtbot.addWidget(page)
    _reload(qtbot, page, page.activate)
    assert page.calendar.slots_for(TODAY) == [(time(19, 0), time(21, 30))]
    assert page.calendar.last_hour == 23  # the grid reaches past the new end


def test_a_week_loaded_while_hidden_opens_on_the_evening_and_marks_a_visit_to_a_room_paid_since(
        qtbot, runner, session_factory, users, ui_settings, zh):
    """The page loads its week before it is shown (as the main window does): once shown, the day's
    visiting hours (18:30–21:00) are in sight, not 09:00; a visit whose room has paid since it was
    booked has a red mark and a tooltip that says to cancel it."""
    room = make_room_with_bills(session_factory, months=3, code="3-2-1502")
    me, partner = users[Role.COLLECTOR], users[Role.CLERK]
    start = datetime.combine(TODAY, time(20, 0)).astimezone()
    with session_factory.begin() as s:
        visit = visit_service.plan_visit(s, actor=me, today=TODAY, draft=VisitDraft(
            room_id=room.room_id, start=start, end=start + timedelta(minutes=45),
            staff=(StaffPick(me.id), StaffPick(partner.id))))
        for bill in s.scalars(select(Bill).where(Bill.room_id == room.room_id)):
            bill.paid_fen = bill.amount_fen
    page = VisitsPage(runner, me, today=lambda: TODAY, now=_now, settings=ui_settings)
    qtbot.addWidget(page)
    page.resize(1440, 760)
    _reload(qtbot, page, page.activate)
    qtbot.wait(50)  # the loaded page waits hidden a while, until the user goes to it
    page.show()
    qtbot.waitExposed(page)
    cal, bar = page.calendar, page.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=3000)
    seen = (bar.value(), bar.value() + page.scroll.viewport().height())
    column = cal.days.index(TODAY)
    assert cal.first_hour <= 9  # the weekend's hours are on the grid too
    for moment in (time(18, 30), time(20, 45)):
        rect = cal.cell_rect(column, cal.row_of(moment))
        assert seen[0] <= rect.top() and rect.bottom() <= seen[1], (moment, seen, rect)
    block = next(b for b in cal.blocks if b.visit_id == visit.visit_id)
    assert block.flag == "已结清，无需上门" and block.tooltip.startswith("请取消此次上门：已结清，无需上门")
