"""Table models of the room ledger and the payment dialog (over frozen service rows).

Each model has a ``Column`` IntEnum (the grid's columns after the first are the fee
items), ``set_rows`` with a model reset, formatted DisplayRole, raw SortRole and a
RowRole with the dataclass.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from cuijiao_desktop.domain.ageing import AgeBucket
from cuijiao_desktop.domain.enums import (
    PaymentKind,
    PaymentMethod,
    Stage,
)
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.services.room_ledger import (
    CellStatus,
    LedgerCell,
    LedgerPayment,
    LedgerPaymentLine,
    LedgerRow,
    PaymentBill,
    TimelineEntry,
    TimelineKind,
)
from cuijiao_desktop.views.labels import BUCKET_LABELS, Labels, label
from cuijiao_desktop.views.models.base import (
    ALIGN_RIGHT,
    Index,
    RowRole,
    RowTableModel,
    SortRole,
    period_text,
)

_CTX = "ledger"
CellRole = Qt.ItemDataRole.UserRole + 3  # grid: the LedgerCell of a fee-item column

METHOD_LABELS = Labels("ledger", {
    PaymentMethod.CASH: QT_TRANSLATE_NOOP("ledger", "Cash"),
    PaymentMethod.CARD: QT_TRANSLATE_NOOP("ledger", "Card (POS)"),
    PaymentMethod.WECHAT: QT_TRANSLATE_NOOP("ledger", "WeChat Pay"),
    PaymentMethod.ALIPAY: QT_TRANSLATE_NOOP("ledger", "Alipay"),
    PaymentMethod.BANK_TRANSFER: QT_TRANSLATE_NOOP("ledger", "Bank transfer"),
    PaymentMethod.DIRECT_DEBIT: QT_TRANSLATE_NOOP("ledger", "Direct debit"),
    PaymentMethod.CREDIT: QT_TRANSLATE_NOOP("ledger", "Prepaid credit"),
    PaymentMethod.HISTORIC: QT_TRANSLATE_NOOP("ledger", "Imported history"),
})
PAYMENT_KIND_LABELS = Labels("ledger", {
    PaymentKind.PAYMENT: QT_TRANSLATE_NOOP("ledger", "Payment"),
    PaymentKind.REVERSAL: QT_TRANSLATE_NOOP("ledger", "Reversal"),
})
#: The stage in the ledger's header: its own words for two stages (诉讼, 核销) where the arrears
#: and cases pages say views.labels.STAGE_LABELS (诉讼 / 仲裁, 已核销).
LEDGER_STAGE_LABELS = Labels("ledger", {
    Stage.PREPARATION: QT_TRANSLATE_NOOP("ledger", "Preparation"),
    Stage.REMINDER: QT_TRANSLATE_NOOP("ledger", "Friendly reminder"),
    Stage.PHONE: QT_TRANSLATE_NOOP("ledger", "Phone collection"),
    Stage.WRITTEN_NOTICE: QT_TRANSLATE_NOOP("ledger", "Written notice"),
    Stage.VISIT: QT_TRANSLATE_NOOP("ledger", "Home visit"),
    Stage.PUBLIC_BOARD: QT_TRANSLATE_NOOP("ledger", "Public board"),
    Stage.COMMITTEE: QT_TRANSLATE_NOOP("ledger", "Owners' committee"),
    Stage.LAWYER_LETTER: QT_TRANSLATE_NOOP("ledger", "Lawyer letter"),
    Stage.LITIGATION: QT_TRANSLATE_NOOP("ledger", "Lawsuit"),
    Stage.WRITE_OFF: QT_TRANSLATE_NOOP("ledger", "Write-off"),
})
CELL_STATUS_LABELS = Labels("ledger", {
    CellStatus.PAID: QT_TRANSLATE_NOOP("ledger", "Paid"),
    CellStatus.PART_PAID: QT_TRANSLATE_NOOP("ledger", "Part paid"),
    CellStatus.NOT_DUE: QT_TRANSLATE_NOOP("ledger", "Not yet due"),
    CellStatus.OVERDUE: QT_TRANSLATE_NOOP("ledger", "Overdue"),
})
TIMELINE_LABELS = Labels("ledger", {
    TimelineKind.CONTACT: QT_TRANSLATE_NOOP("ledger", "Contact"),
    TimelineKind.NOTICE: QT_TRANSLATE_NOOP("ledger", "Notice"),
    TimelineKind.VISIT: QT_TRANSLATE_NOOP("ledger", "Visit"),
    TimelineKind.PROMISE: QT_TRANSLATE_NOOP("ledger", "Promise"),
    TimelineKind.INSTALMENT: QT_TRANSLATE_NOOP("ledger", "Instalments"),
    TimelineKind.EXTENSION: QT_TRANSLATE_NOOP("ledger", "Extension"),
    TimelineKind.ISSUE: QT_TRANSLATE_NOOP("ledger", "Service issue"),
    TimelineKind.HOLD: QT_TRANSLATE_NOOP("ledger", "Collection on hold"),
    TimelineKind.CASE: QT_TRANSLATE_NOOP("ledger", "Case"),
})


#: Cell colours: background, text.
PAID_COLOURS = ("#DDF2E3", "#1E5631")
NOT_DUE_COLOURS = ("#E6ECF4", "#33475B")
BUCKET_COLOURS: dict[AgeBucket, tuple[str, str]] = {
    AgeBucket.M1: ("#FFF3C4", "#5C4400"),
    AgeBucket.M2: ("#FFE2A1", "#5C3A00"),
    AgeBucket.M3: ("#FFCB85", "#5C2C00"),
    AgeBucket.M3_6: ("#FFAE80", "#4F1A00"),
    AgeBucket.M6_12: ("#F78A7B", "#3D0A00"),
    AgeBucket.M12_24: ("#E05D63", "#FFFFFF"),
    AgeBucket.M24_36: ("#BF3A4A", "#FFFFFF"),
    AgeBucket.OVER_36: ("#8A1F33", "#FFFFFF"),
}


def cell_colours(cell: LedgerCell) -> tuple[str, str]:
    """Background and text colour of a grid cell (see the legend on the page)."""
    if cell.status is CellStatus.PAID:
        return PAID_COLOURS
    if cell.bucket is None:
        return NOT_DUE_COLOURS
    return BUCKET_COLOURS[cell.bucket]


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


class _Model(RowTableModel):
    """The ledger's models: headers translated in the "ledger" context."""

    CONTEXT = _CTX


