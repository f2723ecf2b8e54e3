"""The cases work driven through its widgets: the split among collectors (who then see only theirs,
in the cases list and through the arrears view's collector filter), the case dialog's approvals,
the ladder settings, service issues, F7 and the ledger's open issues."""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_room_with_bills, make_user
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from cuijiao_desktop.db.models import CollectionCase, LadderStepRow, ServiceIssue
from cuijiao_desktop.domain.enums import IssueStatus, Role, Stage
from cuijiao_desktop.domain.instalments import PlanState
from cuijiao_desktop.domain.ladder import PositionState
from cuijiao_desktop.services import cases, ladder
from cuijiao_desktop.views.dialogs.case_dialog import CaseDialog
from cuijiao_desktop.views.dialogs.split_dialog import SplitDialog
from cuijiao_desktop.views.pages.arrears_page import ArrearsPage
from cuijiao_desktop.views.pages.cases_tab import CasesTab
from cuijiao_desktop.views.pages.ladder_settings import LadderSection, StepDialog
from cuijiao_desktop.views.pages.service_issues_tab import ServiceIssuesTab

TODAY = date(2026, 9, 1)


def _sync(session_factory, actor, today=TODAY):
    with session_factory.begin() as s:
        ladder.ensure_default_ladder(s)
        return cases.sync_cases(s, actor=actor, today=today)


def _tab(qtbot, runner, user) -> CasesTab:
    tab = CasesTab(runner, user, today=lambda: TODAY)
    qtbot.addWidget(tab)
    tab.resize(1200, 600)
    tab.show()
    with qtbot.waitSignal(tab.sig_loaded):
        tab.refresh()
    return tab


@pytest.mark.both_engines
def test_a_manager_splits_100_cases_among_4_collectors_and_each_sees_only_theirs(
        qtbot, runner, session_factory, users, ui_settings, db_kind):
    collectors = [make_user(session_factory, Role.COLLECTOR, f"cuishou{i}") for i in range(1, 5)]
    for b in range(1, 11):  # 10 buildings of 10 rooms, 1 to 8 months owed
        for r in range(10):
            make_room_with_bills(session_factory, months=1 + (b * 7 + r * 3) % 8, monthly_fen=20_000 + 1_000 * r,
                                 code=f"{b}-1-{101 + r}", first_period=202601)
    assert _sync(session_factory, users[Role.CLERK]).opened == 100

    manager = _tab(qtbot, runner, users[Role.MANAGER])
    assert manager.model.rowCount() == 100 and manager.split_button.isVisible()
    manager.split_button.click()
    dialog: SplitDialog = manager.split_dialog
    qtbot.addWidget(dialog)
    # every collector is ticked (the manager is offered unticked); keep the four of this test
    assert users[Role.MANAGER].id not in dialog.chosen_collectors()
    assert set(dialog.chosen_collectors()) == {c.id for c in collectors} | {users[Role.COLLECTOR].id}
    dialog.set_collectors([c.id for c in collectors])
    dialog.by_amount.setChecked(True)
    with qtbot.waitSignal(dialog.sig_previewed):
        QTest.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    loads = {ld.collector_id: ld for ld in dialog.preview.loads}
    assert sum(ld.cases_after for ld in loads.values()) == 100 and dialog.moves_model.rowCount() == 100
    amounts = [ld.amount_after_fen for ld in loads.values()]
    assert max(amounts) - min(amounts) <= max(m.amount_fen for m in dialog.preview.moves)  # balanced
    assert dialog.apply_button.isEnabled()
    with qtbot.waitSignal(dialog.sig_applied):
        dialog.apply_button.click()
    assert manager.data is not None and all(r.collector_id for r in manager.data.rows)

    arrears = ArrearsPage(runner, today=lambda: TODAY, settings=ui_settings)
    qtbot.addWidget(arrears)
    with qtbot.waitSignal(arrears.sig_loaded):
        arrears.activate()
    seen: set[int] = set()
    for collector in collectors:
        mine = _tab(qtbot, runner, collector)
        rows = mine.data.rows
        assert len(rows) == loads[collector.id].cases_after
        assert {r.collector_id for r in rows} == {collector.id}
        assert mine.collector_combo.isHidden() and not mine.own_label.isHidden()
        assert mine.model.rowCount() == len(rows)
        seen |= {r.room_id for r in rows}
        # the arrears view, through its collector filter: exactly the rooms of their cases
        arrears.collector_combo.setCurrentIndex(arrears.collector_combo.findData(collector.id))
        assert {r.room_id for r in arrears.model.rows()} == {r.room_id for r in rows}
        assert {r.collector for r in arrears.model.rows()} == {collector.display_name}
    assert len(seen) == 100
    # the manager's list filtered by one collector shows the same
    manager.refresh()
    manager.set_collector_filter(collectors[0].id)
    assert manager.model.rowCount() == loads[collectors[0].id].cases_after


