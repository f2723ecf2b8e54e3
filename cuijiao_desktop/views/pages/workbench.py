"""工作台: today's work of the signed-in person (``services.worklist``), counts at a glance.

A card per kind of work shows its count; clicking a card (or Space on it) shows the list behind
it, clicking it again shows everything. Enter on an item opens the form that handles it: the call
form for calls and promises, the room ledger for the rest. Managers can look at the whole office or
at one collector's list. The office's figures stay in one line above.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import auth, overview
from cuijiao_desktop.services import worklist as worklist_service
from cuijiao_desktop.services.worklist import KIND_ORDER, WorkItem, WorkKind
from cuijiao_desktop.views.collection.models import WorkItemsModel
from cuijiao_desktop.views.labels import WORK_LABELS, WORK_NOTES, label
from cuijiao_desktop.views.pages.base import Page
from cuijiao_desktop.views.pages.reports.rate_card import RateCard
from cuijiao_desktop.views.widgets.tables import list_view, on_enter

#: Kinds handled in the call form (the rest open the room ledger).
CALL_KINDS = frozenset({WorkKind.CALL, WorkKind.PROMISE_DUE, WorkKind.PROMISE_BROKEN})
OFFICE = -1  # the view selector's "whole office"


@dataclass(frozen=True)
class WorkbenchData:
    """What one load brings: the office's figures, the work list, the colleagues a manager may look at."""

    overview: object
    worklist: worklist_service.Worklist
    colleagues: tuple[tuple[int, str, Role], ...]


def load_workbench(session, *, actor, today: date, user_id: int | None, office: bool) -> WorkbenchData:
    """The task run on the database thread."""
    colleagues: tuple = ()
    if actor.role in (Role.MANAGER, Role.ADMIN):
        colleagues = tuple((u.id, u.display_name, u.role) for u in auth.list_users(session)
                           if u.role in (Role.COLLECTOR, Role.CLERK) and u.id != actor.id)
    return WorkbenchData(overview.office_overview(session, today=today),
                         worklist_service.worklist(session, actor=actor, today=today, user_id=user_id, office=office),
                         colleagues)


