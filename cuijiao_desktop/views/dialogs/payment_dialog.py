"""收款: take a payment for one room, preview its allocation live, print the receipt.

Late fees (滞纳金): the money always pays the principal first (oldest bill first, or the
ticked bills). Only when "collect late fees" is ticked does what is left pay the assessed,
not yet waived late fees of the bills this payment settles, before anything becomes
prepaid credit. Paying principal first stops the fee from growing, and the fee is the part
courts most often reduce (Civil Code art. 585), so it is never taken while its bill is
still owed. A manager can waive (part of) a bill's late fee with a reason, right here.

The late fee of a bill already settled stays collectable: such a bill is listed with nothing
owed and its late fee, and the preview says when the payment pays it.

Two checks before money is booked (``domain.payment_checks``): an amount above all the room owes
plus a year of its bills asks for confirmation, reading the amount back in Chinese capitals (the
safe answer is the default, so Enter never confirms it); a date more than 7 days back asks for the
reason, which the audit log keeps.

The preview uses the same pure rule as ``services.payments.record_payment``
(``plan_payment``), so what the clerk sees is what is recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.amount_words import amount_in_words
from cuijiao_desktop.domain.enums import PaymentMethod
from cuijiao_desktop.domain.errors import DomainError, ValidationError
from cuijiao_desktop.domain.ledger import split_owed
from cuijiao_desktop.domain.money import format_money, parse_money
from cuijiao_desktop.domain.payment_checks import (
    BACKDATE_DAYS,
    days_back,
    is_large_payment,
    needs_backdate_reason,
)
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import late_fees as late_fee_service
from cuijiao_desktop.services import payments
from cuijiao_desktop.services import room_ledger as ledger_service
from cuijiao_desktop.services.room_ledger import PaymentBill, PaymentContext
from cuijiao_desktop.views.dialogs.receipt_dialog import ReceiptDialog
from cuijiao_desktop.views.dialogs.style import error_label, set_inline
from cuijiao_desktop.views.labels import PERSON_ROLE_LABELS, label
from cuijiao_desktop.views.models.ledger_models import METHOD_LABELS, OpenBillsModel, RowRole, period_text
from cuijiao_desktop.views.widgets.dates import date_edit

# Methods offered at the counter, in this order.
METHODS: tuple[PaymentMethod, ...] = (
    PaymentMethod.CASH, PaymentMethod.CARD, PaymentMethod.WECHAT, PaymentMethod.ALIPAY,
    PaymentMethod.BANK_TRANSFER, PaymentMethod.DIRECT_DEBIT,
)


class PaymentDialog(ReceiptDialog):
    """Amount, method, date, payer, the open bills with check boxes, the live allocation preview."""

    def __init__(
        self,
        runner,
        user,
        room_id: int,
        *,
        today: date,
        receipts_folder: Path,
        paper: str = "a5",
        font_dirs: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, user, today=today, receipts_folder=receipts_folder, paper=paper,
                         font_dirs=font_dirs, parent=parent)
        self.setObjectName("PaymentDialog")
        self.setWindowTitle(self.tr("Take payment"))
        self.resize(820, 640)
        self._room_id = room_id
        self.context: PaymentContext | None = None
        self.plan: payments.PaymentPlan | None = None
        self._add_pages(self._build_form(), self.tr("Confirm payment"))
        self.confirm_button.setObjectName("confirmPayment")
        self.confirm_button.setToolTip(self.tr("Enter in the amount moves here; Enter here or Ctrl+Enter anywhere "
                                               "records the payment"))
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter is handled in keyPressEvent: money is never booked by accident
        self.confirm_button.setEnabled(False)
        self.load()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the amount moves to 确认收款 (the preview is read first); Enter on a button presses it;
        Ctrl+Enter records the payment from anywhere."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = self.focusWidget()
            ready = self.confirm_button.isVisible() and self.confirm_button.isEnabled()
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                if ready:
                    self.confirm_button.click()
            elif isinstance(focus, QPushButton):
                focus.click()
            elif focus is self.amount_edit and ready:
                self.confirm_button.setFocus()
            event.accept()
            return
        super().keyPressEvent(event)

    # construction
    def _build_form(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.room_label = QLabel(self.tr("Loading…"))
        font = QFont(self.room_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.room_label.setFont(font)
        layout.addWidget(self.room_label)
        self.owed_label = QLabel()
        self.owed_label.setObjectName("owedLabel")
        layout.addWidget(self.owed_label)

        form = QFormLayout()
        amount_row = QHBoxLayout()
        self.amount_edit = QLineEdit()
        self.amount_edit.setObjectName("amountEdit")
        self.amount_edit.setPlaceholderText(self.tr("e.g. 750 or 1,234.50"))
        self.amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        big = QFont(self.amount_edit.font())
        big.setPointSizeF(big.pointSizeF() * 1.4)
        self.amount_edit.setFont(big)
        self.amount_edit.textEdited.connect(self._on_input_changed)
        amount_row.addWidget(self.amount_edit, 1)
        self.all_button = QPushButton(self.tr("Fill in total owed"))
        self.all_button.setObjectName("payAllButton")
        self.all_button.setToolTip(self.tr("Fill in the total owed of the ticked bills (or of all open bills), "
                                           "not yet due included"))
        self.all_button.clicked.connect(self.fill_everything)
        amount_row.addWidget(self.all_button)
        form.addRow(self.tr("Amount (yuan)"), amount_row)
        self.amount_error = error_label("amountError", wrap=False)
        form.addRow("", self.amount_error)

        self.method_combo = QComboBox()
        self.method_combo.setObjectName("methodCombo")
        for method in METHODS:
            self.method_combo.addItem(label(METHOD_LABELS, method), method.value)
        form.addRow(self.tr("Method"), self.method_combo)
        self.paid_on_edit = date_edit("paidOnEdit", self._today)
        self.paid_on_edit.setMaximumDate(QDate(self._today))
        self.paid_on_edit.dateChanged.connect(self._on_date_changed)
        form.addRow(self.tr("Paid on"), self.paid_on_edit)
        self.backdate_edit = QLineEdit()
        self.backdate_edit.setObjectName("backdateReason")
        self.backdate_edit.setPlaceholderText(self.tr("e.g. cash receipt found at month end, bank statement came late"))
        self.backdate_edit.textEdited.connect(lambda: set_inline(self.backdate_error, ""))
        self.backdate_label = QLabel(self.tr("Reason for the late entry"))
        form.addRow(self.backdate_label, self.backdate_edit)
        self.backdate_error = error_label("backdateError", wrap=False)
        form.addRow("", self.backdate_error)
        self.backdate_edit.hide()
        self.backdate_label.hide()
        self.payer_combo = QComboBox()
        self.payer_combo.setObjectName("payerCombo")
        form.addRow(self.tr("Payer"), self.payer_combo)
        self.reference_edit = QLineEdit()
        self.reference_edit.setObjectName("referenceEdit")
        self.reference_edit.setPlaceholderText(self.tr("transaction number of WeChat, Alipay, card or bank"))
        form.addRow(self.tr("Reference"), self.reference_edit)
        self.late_fee_check = QCheckBox(self.tr("Collect late fees of the bills this payment settles and of bills "
                                                "already settled"))
        self.late_fee_check.setObjectName("collectLateFees")
        self.late_fee_check.setToolTip(self.tr(
            "The principal is always paid first; late fees only from what is left, never while the bill is owed."))
        self.late_fee_check.toggled.connect(self._on_input_changed)
        self.late_fee_check.hide()
        form.addRow("", self.late_fee_check)
        layout.addLayout(form)

        hint = QLabel(self.tr("Tick bills to pay only those; with none ticked the oldest bills are paid first."))
        hint.setStyleSheet("color: #5F6B7A;")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.bills_model = OpenBillsModel(self)
        self.bills_model.dataChanged.connect(self._on_bills_changed)
        self.bills_view = QTableView()
        self.bills_view.setObjectName("openBillsView")
        self.bills_view.setModel(self.bills_model)
        self.bills_view.verticalHeader().setVisible(False)
        self.bills_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.bills_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.bills_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.bills_view.selectionModel().currentRowChanged.connect(self._on_bill_selected)
        layout.addWidget(self.bills_view, 1)

        preview_row = QHBoxLayout()
        self.preview_label = QLabel()
        self.preview_label.setObjectName("previewLabel")
        self.preview_label.setWordWrap(True)
        preview_row.addWidget(self.preview_label, 1)
        self.waive_button = QPushButton(self.tr("Waive late fee…"))
        self.waive_button.setObjectName("waiveButton")
        self.waive_button.setToolTip(self.tr("Waive (part of) the selected bill's late fee, with a reason (manager)"))
        self.waive_button.clicked.connect(self.waive_selected)
        self.waive_button.setVisible(self._user.can(Permission.WAIVE_LATE_FEE))
        self.waive_button.setEnabled(False)
        preview_row.addWidget(self.waive_button)
        layout.addLayout(preview_row)
        self.general_error = error_label("generalError")
        layout.addWidget(self.general_error)
        return page

    # loading
    def load(self) -> None:
        """(Re)read the room's open bills, late fees and payers in the background."""
        self._runner.submit(
            ledger_service.payment_context, room_id=self._room_id, today=self._today,
            on_result=self._on_loaded, on_error=self._on_load_failed,
        )

    def _on_loaded(self, ctx: PaymentContext) -> None:
        ticked = set(self.bills_model.checked_ids())
        self.context = ctx
        self.room_label.setText(f"{ctx.estate_name}  {ctx.room_code}")
        split = split_owed(((b.outstanding_fen, b.due_date) for b in ctx.bills), self._today)
        owed = "    ".join((  # the three words used everywhere: 欠费, 未到期, 应缴合计
            self.tr("Arrears: {amount}").format(amount=format_money(split.arrears_fen)),
            self.tr("Not yet due: {amount}").format(amount=format_money(split.not_yet_due_fen)),
            self.tr("Total owed: {amount}").format(amount=format_money(split.total_fen)),
        ))
        if ctx.late_fee_due_fen:
            owed += "    " + self.tr("Late fees due: {amount}").format(amount=format_money(ctx.late_fee_due_fen))
            if ctx.settled_late_fee_fen:
                owed += self.tr(" (of them {amount} on bills already paid)").format(
                    amount=format_money(ctx.settled_late_fee_fen))
        if ctx.credit_fen:
            owed += "    " + self.tr("Prepaid credit: {amount}").format(amount=format_money(ctx.credit_fen))
        self.owed_label.setText(owed)
        current_payer = self.payer_combo.currentData()
        self.payer_combo.clear()
        for person in ctx.payers:
            role = label(PERSON_ROLE_LABELS, person.role)
            self.payer_combo.addItem(f"{person.name}（{role}）", person.person_id)
        self.payer_combo.addItem(self.tr("someone else / not recorded"), None)
        if current_payer is not None:
            self.payer_combo.setCurrentIndex(max(0, self.payer_combo.findData(current_payer)))
        had_fees = self.late_fee_check.isVisible()
        self.late_fee_check.setVisible(ctx.late_fee_due_fen > 0)
        if ctx.late_fee_due_fen > 0 and not had_fees:
            self.late_fee_check.setChecked(True)  # the contract's fee is collected unless the clerk unticks it
        self.bills_model.set_rows(ctx.bills)
        for bill_id in ticked:
            self.bills_model.set_checked(bill_id, True)
        self.confirm_button.setEnabled(True)
        self._update_preview()
        self.amount_edit.setFocus()

    def _on_load_failed(self, exc: BaseException) -> None:
        set_inline(self.general_error, error_message(exc))

    # input
    def amount_fen(self) -> int | None:
        """The typed amount in fen, or None when empty or invalid (the reason is shown)."""
        text = self.amount_edit.text().strip()
        if not text:
            return None
        try:
            fen = parse_money(text).fen
        except ValidationError as exc:
            set_inline(self.amount_error, error_message(exc))
            return None
        if fen <= 0:
            set_inline(self.amount_error, error_message(ValidationError("payment.amount_not_positive")))
            return None
        set_inline(self.amount_error, "")
        return fen

    def chosen_bill_ids(self) -> list[int] | None:
        """The ticked bills, or None for "oldest first"."""
        ids = self.bills_model.checked_ids()
        return ids or None

    def _bills(self) -> list[PaymentBill]:
        return list(self.context.bills) if self.context else []

    def _late_fees(self) -> dict[int, int] | None:
        if not self.late_fee_check.isVisible() or not self.late_fee_check.isChecked():
            return None
        return {b.bill_id: b.late_fee_due_fen for b in self._bills() if b.late_fee_due_fen}

    def fill_everything(self) -> None:
        """Type the total owed by the ticked bills (or all), with their late fees when collected."""
        chosen = set(self.bills_model.checked_ids())
        bills = [b for b in self._bills() if not chosen or b.bill_id in chosen]
        total = sum(b.outstanding_fen for b in bills)
        if self._late_fees():
            total += sum(b.late_fee_due_fen for b in bills)
        self.amount_edit.setText(format_money(total, symbol=False))
        self._on_input_changed()

    def _on_input_changed(self, *_args) -> None:
        set_inline(self.general_error, "")
        self._update_preview()

    def _on_bills_changed(self, _tl, _br, roles=()) -> None:
        if Qt.ItemDataRole.CheckStateRole in roles:
            self._on_input_changed()

    def _on_bill_selected(self, current, _previous) -> None:
        bill = self.bills_model.data(current, RowRole) if current.isValid() else None
        self.waive_button.setEnabled(bool(bill and bill.late_fee_due_fen))

    def _update_preview(self) -> None:
        self.plan = None
        fen = self.amount_fen()
        if fen is None or self.context is None:
            self.bills_model.set_preview({}, {})
            self.preview_label.setText(self.tr("Type the amount received to see where it goes."))
            return
        try:
            fees = self._late_fees()  # settled bills are offered only for their late fee
            plan = payments.plan_payment(
                fen, [b.open_bill() for b in self._bills() if fees is not None or b.outstanding_fen > 0],
                chosen_bill_ids=self.chosen_bill_ids(), late_fees=fees,
            )
        except DomainError as exc:
            self.bills_model.set_preview({}, {})
            self.preview_label.setText("")
            set_inline(self.general_error, error_message(exc))
            return
        self.plan = plan
        pays = dict(plan.lines)
        self.bills_model.set_preview(pays, dict(plan.late_fee_lines))
        outstanding = {b.bill_id: b.outstanding_fen for b in self._bills()}
        settled = sum(1 for bill_id, f in plan.lines if f >= outstanding.get(bill_id, 0))
        parts = [self.tr("Pays {count} bill(s) with {amount}").format(
            count=len(plan.lines), amount=format_money(sum(pays.values())))]
        if settled < len(plan.lines):
            parts.append(self.tr("{count} of them in part").format(count=len(plan.lines) - settled))
        if plan.late_fee_fen:
            parts.append(self.tr("late fees {amount}").format(amount=format_money(plan.late_fee_fen)))
            settled_before = sum(fen for bill_id, fen in plan.late_fee_lines if outstanding.get(bill_id, 0) <= 0)
            if settled_before:
                parts.append(self.tr("{amount} of them on bills already paid").format(
                    amount=format_money(settled_before)))
        if plan.credit_fen:
            parts.append(self.tr("{amount} becomes prepaid credit").format(amount=format_money(plan.credit_fen)))
        # Separators are translated too: Chinese uses "；" and "。".
        self.preview_label.setText(self.tr("; ").join(parts) + self.tr("."))

    # saving
    def submit(self) -> None:
        """Validate and record the payment in the background; keep everything on failure."""
        if self._saving or self.context is None:
            return
        fen = self.amount_fen()
        if fen is None:
            if not self.amount_edit.text().strip():
                set_inline(self.amount_error, self.tr("Enter the amount received."))
            self.amount_edit.setFocus()
            return
        if self.plan is None:
            return
        if needs_backdate_reason(self.paid_on(), self._today) and not self.backdate_edit.text().strip():
            set_inline(self.backdate_error, self.tr("Dated {days} days back: give the reason for the late entry.").format(
                days=days_back(self.paid_on(), self._today)))
            self.backdate_edit.setFocus()
            return
        confirmed = False
        if is_large_payment(fen, self.context.large_limit_fen):
            if not self.confirm_large(fen, self.context.large_limit_fen):
                self.amount_edit.setFocus()
                self.amount_edit.selectAll()
                return
            confirmed = True
        self._record(fen, confirmed)

    def paid_on(self) -> date:
        """The payment date chosen."""
        paid = self.paid_on_edit.date()
        return date(paid.year(), paid.month(), paid.day())

    def _on_date_changed(self, *_args) -> None:
        backdated = needs_backdate_reason(self.paid_on(), self._today)
        self.backdate_edit.setVisible(backdated)
        self.backdate_label.setVisible(backdated)
        if backdated:
            self.backdate_label.setToolTip(self.tr("More than {n} days back: the reason is kept in the audit log.").format(
                n=BACKDATE_DAYS))
        else:
            set_inline(self.backdate_error, "")

    def confirm_large(self, fen: int, limit_fen: int) -> bool:
        """Ask before booking far more than the room owes; the amount is read back in capitals. The safe
        answer (go back and correct it) is the default, so Enter never confirms."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Check the amount"), self.tr(
            "{amount} ({words}) is far more than this room owes now plus a year of its bills ({limit}).\n\n"
            "Take exactly this amount?").format(amount=format_money(fen), words=amount_in_words(fen),
                                                limit=format_money(limit_fen)), parent=self)
        box.setObjectName("confirmLargePayment")
        take = box.addButton(self.tr("Yes, take {amount}").format(amount=format_money(fen)),
                             QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("No, correct the amount"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        self.large_box = box
        box.exec()
        return box.clickedButton() is take

    def _record(self, fen: int, confirmed_large: bool) -> None:
        self._saving = True
        self.confirm_button.setEnabled(False)
        set_inline(self.general_error, "")
        self._runner.submit(
            payments.record_payment, actor=self._user, room_id=self._room_id, amount_fen=fen,
            paid_on=self.paid_on(),
            method=PaymentMethod(self.method_combo.currentData()), chosen_bill_ids=self.chosen_bill_ids(),
            payer_person_id=self.payer_combo.currentData(), reference=self.reference_edit.text().strip(),
            today=self._today, collect_late_fees=self._late_fees() is not None,
            backdate_reason=self.backdate_edit.text().strip(), confirmed_large=confirmed_large,
            on_result=self._on_saved, on_error=self._on_save_failed,
        )

    def _on_save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.confirm_button.setEnabled(True)
        code = exc.code if isinstance(exc, DomainError) else ""
        if code == "payment.confirm_large":  # the room's bills changed since the dialog read them
            fen = exc.params.get("amount_fen", 0)
            if self.confirm_large(fen, exc.params.get("limit_fen", 0)):
                self._record(fen, True)
            return
        field = getattr(exc, "params", {}).get("field") if isinstance(exc, DomainError) else None
        if field == "backdate_reason":
            set_inline(self.backdate_error, error_message(exc))
            return
        set_inline(self.amount_error if field == "amount" else self.general_error, error_message(exc))

    def _on_saved(self, receipt) -> None:
        summary = self.tr("{amount} by {method} for {room}").format(
            amount=format_money(receipt.amount_fen), method=label(METHOD_LABELS, receipt.method),
            room=receipt.room_code)
        if receipt.credit_fen:
            summary += "\n" + self.tr("{amount} became prepaid credit").format(amount=format_money(receipt.credit_fen))
        self._show_receipt(
            receipt, title=self.tr("Payment recorded"), caption=self.tr("Receipt number"), summary=summary,
            writing=self.tr("Writing the receipt PDF…"), saved=self.tr("Receipt saved as {path}"),
            failed=self.tr("The payment is saved, but the receipt PDF could not be written: {reason}"),
        )

    # late-fee waiver (managers)
    def selected_bill(self) -> PaymentBill | None:
        """The bill selected in the table."""
        index = self.bills_view.currentIndex()
        return self.bills_model.data(index, RowRole) if index.isValid() else None

    def waive_selected(self) -> None:
        """Ask amount and reason, then waive that much of the selected bill's late fee."""
        bill = self.selected_bill()
        if bill is None or not bill.late_fee_due_fen or not self._user.can(Permission.WAIVE_LATE_FEE):
            return
        title = self.tr("Waive late fee")
        what = f"{period_text(bill.period)} {bill.fee_item}"
        text, ok = QInputDialog.getText(
            self, title, self.tr("Amount to waive on {bill} (due {amount}):").format(
                bill=what, amount=format_money(bill.late_fee_due_fen)),
            text=format_money(bill.late_fee_due_fen, symbol=False))
        if not ok:
            return
        reason, ok = QInputDialog.getText(self, title, self.tr("Reason for the waiver:"))
        if not ok:
            return
        self.waive(bill.bill_id, text, reason)

    def waive(self, bill_id: int, amount_text: str, reason: str) -> None:
        """Waive ``amount_text`` of the late fee of ``bill_id`` with ``reason`` (background), then reload."""
        try:
            fen = parse_money(amount_text).fen
        except ValidationError as exc:
            set_inline(self.general_error, error_message(exc))
            return
        self._runner.submit(
            late_fee_service.waive_late_fee, actor=self._user, bill_id=bill_id, amount_fen=fen, reason=reason,
            on_result=lambda _rest: self.load(), on_error=lambda exc: set_inline(self.general_error, error_message(exc)),
        )