def test_reassign_from_the_list(qtbot, runner, session_factory, users, monkeypatch):
    a, b = (make_user(session_factory, Role.COLLECTOR, f"cuishou{i}") for i in (1, 2))
    for r in range(3):
        make_room_with_bills(session_factory, months=3, code=f"1-1-{101 + r}", first_period=202606)
    _sync(session_factory, users[Role.CLERK])
    tab = _tab(qtbot, runner, users[Role.MANAGER])
    tab.table.selectAll()
    assert len(tab.selected_rows()) == 3

    def pick(dialog) -> QDialog.DialogCode:
        dialog.collector.setCurrentIndex(dialog.collector.findData(b.id))
        dialog.note.setText("休假交接")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr("cuijiao_desktop.views.dialogs.case_forms.ReassignDialog.exec", pick)
    with qtbot.waitSignal(tab.sig_changed):
        tab.reassign_button.click()
    with qtbot.waitSignal(tab.sig_loaded):
        tab.refresh()
    assert {r.collector_id for r in tab.data.rows} == {b.id}
    assert len(_tab(qtbot, runner, a).data.rows) == 0


@pytest.fixture
def one_case(session_factory, users):
    room = make_room_with_bills(session_factory, months=6, code="3-2-1502", first_period=202603)
    _sync(session_factory, users[Role.CLERK])
    with session_factory.begin() as s:
        case = s.query(CollectionCase).one()
        case.collector_id = users[Role.COLLECTOR].id
        case_id = case.id
    return room, case_id


def _case_dialog(qtbot, runner, user, **kw) -> CaseDialog:
    dialog = CaseDialog(runner, user, today=TODAY, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_case_dialog_shows_the_ladder_and_a_manager_approves_a_plan(qtbot, runner, users, one_case, monkeypatch):
    room, case_id = one_case
    collector_view = _case_dialog(qtbot, runner, users[Role.COLLECTOR], room_id=room.room_id)
    detail = collector_view.detail
    assert detail.row.case_id == case_id and detail.position.next.stage is Stage.REMINDER
    assert "缴费提醒" in collector_view.fig_next.value.text() and "2026-09-01" in collector_view.fig_next.detail.text()
    assert collector_view.ladder_model.rowCount() == len(detail.ladder)
    assert collector_view.approve_plan_button.isHidden() and not collector_view.new_plan_button.isHidden()
    # the collector asks for a plan
    collector_view.new_plan_button.click()
    plan_dialog = collector_view.plan_dialog
    plan_dialog.count.setValue(4)
    assert plan_dialog.schedule_model.rowCount() == 4
    assert "¥1,500.00" in plan_dialog.summary.text()  # Mar-Aug overdue on 1 Sep: 6 × ¥250
    with qtbot.waitSignal(collector_view.sig_changed):
        plan_dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert collector_view.plans_model.rowCount() == 1
    assert collector_view.plans_model.rows()[0].state is PlanState.PENDING
    # the manager approves it in the case
    manager_view = _case_dialog(qtbot, runner, users[Role.MANAGER], case_id=case_id)
    manager_view.plans_view.selectRow(0)
    assert manager_view.approve_plan_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(manager_view.sig_changed):
        manager_view.approve_plan_button.click()
    plan = manager_view.plans_model.rows()[0]
    assert plan.state is PlanState.ON_TRACK and manager_view.instalments_model.rowCount() == 4
    assert manager_view.detail.row.state is PositionState.WAITING  # the ladder waits for the first instalment


def test_a_hold_is_asked_then_approved_and_the_case_leaves_the_work_lists(qtbot, runner, users, one_case):
    _room, case_id = one_case
    view = _case_dialog(qtbot, runner, users[Role.CLERK], case_id=case_id)
    view.hold_button.click()
    pause = view.pause_dialog
    pause.reason.setPlainText("漏水投诉处理中")
    with qtbot.waitSignal(view.sig_changed):
        pause.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    manager = _case_dialog(qtbot, runner, users[Role.MANAGER], case_id=case_id)
    manager.pauses_view.selectRow(0)
    with qtbot.waitSignal(manager.sig_changed):
        manager.approve_pause_button.click()
    assert manager.detail.row.state is PositionState.ON_HOLD and "out of every work list" in manager.notes.text()
    with runner.session_factory() as s:
        assert cases.due_steps(s, today=TODAY) == []


def test_an_extension_is_one_to_two_months(qtbot, runner, users, one_case):
    _room, case_id = one_case
    view = _case_dialog(qtbot, runner, users[Role.COLLECTOR], case_id=case_id)
    view.extension_button.click()
    pause = view.pause_dialog
    assert pause.until.minimumDate().toPython() == date(2026, 10, 1)
    assert pause.until.maximumDate().toPython() == date(2026, 11, 1)
    pause.two.setChecked(True)
    assert pause.until.date().toPython() == date(2026, 11, 1)
    pause.buttons.button(QDialogButtonBox.StandardButton.Save).click()  # no reason: refused under the field
    assert pause.isVisible() and pause.errors.text("reason")


def test_service_issue_from_the_case_shows_on_the_list_and_the_ledger(qtbot, runner, users, one_case, session_factory):
    _room, case_id = one_case
    view = _case_dialog(qtbot, runner, users[Role.COLLECTOR], case_id=case_id)
    view.tabs.setCurrentIndex(3)
    view.new_issue_button.click()
    issue = view.issue_dialog
    issue.description.setPlainText("卫生间顶部渗水")
    issue.handler.setText("工程部 王师傅")
    issue.has_promised.setChecked(True)
    with qtbot.waitSignal(view.sig_changed):
        issue.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert view.issues_model.rowCount() == 1 and "渗水" in view.notes.text()
    tab = ServiceIssuesTab(runner, users[Role.CLERK], today=lambda: TODAY)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.sig_loaded):
        tab.refresh()
    assert tab.model.rowCount() == 1 and tab.model.rows()[0].handler == "工程部 王师傅"
    tab.table.selectRow(0)
    tab.edit_selected()
    edit = tab.issue_dialog
    edit.status.setCurrentIndex(edit.status.findData(IssueStatus.DONE))
    edit.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert edit.isVisible() and edit.errors.text("resolution")  # done needs the resolution
    edit.resolution.setPlainText("已修复，业主确认")
    with qtbot.waitSignal(tab.sig_loaded):
        edit.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert tab.model.rowCount() == 0  # open issues only, by default
    with session_factory() as s:
        assert s.query(ServiceIssue.status).scalar() is IssueStatus.DONE