class LedgerGridModel(_Model):
    """Rows = billing periods (newest first), columns = period, then one per fee item."""

    class Column(IntEnum):
        PERIOD = 0
        FIRST_ITEM = 1  # fee items follow from here

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[tuple[int, str]] = []
        self._today: date | None = None

    def set_rows(self, rows: Sequence[LedgerRow], fee_items: Sequence[tuple[int, str]] = (),  # type: ignore[override]
                 today: date | None = None) -> None:
        """Show ``rows`` with one column per fee item of ``fee_items``."""
        self.beginResetModel()
        self._rows = list(rows)
        self._items = list(fee_items)
        self._today = today
        self.endResetModel()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self._items)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        if section == self.Column.PERIOD:
            return _tr(QT_TRANSLATE_NOOP("ledger", "Period"))
        if 0 < section <= len(self._items):
            return self._items[section - 1][1]
        return None

    def cell(self, index: Index) -> LedgerCell | None:
        """The bill at ``index`` (None for the period column or an empty cell)."""
        if not index.isValid() or index.column() == self.Column.PERIOD:
            return None
        row: LedgerRow = self._rows[index.row()]
        return row.cells[index.column() - 1]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: LedgerRow | None = self.row_of(index)
        if row is None:
            return None
        if role == RowRole:
            return row
        if index.column() == self.Column.PERIOD:
            if role == Qt.ItemDataRole.DisplayRole:
                return period_text(row.period)
            if role == SortRole:
                return row.period
            return None
        cell = row.cells[index.column() - 1]
        if role == CellRole:
            return cell
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            due = cell.amount_fen - cell.discount_fen
            text = format_money(due, symbol=False)
            if cell.status is CellStatus.PART_PAID:
                text += "  " + _tr(QT_TRANSLATE_NOOP("ledger", "owes {amount}")).format(
                    amount=format_money(cell.outstanding_fen, symbol=False))
            return text
        if role == SortRole:
            return cell.outstanding_fen
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(cell_colours(cell)[0]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(cell_colours(cell)[1]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(cell)
        return None

    def _tooltip(self, c: LedgerCell) -> str:
        status = label(CELL_STATUS_LABELS, c.status)
        if c.bucket is not None:
            status += f" · {label(BUCKET_LABELS, c.bucket)}"
        parts = [
            f"<b>{period_text(c.period)} {c.fee_item}</b> — {status}",
            _tr(QT_TRANSLATE_NOOP("ledger", "Billed: {amount}")).format(amount=format_money(c.amount_fen)),
        ]
        if c.basis_note:
            parts.append(_tr(QT_TRANSLATE_NOOP("ledger", "Basis: {note}")).format(note=c.basis_note))
        if c.discount_fen:
            parts.append(_tr(QT_TRANSLATE_NOOP("ledger", "Discount: {amount}")).format(
                amount=format_money(c.discount_fen)))
        if c.waived_fen:
            parts.append(_tr(QT_TRANSLATE_NOOP("ledger", "Waived: {amount}")).format(amount=format_money(c.waived_fen)))
        parts.append(_tr(QT_TRANSLATE_NOOP("ledger", "Paid: {amount}")).format(amount=format_money(c.paid_fen)))
        parts.append(_tr(QT_TRANSLATE_NOOP("ledger", "Still owed: {amount}")).format(
            amount=format_money(c.outstanding_fen)))
        parts.append(_tr(QT_TRANSLATE_NOOP("ledger", "Due date: {date}")).format(date=c.due_date.isoformat()))
        if c.late_fee_due_fen:
            parts.append(_tr(QT_TRANSLATE_NOOP("ledger", "Late fee due: {amount}")).format(
                amount=format_money(c.late_fee_due_fen)))
        return "<br>".join(parts)


class PaymentsModel(_Model):
    """Payments and reversals of the room, newest first."""

    class Column(IntEnum):
        RECEIPT_NO = 0
        PAID_ON = 1
        KIND = 2
        METHOD = 3
        AMOUNT = 4
        PAYER = 5
        OPERATOR = 6
        STATUS = 7

    HEADERS = (
        QT_TRANSLATE_NOOP("ledger", "Receipt no."), QT_TRANSLATE_NOOP("ledger", "Date"),
        QT_TRANSLATE_NOOP("ledger", "Kind"), QT_TRANSLATE_NOOP("ledger", "Method"),
        QT_TRANSLATE_NOOP("ledger", "Amount"), QT_TRANSLATE_NOOP("ledger", "Payer"),
        QT_TRANSLATE_NOOP("ledger", "Operator"), QT_TRANSLATE_NOOP("ledger", "Reversal"),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        p: LedgerPayment | None = self.row_of(index)
        if p is None:
            return None
        col = index.column()
        C = self.Column
        if role == RowRole:
            return p
        if role == Qt.ItemDataRole.DisplayRole:
            if col == C.RECEIPT_NO:
                return p.receipt_no
            if col == C.PAID_ON:
                return p.paid_on.isoformat()
            if col == C.KIND:
                return label(PAYMENT_KIND_LABELS, p.kind)
            if col == C.METHOD:
                return label(METHOD_LABELS, p.method)
            if col == C.AMOUNT:
                return format_money(p.amount_fen)
            if col == C.PAYER:
                return p.payer
            if col == C.OPERATOR:
                return p.operator
            if col == C.STATUS:
                if p.kind is PaymentKind.REVERSAL:
                    return _tr(QT_TRANSLATE_NOOP("ledger", "reverses {no}")).format(no=p.reverses_no)
                if p.reversed_by_no:
                    return _tr(QT_TRANSLATE_NOOP("ledger", "reversed by {no}")).format(no=p.reversed_by_no)
                return ""
            return None
        if role == SortRole:
            return (p.receipt_no, p.paid_on.toordinal(), str(p.kind), str(p.method), p.amount_fen, p.payer,
                    p.operator, p.reversed_by_no or p.reverses_no)[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col == C.AMOUNT:
            return ALIGN_RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and (p.kind is PaymentKind.REVERSAL or p.reversed_by_no):
            return QBrush(QColor("#A33A3A" if p.kind is PaymentKind.REVERSAL else "#8592A0"))
        if role == Qt.ItemDataRole.ToolTipRole and p.note:
            return p.note
        return None


class PaymentLinesModel(_Model):
    """Allocation lines of one payment: period, fee item, principal, late fee."""

    class Column(IntEnum):
        PERIOD = 0
        ITEM = 1
        AMOUNT = 2
        LATE_FEE = 3

    HEADERS = (
        QT_TRANSLATE_NOOP("ledger", "Period"), QT_TRANSLATE_NOOP("ledger", "Fee item"),
        QT_TRANSLATE_NOOP("ledger", "Amount"), QT_TRANSLATE_NOOP("ledger", "Late fee"),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line: LedgerPaymentLine | None = self.row_of(index)
        if line is None:
            return None
        col = index.column()
        if role == RowRole:
            return line
        if role == Qt.ItemDataRole.DisplayRole:
            return (period_text(line.period), line.fee_item, format_money(line.amount_fen),
                    format_money(line.late_fee_fen) if line.late_fee_fen else "")[col]
        if role == SortRole:
            return (line.period, line.fee_item, line.amount_fen, line.late_fee_fen)[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= self.Column.AMOUNT:
            return ALIGN_RIGHT
        return None


class TimelineModel(_Model):
    """Collection history newest first: when, kind, what, detail, by whom."""

    class Column(IntEnum):
        WHEN = 0
        KIND = 1
        TITLE = 2
        DETAIL = 3
        BY = 4

    HEADERS = (
        QT_TRANSLATE_NOOP("ledger", "When"), QT_TRANSLATE_NOOP("ledger", "Kind"),
        QT_TRANSLATE_NOOP("ledger", "What"), QT_TRANSLATE_NOOP("ledger", "Details"),
        QT_TRANSLATE_NOOP("ledger", "By"),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        t: TimelineEntry | None = self.row_of(index)
        if t is None:
            return None
        col = index.column()
        if role == RowRole:
            return t
        if role == Qt.ItemDataRole.DisplayRole:
            when = t.when.strftime("%Y-%m-%d") if (t.when.hour, t.when.minute) == (0, 0) \
                else t.when.strftime("%Y-%m-%d %H:%M")
            return (when, label(TIMELINE_LABELS, t.kind), t.title, t.detail, t.by)[col]
        if role == SortRole:
            return (t.when.timestamp(), str(t.kind), t.title, t.detail, t.by)[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == self.Column.DETAIL and t.detail:
            return t.detail
        return None


class OpenBillsModel(_Model):
    """Open bills in the payment dialog, oldest first, with a check box to pay chosen bills,
    and the allocation preview (what this payment gives each bill)."""

    class Column(IntEnum):
        PERIOD = 0
        ITEM = 1
        OUTSTANDING = 2
        LATE_FEE = 3
        PAYS = 4
        PAYS_LATE_FEE = 5

    HEADERS = (
        QT_TRANSLATE_NOOP("ledger", "Period"), QT_TRANSLATE_NOOP("ledger", "Fee item"),
        QT_TRANSLATE_NOOP("ledger", "Owed"), QT_TRANSLATE_NOOP("ledger", "Late fee due"),
        QT_TRANSLATE_NOOP("ledger", "This payment"), QT_TRANSLATE_NOOP("ledger", "Late fee paid"),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._checked: set[int] = set()
        self._pays: dict[int, int] = {}
        self._pays_late: dict[int, int] = {}

    def set_rows(self, rows: Sequence[PaymentBill]) -> None:  # type: ignore[override]
        """Show the open bills; ticks and preview are cleared."""
        self.beginResetModel()
        self._rows = list(rows)
        self._checked = set()
        self._pays, self._pays_late = {}, {}
        self.endResetModel()

    def checked_ids(self) -> list[int]:
        """Ids of the ticked bills, oldest first."""
        return [b.bill_id for b in self._rows if b.bill_id in self._checked]

    def set_checked(self, bill_id: int, checked: bool) -> None:
        """Tick or untick a bill."""
        for row, b in enumerate(self._rows):
            if b.bill_id == bill_id:
                (self._checked.add if checked else self._checked.discard)(bill_id)
                idx = self.index(row, self.Column.PERIOD)
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.CheckStateRole])
                return

    def set_preview(self, pays: dict[int, int], pays_late: dict[int, int]) -> None:
        """Show what a payment would give each bill (principal and late fee)."""
        self._pays, self._pays_late = dict(pays), dict(pays_late)
        if self._rows:
            self.dataChanged.emit(self.index(0, self.Column.PAYS),
                                  self.index(len(self._rows) - 1, self.Column.PAYS_LATE_FEE))

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.Column.PERIOD:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.Column.PERIOD or role != Qt.ItemDataRole.CheckStateRole:
            return False
        bill: PaymentBill = self._rows[index.row()]
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        (self._checked.add if checked else self._checked.discard)(bill.bill_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        b: PaymentBill | None = self.row_of(index)
        if b is None:
            return None
        col = index.column()
        C = self.Column
        if role == RowRole:
            return b
        if role == Qt.ItemDataRole.CheckStateRole and col == C.PERIOD:
            return Qt.CheckState.Checked if b.bill_id in self._checked else Qt.CheckState.Unchecked
        pays = self._pays.get(b.bill_id, 0)
        late = self._pays_late.get(b.bill_id, 0)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == C.PERIOD:
                return period_text(b.period)
            if col == C.ITEM:
                return b.fee_item
            if col == C.OUTSTANDING:  # a settled bill is listed for its late fee
                return format_money(b.outstanding_fen) if b.outstanding_fen > 0 else _tr(
                    QT_TRANSLATE_NOOP("ledger", "settled"))
            if col == C.LATE_FEE:
                return format_money(b.late_fee_due_fen) if b.late_fee_due_fen else ""
            if col == C.PAYS:
                return format_money(pays) if pays else ""
            if col == C.PAYS_LATE_FEE:
                return format_money(late) if late else ""
            return None
        if role == SortRole:
            return (b.period, b.fee_item, b.outstanding_fen, b.late_fee_due_fen, pays, late)[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= C.OUTSTANDING:
            return ALIGN_RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and col >= C.PAYS and pays:
            full = pays >= b.outstanding_fen
            return QBrush(QColor("#DDF2E3" if full else "#FFF3C4"))
        return None
