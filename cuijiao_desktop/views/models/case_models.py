"""Table models of the cases work (案件, 问题跟进, 催缴流程) and the labels they show.

Each model is a :class:`ColumnsModel`: a list of frozen rows and, per column, a header, the
text shown, the raw value it sorts by and its alignment. ``sort()`` orders the Python list and
resets the model (no proxy: architecture rule 8).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont

from cuijiao_desktop.domain.enums import ApprovalStatus, Channel, IssueStatus
from cuijiao_desktop.domain.instalments import InstalmentState, PlanState
from cuijiao_desktop.domain.ladder import DueReason, PositionState, StepKind
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.rooms import natural_key
from cuijiao_desktop.views.labels import CATEGORY_LABELS, STAGE_LABELS, Labels, label
from cuijiao_desktop.views.models.base import (
    ALIGN_RIGHT,
    Index,
    RowRole,
    RowTableModel,
    SortRole,
    day_text,
    undated_last,
)

_CTX = "cases"

STATE_LABELS = Labels("cases", {
    PositionState.CLEARED: QT_TRANSLATE_NOOP("cases", "Cleared"),
    PositionState.DUE: QT_TRANSLATE_NOOP("cases", "Due"),
    PositionState.WAITING: QT_TRANSLATE_NOOP("cases", "Waiting"),
    PositionState.ON_HOLD: QT_TRANSLATE_NOOP("cases", "On hold"),
    PositionState.BELOW_MINIMUM: QT_TRANSLATE_NOOP("cases", "Below the next step's minimum"),
    PositionState.END: QT_TRANSLATE_NOOP("cases", "Ladder done"),
})
KIND_LABELS = Labels("cases", {
    StepKind.CALL: QT_TRANSLATE_NOOP("cases", "Call"),
    StepKind.MESSAGE: QT_TRANSLATE_NOOP("cases", "Message"),
    StepKind.NOTICE: QT_TRANSLATE_NOOP("cases", "Notice"),
    StepKind.VISIT: QT_TRANSLATE_NOOP("cases", "Visit"),
    StepKind.BOARD: QT_TRANSLATE_NOOP("cases", "Board"),
    StepKind.OTHER: QT_TRANSLATE_NOOP("cases", "Other"),
})
REASON_LABELS = Labels("cases", {
    DueReason.WAIT: QT_TRANSLATE_NOOP("cases", "the wait after the previous step"),
    DueReason.PROMISE: QT_TRANSLATE_NOOP("cases", "the day after the promised date"),
    DueReason.PROMISE_BROKEN: QT_TRANSLATE_NOOP("cases", "a promise was broken"),
    DueReason.INSTALMENT: QT_TRANSLATE_NOOP("cases", "the day after the next instalment"),
    DueReason.INSTALMENT_MISSED: QT_TRANSLATE_NOOP("cases", "an instalment was missed"),
    DueReason.HOLD: QT_TRANSLATE_NOOP("cases", "the end of a hold or extension"),
})
#: The channel of a ladder step (a NOTICE step is the notice board here; a logged contact's channel
#: is views.labels.CHANNEL_LABELS).
CHANNEL_LABELS = Labels("cases", {
    Channel.PHONE: QT_TRANSLATE_NOOP("cases", "Phone"),
    Channel.SMS: QT_TRANSLATE_NOOP("cases", "SMS"),
    Channel.WECHAT: QT_TRANSLATE_NOOP("cases", "WeChat"),
    Channel.EMAIL: QT_TRANSLATE_NOOP("cases", "E-mail"),
    Channel.LETTER: QT_TRANSLATE_NOOP("cases", "Letter"),
    Channel.REGISTERED_LETTER: QT_TRANSLATE_NOOP("cases", "Registered letter"),
    Channel.VISIT: QT_TRANSLATE_NOOP("cases", "Home visit"),
    Channel.NOTICE: QT_TRANSLATE_NOOP("cases", "Notice board"),
    Channel.DESK: QT_TRANSLATE_NOOP("cases", "At the desk"),
})
ISSUE_STATUS_LABELS = Labels("cases", {
    IssueStatus.OPEN: QT_TRANSLATE_NOOP("cases", "Open"),
    IssueStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("cases", "In progress"),
    IssueStatus.DONE: QT_TRANSLATE_NOOP("cases", "Done"),
    IssueStatus.CLOSED: QT_TRANSLATE_NOOP("cases", "Closed"),
})
PLAN_STATE_LABELS = Labels("cases", {
    PlanState.PENDING: QT_TRANSLATE_NOOP("cases", "Waiting for approval"),
    PlanState.ON_TRACK: QT_TRANSLATE_NOOP("cases", "On track"),
    PlanState.BEHIND: QT_TRANSLATE_NOOP("cases", "Behind"),
    PlanState.COMPLETED: QT_TRANSLATE_NOOP("cases", "Paid off"),
    PlanState.REJECTED: QT_TRANSLATE_NOOP("cases", "Rejected"),
    PlanState.CANCELLED: QT_TRANSLATE_NOOP("cases", "Cancelled"),
})
INSTALMENT_LABELS = Labels("cases", {
    InstalmentState.PAID: QT_TRANSLATE_NOOP("cases", "Paid"),
    InstalmentState.PART_PAID: QT_TRANSLATE_NOOP("cases", "Part paid"),
    InstalmentState.UPCOMING: QT_TRANSLATE_NOOP("cases", "Not yet due"),
    InstalmentState.DUE: QT_TRANSLATE_NOOP("cases", "Due today"),
    InstalmentState.OVERDUE: QT_TRANSLATE_NOOP("cases", "Overdue"),
})
APPROVAL_LABELS = Labels("cases", {
    ApprovalStatus.PENDING: QT_TRANSLATE_NOOP("cases", "Waiting for approval"),
    ApprovalStatus.APPROVED: QT_TRANSLATE_NOOP("cases", "Approved"),
    ApprovalStatus.REJECTED: QT_TRANSLATE_NOOP("cases", "Rejected"),
    ApprovalStatus.CANCELLED: QT_TRANSLATE_NOOP("cases", "Cancelled"),
    ApprovalStatus.COMPLETED: QT_TRANSLATE_NOOP("cases", "Completed"),
})
LINE_LABELS = Labels("cases", {
    "done": QT_TRANSLATE_NOOP("cases", "Done"),
    "skipped": QT_TRANSLATE_NOOP("cases", "Skipped"),
    "next": QT_TRANSLATE_NOOP("cases", "Next"),
    "ahead": QT_TRANSLATE_NOOP("cases", "Ahead"),
    "inactive": QT_TRANSLATE_NOOP("cases", "Not used"),
})
PAUSE_KIND_LABELS = Labels("cases", {
    "extension": QT_TRANSLATE_NOOP("cases", "Extension"),
    "hold": QT_TRANSLATE_NOOP("cases", "Collection on hold"),
})

#: Colours (background, text) of states that need attention.
ALERT = ("#FDECEA", "#8C1D18")
WARN = ("#FFF4E0", "#7A4A00")
GOOD = ("#E6F4EA", "#1E5631")
MUTED = "#8592A0"


def money(fen: int | None) -> str:
    return "" if fen is None else format_money(fen)






@dataclass(frozen=True)
class Col:
    """One column: header (a ``QT_TRANSLATE_NOOP("cases", …)`` source), text, sort key, right-aligned."""

    header: str
    text: Callable[[Any], str]
    key: Callable[[Any], Any] | None = None
    right: bool = False


class ColumnsModel(RowTableModel):
    """Rows shown through :class:`Col` descriptions; sortable in Python; colours per row."""

    CONTEXT = _CTX
    COLUMNS: ClassVar[Sequence[Col]] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def HEADERS(self) -> list[str]:
        return [c.header for c in self.COLUMNS]

    def set_rows(self, rows: Sequence[Any]) -> None:
        ordered = list(rows)
        column, order = self._sort
        if column >= 0:
            self._order(ordered, column, order)
        super().set_rows(ordered)

    def _order(self, rows: list[Any], column: int, order: Qt.SortOrder) -> None:
        col = self.COLUMNS[column]
        key = col.key or col.text
        rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self._sort = (column, order)
        rows = list(self._rows)
        self._order(rows, column, order)
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def colours(self, row: Any, column: int) -> tuple[str, str] | None:
        """(background, text) of a cell that needs attention; None for the default look."""
        return None

    def tooltip(self, row: Any, column: int) -> str | None:
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_of(index)
        if row is None:
            return None
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row)
        if role == RowRole:
            return row
        if role == SortRole:
            return (col.key or col.text)(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.right:
            return ALIGN_RIGHT
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colours = self.colours(row, index.column())
            if colours is not None:
                return QColor(colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column())
        return None


def _room_key(r: Any) -> tuple:
    return (natural_key(r.estate), *(natural_key(part) for part in r.room_code.split("-")))


class CasesModel(ColumnsModel):
    """The cases list: room, owner, debt, stage, next step and its date, collector, flags."""

    COLUMNS = (
        Col(QT_TRANSLATE_NOOP("cases", "Estate"), lambda r: r.estate, _room_key),
        Col(QT_TRANSLATE_NOOP("cases", "Room"), lambda r: r.room_code, _room_key),
        Col(QT_TRANSLATE_NOOP("cases", "Owner"), lambda r: r.owner),
        Col(QT_TRANSLATE_NOOP("cases", "Arrears"), lambda r: money(r.arrears_fen), lambda r: r.arrears_fen, True),
        Col(QT_TRANSLATE_NOOP("cases", "Months"), lambda r: str(r.months) if r.months else "", lambda r: r.months,
            True),
        Col(QT_TRANSLATE_NOOP("cases", "Stage"), lambda r: label(STAGE_LABELS, r.stage),
            lambda r: int(r.stage)),
        Col(QT_TRANSLATE_NOOP("cases", "Next step"), lambda r: r.next_step),
        Col(QT_TRANSLATE_NOOP("cases", "Due on"), lambda r: day_text(r.due_on),
            lambda r: undated_last(r.due_on)),
        Col(QT_TRANSLATE_NOOP("cases", "State"), lambda r: _state_text(r), lambda r: r.state.value),
        Col(QT_TRANSLATE_NOOP("cases", "Collector"), lambda r: r.collector or QCoreApplication.translate("cases", "(nobody)"), lambda r: r.collector),
        Col(QT_TRANSLATE_NOOP("cases", "Issues"), lambda r: str(r.open_issues) if r.open_issues else "",
            lambda r: r.open_issues, True),
        Col(QT_TRANSLATE_NOOP("cases", "Plan"), lambda r: label(PLAN_STATE_LABELS, r.plan_state),
            lambda r: r.plan_state.value if r.plan_state else ""),
        Col(QT_TRANSLATE_NOOP("cases", "Opened"), lambda r: day_text(r.opened_on), lambda r: r.opened_on),
    )
    STATE_COLUMN = 8
    DUE_COLUMN = 7
    PLAN_COLUMN = 11

    def colours(self, row: Any, column: int) -> tuple[str, str] | None:
        if column in (self.STATE_COLUMN, self.DUE_COLUMN):
            if row.state is PositionState.DUE:
                return ALERT if row.overdue_days > 0 else WARN
            if row.state is PositionState.ON_HOLD:
                return GOOD
        if column == self.PLAN_COLUMN and row.plan_state is PlanState.BEHIND:
            return ALERT
        return None

    def tooltip(self, row: Any, column: int) -> str | None:
        if column in (self.STATE_COLUMN, self.DUE_COLUMN) and row.due_reason is not None:
            return QCoreApplication.translate("cases", "Due because {reason}").format(reason=label(REASON_LABELS, row.due_reason))
        if row.pending:
            return QCoreApplication.translate("cases", "{n} request(s) waiting for a manager").format(n=row.pending)
        return None


def _state_text(r: Any) -> str:
    text = label(STATE_LABELS, r.state)
    if r.state is PositionState.DUE and r.overdue_days:
        text = QCoreApplication.translate("cases", "{n} days late").format(n=r.overdue_days)
    elif r.state is PositionState.ON_HOLD and r.hold_until:
        text = QCoreApplication.translate("cases", "On hold until {date}").format(date=r.hold_until.isoformat())
    if r.pending:
        text += " · " + QCoreApplication.translate("cases", "{n} to approve").format(n=r.pending)
    return text


def minimum_text(min_amount_fen: int, min_months: int) -> str:
    """``¥5,000.00 or 12 months``; "—" when the step has no minimum."""
    if min_amount_fen and min_months:
        return QCoreApplication.translate("cases", "{amount} or {months} months").format(
            amount=format_money(min_amount_fen), months=min_months)
    if min_amount_fen:
        return format_money(min_amount_fen)
    if min_months:
        return QCoreApplication.translate("cases", "{months} months").format(months=min_months)
    return "—"


class LadderLinesModel(ColumnsModel):
    """A case's ladder: each step and how it stands."""

    COLUMNS = (
        Col(QT_TRANSLATE_NOOP("cases", "Step"), lambda s: f"{s.seq}. {s.name}", lambda s: s.seq),
        Col(QT_TRANSLATE_NOOP("cases", "Stage"), lambda s: label(STAGE_LABELS, s.stage),
            lambda s: int(s.stage)),
        Col(QT_TRANSLATE_NOOP("cases", "Channel"), lambda s: label(CHANNEL_LABELS, s.channel)),
        Col(QT_TRANSLATE_NOOP("cases", "Wait (days)"), lambda s: str(s.wait_days), lambda s: s.wait_days, True),
        Col(QT_TRANSLATE_NOOP("cases", "Minimum"), lambda s: minimum_text(s.min_amount_fen, s.min_months)),
        Col(QT_TRANSLATE_NOOP("cases", "State"), lambda s: label(LINE_LABELS, s.state)),
        Col(QT_TRANSLATE_NOOP("cases", "Date"), lambda s: day_text(s.done_on or s.due_on),
            lambda s: undated_last(s.done_on or s.due_on)),
    )

    def colours(self, row: Any, column: int) -> tuple[str, str] | None:
        if row.state == "next":
            return WARN
        if row.state == "done":
            return GOOD
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_of(index)
        if role == Qt.ItemDataRole.FontRole and row is not None and row.state == "next":
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and row is not None and row.state in ("inactive", "skipped"):
            return QColor(MUTED)
        return super().data(index, role)