def test_ladder_settings_refuse_threats_and_save_a_reordered_ladder(qtbot, runner, users, session_factory):
    with session_factory.begin() as s:
        ladder.ensure_default_ladder(s)
    section = LadderSection(runner, users[Role.MANAGER])
    qtbot.addWidget(section)
    section.show()
    section.refresh()
    names = [s.name for s in section.steps()]
    assert names[:2] == ["缴费提醒", "电话催缴"]
    # a threatening step is refused in the form, with the legal reason
    dialog = StepDialog(section.steps()[1], title="x")
    qtbot.addWidget(dialog)
    dialog.note.setPlainText("拒不缴费将停水停电")
    dialog.accept()
    assert dialog.result_step is None and "944" in dialog.error.text() and not dialog.error.isHidden()
    # move the call before the reminder (keyboard: Alt+Down on the first row), save
    section.table.setFocus()
    section.table.selectRow(0)
    QTest.keyClick(section.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [s.name for s in section.steps()][:2] == ["电话催缴", "缴费提醒"] and section.save_button.isEnabled()
    with qtbot.waitSignal(section.sig_saved):
        section.save_button.click()
    with session_factory() as s:
        saved = [n for (n,) in s.query(LadderStepRow.name).order_by(LadderStepRow.seq)]
    assert saved[:2] == ["电话催缴", "缴费提醒"]
    # a collector reads only
    read_only = LadderSection(runner, users[Role.COLLECTOR])
    qtbot.addWidget(read_only)
    assert read_only.save_button.isHidden() and not read_only.open_amount.isEnabled()


def test_f7_opens_the_case_from_the_arrears_list_and_the_ledger_shows_open_issues(
        qtbot, runner, users, one_case, ui_settings, session_factory):
    from cuijiao_desktop.views.main_window import MainWindow

    room, case_id = one_case
    with session_factory.begin() as s:
        cases.create_issue(s, actor=users[Role.CLERK], room_id=room.room_id, category="leak",
                           description="外墙渗水", today=TODAY)
    window = MainWindow(runner, users[Role.MANAGER], ui_settings, db_url="sqlite://", db_description="test",
                        today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.show_page(2)  # 欠费
    arrears = window.current_page()
    qtbot.waitUntil(lambda: arrears.model.rowCount() == 1)
    arrears.table.selectRow(0)
    window.actions.actions[_open_case_id()].trigger()
    assert window.case_dialog.detail.row.case_id == case_id
    window.case_dialog.close()
    window.open_room(room.room_id)
    ledger = window.room_ledger_page
    qtbot.waitUntil(lambda: ledger.ledger is not None)
    assert ledger.issues_label.isVisible() and "外墙渗水" in ledger.issues_label.text()
    ledger.case_button.click()
    assert window.case_dialog.detail.row.room_id == room.room_id


def _open_case_id():
    from cuijiao_desktop.views.actions import ActionId

    return ActionId.OPEN_CASE
