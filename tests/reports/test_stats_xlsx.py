"""The monthly statistics workbook: every number of every sheet read back, the layout an office expects,
the 已月结 marking, the trend chart, cancel and the balance check; LibreOffice opens it."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import openpyxl
import pytest

from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.office_time import office_now
from cuijiao_desktop.reports.stats_xlsx import SHEETS, write_stats_workbook
from cuijiao_desktop.reports.xlsx import MONEY_FORMAT, PERCENT_FORMAT, display_width
from cuijiao_desktop.services.stats.model import (
    AgeingRow,
    BuildingFigures,
    CollectorRow,
    DetailRow,
    FeeItemFigures,
    Figures,
    MonthStats,
    ReasonRow,
    TrendPoint,
)

EVIL = "=HYPERLINK(\"http://x\",\"点我\")"

# Two estates; 锦绣花园 has two buildings. Every Figures balances:
# 期末欠费 = 历史欠费 + 当月应收 − 当月实收 − 欠费追回.
B1 = Figures(households=10, households_paid=8, billed_fen=500000, collected_fen=420000, recovered_fen=30000,
             prepaid_fen=12345, opening_arrears_fen=100000, closing_arrears_fen=150000, late_fees_fen=2500)
B2 = Figures(households=5, households_paid=5, billed_fen=250050, collected_fen=250050,
             closing_arrears_fen=0)
JX = Figures(households=15, households_paid=13, billed_fen=750050, collected_fen=670050, recovered_fen=30000,
             prepaid_fen=12345, opening_arrears_fen=100000, closing_arrears_fen=150000, late_fees_fen=2500)
CA = Figures(households=3, households_paid=1, billed_fen=90001, collected_fen=30000, recovered_fen=5,
             opening_arrears_fen=20005, closing_arrears_fen=80001)
TOTAL = Figures(households=18, households_paid=14, billed_fen=840051, collected_fen=700050, recovered_fen=30005,
                prepaid_fen=12345, opening_arrears_fen=120005, closing_arrears_fen=230001, late_fees_fen=2500)
FEE_WY = Figures(households=18, households_paid=14, billed_fen=800051, collected_fen=680050, recovered_fen=25005,
                 prepaid_fen=12345, opening_arrears_fen=100005, closing_arrears_fen=195001)
FEE_CW = Figures(households=4, households_paid=2, billed_fen=40000, collected_fen=20000, recovered_fen=5000,
                 opening_arrears_fen=20000, closing_arrears_fen=35000)
TREND_MONTHS = [f"2025-{m:02d}" for m in (12,)] + [f"2026-{m:02d}" for m in range(1, 12)]


def _stats(**changes: Any) -> MonthStats:
    trend = [TrendPoint("2025-12", 0, 0, 0, 0)]  # nothing billed yet: empty rate cells
    trend += [TrendPoint(m, 18, 10 + i % 5, 800000 + i, 600000 + 1000 * i) for i, m in enumerate(TREND_MONTHS[1:-1])]
    trend.append(TrendPoint("2026-11", 18, 14, 840051, 700050))
    stats = MonthStats(
        month="2026-11", as_of=date(2026, 11, 30), estate=None, generated_at=datetime(2026, 12, 1, 1, 30, tzinfo=UTC),
        total=TOTAL,
        by_building=(BuildingFigures("锦绣花园", "1栋", "锦绣花园1栋", B1),
                     BuildingFigures("锦绣花园", "2栋", "锦绣花园2栋", B2),
                     BuildingFigures("翠湖苑", "A座", "翠湖苑A座", CA)),
        by_estate=(BuildingFigures("锦绣花园", "", "锦绣花园", JX), BuildingFigures("翠湖苑", "", "翠湖苑", CA)),
        by_fee_item=(FeeItemFigures("物业费", FEE_WY), FeeItemFigures("停车费", FEE_CW)),
        ageing=(AgeingRow("锦绣花园", "1栋", "锦绣花园1栋", (2, 0, 0, 1, 0, 0, 0, 0),
                          (50000, 0, 0, 100000, 0, 0, 0, 0)),
                AgeingRow("翠湖苑", "A座", "翠湖苑A座", (1, 1, 0, 0, 0, 0, 0, 1), (30001, 30000, 0, 0, 0, 0, 0, 20000))),
        collectors=(CollectorRow("王芳", 12, 3, 5, 4, 2, 1, 30005, 2), CollectorRow("李强", 7, 0, 2, 1, 0, 1, 0, 0)),
        reasons=(ReasonRow("", "未登记", 3, 150000), ReasonRow("service_quality", "服务质量", 3, 80001)),
        trend=tuple(trend),
        details=(
            DetailRow(1, "1-1-0301", "锦绣花园", "1栋", "张三", "13800138000", 2, "2026-10", "2026-11", 50000,
                      "1个月", "电话催缴", "王芳", "", date(2026, 11, 20)),
            DetailRow(2, "1-2-1502", "锦绣花园", "1栋", EVIL, "021-5555 0101", 6, "2026-01", "2026-06", 100000,
                      "3-6个月", "", "", "", None),
            DetailRow(3, "A-101", "翠湖苑", "A座", "欧阳娜娜", "13900000000", 40, "2022-11", "2026-11", 80001,
                      "3年以上", "律师函", "李强", "服务质量", date(2026, 10, 2)),
        ),
        extra={"office_name": "锦程物业服务中心"},
    )
    return dataclasses.replace(stats, **changes)


def fen(value: Any) -> int:
    """A money cell read back as int fen; it must hold whole fen exactly."""
    cents = Decimal(str(value)) * 100
    assert cents == cents.to_integral_value(), value
    return int(cents)


def pct(value: Any) -> str | None:
    """A rate cell read back as the ratio's text to 4 places ("0.8333"), exact."""
    return None if value is None else str(Decimal(str(value)).quantize(Decimal("0.0001")))


