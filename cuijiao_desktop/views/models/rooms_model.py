"""Table model of the rooms page (业主与房屋), and the translated labels of room vocabularies.

The model holds one page of :class:`~cuijiao_desktop.services.rooms.RoomRow`; sorting is
done by the database, so :meth:`RoomsTableModel.sort` only asks for it (``sig_sort_requested``).
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.views.labels import OCCUPANCY_LABELS, OWNER_TYPE_LABELS, USAGE_LABELS, label
from cuijiao_desktop.views.models.base import ALIGN_RIGHT, Index, RowRole, RowTableModel, SortRole

_CTX = "rooms"



def area_text(centi_m2: int) -> str:
    """``8937`` -> ``"89.37"`` (square metres, two decimals, exact)."""
    sign = "-" if centi_m2 < 0 else ""
    whole, cents = divmod(abs(int(centi_m2)), 100)
    return f"{sign}{whole}.{cents:02d}"


class RoomsTableModel(RowTableModel):
    """One page of rooms. Header clicks ask the page to reload sorted by the database."""

    class Column(IntEnum):
        ESTATE = 0
        ROOM = 1
        AREA = 2
        USAGE = 3
        OCCUPANCY = 4
        OWNER = 5
        OWNER_TYPE = 6
        PHONE = 7
        TENANT = 8
        ARREARS = 9

    HEADERS: ClassVar[dict] = {
        Column.ESTATE: QT_TRANSLATE_NOOP("rooms", "Estate"),
        Column.ROOM: QT_TRANSLATE_NOOP("rooms", "Room"),
        Column.AREA: QT_TRANSLATE_NOOP("rooms", "Area (㎡)"),
        Column.USAGE: QT_TRANSLATE_NOOP("rooms", "Usage"),
        Column.OCCUPANCY: QT_TRANSLATE_NOOP("rooms", "Occupancy"),
        Column.OWNER: QT_TRANSLATE_NOOP("rooms", "Owner"),
        Column.OWNER_TYPE: QT_TRANSLATE_NOOP("rooms", "Owner type"),
        Column.PHONE: QT_TRANSLATE_NOOP("rooms", "Phone"),
        Column.TENANT: QT_TRANSLATE_NOOP("rooms", "Tenant"),
        Column.ARREARS: QT_TRANSLATE_NOOP("rooms", "Arrears"),
    }

    #: The service's sort key per column (None: not sortable).
    SORT_KEYS: ClassVar[dict] = {
        Column.ESTATE: "estate",
        Column.ROOM: "code",
        Column.AREA: "area",
        Column.USAGE: "usage",
        Column.OCCUPANCY: "occupancy",
        Column.OWNER: "owner",
        Column.OWNER_TYPE: "owner_type",
        Column.PHONE: None,
        Column.TENANT: "tenant",
        Column.ARREARS: "arrears",
    }

    CONTEXT = _CTX
    sig_sort_requested = Signal(str, bool)  # sort key, descending

    # Qt model interface (rows: one page of RoomRow)
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole \
                and section in (self.Column.AREA, self.Column.ARREARS):
            return ALIGN_RIGHT
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.row_of(index)
        if r is None:
            return None
        col = self.Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == SortRole:
            return self._sort_value(r, col)
        if role == RowRole:
            return r
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.Column.AREA, self.Column.ARREARS):
            return ALIGN_RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and col is self.Column.ARREARS and r.arrears_fen > 0:
            return QBrush(QColor("#B3261E"))
        if role == Qt.ItemDataRole.ToolTipRole and col is self.Column.ROOM:
            return f"{r.estate_name} {r.display_code}"
        return None

    def _display(self, r, col: Column) -> str:
        c = self.Column
        if col is c.ESTATE:
            return r.estate_name
        if col is c.ROOM:
            return r.display_code
        if col is c.AREA:
            return area_text(r.area_centi_m2)
        if col is c.USAGE:
            return label(USAGE_LABELS, r.usage)
        if col is c.OCCUPANCY:
            return label(OCCUPANCY_LABELS, r.occupancy)
        if col is c.OWNER:
            return r.owner_name
        if col is c.OWNER_TYPE:
            return label(OWNER_TYPE_LABELS, r.owner_type)
        if col is c.PHONE:
            return r.phone_masked
        if col is c.TENANT:
            return r.tenant_name
        return format_money(r.arrears_fen) if r.arrears_fen else ""

    def _sort_value(self, r, col: Column) -> Any:
        c = self.Column
        return {
            c.ESTATE: r.estate_name, c.ROOM: r.code, c.AREA: r.area_centi_m2, c.USAGE: str(r.usage),
            c.OCCUPANCY: str(r.occupancy), c.OWNER: r.owner_name, c.OWNER_TYPE: str(r.owner_type or ""),
            c.PHONE: r.phone_masked, c.TENANT: r.tenant_name, c.ARREARS: r.arrears_fen,
        }[col]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask for the rows sorted by ``column`` (the database sorts; the page reloads)."""
        if not 0 <= column < len(self.Column):
            return
        key = self.SORT_KEYS[self.Column(column)]
        if key is not None:
            self.sig_sort_requested.emit(key, order == Qt.SortOrder.DescendingOrder)
