"""The dashboards' charts (QtCharts), each fed by one :class:`~cuijiao_desktop.services.stats.model.MonthStats`.

The figures stay integer fen and exact fractions until a chart needs a number to draw: then (and
only then) they become floats in yuan, 万元 or percent; every number a person reads (tooltips,
labels, the table) is formatted from the exact values. The pure helpers (:func:`top_buildings`,
:func:`collector_ranking`, :func:`money_scale`) hold the choices and are tested without Qt charts.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from fractions import Fraction

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QCursor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from cuijiao_desktop.domain.ageing import AgeBucket
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.rates import rate_units
from cuijiao_desktop.services.stats.model import MonthStats
from cuijiao_desktop.views.labels import BUCKET_LABELS, label
from cuijiao_desktop.views.models.ledger_models import BUCKET_COLOURS

#: Buildings drawn one by one in "arrears by building"; the rest are summed into one bar.
TOP_BUILDINGS = 8
#: Collectors drawn in the ranking.
TOP_COLLECTORS = 10
AMOUNT_COLOUR = "#0F4C81"
HOUSEHOLD_COLOUR = "#E07B39"
ARREARS_COLOUR = "#C0504D"
RECOVERED_COLOUR = "#2E8B57"


def percent_text(rate: Fraction | None) -> str:
    """``"87.3%"`` (one decimal, half up), ``"—"`` when nothing was billed."""
    if rate is None:
        return "—"
    tenths = rate_units(rate, 1000)
    return f"{tenths // 10}.{tenths % 10}%"


@dataclass(frozen=True)
class Bar:
    """One bar: its label, the exact fen and what its tooltip adds."""

    label: str
    fen: int
    note: str = ""
    estate: str = ""  # a building's bar: its estate and building
    building: str = ""


@dataclass(frozen=True)
class BuildingBars:
    """The buildings drawn one by one, and the others summed."""

    bars: tuple[Bar, ...]
    rest_count: int
    rest_fen: int


def top_buildings(stats: MonthStats, n: int = TOP_BUILDINGS) -> BuildingBars:
    """The ``n`` buildings owing most at the end of the month (期末欠费), largest first, and how many
    others owe something and their sum; buildings owing nothing are left out."""
    owing = sorted((b for b in stats.by_building if b.figures.closing_arrears_fen > 0),
                   key=lambda b: (-b.figures.closing_arrears_fen, b.label))
    rest = owing[n:]
    return BuildingBars(tuple(Bar(b.label, b.figures.closing_arrears_fen, estate=b.estate, building=b.building)
                              for b in owing[:n]), len(rest),
                        sum(b.figures.closing_arrears_fen for b in rest))


def collector_ranking(stats: MonthStats, n: int = TOP_COLLECTORS) -> list:
    """Collectors by amount recovered in the month (then rooms cleared), best first, at most ``n``."""
    ranked = sorted(stats.collectors, key=lambda c: (-c.recovered_fen, -c.rooms_cleared, c.collector))
    return ranked[:n]


#: The units an amount axis is drawn in (its title, translated in the charts' context).
YUAN = QT_TRANSLATE_NOOP("DashboardChart", "yuan")
WAN_YUAN = QT_TRANSLATE_NOOP("DashboardChart", "10,000 yuan")


def money_scale(max_fen: int) -> tuple[int, str, str]:
    """The fen per drawn unit, the unit (``YUAN`` or ``WAN_YUAN``) and the axis' number format: yuan,
    or 万元 from ¥50,000 up."""
    if max_fen >= 5_000_000:
        return 1_000_000, WAN_YUAN, "%.0f" if max_fen >= 100_000_000 else "%.1f"
    return 100, YUAN, "%.0f"


def two_lines(text: str) -> str:
    """``text`` broken at the space nearest its middle, as rich text (``"Over<br>3 years"``)."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return html.escape(text)
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return f"{html.escape(text[:cut])}<br>{html.escape(text[cut + 1:])}"


