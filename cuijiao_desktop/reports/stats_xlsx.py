"""The monthly statistics workbook (物业费收缴月报) of issue 12, from a :class:`MonthStats`.

Seven sheets, each with the report's title, the data date and the generation time above a frozen,
filtered header (the generic writer :func:`reports.xlsx.add_table_sheet`):

汇总        per estate and building: 户数 and the month's figures, both 收缴率; estate subtotals
            (when there are several estates) and the office's totals row
按收费项目  the same figures per fee item and the office's totals
账龄分析    rooms and amounts per ageing bucket, per building, with totals
催收业绩    per collector: calls, visits, notices, promises, amount recovered, rooms cleared
欠费原因    rooms and amounts per reason, with each reason's share of the arrears
趋势        12 months of both rates, with a native line chart
欠费明细    one row per room in arrears at the end of the month

Money is written in yuan exactly (``Decimal(fen) / 100``, the ``¥`` format); rates are the
exact fractions rounded half-up to the shown 0.01 % (``domain.rates``). A month-close snapshot
(``stats.closed_at``) says 已月结 in every title with the close time and who closed it.

The workbook refuses to be written when 期末欠费 by the formula and by the bills differ anywhere
(``DomainError("stats.unbalanced")``, as the service). It is written to a temporary file renamed into
place: a cancel or a failure leaves nothing. ``openpyxl`` is imported only when writing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from cuijiao_desktop.domain.ageing import BUCKET_LABELS_ZH, AgeBucket
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.labels_zh import ARREARS_ZH
from cuijiao_desktop.domain.office_time import office_now
from cuijiao_desktop.services.stats.figures import building_label
from cuijiao_desktop.services.stats.model import AgeingRow, Figures, MonthStats

from .xlsx import (
    BoldRow,
    CancelFn,
    ProgressFn,
    XlsxColumn,
    add_table_sheet,
    discard_workbook,
    save_workbook,
)

__all__ = ["SHEETS", "report_title", "write_stats_workbook"]

#: The sheets, in the workbook's order.
SHEETS = ("汇总", "按收费项目", "账龄分析", "催收业绩", "欠费原因", "趋势", "欠费明细")

TOTAL_LABEL = "合计"
SUBTOTAL_LABEL = "小计"
_BUCKETS = tuple(AgeBucket)

_FIGURE_COLUMNS = (
    XlsxColumn("户数", "int"),
    XlsxColumn("当月应收", "money"),
    XlsxColumn("当月实收", "money"),
    XlsxColumn("欠费追回", "money"),
    XlsxColumn("预交", "money"),
    XlsxColumn("历史欠费", "money"),
    XlsxColumn("期末欠费", "money"),
    XlsxColumn("收缴率(金额)", "percent"),
    XlsxColumn("收缴率(户数)", "percent"),
)
_OTHER_REDUCTIONS = XlsxColumn("核销及调整", "money")
#: 汇总's last column, apart from the figures and the identity: the late fees collected in M.
_LATE_FEES = XlsxColumn("滞纳金实收", "money")

_FOOTNOTES = (
    "当月应收：本月账期账单金额；当月实收：截至月末分配到本月账期账单的金额（含以前月份的预交）。",
    "欠费追回：本月内缴款分配到以前账期账单的金额；预交：本月内缴款分配到以后账期或留作余额的金额。",
    ("历史欠费：月初以前账期账单的未缴金额；期末欠费 = 历史欠费 + 当月应收 − 当月实收 − 欠费追回"
     "（有核销或调整时再减去该列），与按账单逐笔计算的月末欠费一致。"),
    ("收缴率(金额) = 当月实收 ÷ 当月应收；收缴率(户数) = 本月账单全部缴清的户数 ÷ 本月计费户数。"
     "冲正按冲正日期计入；滞纳金不计入以上各项。"),
    "滞纳金实收（单列，不计入以上各项及期末欠费等式）：本月内缴款（冲正按冲正日期计入）中收取的滞纳金。",
)


def report_title(stats: MonthStats) -> str:
    """The workbook's title: the office's name (when the stats carry it) and 物业费收缴月报 YYYY年MM月."""
    year, month = stats.month.split("-")
    office = str(stats.extra.get("office_name") or "").strip()
    text = f"物业费收缴月报 {year}年{month}月"
    return f"{office} {text}" if office else text


def _subtitles(stats: MonthStats) -> list[str]:
    scope = stats.estate or "全部小区"
    generated = office_now(stats.generated_at)  # stored in UTC; printed in Beijing time
    lines = [f"范围：{scope}　数据截至 {stats.as_of:%Y-%m-%d}　生成时间 {generated:%Y-%m-%d %H:%M}"]
    if stats.closed_at is not None:
        who = f"　月结人 {stats.closed_by}" if stats.closed_by else ""
        lines.append(f"已月结：{office_now(stats.closed_at):%Y-%m-%d %H:%M} 月结{who}"
                     "（此后到账或冲正的款项不改变本表）")
    return lines


def _check_balanced(stats: MonthStats) -> None:
    scopes: list[tuple[str, Figures]] = [(TOTAL_LABEL, stats.total)]
    scopes += [(b.label, b.figures) for b in (*stats.by_estate, *stats.by_building)]
    scopes += [(f.fee_item, f.figures) for f in stats.by_fee_item]
    for label, fig in scopes:
        if not fig.balanced:
            raise DomainError("stats.unbalanced", month=stats.month, scope=label,
                              formula_fen=fig.identity_closing_fen, bills_fen=fig.closing_arrears_fen)


def _building(estate: str, building: str) -> str:
    """The building as the office writes it (``3`` -> ``3栋``; the rule of the statistics' labels)."""
    return building_label(estate, building).removeprefix(f"{estate} ") if building else building


def _figure_cells(fig: Figures, with_other: bool) -> tuple[Any, ...]:
    cells: tuple[Any, ...] = (fig.households, fig.billed_fen, fig.collected_fen, fig.recovered_fen,
                              fig.prepaid_fen, fig.opening_arrears_fen)
    if with_other:
        cells += (fig.other_reductions_fen,)
    return (*cells, fig.closing_arrears_fen, fig.rate_amount, fig.rate_households)


def _figure_columns(with_other: bool) -> tuple[XlsxColumn, ...]:
    if not with_other:
        return _FIGURE_COLUMNS
    return (*_FIGURE_COLUMNS[:6], _OTHER_REDUCTIONS, *_FIGURE_COLUMNS[6:])


def _by_estate(buildings: Sequence[Any], estates: Sequence[str]) -> list[tuple[str, list[Any]]]:
    """Buildings grouped under their estates, estates in the given order (then any other, as met)."""
    order = list(estates)
    for b in buildings:
        if b.estate not in order:
            order.append(b.estate)
    return [(e, [b for b in buildings if b.estate == e]) for e in order]


def _summary_rows(stats: MonthStats, with_other: bool) -> list[Any]:
    estates = {e.estate: e.figures for e in stats.by_estate}
    groups = _by_estate(stats.by_building, [e.estate for e in stats.by_estate])
    rows: list[Any] = []
    for estate, buildings in groups:
        rows += [(b.estate, _building(b.estate, b.building), *_figure_cells(b.figures, with_other),
                  b.figures.late_fees_fen) for b in buildings]
        if len(groups) > 1 and estate in estates:
            rows.append(BoldRow((estate, SUBTOTAL_LABEL, *_figure_cells(estates[estate], with_other),
                                 estates[estate].late_fees_fen)))
    return rows


def _ageing_cells(households: Sequence[int], amounts: Sequence[int]) -> tuple[int, ...]:
    cells: list[int] = []
    for n, fen in zip(households, amounts, strict=True):
        cells += [n, fen]
    return (*cells, sum(households), sum(amounts))


def _sum_ageing(rows: Sequence[AgeingRow]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    n = len(_BUCKETS)
    return (tuple(sum(r.households[i] for r in rows) for i in range(n)),
            tuple(sum(r.amount_fen[i] for r in rows) for i in range(n)))


def _ageing_rows(stats: MonthStats) -> list[Any]:
    groups = _by_estate(stats.ageing, [e.estate for e in stats.by_estate])
    rows: list[Any] = []
    for estate, members in groups:
        rows += [(a.estate, _building(a.estate, a.building), *_ageing_cells(a.households, a.amount_fen))
                 for a in members]
        if len(groups) > 1 and members:
            rows.append(BoldRow((estate, SUBTOTAL_LABEL, *_ageing_cells(*_sum_ageing(members)))))
    return rows


@dataclass(frozen=True)
class _Sheet:
    """One sheet to write: its name, columns and rows, and the extras of ``add_table_sheet``."""

    name: str
    columns: Sequence[XlsxColumn]
    rows: list[Any]
    totals_row: Sequence[Any] | None = None
    freeze_columns: int = 1
    header_groups: Sequence[tuple[str | None, int]] | None = None
    footnotes: Sequence[str] = ()
    fit_to_height: int = 0


def _sheets(stats: MonthStats) -> list[_Sheet]:
    with_other = any(f.other_reductions_fen for f in (
        stats.total, *(b.figures for b in (*stats.by_building, *stats.by_estate)),
        *(f.figures for f in stats.by_fee_item)))
    fig_cols = _figure_columns(with_other)
    total_cells = _figure_cells(stats.total, with_other)
    return [
        _Sheet("汇总", (XlsxColumn("小区"), XlsxColumn("楼栋"), *fig_cols, _LATE_FEES),
               _summary_rows(stats, with_other), (TOTAL_LABEL, None, *total_cells, stats.total.late_fees_fen),
               freeze_columns=2, footnotes=_FOOTNOTES),
        _Sheet("按收费项目", (XlsxColumn("收费项目"), *fig_cols),
               [(f.fee_item, *_figure_cells(f.figures, with_other)) for f in stats.by_fee_item],
               (TOTAL_LABEL, *total_cells),
               footnotes=("户数按房间计：同一房间有几个收费项目时在每个项目中各计一次，合计行按房间只计一次。",)),
        _ageing_sheet(stats),
        _collector_sheet(stats),
        _reason_sheet(stats),
        _Sheet("趋势", _TREND_COLUMNS, [(t.month, t.households, t.households_paid, t.billed_fen, t.collected_fen,
                                         t.rate_amount, t.rate_households) for t in stats.trend],
               fit_to_height=1),  # the table and its chart on one page
        _detail_sheet(stats),
    ]


def _ageing_sheet(stats: MonthStats) -> _Sheet:
    pair = (XlsxColumn("户数", "int"), XlsxColumn("金额", "money"))
    return _Sheet(
        "账龄分析", (XlsxColumn("小区"), XlsxColumn("楼栋"), *(pair * (len(_BUCKETS) + 1))), _ageing_rows(stats),
        (TOTAL_LABEL, None, *_ageing_cells(*_sum_ageing(stats.ageing))), freeze_columns=2,
        header_groups=((None, 2), *((BUCKET_LABELS_ZH[b], 2) for b in _BUCKETS), (TOTAL_LABEL, 2)),
        footnotes=("账龄按到期日后已开始的月数计；金额按账单归入各账龄段，户数按房间最早一笔未缴账单只计一次。",))


_COLLECTOR_FIELDS = ("calls", "visits", "notices", "promises_made", "promises_kept", "promises_broken",
                     "recovered_fen", "rooms_cleared")


_COLLECTOR_FOOTNOTE = ("追回金额：其负责案件的房间本月内缴款（冲正按冲正日期计入）分配到本月及以前账期账单的本金，"
                       "不含滞纳金、预交以后账期或留作余额的款项及余额抵扣；清欠户数：其中月末已无欠费的房间。")


def _collector_sheet(stats: MonthStats) -> _Sheet:
    columns = (XlsxColumn("催收员"), XlsxColumn("电话(次)", "int"), XlsxColumn("上门(次)", "int"),
               XlsxColumn("催缴通知(份)", "int"), XlsxColumn("承诺(次)", "int"), XlsxColumn("承诺兑现", "int"),
               XlsxColumn("承诺违约", "int"), XlsxColumn("追回金额", "money"), XlsxColumn("清欠户数", "int"))
    rows = [(c.collector, *(getattr(c, k) for k in _COLLECTOR_FIELDS)) for c in stats.collectors]
    totals = (TOTAL_LABEL, *(sum(getattr(c, k) for c in stats.collectors) for k in _COLLECTOR_FIELDS))
    return _Sheet("催收业绩", columns, rows, totals,
                  footnotes=(_COLLECTOR_FOOTNOTE,))


def _reason_sheet(stats: MonthStats) -> _Sheet:
    total = sum(r.amount_fen for r in stats.reasons)

    def share(fen: int) -> Fraction | None:
        return Fraction(fen, total) if total else None

    columns = (XlsxColumn("欠费原因"), XlsxColumn("户数", "int"), XlsxColumn(f"{ARREARS_ZH}金额", "money"),
               XlsxColumn("金额占比", "percent"))
    rows = [(r.label, r.households, r.amount_fen, share(r.amount_fen)) for r in stats.reasons]
    return _Sheet("欠费原因", columns, rows, (TOTAL_LABEL, sum(r.households for r in stats.reasons), total,
                                             share(total)))


_TREND_COLUMNS = (XlsxColumn("月份", align="center"), XlsxColumn("计费户数", "int"), XlsxColumn("缴清户数", "int"),
                  XlsxColumn("当月应收", "money"), XlsxColumn("当月实收", "money"),
                  XlsxColumn("收缴率(金额)", "percent"), XlsxColumn("收缴率(户数)", "percent"))
_DETAIL_COLUMNS = (XlsxColumn("小区"), XlsxColumn("楼栋"), XlsxColumn("房号"), XlsxColumn("业主"), XlsxColumn("电话"),
                   XlsxColumn("欠费月数", "int", align="center"), XlsxColumn("起始账期", "period"),
                   XlsxColumn("截止账期", "period"), XlsxColumn(f"{ARREARS_ZH}金额", "money"),
                   XlsxColumn("账龄(最长)", align="center"), XlsxColumn("催缴阶段", align="center"),
                   XlsxColumn("催收员"), XlsxColumn("欠费原因"), XlsxColumn("最近联系", "date"))


def _detail_sheet(stats: MonthStats) -> _Sheet:
    rows = [(d.estate, _building(d.estate, d.building), d.room_code, d.owner, d.phone, d.months, d.first_period, d.last_period,
             d.amount_fen, d.oldest_bucket, d.stage or "未立案", d.collector, d.reason, d.last_contact)
            for d in stats.details]
    totals = (f"{TOTAL_LABEL}（{len(rows):,}户）", *([None] * 7), sum(d.amount_fen for d in stats.details))
    return _Sheet("欠费明细", _DETAIL_COLUMNS, rows, totals, freeze_columns=3)


def write_stats_workbook(
    stats: MonthStats,
    path: Path,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> Path:
    """Write the monthly statistics workbook of ``stats`` to ``path`` (.xlsx); return the path.

    ``progress(done, total, sheet)`` is called as the sheets are written (``total`` counts the rows
    of every sheet); when ``cancel()`` returns True a ``DomainError("task.cancelled")`` is raised
    and no file is left. Raises ``DomainError("stats.unbalanced")`` when a scope's 期末欠费
    by the formula differs from the one computed from the bills.
    """
    from openpyxl import Workbook

    _check_balanced(stats)
    title = report_title(stats) + ("（已月结）" if stats.closed_at is not None else "")
    subtitles = _subtitles(stats)
    sheets = _sheets(stats)
    total_rows = sum(len(s.rows) for s in sheets)
    done = 0

    wb = Workbook(write_only=True)
    try:
        for sheet in sheets:
            if cancel is not None and cancel():
                raise DomainError("task.cancelled")
            step = None
            if progress is not None:
                def step(d: int, _t: int, _x: str, offset: int = done, name: str = sheet.name) -> None:
                    progress(offset + d, total_rows, name)
            info = add_table_sheet(
                wb, sheet.columns, sheet.rows, sheet_title=sheet.name, title=f"{title}　{sheet.name}",
                subtitle=subtitles, header_groups=sheet.header_groups, freeze_columns=sheet.freeze_columns,
                totals_row=sheet.totals_row, footnotes=sheet.footnotes, fit_to_height=sheet.fit_to_height,
                progress=step, cancel=cancel)
            done += info.rows
            if sheet.name == "趋势" and info.rows:
                _add_trend_chart(wb[info.title], info)
            if progress is not None:
                progress(done, total_rows, sheet.name)
    except BaseException:
        discard_workbook(wb)
        raise
    return save_workbook(wb, path, cancel=cancel)


def _add_trend_chart(ws: Any, info: Any) -> None:
    """Both rates over the months of the 趋势 sheet (columns F and G, months in A) as a line chart."""
    from openpyxl.chart import LineChart, Reference

    chart = LineChart()
    chart.title = "收缴率趋势"
    chart.style = 2
    chart.height, chart.width = 8, 22
    chart.y_axis.title = "收缴率"
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.x_axis.title = "月份"
    chart.x_axis.delete = False  # openpyxl 3.1 hides the axes unless told
    chart.y_axis.delete = False
    chart.legend.position = "b"
    data = Reference(ws, min_col=6, max_col=7, min_row=info.header_row, max_row=info.last_data_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=info.first_data_row, max_row=info.last_data_row))
    for series in chart.series:
        series.smooth = False
        series.marker.symbol = "circle"
    ws.add_chart(chart, f"A{info.last_data_row + 3}")