def read(ws: Any, first: int, kinds: str, *, last: int | None = None) -> list[tuple]:
    """Rows ``first``..``last`` (default: the last non-empty row of column A before a blank row), each cell
    converted by its kind letter: t text, i int, m money (fen), p percent, d date."""
    out = []
    row = first
    while (last is None and ws.cell(row, 1).value is not None) or (last is not None and row <= last):
        cells = []
        for col, kind in enumerate(kinds, start=1):
            cell = ws.cell(row, col)
            v = cell.value
            if kind == "m":
                assert cell.number_format == MONEY_FORMAT, cell.coordinate
                cells.append(None if v is None else fen(v))
            elif kind == "p":
                assert cell.number_format == PERCENT_FORMAT, cell.coordinate
                cells.append(pct(v))
            elif kind == "d":
                cells.append(v.date() if v is not None else None)
            else:
                cells.append(v)
        out.append(tuple(cells))
        row += 1
    return out


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("stats") / "月报.xlsx"
    assert write_stats_workbook(_stats(), path) == path
    return openpyxl.load_workbook(path)


def test_summary_sheet_figures_and_layout(workbook):
    assert workbook.sheetnames == list(SHEETS)
    ws = workbook["汇总"]
    assert ws["A1"].value == "锦程物业服务中心 物业费收缴月报 2026年11月　汇总"
    assert ws["A2"].value == "范围：全部小区　数据截至 2026-11-30　生成时间 2026-12-01 09:30"
    assert "已月结" not in ws["A1"].value
    assert [c.value for c in ws[3]] == ["小区", "楼栋", "户数", "当月应收", "当月实收", "欠费追回", "预交", "历史欠费",
                                        "期末欠费", "收缴率(金额)", "收缴率(户数)", "滞纳金实收"]
    kinds = "ttimmmmmmppm"  # 滞纳金实收 apart, after the rates
    assert read(ws, 4, kinds) == [
        ("锦绣花园", "1栋", 10, 500000, 420000, 30000, 12345, 100000, 150000, "0.8400", "0.8000", 2500),
        ("锦绣花园", "2栋", 5, 250050, 250050, 0, 0, 0, 0, "1.0000", "1.0000", 0),
        ("锦绣花园", "小计", 15, 750050, 670050, 30000, 12345, 100000, 150000, "0.8933", "0.8667", 2500),
        ("翠湖苑", "A座", 3, 90001, 30000, 5, 0, 20005, 80001, "0.3333", "0.3333", 0),
        ("翠湖苑", "小计", 3, 90001, 30000, 5, 0, 20005, 80001, "0.3333", "0.3333", 0),
        ("合计", None, 18, 840051, 700050, 30005, 12345, 120005, 230001, "0.8333", "0.7778", 2500),
    ]
    # 670050 / 750050 = 0.893340… ; 700050 / 840051 = 0.833342… ; 14 / 18 = 0.7777…
    assert not ws["A4"].font.bold and ws["A6"].font.bold and ws["C6"].font.bold and ws["K9"].font.bold
    assert ws.freeze_panes == "C4"
    assert ws.auto_filter.ref == "A3:L8"  # the totals row stays out of the filter
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert "A1:L1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.column_dimensions["A"].width >= display_width("锦绣花园") + 2
    assert ws.column_dimensions["J"].width >= display_width("收缴率(金额)") + 2
    assert ws["A11"].value.startswith("当月应收：")  # the definitions below the table
    assert ws["A15"].value.startswith("滞纳金实收（单列，不计入以上各项")
    assert isinstance(ws["D4"].value, (int, float)) and ws["C4"].number_format == "0"


