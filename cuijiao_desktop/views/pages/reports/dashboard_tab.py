"""月报与看板: a month's statistics as charts and the 汇总 table, the monthly workbook and the month close.

Everything on the tab comes from one call of the statistics service (``services.stats``), run on the
task runner in a read-only transaction; the charts (``charts.py``) and the table only draw that
:class:`MonthStats`. The tab asks for what it draws only (``include_details=False``: no detail row per
room in arrears, no fee items or reasons), so the database thread is not held for the rooms' owners,
phones and cases. 导出月报 writes the month's full statistics to the monthly workbook (audited: personal
data leaves the program): computed first in a read-only task when the tab holds the light ones, then
written. 月结 / 撤销月结 freeze and reopen the month (finance role).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message, format_local_datetime
from cuijiao_desktop.services import building_map as map_service
from cuijiao_desktop.services import exports as export_service
from cuijiao_desktop.services import stats as stats_service
from cuijiao_desktop.services.actor import authorize
from cuijiao_desktop.services.export_file import export_file
from cuijiao_desktop.services.stats.model import Figures, MonthStats
from cuijiao_desktop.services.tx import long_write, read_only
from cuijiao_desktop.tasks import run_with_progress
from cuijiao_desktop.views.icons import icon
from cuijiao_desktop.views.pages.reports.charts import (
    AgeingChart,
    BuildingsChart,
    CollectorsChart,
    TrendChart,
    percent_text,
)
from cuijiao_desktop.views.widgets.files import ask_save_path

log = logging.getLogger(__name__)

#: Months the chooser offers, counting back from the current one.
MONTHS_OFFERED = 36


def month_text(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def months_back(today: date, n: int = MONTHS_OFFERED) -> list[str]:
    """``"YYYY-MM"`` from the current month back, newest first."""
    index = today.year * 12 + today.month - 1
    return [month_text(i // 12, i % 12 + 1) for i in range(index, index - n, -1)]


def last_month(today: date) -> str:
    """The month before ``today``'s: the one a monthly report is usually about."""
    return months_back(today, 2)[1]


@dataclass(frozen=True)
class DashboardData:
    """One load: the month's statistics and the estates the filter offers."""

    stats: MonthStats
    estates: tuple[str, ...]


@read_only
def load_dashboard(session, *, month: str, estate: str | None, today=None) -> DashboardData:
    """The task (read-only): the month's statistics in one call of the service (a closed month's frozen
    snapshot, else computed now without the detail rows the tab does not show; the current month as of
    ``today``, as 工作台), and the estate names."""
    stats = stats_service.month_report(session, month, estate=estate, include_details=False, today=today)
    estates = tuple(dict.fromkeys(b.estate for b in map_service.map_buildings(session)))
    return DashboardData(stats, estates)


@read_only
def full_month_stats(session, *, stats: MonthStats, cancel=None) -> MonthStats:
    """The export's first task (read-only, so no write lock is held while computing): the full statistics
    of the month and scope of ``stats`` (the dashboards' light ones), every sheet's data, seen on the same
    day (``stats.as_of`` as the day: a running month as of the day the tab showed it)."""
    full = stats_service.month_report(session, stats.month, estate=stats.estate, today=stats.as_of)
    if cancel is not None and cancel():
        from cuijiao_desktop.domain.errors import DomainError

        raise DomainError("task.cancelled")
    return full


@long_write
def export_month_workbook(tx, *, actor, stats: MonthStats, path: Path, progress=None, cancel=None) -> Path:
    """The export task: the monthly workbook of ``stats`` to ``path``, audited in the one export shape
    (``services/export_file.py``: the workbook is written with no write lock held, the audit row in a short
    transaction, then the file renamed into place; a failed or cancelled export leaves neither a file nor an
    audit row). It lists owners and phones of the rooms in arrears: the role must be allowed to export
    personal data."""
    from cuijiao_desktop.reports.stats_xlsx import write_stats_workbook  # openpyxl only when exporting

    def audit(session, allowed, _written) -> None:
        export_service.record_export(session, actor=allowed, what="stats", file_name=path.name,
                                     rows=len(stats.details), **stats.audit_detail())

    export_file(tx, path, read=lambda session: authorize(session, actor, Permission.EXPORT_PERSONAL_DATA),
                write=lambda _allowed, tmp: write_stats_workbook(stats, tmp, progress=progress, cancel=cancel),
                audit=audit, cancel=cancel)
    return path


