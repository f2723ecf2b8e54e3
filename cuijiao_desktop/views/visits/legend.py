"""The legend under the visit calendar: a swatch and a word per status, and the visiting hours."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cuijiao_desktop.views.visits.calendar_blocks import SLOT_FILL, STATUS_COLOURS, STATUS_ORDER


class StatusLegend(QWidget):
    """The colours of the statuses, painted in one line."""

    def __init__(self, labels: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitLegend")
        self.labels = labels
        self.slot_label = ""
        metrics = self.fontMetrics()
        self.setMinimumHeight(metrics.height() + 6)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _items(self) -> list[tuple[str, str, str]]:
        items = [(STATUS_COLOURS[k][0], STATUS_COLOURS[k][1], self.labels.get(k, k)) for k in STATUS_ORDER]
        if self.slot_label:
            items.append((SLOT_FILL, "#B9D4A8", self.slot_label))
        return items

    def sizeHint(self):
        metrics = self.fontMetrics()
        width = sum(22 + metrics.horizontalAdvance(text) + 16 for _f, _e, text in self._items())
        return QSize(width, metrics.height() + 6)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        x = 0.0
        h = self.height()
        for fill, edge, text in self._items():
            box = QRectF(x, (h - 12) / 2, 16, 12)
            p.setBrush(QColor(fill))
            p.setPen(QPen(QColor(edge), 1.2))
            p.drawRoundedRect(box, 2, 2)
            p.setPen(QColor("#2A3744"))
            p.drawText(QRectF(x + 22, 0, metrics.horizontalAdvance(text) + 4, h),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
            x += 22 + metrics.horizontalAdvance(text) + 16
        p.end()
