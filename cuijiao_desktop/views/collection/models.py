"""Table models of the collection work: today's work, the contact log, the promises."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont

from cuijiao_desktop.domain.enums import PromiseStatus
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.services.contact_log import ContactLogRow, PromiseRow
from cuijiao_desktop.services.contacts import overridden_text
from cuijiao_desktop.services.worklist import WorkItem
from cuijiao_desktop.views.labels import (
    ANSWERED_LABELS,
    CHANNEL_LABELS,
    OUTCOME_LABELS,
    PROMISE_LABELS,
    REASON_LABELS,
    WORK_LABELS,
    label,
)
from cuijiao_desktop.views.models.base import ALIGN_RIGHT, Index, RowRole, RowTableModel, SortRole, day_text

_CENTER = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
_RED = QColor("#B3261E")
_GREEN = QColor("#1E7B34")
_AMBER = QColor("#8A5A00")
_MUTED = QColor("#8592A0")

STATE_COLOURS = {PromiseStatus.BROKEN: _RED, PromiseStatus.KEPT: _GREEN, PromiseStatus.DUE: _AMBER}


class WorkItemsModel(RowTableModel):
    """Today's work items (:class:`~cuijiao_desktop.services.worklist.WorkItem`)."""

    class Column(IntEnum):
        KIND = 0
        DUE = 1
        ESTATE = 2
        ROOM = 3
        OWNER = 4
        PHONE = 5
        AMOUNT = 6
        TITLE = 7
        DETAIL = 8
        RESPONSIBLE = 9

    CONTEXT = "collection"
    HEADERS: ClassVar[tuple] = (
        QT_TRANSLATE_NOOP("collection", "Kind"),
        QT_TRANSLATE_NOOP("collection", "Date"),
        QT_TRANSLATE_NOOP("collection", "Estate"),
        QT_TRANSLATE_NOOP("collection", "Room"),
        QT_TRANSLATE_NOOP("collection", "Owner"),
        QT_TRANSLATE_NOOP("collection", "Phone"),
        QT_TRANSLATE_NOOP("collection", "Amount"),
        QT_TRANSLATE_NOOP("collection", "What to do"),
        QT_TRANSLATE_NOOP("collection", "Details"),
        QT_TRANSLATE_NOOP("collection", "Responsible"),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.today: date | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item: WorkItem | None = self.row_of(index)
        if item is None:
            return None
        col = index.column()
        c = self.Column
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                c.KIND: label(WORK_LABELS, item.kind), c.DUE: day_text(item.due_on), c.ESTATE: item.estate,
                c.ROOM: item.room_code, c.OWNER: item.owner, c.PHONE: item.phone_masked,
                c.AMOUNT: format_money(item.amount_fen) if item.amount_fen else "", c.TITLE: item.title,
                c.DETAIL: item.detail, c.RESPONSIBLE: item.responsible,
            }.get(col)
        if role == SortRole:
            return {c.DUE: item.due_on, c.AMOUNT: item.amount_fen}.get(col, self.data(index))
        if role == RowRole:
            return item
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_RIGHT if col == c.AMOUNT else (_CENTER if col in (c.DUE, c.PHONE) else None)
        if role == Qt.ItemDataRole.ForegroundRole and col == c.DUE and item.overdue_days > 0:
            return _RED
        if role == Qt.ItemDataRole.FontRole and col == c.TITLE:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and col in (c.TITLE, c.DETAIL):
            return f"{item.title}\n{item.detail}"
        return None