def test_fee_item_ageing_collector_reason_sheets(workbook):
    ws = workbook["按收费项目"]
    assert ws["A1"].value.endswith("按收费项目") and ws.freeze_panes == "B4"
    assert read(ws, 4, "timmmmmmpp") == [
        ("物业费", 18, 800051, 680050, 25005, 12345, 100005, 195001, "0.8500", "0.7778"),
        ("停车费", 4, 40000, 20000, 5000, 0, 20000, 35000, "0.5000", "0.5000"),
        ("合计", 18, 840051, 700050, 30005, 12345, 120005, 230001, "0.8333", "0.7778"),
    ]
    assert ws["A6"].font.bold

    ws = workbook["账龄分析"]
    assert [c.value for c in ws[3]][:6] == ["小区", "楼栋", "1个月", None, "2个月", None]
    assert ws["S3"].value == "合计" and [c.value for c in ws[4]][2:6] == ["户数", "金额", "户数", "金额"]
    assert {"A3:A4", "B3:B4", "C3:D3", "Q3:R3", "S3:T3"} <= {str(r) for r in ws.merged_cells.ranges}
    assert ws.freeze_panes == "C5" and ws.print_title_rows == "$3:$4" and ws.auto_filter.ref == "A4:T8"
    kinds = "tt" + "im" * 9
    assert read(ws, 5, kinds) == [
        ("锦绣花园", "1栋", 2, 50000, 0, 0, 0, 0, 1, 100000, 0, 0, 0, 0, 0, 0, 0, 0, 3, 150000),
        ("锦绣花园", "小计", 2, 50000, 0, 0, 0, 0, 1, 100000, 0, 0, 0, 0, 0, 0, 0, 0, 3, 150000),
        ("翠湖苑", "A座", 1, 30001, 1, 30000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 20000, 3, 80001),
        ("翠湖苑", "小计", 1, 30001, 1, 30000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 20000, 3, 80001),
        ("合计", None, 3, 80001, 1, 30000, 0, 0, 1, 100000, 0, 0, 0, 0, 0, 0, 1, 20000, 6, 230001),
    ]
    assert ws["T9"].font.bold

    ws = workbook["催收业绩"]
    assert [c.value for c in ws[3]] == ["催收员", "电话(次)", "上门(次)", "催缴通知(份)", "承诺(次)", "承诺兑现", "承诺违约",
                                        "追回金额", "清欠户数"]
    assert read(ws, 4, "tiiiiiimi") == [
        ("王芳", 12, 3, 5, 4, 2, 1, 30005, 2),
        ("李强", 7, 0, 2, 1, 0, 1, 0, 0),
        ("合计", 19, 3, 7, 5, 2, 2, 30005, 2),
    ]
    assert ws["A8"].value.startswith("追回金额：") and "本金" in ws["A8"].value and "不含滞纳金" in ws["A8"].value

    ws = workbook["欠费原因"]
    # 150000 / 230001 = 0.652171… ; 80001 / 230001 = 0.347828…
    assert read(ws, 4, "timp") == [
        ("未登记", 3, 150000, "0.6522"),
        ("服务质量", 3, 80001, "0.3478"),
        ("合计", 6, 230001, "1.0000"),
    ]


