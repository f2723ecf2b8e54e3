"""Table model of the arrears page (欠费) and the translated labels it shows.

The model holds the (filtered) list of :class:`~cuijiao_desktop.services.arrears.ArrearsRow`;
:meth:`ArrearsTableModel.sort` sorts that Python list with a plain key function and resets the
model (never a ``QSortFilterProxyModel``: a 15,000-row sort through ``data()`` takes seconds).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from operator import attrgetter
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont

from cuijiao_desktop.domain.enums import CallOutcome
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.rooms import natural_key
from cuijiao_desktop.services.arrears import BUCKETS, ArrearsRow, room_order_key
from cuijiao_desktop.views.labels import BUCKET_LABELS, REASON_LABELS, STAGE_LABELS, Labels, label
from cuijiao_desktop.views.models.base import (
    ALIGN_RIGHT,
    Index,
    RowRole,
    RowTableModel,
    SortRole,
    day_text,
    period_text,
    undated_last,
)

_CTX = "arrears"

#: The last call's outcome in the arrears list's short words (the call form and the contact log
#: say views.labels.OUTCOME_LABELS).
OUTCOME_LABELS = Labels("arrears", {
    CallOutcome.PROMISED: QT_TRANSLATE_NOOP("arrears", "Promised to pay"),
    CallOutcome.CONDITIONAL: QT_TRANSLATE_NOOP("arrears", "Pays on a condition"),
    CallOutcome.REFUSED: QT_TRANSLATE_NOOP("arrears", "Refused"),
    CallOutcome.NO_ANSWER: QT_TRANSLATE_NOOP("arrears", "No answer"),
    CallOutcome.PHONE_OFF: QT_TRANSLATE_NOOP("arrears", "Phone off"),
    CallOutcome.WRONG_NUMBER: QT_TRANSLATE_NOOP("arrears", "Wrong number"),
    CallOutcome.PAID: QT_TRANSLATE_NOOP("arrears", "Paid"),
    CallOutcome.DISPUTED: QT_TRANSLATE_NOOP("arrears", "Disputes the bill"),
    CallOutcome.DELIVERED: QT_TRANSLATE_NOOP("arrears", "Delivered"),
    CallOutcome.NOT_HOME: QT_TRANSLATE_NOOP("arrears", "Nobody at home"),
    CallOutcome.OTHER: QT_TRANSLATE_NOOP("arrears", "Other"),
})


_CENTER = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)




class ArrearsTableModel(RowTableModel):
    """Rooms in arrears; ``sort()`` orders the Python list and resets the model."""

    class Column(IntEnum):
        ESTATE = 0
        BUILDING = 1
        UNIT = 2
        ROOM = 3
        OWNER = 4
        PHONE = 5
        TOTAL = 6
        MONTHS = 7
        OLDEST = 8
        M1 = 9
        M2 = 10
        M3 = 11
        M3_6 = 12
        M6_12 = 13
        M12_24 = 14
        M24_36 = 15
        OVER_36 = 16
        LATE_FEE = 17
        STAGE = 18
        COLLECTOR = 19
        REASON = 20
        LAST_CONTACT = 21
        OUTCOME = 22
        NEXT_ACTION = 23
        PROMISE = 24
        LIMITATION = 25  # the earliest limitation expiry (services.call_lists)

    #: Bucket columns in the order of ``services.arrears.BUCKETS``.
    BUCKET_COLUMNS: ClassVar[tuple] = (
        Column.M1, Column.M2, Column.M3, Column.M3_6, Column.M6_12, Column.M12_24, Column.M24_36, Column.OVER_36,
    )
    MONEY_COLUMNS: ClassVar[frozenset] = frozenset({Column.TOTAL, Column.LATE_FEE, *BUCKET_COLUMNS})

    HEADERS: ClassVar[dict] = {
        Column.ESTATE: QT_TRANSLATE_NOOP("arrears", "Estate"),
        Column.BUILDING: QT_TRANSLATE_NOOP("arrears", "Building"),
        Column.UNIT: QT_TRANSLATE_NOOP("arrears", "Unit"),
        Column.ROOM: QT_TRANSLATE_NOOP("arrears", "Room"),
        Column.OWNER: QT_TRANSLATE_NOOP("arrears", "Owner"),
        Column.PHONE: QT_TRANSLATE_NOOP("arrears", "Phone"),
        Column.TOTAL: QT_TRANSLATE_NOOP("arrears", "Total arrears"),
        Column.MONTHS: QT_TRANSLATE_NOOP("arrears", "Months"),
        Column.OLDEST: QT_TRANSLATE_NOOP("arrears", "Oldest unpaid"),
        Column.LATE_FEE: QT_TRANSLATE_NOOP("arrears", "Late fee"),
        Column.STAGE: QT_TRANSLATE_NOOP("arrears", "Stage"),
        Column.COLLECTOR: QT_TRANSLATE_NOOP("arrears", "Collector"),
        Column.REASON: QT_TRANSLATE_NOOP("arrears", "Reason"),
        Column.LAST_CONTACT: QT_TRANSLATE_NOOP("arrears", "Last contact"),
        Column.OUTCOME: QT_TRANSLATE_NOOP("arrears", "Outcome"),
        Column.NEXT_ACTION: QT_TRANSLATE_NOOP("arrears", "Next follow-up"),
        Column.PROMISE: QT_TRANSLATE_NOOP("arrears", "Promised date"),
        Column.LIMITATION: QT_TRANSLATE_NOOP("arrears", "Limitation ends"),
        **{col: BUCKET_LABELS[bucket] for col, bucket in zip(BUCKET_COLUMNS, BUCKETS, strict=True)},
    }

    CONTEXT = _CTX

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._sort_column: int = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._room_keys: dict[int, tuple] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._muted = QColor("#8592A0")
        self._phones: dict[int, str] = {}  # whole numbers, for the roles that call
        self._limitation: dict = {}  # room id -> RoomLimitation
        self._red = QColor("#B3261E")
        self._amber = QColor("#8A5A00")
        self._keys = self._key_functions()

    def set_call_list(self, phones: dict[int, str], limitation: dict) -> None:
        """Whole phone numbers (empty: masked ones stay) and the limitation clocks of the rooms. They
        arrive after the rows: only their two columns change (the selection stays), unless the rows
        are sorted by one of them."""
        self._phones = dict(phones)
        self._limitation = dict(limitation)
        if self._sort_column in (self.Column.PHONE, self.Column.LIMITATION):
            self.beginResetModel()
            self._order(self._rows)
            self.endResetModel()
        elif self.rowCount():
            for col in (self.Column.PHONE, self.Column.LIMITATION):
                self.dataChanged.emit(self.index(0, col), self.index(self.rowCount() - 1, col))

    def phone(self, r: ArrearsRow) -> str:
        """The number shown for the row: whole for the roles that call, else masked."""
        return self._phones.get(r.room_id, r.phone_masked)

    def shows_whole_phone(self, r: ArrearsRow) -> bool:
        """True when the row's number is shown whole (and so may be copied)."""
        return r.room_id in self._phones

    def limitation(self, r: ArrearsRow):
        """The room's limitation clock (None when unknown)."""
        return self._limitation.get(r.room_id)

    # rows
    def set_rows(self, rows: Sequence[ArrearsRow], *, new_data: bool = False) -> None:  # type: ignore[override]
        """Show ``rows``, ordered by the current sort column. ``new_data``: rows were reloaded."""
        if new_data:
            self._room_keys.clear()
        ordered = list(rows)
        self._order(ordered)
        self.beginResetModel()
        self._rows = ordered
        self.endResetModel()

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        """(column, order) of the current sort; column -1: the service's order (by room)."""
        return self._sort_column, self._sort_order

    # sorting
    def _key_functions(self) -> dict[int, Callable[[ArrearsRow], Any]]:
        c = self.Column
        keys: dict[int, Callable[[ArrearsRow], Any]] = {
            c.ESTATE: self._room_key,
            c.BUILDING: lambda r: (natural_key(r.building), self._room_key(r)),
            c.UNIT: lambda r: (natural_key(r.unit), self._room_key(r)),
            c.ROOM: self._room_key,
            c.OWNER: lambda r: (r.owner_initials, r.owner),  # pinyin order
            c.PHONE: self.phone,
            c.LIMITATION: lambda r: undated_last(self._limitation[r.room_id].earliest_expiry
                                          if r.room_id in self._limitation else None),
            c.TOTAL: attrgetter("total_fen"),
            c.MONTHS: attrgetter("months"),
            c.OLDEST: attrgetter("oldest_period"),
            c.LATE_FEE: attrgetter("late_fee_fen"),
            c.STAGE: lambda r: -1 if r.stage is None else int(r.stage),
            c.COLLECTOR: attrgetter("collector"),
            c.REASON: lambda r: "" if r.reason is None else r.reason.value,
            c.LAST_CONTACT: lambda r: undated_last(r.last_contact_on),
            c.OUTCOME: lambda r: "" if r.last_outcome is None else r.last_outcome.value,
            c.NEXT_ACTION: lambda r: undated_last(r.next_action_on),
            c.PROMISE: lambda r: undated_last(r.promise_on),
        }
        for i, col in enumerate(self.BUCKET_COLUMNS):
            keys[col] = lambda r, i=i: r.bucket_fen[i]
        return keys

    def _room_key(self, r: ArrearsRow) -> tuple:
        key = self._room_keys.get(r.room_id)
        if key is None:
            key = self._room_keys[r.room_id] = room_order_key(r)
        return key

    def _order(self, rows: list[ArrearsRow]) -> None:
        if self._sort_column < 0:
            return
        rows.sort(key=self._keys[self._sort_column], reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column`` (a stable sort: ties keep their previous order)."""
        if column not in self._keys:
            return
        self._sort_column, self._sort_order = column, order
        rows = self._rows
        self._order(rows)
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    # Qt model interface
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.Column):
            col = self.Column(section)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return ALIGN_RIGHT if col in self.MONEY_COLUMNS or col == self.Column.MONTHS else _LEFT
            if role == Qt.ItemDataRole.ToolTipRole and col in self.BUCKET_COLUMNS:
                return QCoreApplication.translate("arrears", "Arrears overdue by this long")
            if role == Qt.ItemDataRole.ToolTipRole and col == self.Column.LIMITATION:
                return QCoreApplication.translate(
                    "arrears", "When a period's 3-year limitation ends within 180 days, or has ended: the earliest date")
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.row_of(index)
        if r is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == SortRole:
            return self._raw(r, col)
        if role == RowRole:
            return r
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_RIGHT if col in self.MONEY_COLUMNS or col == self.Column.MONTHS else (
                _CENTER if col in (self.Column.OLDEST, self.Column.LAST_CONTACT, self.Column.NEXT_ACTION,
                                   self.Column.PROMISE, self.Column.PHONE, self.Column.LIMITATION) else _LEFT)
        if role == Qt.ItemDataRole.FontRole and col == self.Column.TOTAL:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and col == self.Column.STAGE and r.stage is None:
            return self._muted
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.Column.ROOM, self.Column.OWNER):
            return f"{r.estate} {r.room_code}"
        if col == self.Column.LIMITATION and r.room_id in self._limitation:
            lim = self._limitation[r.room_id]
            if role == Qt.ItemDataRole.ForegroundRole:
                return self._red if lim.expired_periods else (self._amber if lim.periods_at_risk else None)
            if role == Qt.ItemDataRole.ToolTipRole:
                return limitation_tip(lim)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.Column.PHONE and r.room_id in self._phones:
            return QCoreApplication.translate("arrears", "Click to copy the number")
        return None

    def _display(self, r: ArrearsRow, col: int) -> str | None:
        c = self.Column
        if col == c.TOTAL:
            return format_money(r.total_fen)
        if c.M1 <= col <= c.OVER_36:
            fen = r.bucket_fen[col - c.M1]
            return format_money(fen) if fen else ""
        if col == c.LATE_FEE:
            return format_money(r.late_fee_fen) if r.late_fee_fen else ""
        if col == c.ESTATE:
            return r.estate
        if col == c.BUILDING:
            return r.building
        if col == c.UNIT:
            return r.unit or ""
        if col == c.ROOM:
            return r.room
        if col == c.OWNER:
            return r.owner
        if col == c.PHONE:
            return self.phone(r)
        if col == c.LIMITATION:
            lim = self._limitation.get(r.room_id)
            return day_text(lim.earliest_expiry if lim else None)
        if col == c.MONTHS:
            return str(r.months)
        if col == c.OLDEST:
            return period_text(r.oldest_period)
        if col == c.STAGE:
            return label(STAGE_LABELS, r.stage) if r.stage is not None else QCoreApplication.translate("arrears", "No case")
        if col == c.COLLECTOR:
            return r.collector
        if col == c.REASON:
            return label(REASON_LABELS, r.reason)
        if col == c.LAST_CONTACT:
            return day_text(r.last_contact_on)
        if col == c.OUTCOME:
            return label(OUTCOME_LABELS, r.last_outcome)
        if col == c.NEXT_ACTION:
            return day_text(r.next_action_on)
        if col == c.PROMISE:
            return day_text(r.promise_on)
        return None

    def _raw(self, r: ArrearsRow, col: int) -> Any:
        c = self.Column
        if c.M1 <= col <= c.OVER_36:
            return r.bucket_fen[col - c.M1]
        raw = {
            c.ESTATE: r.estate, c.BUILDING: r.building, c.UNIT: r.unit or "", c.ROOM: r.room_code,
            c.OWNER: r.owner, c.PHONE: self.phone(r), c.TOTAL: r.total_fen, c.MONTHS: r.months,
            c.OLDEST: r.oldest_period, c.LATE_FEE: r.late_fee_fen,
            c.STAGE: -1 if r.stage is None else int(r.stage), c.COLLECTOR: r.collector,
            c.REASON: r.reason.value if r.reason else "", c.LAST_CONTACT: r.last_contact_on,
            c.OUTCOME: r.last_outcome.value if r.last_outcome else "", c.NEXT_ACTION: r.next_action_on,
            c.PROMISE: r.promise_on,
            c.LIMITATION: self._limitation[r.room_id].earliest_expiry if r.room_id in self._limitation else None,
        }
        return raw.get(col)


def limitation_tip(lim) -> str:
    """The periods whose limitation ran out or runs out soon, in words."""
    lines = [QCoreApplication.translate("arrears", "Earliest end of the limitation period: {date}").format(
        date=lim.earliest_expiry.isoformat())]
    if lim.expired_periods:
        lines.append(QCoreApplication.translate("arrears", "Run out: {periods}").format(
            periods=", ".join(period_text(p) for p in lim.expired_periods)))
    if lim.periods_at_risk:
        lines.append(QCoreApplication.translate("arrears", "Ends within 180 days: {periods}").format(
            periods=", ".join(period_text(p) for p in lim.periods_at_risk)))
    if lim.expired_periods or lim.periods_at_risk:
        lines.append(QCoreApplication.translate(
            "arrears", "An evidenced demand (signed, registered, screenshot) or the owner's promise restarts it; "
                       "a notice-board posting does not."))
    return "\n".join(lines)