class ContactLogModel(RowTableModel):
    """One page of the contact log (:class:`~cuijiao_desktop.services.contact_log.ContactLogRow`)."""

    class Column(IntEnum):
        WHEN = 0
        ESTATE = 1
        ROOM = 2
        PERSON = 3
        CHANNEL = 4
        NUMBER = 5
        ANSWERED = 6
        OUTCOME = 7
        REASON = 8
        PROMISE = 9
        PROMISE_STATE = 10
        FOLLOW_UP = 11
        USER = 12
        NOTE = 13

    CONTEXT = "collection"
    HEADERS: ClassVar[tuple] = (
        QT_TRANSLATE_NOOP("collection", "Time"),
        QT_TRANSLATE_NOOP("collection", "Estate"),
        QT_TRANSLATE_NOOP("collection", "Room"),
        QT_TRANSLATE_NOOP("collection", "Contact"),
        QT_TRANSLATE_NOOP("collection", "Channel"),
        QT_TRANSLATE_NOOP("collection", "Number"),
        QT_TRANSLATE_NOOP("collection", "Answered"),
        QT_TRANSLATE_NOOP("collection", "Outcome"),
        QT_TRANSLATE_NOOP("collection", "Reason"),
        QT_TRANSLATE_NOOP("collection", "Promise"),
        QT_TRANSLATE_NOOP("collection", "Promise state"),
        QT_TRANSLATE_NOOP("collection", "Next follow-up"),
        QT_TRANSLATE_NOOP("collection", "By"),
        QT_TRANSLATE_NOOP("collection", "Note"),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r: ContactLogRow | None = self.row_of(index)
        if r is None:
            return None
        col = index.column()
        c = self.Column
        if role == Qt.ItemDataRole.DisplayRole:
            if col == c.WHEN:
                return r.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M")
            if col == c.PROMISE:
                if not r.promise_date:
                    return ""
                return f"{day_text(r.promise_date)} {format_money(r.promise_amount_fen)}"
            if col == c.NOTE:
                complaint = QCoreApplication.translate("collection", "Complaint: {text}").format(text=r.complaint) \
                    if r.complaint else ""
                return "；".join(x for x in (r.note, complaint, overridden_text(r.overridden)) if x)
            return {
                c.ESTATE: r.estate, c.ROOM: r.room_code, c.PERSON: r.person,
                c.CHANNEL: label(CHANNEL_LABELS, r.channel), c.NUMBER: r.number_masked,
                c.ANSWERED: label(ANSWERED_LABELS, r.answered_by), c.OUTCOME: label(OUTCOME_LABELS, r.outcome),
                c.REASON: label(REASON_LABELS, r.reason),
                c.PROMISE_STATE: label(PROMISE_LABELS, r.promise_status),
                c.FOLLOW_UP: day_text(r.next_follow_up),
                c.USER: r.user,
            }.get(col)
        if role == RowRole:
            return r
        if role == Qt.ItemDataRole.ForegroundRole and col == c.PROMISE_STATE:
            return STATE_COLOURS.get(r.promise_status)
        if role == Qt.ItemDataRole.ForegroundRole and col == c.NOTE and r.overridden:
            return _AMBER
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (c.WHEN, c.NUMBER, c.FOLLOW_UP):
            return _CENTER
        if role == Qt.ItemDataRole.ToolTipRole and col == c.NOTE:
            return self.data(index)
        return None


class PromisesModel(RowTableModel):
    """Promises with their derived state (:class:`~cuijiao_desktop.services.contact_log.PromiseRow`)."""

    class Column(IntEnum):
        DUE = 0
        STATE = 1
        ESTATE = 2
        ROOM = 3
        OWNER = 4
        AMOUNT = 5
        PAID = 6
        MADE = 7
        MADE_BY = 8
        COLLECTOR = 9

    CONTEXT = "collection"
    HEADERS: ClassVar[tuple] = (
        QT_TRANSLATE_NOOP("collection", "Promised date"),
        QT_TRANSLATE_NOOP("collection", "State"),
        QT_TRANSLATE_NOOP("collection", "Estate"),
        QT_TRANSLATE_NOOP("collection", "Room"),
        QT_TRANSLATE_NOOP("collection", "Owner"),
        QT_TRANSLATE_NOOP("collection", "Promised"),
        QT_TRANSLATE_NOOP("collection", "Paid towards it"),
        QT_TRANSLATE_NOOP("collection", "Made on"),
        QT_TRANSLATE_NOOP("collection", "Recorded by"),
        QT_TRANSLATE_NOOP("collection", "Collector"),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r: PromiseRow | None = self.row_of(index)
        if r is None:
            return None
        p = r.state
        col = index.column()
        c = self.Column
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                c.DUE: day_text(p.due_date), c.STATE: label(PROMISE_LABELS, p.status), c.ESTATE: r.estate,
                c.ROOM: r.room_code, c.OWNER: r.owner, c.AMOUNT: format_money(p.amount_fen),
                c.PAID: format_money(p.paid_fen) if p.paid_fen else "", c.MADE: day_text(p.made_on),
                c.MADE_BY: r.made_by, c.COLLECTOR: r.collector,
            }.get(col)
        if role == RowRole:
            return r
        if role == Qt.ItemDataRole.ForegroundRole and col == c.STATE:
            return STATE_COLOURS.get(p.status, _MUTED if p.status is PromiseStatus.OPEN else None)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_RIGHT if col in (c.AMOUNT, c.PAID) else (_CENTER if col in (c.DUE, c.MADE, c.STATE) else None)
        return None