class PlansModel(ColumnsModel):
    COLUMNS = (
        Col(QT_TRANSLATE_NOOP("cases", "Asked on"), lambda p: day_text(p.start), lambda p: p.start),
        Col(QT_TRANSLATE_NOOP("cases", "Total"), lambda p: money(p.total_fen), lambda p: p.total_fen, True),
        Col(QT_TRANSLATE_NOOP("cases", "Paid"), lambda p: money(p.paid_fen), lambda p: p.paid_fen, True),
        Col(QT_TRANSLATE_NOOP("cases", "Instalments"), lambda p: str(len(p.instalments)), None, True),
        Col(QT_TRANSLATE_NOOP("cases", "State"), lambda p: label(PLAN_STATE_LABELS, p.state)),
        Col(QT_TRANSLATE_NOOP("cases", "Asked by"), lambda p: p.requested_by),
        Col(QT_TRANSLATE_NOOP("cases", "Decided by"), lambda p: p.decided_by),
        Col(QT_TRANSLATE_NOOP("cases", "Note"), lambda p: p.note.replace("\n", " · ")),
    )

    def colours(self, row: Any, column: int) -> tuple[str, str] | None:
        if column == 4:
            return {PlanState.BEHIND: ALERT, PlanState.PENDING: WARN, PlanState.COMPLETED: GOOD}.get(row.state)
        return None