def _nice_max(value: float) -> float:
    """A round axis end a little above ``value`` (1, 2, 2.5 or 5 × a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


class DashboardChart(QChartView):
    """A chart card: a titled chart on white, anti-aliased, with an empty text when there is nothing to draw."""

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setTitle(title)
        font = QFont(chart.titleFont())
        font.setBold(True)
        font.setPointSizeF(max(font.pointSizeF(), 10.0))
        chart.setTitleFont(font)
        chart.setMargins(QMargins(6, 4, 6, 4))
        chart.setBackgroundRoundness(6)
        chart.setBackgroundPen(QPen(QColor("#D9E0E7")))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        super().__init__(chart, parent)
        self.setObjectName(name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(280)
        self.empty_text = ""

    def clear(self, empty_text: str = "") -> None:
        """Remove every series and axis; ``empty_text`` is drawn in the middle instead."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in list(chart.axes()):
            chart.removeAxis(axis)
        self.empty_text = empty_text
        self.viewport().update()

    def drawForeground(self, painter: QPainter, rect) -> None:
        super().drawForeground(painter, rect)
        if self.empty_text:
            painter.setPen(QColor("#8592A0"))
            painter.drawText(self.chart().plotArea(), Qt.AlignmentFlag.AlignCenter, self.empty_text)

    @staticmethod
    def unit_text(unit: str) -> str:
        return QCoreApplication.translate("DashboardChart", unit)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_labels()

    def _fit_labels(self) -> None:
        """Break the bottom categories onto two lines when they do not fit side by side (long English
        labels); the axis draws rich text, so the break is a ``<br>``."""
        for axis in self.chart().axes(Qt.Orientation.Horizontal):
            if not isinstance(axis, QBarCategoryAxis) or not axis.count():
                continue
            plain = getattr(axis, "plain_labels", None)
            if plain is None:
                plain = axis.plain_labels = list(axis.categories())
            metrics = QFontMetrics(axis.labelsFont())
            room = self.chart().plotArea().width() / len(plain)
            if room <= 0:
                room = self.width() * 0.8 / len(plain)
            fits = max(metrics.horizontalAdvance(c) for c in plain) + 6 <= room
            wanted = plain if fits else [two_lines(c) for c in plain]
            if list(axis.categories()) != wanted:
                axis.setCategories(wanted)

    @staticmethod
    def tip(text: str) -> None:
        QToolTip.showText(QCursor.pos(), text)

    def _category_axis(self, labels: list[str]) -> QBarCategoryAxis:
        """Categories in a slightly smaller font, never cut to "…" (the chart makes room for them)."""
        axis = QBarCategoryAxis()
        axis.append(labels)
        axis.setGridLineVisible(False)
        axis.setTruncateLabels(False)
        font = QFont(axis.labelsFont())
        font.setPointSizeF(max(7.5, self.font().pointSizeF() * 0.9))
        axis.setLabelsFont(font)
        return axis

    def _value_axis(self, top: float, fmt: str, title: str = "") -> QValueAxis:
        axis = QValueAxis()
        axis.setRange(0, top)
        axis.setLabelFormat(fmt)
        axis.setTickCount(6)
        axis.setGridLineColor(QColor("#E6ECF1"))
        if title:
            axis.setTitleText(title)
        return axis


