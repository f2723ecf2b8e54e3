"""Table model of the search popup: room, person, masked phone, arrears."""

from __future__ import annotations

from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.views.labels import PERSON_ROLE_LABELS, label
from cuijiao_desktop.views.models.base import ALIGN_RIGHT, Index, RowRole, RowTableModel, SortRole

_CTX = "search"


class SearchResultsModel(RowTableModel):
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

    CONTEXT = _CTX

    # Qt model interface (rows: SearchHit, best first)
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.row_of(index)
        if hit is None:
            return None
        col = self.Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if col is self.Column.ROOM:
                return hit.title
            if col is self.Column.PERSON:
                if not hit.person_name:
                    return ""
                role_text = label(PERSON_ROLE_LABELS, hit.role)
                return f"{hit.person_name}（{role_text}）" if role_text else hit.person_name
            if col is self.Column.PHONE:
                return hit.phone_masked
            return format_money(hit.arrears_fen) if hit.arrears_fen else QCoreApplication.translate("search", "no arrears")
        if role == SortRole:
            return (hit.title, hit.person_name, hit.phone_masked, hit.arrears_fen)[col]
        if role == RowRole:
            return hit
        if role == Qt.ItemDataRole.TextAlignmentRole and col is self.Column.ARREARS:
            return ALIGN_RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and col is self.Column.ARREARS:
            return QBrush(QColor("#B3261E" if hit.arrears_fen > 0 else "#6B7785"))
        return None
