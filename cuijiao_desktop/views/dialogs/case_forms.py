"""The small forms of a case: instalment plan, extension or hold, service issue, reassignment,
a step marked done. Each builds its request, runs it as a task and shows what went wrong under
the field concerned; a failed save keeps what was typed.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.ageing import add_months
from cuijiao_desktop.domain.enums import IssueCategory, IssueStatus
from cuijiao_desktop.domain.errors import DomainError, ValidationError
from cuijiao_desktop.domain.instalments import extension_window, make_schedule
from cuijiao_desktop.domain.money import format_money, parse_money
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import cases as cases_service
from cuijiao_desktop.services.search import search
from cuijiao_desktop.views.dialogs.room_edit_dialog import EditDialog, with_error
from cuijiao_desktop.views.labels import CATEGORY_LABELS, label
from cuijiao_desktop.views.models.case_models import ISSUE_STATUS_LABELS, InstalmentsModel
from cuijiao_desktop.views.widgets.dates import date_edit, optional_date


def add_row(form: QFormLayout, text: str, widget: QWidget, error: QLabel | None = None) -> QLabel:
    """A form row whose label's mnemonic (``&T``) focuses ``widget``, with its error message under it."""
    caption = QLabel(text)
    caption.setBuddy(widget)
    form.addRow(caption, with_error(widget, error) if error is not None else widget)
    return caption


def first_tenth(today: date) -> date:
    """The 10th of next month: the usual first instalment day (fees are paid by the 10th)."""
    return add_months(today.replace(day=1), 1).replace(day=10)


class _CaseForm(EditDialog):
    """A request on a case: Save asks for it as a task; after a conflict the form closes (the case
    dialog shows the case as it is now)."""

    def _failed(self, exc: BaseException) -> None:
        self._show_failure(exc, self.tr("The case changed meanwhile. Close and open it again."))

    def reload(self) -> None:
        self.reject()


class PlanDialog(_CaseForm):
    """分期缴费: the total, how many instalments from which day; the schedule is shown as it will be
    asked for (equal instalments in whole yuan, the last taking the rest). Emits ``sig_saved(PlanDTO)``."""


    def __init__(self, runner, user, *, case_id: int, room_code: str, arrears_fen: int, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, user, parent)
        self._case_id = case_id
        self._today = today
        self.setObjectName("planDialog")
        self.setWindowTitle(self.tr("Instalment plan for {room}").format(room=room_code))
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.total = QLineEdit(format_money(arrears_fen, symbol=False))
        self.total.setObjectName("total")
        self.total.setToolTip(self.tr("What the owner will pay by instalments (the arrears today by default)"))
        self.count = QSpinBox()
        self.count.setObjectName("count")
        self.count.setRange(2, 36)
        self.count.setValue(6)
        self.count.setSuffix(self.tr(" instalments"))
        self.first_due = date_edit("firstDue", first_tenth(today))
        self.first_due.setMinimumDate(QDate(today))
        self.every = QSpinBox()
        self.every.setObjectName("everyMonths")
        self.every.setRange(1, 6)
        self.every.setSuffix(self.tr(" month(s) apart"))
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setFixedHeight(54)
        self.note.setPlaceholderText(self.tr("Why: e.g. lost his job, pays from his pension on the 5th"))
        add_row(form, self.tr("&Total (¥)"), self.total, self.errors.make("total"))
        add_row(form, self.tr("&Instalments"), self.count, self.errors.make("count"))
        add_row(form, self.tr("&First due on"), self.first_due)
        add_row(form, self.tr("E&very"), self.every)
        add_row(form, self.tr("&Note"), self.note)
        self.outer.addLayout(form)
        self.schedule_model = InstalmentsModel(self)
        self.schedule = QTableView()
        self.schedule.setObjectName("schedule")
        self.schedule.setModel(self.schedule_model)
        self.schedule.verticalHeader().hide()
        self.schedule.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.schedule.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.schedule.setColumnHidden(3, True)
        self.schedule.setColumnHidden(4, True)
        self.schedule.setMinimumHeight(180)
        self.outer.addWidget(self.schedule, 1)
        self.summary = QLabel()
        self.summary.setObjectName("scheduleSummary")
        self.outer.addWidget(self.summary)
        self.errors_schedule = self.errors.make("schedule")
        self.outer.addWidget(self.errors_schedule)
        self._add_buttons()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Ask for approval"))
        for signal in (self.total.textChanged, self.count.valueChanged, self.first_due.dateChanged,
                       self.every.valueChanged):
            signal.connect(self._regenerate)
        self._items: list = []
        self._regenerate()

    def _regenerate(self, *_args) -> None:
        self.errors.clear()
        self._items = []
        try:
            total = parse_money(self.total.text()).fen
            self._items = make_schedule(total, self.count.value(), self.first_due.date().toPython(),
                                        every_months=self.every.value())
        except DomainError as exc:
            self.schedule_model.set_rows([])
            self.summary.clear()
            self.errors.show([exc if exc.params.get("field") else ValidationError(exc.code, field="total",
                                                                                   **exc.params)])
            return
        rows = [cases_service.InstalmentDTO(i.seq, i.due_date, i.amount_fen, 0, None, None, False)
                for i in self._items]
        self.schedule_model.set_rows(rows)
        self.summary.setText(self.tr("{n} instalments, {first} to {last}, together {total}").format(
            n=len(self._items), first=self._items[0].due_date.isoformat(),
            last=self._items[-1].due_date.isoformat(), total=format_money(sum(i.amount_fen for i in self._items))))

    def save(self) -> None:
        self._clear_messages()
        self._regenerate()
        if not self._items:
            return
        self._submit(cases_service.request_plan, case_id=self._case_id,
                     schedule=[(i.due_date, i.amount_fen) for i in self._items], note=self.note.toPlainText(),
                     today=self._today)