def test_trend_sheet_and_its_chart(workbook):
    ws = workbook["趋势"]
    assert [c.value for c in ws[3]] == ["月份", "计费户数", "缴清户数", "当月应收", "当月实收", "收缴率(金额)",
                                        "收缴率(户数)"]
    rows = read(ws, 4, "tiimmpp")
    assert [r[0] for r in rows] == TREND_MONTHS
    assert rows[0] == ("2025-12", 0, 0, 0, 0, None, None)  # nothing billed: empty, not 0 %
    assert rows[1] == ("2026-01", 18, 10, 800000, 600000, "0.7500", "0.5556")
    assert rows[2] == ("2026-02", 18, 11, 800001, 601000, "0.7512", "0.6111")  # 601000/800001 = 0.751249…
    assert rows[-1] == ("2026-11", 18, 14, 840051, 700050, "0.8333", "0.7778")
    assert len(ws._charts) == 1
    chart = ws._charts[0]
    assert type(chart).__name__ == "LineChart" and len(chart.series) == 2
    refs = [s.val.numRef.f for s in chart.series]
    assert refs == ["'趋势'!$F$4:$F$15", "'趋势'!$G$4:$G$15"]
    cat = chart.series[0].cat
    assert (cat.strRef or cat.numRef).f == "'趋势'!$A$4:$A$15"  # 12 points
    assert [s.tx.strRef.f for s in chart.series] == ["'趋势'!F3", "'趋势'!G3"]


def test_detail_sheet_rooms_and_phones_as_text(workbook):
    ws = workbook["欠费明细"]
    assert ws.freeze_panes == "D4"
    rows = read(ws, 4, "tttttittmtttt" + "d", last=7)
    assert rows == [
        ("锦绣花园", "1栋", "1-1-0301", "张三", "13800138000", 2, "2026-10", "2026-11", 50000, "1个月", "电话催缴",
         "王芳", None, date(2026, 11, 20)),
        ("锦绣花园", "1栋", "1-2-1502", EVIL, "021-5555 0101", 6, "2026-01", "2026-06", 100000, "3-6个月", "未立案",
         None, None, None),
        ("翠湖苑", "A座", "A-101", "欧阳娜娜", "13900000000", 40, "2022-11", "2026-11", 80001, "3年以上", "律师函",
         "李强", "服务质量", date(2026, 10, 2)),
        ("合计（3户）", None, None, None, None, None, None, None, 230001, None, None, None, None, None),
    ]
    assert ws["C4"].number_format == "@" and ws["E4"].number_format == "@" and ws["C4"].data_type == "s"
    assert ws["D5"].data_type == "s" and ws["D5"].quotePrefix  # a name that looks like a formula stays text
    assert ws["I7"].font.bold


def test_closed_month_is_marked_and_estate_scope_shown(tmp_path):
    stats = _stats(closed_at=datetime(2026, 12, 2, 2, 15), closed_by="赵会计", estate="锦绣花园", extra={})
    path = write_stats_workbook(stats, tmp_path / "closed.xlsx")
    wb = openpyxl.load_workbook(path)
    for name in SHEETS:
        ws = wb[name]
        assert ws["A1"].value == f"物业费收缴月报 2026年11月（已月结）　{name}"
        assert ws["A2"].value.startswith("范围：锦绣花园　数据截至 2026-11-30")
        assert ws["A3"].value == "已月结：2026-12-02 10:15 月结　月结人 赵会计（此后到账或冲正的款项不改变本表）"
    assert wb["汇总"]["A4"].value == "小区" and wb["汇总"].freeze_panes == "C5"
    assert wb["汇总"].print_title_rows == "$4:$4" and wb["账龄分析"].print_title_rows == "$4:$5"


def test_write_offs_get_their_own_column(tmp_path):
    fig = Figures(households=1, billed_fen=1000, opening_arrears_fen=500, other_reductions_fen=500,
                  closing_arrears_fen=1000)
    stats = _stats(total=fig, by_building=(BuildingFigures("甲", "1栋", "甲1栋", fig),),
                   by_estate=(BuildingFigures("甲", "", "甲", fig),), by_fee_item=(), ageing=(), reasons=(),
                   details=())
    ws = openpyxl.load_workbook(write_stats_workbook(stats, tmp_path / "w.xlsx"))["汇总"]
    assert [c.value for c in ws[3]][7:10] == ["历史欠费", "核销及调整", "期末欠费"]
    assert read(ws, 4, "ttimmmmmmmpp") == [("甲", "1栋", 1, 1000, 0, 0, 0, 500, 500, 1000, "0.0000", "0.0000"),
                                           ("合计", None, 1, 1000, 0, 0, 0, 500, 500, 1000, "0.0000", "0.0000")]