class InstalmentsModel(ColumnsModel):
    COLUMNS = (
        Col(QT_TRANSLATE_NOOP("cases", "No."), lambda i: str(i.seq), lambda i: i.seq, True),
        Col(QT_TRANSLATE_NOOP("cases", "Due on"), lambda i: day_text(i.due_date), lambda i: i.due_date),
        Col(QT_TRANSLATE_NOOP("cases", "Amount"), lambda i: money(i.amount_fen), lambda i: i.amount_fen, True),
        Col(QT_TRANSLATE_NOOP("cases", "Paid"), lambda i: money(i.paid_fen), lambda i: i.paid_fen, True),
        Col(QT_TRANSLATE_NOOP("cases", "State"), lambda i: _instalment_text(i)),
    )

    def colours(self, row: Any, column: int) -> tuple[str, str] | None:
        if column == 4:
            return {InstalmentState.OVERDUE: ALERT, InstalmentState.DUE: WARN, InstalmentState.PAID: GOOD}.get(
                row.state)
        return None


def _instalment_text(i: Any) -> str:
    text = label(INSTALMENT_LABELS, i.state)
    if i.paid_on is not None:
        text += " " + i.paid_on.isoformat() + (" · " + QCoreApplication.translate("cases", "late") if i.late else "")
    return text


