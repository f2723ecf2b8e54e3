"""收费 → 生成账单…: the billing run with its preview before anything is written.

Choose the month, the estate (or all) and the due day, press 预览 (Enter): the dialog shows, per
estate and fee item, how many bills the run issues and what they come to, the bills of the month
that already exist (never issued twice), the prepaid credit that will pay the new bills, and the
rooms it cannot bill (no meter reading, not yet handed over, no fee standard). 生成账单 (Alt+G)
then writes exactly that in one transaction, with progress and cancel. Changing an input asks for a
new preview first. The due day is the office's setting; changing it here saves it with the run.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import billing
from cuijiao_desktop.services.billing import BillingPreview, BillingResult, BillingSetup
from cuijiao_desktop.tasks import run_with_progress
from cuijiao_desktop.views.dialogs.style import set_inline
from cuijiao_desktop.views.models.billing_models import BillingGroupsModel, BillingNotesModel, note_label

OK_STYLE = "color: #1E5631; font-weight: bold;"
WARN_STYLE = "color: #8A5300;"


def default_month(today: date) -> date:
    """The month a billing run is most likely for: this month until the 15th, then the next one."""
    if today.day <= 15:
        return today.replace(day=1)
    return date(today.year + today.month // 12, today.month % 12 + 1, 1)


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class BillingDialog(QDialog):
    """The billing run (finance and administrators). ``sig_billed`` carries the BillingResult."""

    sig_billed = Signal(object)

    def __init__(self, runner, user, *, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BillingDialog")
        self.setWindowTitle(self.tr("Generate bills"))
        self.resize(900, 620)
        self._runner = runner
        self._user = user
        self._today = today
        self.setup: BillingSetup | None = None
        self.preview: BillingPreview | None = None
        self.result: BillingResult | None = None
        self._busy = False

        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Bills of a month for every room, from the fee standards in force on the month's first day. A room "
            "gets one bill per fee item and month: running a month again issues only what is missing. Prepaid "
            "credit pays the new bills right after."))
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #44546A; background: #EEF3F8; border-radius: 4px; padding: 6px;")
        layout.addWidget(intro)

        form = QFormLayout()
        first = default_month(today)
        self.month_edit = QDateEdit(QDate(first.year, first.month, 1))
        self.month_edit.setObjectName("billingMonth")
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.month_edit.setCalendarPopup(False)
        self.month_edit.setCurrentSection(QDateEdit.Section.MonthSection)
        self.month_edit.dateChanged.connect(self._inputs_changed)
        form.addRow(self.tr("&Month"), self.month_edit)
        self.estate_combo = QComboBox()
        self.estate_combo.setObjectName("billingEstate")
        self.estate_combo.addItem(self.tr("All estates"), None)
        self.estate_combo.currentIndexChanged.connect(self._inputs_changed)
        form.addRow(self.tr("&Estate"), self.estate_combo)
        due_row = QHBoxLayout()
        self.due_spin = QSpinBox()
        self.due_spin.setObjectName("billingDueDay")
        self.due_spin.setRange(1, 31)
        self.due_spin.setValue(10)
        self.due_spin.setPrefix(self.tr("day "))
        self.due_spin.setSuffix(self.tr(" of each month"))
        self.due_spin.valueChanged.connect(self._inputs_changed)
        due_row.addWidget(self.due_spin)
        self.due_hint = QLabel()
        self.due_hint.setStyleSheet("color: #5F6B7A;")
        due_row.addWidget(self.due_hint, 1)
        form.addRow(self.tr("&Due by"), due_row)
        layout.addLayout(form)

        self.summary = QLabel(self.tr("Press Preview to see what the run issues. Nothing is written yet."))
        self.summary.setObjectName("billingSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.summary.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.summary.setFont(font)
        layout.addWidget(self.summary)

        split = QSplitter(Qt.Orientation.Vertical)
        self.groups_model = BillingGroupsModel(self)
        self.groups_view = _table(self.groups_model)
        self.groups_view.setObjectName("billingGroups")
        self.groups_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        split.addWidget(self.groups_view)
        notes_box = QWidget()
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        self.notes_label = QLabel()
        self.notes_label.setObjectName("billingNotesLabel")
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet(WARN_STYLE)
        notes_layout.addWidget(self.notes_label)
        self.notes_model = BillingNotesModel(self)
        self.notes_view = _table(self.notes_model)
        self.notes_view.setObjectName("billingNotes")
        notes_layout.addWidget(self.notes_view)
        split.addWidget(notes_box)
        split.setSizes([320, 160])
        notes_box.hide()
        self.notes_box = notes_box
        layout.addWidget(split, 1)

        self.error_label = QLabel()
        self.error_label.setObjectName("billingError")
        self.error_label.setWordWrap(True)
        set_inline(self.error_label, "")
        layout.addWidget(self.error_label)

        self.buttons = QDialogButtonBox()
        self.preview_button = QPushButton(self.tr("&Preview"))
        self.preview_button.setObjectName("billingPreview")
        self.preview_button.setDefault(True)
        self.preview_button.setToolTip(self.tr("Count and total the bills of the month without writing anything "
                                               "(Enter)"))
        self.preview_button.clicked.connect(self.run_preview)
        self.generate_button = QPushButton(self.tr("&Generate bills"))
        self.generate_button.setObjectName("billingGenerate")
        self.generate_button.setAutoDefault(False)  # Enter previews again; generating takes a deliberate Alt+G
        self.generate_button.setToolTip(self.tr("Write the previewed bills and spend prepaid credit on them"))
        self.generate_button.setEnabled(False)
        self.generate_button.clicked.connect(self.generate)
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.generate_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.month_edit.setFocus()
        self._runner.submit(billing.billing_setup, on_result=self._on_setup,
                            on_error=lambda exc: set_inline(self.error_label, error_message(exc)))

    # inputs
    def _on_setup(self, setup: BillingSetup) -> None:
        self.setup = setup
        self.estate_combo.blockSignals(True)
        for estate_id, name in setup.estates:
            self.estate_combo.addItem(name, estate_id)
        self.estate_combo.blockSignals(False)
        self.due_spin.blockSignals(True)
        self.due_spin.setValue(setup.due_day)
        self.due_spin.blockSignals(False)
        self._update_due_hint()

    def period(self) -> int:
        """The chosen month as YYYYMM."""
        d = self.month_edit.date()
        return d.year() * 100 + d.month()

    def estate_id(self) -> int | None:
        """The chosen estate, None for all."""
        return self.estate_combo.currentData()

    def due_day(self) -> int:
        """The due day of the month."""
        return self.due_spin.value()

    def _update_due_hint(self) -> None:
        from cuijiao_desktop.domain.billing import due_date_for

        due = due_date_for(self.period(), self.due_day()).isoformat()
        changed = self.setup is not None and self.due_day() != self.setup.due_day
        text = self.tr("bills due {date}").format(date=due)
        if changed:
            text += self.tr(" (saved as the office's due day when the bills are generated)")
        self.due_hint.setText(text)

    def _inputs_changed(self, *_args) -> None:
        self._update_due_hint()
        if self._busy:
            return
        self.preview = None
        self.generate_button.setEnabled(False)
        set_inline(self.error_label, "")
        if self.result is None:
            self.summary.setStyleSheet("")
            self.summary.setText(self.tr("Press Preview to see what the run issues. Nothing is written yet."))

    # preview
    def run_preview(self) -> None:
        """The dry run, in the background with progress; fills the tables."""
        if self._busy:
            return
        self._busy = True
        set_inline(self.error_label, "")
        run_with_progress(
            self._runner, self, self.tr("Working out the bills…"), billing.preview_billing, period=self.period(),
            estate_id=self.estate_id(), due_day=self.due_day(), on_result=self._on_preview,
            on_error=self._on_failed, on_cancelled=self._on_cancelled,
        )

    def _on_preview(self, preview: BillingPreview) -> None:
        self._busy = False
        self.preview = preview
        self.result = None
        self._show(preview, written=False)
        self.generate_button.setEnabled(preview.bills > 0)
        if preview.bills > 0:
            self.generate_button.setFocus()

    def _show(self, preview: BillingPreview, *, written: bool) -> None:
        self.groups_model.set_rows(preview.groups)
        self.notes_model.set_rows(preview.notes)
        scope = preview.estate_name or self.tr("all estates")
        if written:
            head = self.tr("Issued {count} bills of {month} for {scope}: {net} to pay (billed {amount}, "
                           "discounts {discount}), due {due}.")
        elif preview.bills:
            head = self.tr("The run issues {count} bills of {month} for {scope}: {net} to pay (billed {amount}, "
                           "discounts {discount}), due {due}.")
        else:
            head = self.tr("Every bill of {month} for {scope} is already issued: there is nothing to generate.")
        parts = [head.format(count=f"{preview.bills:,}", month=preview.period_text, scope=scope,
                             net=format_money(preview.net_fen), amount=format_money(preview.amount_fen),
                             discount=format_money(preview.discount_fen), due=preview.due_date.isoformat())]
        if preview.existing:
            parts.append(self.tr("{count} bills of the month were issued before and stay as they are.").format(
                count=f"{preview.existing:,}"))
        if written and self.result is not None and self.result.credit_rooms:
            parts.append(self.tr("Prepaid credit paid {amount} of them for {rooms} rooms.").format(
                amount=format_money(self.result.credit_spent_fen), rooms=f"{self.result.credit_rooms:,}"))
        elif not written and preview.credit_rooms:
            parts.append(self.tr("Prepaid credit of {rooms} rooms will pay {amount} of them.").format(
                rooms=f"{preview.credit_rooms:,}", amount=format_money(preview.credit_fen)))
        self.summary.setText(" ".join(parts))
        self.summary.setStyleSheet(OK_STYLE if written else "")
        total = sum(c for _, c in preview.note_counts)
        if total:
            lines = [self.tr("{count} × {why}").format(count=f"{c:,}", why=note_label(k)) for k, c in preview.note_counts]
            shown = "" if total <= len(preview.notes) else self.tr(" (the first {n} are listed)").format(
                n=len(preview.notes))
            self.notes_label.setText(self.tr("Not billed:") + " " + "；".join(lines) + shown)
            self.notes_box.show()
        else:
            self.notes_box.hide()

    # the run
    def generate(self) -> None:
        """Write the previewed bills (a long write: staged, then published at once; progress and cancel),
        then show what was done."""
        if self._busy or self.preview is None or not self.preview.bills:
            return
        self._busy = True
        self.generate_button.setEnabled(False)
        set_inline(self.error_label, "")
        due_day = self.due_day() if self.setup is None or self.due_day() != self.setup.due_day else None
        run_with_progress(
            self._runner, self, self.tr("Generating the bills of {month}…").format(month=self.preview.period_text),
            billing.run_billing, actor=self._user, period=self.period(), estate_id=self.estate_id(), due_day=due_day,
            today=self._today, on_result=self._on_generated, on_error=self._on_failed,
            on_cancelled=self._on_cancelled,
        )

    def _on_generated(self, result: BillingResult) -> None:
        self._busy = False
        self.result = result
        self.preview = None
        if self.setup is not None:
            self.setup = BillingSetup(self.setup.estates, result.preview.due_day)
        self._update_due_hint()
        self._show(result.preview, written=True)
        self.close_button.setFocus()
        self.sig_billed.emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        self._busy = False
        set_inline(self.error_label, error_message(exc))
        self.generate_button.setEnabled(self.preview is not None and self.preview.bills > 0)

    def _on_cancelled(self) -> None:
        self._busy = False
        set_inline(self.error_label, self.tr("Cancelled: nothing was written."))
        self.generate_button.setEnabled(self.preview is not None and self.preview.bills > 0)
