"""The 收缴率 card of 工作台: this month's and last month's collection rates (by amount and by
households) and a sparkline of the last months; a click shows the 报表 page."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from cuijiao_desktop.domain.rates import rate_units
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services.stats import summary
from cuijiao_desktop.services.stats.model import TrendPoint
from cuijiao_desktop.views.pages.reports.charts import AMOUNT_COLOUR, HOUSEHOLD_COLOUR, percent_text


class Sparkline(QWidget):
    """Two thin lines of rates (0–100 %) over the months, the last point marked; no axes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rateSparkline")
        self.points: tuple[TrendPoint, ...] = ()
        self.setMinimumHeight(24)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(180, 38)

    def set_points(self, points: Sequence[TrendPoint]) -> None:
        self.points = tuple(points)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if len(self.points) < 2:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        painter.setPen(QPen(QColor("#E6ECF1"), 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        step = area.width() / (len(self.points) - 1)
        whole = 10_000  # rates in hundredths of a percent
        rates = [rate_units(r, whole) for p in self.points
                 for r in (p.rate_amount, p.rate_households) if r is not None]
        if not rates:
            painter.end()
            return
        # a sparkline shows the movement: the range of the values, at least 10 points of percent, within 0–100 %
        low, high = min(rates), max(rates)
        span = max(high - low, whole // 10)
        low = max(0, min(low - (span - (high - low)) // 2, whole - span))
        for colour, rate_of in ((HOUSEHOLD_COLOUR, lambda p: p.rate_households), (AMOUNT_COLOUR, lambda p: p.rate_amount)):
            path = QPainterPath()
            last: QPointF | None = None
            for i, p in enumerate(self.points):
                rate = rate_of(p)
                if rate is None:
                    continue
                y = area.bottom() - (min(rate_units(rate, whole), whole) - low) / span * area.height()
                point = QPointF(area.left() + i * step, y)
                if last is None:
                    path.moveTo(point)
                else:
                    path.lineTo(point)
                last = point
            painter.setPen(QPen(QColor(colour), 1.8))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            if last is not None:
                painter.setBrush(QColor(colour))
                painter.drawEllipse(last, 2.5, 2.5)
        painter.end()


class RateCard(QPushButton):
    """收缴率 in two short lines, this month and last month (by amount, bold, and by households), and the
    sparkline of the last months; ``sig_show_reports`` (a click, or Space) asks for the 报表 page. Small
    enough to sit in the workbench's top line without making the window taller or wider."""

    sig_show_reports = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rateCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(
            "QPushButton#rateCard { background: #FFFFFF; border: 1px solid #D9E0E7; border-radius: 6px; }"
            "QPushButton#rateCard:hover { border-color: #8DB3D9; }"
            "QPushButton#rateCard:focus { border: 2px solid #5B8FC7; }"
        )
        self.setToolTip(self.tr("Collection rate by amount (bold) and by households. Click to open the reports."))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 2, 10, 2)
        layout.setSpacing(8)
        self.caption = QLabel(self.tr("Collection rate"))
        self.caption.setStyleSheet("color: #5F6B7A; background: transparent;")
        words = self.caption.text().split()
        if len(words) > 1:  # two short lines where the words are long ("Collection rate")
            self.caption.setWordWrap(True)
            self.caption.setMaximumWidth(max(self.fontMetrics().horizontalAdvance(w) for w in words) + 6)
        layout.addWidget(self.caption)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(0)
        bold = QFont(self.font())
        bold.setBold(True)
        self.month_labels: list[QLabel] = []
        self.amount_labels: list[QLabel] = []
        self.household_labels: list[QLabel] = []
        for row in range(2):
            month = QLabel()
            month.setStyleSheet("color: #5F6B7A; background: transparent;")
            amount = QLabel("—")
            amount.setFont(bold)
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            amount.setStyleSheet(f"color: {'#1F3B57' if row == 0 else '#44546A'}; background: transparent;")
            households = QLabel()
            households.setStyleSheet("color: #8592A0; background: transparent;")
            for col, w in enumerate((month, amount, households)):
                grid.addWidget(w, row, col)
            self.month_labels.append(month)
            self.amount_labels.append(amount)
            self.household_labels.append(households)
        layout.addLayout(grid)
        self.sparkline = Sparkline()
        self.sparkline.setFixedSize(80, 30)
        layout.addWidget(self.sparkline)
        for w in (self.caption, *self.month_labels, *self.amount_labels, *self.household_labels, self.sparkline):
            w.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.clicked.connect(self.sig_show_reports.emit)
        self.points: tuple[TrendPoint, ...] = ()
        self._day = None  # the day self.points were read on

    def sizeHint(self) -> QSize:
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.layout().minimumSize()

    def load(self, runner, today) -> None:
        """Read the rates off the GUI thread: every month the first time on a day, then only this month and
        last month (the older months of the sparkline are kept: a full read costs seconds at 50,000 rooms)."""
        again = self._day == today and len(self.points) > 2
        months = 2 if again else summary.SUMMARY_MONTHS
        older = self.points[:-2] if again else ()

        def show(points: tuple[TrendPoint, ...]) -> None:
            self._day = today
            self.set_points(older + tuple(points))

        runner.submit(summary.rate_trend, today=today, months=months, on_result=show,
                      on_error=lambda exc: self.setToolTip(error_message(exc)))

    def set_points(self, points: Sequence[TrendPoint]) -> None:
        """The months, oldest first; the last is this month, the one before it last month."""
        self.points = tuple(points)
        shown = list(reversed(self.points[-2:]))
        for col in range(2):
            p = shown[col] if col < len(shown) else None
            which = self.tr("This month") if col == 0 else self.tr("Last month")
            self.month_labels[col].setText(f"{which} {p.month}" if p else which)
            self.amount_labels[col].setText(percent_text(p.rate_amount) if p else "—")
            self.household_labels[col].setText(
                self.tr("households {rate}").format(rate=percent_text(p.rate_households)) if p else "")
        self.sparkline.set_points(self.points)
        months = [f"{p.month}: {percent_text(p.rate_amount)} · {percent_text(p.rate_households)}" for p in self.points]
        self.setToolTip("\n".join([self.tr("Collection rate by amount (bold) and by households. Click to open the "
                                            "reports."), *months]))
