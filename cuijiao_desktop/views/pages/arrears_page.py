"""欠费: every room in arrears, filtered, sorted and totalled instantly, exportable to Excel.

The rows come once per load from ``services.arrears.query_arrears`` (on the task runner, in a
read-only transaction: the arrears cache, with the rooms changed since computed from the
tables); filters and sorting then run on the Python row list with a model reset (architecture
rule 8), and the footer shows the totals of the filtered set. When a load met changed rooms
or a cache of another day, the page asks for a refresh of the cache in the background, so the
next load is quick again (the rows it shows are exact either way).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableView,
    QToolButton,
    QWidget,
)

from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.money import format_money, parse_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import arrears as arrears_service
from cuijiao_desktop.services import arrears_cache as arrears_cache_service
from cuijiao_desktop.services import call_lists
from cuijiao_desktop.services import office as office_service
from cuijiao_desktop.services.actor import authorize
from cuijiao_desktop.services.export_file import export_file
from cuijiao_desktop.services.tx import long_write
from cuijiao_desktop.tasks import run_with_progress
from cuijiao_desktop.views.icons import icon
from cuijiao_desktop.views.labels import BUCKET_LABELS, REASON_LABELS, STAGE_LABELS, label
from cuijiao_desktop.views.models.arrears_model import ArrearsTableModel
from cuijiao_desktop.views.pages.base import Page
from cuijiao_desktop.views.widgets.files import ask_save_path
from cuijiao_desktop.views.widgets.filters import debounced, search_edit
from cuijiao_desktop.views.widgets.tables import on_enter

log = logging.getLogger(__name__)

TEXT_DEBOUNCE_MS = 200
NO_VALUE = arrears_service.NO_VALUE
_ERROR_STYLE = "border: 1px solid #B3261E; border-radius: 3px;"


@dataclass(frozen=True)
class ArrearsData:
    """What one load brings back to the page."""

    rows: list[arrears_service.ArrearsRow]
    options: arrears_service.ArrearsFilterOptions
    office_name: str
    today: date
    own_collector_id: int | None  # a collector's list opens on their own cases
    cache: arrears_cache_service.CacheStatus


def load_arrears(session, *, today: date, actor=None) -> ArrearsData:
    """The task run on the database thread (read-only): all rooms in arrears, the filter choices,
    the office name, the signed-in collector, and where the arrears cache stands. What a call list
    adds (whole numbers, limitation clocks) follows in a task of its own, so the table is on screen
    first (``call_lists.call_list_extras``)."""
    return ArrearsData(
        rows=arrears_service.query_arrears(session, today=today),
        options=arrears_service.arrears_filter_options(session),
        office_name=office_service.get_office(session).name,
        today=today,
        own_collector_id=call_lists.own_collector_id(session, actor=actor) if actor is not None else None,
        cache=arrears_cache_service.arrears_cache_status(session),
    )


@long_write
def export_call_list(tx, *, actor, rows, path: Path, title: str, full_phones: bool, filters: str,
                     progress=None, cancel=None) -> int:
    """Export a call list, audited in the one export shape (``services/export_file.py``: written with no
    write lock held, audited in a short transaction, then renamed into place): a failed or cancelled
    export leaves neither a file nor an audit row."""
    from cuijiao_desktop.reports.arrears_xlsx import write_arrears_xlsx

    def audit(session, _allowed, _written) -> None:
        call_lists.record_call_list_export(session, actor=actor, file_name=path.name, rows=len(rows),
                                           full_phones=full_phones, filters=filters)

    return export_file(tx, path, read=lambda session: authorize(session, actor, Permission.VIEW),
                       write=lambda _allowed, tmp: write_arrears_xlsx(rows, tmp, title=title, progress=progress,
                                                                      cancel=cancel),
                       audit=audit, cancel=cancel).written


class ArrearsPage(Page):
    """Rooms in arrears. Emits ``sig_open_room(room_id)`` on double-click or Enter."""

    sig_open_room = Signal(int)
    sig_open_case = Signal(int)  # room_id: its collection case (context menu; F7 is the main window's)
    sig_plan_visit = Signal(int)  # room_id: 安排上门 (context menu)
    sig_loaded = Signal(object)  # ArrearsData
    sig_exported = Signal(str)  # path of the written workbook
    sig_print_notices = Signal(list, str)  # room ids of the rows shown, and what the filter says

    def __init__(self, runner, *, user=None, today: Callable[[], date] = date.today, settings=None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Arrears"), "arrears", parent)
        self._runner = runner
        self._user = user  # refreshes the arrears cache after a load (None: never)
        self._own_cases_applied = False
        self.call_list: call_lists.CallListExtras | None = None  # whole phones and limitation, after the rows
        self._today = today
        self._settings = settings
        self.data: ArrearsData | None = None
        self.filtered: list[arrears_service.ArrearsRow] = []
        self.export_handle = None
        self._seq = 0
        self._build_filters()
        self._build_table()
        self._build_footer()

    # construction
    def _combo(self, name: str, width: int) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setMaxVisibleItems(20)
        # the combos share the width the window gives and never force it wider (the page may be narrow)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(3)
        combo.view().setMinimumWidth(width + 40)  # the open list shows whole names
        return combo

    def _build_filters(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        self.estate_combo = self._combo("estateFilter", 130)
        self.building_combo = self._combo("buildingFilter", 100)
        self.bucket_combo = self._combo("bucketFilter", 110)
        self.bucket_combo.addItem(self.tr("Any age"), None)
        for bucket in arrears_service.BUCKETS:
            self.bucket_combo.addItem(self.tr("Oldest: {age}").format(age=label(BUCKET_LABELS, bucket)), bucket)
        self.stage_combo = self._combo("stageFilter", 120)
        self.collector_combo = self._combo("collectorFilter", 110)
        self.reason_combo = self._combo("reasonFilter", 120)
        self.min_edit = self._money_edit("minAmount", self.tr("From"))
        self.max_edit = self._money_edit("maxAmount", self.tr("To"))
        self._amount_hint = self.tr("Total arrears in yuan, e.g. 1000 or 1,000.50")
        for edit in (self.min_edit, self.max_edit):
            edit.setToolTip(self._amount_hint)
        self.text_edit = search_edit("arrearsText", self.tr("Room, owner, initials or last 4 phone digits"),
                                     min_width=74)
        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.clear_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.clear_button.setToolTip(self.tr("Clear all filters"))
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.clicked.connect(self.clear_filters)
        self.export_button = QPushButton(icon("reports"), self.tr("Export to Excel…"))
        self.export_button.setObjectName("exportExcel")
        self.export_button.clicked.connect(self.choose_export_file)
        self.export_button.setEnabled(False)
        self.notices_button = QPushButton(icon("notices"), self.tr("Notices…"))
        self.notices_button.setObjectName("printNotices")
        self.notices_button.setToolTip(self.tr("List the written notices for the rooms shown, on the notices page"))
        self.notices_button.clicked.connect(self.print_notices)
        self.notices_button.setEnabled(False)
        self._fill_option_combos()

        amount = QHBoxLayout()
        amount.setSpacing(4)
        amount.addWidget(QLabel("¥"))
        amount.addWidget(self.min_edit)
        amount.addWidget(QLabel("–"))
        amount.addWidget(self.max_edit)
        amount.addStretch(1)
        for col, widget in enumerate((self.estate_combo, self.building_combo, self.bucket_combo,
                                      self.stage_combo, self.collector_combo, self.reason_combo)):
            grid.addWidget(widget, 0, col)
        grid.addLayout(amount, 1, 0, 1, 2)
        grid.addWidget(self.text_edit, 1, 2)
        grid.addWidget(self.clear_button, 1, 3, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.export_button, 1, 4, 1, 2, Qt.AlignmentFlag.AlignRight)
        for col in range(6):
            grid.setColumnStretch(col, 1)
        self.body.addLayout(grid)

        self.estate_combo.currentIndexChanged.connect(self._estate_changed)
        for combo in (self.building_combo, self.bucket_combo, self.stage_combo, self.collector_combo,
                      self.reason_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        edits = (self.text_edit, self.min_edit, self.max_edit)
        self.text_timer = debounced(self, TEXT_DEBOUNCE_MS, self.apply_filters,
                                    *(e.textChanged for e in edits))
        for edit in edits:
            edit.returnPressed.connect(self.apply_filters)

    def _money_edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setMinimumWidth(60)
        edit.setMaximumWidth(100)
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.setClearButtonEnabled(True)
        return edit

    def _build_table(self) -> None:
        self.model = ArrearsTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("arrearsTable")
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSortIndicator(ArrearsTableModel.Column.TOTAL, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)  # header clicks call model.sort (the Python list, reset)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.table.verticalHeader()
        vertical.setDefaultSectionSize(24)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.hide()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        c = ArrearsTableModel.Column
        widths = {c.ESTATE: 96, c.BUILDING: 46, c.UNIT: 46, c.ROOM: 60, c.OWNER: 70, c.PHONE: 100,
                  c.TOTAL: 100, c.MONTHS: 50, c.OLDEST: 80, c.LATE_FEE: 80, c.STAGE: 96, c.COLLECTOR: 70,
                  c.REASON: 120, c.LAST_CONTACT: 90, c.OUTCOME: 90, c.NEXT_ACTION: 90, c.PROMISE: 90,
                  c.LIMITATION: 90}
        for col in ArrearsTableModel.BUCKET_COLUMNS:
            widths[col] = 88
        saved = self._settings.column_widths("arrears") if self._settings is not None else []
        metrics = header.fontMetrics()
        for col in c:
            title = self.model.headerData(col, Qt.Orientation.Horizontal)
            fit = max(widths[col], metrics.horizontalAdvance(title) + 22)  # room for the sort arrow
            header.resizeSection(col, saved[col] if len(saved) == len(c) and saved[col] > 10 else fit)
        header.sectionResized.connect(lambda *_: self._save_widths())
        self.table.doubleClicked.connect(self._open_index)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.clicked.connect(self._copy_phone)
        on_enter(self.table, lambda: self._open_index(self.table.currentIndex()))
        self.body.addWidget(self.table, 1)

    def _build_footer(self) -> None:
        frame = QFrame()
        frame.setObjectName("arrearsFooter")
        frame.setStyleSheet("#arrearsFooter { background: #F6F8FA; border: 1px solid #D9E0E7; border-radius: 6px; }"
                            "#arrearsFooter QLabel { color: #2A3744; }")
        layout = QGridLayout(frame)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setHorizontalSpacing(18)
        layout.setVerticalSpacing(2)
        self.count_label = QLabel()
        self.count_label.setObjectName("footerCount")
        self.total_label = QLabel()
        self.total_label.setObjectName("footerTotal")
        self.total_label.setStyleSheet("font-weight: bold; color: #B3261E;")
        self.late_label = QLabel()
        self.late_label.setObjectName("footerLateFee")
        self.bucket_label = QLabel()
        self.bucket_label.setObjectName("footerBuckets")
        self.bucket_label.setStyleSheet("color: #5F6B7A;")
        self.bucket_label.setWordWrap(True)
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busyBar")
        self.busy_bar.setRange(0, 0)  # indeterminate: a moving bar while loading
        self.busy_bar.setMinimumWidth(40)
        self.busy_bar.setMaximumWidth(140)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.status_label = self.header_right  # loading, "as of", export outcome: top right of the page
        self.status_label.setObjectName("arrearsStatus")
        layout.addWidget(self.count_label, 0, 0)
        layout.addWidget(self.total_label, 0, 1)
        layout.addWidget(self.late_label, 0, 2)
        layout.setColumnStretch(3, 1)
        layout.addWidget(self.busy_bar, 0, 3, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.bucket_label, 1, 0, 1, 4)
        layout.addWidget(self.notices_button, 0, 4, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        self.body.addWidget(frame)
        self.error_label = QLabel()
        self.error_label.setObjectName("arrearsError")
        self.error_label.setStyleSheet("color: #B3261E;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.body.addWidget(self.error_label)
        self._show_totals(arrears_service.totals([]))

    # filter choices
    def _fill_option_combos(self) -> None:
        options = self.data.options if self.data else None
        with QSignalBlocker(self.estate_combo):
            current = self.estate_combo.currentData()
            self.estate_combo.clear()
            self.estate_combo.addItem(self.tr("All estates"), None)
            for e in options.estates if options else ():
                self.estate_combo.addItem(e.name, e.id)
            self.estate_combo.setCurrentIndex(max(self.estate_combo.findData(current), 0))
        self._fill_buildings()
        self._refill(self.stage_combo, self.tr("Any stage"), self.tr("No open case"),
                     [(label(STAGE_LABELS, s), s) for s in (options.stages if options else ())])
        self._refill(self.collector_combo, self.tr("Any collector"), self.tr("Nobody assigned"),
                     [(c.name, c.id) for c in (options.collectors if options else ())])
        self._refill(self.reason_combo, self.tr("Any reason"), self.tr("No reason recorded"),
                     [(label(REASON_LABELS, r), r) for r in (options.reasons if options else ())])

    def _refill(self, combo: QComboBox, any_text: str, none_text: str, items: list[tuple[str, object]]) -> None:
        with QSignalBlocker(combo):
            current = combo.currentData()
            combo.clear()
            combo.addItem(any_text, None)
            combo.addItem(none_text, NO_VALUE)
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))

    def _fill_buildings(self) -> None:
        options = self.data.options if self.data else None
        estate_id = self.estate_combo.currentData()
        with QSignalBlocker(self.building_combo):
            current = self.building_combo.currentData()
            self.building_combo.clear()
            self.building_combo.addItem(self.tr("All buildings"), None)
            for b in options.buildings if options else ():
                if estate_id is None or b.estate_id == estate_id:
                    prefix = "" if estate_id is not None else f"{self._estate_name(b.estate_id)} "
                    self.building_combo.addItem(self.tr("{estate}Building {name}").format(
                        estate=prefix, name=b.name), b.id)
            self.building_combo.setCurrentIndex(max(self.building_combo.findData(current), 0))

    def _estate_name(self, estate_id: int) -> str:
        if self.data is None or len(self.data.options.estates) < 2:
            return ""
        return next((e.name for e in self.data.options.estates if e.id == estate_id), "")

    def _estate_changed(self) -> None:
        self._fill_buildings()
        self.apply_filters()

    # filtering
    def _amount(self, edit: QLineEdit) -> int | None:
        text = edit.text().strip()
        if not text:
            edit.setStyleSheet("")
            edit.setToolTip(self._amount_hint)
            return None
        try:
            fen = parse_money(text).fen
        except DomainError as exc:
            edit.setStyleSheet(_ERROR_STYLE)  # the reason beside the field; the filter ignores it
            edit.setToolTip(error_message(exc))
            return None
        edit.setStyleSheet("")
        edit.setToolTip(self._amount_hint)
        return fen

    def current_filter(self) -> arrears_service.ArrearsFilter:
        """The filter the bar describes now."""
        return arrears_service.ArrearsFilter(
            estate_id=self.estate_combo.currentData(), building_id=self.building_combo.currentData(),
            bucket=self.bucket_combo.currentData(), stage=self.stage_combo.currentData(),
            collector_id=self.collector_combo.currentData(), reason=self.reason_combo.currentData(),
            min_fen=self._amount(self.min_edit), max_fen=self._amount(self.max_edit),
            text=self.text_edit.text().strip(),
        )

    def apply_filters(self) -> None:
        """Filter the loaded rows, re-sort them and update the footer (no database work)."""
        self.text_timer.stop()
        rows = self.data.rows if self.data else []
        self.filtered = arrears_service.filter_rows(rows, self.current_filter())
        self.model.set_rows(self.filtered)
        self._show_totals(arrears_service.totals(self.filtered))
        self.export_button.setEnabled(bool(self.filtered) and self.export_handle is None)
        self.notices_button.setEnabled(bool(self.filtered))

    def clear_filters(self) -> None:
        """Back to every room in arrears."""
        for combo in (self.estate_combo, self.building_combo, self.bucket_combo, self.stage_combo,
                      self.collector_combo, self.reason_combo):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(0)
        self._fill_buildings()
        for edit in (self.min_edit, self.max_edit, self.text_edit):
            with QSignalBlocker(edit):
                edit.clear()
        self.apply_filters()

    def _show_totals(self, t: arrears_service.ArrearsTotals) -> None:
        all_rooms = len(self.data.rows) if self.data else 0
        if self.data is not None and t.rooms != all_rooms:
            self.count_label.setText(self.tr("{n} of {all} rooms").format(n=f"{t.rooms:,}", all=f"{all_rooms:,}"))
        else:
            self.count_label.setText(self.tr("{n} rooms").format(n=f"{t.rooms:,}"))
        self.total_label.setText(self.tr("Total arrears {amount}").format(amount=format_money(t.total_fen)))
        self.late_label.setText(self.tr("Late fees {amount}").format(amount=format_money(t.late_fee_fen)))
        parts = [f"{label(BUCKET_LABELS, b)} {format_money(fen)}"
                 for b, fen in zip(arrears_service.BUCKETS, t.bucket_fen, strict=True)]
        self.bucket_label.setText("　".join(parts))

    # loading
    def refresh(self) -> None:
        """Reload every room in arrears (F5); the filters and sort order stay."""
        super().refresh()
        self._seq += 1
        seq = self._seq
        self.error_label.hide()
        self.busy_bar.show()
        self.status_label.setText(self.tr("Loading…"))
        self._runner.submit(
            load_arrears, today=self._today(), actor=self._user, read_only=True,
            on_result=lambda data, seq=seq: self._show(seq, data),
            on_error=lambda exc, seq=seq: self._show_error(seq, exc),
        )

    def _show(self, seq: int, data: ArrearsData) -> None:
        if seq != self._seq:
            return  # an older load
        selected = self.selected_row()
        row_before = self.table.currentIndex().row()
        self.data = data
        self.busy_bar.hide()
        self.status_label.setText(self.tr("As of {date}").format(date=data.today.isoformat()))
        self.model.set_rows([], new_data=True)
        self._fill_option_combos()
        if data.own_collector_id is not None and not self._own_cases_applied:
            self._own_cases_applied = True  # a collector's list opens on their own cases (once: they may widen it)
            index = self.collector_combo.findData(data.own_collector_id)
            if index >= 0:
                with QSignalBlocker(self.collector_combo):
                    self.collector_combo.setCurrentIndex(index)
        self.apply_filters()
        if self.filtered:  # the same room again after a reload (F9, F5), else the same place in the list
            rows = self.model.rows()
            again = next((i for i, r in enumerate(rows) if selected and r.room_id == selected.room_id), None)
            self.table.selectRow(again if again is not None else max(0, min(row_before, len(rows) - 1)))
        self.sig_loaded.emit(data)
        if self._user is not None:
            self._runner.submit(
                call_lists.call_list_extras, actor=self._user, today=data.today,
                on_result=lambda extras, seq=seq: self._show_call_list(seq, extras),
                on_error=lambda exc: log.warning("the call list columns were not loaded: %s", error_message(exc)),
            )
        if self._user is not None and data.cache.needs_refresh(data.today):
            self._refresh_cache(data.today)

    def _show_call_list(self, seq: int, extras: call_lists.CallListExtras) -> None:
        """Whole numbers for the roles that call and the limitation clocks, once the rows are on screen."""
        if seq != self._seq:
            return
        self.call_list = extras
        self.model.set_call_list(extras.phones, extras.limitation)

    def _refresh_cache(self, today: date) -> None:
        """Bring the arrears cache up to date in the background (the rows on screen are exact already)."""
        self._runner.submit(
            arrears_cache_service.refresh_arrears_cache, actor=self._user, today=today,
            on_error=lambda exc: log.warning("the arrears cache was not refreshed: %s", error_message(exc)),
        )

    def _show_error(self, seq: int, exc: BaseException) -> None:
        if seq != self._seq:
            return
        self.busy_bar.hide()
        self.status_label.setText("")
        self.error_label.setText(self.tr("The arrears could not be loaded: {error}").format(error=error_message(exc)))
        self.error_label.show()

    # rows
    def selected_row(self) -> arrears_service.ArrearsRow | None:
        """The row under the cursor, or None."""
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def selected_room_id(self) -> int | None:
        """The room of the selected row (收款 F9 takes it)."""
        row = self.selected_row()
        return row.room_id if row is not None else None

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.sig_open_room.emit(row.room_id)

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open room ledger"), lambda: self.sig_open_room.emit(row.room_id))
        menu.addAction(self.tr("Collection case (F7)"), lambda: self.sig_open_case.emit(row.room_id))
        if self._user is None or self._user.can(Permission.PLAN_VISITS):
            menu.addAction(self.tr("Plan a home visit…"), lambda: self.sig_plan_visit.emit(row.room_id))
        self.context_menu = menu
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _copy_phone(self, index: QModelIndex) -> None:
        """A click on a whole number copies it (nothing is dialled); masked numbers are not copied."""
        if index.column() != ArrearsTableModel.Column.PHONE:
            return
        row = self.model.row_at(index.row())
        if row is None or not self.model.shows_whole_phone(row):
            return
        number = self.model.phone(row)
        QGuiApplication.clipboard().setText(number)
        self.status_label.setText(self.tr("Copied {number} ({room})").format(number=number, room=row.room_code))

    def _save_widths(self) -> None:
        if self._settings is not None:
            header = self.table.horizontalHeader()
            self._settings.set_column_widths("arrears", [header.sectionSize(i) for i in range(header.count())])

    def print_notices(self) -> None:
        """Carry the rooms shown (in their order) over to the notice batch."""
        rows = self.model.rows()
        if rows:
            described = self.tr("filtered") if not self.current_filter().is_empty() else self.tr("all rooms in arrears")
            self.sig_print_notices.emit([r.room_id for r in rows], described)

    # export
    def default_export_name(self) -> str:
        """``欠费明细-20261123.xlsx``."""
        day = self.data.today if self.data else self._today()
        return f"{self.tr('Arrears')}-{day:%Y%m%d}.xlsx"

    def choose_export_file(self) -> None:
        """Ask where to save, then export the filtered rows in their current order."""
        path = ask_save_path(self, self._settings, key="export", title=self.tr("Export arrears to Excel"),
                             name=self.default_export_name(), file_filter=self.tr("Excel workbook (*.xlsx)"),
                             suffix=".xlsx")
        if path is not None:
            self.export_to(path)

    def export_title(self) -> str:
        """The workbook's first line: the office's name and what the sheet is."""
        office = self.data.office_name if self.data else ""
        return f"{office} 欠费明细".strip()

    def export_to(self, path: Path) -> None:
        """Write the filtered rows, in the order shown, to ``path`` on the task runner with progress and cancel."""
        from cuijiao_desktop.reports.arrears_xlsx import write_arrears_xlsx  # openpyxl only when exporting

        rows = self.model.rows()
        full = bool(self.call_list and self.call_list.full_phones)
        if full:  # the call list goes out as shown: whole numbers
            rows = [replace(r, phone_masked=self.model.phone(r)) for r in rows]
        self.export_button.setEnabled(False)
        self.status_label.setText(self.tr("Exporting {n} rooms…").format(n=f"{len(rows):,}"))

        def done(count: int) -> None:
            self.status_label.setText(self.tr("Exported {n} rooms to {path}").format(n=f"{count:,}", path=path))
            self.sig_exported.emit(str(path))

        def failed(exc: BaseException) -> None:
            self.status_label.setText("")
            self.error_label.setText(self.tr("The export failed: {error}").format(error=error_message(exc)))
            self.error_label.show()

        def cancelled() -> None:
            self.status_label.setText(self.tr("Export cancelled: no file was written."))

        def finished() -> None:
            self.export_handle = None
            self.export_button.setEnabled(bool(self.filtered))

        self.error_label.hide()
        if self._user is not None:  # an exported call list is audited
            self.export_handle = run_with_progress(
                self._runner, self, self.tr("Exporting to Excel…"),
                partial(export_call_list, title=self.export_title()),  # "title" is also the dialog's argument
                actor=self._user, rows=rows, path=path, full_phones=full, filters=repr(self.current_filter()),
                on_result=done, on_error=failed, on_cancelled=cancelled, on_finished=finished,
            )
        else:
            self.export_handle = run_with_progress(
                self._runner, self, self.tr("Exporting to Excel…"),
                partial(write_arrears_xlsx, title=self.export_title()),  # "title" is also the dialog's argument
                rows, path, with_session=False, on_result=done, on_error=failed,
                on_cancelled=cancelled, on_finished=finished,
            )
        if self.export_handle.done:
            self.export_handle = None