class DashboardTab(QWidget):
    """The month chooser, the dashboards and the 汇总 table. ``sig_loaded(DashboardData)``,
    ``sig_exported(path)``."""

    sig_loaded = Signal(object)
    sig_exported = Signal(str)
    sig_show_building = Signal(str, str)  # estate, building: its map (a bar or a row of the summary)

    def __init__(self, runner, user, *, today: Callable[[], date] = date.today, settings=None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardTab")
        self._runner = runner
        self._user = user
        self._today = today
        self._settings = settings
        self.data: DashboardData | None = None
        self.export_handle = None
        self.reopen_dialog = None
        self.table_scopes: list = []
        self._note = ""
        self._seq = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 10, 0, 0)
        outer.setSpacing(8)
        outer.addLayout(self._build_bar())
        outer.addLayout(self._build_close_row())
        self.scroll = QScrollArea()
        self.scroll.setObjectName("dashboardScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        content.setObjectName("dashboardContent")
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 6, 0)
        body.setSpacing(10)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.trend_chart = TrendChart()
        self.ageing_chart = AgeingChart()
        self.buildings_chart = BuildingsChart()
        self.collectors_chart = CollectorsChart()
        self.charts = (self.trend_chart, self.ageing_chart, self.buildings_chart, self.collectors_chart)
        self.buildings_chart.sig_building.connect(self.sig_show_building.emit)
        for i, chart in enumerate(self.charts):
            grid.addWidget(chart, i // 2, i % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        body.addLayout(grid)
        self.table_title = QLabel()
        self.table_title.setStyleSheet("font-weight: bold; color: #2A3744;")
        body.addWidget(self.table_title)
        self.table = self._build_table()
        body.addWidget(self.table)
        self.scroll.setWidget(content)
        outer.addWidget(self.scroll, 1)
        self.status_label = QLabel()
        self.status_label.setObjectName("dashboardStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("color: #5F6B7A;")
        outer.addWidget(self.status_label)
        self.error_label = QLabel()
        self.error_label.setObjectName("dashboardError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #B3261E;")
        self.error_label.hide()
        outer.addWidget(self.error_label)
        self._show_empty()

    # construction
    def _build_bar(self) -> QHBoxLayout:
        bar = self.bar = QHBoxLayout()
        bar.setSpacing(8)
        self.month_combo = QComboBox()
        self.month_combo.setObjectName("reportMonth")
        self.month_combo.setMaxVisibleItems(18)
        for m in months_back(self._today()):
            self.month_combo.addItem(m, m)
        self.month_combo.setCurrentIndex(self.month_combo.findData(last_month(self._today())))
        self.estate_combo = QComboBox()
        self.estate_combo.setObjectName("reportEstate")
        self.estate_combo.setMinimumWidth(130)
        self.estate_combo.addItem(self.tr("All estates"), None)
        month_label = QLabel(self.tr("&Month"))
        month_label.setBuddy(self.month_combo)
        estate_label = QLabel(self.tr("&Estate"))
        estate_label.setBuddy(self.estate_combo)
        self.refresh_button = QPushButton(icon("refresh"), self.tr("Refresh"))
        self.refresh_button.setObjectName("reportRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(icon("reports"), self.tr("Monthly report…"))
        self.export_button.setObjectName("exportMonthReport")
        self.export_button.setToolTip(self.tr("The monthly statistics workbook (Excel) of the month shown"))
        self.export_button.clicked.connect(self.choose_export_file)
        self.export_button.setVisible(self._user is not None and self._user.can(Permission.EXPORT_PERSONAL_DATA))
        self.export_button.setEnabled(False)
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("dashboardBusy")
        self.busy_bar.setRange(0, 0)  # moving while the statistics are computed (seconds at 50,000 rooms)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedWidth(90)
        self.busy_bar.hide()
        for w in (month_label, self.month_combo, estate_label, self.estate_combo, self.refresh_button, self.busy_bar):
            bar.addWidget(w)
        bar.addStretch(1)
        self.month_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.estate_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        return bar

    def _build_close_row(self) -> QHBoxLayout:
        """The month's key figures, and its close: 已月结 (when, who), 月结 and 撤销月结 (finance)."""
        row = QHBoxLayout()
        row.setSpacing(8)
        self.headline = QLabel()
        self.headline.setObjectName("dashboardHeadline")
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.headline.setFont(font)
        self.headline.setStyleSheet("color: #1F3B57;")
        self.headline.setWordWrap(True)
        row.addWidget(self.headline, 1)
        self.closed_label = QLabel()
        self.closed_label.setObjectName("monthClosedLabel")
        self.closed_label.setStyleSheet("color: #1E5631; background: #DDF2E3; border-radius: 4px; padding: 3px 8px;")
        self.closed_label.hide()
        can_close = self._user is not None and self._user.can(Permission.CLOSE_MONTH)
        self.close_button = QPushButton(self.tr("Close the month…"))
        self.close_button.setObjectName("closeMonth")
        self.close_button.setToolTip(self.tr("Month close: freeze the month's figures (every estate) as they are now; "
                                             "later payments dated in the month no longer change them"))
        self.close_button.clicked.connect(self.close_month)
        self.reopen_button = QPushButton(self.tr("Reopen the month…"))
        self.reopen_button.setObjectName("reopenMonth")
        self.reopen_button.clicked.connect(self.reopen_month)
        for w in (self.close_button, self.reopen_button):
            w.setVisible(can_close)
            w.setEnabled(False)
        self.closed_label.setWordWrap(True)
        self.bar.addWidget(self.closed_label, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.reopen_button, 0, Qt.AlignmentFlag.AlignVCenter)
        return row

    def _build_table(self) -> QTableWidget:
        headers = (self.tr("Scope"), self.tr("Households"), self.tr("Billed this month"),
                   self.tr("Collected this month"), self.tr("Arrears recovered"), self.tr("Prepaid"),
                   self.tr("Opening arrears"), self.tr("Closing arrears"), self.tr("Rate (amount)"),
                   self.tr("Rate (households)"))
        table = QTableWidget(0, len(headers))
        table.setObjectName("summaryTable")
        table.setHorizontalHeaderLabels(list(headers))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(24)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.cellDoubleClicked.connect(lambda row, _col: self._open_row(row))
        return table

    # loading
    def selected_month(self) -> str:
        return self.month_combo.currentData()

    def selected_estate(self) -> str | None:
        return self.estate_combo.currentData()

    def refresh(self) -> None:
        """Compute the chosen month's statistics off the GUI thread (F5, 刷新, another month or estate)."""
        self._seq += 1
        seq = self._seq
        self.error_label.hide()
        self.export_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.reopen_button.setEnabled(False)
        self.busy_bar.show()
        self.status_label.setText(self.tr("Computing the statistics of {month}…").format(month=self.selected_month()))
        self._runner.submit(load_dashboard, month=self.selected_month(), estate=self.selected_estate(),
                            today=self._today(), on_result=lambda data, seq=seq: self._show(seq, data),
                            on_error=lambda exc, seq=seq: self._show_error(seq, exc))

    def _show(self, seq: int, data: DashboardData) -> None:
        if seq != self._seq:
            return
        self.data = data
        self.busy_bar.hide()
        chosen = self.selected_estate()
        with QSignalBlocker(self.estate_combo):
            self.estate_combo.clear()
            self.estate_combo.addItem(self.tr("All estates"), None)
            for name in data.estates:
                self.estate_combo.addItem(name, name)
            self.estate_combo.setCurrentIndex(max(0, self.estate_combo.findData(chosen)))
        stats = data.stats
        for chart in self.charts:
            chart.set_stats(stats)
        self._fill_table(stats)
        self._show_headline(stats)
        self._show_closed(stats)
        self.export_button.setEnabled(self.export_handle is None)
        figures = self.tr("Figures of {month} as of {as_of}; computed at {when}.").format(
            month=stats.month, as_of=stats.as_of.isoformat(), when=format_local_datetime(stats.generated_at))
        self.status_label.setText(f"{self._note} {figures}".strip())
        self._note = ""
        self.sig_loaded.emit(data)

    def _show_error(self, seq: int, exc: BaseException) -> None:
        if seq != self._seq:
            return
        self.busy_bar.hide()
        self.status_label.setText("")
        self.error_label.setText(self.tr("The statistics could not be computed: {error}").format(
            error=error_message(exc)))
        self.error_label.show()

    def _show_empty(self) -> None:
        for chart in self.charts:
            chart.set_stats(None)
        self.headline.setText(self.tr("Choose a month to see its figures."))

    def _show_headline(self, stats: MonthStats) -> None:
        t = stats.total
        scope = stats.estate or self.tr("all estates")
        self.headline.setText(self.tr(
            "<b>{month}</b>, {scope}: collection rate <b>{amount}</b> by amount, <b>{households}</b> by households "
            "({paid} of {rooms} rooms); closing arrears <b>{closing}</b>").format(
            month=stats.month, scope=scope, amount=percent_text(t.rate_amount),
            households=percent_text(t.rate_households), paid=f"{t.households_paid:,}", rooms=f"{t.households:,}",
            closing=format_money(t.closing_arrears_fen)))

    def _show_closed(self, stats: MonthStats) -> None:
        closed = stats.closed_at is not None
        if closed:
            self.closed_label.setText(self.tr("Month closed {when} by {who}").format(
                when=format_local_datetime(stats.closed_at), who=stats.closed_by or "—"))
        self.closed_label.setVisible(closed)
        over = stats.month <= last_month(self._today())
        self.close_button.setEnabled(not closed and over)
        self.close_button.setToolTip(self.close_button.toolTip() if over else
                                     self.tr("{month} is not over yet").format(month=stats.month))
        self.reopen_button.setEnabled(closed)

    # month close
    def close_month(self) -> None:
        """月结 the month shown, after a confirmation; the page then shows the frozen figures."""
        if self.data is None:
            return
        month = self.data.stats.month
        answer = QMessageBox.question(
            self, self.tr("Close {month}").format(month=month),
            self.tr("Close {month} for every estate? Its figures are frozen as they are now: payments, reversals "
                    "and adjustments dated in {month} that arrive later will not change its reports. It can be "
                    "reopened with a reason.").format(month=month))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.close_button.setEnabled(False)
        self.status_label.setText(self.tr("Closing {month}…").format(month=month))
        today = self._today()
        # computed in a read task (no write lock), then only written in a short write task, as the CLI does;
        # close_month checks again in its own transaction that the month is over and not closed meanwhile
        self._runner.submit(stats_service.prepare_close, month=month, today=today,
                            on_result=lambda prepared: self._write_close(month, today, prepared),
                            on_error=self._close_failed)

    def _write_close(self, month: str, today, prepared) -> None:
        self._runner.submit(stats_service.close_month, actor=self._user, month=month, today=today, prepared=prepared,
                            on_result=lambda _stats: self._after_close(self.tr("{month} is closed.").format(
                                month=month)),
                            on_error=self._close_failed)

    def reopen_month(self) -> None:
        """撤销月结: ask for the reason, reopen, then show the month computed again."""
        if self.data is None or self.data.stats.closed_at is None:
            return
        from cuijiao_desktop.views.pages.reports.reopen_dialog import ReopenMonthDialog

        stats = self.data.stats
        dialog = ReopenMonthDialog(self._runner, self._user, month=stats.month, closed_at=stats.closed_at,
                                   closed_by=stats.closed_by, parent=self)
        dialog.sig_reopened.connect(lambda month: self._after_close(self.tr("{month} was reopened.").format(
            month=month)))
        self.reopen_dialog = dialog
        dialog.open()

    def _after_close(self, text: str) -> None:
        self._note = text  # said in front of the figures' line once they are loaded again
        self.refresh()

    def _close_failed(self, exc: BaseException) -> None:
        self.status_label.setText("")
        self.error_label.setText(self.tr("The month could not be closed: {error}").format(error=error_message(exc)))
        self.error_label.show()
        if self.data is not None:
            self._show_closed(self.data.stats)

    def _fill_table(self, stats: MonthStats) -> None:
        several = len(stats.by_estate) > 1
        scopes = stats.by_estate if several else stats.by_building
        self.table_title.setText(self.tr("Summary by estate") if several else self.tr("Summary by building"))
        self.table_scopes = list(scopes)  # by row; the total row has none
        self.table.setToolTip("" if several else self.tr("Double-click a building to see its map"))
        rows = [(s.label, s.figures) for s in scopes] + [(self.tr("Total"), stats.total)]
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, (name, f) in enumerate(rows):
            for c, text in enumerate(self._cells(name, f)):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if r == len(rows) - 1:
                    item.setFont(bold)
                self.table.setItem(r, c, item)
        height = self.table.horizontalHeader().height() + 24 * len(rows) + 2 * self.table.frameWidth()
        self.table.setFixedHeight(height)

    def _open_row(self, row: int) -> None:
        """A building's row of the summary shows its building map."""
        scope = self.table_scopes[row] if 0 <= row < len(self.table_scopes) else None
        if scope is not None and scope.building:
            self.sig_show_building.emit(scope.estate, scope.building)

    @staticmethod
    def _cells(name: str, f: Figures) -> list[str]:
        return [name, f"{f.households:,}", format_money(f.billed_fen), format_money(f.collected_fen),
                format_money(f.recovered_fen), format_money(f.prepaid_fen), format_money(f.opening_arrears_fen),
                format_money(f.closing_arrears_fen), percent_text(f.rate_amount), percent_text(f.rate_households)]

    # export
    def default_export_name(self) -> str:
        """``月报-2026-08.xlsx``."""
        month = self.data.stats.month if self.data else self.selected_month()
        return f"{self.tr('Monthly report')}-{month}.xlsx"

    def choose_export_file(self) -> None:
        """Ask where to save, then write the monthly workbook of the figures shown."""
        path = ask_save_path(self, self._settings, key="export", title=self.tr("Export the monthly report"),
                             name=self.default_export_name(), file_filter=self.tr("Excel workbook (*.xlsx)"),
                             suffix=".xlsx")
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write the workbook of the statistics on screen to ``path`` with progress and cancel (the full
        statistics computed first when the tab holds the dashboards' light ones)."""
        if self.data is None:
            return
        stats = self.data.stats
        self.export_button.setEnabled(False)
        self.error_label.hide()
        self.status_label.setText(self.tr("Writing the monthly report of {month}…").format(month=stats.month))

        def done(written: Path) -> None:
            self.status_label.setText(self.tr("The monthly report was saved to {path}").format(path=written))
            self.sig_exported.emit(str(written))

        def failed(exc: BaseException) -> None:
            self.status_label.setText("")
            self.error_label.setText(self.tr("The export failed: {error}").format(error=error_message(exc)))
            self.error_label.show()

        def cancelled() -> None:
            self.status_label.setText(self.tr("Export cancelled: no file was written."))

        def finished() -> None:
            self.export_handle = None
            self.export_button.setEnabled(self.data is not None)

        def write(full: MonthStats) -> None:
            self.export_handle = run_with_progress(
                self._runner, self, self.tr("Exporting the monthly report…"), export_month_workbook,
                actor=self._user, stats=full, path=path, on_result=done, on_error=failed, on_cancelled=cancelled,
                on_finished=finished)
            if self.export_handle.done:
                self.export_handle = None

        if not stats.extra.get("details_left_out"):
            write(stats)
            return

        def computed(full: MonthStats) -> None:
            self.export_handle = None
            write(full)

        def not_computed(exc: BaseException) -> None:
            failed(exc)
            finished()

        def computing_cancelled() -> None:
            cancelled()
            finished()

        self.export_handle = run_with_progress(
            self._runner, self, self.tr("Exporting the monthly report…"), full_month_stats, stats=stats,
            on_result=computed, on_error=not_computed, on_cancelled=computing_cancelled)
        if self.export_handle.done:
            self.export_handle = None