class PausesModel(ColumnsModel):
    COLUMNS = (
        Col(QT_TRANSLATE_NOOP("cases", "Kind"), lambda p: label(PAUSE_KIND_LABELS, p.kind)),
        Col(QT_TRANSLATE_NOOP("cases", "Until"), lambda p: day_text(p.until), lambda p: p.until),
        Col(QT_TRANSLATE_NOOP("cases", "State"), lambda p: label(APPROVAL_LABELS, p.status)),
        Col(QT_TRANSLATE_NOOP("cases", "Asked by"), lambda p: p.requested_by),
        Col(QT_TRANSLATE_NOOP("cases", "Decided by"), lambda p: p.decided_by),
        Col(QT_TRANSLATE_NOOP("cases", "Reason"), lambda p: p.reason.replace("\n", " · ")),
    )

    def colours(self, row: Any, column: int) -> tuple[str, str] | None:
        if column == 2 and row.status is ApprovalStatus.PENDING:
            return WARN
        return None


class IssuesModel(ColumnsModel):
    COLUMNS = (
        Col(QT_TRANSLATE_NOOP("cases", "Estate"), lambda i: i.estate, _room_key),
        Col(QT_TRANSLATE_NOOP("cases", "Room"), lambda i: i.room_code, _room_key),
        Col(QT_TRANSLATE_NOOP("cases", "Category"), lambda i: label(CATEGORY_LABELS, i.category)),
        Col(QT_TRANSLATE_NOOP("cases", "Problem"), lambda i: i.description.replace("\n", " ")),
        Col(QT_TRANSLATE_NOOP("cases", "Raised"), lambda i: day_text(i.raised_on), lambda i: i.raised_on),
        Col(QT_TRANSLATE_NOOP("cases", "Promised"), lambda i: day_text(i.promised_date),
            lambda i: undated_last(i.promised_date)),
        Col(QT_TRANSLATE_NOOP("cases", "Status"), lambda i: label(ISSUE_STATUS_LABELS, i.status),
            lambda i: (not i.is_open, i.status.value)),
        Col(QT_TRANSLATE_NOOP("cases", "Handler"), lambda i: i.handler),
        Col(QT_TRANSLATE_NOOP("cases", "Responsible"), lambda i: i.assignee),
        Col(QT_TRANSLATE_NOOP("cases", "Resolution"),
            lambda i: " ".join(filter(None, (day_text(i.resolved_on), i.resolution)))),
    )

    def colours(self, row: Any, column: int) -> tuple[str, str] | None:
        if column in (5, 6) and row.overdue:
            return ALERT
        if column == 6 and not row.is_open:
            return GOOD
        return None

    def tooltip(self, row: Any, column: int) -> str | None:
        return row.description if column == 3 else None
