"""调整账单金额: change one bill's amount with a reason (finance); the old amount is kept and audited."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.errors import DomainError, ValidationError
from cuijiao_desktop.domain.money import format_money, parse_money
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import bill_adjustments
from cuijiao_desktop.services.room_ledger import LedgerCell
from cuijiao_desktop.views.dialogs.reason import checked_reason, reason_rows
from cuijiao_desktop.views.dialogs.style import HINT_STYLE, error_label, set_inline
from cuijiao_desktop.views.models.ledger_models import period_text


class BillAdjustDialog(QDialog):
    """Shows the bill, asks the new amount and the reason, saves in the background; ``sig_saved`` then."""

    sig_saved = Signal(object)  # AdjustmentDTO

    def __init__(self, runner, user, cell: LedgerCell, *, room_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BillAdjustDialog")
        self.setWindowTitle(self.tr("Change bill amount"))
        self._runner = runner
        self._user = user
        self.cell = cell
        self._saving = False
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr(
            "The bill keeps its history: the old amount, the new one, the reason and who changed it are recorded. "
            "The amount cannot go below what was already paid, discounted or waived on the bill."))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        layout.addWidget(hint)
        form = QFormLayout()
        title = QLabel(f"{room_code}  {period_text(cell.period)} {cell.fee_item}")
        bold = QFont(title.font())
        bold.setBold(True)
        title.setFont(bold)
        form.addRow(self.tr("Bill"), title)
        now = format_money(cell.amount_fen)
        if cell.basis_note:
            now += f"（{cell.basis_note}）"
        form.addRow(self.tr("Amount now"), QLabel(now))
        taken = self.tr("paid {paid}, discount {discount}, waived {waived}").format(
            paid=format_money(cell.paid_fen), discount=format_money(cell.discount_fen),
            waived=format_money(cell.waived_fen))
        form.addRow(self.tr("On the bill"), QLabel(taken))
        self.amount_edit = QLineEdit(format_money(cell.amount_fen, symbol=False))
        self.amount_edit.setObjectName("adjustAmount")
        self.amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount_edit.selectAll()
        self.amount_edit.textEdited.connect(lambda: set_inline(self.amount_error, ""))
        form.addRow(self.tr("New &amount (yuan)"), self.amount_edit)
        self.amount_error = error_label("adjustAmountError", wrap=False)
        form.addRow("", self.amount_error)
        self.reason_edit, self.reason_error = reason_rows(
            form, self.tr("&Reason"), name="adjustReason", error_name="adjustReasonError",
            placeholder=self.tr("Why does the amount change? (required, e.g. area corrected)"))
        self.reason_edit.setTabChangesFocus(True)
        layout.addLayout(form)
        self.general_error = error_label("adjustError")
        layout.addWidget(self.general_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("adjustSave")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.amount_edit.setFocus()

    def submit(self) -> None:
        """Check the inputs and save in the background; keep everything on failure."""
        if self._saving:
            return
        try:
            fen = parse_money(self.amount_edit.text()).fen
        except ValidationError as exc:
            set_inline(self.amount_error, error_message(exc))
            self.amount_edit.setFocus()
            return
        reason = checked_reason(self.reason_edit, self.reason_error)
        if reason is None:
            return
        self._saving = True
        self.save_button.setEnabled(False)
        self._runner.submit(
            bill_adjustments.adjust_bill, actor=self._user, bill_id=self.cell.bill_id, new_amount_fen=fen,
            reason=reason, on_result=self._on_saved, on_error=self._on_failed,
        )

    def _on_saved(self, adjustment) -> None:
        self._saving = False
        self.sig_saved.emit(adjustment)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        field = exc.params.get("field") if isinstance(exc, DomainError) else None
        set_inline(self.amount_error if field == "amount" else self.general_error, error_message(exc))