class PauseDialog(_CaseForm):
    """延期 (1–2 months, hardship) or 暂停催缴 (until a date, e.g. while a complaint is fixed).
    Emits ``sig_saved(PauseDTO)``."""


    def __init__(self, runner, user, *, kind: str, case_id: int, room_code: str, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, user, parent)
        self._kind, self._case_id, self._today = kind, case_id, today
        extension = kind == cases_service.EXTENSION
        self.setObjectName("pauseDialog")
        self.setWindowTitle((self.tr("Extension for {room}") if extension else self.tr("Stop collection of {room}"))
                            .format(room=room_code))
        self.setMinimumWidth(460)
        form = QFormLayout()
        hint = QLabel(self.tr("An extension gives a hardship case 1 to 2 months; a manager approves it.")
                      if extension else
                      self.tr("While the hold runs the case leaves every work list; a manager approves it."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #44546A;")
        form.addRow(hint)
        earliest, latest = extension_window(today)
        self.until = date_edit("until", earliest if extension else first_tenth(today))
        if extension:
            self.until.setDateRange(QDate(earliest), QDate(latest))
            self.one = QRadioButton(self.tr("&1 month"))
            self.one.setObjectName("oneMonth")
            self.two = QRadioButton(self.tr("&2 months"))
            self.two.setObjectName("twoMonths")
            self.one.setChecked(True)
            self.one.toggled.connect(lambda on: on and self.until.setDate(QDate(earliest)))
            self.two.toggled.connect(lambda on: on and self.until.setDate(QDate(latest)))
            row = QWidget()
            rl = QHBoxLayout(row)
            rl.setContentsMargins(0, 0, 0, 0)
            rl.addWidget(self.one)
            rl.addWidget(self.two)
            rl.addStretch(1)
            form.addRow(self.tr("Length"), row)
        else:
            self.until.setMinimumDate(QDate(today).addDays(1))
        add_row(form, self.tr("&Until"), self.until, self.errors.make("until"))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setFixedHeight(70)
        self.reason.setPlaceholderText(self.tr("e.g. the owner lost his job; the leak complaint is being fixed"))
        add_row(form, self.tr("&Reason"), self.reason, self.errors.make("reason"))
        self.outer.addLayout(form)
        self._add_buttons()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Ask for approval"))
        self.reason.setFocus()

    def save(self) -> None:
        fn = cases_service.request_extension if self._kind == cases_service.EXTENSION else cases_service.request_hold
        self._submit(fn, case_id=self._case_id, until=self.until.date().toPython(),
                     reason=self.reason.toPlainText(), today=self._today)


class IssueDialog(_CaseForm):
    """问题跟进: a new service issue of a room (named, or found by its number) or an existing one
    edited (status, handler, promised date, resolution). Emits ``sig_saved(IssueDTO)``."""


    def __init__(self, runner, user, *, today: date, staff=(), issue=None, room_id: int | None = None,
                 room_code: str = "", parent: QWidget | None = None) -> None:
        super().__init__(runner, user, parent)
        self._today = today
        self.issue = issue
        self.room_id = issue.room_id if issue is not None else room_id
        self.setObjectName("issueDialog")
        self.setWindowTitle(self.tr("Service issue") if issue is not None else self.tr("New service issue"))
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.room = QLineEdit(issue.room_code if issue is not None else room_code)
        self.room.setObjectName("room")
        self.room.setPlaceholderText(self.tr("Room number, e.g. 3-2-1502"))
        self.room.setReadOnly(self.room_id is not None)
        self.room.editingFinished.connect(self._find_room)
        self.room_found = QLabel()
        self.room_found.setObjectName("roomFound")
        self.room_found.setStyleSheet("color: #44546A;")
        add_row(form, self.tr("R&oom"), self.room, self.errors.make("room"))
        if self.room_id is None:
            form.addRow("", self.room_found)
        self.category = QComboBox()
        self.category.setObjectName("category")
        for c in IssueCategory:
            self.category.addItem(label(CATEGORY_LABELS, c), c)
        self.description = QPlainTextEdit()
        self.description.setObjectName("description")
        self.description.setFixedHeight(70)
        self.description.setTabChangesFocus(True)
        self.has_promised = QCheckBox(self.tr("&Promised by"))
        self.has_promised.setObjectName("hasPromised")
        self.promised = date_edit("promised", today.fromordinal(today.toordinal() + 7))
        prow = optional_date(self.has_promised, self.promised)
        self.handler = QLineEdit()
        self.handler.setObjectName("handler")
        self.handler.setPlaceholderText(self.tr("Who fixes it, e.g. 工程部 王师傅"))
        self.assignee = QComboBox()
        self.assignee.setObjectName("assignee")
        self.assignee.addItem(self.tr("(nobody)"), None)
        for s in staff:
            self.assignee.addItem(s.name, s.id)
        self.status = QComboBox()
        self.status.setObjectName("status")
        for st in IssueStatus:
            self.status.addItem(label(ISSUE_STATUS_LABELS, st), st)
        self.resolution = QPlainTextEdit()
        self.resolution.setObjectName("resolution")
        self.resolution.setFixedHeight(54)
        self.resolution.setTabChangesFocus(True)
        add_row(form, self.tr("&Category"), self.category)
        add_row(form, self.tr("&Description"), self.description, self.errors.make("description"))
        form.addRow("", with_error(prow, self.errors.make("promised_date")))
        add_row(form, self.tr("&Handler"), self.handler, self.errors.make("handler"))
        add_row(form, self.tr("Res&ponsible"), self.assignee)
        if issue is not None:
            add_row(form, self.tr("&Status"), self.status)
            add_row(form, self.tr("&Resolution"), self.resolution, self.errors.make("resolution"))
            self.category.setCurrentIndex(max(0, self.category.findData(issue.category)))
            self.description.setPlainText(issue.description)
            if issue.promised_date is not None:
                self.has_promised.setChecked(True)
                self.promised.setDate(QDate(issue.promised_date))
            self.handler.setText(issue.handler)
            self.assignee.setCurrentIndex(max(0, self.assignee.findData(issue.assignee_id)))
            self.status.setCurrentIndex(max(0, self.status.findData(issue.status)))
            self.resolution.setPlainText(issue.resolution)
        self.outer.addLayout(form)
        self._add_buttons()
        (self.room if self.room_id is None else self.description).setFocus()

    def _find_room(self) -> None:
        """Resolve what was typed to a room (the first room the search finds)."""
        text = self.room.text().strip()
        if self.room.isReadOnly() or not text:
            return

        def found(hits) -> None:
            hit = next(iter(hits), None)
            self.room_id = hit.room_id if hit else None
            self.room_found.setText(hit.title if hit else self.tr("No such room."))

        self._runner.submit(search, text, limit=1, today=self._today, on_result=found,
                            on_error=lambda exc: self.room_found.setText(error_message(exc)))

    def save(self) -> None:
        self._clear_messages()
        if self.room_id is None:
            self._find_room()
        if self.room_id is None:
            self.errors.show([ValidationError("room.not_found", field="room")])
            return
        promised = self.promised.date().toPython() if self.has_promised.isChecked() else None
        common = {"today": self._today, "category": self.category.currentData(),
                  "description": self.description.toPlainText(), "promised_date": promised,
                  "handler": self.handler.text(), "assignee_id": self.assignee.currentData()}
        if self.issue is None:
            self._submit(cases_service.create_issue, room_id=self.room_id, **common)
        else:
            self._submit(cases_service.update_issue, issue_id=self.issue.id, version=self.issue.version,
                         status=self.status.currentData(), resolution=self.resolution.toPlainText(), **common)

    def _failed(self, exc: BaseException) -> None:
        self._show_failure(exc, self.tr("Someone else changed this issue meanwhile. Close and open it again."))


class ReassignDialog(QDialog):
    """转交: the collector who takes over the chosen cases, and why."""

    def __init__(self, collectors, *, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reassignDialog")
        self.setWindowTitle(self.tr("Reassign cases"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Give the {n} selected case(s) to:").format(n=count)))
        self.collector = QComboBox()
        self.collector.setObjectName("collector")
        for c in collectors:
            self.collector.addItem(c.name, c.id)
        self.collector.addItem(self.tr("(nobody: back to the manager's split)"), None)
        layout.addWidget(self.collector)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("Why (optional), e.g. on leave, knows the owner"))
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class StepDoneDialog(QDialog):
    """A ladder step done that leaves no call, notice or visit behind (the board, the committee …)."""

    def __init__(self, lines, *, opened_on: date, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepDoneDialog")
        self.setWindowTitle(self.tr("Mark a step done"))
        form = QFormLayout(self)
        self.step = QComboBox()
        self.step.setObjectName("step")
        for line in lines:
            self.step.addItem(f"{line.seq}. {line.name}", line.step_id)
        self.on = date_edit("on", today)
        self.on.setDateRange(QDate(opened_on), QDate(today))
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("What was done, e.g. posted on the board of building 3"))
        add_row(form, self.tr("&Step"), self.step)
        add_row(form, self.tr("&Done on"), self.on)
        add_row(form, self.tr("&Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