class TrendChart(DashboardChart):
    """收缴率 of the 12 months ending in M: by amount and by households, in percent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("trendChart", self.tr("Collection rate, last 12 months"), parent)

    def set_stats(self, stats: MonthStats | None) -> None:
        points = list(stats.trend) if stats is not None else []
        if not any(p.billed_fen or p.households for p in points):
            self.clear(self.tr("Nothing was billed in these months.") if stats is not None else "")
            return
        self.clear()
        chart = self.chart()
        x_axis = self._category_axis([str(int(p.month[5:])) for p in points])  # month numbers; the years below
        x_axis.setTitleText(self.tr("{first} to {last}").format(first=points[0].month, last=points[-1].month))
        # hundredths of a percent; the axis starts 5 points below the lowest, on a ten, so the movement shows
        rates = [rate_units(r, 10_000) for p in points
                 for r in (p.rate_amount, p.rate_households) if r is not None]
        low = max(0, (min(rates) - 500) // 1000 * 10) if rates else 0
        y_axis = self._value_axis(100, "%.0f%%")
        y_axis.setMin(low)
        y_axis.setTickCount((100 - low) // 10 + 1 if (100 - low) // 10 <= 6 else (100 - low) // 20 + 1)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for name, colour, rate_of in ((self.tr("By amount"), AMOUNT_COLOUR, lambda p: p.rate_amount),
                                      (self.tr("By households"), HOUSEHOLD_COLOUR, lambda p: p.rate_households)):
            series = QLineSeries()
            series.setName(name)
            series.setPen(QPen(QColor(colour), 2.4))
            series.setPointsVisible(True)
            for i, p in enumerate(points):
                rate = rate_of(p)
                if rate is not None:
                    series.append(QPointF(i, rate_units(rate, 10_000) / 100))  # a point on the chart, in %
            chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
            series.hovered.connect(lambda point, state, name=name, rate_of=rate_of:
                                   self._hover(points, point, state, name, rate_of))
        chart.legend().setVisible(True)

    def _hover(self, points, point: QPointF, state: bool, name: str, rate_of) -> None:
        if not state:
            QToolTip.hideText()
            return
        i = min(max(round(point.x()), 0), len(points) - 1)
        p = points[i]
        self.tip(self.tr("{month} {name}: {rate}\nCollected {collected} of {billed}; {paid} of {rooms} rooms paid")
                 .format(month=p.month, name=name, rate=percent_text(rate_of(p)),
                         collected=format_money(p.collected_fen), billed=format_money(p.billed_fen),
                         paid=p.households_paid, rooms=p.households))


class AgeingChart(DashboardChart):
    """Unpaid at the end of M per age bucket, each bar in the ledger's colour of its age."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("ageingChart", self.tr("Arrears by age"), parent)

    def set_stats(self, stats: MonthStats | None) -> None:
        amounts = stats.ageing_total_fen if stats is not None else ()
        if not any(amounts):
            self.clear(self.tr("Nothing is unpaid.") if stats is not None else "")
            return
        self.clear()
        households = [sum(r.households[i] for r in stats.ageing) for i in range(len(AgeBucket))]
        per, unit, fmt = money_scale(max(amounts))
        buckets = list(AgeBucket)
        series = QStackedBarSeries()  # one set per bucket: a bar per age in the age's own colour
        series.setBarWidth(0.7)
        for i, bucket in enumerate(buckets):
            bar_set = QBarSet(label(BUCKET_LABELS, bucket))
            bar_set.append([amounts[i] / per if j == i else 0.0 for j in range(len(buckets))])  # drawn only
            bg, _fg = BUCKET_COLOURS[bucket]
            bar_set.setBrush(QBrush(QColor(bg)))
            bar_set.setPen(QPen(QColor(bg).darker(135), 1))
            text = self.tr("{age}: {amount}, {n} rooms").format(
                age=label(BUCKET_LABELS, bucket), amount=format_money(amounts[i]), n=households[i])
            bar_set.hovered.connect(lambda state, _index, text=text: self.tip(text) if state else QToolTip.hideText())
            series.append(bar_set)
        chart = self.chart()
        chart.addSeries(series)
        x_axis = self._category_axis([label(BUCKET_LABELS, b) for b in buckets])
        y_axis = self._value_axis(_nice_max(max(amounts) / per), fmt, self.unit_text(unit))
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        chart.legend().setVisible(False)
        self._fit_labels()