def test_unbalanced_figures_are_refused(tmp_path):
    wrong = Figures(households=1, billed_fen=1000, closing_arrears_fen=999)
    with pytest.raises(DomainError) as err:
        write_stats_workbook(_stats(by_fee_item=(FeeItemFigures("水费", wrong),)), tmp_path / "x.xlsx")
    assert err.value.code == "stats.unbalanced"
    assert err.value.params == {"month": "2026-11", "scope": "水费", "formula_fen": 1000, "bills_fen": 999}
    assert list(tmp_path.iterdir()) == []


def test_cancel_leaves_no_file_and_progress_reaches_the_end(tmp_path):
    calls: list[int] = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3  # while the fourth sheet is being written

    with pytest.raises(DomainError) as err:
        write_stats_workbook(_stats(), tmp_path / "c.xlsx", cancel=cancel)
    assert err.value.code == "task.cancelled"
    assert list(tmp_path.iterdir()) == []
    seen: list[tuple[int, int, str]] = []
    write_stats_workbook(_stats(), tmp_path / "p.xlsx", progress=lambda d, t, s: seen.append((d, t, s)))
    total = 5 + 2 + 4 + 2 + 2 + 12 + 3  # the data rows of the seven sheets
    assert seen[-1] == (total, total, "欠费明细") and [s for *_, s in seen] == list(SHEETS)


def test_libreoffice_opens_the_workbook(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") == "true":  # scripts/run-tests.sh installs it: in CI a skip would hide the check
            pytest.fail("LibreOffice (soffice) is missing although CI=true")
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
    path = write_stats_workbook(_stats(closed_at=datetime(2026, 12, 2, 2, 15), closed_by="赵会计"),
                                tmp_path / "月报.xlsx")
    profile = tmp_path / "lo-profile"
    done = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                          capture_output=True, text=True, timeout=120, check=False)
    pdf = tmp_path / "月报.pdf"
    assert done.returncode == 0 and pdf.is_file(), (done.stdout, done.stderr)
    assert "Error" not in done.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "物业费收缴月报 2026年11月（已月结）" in text and "锦绣花园" in text
        assert "¥7,000.50" in text and "83.33%" in text


def _rate(num: int, den: int) -> str | None:
    """The rate cell's expected text, computed apart from the program's helper."""
    if not den:
        return None
    return str((Decimal(num) / Decimal(den)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))


def _fig_row(f: dict[str, int]) -> tuple:
    return (f["households"], f["billed_fen"], f["collected_fen"], f["recovered_fen"], f["prepaid_fen"],
            f["opening_arrears_fen"], f["other_reductions_fen"], f["closing_arrears_fen"],
            _rate(f["collected_fen"], f["billed_fen"]), _rate(f["households_paid"], f["households"]))


