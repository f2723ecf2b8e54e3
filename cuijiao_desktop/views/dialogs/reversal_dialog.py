"""冲正: reverse a payment by a new negative entry, with a reason; never an edit or a delete."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.services import payments
from cuijiao_desktop.services.room_ledger import LedgerPayment
from cuijiao_desktop.views.dialogs.reason import reason_rows, reason_task_failed, start_with_reason
from cuijiao_desktop.views.dialogs.receipt_dialog import REVERSAL_COLOUR, ReceiptDialog
from cuijiao_desktop.views.dialogs.style import error_label
from cuijiao_desktop.views.labels import label
from cuijiao_desktop.views.models.ledger_models import METHOD_LABELS, period_text


class ReversalDialog(ReceiptDialog):
    """Shows the payment, asks the reason, records the reversal and writes its voucher PDF.

    ``sig_saved`` carries the ReceiptDTO of the reversal, ``sig_receipt_written`` its PDF's path.
    """

    def __init__(
        self,
        runner,
        user,
        payment: LedgerPayment,
        *,
        room_code: str,
        today: date,
        receipts_folder: Path,
        paper: str = "a5",
        font_dirs: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, user, today=today, receipts_folder=receipts_folder, paper=paper,
                         font_dirs=font_dirs, parent=parent)
        self.setObjectName("ReversalDialog")
        self.setWindowTitle(self.tr("Reverse payment"))
        self.resize(560, 420)
        self.payment = payment
        form_page = QWidget()
        layout = QVBoxLayout(form_page)
        layout.setContentsMargins(0, 0, 0, 0)
        warning = QLabel(self.tr(
            "A reversal adds a negative entry that cancels this payment bill by bill; the payment itself stays "
            "in the books. Take a new payment afterwards if money was received."))
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #44546A; background: #EEF3F8; border-radius: 4px; padding: 6px;")
        layout.addWidget(warning)
        form = QFormLayout()
        number = QLabel(payment.receipt_no)
        bold = QFont(number.font())
        bold.setBold(True)
        number.setFont(bold)
        form.addRow(self.tr("Receipt no."), number)
        form.addRow(self.tr("Room"), QLabel(room_code))
        form.addRow(self.tr("Amount"), QLabel(format_money(payment.amount_fen)))
        method = label(METHOD_LABELS, payment.method)
        form.addRow(self.tr("Paid on"), QLabel(f"{payment.paid_on.isoformat()} · {method}"))
        if payment.payer:
            form.addRow(self.tr("Payer"), QLabel(payment.payer))
        lines = "\n".join(
            f"{period_text(x.period)} {x.fee_item} {format_money(x.amount_fen)}"
            + (f" + {format_money(x.late_fee_fen)}" if x.late_fee_fen else "") for x in payment.lines)
        if payment.credit_fen > 0:
            lines += "\n" + self.tr("prepaid credit {amount}").format(amount=format_money(payment.credit_fen))
        elif payment.credit_fen < 0:  # a spending of prepaid credit: the reversal gives it back to the deposit
            lines += "\n" + self.tr("paid from prepaid credit {amount}; the reversal gives it back").format(
                amount=format_money(-payment.credit_fen))
        lines_label = QLabel(lines or "—")
        lines_label.setWordWrap(True)
        form.addRow(self.tr("Allocation"), lines_label)
        if payment.credit_spent_fen:
            spent = QLabel(self.tr(
                "{amount} of the prepaid credit this payment left has since paid bills ({numbers}). The reversal "
                "undoes those spendings first: the bills they paid are owed again, unless other prepaid credit of "
                "the room pays them.").format(amount=format_money(payment.credit_spent_fen),
                                              numbers="、".join(payment.spent_by)))
            spent.setObjectName("reversalSpentCredit")
            spent.setWordWrap(True)
            spent.setStyleSheet("color: #8A5300; background: #FFF6E0; border-radius: 4px; padding: 6px;")
            form.addRow(self.tr("Credit spent"), spent)
        self.reason_edit, self.reason_error = reason_rows(
            form, self.tr("Reason"), name="reasonEdit", error_name="reasonError",
            placeholder=self.tr("Why is this payment reversed? (required)"))
        layout.addLayout(form)
        self.general_error = error_label("generalError")
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        self._add_pages(form_page, self.tr("Reverse"))
        self.confirm_button.setObjectName("confirmReversal")
        self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        """Check the reason and record the reversal in the background."""
        reason = start_with_reason(self)
        if reason is None:
            return
        self._runner.submit(
            payments.reverse_payment, actor=self._user, payment_id=self.payment.payment_id, reason=reason,
            on=self._today, on_result=self._on_saved, on_error=self._on_failed,
        )

    def _on_failed(self, exc: BaseException) -> None:
        reason_task_failed(self, exc)

    def _on_saved(self, receipt) -> None:
        self._show_receipt(
            receipt, title=self.tr("Payment reversed"), caption=self.tr("Reversal number"),
            summary=self.tr("{amount} reversed from receipt {no}").format(
                amount=format_money(-receipt.amount_fen), no=self.payment.receipt_no),
            writing=self.tr("Writing the reversal voucher PDF…"), saved=self.tr("Voucher saved as {path}"),
            failed=self.tr("The reversal is saved, but the PDF could not be written: {reason}"),
            colour=REVERSAL_COLOUR,
        )