class _HorizontalBars(DashboardChart):
    """Horizontal bars of fen, the largest on top."""

    colour = ARREARS_COLOUR

    def _draw(self, bars: list[Bar], name: str, tooltip, note: str = "") -> list[Bar]:
        """Draw ``bars``; returns them in the order drawn (bottom up), as the bar set's indexes count."""
        self.clear()
        per, unit, fmt = money_scale(max(b.fen for b in bars))
        ordered = list(reversed(bars))  # a horizontal bar chart draws its first category at the bottom
        bar_set = QBarSet(name)
        bar_set.append([b.fen / per for b in ordered])  # drawn only
        bar_set.setBrush(QBrush(QColor(self.colour)))
        bar_set.setPen(QPen(Qt.PenStyle.NoPen))
        bar_set.hovered.connect(lambda state, index: self.tip(tooltip(ordered[index])) if state
                                else QToolTip.hideText())
        series = QHorizontalBarSeries()
        series.append(bar_set)
        series.setBarWidth(0.65)
        chart = self.chart()
        chart.addSeries(series)
        y_axis = self._category_axis([b.label for b in ordered])
        x_axis = self._value_axis(_nice_max(max(b.fen for b in bars) / per), fmt, f"{self.unit_text(unit)}{note}")
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y_axis)
        series.attachAxis(x_axis)
        chart.legend().setVisible(False)
        self.bar_set = bar_set
        return ordered


class BuildingsChart(_HorizontalBars):
    """期末欠费 by building: the top buildings and the rest summed. A click on a bar emits
    ``sig_building(estate, building)`` (the page shows its building map)."""

    sig_building = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("buildingsChart", self.tr("Arrears by building (end of month)"), parent)
        self.setToolTip(self.tr("Click a bar to see the building's map"))

    def set_stats(self, stats: MonthStats | None) -> None:
        top = top_buildings(stats) if stats is not None else BuildingBars((), 0, 0)
        self.bars = top
        if not top.bars:
            self.clear(self.tr("No building owes anything.") if stats is not None else "")
            return
        note = self.tr(" · {n} other buildings owe {amount}").format(
            n=top.rest_count, amount=format_money(top.rest_fen)) if top.rest_count else ""
        ordered = self._draw(list(top.bars), self.tr("Arrears"), lambda b: self.tr(
            "{building}: {amount}\nClick to see its map").format(building=b.label, amount=format_money(b.fen)), note)
        self.bar_set.clicked.connect(lambda index: self.sig_building.emit(ordered[index].estate,
                                                                          ordered[index].building))


class CollectorsChart(_HorizontalBars):
    """催收业绩: collectors by amount recovered in M; the tooltip adds their month's work."""

    colour = RECOVERED_COLOUR

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("collectorsChart", self.tr("Collectors: recovered this month"), parent)

    def set_stats(self, stats: MonthStats | None) -> None:
        everyone = collector_ranking(stats, n=len(stats.collectors)) if stats is not None else []
        ranked = [c for c in everyone if c.recovered_fen > 0][:TOP_COLLECTORS]
        self.ranked = ranked
        if not ranked:
            self.clear(self.tr("No collector recovered anything this month.") if stats is not None else "")
            return
        idle = sum(1 for c in everyone if c.recovered_fen <= 0)
        work = {c.collector: c for c in ranked}
        bars = [Bar(self.tr("{name} ({n} cleared)").format(name=c.collector, n=c.rooms_cleared), c.recovered_fen,
                    c.collector) for c in ranked]

        def tooltip(bar: Bar) -> str:
            c = work[bar.note]
            return self.tr("{name}: recovered {amount}, {cleared} rooms cleared\n{calls} calls, {visits} visits, "
                           "{notices} notices; promises {made} made, {kept} kept, {broken} broken").format(
                name=c.collector, amount=format_money(c.recovered_fen), cleared=c.rooms_cleared, calls=c.calls,
                visits=c.visits, notices=c.notices, made=c.promises_made, kept=c.promises_kept,
                broken=c.promises_broken)

        note = self.tr(" · {n} recovered nothing").format(n=idle) if idle else ""
        self._draw(bars, self.tr("Recovered"), tooltip, note)
