"""Table models of the billing run (its preview by estate and fee item, its notes) and of a room's
prepaid credit (each movement and what it paid)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.office_time import office_now
from cuijiao_desktop.services.billing import BillingGroup, BillingNote, NoteKind
from cuijiao_desktop.services.room_ledger import CreditKind, LedgerCredit
from cuijiao_desktop.views.labels import Labels, label
from cuijiao_desktop.views.models.base import (
    ALIGN_RIGHT,
    Index,
    RowRole,
    RowTableModel,
    SortRole,
    period_text,
)

_CTX = "billing"

NOTE_LABELS = Labels("billing", {
    NoteKind.NO_READING: QT_TRANSLATE_NOOP("billing", "No meter reading for this month: not billed"),
    NoteKind.BAD_READING: QT_TRANSLATE_NOOP("billing", "Reading below the previous one: not billed"),
    NoteKind.NOT_DELIVERED: QT_TRANSLATE_NOOP("billing", "Handed over after this month: not billed"),
    NoteKind.NO_STANDARD: QT_TRANSLATE_NOOP("billing", "No fee standard applies: nothing billed"),
})

CREDIT_LABELS = Labels("billing", {
    CreditKind.DEPOSIT: QT_TRANSLATE_NOOP("billing", "Deposit"),
    CreditKind.SPENT: QT_TRANSLATE_NOOP("billing", "Spent on bills"),
    CreditKind.GIVEN_BACK: QT_TRANSLATE_NOOP("billing", "Spending reversed"),
    CreditKind.REVERSED: QT_TRANSLATE_NOOP("billing", "Deposit reversed"),
})


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def note_label(kind: str) -> str:
    """The translated sentence of a billing note."""
    return label(NOTE_LABELS, kind)


class BillingGroupsModel(RowTableModel):
    """The preview: per estate and fee item, the new bills, their amounts, and the bills already issued."""

    CONTEXT = _CTX

    class Column(IntEnum):
        ESTATE = 0
        ITEM = 1
        BILLS = 2
        AMOUNT = 3
        DISCOUNT = 4
        NET = 5
        EXISTING = 6

    HEADERS = (
        QT_TRANSLATE_NOOP("billing", "Estate"), QT_TRANSLATE_NOOP("billing", "Fee item"),
        QT_TRANSLATE_NOOP("billing", "New bills"), QT_TRANSLATE_NOOP("billing", "Billed"),
        QT_TRANSLATE_NOOP("billing", "Discounts"), QT_TRANSLATE_NOOP("billing", "To pay"),
        QT_TRANSLATE_NOOP("billing", "Already issued"),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        g: BillingGroup | None = self.row_of(index)
        if g is None:
            return None
        col = index.column()
        C = self.Column
        if role == RowRole:
            return g
        if role == Qt.ItemDataRole.DisplayRole:
            return (g.estate, g.fee_item, f"{g.bills:,}", format_money(g.amount_fen), format_money(g.discount_fen),
                    format_money(g.net_fen), f"{g.existing:,}")[col]
        if role == SortRole:
            return (g.estate, g.fee_item, g.bills, g.amount_fen, g.discount_fen, g.net_fen, g.existing)[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= C.BILLS:
            return ALIGN_RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and col == C.EXISTING and g.existing:
            return QBrush(QColor("#5F6B7A"))
        return None


class BillingNotesModel(RowTableModel):
    """Rooms the run does not bill for an item, and why."""

    CONTEXT = _CTX

    class Column(IntEnum):
        ESTATE = 0
        ROOM = 1
        ITEM = 2
        WHY = 3

    HEADERS = (
        QT_TRANSLATE_NOOP("billing", "Estate"), QT_TRANSLATE_NOOP("billing", "Room"),
        QT_TRANSLATE_NOOP("billing", "Fee item"), QT_TRANSLATE_NOOP("billing", "Why"),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        n: BillingNote | None = self.row_of(index)
        if n is None:
            return None
        col = index.column()
        if role == RowRole:
            return n
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            why = note_label(n.kind) + (f"（{n.detail}）" if n.detail else "")
            return (n.estate, n.room_code, n.fee_item, why)[col]
        return None


class CreditModel(RowTableModel):
    """A room's prepaid credit, newest first: each deposit, spending and reversal, the balance after it."""

    CONTEXT = _CTX

    class Column(IntEnum):
        WHEN = 0
        KIND = 1
        AMOUNT = 2
        BALANCE = 3
        RECEIPT = 4
        DETAIL = 5

    HEADERS = (
        QT_TRANSLATE_NOOP("billing", "When"), QT_TRANSLATE_NOOP("billing", "Kind"),
        QT_TRANSLATE_NOOP("billing", "Amount"), QT_TRANSLATE_NOOP("billing", "Balance"),
        QT_TRANSLATE_NOOP("billing", "Voucher no."), QT_TRANSLATE_NOOP("billing", "Details"),
    )

    @staticmethod
    def detail(c: LedgerCredit) -> str:
        """What the movement did, in words: the bills a spending paid, the deposit a movement belongs to."""
        parts = []
        if c.kind is CreditKind.SPENT and c.lines:
            paid = "、".join(f"{period_text(x.period)} {x.fee_item} {format_money(x.amount_fen)}" for x in c.lines)
            parts.append(_tr(QT_TRANSLATE_NOOP("billing", "paid {bills}")).format(bills=paid))
        if c.deposit_no:
            parts.append(_tr(QT_TRANSLATE_NOOP("billing", "from the deposit of {no}")).format(no=c.deposit_no))
        if c.kind is CreditKind.DEPOSIT and c.left_fen is not None:
            parts.append(_tr(QT_TRANSLATE_NOOP("billing", "{amount} of it left")).format(
                amount=format_money(c.left_fen)))
        return _tr(QT_TRANSLATE_NOOP("billing", "; ")).join(parts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        c: LedgerCredit | None = self.row_of(index)
        if c is None:
            return None
        col = index.column()
        C = self.Column
        if role == RowRole:
            return c
        if role == Qt.ItemDataRole.DisplayRole:
            when = office_now(c.created_at).strftime("%Y-%m-%d %H:%M")
            return (when, label(CREDIT_LABELS, c.kind), format_money(c.amount_fen),
                    format_money(c.balance_fen), c.receipt_no, self.detail(c))[col]
        if role == SortRole:
            return (c.created_at.timestamp(), str(c.kind), c.amount_fen, c.balance_fen, c.receipt_no,
                    self.detail(c))[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (C.AMOUNT, C.BALANCE):
            return ALIGN_RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and col == C.AMOUNT:
            return QBrush(QColor("#1E5631" if c.amount_fen > 0 else "#A33A3A"))
        if role == Qt.ItemDataRole.ToolTipRole and col == C.DETAIL:
            return self.detail(c) or None
        return None
