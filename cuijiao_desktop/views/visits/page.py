"""上门计划: the visits of a week or a day on a calendar, and the forms that plan, book and close them.

The page loads one week (or day) of visits through the task runner and hands them to
:class:`VisitCalendar` as plain blocks. Whatever the user asks of the calendar (a new visit in an
empty slot, a move, opening or cancelling a visit) comes back here as a signal: the page opens the
dialog or calls the service, shows a refusal in words under the calendar and reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QLocale, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.views.dialogs.style import ERROR_STYLE, HINT_STYLE, set_inline
from cuijiao_desktop.views.labels import label
from cuijiao_desktop.views.pages.base import Page
from cuijiao_desktop.views.visits import data as visit_data
from cuijiao_desktop.views.visits.calendar_blocks import CalendarMode
from cuijiao_desktop.views.visits.calendar_widget import VisitCalendar
from cuijiao_desktop.views.visits.labels import RESULT_LABELS, STATUS_LABELS
from cuijiao_desktop.views.visits.legend import StatusLegend
from cuijiao_desktop.views.visits.route import route_sheet_available
from cuijiao_desktop.views.widgets.dates import date_edit

ALL = None


class VisitsPage(Page):
    """The visit calendar. ``sig_open_room(room_id)`` asks the window for the room ledger."""

    sig_open_room = Signal(int)
    sig_loaded = Signal(object)  # visit_data.CalendarData
    sig_changed = Signal()  # a visit was planned, moved, booked, closed or cancelled

    def __init__(self, runner, user, *, today: Callable[[], date] = date.today, settings=None,
                 now: Callable[[], datetime] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Home visits"), "visits", parent)
        self._runner = runner
        self._user = user
        self._today = today
        self._now = now or (lambda: datetime.combine(self._today(), datetime.now().time()).astimezone())
        self._settings = settings
        self.data: visit_data.CalendarData | None = None
        self.anchor: date = today()
        self.mode = CalendarMode.WEEK
        self._seq = 0
        self._select_after_load: int | None = None
        self.dialog = None  # the open visit, appointment or outcome form (tests reach it here)
        self.can_plan = user is None or user.can(Permission.PLAN_VISITS)
        content = QWidget()
        self._box = QVBoxLayout(content)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(10)
        self._build_bar()
        self._build_calendar()
        self._build_footer()
        # the page scrolls as one when the window is narrower than its bar of buttons
        outer = QScrollArea()
        outer.setObjectName("visitsPageScroll")
        outer.setWidgetResizable(True)
        outer.setFrameShape(QFrame.Shape.NoFrame)
        outer.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.setWidget(content)
        self.body.addWidget(outer, 1)

    # construction
    def _build_bar(self) -> None:
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.prev_button = QPushButton(self.tr("◀ &Previous"))
        self.prev_button.setObjectName("visitsPrev")
        self.today_button = QPushButton(self.tr("&Today"))
        self.today_button.setObjectName("visitsToday")
        self.next_button = QPushButton(self.tr("&Next ▶"))
        self.next_button.setObjectName("visitsNext")
        self.date_edit = date_edit("visitsDate", self.anchor)
        self.date_edit.setToolTip(self.tr("Go to a day"))
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(lambda: self.go_to(self._today()))
        self.date_edit.dateChanged.connect(lambda d: self.go_to(d.toPython()))
        self.week_button = QPushButton(self.tr("&Week"))
        self.week_button.setObjectName("visitsWeek")
        self.day_button = QPushButton(self.tr("&Day"))
        self.day_button.setObjectName("visitsDay")
        group = QButtonGroup(self)
        for b in (self.week_button, self.day_button):
            b.setCheckable(True)
            group.addButton(b)
        self.week_button.setChecked(True)
        self.week_button.clicked.connect(lambda: self.set_mode(CalendarMode.WEEK))
        self.day_button.clicked.connect(lambda: self.set_mode(CalendarMode.DAY))
        self.staff_caption = QLabel(self.tr("&Staff:"))
        self.staff_combo = QComboBox()
        self.staff_combo.setObjectName("visitsStaff")
        self.staff_combo.setMinimumContentsLength(8)
        self.staff_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.staff_caption.setBuddy(self.staff_combo)
        self.staff_combo.addItem(self.tr("Everyone"), ALL)
        self.staff_combo.currentIndexChanged.connect(lambda _i: self._show_blocks())
        self.new_button = QPushButton(self.tr("New &visit…"))
        self.new_button.setObjectName("visitsNew")
        self.new_button.setToolTip(self.tr("Plan a visit in the slot under the cursor (Enter on an empty slot)"))
        self.new_button.clicked.connect(lambda: self.create_visit(self.calendar.cursor_start(),
                                                                  self.calendar.column_staff(
                                                                      self.calendar.cursor_column)))
        self.new_button.setVisible(self.can_plan)
        self.route_button = QPushButton(self.tr("&Route sheet…"))
        self.route_button.setObjectName("visitsRoute")
        self.route_button.setToolTip(self.tr("The visit sheet of the day under the cursor, for the team or person "
                                             "chosen in Staff, in walking order"))
        self.route_button.clicked.connect(self.show_route)
        self.route_button.setVisible(route_sheet_available())
        for w in (self.prev_button, self.today_button, self.next_button, self.date_edit):
            bar.addWidget(w)
        bar.addSpacing(12)
        bar.addWidget(self.week_button)
        bar.addWidget(self.day_button)
        bar.addSpacing(12)
        bar.addWidget(self.staff_caption)
        bar.addWidget(self.staff_combo)
        bar.addStretch(1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.route_button)
        self._box.addLayout(bar)
        QShortcut(QKeySequence("Alt+PgUp"), self, activated=lambda: self.step(-1))
        QShortcut(QKeySequence("Alt+PgDown"), self, activated=lambda: self.step(1))

    def _build_calendar(self) -> None:
        self.calendar = VisitCalendar()
        self.scroll = QScrollArea()
        self.scroll.setObjectName("visitsScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setWidget(self.calendar)
        self.scroll.verticalScrollBar().valueChanged.connect(self.calendar.set_view_top)
        # a week loaded while the page is hidden has no size yet: scroll once it has one
        self._pending_scroll: tuple[int, int, int | None] | None = None
        self.scroll.verticalScrollBar().rangeChanged.connect(lambda _low, _high: self._apply_scroll())
        self._box.addWidget(self.scroll, 1)
        c = self.calendar
        c.editable = self.can_plan
        c.sig_create_requested.connect(self.create_visit)
        c.sig_open_requested.connect(self.open_visit)
        c.sig_move_requested.connect(self.move_visit)
        c.sig_cancel_requested.connect(self.cancel_visit)
        c.sig_context_requested.connect(self._context_menu)
        c.sig_selection_changed.connect(self._show_selection)
        c.sig_selection_changed.connect(self._follow_cursor)

    def _build_footer(self) -> None:
        row = QHBoxLayout()
        self.legend = StatusLegend({k: label(STATUS_LABELS, k) for k in STATUS_LABELS})
        self.legend.slot_label = self.tr("Visiting hours")
        row.addWidget(self.legend)
        row.addStretch(1)
        self.appointment_button = QPushButton(self.tr("Booking &call…"))
        self.appointment_button.setObjectName("visitsAppointment")
        self.appointment_button.setToolTip(self.tr("Record the phone call that booked the selected visit"))
        self.appointment_button.clicked.connect(lambda: self.record_appointment(self.calendar.selected_id))
        self.outcome_button = QPushButton(self.tr("&Outcome…"))
        self.outcome_button.setObjectName("visitsOutcome")
        self.outcome_button.setToolTip(self.tr("Record what the selected visit came to"))
        self.outcome_button.clicked.connect(lambda: self.record_outcome(self.calendar.selected_id))
        self.cancel_button = QPushButton(self.tr("Cance&l visit…"))
        self.cancel_button.setObjectName("visitsCancel")
        self.cancel_button.setToolTip(self.tr("Cancel the selected visit, with a reason (Delete)"))
        self.cancel_button.clicked.connect(lambda: self.cancel_visit(self.calendar.selected_id))
        for b in (self.appointment_button, self.outcome_button, self.cancel_button):
            b.setVisible(self.can_plan)
            row.addWidget(b)
        self._box.addLayout(row)
        self.selection_label = QLabel()
        self.selection_label.setObjectName("visitsSelection")
        self.selection_label.setWordWrap(True)
        self.selection_label.setStyleSheet("color: #44546A;")
        self._box.addWidget(self.selection_label)
        self.message_label = QLabel()
        self.message_label.setObjectName("visitsMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self._box.addWidget(self.message_label)
        self._show_selection()

    # navigation
    def days(self) -> list[date]:
        """The days on screen: the week (Monday first) around the anchor, or the anchor."""
        if self.mode is CalendarMode.DAY:
            return [self.anchor]
        monday = self.anchor - timedelta(days=self.anchor.weekday())
        return [monday + timedelta(days=i) for i in range(7)]

    def step(self, direction: int) -> None:
        """A week (or a day) back or on."""
        self.go_to(self.anchor + timedelta(days=direction * (7 if self.mode is CalendarMode.WEEK else 1)))

    def go_to(self, day: date) -> None:
        """Show the week (or day) of ``day``; the cursor goes to that day."""
        self.anchor = day
        with QSignalBlocker(self.date_edit):
            self.date_edit.setDate(QDate(day))
        self.refresh()

    def show_visit(self, visit_id: int, day: date) -> None:
        """The day of a visit (today's work: Enter on a visit), with the visit selected."""
        self.anchor = day
        self._select_after_load = visit_id
        self.refresh()

    def set_mode(self, mode: CalendarMode) -> None:
        """Week or day view; the day under the cursor stays the anchor."""
        if self.data is not None and self.calendar.column_count():
            self.anchor = self.calendar.column_day(self.calendar.cursor_column)
        self.mode = mode
        self.week_button.setChecked(mode is CalendarMode.WEEK)
        self.day_button.setChecked(mode is CalendarMode.DAY)
        self.refresh()

    # loading
    def refresh(self) -> None:
        super().refresh()
        self._seq += 1
        seq = self._seq
        days = self.days()
        with QSignalBlocker(self.date_edit):
            self.date_edit.setDate(QDate(self.anchor))
        self.header_right.setText(self.tr("Loading…"))
        self._runner.submit(visit_data.load_calendar, actor=self._user, first=days[0], last=days[-1],
                            today=self._today(), read_only=True,
                            on_result=lambda data, seq=seq: self._show_loaded(seq, data),
                            on_error=lambda exc, seq=seq: self._load_failed(seq, exc))

    def _show_loaded(self, seq: int, data: visit_data.CalendarData) -> None:
        if seq != self._seq:
            return
        self.data = data
        days = self.days()
        if self.mode is CalendarMode.DAY:
            self.header_right.setText(f"{days[0].isoformat()} {QLocale().dayName(days[0].isoweekday())}")
        else:
            self.header_right.setText(self.tr("{first} – {last}").format(first=days[0].isoformat(),
                                                                         last=days[-1].isoformat()))
        current = self.staff_combo.currentData()
        with QSignalBlocker(self.staff_combo):
            self.staff_combo.clear()
            self.staff_combo.addItem(self.tr("Everyone"), ALL)
            for team in data.teams:
                self.staff_combo.addItem(self.tr("Team {name}").format(name=team), f"team:{team}")
            for s in data.staff:
                self.staff_combo.addItem(s.name, f"staff:{s.staff_id}")
            self.staff_combo.setCurrentIndex(max(0, self.staff_combo.findData(current)))
        self._show_blocks(first_load=True)
        self.sig_loaded.emit(data)

    def _load_failed(self, seq: int, exc: BaseException) -> None:
        if seq != self._seq:
            return
        self.header_right.setText("")
        self.show_message(self.tr("The visits could not be loaded: {error}").format(error=error_message(exc)))

    def _filter(self) -> tuple[str, int | str] | None:
        """What the staff filter keeps: None (everyone), ("team", label) or ("staff", user id)."""
        data = self.staff_combo.currentData()
        if not data:
            return None
        kind, _sep, value = str(data).partition(":")
        return (kind, int(value)) if kind == "staff" else (kind, value)

    def _show_blocks(self, *, first_load: bool = False) -> None:
        data = self.data
        if data is None:
            return
        days = self.days()
        chosen = self._filter()
        lanes = visit_data.lanes_for(data, chosen, days if self.mode is CalendarMode.DAY else None)
        visits = visit_data.filter_visits(data.visits, chosen)
        blocks = [visit_data.block_of(v, tooltip=self._tooltip(v)) for v in visits]
        cursor_day = self.anchor if self.anchor in days else days[0]
        self.calendar.set_data(mode=self.mode, days=days, lanes=lanes, blocks=blocks, today=data.today,
                               slots_for=data.slots_for, hours=data.hours)
        if first_load:
            wanted = self._select_after_load
            self._select_after_load = None
            if wanted is None or not self.calendar.select_visit(wanted):
                column = days.index(cursor_day) if self.mode is CalendarMode.WEEK else \
                    min(self.calendar.cursor_column, self.calendar.column_count() - 1)
                start, _end = data.slots_for(cursor_day)[0] if data.slots_for(cursor_day) else (time(18, 30), None)
                row = self.calendar.cursor_row if self.calendar.cursor_row and wanted is None and \
                    self.calendar.cursor_column == column else self.calendar.row_of(start)
                self.calendar.set_cursor(column, row)
            # the rest of the day's visiting hours and that day's visits in sight too, when they fit
            day = self.calendar.column_day(self.calendar.cursor_column)
            ends = [end for _start, end in data.slots_for(day)[-1:]] + [v.end.time() for v in visits
                                                                        if v.start.date() == day]
            self._scroll_to_cursor(band_end=self.calendar.row_of(max(ends)) if ends else None)
        self._show_selection()

    def _scroll_to_cursor(self, *, band_end: int | None = None) -> None:
        """The cursor's slot near the top of the view, an hour of context above it, and down to the
        row ``band_end`` (the end of the day's visiting hours) when that fits. Again once the grid
        has its size: a week loaded while the page was hidden scrolls when the page is shown."""
        self._pending_scroll = (self.calendar.cursor_column, self.calendar.cursor_row, band_end)
        self._apply_scroll()
        QTimer.singleShot(0, self._apply_scroll)

    def _apply_scroll(self) -> None:
        if self._pending_scroll is None:
            return
        column, row, band_end = self._pending_scroll
        rect = self.calendar.cell_rect(column, row)
        value = rect.top() - rect.height() * 2 - 42
        if band_end is not None:
            bottom = self.calendar.cell_rect(column, band_end).bottom() + rect.height()
            value = max(value, min(rect.top() - 48, bottom - self.scroll.viewport().height()))
        self.scroll.verticalScrollBar().setValue(int(value))
        self.scroll.ensureVisible(int(rect.center().x()), int(rect.center().y()), 20, 20)
        if self.scroll.isVisible() and self.calendar.height() >= self.calendar.minimumHeight() > 0:
            self._pending_scroll = None  # laid out: done (later resizes leave the user's scrolling alone)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._pending_scroll is not None:
            QTimer.singleShot(0, self._apply_scroll)

    def _follow_cursor(self) -> None:
        """The arrows keep the cursor's slot in view (below the header band)."""
        if not self.calendar.hasFocus():
            return
        rect = self.calendar.cell_rect(self.calendar.cursor_column, self.calendar.cursor_row)
        self.scroll.ensureVisible(int(rect.center().x()), int(rect.center().y()), 20,
                                  int(rect.height() / 2 + 48))

    def _tooltip(self, v) -> str:
        lines = [f"{v.estate_name} {v.room_code}  {v.owner_name}".strip(),
                 f"{v.start:%Y-%m-%d %H:%M}–{v.end:%H:%M}  {label(STATUS_LABELS, v.status)}",
                 "、".join(v.staff_names)]
        if v.team:
            lines.append(self.tr("Team {name}").format(name=v.team))
        if v.dto.arrears_fen:
            lines.append(self.tr("Overdue {amount}").format(amount=format_money(v.dto.arrears_fen)))
        if v.dto.overridden:
            lines.append(self.tr("Alone, on a manager's override"))
        if v.dto.standing:
            lines.insert(0, self.tr("Cancel this visit: {reason}").format(reason=v.dto.standing))
        if v.result:
            lines.append(label(RESULT_LABELS, v.result))
        return "\n".join(line for line in lines if line)

    # selection
    def selected_visit(self):
        """The visit under the calendar's cursor (a view row), or None."""
        if self.data is None or self.calendar.selected_id is None:
            return None
        return next((v for v in self.data.visits if v.visit_id == self.calendar.selected_id), None)

    def selected_room_id(self) -> int | None:
        v = self.selected_visit()
        return v.room_id if v is not None else None

    current_room_id = selected_room_id  # F6 logs a contact with the room of the selected visit

    def _show_selection(self) -> None:
        v = self.selected_visit()
        open_ = v is not None and v.status in ("planned", "confirmed")
        self.appointment_button.setEnabled(open_)
        self.outcome_button.setEnabled(open_)
        self.cancel_button.setEnabled(open_)
        if v is None:
            start = self.calendar.cursor_start()
            self.selection_label.setText(self.tr("Empty slot {when}: Enter or a double click plans a visit; "
                                                 "arrows move, Ctrl+arrows move the selected visit.").format(
                when=f"{start:%m-%d %H:%M}"))
        else:
            self.selection_label.setText(self.tr("{room} {owner} · {when} · {status} · {staff}").format(
                room=v.room_code, owner=v.owner_name, when=f"{v.start:%m-%d %H:%M}–{v.end:%H:%M}",
                status=label(STATUS_LABELS, v.status), staff="、".join(v.staff_names)))

    def show_message(self, text: str, *, error: bool = True) -> None:
        set_inline(self.message_label, text, ERROR_STYLE if error else HINT_STYLE)

    def _context_menu(self, visit_id, start, global_pos) -> None:
        menu = QMenu(self)
        v = self.selected_visit() if visit_id is not None else None
        if v is not None:
            menu.addAction(self.tr("Open visit…"), lambda: self.open_visit(v.visit_id))
            open_ = v.status in ("planned", "confirmed")
            for text, slot in ((self.tr("Booking call…"), lambda: self.record_appointment(v.visit_id)),
                               (self.tr("Outcome…"), lambda: self.record_outcome(v.visit_id)),
                               (self.tr("Cancel visit…"), lambda: self.cancel_visit(v.visit_id))):
                action = menu.addAction(text, slot)
                action.setEnabled(open_ and self.can_plan)
            menu.addSeparator()
            menu.addAction(self.tr("Open room ledger"), lambda: self.sig_open_room.emit(v.room_id))
        elif self.can_plan:
            staff = self.calendar.column_staff(self.calendar.cursor_column)
            menu.addAction(self.tr("New visit here…"), lambda: self.create_visit(start, staff))
        self.context_menu = menu
        if not menu.isEmpty():
            menu.popup(global_pos)

    # what the calendar asks for
    def _after_change(self, visit_id: int | None, text: str) -> None:
        self.show_message(text, error=False)
        self._select_after_load = visit_id
        self.sig_changed.emit()
        self.refresh()

    def create_visit(self, start: datetime | None = None, staff_id: int | None = None, *,
                     room_id: int | None = None, case_id: int | None = None, previous=None) -> None:
        """The form for a new visit: at ``start`` with ``staff_id`` (the lane), or for a room."""
        if not self.can_plan:
            return
        from cuijiao_desktop.views.visits.visit_dialog import VisitDialog

        dialog = VisitDialog(self._runner, self._user, today=self._today(), start=start, staff_id=staff_id,
                             room_id=room_id, case_id=case_id, previous=previous, data=self.data, parent=self)
        dialog.sig_saved.connect(lambda v: self._after_change(v.visit_id, self.tr("Visit planned.")))
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_visit(self, visit_id: int) -> None:
        """The form of a visit: edit it while it is open, read it once done."""
        from cuijiao_desktop.views.visits.visit_dialog import VisitDialog

        v = next((x for x in self.data.visits if x.visit_id == visit_id), None) if self.data else None
        if v is None:
            return
        dialog = VisitDialog(self._runner, self._user, today=self._today(), visit=v, data=self.data, parent=self)
        dialog.sig_saved.connect(lambda saved: self._after_change(saved.visit_id, self.tr("Visit saved.")))
        dialog.sig_appointment.connect(lambda: self.record_appointment(visit_id))
        dialog.sig_outcome.connect(lambda: self.record_outcome(visit_id))
        dialog.sig_open_room.connect(self.sig_open_room)
        self.dialog = dialog
        dialog.open()

    def move_visit(self, visit_id: int, start: datetime, from_staff: int | None, to_staff: int | None) -> None:
        """A drag or Ctrl+arrow: the service checks the new time and team; a refusal is shown below."""
        v = next((x for x in self.data.visits if x.visit_id == visit_id), None) if self.data else None
        if v is None or not self.can_plan:
            return
        self.show_message(self.tr("Moving {room}…").format(room=v.room_code), error=False)
        self._runner.submit(visit_data.move, actor=self._user, visit=v, start=start, from_staff=from_staff,
                            to_staff=to_staff, today=self._today(),
                            on_result=lambda moved: self._after_change(moved.visit_id, self.tr(
                                "{room} moved to {when}.").format(room=v.room_code,
                                                                  when=f"{start:%m-%d %H:%M}")),
                            on_error=lambda exc: self._move_failed(visit_id, exc))

    def _move_failed(self, visit_id: int, exc: BaseException) -> None:
        self.show_message(self.tr("Not moved: {error}").format(error=error_message(exc)))
        self.calendar.select_visit(visit_id)
        self.calendar.update()

    def cancel_visit(self, visit_id: int | None) -> None:
        """Delete: cancel the visit, with a reason."""
        v = self.selected_visit() if visit_id == self.calendar.selected_id else None
        if v is None or v.status not in ("planned", "confirmed") or not self.can_plan:
            return
        from cuijiao_desktop.views.visits.small_dialogs import CancelVisitDialog

        dialog = CancelVisitDialog(self._runner, self._user, v, today=self._today(), parent=self)
        dialog.sig_saved.connect(lambda _r: self._after_change(None, self.tr("Visit cancelled.")))
        self.dialog = dialog
        dialog.open()

    def record_appointment(self, visit_id: int | None) -> None:
        """The booking call of a visit."""
        v = self.selected_visit() if visit_id == self.calendar.selected_id else None
        if v is None or v.status not in ("planned", "confirmed") or not self.can_plan:
            return
        from cuijiao_desktop.views.visits.small_dialogs import AppointmentDialog

        dialog = AppointmentDialog(self._runner, self._user, v, now=self._now, parent=self)
        dialog.sig_saved.connect(lambda _r: self._after_change(v.visit_id, self.tr("Booking call saved.")))
        self.dialog = dialog
        dialog.open()

    def record_outcome(self, visit_id: int | None) -> None:
        """What the visit came to; a revisit opens the form of the next visit."""
        v = self.selected_visit() if visit_id == self.calendar.selected_id else None
        if v is None or v.status not in ("planned", "confirmed") or not self.can_plan:
            return
        from cuijiao_desktop.views.visits.outcome_dialog import OutcomeDialog

        dialog = OutcomeDialog(self._runner, self._user, v, today=self._today(), now=self._now,
                               settings=self._settings, data=self.data, parent=self)
        dialog.sig_saved.connect(self._outcome_saved)
        self.dialog = dialog
        dialog.open()

    def _outcome_saved(self, result) -> None:
        text = self.tr("Outcome saved.")
        if result.next_visit_id is not None:
            text = self.tr("Outcome saved; the next visit is on the calendar.")
        self._after_change(result.visit_id, text)

    # the route sheet
    def show_route(self) -> None:
        """The visit sheet PDF of the day under the cursor and the chosen team or person."""
        from cuijiao_desktop.views.visits import route

        day = self.calendar.column_day(self.calendar.cursor_column)
        route.show_route_sheet(self, self._runner, self._user, day=day, team=visit_data.team_name(self.data,
                                                                                                  self._filter()),
                               settings=self._settings)
