"""What the table models share: a list of frozen rows, translated headers, the item roles.

A model lists its headers in ``HEADERS`` (``QT_TRANSLATE_NOOP`` texts, indexed by column: a
tuple or a dict keyed by the ``Column`` IntEnum) and names their translation ``CONTEXT``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

RowRole = Qt.ItemDataRole.UserRole + 1  # the row's dataclass
SortRole = Qt.ItemDataRole.UserRole + 2  # the raw value a column sorts by

#: TextAlignmentRole of money and other numbers.
ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

Index = QModelIndex | QPersistentModelIndex


def day_text(value: date | None) -> str:
    """A business day as shown in a list: ``2026-03-10`` ("" for none)."""
    return value.isoformat() if value else ""


def undated_last(value: date | None) -> date:
    """The sort key of an optional day: no day sorts after every day."""
    return date.max if value is None else value


def period_text(period: int) -> str:
    """``202603`` -> ``"2026-03"``."""
    return f"{period // 100:04d}-{period % 100:02d}"


class RowTableModel(QAbstractTableModel):
    """A table over a Python list of rows: ``set_rows`` resets the model; rows numbered from 1."""

    CONTEXT: ClassVar[str] = ""
    HEADERS: ClassVar[Sequence[str] | Mapping[int, str]] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace all rows (model reset)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        """The rows in display order (a copy)."""
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        """The dataclass shown on ``row`` (None when out of range)."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, index: Index) -> Any:
        """The dataclass at ``index`` (None for an invalid index)."""
        return self.row_at(index.row()) if index.isValid() else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        if 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate(self.CONTEXT, self.HEADERS[section])
        return None