def test_workbook_of_the_hand_built_ledger(session_factory, tmp_path):
    """The ledger of tests/stats_ledger.py (March 2026) computed by the service, written and read back;
    then the month is closed and the closed month's workbook says 已月结 over the same figures."""
    from stats_ledger import EXPECTED, MONTH, build_stats_ledger

    from cuijiao_desktop.services.stats import close_month, month_report
    from cuijiao_desktop.services.stats.figures import compute_month_stats

    ledger = build_stats_ledger(session_factory)
    with session_factory() as s:
        stats = compute_month_stats(s, MONTH)
    wb = openpyxl.load_workbook(write_stats_workbook(stats, tmp_path / "2026-03.xlsx"))

    ws = wb["汇总"]  # a write-off/adjustment of 10.00 in March: the 核销及调整 column is there
    assert [c.value for c in ws[3]][7:10] == ["历史欠费", "核销及调整", "期末欠费"]
    assert ws["M3"].value == "滞纳金实收"  # apart, after the rates: the late fee of 2-1-202 collected on 03-18
    rows = read(ws, 4, "ttimmmmmmmppm")
    by_building = {f"{r[0]} {r[1]}": r[2:] for r in rows if r[1] not in ("小计", None)}
    assert by_building == {label: (*_fig_row(f), f["late_fees_fen"]) for label, f in EXPECTED["by_building"].items()}
    subtotals = {r[0]: r[2:] for r in rows if r[1] == "小计"}
    assert subtotals == {estate: (*_fig_row(f), f["late_fees_fen"]) for estate, f in EXPECTED["by_estate"].items()}
    assert rows[-1] == ("合计", None, *_fig_row(EXPECTED["total"]), 500)
    assert len(rows) == 3 + 2 + 1
    assert ws["A2"].value.startswith("范围：全部小区　数据截至 2026-03-31")

    rows = read(wb["按收费项目"], 4, "timmmmmmmpp")
    assert {r[0]: r[1:] for r in rows[:-1]} == {k: _fig_row(f) for k, f in EXPECTED["by_fee_item"].items()}
    assert rows[-1] == ("合计", *_fig_row(EXPECTED["total"]))

    rows = read(wb["账龄分析"], 5, "tt" + "im" * 9)
    got = {f"{r[0]} {r[1]}": r[2:] for r in rows if r[1] not in ("小计", None)}
    want = {}
    for label, (households, amounts) in EXPECTED["ageing"].items():
        want[label] = (*(x for pair in zip(households, amounts, strict=True) for x in pair), sum(households),
                       sum(amounts))
    assert got == want
    ageing_fen = tuple(EXPECTED["ageing_fen"].values())
    assert rows[-1][0] == "合计" and rows[-1][3::2][:8] == ageing_fen
    assert rows[-1][-1] == EXPECTED["total"]["closing_arrears_fen"] == sum(ageing_fen)

    rows = read(wb["催收业绩"], 4, "tiiiiiimi")
    keys = ("calls", "visits", "notices", "promises_made", "promises_kept", "promises_broken", "recovered_fen",
            "rooms_cleared")
    assert {r[0]: r[1:] for r in rows[:-1]} == {c: tuple(v[k] for k in keys)
                                                for c, v in EXPECTED["collectors"].items()}
    assert rows[-1] == ("合计", *(sum(v[k] for v in EXPECTED["collectors"].values()) for k in keys))

    rows = read(wb["欠费原因"], 4, "timp")
    total = sum(r[3] for r in EXPECTED["reasons"])
    assert rows == [*((label, n, fen, _rate(fen, total)) for _, label, n, fen in EXPECTED["reasons"]),
                    ("合计", sum(r[2] for r in EXPECTED["reasons"]), total, "1.0000")]

    rows = read(wb["趋势"], 4, "tiimmpp")
    assert len(rows) == 12 and rows[0][0] == "2025-04" and rows[-1][0] == "2026-03"
    assert rows[:9] == [(r[0], 0, 0, 0, 0, None, None) for r in rows[:9]]  # nothing billed before January
    assert rows[9:] == [(m, n, p, b, c, _rate(c, b), _rate(p, n)) for m, n, p, b, c in EXPECTED["trend"]]
    assert len(wb["趋势"]._charts) == 1

    rows = read(wb["欠费明细"], 4, "tttttittmtttt" + "d")
    details = [(r[2], f"{r[0]} {r[1]}", r[3], r[5], r[6], r[7], r[8], r[9], r[10], r[11] or "", r[12] or "")
               for r in rows[:-1]]
    want_details = [(*d[:8], d[8] or "未立案", *d[9:]) for d in EXPECTED["details"]]
    assert sorted(details) == sorted(want_details)
    assert rows[-1][0] == "合计（4户）" and rows[-1][8] == EXPECTED["total"]["closing_arrears_fen"]

    with session_factory.begin() as s:
        close_month(s, ledger.finance, MONTH)
    with session_factory() as s:
        closed = month_report(s, MONTH)
    assert closed.closed_at is not None
    closed_wb = openpyxl.load_workbook(write_stats_workbook(closed, tmp_path / "2026-03-closed.xlsx"))
    closed_on = office_now(closed.closed_at)
    for name in SHEETS:
        ws = closed_wb[name]
        assert ws["A1"].value == f"锦程物业服务中心 物业费收缴月报 2026年03月（已月结）　{name}"
        assert ws["A3"].value == (f"已月结：{closed_on:%Y-%m-%d %H:%M} 月结　月结人 财务"
                                  "（此后到账或冲正的款项不改变本表）")
        assert _table(ws, 4) == _table(wb[name], 3)  # the same table and figures, a line lower


def _table(ws: Any, first: int) -> list[tuple]:
    """The sheet's cell values from row ``first`` on, without trailing empty rows."""
    rows = [r for r in ws.iter_rows(min_row=first, values_only=True)]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows
