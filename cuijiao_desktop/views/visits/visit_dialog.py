"""The form of one visit: plan a new one (from an empty slot, a room, a case, today's work or an
outcome that asks for a revisit) or change an open one (day, window, team, note).

The room is prefilled or found by typing (the toolbar's search: room number, name, phone). At least
two staff go; one person alone needs a manager's override with its reason. A maintenance worker may
go along (suggested when the room has open service issues). Problems are shown beside their field,
and the visit's conflicts with other visits, holds and payments under the form, in the service's
words: nothing typed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.contacts import FieldError
from cuijiao_desktop.domain.errors import DomainError, ValidationError
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.visits import DEFAULT_SLOTS, StaffPick, VisitDraft, VisitDuty, visit_errors
from cuijiao_desktop.messages import error_message, message_for_code
from cuijiao_desktop.services import visits as visit_service
from cuijiao_desktop.services.tx import read_only
from cuijiao_desktop.views.dialogs.style import ERROR_STYLE, HINT_STYLE, error_label, set_inline
from cuijiao_desktop.views.labels import label
from cuijiao_desktop.views.visits.data import aware, default_end, duty_for, local
from cuijiao_desktop.views.visits.labels import DUTY_LABELS, RESULT_LABELS, STATUS_LABELS
from cuijiao_desktop.views.widgets.search_popup import SearchController

_WARN_STYLE = "color: #7A4B00; background: #FFF4DB; border: 1px solid #F0C36D; border-radius: 4px; padding: 6px;"


@dataclass(frozen=True)
class VisitForm:
    """What the form loads: the room's context (None before a room is chosen), the visit being
    changed (None for a new one), who can go and the office's slots."""

    context: visit_service.PlanContext | None
    detail: visit_service.VisitDetail | None
    lanes: tuple[visit_service.StaffLane, ...]
    slots: object


@read_only
def load_form(session, *, actor, today: date, room_id: int | None = None, visit_id: int | None = None) -> VisitForm:
    """The task of the form: the visit (when changing one), its room's context, the lanes and slots."""
    detail = visit_service.get_visit(session, actor=actor, visit_id=visit_id, today=today) if visit_id else None
    room = detail.room_id if detail is not None else room_id
    context = visit_service.plan_context(session, actor=actor, room_id=room, today=today) if room else None
    if context is not None:
        return VisitForm(context, detail, context.lanes, context.slots)
    return VisitForm(None, detail, visit_service.visit_lanes(session, actor=actor),
                     visit_service.visit_slot_rules(session))


class VisitDialog(QDialog):
    """Plan or change a visit. Emits ``sig_saved(VisitDetail)``; in an open visit also
    ``sig_appointment``/``sig_outcome`` (the booking call, the outcome) and ``sig_open_room``."""

    sig_saved = Signal(object)
    sig_draft = Signal(object)  # VisitDraft: the next visit of an outcome (``draft_only``), saved with it
    sig_loaded = Signal(object)  # VisitForm
    sig_appointment = Signal()
    sig_outcome = Signal()
    sig_open_room = Signal(int)

    def __init__(self, runner, user, *, today: date, start: datetime | None = None, staff_id: int | None = None,
                 room_id: int | None = None, case_id: int | None = None, previous=None, visit=None, data=None,
                 draft_only: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VisitDialog")
        self._runner = runner
        self._user = user
        self._today = today
        self._visit = visit  # a page row: changing an open visit
        self._previous = previous  # the visit this one follows up (a revisit)
        self._room_id = room_id or (previous.room_id if previous is not None else None)
        self._case_id = case_id
        self._staff_id = staff_id
        self.form: VisitForm | None = None
        self.lanes: tuple = data.lanes if data is not None else ()
        self.slots = data.slots if data is not None else DEFAULT_SLOTS
        self.teams = data.teams if data is not None else []
        self._saving = False
        self._draft_only = draft_only
        self.saved = None
        if visit is not None:
            self.setWindowTitle(self.tr("Visit {room}").format(room=visit.room_code))
        elif draft_only:
            self.setWindowTitle(self.tr("Plan the next visit"))
        else:
            self.setWindowTitle(self.tr("Plan a home visit"))
        self._check_seq = 0
        self._build()
        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(400)
        self.check_timer.timeout.connect(self.check_conflicts)
        for signal in (self.day_edit.dateChanged, self.start_edit.timeChanged, self.end_edit.timeChanged,
                       self.staff_list.itemChanged, self.maintenance_combo.currentIndexChanged):
            signal.connect(lambda *_: self.check_timer.start())
        self._set_start(start, previous)
        self.resize(640, 500)
        self._fill_lanes()
        self.load()

    # construction
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.room_label = QLabel(self.tr("Choose the room: type its number, the owner's name or a phone."))
        self.room_label.setObjectName("visitRoom")
        font = QFont(self.room_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.room_label.setFont(font)
        self.room_label.setWordWrap(True)
        outer.addWidget(self.room_label)
        self.facts_label = QLabel()
        self.facts_label.setObjectName("visitFacts")
        self.facts_label.setWordWrap(True)
        self.facts_label.setStyleSheet("color: #44546A;")
        outer.addWidget(self.facts_label)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("visitHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet(_WARN_STYLE)
        self.hint_label.hide()
        outer.addWidget(self.hint_label)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.errors: dict[str, QLabel] = {}

        def row(text: str, widget: QWidget, key: str, *extra: QWidget) -> None:
            caption = QLabel(text)
            caption.setBuddy(widget)
            box = QWidget()
            line = QVBoxLayout(box)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(2)
            top = QHBoxLayout()
            top.addWidget(widget, 1 if isinstance(widget, (QLineEdit, QListWidget)) else 0)
            for w in extra:
                top.addWidget(w)
            if not isinstance(widget, (QLineEdit, QListWidget)):
                top.addStretch(1)
            line.addLayout(top)
            self.errors[key] = error_label(f"error_{key}")
            line.addWidget(self.errors[key])
            form.addRow(caption, box)

        self.room_edit = QLineEdit()
        self.room_edit.setObjectName("visitRoomEdit")
        self.room_edit.setPlaceholderText(self.tr("3-2-1502, 张, zs or the last 4 digits of a phone"))
        self.search = SearchController(self.room_edit, self._runner, today=lambda: self._today, parent=self)
        self.search.sig_open_room.connect(self.choose_room)
        row(self.tr("&Room"), self.room_edit, "room")

        self.day_edit = QDateEdit()
        self.day_edit.setObjectName("visitDay")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd ddd")
        self.start_edit = QTimeEdit()
        self.start_edit.setObjectName("visitStart")
        self.start_edit.setDisplayFormat("HH:mm")
        self.end_edit = QTimeEdit()
        self.end_edit.setObjectName("visitEnd")
        self.end_edit.setDisplayFormat("HH:mm")
        from_label = QLabel(self.tr("&from"))
        from_label.setBuddy(self.start_edit)
        to_label = QLabel(self.tr("t&o"))
        to_label.setBuddy(self.end_edit)
        self.window_hint = QLabel()
        self.window_hint.setStyleSheet("color: #5F6B7A;")
        row(self.tr("D&ay"), self.day_edit, "start", from_label, self.start_edit, to_label, self.end_edit,
            self.window_hint)
        self.day_edit.dateChanged.connect(lambda _d: self._show_window())

        self.staff_list = QListWidget()
        self.staff_list.setObjectName("visitStaff")
        self.staff_list.setMaximumHeight(130)
        self.staff_list.itemChanged.connect(lambda _i: self._staff_changed())
        row(self.tr("&Staff (two or more)"), self.staff_list, "staff")
        self.override_edit = QLineEdit()
        self.override_edit.setObjectName("visitOverride")
        self.override_edit.setPlaceholderText(self.tr("Why one person goes alone (a manager's decision, recorded)"))
        row(self.tr("Manager's o&verride"), self.override_edit, "override")
        self.maintenance_combo = QComboBox()
        self.maintenance_combo.setObjectName("visitMaintenance")
        self.maintenance_combo.currentIndexChanged.connect(lambda _i: self._staff_changed())
        row(self.tr("&Maintenance worker"), self.maintenance_combo, "maintenance")
        self.team_combo = QComboBox()
        self.team_combo.setObjectName("visitTeam")
        self.team_combo.setEditable(True)
        self.team_combo.addItem("")
        self.team_combo.addItems(self.teams)
        self.team_combo.lineEdit().setPlaceholderText(self.tr("A label such as A组 (optional)"))
        self.team_combo.setMinimumWidth(180)
        row(self.tr("&Team"), self.team_combo, "team")
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("visitNote")
        self.note_edit.setPlaceholderText(self.tr("What to bring, what to ask"))
        row(self.tr("No&te"), self.note_edit, "note")
        self.details_label = QLabel()
        self.details_label.setObjectName("visitDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setStyleSheet("color: #44546A;")
        self.details_label.hide()
        form.addRow("", self.details_label)
        outer.addLayout(form)

        self.conflict_label = QLabel()
        self.conflict_label.setObjectName("visitConflicts")
        self.conflict_label.setWordWrap(True)
        self.conflict_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.conflict_label.hide()
        outer.addWidget(self.conflict_label)
        outer.addStretch(1)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Save (Ctrl+Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("visitSave")
        self.save_button.setAutoDefault(False)
        self.appointment_button = QPushButton(self.tr("&Booking call…"))
        self.outcome_button = QPushButton(self.tr("O&utcome…"))
        self.ledger_button = QPushButton(self.tr("Room &ledger"))
        for b in (self.appointment_button, self.outcome_button, self.ledger_button):
            b.setAutoDefault(False)
            self.buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
            b.setVisible(self._visit is not None)  # after addButton, which shows it
        self.appointment_button.clicked.connect(lambda: self._hand_over(self.sig_appointment))
        self.outcome_button.clicked.connect(lambda: self._hand_over(self.sig_outcome))
        self.ledger_button.clicked.connect(lambda: self._hand_over(self.sig_open_room, self._visit.room_id))
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        close.setAutoDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.save)
        if self._visit is not None:
            self.room_edit.setText(f"{self._visit.estate_name} {self._visit.room_code}")
            self.room_edit.setReadOnly(True)
        self.override_edit.setEnabled(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter moves to the next field (Ctrl+Enter saves); in the room field it picks the room found."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if self.room_edit.hasFocus():
                return
            self.focusNextChild()
            event.accept()
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        """Closed: no conflict check runs after the form is gone."""
        self.check_timer.stop()
        self.search.timer.stop()
        self.search.hide_popup()
        self._check_seq += 1
        super().done(result)

    def _hand_over(self, signal, *args) -> None:
        self.reject()
        signal.emit(*args)

    def _set_start(self, start: datetime | None, previous) -> None:
        if start is None and previous is not None:  # a revisit: a week later at the same time
            start = previous.start + timedelta(days=7)
            while start.date() <= self._today:
                start += timedelta(days=7)
        if start is None:
            day = self._today + timedelta(days=1)
            start = datetime.combine(day, self.slots.window(day)[0])
        if self._visit is not None:
            start = self._visit.start
        end = self._visit.end if self._visit is not None else default_end(start, self.slots)
        self.day_edit.setDate(QDate(start.date()))
        self.start_edit.setTime(QTime(start.hour, start.minute))
        self.end_edit.setTime(QTime(end.hour, end.minute))
        self._show_window()

    def _show_window(self) -> None:
        start, end = self.slots.window(self.day_edit.date().toPython())
        self.window_hint.setText(self.tr("visiting hours {start}–{end}").format(start=f"{start:%H:%M}",
                                                                                end=f"{end:%H:%M}"))

    # staff
    def _fill_lanes(self, checked: set[int] | None = None, maintenance: int | None = None) -> None:
        if checked is None:
            checked = set(self.checked_staff())
        self.staff_list.blockSignals(True)
        self.staff_list.clear()
        for lane in sorted(self.lanes, key=lambda ln: ln.user_id not in checked):  # who goes on top
            item = QListWidgetItem(f"{lane.name}  ({label(DUTY_LABELS, duty_for(lane))})")
            item.setData(Qt.ItemDataRole.UserRole, lane.user_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if lane.user_id in checked else Qt.CheckState.Unchecked)
            self.staff_list.addItem(item)
        self.staff_list.blockSignals(False)
        current = maintenance if maintenance is not None else self.maintenance_combo.currentData()
        self.maintenance_combo.blockSignals(True)
        self.maintenance_combo.clear()
        self.maintenance_combo.addItem(self.tr("— none —"), None)
        for lane in self.lanes:
            self.maintenance_combo.addItem(lane.name, lane.user_id)
        self.maintenance_combo.setCurrentIndex(max(0, self.maintenance_combo.findData(current)))
        self.maintenance_combo.blockSignals(False)
        self._staff_changed()

    def checked_staff(self) -> list[int]:
        """The staff ticked, in the list's order."""
        out = []
        for i in range(self.staff_list.count()):
            item = self.staff_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def set_staff(self, ids) -> None:
        """Tick exactly ``ids`` (tests, prefilling)."""
        wanted = set(ids)
        for i in range(self.staff_list.count()):
            item = self.staff_list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)

    def picks(self) -> tuple[StaffPick, ...]:
        """The team as the service takes it (the maintenance worker with that duty)."""
        by_id = {lane.user_id: lane for lane in self.lanes}
        maintenance = self.maintenance_combo.currentData()
        out = [StaffPick(uid, duty_for(by_id.get(uid))) for uid in self.checked_staff() if uid != maintenance]
        if maintenance is not None:
            out.append(StaffPick(maintenance, VisitDuty.MAINTENANCE))
        return tuple(out)

    def _staff_changed(self) -> None:
        alone = len({p.user_id for p in self.picks()}) == 1
        self.override_edit.setEnabled(alone)
        set_inline(self.errors["staff"], self.tr("One person alone: a manager's override with its reason is needed.")
                   if alone else "", HINT_STYLE if alone else ERROR_STYLE)
        self._show_issue_hint()

    def _show_issue_hint(self) -> None:
        ctx = self.form.context if self.form is not None else None
        if ctx is not None and ctx.open_issues and self.maintenance_combo.currentData() is None:
            set_inline(self.hint_label, self.tr("Open service issues: {issues}. Take a maintenance worker along?")
                       .format(issues="；".join(ctx.open_issues)), _WARN_STYLE)
        else:
            set_inline(self.hint_label, "")

    # loading
    def load(self) -> None:
        """The room's context (and the visit, when changing one) on the task runner."""
        if self._room_id is None and self._visit is None:
            if not self.lanes:
                self._runner.submit(load_form, actor=self._user, today=self._today, on_result=self._loaded,
                                    on_error=self._load_failed)
            else:
                self._preset_staff(None)
            return
        self.save_button.setEnabled(False)
        self._runner.submit(load_form, actor=self._user, today=self._today, room_id=self._room_id,
                            visit_id=self._visit.visit_id if self._visit is not None else None,
                            on_result=self._loaded, on_error=self._load_failed)

    def choose_room(self, room_id: int) -> None:
        """The room picked in the search popup."""
        self._room_id = room_id
        self.search.hide_popup()
        set_inline(self.errors["room"], "")
        self.load()

    def _loaded(self, form: VisitForm) -> None:
        first = self.form is None
        self.form = form
        self.lanes = form.lanes
        self.slots = form.slots
        self.save_button.setEnabled(True)
        ctx, detail = form.context, form.detail
        if ctx is not None:
            self._room_id = ctx.room_id
            self._case_id = self._case_id or ctx.case_id
            self.room_label.setText(f"{ctx.estate} {ctx.room_code}  {ctx.owner or self.tr('(no owner on file)')}")
            if self._visit is None:
                self.room_edit.setText(f"{ctx.estate} {ctx.room_code}")
            facts = [self.tr("Overdue {amount}").format(amount=format_money(ctx.arrears_fen))]
            if ctx.phone_masked:
                facts.append(ctx.phone_masked)
            if ctx.hold_until is not None and ctx.hold_until >= self._today:
                facts.append(self.tr("On hold until {date}").format(date=ctx.hold_until.isoformat()))
            others = [v for v in ctx.planned if self._visit is None or v.visit_id != self._visit.visit_id]
            for v in others:
                facts.append(self.tr("Already planned {when}").format(when=f"{local(v.start):%m-%d %H:%M}"))
            self.facts_label.setText("　·　".join(facts))
        if detail is not None:
            self._fill_detail(detail)
        elif first or ctx is not None:
            self._preset_staff(ctx)
        self._show_window()
        self._show_issue_hint()
        self.sig_loaded.emit(form)
        self.check_timer.start()
        if ctx is not None and self._visit is None:
            self.day_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self._visit is None:
            self.room_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _preset_staff(self, ctx) -> None:
        """Who goes by default: the lane the slot was in, the room's collector and the signed-in user
        (a revisit: the same people)."""
        lane_ids = {lane.user_id for lane in self.lanes}
        wanted: set[int] = set(self.checked_staff())
        maintenance = None
        if self._previous is not None:
            wanted |= set(self._previous.staff_ids)
            if self._previous.team:
                self.team_combo.setCurrentText(self._previous.team)
            for s in self._previous.dto.staff:
                if s.duty == VisitDuty.MAINTENANCE:
                    maintenance = s.user_id
        else:
            for uid in (self._staff_id, ctx.collector_id if ctx is not None else None,
                        getattr(self._user, "id", None)):
                if uid is not None:
                    wanted.add(uid)
        self._fill_lanes({u for u in wanted if u in lane_ids and u != maintenance}, maintenance)

    def _fill_detail(self, d: visit_service.VisitDetail) -> None:
        maintenance = next((s.user_id for s in d.staff if s.duty == VisitDuty.MAINTENANCE), None)
        self._fill_lanes({s.user_id for s in d.staff if s.user_id != maintenance}, maintenance)
        self.team_combo.setCurrentText(d.team)
        self.note_edit.setText(d.note)
        self.override_edit.setText(d.override_reason)
        lines = [self.tr("Status: {status}").format(status=label(STATUS_LABELS, str(d.status)))]
        if d.confirmed_at is not None:
            lines.append(self.tr("Appointment confirmed {when}").format(when=f"{local(d.confirmed_at):%m-%d %H:%M}"))
        if d.result is not None:
            lines.append(self.tr("Result: {result}").format(result=label(RESULT_LABELS, str(d.result))))
        if d.attitude:
            lines.append(self.tr("Attitude: {text}").format(text=d.attitude))
        if d.override_by:
            lines.append(self.tr("Alone on {name}'s override").format(name=d.override_by))
        if d.cancel_reason:
            lines.append(self.tr("Cancelled: {reason}").format(reason=d.cancel_reason))
        self.details_label.setText("　·　".join(lines))
        self.details_label.show()
        open_ = str(d.status) in ("planned", "confirmed") and (self._user is None
                                                              or self._user.can(Permission.PLAN_VISITS))
        for w in (self.day_edit, self.start_edit, self.end_edit, self.staff_list, self.maintenance_combo,
                  self.team_combo, self.note_edit, self.save_button, self.appointment_button, self.outcome_button):
            w.setEnabled(open_)
        if open_:
            self._staff_changed()
        else:
            self.override_edit.setEnabled(False)

    def _load_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(self._room_id is not None or self._visit is not None)
        set_inline(self.conflict_label, error_message(exc))

    # saving
    def window(self) -> tuple[datetime, datetime]:
        """The window typed, on the office's wall clock."""
        day = self.day_edit.date().toPython()
        start = datetime.combine(day, self.start_edit.time().toPython().replace(second=0, microsecond=0))
        end_t = self.end_edit.time().toPython().replace(second=0, microsecond=0)
        end = datetime.combine(day if end_t > time(0) else day + timedelta(days=1), end_t)
        return start, end

    def draft(self) -> tuple[VisitDraft | None, list[FieldError]]:
        """The form as the service's draft (None until a room is chosen)."""
        if self._room_id is None:
            return None, []
        start, end = self.window()
        override = self.override_edit.text().strip() if self.override_edit.isEnabled() else ""
        draft = VisitDraft(room_id=self._room_id, start=aware(start), end=aware(end), staff=self.picks(),
                           case_id=self._case_id, team=self.team_combo.currentText().strip(),
                           note=self.note_edit.text().strip(), override_reason=override)
        return draft, []

    def _show_errors(self, errors: list[FieldError]) -> None:
        """Each problem beside its field (several of one field one under the other); the rest under the form."""
        for widget in self.errors.values():
            set_inline(widget, "")
        self._staff_changed()  # the hint for one person alone
        focus = {"room": self.room_edit, "start": self.start_edit, "staff": self.staff_list,
                 "override": self.override_edit, "maintenance": self.maintenance_combo,
                 "team": self.team_combo, "note": self.note_edit}
        by_field: dict[str, list[str]] = {}
        rest, first = [], None
        for e in errors:
            text = message_for_code(e.code, e.params)
            if e.field in self.errors:
                by_field.setdefault(e.field, []).append(text)
            else:
                rest.append(text)
            first = first or focus.get(e.field)
        for key, texts in by_field.items():
            set_inline(self.errors[key], "\n".join(texts))
        set_inline(self.conflict_label, "\n".join(rest))
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        """Check the form beside each field, then plan (or move) the visit on the task runner."""
        if self._saving or not self.save_button.isEnabled():
            return
        draft, _errors = self.draft()
        if draft is None:
            set_inline(self.errors["room"], self.tr("Choose the room first."))
            self.room_edit.setFocus()
            return
        allowed = self._user is None or self._user.can(Permission.APPROVE_PLANS)
        errors = visit_errors(draft, today=self._today, override_allowed=allowed, rules=self.slots)
        self._show_errors(errors)
        if errors:
            return
        if self._draft_only:  # checked again with the outcome it belongs to, in one transaction
            self.saved = draft
            self.sig_draft.emit(draft)
            self.accept()
            return
        self._saving = True
        self.check_timer.stop()
        self.save_button.setEnabled(False)
        set_inline(self.conflict_label, self.tr("Saving…"), HINT_STYLE)
        if self._visit is None:
            self._runner.submit(visit_service.plan_visit, actor=self._user, draft=draft, today=self._today,
                                on_result=self._saved, on_error=self._save_failed)
        else:
            self._runner.submit(visit_service.move_visit, actor=self._user, visit_id=self._visit.visit_id,
                                version=self.form.detail.version if self.form and self.form.detail
                                else self._visit.dto.version,
                                draft=draft, today=self._today, on_result=self._saved, on_error=self._save_failed)

    def check_conflicts(self) -> None:
        """While the form changes: ask the service which visits, holds or payments the visit would
        collide with, and say so under the form before anything is saved."""
        self.check_timer.stop()
        if self._saving or self._room_id is None or self.form is None or not self.isVisible():
            return
        draft, _errors = self.draft()
        self._check_seq += 1
        seq = self._check_seq
        self._runner.submit(visit_service.check_visit, actor=self._user, draft=draft, today=self._today,
                            visit_id=self._visit.visit_id if self._visit is not None else None,
                            on_result=lambda conflicts: self._checked(seq, conflicts),
                            on_error=lambda _exc: self._checked(seq, None))

    def _checked(self, seq: int, conflicts) -> None:
        if seq != self._check_seq or self._saving:
            return
        if conflicts:
            lines = [self.tr("This visit would collide:")]
            lines += ["• " + message_for_code(str(c.code), c.params) for c in conflicts]
            set_inline(self.conflict_label, "\n".join(lines), _WARN_STYLE)
        elif self.conflict_label.styleSheet() == _WARN_STYLE:
            set_inline(self.conflict_label, "")  # the slot and team are checked when saving

    def _saved(self, detail) -> None:
        self._saving = False
        self.saved = detail
        self.sig_saved.emit(detail)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        conflicts = exc.params.get("conflicts") if isinstance(exc, DomainError) else None
        if conflicts:
            lines = [self.tr("Not saved: the visit collides.")]
            lines += ["• " + message_for_code(str(c.code), c.params) for c in conflicts]
            set_inline(self.conflict_label, "\n".join(lines))
            return
        if isinstance(exc, ValidationError) and exc.params.get("field") in self.errors:
            self._show_errors([FieldError(exc.params["field"], exc.code, dict(exc.params))])
            return
        set_inline(self.conflict_label, self.tr("Not saved: {error}").format(error=error_message(exc)))
