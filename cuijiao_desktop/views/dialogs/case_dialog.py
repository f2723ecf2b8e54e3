"""案件: one room's collection case: where it stands on the ladder, the next step and its date, its
history, instalment plans, extensions and holds (managers approve them here), service issues.

Opened from the cases list, the arrears table and the room ledger (F7 or the context menu).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.enums import ApprovalStatus
from cuijiao_desktop.domain.instalments import PlanState
from cuijiao_desktop.domain.ladder import PositionState
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import cases as cases_service
from cuijiao_desktop.views.dialogs.case_forms import (
    IssueDialog,
    PauseDialog,
    PlanDialog,
    StepDoneDialog,
)
from cuijiao_desktop.views.dialogs.style import HINT_STYLE, error_label
from cuijiao_desktop.views.labels import CATEGORY_LABELS, STAGE_LABELS, label
from cuijiao_desktop.views.models.base import RowRole
from cuijiao_desktop.views.models.case_models import (
    KIND_LABELS,
    REASON_LABELS,
    STATE_LABELS,
    InstalmentsModel,
    IssuesModel,
    LadderLinesModel,
    PausesModel,
    PlansModel,
)
from cuijiao_desktop.views.models.ledger_models import TimelineModel
from cuijiao_desktop.views.widgets.tables import list_view


def _table(model, name: str) -> QTableView:
    return list_view(model, name, fit=True, alternate=False)


class _Figure(QFrame):
    def __init__(self, caption: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseFigure")
        self.setStyleSheet("#caseFigure { background: #FFFFFF; border: 1px solid #D9E0E7; border-radius: 6px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(1)
        cap = QLabel(caption)
        cap.setStyleSheet("color: #5F6B7A;")
        self.value = QLabel("—")
        self.value.setObjectName(name)
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName(f"{name}Detail")
        self.detail.setStyleSheet("color: #5F6B7A;")
        self.detail.setWordWrap(True)
        layout.addWidget(cap)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)


class CaseDialog(QDialog):
    """A case's file. ``sig_changed`` after anything was saved; ``sig_open_room(room_id)`` for 分户账."""

    sig_changed = Signal()
    sig_open_room = Signal(int)
    sig_plan_visit = Signal(int, int)  # room_id, case_id: 安排上门 (the visit form with the room filled in)
    sig_loaded = Signal(object)  # CaseDetail

    def __init__(self, runner, user, *, today: date, case_id: int | None = None, room_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._user = user
        self._today = today
        self._case_id = case_id
        self._room_id = room_id
        self.detail: cases_service.CaseDetail | None = None
        self.setObjectName("caseDialog")
        self.setWindowTitle(self.tr("Collection case"))
        self.resize(980, 680)
        self.can_request = user.can(Permission.LOG_CONTACT)
        self.can_approve = user.can(Permission.APPROVE_PLANS)
        outer = QVBoxLayout(self)
        self.title = QLabel(self.tr("Loading…"))
        self.title.setObjectName("caseTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.title)
        self.error = error_label("caseError")
        outer.addWidget(self.error)

        figures = QGridLayout()
        figures.setHorizontalSpacing(8)
        self.fig_debt = _Figure(self.tr("Arrears"), "figDebt")
        self.fig_stage = _Figure(self.tr("Stage reached"), "figStage")
        self.fig_next = _Figure(self.tr("Next step"), "figNext")
        self.fig_collector = _Figure(self.tr("Collector"), "figCollector")
        for i, f in enumerate((self.fig_debt, self.fig_stage, self.fig_next, self.fig_collector)):
            figures.addWidget(f, 0, i)
            figures.setColumnStretch(i, 2 if f is self.fig_next else 1)
        outer.addLayout(figures)
        self.notes = QLabel()
        self.notes.setObjectName("caseNotes")
        self.notes.setStyleSheet(HINT_STYLE)
        self.notes.setWordWrap(True)
        self.notes.hide()
        outer.addWidget(self.notes)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("caseTabs")
        self._build_ladder_tab()
        self._build_history_tab()
        self._build_plans_tab()
        self._build_issues_tab()
        outer.addWidget(self.tabs, 1)

        bottom = QHBoxLayout()
        self.ledger_button = QPushButton(self.tr("Room &ledger"))
        self.ledger_button.setObjectName("caseLedger")
        self.ledger_button.clicked.connect(self._open_ledger)
        self.refresh_button = QPushButton(self.tr("Re&fresh"))
        self.refresh_button.setObjectName("caseRefresh")
        self.refresh_button.clicked.connect(self.load)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("caseClose")
        self.close_button.clicked.connect(self.accept)
        self.visit_button = QPushButton(self.tr("Plan a home &visit…"))
        self.visit_button.setObjectName("casePlanVisit")
        self.visit_button.clicked.connect(self._plan_visit)
        self.visit_button.setVisible(user is not None and user.can(Permission.PLAN_VISITS))
        bottom.addWidget(self.ledger_button)
        bottom.addWidget(self.visit_button)
        bottom.addStretch(1)
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(self.close_button)
        outer.addLayout(bottom)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, activated=self.load)
        self._update_buttons()
        self.load()

    # construction
    def _buttons_row(self, *buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        row.addStretch(1)
        return row

    def _button(self, text: str, name: str, slot, *, visible: bool = True) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.clicked.connect(slot)
        b.setVisible(visible)
        return b

    def _build_ladder_tab(self) -> None:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.ladder_model = LadderLinesModel(self)
        self.ladder_view = _table(self.ladder_model, "caseLadder")
        layout.addWidget(self.ladder_view, 1)
        self.mark_button = self._button(self.tr("&Mark a step done…"), "markStep", self.mark_step,
                                        visible=self.can_request)
        self.mark_button.setToolTip(self.tr("For steps that leave no call, notice or visit behind: the public "
                                            "board, the owners' committee, the lawsuit"))
        layout.addLayout(self._buttons_row(self.mark_button))
        self.tabs.addTab(tab, self.tr("Ladder"))

    def _build_history_tab(self) -> None:
        self.history_model = TimelineModel(self)
        self.history_view = _table(self.history_model, "caseHistory")
        self.history_view.horizontalHeader().setSectionResizeMode(TimelineModel.Column.DETAIL,
                                                                  QHeaderView.ResizeMode.Stretch)
        self.tabs.addTab(self.history_view, self.tr("History"))

    def _build_plans_tab(self) -> None:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(QLabel(self.tr("Instalment plans")))
        plans = QHBoxLayout()
        self.plans_model = PlansModel(self)
        self.plans_view = _table(self.plans_model, "casePlans")
        self.instalments_model = InstalmentsModel(self)
        self.instalments_view = _table(self.instalments_model, "caseInstalments")
        plans.addWidget(self.plans_view, 3)
        plans.addWidget(self.instalments_view, 2)
        tl.addLayout(plans, 1)
        self.new_plan_button = self._button(self.tr("New &instalment plan…"), "newPlan", self.new_plan,
                                            visible=self.can_request)
        self.approve_plan_button = self._button(self.tr("&Approve plan"), "approvePlan",
                                                lambda: self.decide_plan(True), visible=self.can_approve)
        self.reject_plan_button = self._button(self.tr("Re&ject plan…"), "rejectPlan",
                                               lambda: self.decide_plan(False), visible=self.can_approve)
        self.cancel_plan_button = self._button(self.tr("Cancel plan…"), "cancelPlan", self.cancel_plan,
                                               visible=self.can_approve)
        tl.addLayout(self._buttons_row(self.new_plan_button, self.approve_plan_button, self.reject_plan_button,
                                       self.cancel_plan_button))
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(QLabel(self.tr("Extensions and holds")))
        self.pauses_model = PausesModel(self)
        self.pauses_view = _table(self.pauses_model, "casePauses")
        bl.addWidget(self.pauses_view, 1)
        self.extension_button = self._button(self.tr("Ask for an e&xtension…"), "askExtension",
                                             lambda: self.new_pause(cases_service.EXTENSION),
                                             visible=self.can_request)
        self.hold_button = self._button(self.tr("Stop c&ollection…"), "askHold",
                                        lambda: self.new_pause(cases_service.HOLD), visible=self.can_request)
        self.approve_pause_button = self._button(self.tr("A&pprove"), "approvePause",
                                                 lambda: self.decide_pause(True), visible=self.can_approve)
        self.reject_pause_button = self._button(self.tr("Reject…"), "rejectPause",
                                                lambda: self.decide_pause(False), visible=self.can_approve)
        self.end_pause_button = self._button(self.tr("End &now"), "endPause", self.end_pause,
                                             visible=self.can_approve)
        bl.addLayout(self._buttons_row(self.extension_button, self.hold_button, self.approve_pause_button,
                                       self.reject_pause_button, self.end_pause_button))
        split.addWidget(top)
        split.addWidget(bottom)
        layout.addWidget(split)
        self.plans_view.selectionModel().currentRowChanged.connect(self._plan_selected)
        self.pauses_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.tabs.addTab(tab, self.tr("Instalments and holds"))

    def _build_issues_tab(self) -> None:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.issues_model = IssuesModel(self)
        self.issues_view = _table(self.issues_model, "caseIssues")
        self.issues_view.setColumnHidden(0, True)
        self.issues_view.setColumnHidden(1, True)
        self.issues_view.doubleClicked.connect(lambda _i: self.edit_issue())
        layout.addWidget(self.issues_view, 1)
        self.new_issue_button = self._button(self.tr("New &service issue…"), "newIssue", self.new_issue,
                                             visible=self.can_request)
        self.edit_issue_button = self._button(self.tr("&Edit issue…"), "editIssue", self.edit_issue,
                                              visible=self.can_request)
        layout.addLayout(self._buttons_row(self.new_issue_button, self.edit_issue_button))
        self.issues_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.tabs.addTab(tab, self.tr("Service issues"))

    # loading
    def load(self) -> None:
        """(Re)load the case from the database."""
        kwargs = {"case_id": self._case_id} if self._case_id is not None else {"room_id": self._room_id}
        self._runner.submit(cases_service.case_detail, actor=self._user, today=self._today, **kwargs,
                            on_result=self._show, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(error_message(exc))
        self.error.show()
        if self.detail is None:
            self.title.setText(self.tr("No case"))

    def _show(self, detail: cases_service.CaseDetail) -> None:
        self.detail = detail
        self._case_id = detail.row.case_id
        self.error.hide()
        r, pos = detail.row, detail.position
        closed = r.closed_on is not None
        title = f"{r.estate} {r.room_code}"
        if r.owner:
            title += f" · {r.owner}"
        if closed:
            title += " · " + self.tr("closed on {date}").format(date=r.closed_on.isoformat())
        self.title.setText(title)
        self.setWindowTitle(self.tr("Collection case {room}").format(room=r.room_code))
        self.fig_debt.value.setText(format_money(r.arrears_fen))
        self.fig_debt.detail.setText(self.tr("{n} months overdue · opened {date}").format(
            n=r.months, date=r.opened_on.isoformat()))
        self.fig_stage.value.setText(label(STAGE_LABELS, r.stage))
        self.fig_stage.detail.setText(self.tr("done {date}").format(date=pos.done_on.isoformat())
                                      if pos is not None and pos.done_on else "")
        if pos is not None and pos.next is not None:
            self.fig_next.value.setText(f"{pos.next.name_zh}（{label(KIND_LABELS, r.next_kind)}）")
            if pos.state is PositionState.BELOW_MINIMUM:
                self.fig_next.detail.setText(self.tr("waits until the debt reaches {amount} or {months} months")
                                             .format(amount=format_money(pos.next.min_amount_fen),
                                                     months=pos.next.min_months))
            elif pos.due_on is not None:
                due = self.tr("due {date}").format(date=pos.due_on.isoformat())
                if r.overdue_days:
                    due += " · " + self.tr("{n} days late").format(n=r.overdue_days)
                if pos.reason is not None:
                    due += " · " + label(REASON_LABELS, pos.reason)
                self.fig_next.detail.setText(due)
            else:
                self.fig_next.detail.setText("")
        else:
            self.fig_next.value.setText(self.tr("—"))
            self.fig_next.detail.setText(label(STATE_LABELS, r.state))
        self.fig_next.value.setStyleSheet("color: #B3261E;" if r.state is PositionState.DUE else "")
        self.fig_collector.value.setText(r.collector or self.tr("(nobody)"))
        self.fig_collector.detail.setText("")
        notes = []
        if r.hold_until is not None:
            notes.append(self.tr("On hold until {date}: the case is out of every work list.").format(
                date=r.hold_until.isoformat()))
        open_issues = [i for i in detail.issues if i.is_open]
        if open_issues:
            notes.append(self.tr("Open service issues: {list}").format(
                list="；".join(f"{label_issue(i)}" for i in open_issues)))
        if r.pending:
            notes.append(self.tr("{n} request(s) wait for a manager's decision.").format(n=r.pending))
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        self.ladder_model.set_rows(detail.ladder)
        self.history_model.set_rows(detail.history)
        plan_id = self.selected_plan().id if self.selected_plan() else None
        self.plans_model.set_rows(sorted(detail.plans, key=lambda p: p.id, reverse=True))
        rows = self.plans_model.rows()
        if rows:
            index = next((i for i, p in enumerate(rows) if p.id == plan_id), 0)
            self.plans_view.selectRow(index)
        else:
            self.instalments_model.set_rows([])
        self.pauses_model.set_rows(detail.pauses)
        if detail.pauses:
            self.pauses_view.selectRow(0)
        self.issues_model.set_rows(detail.issues)
        if detail.issues:
            self.issues_view.selectRow(0)
        self._update_buttons()
        self.sig_loaded.emit(detail)

    # selections
    def selected_plan(self):
        index = self.plans_view.currentIndex() if hasattr(self, "plans_view") else None
        return self.plans_model.data(index, RowRole) if index is not None and index.isValid() else None

    def selected_pause(self):
        index = self.pauses_view.currentIndex()
        return self.pauses_model.data(index, RowRole) if index.isValid() else None

    def selected_issue(self):
        index = self.issues_view.currentIndex()
        return self.issues_model.data(index, RowRole) if index.isValid() else None

    def _plan_selected(self, *_args) -> None:
        plan = self.selected_plan()
        self.instalments_model.set_rows(plan.instalments if plan else ())
        self._update_buttons()

    def _update_buttons(self) -> None:
        open_case = self.detail is not None and self.detail.row.closed_on is None
        plan = self.selected_plan() if self.detail else None
        pause = self.selected_pause() if self.detail else None
        for b in (self.mark_button, self.new_plan_button, self.extension_button, self.hold_button):
            b.setEnabled(open_case)
        self.new_issue_button.setEnabled(self.detail is not None)
        self.edit_issue_button.setEnabled(self.detail is not None and self.selected_issue() is not None)
        pending_plan = plan is not None and plan.status is ApprovalStatus.PENDING
        self.approve_plan_button.setEnabled(open_case and pending_plan)
        self.reject_plan_button.setEnabled(pending_plan)
        self.cancel_plan_button.setEnabled(plan is not None and plan.state in (PlanState.ON_TRACK, PlanState.BEHIND))
        pending_pause = pause is not None and pause.status is ApprovalStatus.PENDING
        self.approve_pause_button.setEnabled(open_case and pending_pause)
        self.reject_pause_button.setEnabled(pending_pause)
        self.end_pause_button.setEnabled(pause is not None and pause.running(self._today))
        self.ledger_button.setEnabled(self.detail is not None)

    # actions
    def _after(self, _result=None) -> None:
        self.sig_changed.emit()
        self.load()

    def _error(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.windowTitle(), error_message(exc))
        self.load()

    def _plan_visit(self) -> None:
        if self.detail is not None:
            self.sig_plan_visit.emit(self.detail.row.room_id, self.detail.row.case_id)
            self.accept()

    def _open_ledger(self) -> None:
        if self.detail is not None:
            self.sig_open_room.emit(self.detail.row.room_id)
            self.accept()

    def _reason(self, title: str, prompt: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, prompt, QLineEdit.EchoMode.Normal, "")
        return text.strip() if ok else None

    def mark_step(self) -> None:
        if self.detail is None:
            return
        lines = [x for x in self.detail.ladder if x.state in ("next", "ahead") and x.step_id is not None]
        if not lines:
            return
        dialog = StepDoneDialog(lines, opened_on=self.detail.row.opened_on, today=self._today, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._runner.submit(cases_service.mark_step_done, actor=self._user, case_id=self.detail.row.case_id,
                                step_id=dialog.step.currentData(), on=dialog.on.date().toPython(),
                                today=self._today, note=dialog.note.text(), on_result=self._after,
                                on_error=self._error)

    def new_plan(self) -> None:
        if self.detail is None:
            return
        r = self.detail.row
        self.plan_dialog = PlanDialog(self._runner, self._user, case_id=r.case_id, room_code=r.room_code,
                                      arrears_fen=r.arrears_fen, today=self._today, parent=self)
        self.plan_dialog.sig_saved.connect(self._after)
        self.plan_dialog.open()

    def decide_plan(self, approve: bool) -> None:
        plan = self.selected_plan()
        if plan is None:
            return
        note = ""
        if approve:
            answer = QMessageBox.question(
                self, self.tr("Approve plan"),
                self.tr("Approve {n} instalments of together {total}? The owner signs the plan today.").format(
                    n=len(plan.instalments), total=format_money(plan.total_fen)))
            if answer != QMessageBox.StandardButton.Yes:
                return
        else:
            note = self._reason(self.tr("Reject plan"), self.tr("Why is the plan rejected?"))
            if note is None:
                return
        self._runner.submit(cases_service.decide_plan, actor=self._user, plan_id=plan.id, version=plan.version,
                            approve=approve, today=self._today, note=note, on_result=self._after,
                            on_error=self._error)

    def cancel_plan(self) -> None:
        plan = self.selected_plan()
        if plan is None:
            return
        reason = self._reason(self.tr("Cancel plan"), self.tr("Why is the plan ended?"))
        if reason is not None:
            self._runner.submit(cases_service.cancel_plan, actor=self._user, plan_id=plan.id, version=plan.version,
                                reason=reason, today=self._today, on_result=self._after, on_error=self._error)

    def new_pause(self, kind: str) -> None:
        if self.detail is None:
            return
        self.pause_dialog = PauseDialog(self._runner, self._user, kind=kind, case_id=self.detail.row.case_id,
                                        room_code=self.detail.row.room_code, today=self._today, parent=self)
        self.pause_dialog.sig_saved.connect(self._after)
        self.pause_dialog.open()

    def decide_pause(self, approve: bool) -> None:
        pause = self.selected_pause()
        if pause is None:
            return
        note = ""
        if not approve:
            note = self._reason(self.tr("Reject"), self.tr("Why is the request rejected?"))
            if note is None:
                return
        self._runner.submit(cases_service.decide_pause, actor=self._user, kind=pause.kind, pause_id=pause.id,
                            version=pause.version, approve=approve, today=self._today, note=note,
                            on_result=self._after, on_error=self._error)

    def end_pause(self) -> None:
        pause = self.selected_pause()
        if pause is None:
            return
        note = self._reason(self.tr("End now"), self.tr("Why does it end today (e.g. the leak is fixed)?"))
        if note is not None:
            self._runner.submit(cases_service.end_hold, actor=self._user, kind=pause.kind, pause_id=pause.id,
                                version=pause.version, today=self._today, note=note, on_result=self._after,
                                on_error=self._error)

    def _staff_then(self, fn) -> None:
        self._runner.submit(cases_service.staff_options, on_result=fn, on_error=self._error)

    def new_issue(self) -> None:
        if self.detail is None:
            return
        r = self.detail.row

        def show(staff) -> None:
            self.issue_dialog = IssueDialog(self._runner, self._user, today=self._today, staff=staff,
                                            room_id=r.room_id, room_code=r.room_code, parent=self)
            self.issue_dialog.sig_saved.connect(self._after)
            self.issue_dialog.open()

        self._staff_then(show)

    def edit_issue(self) -> None:
        issue = self.selected_issue()
        if issue is None or not self.can_request:
            return

        def show(staff) -> None:
            self.issue_dialog = IssueDialog(self._runner, self._user, today=self._today, staff=staff, issue=issue,
                                            parent=self)
            self.issue_dialog.sig_saved.connect(self._after)
            self.issue_dialog.open()

        self._staff_then(show)


def label_issue(issue) -> str:
    """``漏水：卫生间渗水（06-30）``."""
    text = f"{label(CATEGORY_LABELS, issue.category)}：{issue.description}"
    if issue.promised_date is not None:
        text += f"（{issue.promised_date:%m-%d}）"
    return text