class WorkCard(QPushButton):
    """A count of one kind of work: a big number, a caption and a note. Checkable: it filters the list."""

    def __init__(self, kind: WorkKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"card_{kind.value}")
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumHeight(92)
        self.setStyleSheet(
            "QPushButton { background: #FFFFFF; border: 1px solid #D9E0E7; border-radius: 8px; text-align: left; }"
            "QPushButton:hover { border-color: #8DB3D9; }"
            "QPushButton:checked { background: #E8F1FB; border: 2px solid #0F4C81; }"
            "QPushButton:focus { border: 2px solid #5B8FC7; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(2)
        self.caption = QLabel(label(WORK_LABELS, kind))
        self.caption.setStyleSheet("color: #5F6B7A; background: transparent;")
        self.value = QLabel("—")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setStyleSheet("color: #1F3B57; background: transparent;")
        self.note = QLabel(label(WORK_NOTES, kind))
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #8592A0; background: transparent;")
        for w in (self.caption, self.value, self.note):
            w.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(w)
        self.setToolTip(self.tr("Show the list behind this count"))

    def set_count(self, n: int | None) -> None:
        """Show ``n`` (— while loading); a kind with work is drawn in red when it is overdue work."""
        self.value.setText("—" if n is None else QLocale().toString(n))
        urgent = self.kind in (WorkKind.PROMISE_BROKEN, WorkKind.LIMITATION, WorkKind.ISSUE) and bool(n)
        self.value.setStyleSheet(f"color: {'#B3261E' if urgent else '#1F3B57'}; background: transparent;")


class WorkbenchPage(Page):
    """Today's work. ``sig_handle(item)`` asks the window to open the form that handles an item;
    ``sig_open_room(room_id)`` the room ledger."""

    sig_loaded = Signal(object)  # WorkbenchData
    sig_handle = Signal(object)  # WorkItem
    sig_open_room = Signal(int)
    sig_plan_visit = Signal(int)  # room_id: 安排上门 (the visit form with the room filled in)
    sig_show_reports = Signal()

    def __init__(self, runner, user=None, *, today: Callable[[], date] = date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Workbench"), "workbench", parent)
        self._runner = runner
        self._user = user
        self._today = today
        self.data: WorkbenchData | None = None
        self.overview = None
        self._seq = 0
        self.kind_filter: WorkKind | None = None

        top = QHBoxLayout()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("officeSummary")
        self.summary_label.setStyleSheet("color: #44546A;")
        top.addWidget(self.summary_label, 1)
        self.summary_label.setWordWrap(True)  # beside the rate card it takes the width that is left
        self.summary_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.rate_card = RateCard()  # 收缴率 of this month and last (issue 12); a click shows the reports
        self.rate_card.sig_show_reports.connect(self.sig_show_reports.emit)
        top.addWidget(self.rate_card)
        top.addSpacing(12)
        self.view_label = QLabel(self.tr("&Work of"))
        self.view_combo = QComboBox()
        self.view_combo.setObjectName("worklistView")
        self.view_combo.setMinimumWidth(160)
        self.view_label.setBuddy(self.view_combo)
        top.addWidget(self.view_label)
        top.addWidget(self.view_combo)
        self.body.addLayout(top)
        can_choose = user is not None and user.role in (Role.MANAGER, Role.ADMIN)
        self.view_label.setVisible(can_choose)
        self.view_combo.setVisible(can_choose)
        self.view_combo.addItem(self.tr("My work"), None)
        if can_choose:
            self.view_combo.addItem(self.tr("The whole office"), OFFICE)
        self.view_combo.currentIndexChanged.connect(lambda _i: self.refresh())

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        self.cards: dict[WorkKind, WorkCard] = {}
        for i, kind in enumerate(KIND_ORDER):
            card = WorkCard(kind)
            card.clicked.connect(lambda _checked=False, k=kind: self.show_kind(k))
            self.cards[kind] = card
            grid.addWidget(card, i // 4, i % 4)
        for col in range(4):
            grid.setColumnStretch(col, 1)
        self.body.addLayout(grid)

        bar = QHBoxLayout()
        self.list_label = QLabel()
        self.list_label.setObjectName("worklistLabel")
        font = QFont(self.list_label.font())
        font.setBold(True)
        self.list_label.setFont(font)
        bar.addWidget(self.list_label, 1)
        self.handle_button = QPushButton(self.tr("&Handle (Enter)"))
        self.handle_button.setObjectName("handleItem")
        self.handle_button.clicked.connect(self.handle_current)
        self.room_button = QPushButton(self.tr("Open the &room"))
        self.room_button.setObjectName("openItemRoom")
        self.room_button.clicked.connect(self.open_current_room)
        self.visit_button = QPushButton(self.tr("Plan a &visit…"))
        self.visit_button.setObjectName("planItemVisit")
        self.visit_button.clicked.connect(self.plan_visit)
        self.visit_button.setVisible(user is not None and user.can(Permission.PLAN_VISITS))
        bar.addWidget(self.handle_button)
        bar.addWidget(self.room_button)
        bar.addWidget(self.visit_button)
        self.body.addLayout(bar)

        self.model = WorkItemsModel(self)
        c = WorkItemsModel.Column
        self.table = list_view(self.model, "worklistTable", widths={
            c.KIND: 100, c.DUE: 84, c.ESTATE: 90, c.ROOM: 80, c.OWNER: 64, c.PHONE: 100, c.AMOUNT: 96,
            c.TITLE: 220, c.DETAIL: 260, c.RESPONSIBLE: 70})
        self.table.doubleClicked.connect(lambda _i: self.handle_current())
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        on_enter(self.table, self.handle_current)
        self.body.addWidget(self.table, 1)
        self.status_label = QLabel()
        self.status_label.setObjectName("workbenchStatus")
        self.status_label.setStyleSheet("color: #5F6B7A;")
        self.status_label.setWordWrap(True)
        self.body.addWidget(self.status_label)
        self._update_buttons()

    # loading
    def refresh(self) -> None:
        """Reload today's work off the GUI thread (F5)."""
        super().refresh()
        today = self._today()
        self.header_right.setText(QLocale().toString(today, QLocale.FormatType.LongFormat))
        self.status_label.setText(self.tr("Loading…"))
        self._seq += 1
        seq = self._seq
        choice = self.view_combo.currentData()
        if self._user is None:
            self._runner.submit(overview.office_overview, today=today,
                                on_result=lambda ov: self._show_overview(ov), on_error=self._show_error)
        else:
            self._runner.submit(
                load_workbench, actor=self._user, today=today,
                user_id=choice if choice not in (None, OFFICE) else None, office=choice == OFFICE,
                on_result=lambda data, seq=seq: self._show(seq, data), on_error=self._show_error,
            )
        self.rate_card.load(self._runner, today)  # after the work list: the rates may take a moment

    def _show_overview(self, ov) -> None:
        self.overview = ov
        self.summary_label.setText(self.tr("{rooms} rooms · {arrears} in arrears · overdue {amount}").format(
            rooms=QLocale().toString(ov.rooms), arrears=QLocale().toString(ov.rooms_in_arrears),
            amount=format_money(ov.arrears_fen)))

    def _show(self, seq: int, data: WorkbenchData) -> None:
        if seq != self._seq:
            return
        self.data = data
        self._show_overview(data.overview)
        current = self.view_combo.currentData()
        if data.colleagues and self.view_combo.count() <= 2:
            self.view_combo.blockSignals(True)
            for uid, name, _role in data.colleagues:
                self.view_combo.addItem(name, uid)
            self.view_combo.setCurrentIndex(max(0, self.view_combo.findData(current)))
            self.view_combo.blockSignals(False)
        for kind, card in self.cards.items():
            card.set_count(data.worklist.count(kind))
        self._fill()
        wl = data.worklist
        held = self.tr(" {n} rooms on hold are left out (except their limitation and service issues).").format(
            n=wl.held_rooms) if wl.held_rooms else ""
        self.status_label.setText(self.tr("Updated at {time}. Press F5 to refresh.").format(
            time=datetime.now().strftime("%H:%M")) + held)
        self.sig_loaded.emit(data)

    def _show_error(self, exc: BaseException) -> None:
        for card in self.cards.values():
            card.set_count(None)
        self.status_label.setText(self.tr("Today's work could not be loaded: {error}").format(error=error_message(exc)))

    # the list behind a card
    def show_kind(self, kind: WorkKind | None) -> None:
        """Show only ``kind`` (None, or the kind already shown: everything)."""
        self.kind_filter = None if kind is None or kind == self.kind_filter else kind
        for k, card in self.cards.items():
            card.setChecked(k == self.kind_filter)
        self._fill()
        self.table.setFocus()

    def _fill(self) -> None:
        items = list(self.data.worklist.items) if self.data else []
        if self.kind_filter is not None:
            items = [i for i in items if i.kind is self.kind_filter]
        self.model.set_rows(items)
        if items:
            self.table.selectRow(0)
        what = label(WORK_LABELS, self.kind_filter) if self.kind_filter else self.tr("All of today's work")
        self.list_label.setText(self.tr("{what}: {n}").format(what=what, n=len(items)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current_item() is not None
        self.handle_button.setEnabled(has)
        self.room_button.setEnabled(has)
        self.visit_button.setEnabled(has)

    # items
    def current_item(self) -> WorkItem | None:
        """The item under the cursor."""
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def current_room_id(self) -> int | None:
        """The room of the item under the cursor (F6 logs a contact for it)."""
        item = self.current_item()
        return item.room_id if item else None

    def handle_current(self) -> None:
        """Open the form that handles the item under the cursor."""
        item = self.current_item()
        if item is not None:
            self.sig_handle.emit(item)

    def plan_visit(self) -> None:
        """安排上门 for the room of the item under the cursor."""
        item = self.current_item()
        if item is not None:
            self.sig_plan_visit.emit(item.room_id)

    def open_current_room(self) -> None:
        item = self.current_item()
        if item is not None:
            self.sig_open_room.emit(item.room_id)
