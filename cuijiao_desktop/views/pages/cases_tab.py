"""案件 (责任到人): the open collection cases, each with its stage, next step and due date, filtered
by collector, building, stage and state; a manager splits them among collectors (with a preview)
and reassigns one or many. A collector sees only the cases they hold.

Enter or a double click opens the case; the context menu also opens the room's ledger.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.enums import Stage
from cuijiao_desktop.domain.ladder import PositionState
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.rooms import parse_room_query
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import cases as cases_service
from cuijiao_desktop.views.dialogs.style import error_label
from cuijiao_desktop.views.labels import STAGE_LABELS, label
from cuijiao_desktop.views.models.base import RowRole
from cuijiao_desktop.views.models.case_models import STATE_LABELS, CasesModel
from cuijiao_desktop.views.widgets.filters import debounced, search_edit
from cuijiao_desktop.views.widgets.tables import list_view, on_enter

ANY = None
NOBODY = -1
PENDING = "pending"


class CasesTab(QWidget):
    """The cases list. ``sig_open_room(room_id)``: open the ledger; ``sig_changed``: cases were
    reassigned or synced (other pages reload when next shown)."""

    sig_open_room = Signal(int)
    sig_plan_visit = Signal(int, int)  # room_id, case_id: 安排上门
    sig_changed = Signal()
    sig_loaded = Signal(object)  # CasesTabData

    def __init__(self, runner, user, *, today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casesTab")
        self._runner = runner
        self._user = user
        self._today = today
        self.data: cases_service.CasesTabData | None = None
        self.can_assign = user.can(Permission.ASSIGN_CASES)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)

        filters = QHBoxLayout()
        self.collector_combo = self._combo("casesCollector", self.tr("Filter by collector"))
        self.building_combo = self._combo("casesBuilding", self.tr("Filter by building"))
        self.stage_combo = self._combo("casesStage", self.tr("Filter by the stage reached"))
        self.state_combo = self._combo("casesState", self.tr("Due, waiting, on hold …"))
        self.text_edit = search_edit("casesText", self.tr("Room or owner"))
        for w in (self.collector_combo, self.building_combo, self.stage_combo, self.state_combo):
            filters.addWidget(w, 1)
        filters.addWidget(self.text_edit, 1)
        layout.addLayout(filters)
        self.own_label = QLabel(self.tr("Your cases (责任到人): only the cases you hold are listed."))
        self.own_label.setObjectName("casesOwn")
        self.own_label.setStyleSheet("color: #44546A;")
        self.own_label.hide()
        layout.addWidget(self.own_label)

        self.model = CasesModel(self)
        widths = (90, 86, 70, 96, 48, 110, 130, 86, 130, 76, 44, 80, 86)
        self.table = list_view(self.model, "casesTable", multi=True, sortable=True,
                               widths=dict(enumerate(widths)))
        self.table.doubleClicked.connect(self._open_index)
        on_enter(self.table, self.open_selected)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("casesCount")
        bottom.addWidget(self.count_label, 1)
        self.open_button = QPushButton(self.tr("&Open case"))
        self.open_button.setObjectName("casesOpen")
        self.open_button.clicked.connect(self.open_selected)
        self.sync_button = QPushButton(self.tr("&Update cases"))
        self.sync_button.setObjectName("casesSync")
        self.sync_button.setToolTip(self.tr("Open cases for rooms that reached the threshold and close those "
                                            "that paid (also done every morning)"))
        self.sync_button.clicked.connect(self.sync)
        self.split_button = QPushButton(self.tr("&Split among collectors…"))
        self.split_button.setObjectName("casesSplit")
        self.split_button.clicked.connect(self.open_split)
        self.split_button.setVisible(self.can_assign)
        self.reassign_button = QPushButton(self.tr("&Reassign…"))
        self.reassign_button.setObjectName("casesReassign")
        self.reassign_button.clicked.connect(self.reassign_selected)
        self.reassign_button.setVisible(self.can_assign)
        for b in (self.open_button, self.sync_button, self.split_button, self.reassign_button):
            bottom.addWidget(b)
        layout.addLayout(bottom)
        self.error_label = error_label("casesError")
        layout.addWidget(self.error_label)

        self._fill_static_combos()
        for combo in (self.collector_combo, self.building_combo, self.stage_combo, self.state_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.text_timer = debounced(self, 200, self.apply_filters, self.text_edit.textChanged)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def _combo(self, name: str, tip: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setToolTip(tip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.setMaxVisibleItems(20)
        return combo

    def _fill_static_combos(self) -> None:
        self.stage_combo.addItem(self.tr("Any stage"), ANY)
        for s in Stage:
            self.stage_combo.addItem(label(STAGE_LABELS, s), s)
        self.state_combo.addItem(self.tr("Any state"), ANY)
        for st in (PositionState.DUE, PositionState.WAITING, PositionState.ON_HOLD, PositionState.BELOW_MINIMUM,
                   PositionState.END, PositionState.CLEARED):
            self.state_combo.addItem(label(STATE_LABELS, st), st)
        self.state_combo.addItem(self.tr("Waiting for a manager"), PENDING)

    def _fill_option_combos(self) -> None:
        options = self.data.options if self.data else None
        with QSignalBlocker(self.collector_combo):
            current = self.collector_combo.currentData()
            self.collector_combo.clear()
            self.collector_combo.addItem(self.tr("Any collector"), ANY)
            self.collector_combo.addItem(self.tr("Nobody assigned"), NOBODY)
            for c in options.collectors if options else ():
                self.collector_combo.addItem(c.name, c.id)
            self.collector_combo.setCurrentIndex(max(0, self.collector_combo.findData(current)))
        with QSignalBlocker(self.building_combo):
            current = self.building_combo.currentData()
            self.building_combo.clear()
            self.building_combo.addItem(self.tr("All buildings"), ANY)
            for bid, name in options.buildings if options else ():
                self.building_combo.addItem(name, bid)
            self.building_combo.setCurrentIndex(max(0, self.building_combo.findData(current)))
        own = bool(options and options.own_only)
        if own:  # the service lists only the user's own cases
            with QSignalBlocker(self.collector_combo):
                self.collector_combo.setCurrentIndex(0)
        self.collector_combo.setVisible(not own)
        self.own_label.setVisible(own)

    # loading
    def refresh(self) -> None:
        """Reload the cases from the database."""
        self.error_label.hide()
        self.count_label.setText(self.tr("Loading…"))
        self._runner.submit(cases_service.cases_tab_data, actor=self._user, today=self._today(),
                            on_result=self._loaded, on_error=self._failed)

    def _loaded(self, data: cases_service.CasesTabData) -> None:
        self.data = data
        self._fill_option_combos()
        self.apply_filters()
        self.sig_loaded.emit(data)

    def _failed(self, exc: BaseException) -> None:
        self.count_label.setText("")
        self.error_label.setText(error_message(exc))
        self.error_label.show()

    def set_collector_filter(self, collector_id: int | None) -> None:
        """Show one collector's cases (None: everyone's)."""
        self.collector_combo.setCurrentIndex(max(0, self.collector_combo.findData(collector_id)))

    # filtering
    def filtered(self) -> list[cases_service.CaseRow]:
        rows = list(self.data.rows) if self.data else []
        collector = self.collector_combo.currentData()
        if collector is not None:
            rows = [r for r in rows if r.collector_id == (None if collector == NOBODY else collector)]
        building = self.building_combo.currentData()
        if building is not None:
            rows = [r for r in rows if r.building_id == building]
        stage = self.stage_combo.currentData()
        if stage is not None:
            rows = [r for r in rows if r.stage == stage]
        state = self.state_combo.currentData()
        if state == PENDING:
            rows = [r for r in rows if r.pending]
        elif state is not None:
            rows = [r for r in rows if r.state == state]
        text = self.text_edit.text().strip()
        if text:
            query = parse_room_query(text)

            def match(r) -> bool:
                return text in r.owner or text in r.room_code or (query is not None and query.matches(_Code(r)))

            rows = [r for r in rows if match(r)]
        return rows

    def apply_filters(self) -> None:
        rows = self.filtered()
        self.model.set_rows(rows)
        due = sum(1 for r in rows if r.state is PositionState.DUE)
        late = sum(1 for r in rows if r.state is PositionState.DUE and r.overdue_days)
        held = sum(1 for r in rows if r.state is PositionState.ON_HOLD)
        self.count_label.setText(self.tr(
            "{n} cases · {amount} · {due} steps due ({late} late) · {held} on hold"
        ).format(n=f"{len(rows):,}", amount=format_money(sum(r.arrears_fen for r in rows)), due=due, late=late,
                 held=held))
        self._update_buttons()

    # selection and actions
    def selected_rows(self) -> list[cases_service.CaseRow]:
        indexes = self.table.selectionModel().selectedRows()
        rows = [self.model.data(i, RowRole) for i in sorted(indexes, key=lambda i: i.row())]
        if not rows and self.table.currentIndex().isValid():
            rows = [self.model.data(self.table.currentIndex(), RowRole)]
        return [r for r in rows if r is not None]

    def _update_buttons(self) -> None:
        selected = bool(self.selected_rows())
        self.open_button.setEnabled(selected)
        self.reassign_button.setEnabled(selected)
        self.split_button.setEnabled(self.data is not None)

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.data(index, RowRole) if index.isValid() else None
        if row is not None:
            self.open_case(row.case_id)

    def open_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.open_case(rows[0].case_id)

    def open_case(self, case_id: int) -> None:
        """The case dialog of ``case_id``."""
        from cuijiao_desktop.views.dialogs.case_dialog import CaseDialog

        dialog = CaseDialog(self._runner, self._user, today=self._today(), case_id=case_id, parent=self)
        dialog.sig_open_room.connect(self.sig_open_room)
        dialog.sig_plan_visit.connect(self.sig_plan_visit)
        dialog.sig_changed.connect(self._changed)
        self.case_dialog = dialog
        dialog.open()

    def _changed(self) -> None:
        self.sig_changed.emit()
        self.refresh()

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        row = self.model.data(index, RowRole)
        menu = QMenu(self)
        menu.addAction(self.tr("Open case"), lambda: self.open_case(row.case_id))
        menu.addAction(self.tr("Open room ledger"), lambda: self.sig_open_room.emit(row.room_id))
        if self._user.can(Permission.PLAN_VISITS):
            menu.addAction(self.tr("Plan a home visit…"), lambda: self.sig_plan_visit.emit(row.room_id, row.case_id))
        if self.can_assign:
            menu.addSeparator()
            menu.addAction(self.tr("Reassign…"), self.reassign_selected)
        self.context_menu = menu
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def sync(self) -> None:
        """更新案件: open and close cases by the office's rule now."""
        self.sync_button.setEnabled(False)

        def done(result) -> None:
            self.count_label.setText(self.tr("{opened} cases opened, {closed} closed.").format(
                opened=result.opened, closed=result.closed))
            if result.opened or result.closed or result.refreshed:
                self.sig_changed.emit()
            self.refresh()

        self._runner.submit(cases_service.sync_cases, actor=self._user, today=self._today(), on_result=done,
                            on_error=self._failed, on_finished=lambda: self.sync_button.setEnabled(True))

    def open_split(self) -> None:
        """分配案件: the split dialog (the cases listed by the filter can be split alone)."""
        if not self.can_assign or self.data is None:
            return
        from cuijiao_desktop.views.dialogs.split_dialog import SplitDialog

        def show(collectors) -> None:
            dialog = SplitDialog(self._runner, self._user, today=self._today(), collectors=collectors,
                                 settings=self.data.settings, listed_case_ids=[r.case_id for r in self.model.rows()],
                                 parent=self)
            dialog.sig_applied.connect(lambda _n: self._changed())
            self.split_dialog = dialog
            dialog.open()

        self._runner.submit(cases_service.collector_options, on_result=show, on_error=self._failed)

    def reassign_selected(self) -> None:
        """转交 the selected cases to another collector."""
        rows = self.selected_rows()
        if not rows or not self.can_assign:
            return
        from cuijiao_desktop.views.dialogs.case_forms import ReassignDialog

        def show(collectors) -> None:
            dialog = ReassignDialog(collectors, count=len(rows), parent=self)
            self.reassign_dialog = dialog
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            self._runner.submit(cases_service.reassign_cases, actor=self._user,
                                cases=[(r.case_id, r.version) for r in rows],
                                collector_id=dialog.collector.currentData(), today=self._today(),
                                note=dialog.note.text(), on_result=lambda _n: self._changed(),
                                on_error=self._failed)

        self._runner.submit(cases_service.collector_options, on_result=show, on_error=self._failed)


class _Code:
    """A case row in the shape a ``RoomQuery`` matches (building, unit, room)."""

    __slots__ = ("building", "room", "unit")

    def __init__(self, row) -> None:
        parts = row.room_code.split("-")
        self.building = row.building
        self.unit = parts[1] if len(parts) == 3 else None
        self.room = parts[-1]
