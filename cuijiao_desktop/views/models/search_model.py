"""Table model of the search popup: room, person, masked phone, arrears."""

from __future__ import annotations

from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.views.models.rooms_model import ROLE_LABELS, RowRole, SortRole, label

_CTX = "search"


class SearchResultsModel(QAbstractTableModel):
    """The hits of the last query, best first (the service ranks them)."""

    class Column(IntEnum):
        ROOM = 0
        PERSON = 1
        PHONE = 2
        ARREARS = 3

    HEADERS: ClassVar[dict] = {
        Column.ROOM: QT_TRANSLATE_NOOP("search", "Room"),
        Column.PERSON: QT_TRANSLATE_NOOP("search", "Name"),
        Column.PHONE: QT_TRANSLATE_NOOP("search", "Phone"),
        Column.ARREARS: QT_TRANSLATE_NOOP("search", "Arrears"),
    }

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows) -> None:
        """Replace the hits with a model reset."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        """The SearchHit of ``row`` (None outside)."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.Column):
            return QCoreApplication.translate(_CTX, self.HEADERS[self.Column(section)])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        hit = self._rows[index.row()]
        col = self.Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if col is self.Column.ROOM:
                return hit.title
            if col is self.Column.PERSON:
                if not hit.person_name:
                    return ""
                role_text = label(ROLE_LABELS, hit.role)
                return f"{hit.person_name}（{role_text}）" if role_text else hit.person_name
            if col is self.Column.PHONE:
                return hit.phone_masked
            return format_money(hit.arrears_fen) if hit.arrears_fen else QCoreApplication.translate("search", "no arrears")
        if role == SortRole:
            return (hit.title, hit.person_name, hit.phone_masked, hit.arrears_fen)[col]
        if role == RowRole:
            return hit
        if role == Qt.ItemDataRole.TextAlignmentRole and col is self.Column.ARREARS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col is self.Column.ARREARS:
            return QBrush(QColor("#B3261E" if hit.arrears_fen > 0 else "#6B7785"))
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
