"""联系记录: the office's contact log, filtered, newest first, paged in SQL; Enter opens the room."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.contacts import FORM_OUTCOMES
from cuijiao_desktop.domain.enums import ArrearsReason, CallOutcome, Channel
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.reports.activity_exports import export_contact_log
from cuijiao_desktop.services import contact_log as log_service
from cuijiao_desktop.tasks import run_with_progress
from cuijiao_desktop.views.collection.models import ContactLogModel
from cuijiao_desktop.views.icons import icon
from cuijiao_desktop.views.labels import CHANNEL_LABELS, OUTCOME_LABELS, REASON_LABELS, label
from cuijiao_desktop.views.widgets.dates import date_edit
from cuijiao_desktop.views.widgets.files import ask_save_path
from cuijiao_desktop.views.widgets.filters import debounced, search_edit
from cuijiao_desktop.views.widgets.tables import list_view, on_enter

PAGE_SIZE = log_service.LOG_PAGE_SIZE
DEFAULT_DAYS = 30
_LOG_CHANNELS = (Channel.PHONE, Channel.SMS, Channel.WECHAT, Channel.DESK, Channel.VISIT, Channel.LETTER,
                 Channel.REGISTERED_LETTER, Channel.NOTICE, Channel.EMAIL)


class ContactLogTab(QWidget):
    """The log. Emits ``sig_open_room(room_id)`` on Enter or a double-click."""

    sig_open_room = Signal(int)
    sig_loaded = Signal(object)  # ContactLogPage
    sig_exported = Signal(str)

    def __init__(self, runner, user, *, today: Callable[[], date], settings=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactLogTab")
        self._runner = runner
        self._user = user
        self._today = today
        self._settings = settings
        self.offset = 0
        self.page: log_service.ContactLogPage | None = None
        self.options: log_service.ContactLogOptions | None = None
        self._seq = 0
        self.export_handle = None
        self._build()

    # construction
    def _combo(self, name: str, any_text: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(3)
        combo.addItem(any_text, None)
        return combo

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 0)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        today = self._today()
        self.from_edit = date_edit("logFrom", today - timedelta(days=DEFAULT_DAYS))
        self.to_edit = date_edit("logTo", today)
        for edit in (self.from_edit, self.to_edit):
            edit.setMinimumWidth(96)
        dates = QHBoxLayout()
        from_label = QLabel(self.tr("&From"))
        from_label.setBuddy(self.from_edit)
        dates.addWidget(from_label)
        dates.addWidget(self.from_edit)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.to_edit)
        dates.addStretch(1)
        self.user_combo = self._combo("logUser", self.tr("Anyone"))
        self.estate_combo = self._combo("logEstate", self.tr("All estates"))
        self.building_combo = self._combo("logBuilding", self.tr("All buildings"))
        self.channel_combo = self._combo("logChannel", self.tr("Any channel"))
        for channel in _LOG_CHANNELS:
            self.channel_combo.addItem(label(CHANNEL_LABELS, channel), channel)
        self.outcome_combo = self._combo("logOutcome", self.tr("Any outcome"))
        for outcome in (*FORM_OUTCOMES, CallOutcome.DELIVERED, CallOutcome.NOT_HOME, CallOutcome.OTHER):
            self.outcome_combo.addItem(label(OUTCOME_LABELS, outcome), outcome)
        self.reason_combo = self._combo("logReason", self.tr("Any reason"))
        for reason in ArrearsReason:
            self.reason_combo.addItem(label(REASON_LABELS, reason), reason)
        self.text_edit = search_edit("logText", self.tr("Room or owner"), min_width=60)
        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setObjectName("logClear")
        self.clear_button.clicked.connect(self.clear_filters)
        self.export_button = QPushButton(icon("reports"), self.tr("Export to &Excel…"))
        self.export_button.setObjectName("logExport")
        self.export_button.clicked.connect(self.choose_export_file)
        grid.addLayout(dates, 0, 0, 1, 2)
        grid.addWidget(self.user_combo, 0, 2)
        grid.addWidget(self.estate_combo, 0, 3)
        grid.addWidget(self.building_combo, 0, 4)
        grid.addWidget(self.channel_combo, 1, 0)
        grid.addWidget(self.outcome_combo, 1, 1)
        grid.addWidget(self.reason_combo, 1, 2)
        grid.addWidget(self.text_edit, 1, 3)
        grid.addWidget(self.clear_button, 1, 4, Qt.AlignmentFlag.AlignLeft)
        for col in range(5):
            grid.setColumnStretch(col, 1)
        outer.addLayout(grid)

        self.model = ContactLogModel(self)
        c = ContactLogModel.Column
        self.table = list_view(self.model, "contactLogTable", widths={
            c.WHEN: 118, c.ESTATE: 84, c.ROOM: 76, c.PERSON: 60, c.CHANNEL: 64, c.NUMBER: 100, c.ANSWERED: 76,
            c.OUTCOME: 96, c.REASON: 110, c.PROMISE: 150, c.PROMISE_STATE: 64, c.FOLLOW_UP: 84, c.USER: 60})
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        on_enter(self.table, lambda: self._open(self.table.currentIndex().row()))
        outer.addWidget(self.table, 1)

        pager = QHBoxLayout()
        self.first_button, self.prev_button, self.next_button, self.last_button = (
            QToolButton() for _ in range(4))
        for button, text, name, tip in zip(
            (self.first_button, self.prev_button, self.next_button, self.last_button), ("«", "‹", "›", "»"),
            ("logFirst", "logPrev", "logNext", "logLast"),
            (self.tr("First page"), self.tr("Previous page"), self.tr("Next page"), self.tr("Last page")),
            strict=True,
        ):
            button.setText(text)
            button.setObjectName(name)
            button.setToolTip(tip)
            pager.addWidget(button)
        self.page_label = QLabel()
        self.page_label.setObjectName("logPageLabel")
        pager.addWidget(self.page_label)
        self.status_label = QLabel()
        self.status_label.setObjectName("logStatus")
        self.status_label.setStyleSheet("color: #5F6B7A;")
        self.status_label.setWordWrap(True)
        pager.addWidget(self.status_label, 1)
        pager.addWidget(self.export_button)
        outer.addLayout(pager)
        self.first_button.clicked.connect(lambda: self.go_to_offset(0))
        self.prev_button.clicked.connect(lambda: self.go_to_offset(self.offset - PAGE_SIZE))
        self.next_button.clicked.connect(lambda: self.go_to_offset(self.offset + PAGE_SIZE))
        self.last_button.clicked.connect(lambda: self.go_to_offset(self.page.total if self.page else 0))

        for combo in (self.user_combo, self.building_combo, self.channel_combo, self.outcome_combo,
                      self.reason_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.estate_combo.currentIndexChanged.connect(self._estate_changed)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self.apply_filters)
        self.text_timer = debounced(self, 250, self.apply_filters, self.text_edit.textChanged)
        self.text_edit.returnPressed.connect(self.apply_filters)

    # filter choices
    def _fill_options(self) -> None:
        opts = self.options
        if opts is None:
            return
        for combo, items in ((self.user_combo, opts.users), (self.estate_combo, opts.estates)):
            with QSignalBlocker(combo):
                current = combo.currentData()
                while combo.count() > 1:
                    combo.removeItem(1)
                for o in items:
                    combo.addItem(o.name, o.id)
                combo.setCurrentIndex(max(0, combo.findData(current)))
        self._fill_buildings()

    def _fill_buildings(self) -> None:
        estate = self.estate_combo.currentData()
        with QSignalBlocker(self.building_combo):
            current = self.building_combo.currentData()
            while self.building_combo.count() > 1:
                self.building_combo.removeItem(1)
            for b in self.options.buildings if self.options else ():
                if estate is None or b.parent_id == estate:
                    self.building_combo.addItem(self.tr("Building {name}").format(name=b.name), b.id)
            self.building_combo.setCurrentIndex(max(0, self.building_combo.findData(current)))

    def _estate_changed(self) -> None:
        self._fill_buildings()
        self.apply_filters()

    def current_filter(self) -> log_service.ContactLogFilter:
        """The filter the bar describes."""
        return log_service.ContactLogFilter(
            date_from=self.from_edit.date().toPython(), date_to=self.to_edit.date().toPython(),
            user_id=self.user_combo.currentData(), estate_id=self.estate_combo.currentData(),
            building_id=self.building_combo.currentData(), channel=self.channel_combo.currentData(),
            outcome=self.outcome_combo.currentData(), reason=self.reason_combo.currentData(),
            room_text=self.text_edit.text().strip(),
        )

    def apply_filters(self) -> None:
        """Back to the first page with the current filter."""
        self.text_timer.stop()
        self.offset = 0
        self.load()

    def clear_filters(self) -> None:
        """The last 30 days of everyone's contacts."""
        today = self._today()
        widgets = (self.from_edit, self.to_edit, self.user_combo, self.estate_combo, self.building_combo,
                   self.channel_combo, self.outcome_combo, self.reason_combo, self.text_edit)
        blockers = [QSignalBlocker(w) for w in widgets]
        self.from_edit.setDate(QDate(today - timedelta(days=DEFAULT_DAYS)))
        self.to_edit.setDate(QDate(today))
        for combo in widgets[2:8]:
            combo.setCurrentIndex(0)
        self.text_edit.clear()
        del blockers
        self._fill_buildings()
        self.apply_filters()

    # loading
    def refresh(self) -> None:
        """Reload the filter choices and the current page."""
        self._runner.submit(log_service.contact_log_options, on_result=self._options_loaded,
                            on_error=self._show_error)
        self.load()

    def _options_loaded(self, options) -> None:
        self.options = options
        self._fill_options()

    def load(self) -> None:
        """Fetch the page at ``self.offset``."""
        self._seq += 1
        seq = self._seq
        self.status_label.setText(self.tr("Loading…"))
        self._runner.submit(
            log_service.contact_log, actor=self._user, flt=self.current_filter(), today=self._today(),
            offset=self.offset, limit=PAGE_SIZE, on_result=lambda page, seq=seq: self._show(seq, page),
            on_error=self._show_error,
        )

    def _show(self, seq: int, page: log_service.ContactLogPage) -> None:
        if seq != self._seq:
            return
        self.page = page
        self.offset = page.offset
        self.model.set_rows(page.rows)
        pages = max(1, -(-page.total // PAGE_SIZE))
        current = page.offset // PAGE_SIZE + 1
        self.page_label.setText(self.tr("Page {page}/{pages}, {total} contacts").format(
            page=current, pages=pages, total=f"{page.total:,}"))
        self.first_button.setEnabled(current > 1)
        self.prev_button.setEnabled(current > 1)
        self.next_button.setEnabled(current < pages)
        self.last_button.setEnabled(current < pages)
        self.export_button.setEnabled(page.total > 0 and self.export_handle is None)
        self.status_label.setText("")
        if page.rows:
            self.table.selectRow(0)
        self.sig_loaded.emit(page)

    def _show_error(self, exc: BaseException) -> None:
        self.status_label.setText(self.tr("The log could not be loaded: {error}").format(error=error_message(exc)))

    def go_to_offset(self, offset: int) -> None:
        """Show the page starting at ``offset`` (clamped)."""
        total = self.page.total if self.page else 0
        last = max(0, (total - 1) // PAGE_SIZE * PAGE_SIZE)
        self.offset = max(0, min(offset, last))
        self.load()

    # rows
    def current_room_id(self) -> int | None:
        """The room of the contact under the cursor."""
        row = self.model.row_at(self.table.currentIndex().row())
        return row.room_id if row else None

    def _open(self, row: int) -> None:
        r = self.model.row_at(row)
        if r is not None:
            self.sig_open_room.emit(r.room_id)

    # export
    def choose_export_file(self) -> None:
        """Ask where, then export every contact of the filter."""
        path = ask_save_path(self, self._settings, key="export",
                             title=self.tr("Export the contact log to Excel"),
                             name=f"{self.tr('Collection log')}-{self._today():%Y%m%d}.xlsx",
                             file_filter=self.tr("Excel workbook (*.xlsx)"), suffix=".xlsx")
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write the filter's contacts to ``path`` with progress and cancel; the export is audited."""
        self.export_button.setEnabled(False)

        def done(count: int) -> None:
            self.status_label.setText(self.tr("Exported {n} contacts to {path}").format(n=f"{count:,}", path=path))
            self.sig_exported.emit(str(path))

        def failed(exc: BaseException) -> None:
            self.status_label.setText(self.tr("The export failed: {error}").format(error=error_message(exc)))

        def finished() -> None:
            self.export_handle = None
            self.export_button.setEnabled(bool(self.page and self.page.total))

        self.export_handle = run_with_progress(
            self._runner, self, self.tr("Exporting to Excel…"), export_contact_log, actor=self._user,
            flt=self.current_filter(), today=self._today(), path=path, on_result=done, on_error=failed,
            on_cancelled=lambda: self.status_label.setText(self.tr("Export cancelled: no file was written.")),
            on_finished=finished,
        )
        if self.export_handle.done:
            self.export_handle = None
