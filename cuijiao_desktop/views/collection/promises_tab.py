"""承诺缴费: promises to pay with their state derived from the payments (open, due, kept, broken)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.enums import PromiseStatus
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import contact_log as log_service
from cuijiao_desktop.views.collection.models import PromisesModel
from cuijiao_desktop.views.labels import PROMISE_LABELS, label
from cuijiao_desktop.views.widgets.dates import date_edit
from cuijiao_desktop.views.widgets.tables import list_view, on_enter

DEFAULT_BACK_DAYS = 14
DEFAULT_AHEAD_DAYS = 30


class PromisesTab(QWidget):
    """Promises by date. Enter opens the room (``sig_open_room``)."""

    sig_open_room = Signal(int)
    sig_loaded = Signal(object)  # list of PromiseRow

    def __init__(self, runner, user, *, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promisesTab")
        self._runner = runner
        self._user = user
        self._today = today
        self.rows: list = []
        self._seq = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        today_ = today()
        self.from_edit = date_edit("promiseFrom", today_ - timedelta(days=DEFAULT_BACK_DAYS))
        self.to_edit = date_edit("promiseTo", today_ + timedelta(days=DEFAULT_AHEAD_DAYS))
        caption = QLabel(self.tr("&Dates"))
        caption.setBuddy(self.from_edit)
        bar.addWidget(caption)
        bar.addWidget(self.from_edit)
        bar.addWidget(QLabel("–"))
        bar.addWidget(self.to_edit)
        self.state_combo = QComboBox()
        self.state_combo.setObjectName("promiseState")
        self.state_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.state_combo.addItem(self.tr("Any state"), None)
        for status in PromiseStatus:
            self.state_combo.addItem(label(PROMISE_LABELS, status), status)
        bar.addWidget(self.state_combo)
        self.mine_combo = QComboBox()
        self.mine_combo.setObjectName("promiseCollector")
        self.mine_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.mine_combo.addItem(self.tr("Every collector"), None)
        if user is not None and user.id is not None:
            self.mine_combo.addItem(self.tr("My cases"), user.id)
        bar.addWidget(self.mine_combo)
        bar.addStretch(1)
        outer.addLayout(bar)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("promiseSummary")
        self.summary_label.setWordWrap(True)
        outer.addWidget(self.summary_label)
        self.model = PromisesModel(self)
        self.table = list_view(self.model, "promisesTable", wrap=True)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        on_enter(self.table, lambda: self._open(self.table.currentIndex().row()))
        outer.addWidget(self.table, 1)
        self.status_label = QLabel()
        self.status_label.setObjectName("promiseStatus")
        self.status_label.setStyleSheet("color: #5F6B7A;")
        outer.addWidget(self.status_label)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self.refresh)
        for combo in (self.state_combo, self.mine_combo):
            combo.currentIndexChanged.connect(self.refresh)
        if user is not None and user.role.value == "collector":
            with QSignalBlocker(self.mine_combo):
                self.mine_combo.setCurrentIndex(1)  # a collector starts on their own cases

    def current_filter(self) -> log_service.PromiseFilter:
        return log_service.PromiseFilter(
            due_from=self.from_edit.date().toPython(), due_to=self.to_edit.date().toPython(),
            status=self.state_combo.currentData(), collector_id=self.mine_combo.currentData())

    def refresh(self) -> None:
        """Reload the promises of the filter."""
        self._seq += 1
        seq = self._seq
        self.status_label.setText(self.tr("Loading…"))
        self._runner.submit(log_service.promise_list, actor=self._user, flt=self.current_filter(),
                            today=self._today(), on_result=lambda rows, seq=seq: self._show(seq, rows),
                            on_error=lambda exc: self.status_label.setText(
                                self.tr("The promises could not be loaded: {error}").format(error=error_message(exc))))

    def _show(self, seq: int, rows: list) -> None:
        if seq != self._seq:
            return
        self.rows = rows
        self.model.set_rows(rows)
        counts = {s: sum(1 for r in rows if r.state.status is s) for s in PromiseStatus}
        kept_fen = sum(r.state.amount_fen for r in rows if r.state.status is PromiseStatus.KEPT)
        self.summary_label.setText(self.tr("{n} promises: {open} open, {due} due, {kept} kept ({kept_amount}), "
                                           "{broken} broken").format(
            n=len(rows), open=counts[PromiseStatus.OPEN], due=counts[PromiseStatus.DUE],
            kept=counts[PromiseStatus.KEPT], kept_amount=format_money(kept_fen), broken=counts[PromiseStatus.BROKEN]))
        self.status_label.setText(self.tr("The state follows the payments: kept when the room paid the amount "
                                          "between the promise and its date, broken the day after."))
        if rows:
            self.table.selectRow(0)
        self.sig_loaded.emit(rows)

    def current_room_id(self) -> int | None:
        r = self.model.row_at(self.table.currentIndex().row())
        return r.state.room_id if r else None

    def _open(self, row: int) -> None:
        r = self.model.row_at(row)
        if r is not None:
            self.sig_open_room.emit(r.state.room_id)
