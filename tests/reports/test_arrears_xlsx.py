"""The arrears workbook: layout, exact money, text cells, totals, and nothing left on cancel."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from cuijiao_desktop.domain.ageing import AgeBucket
from cuijiao_desktop.domain.enums import ArrearsReason, CallOutcome, Stage
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.reports.arrears_xlsx import COLUMNS, write_arrears_xlsx
from cuijiao_desktop.reports.xlsx import MONEY_FORMAT, display_width
from cuijiao_desktop.services.arrears import ArrearsRow

HEADER_ROW = 3
TITLES = [c.title for c in COLUMNS]


def _row(room_id: int, room: str, total: int, buckets: tuple[int, ...], *, unit: str | None = "2",
         stage: Stage | None = Stage.PHONE, late: int = 0) -> ArrearsRow:
    assert sum(buckets) == total
    return ArrearsRow(
        room_id=room_id, estate_id=1, estate="锦绣花园", building_id=1, building="3", unit=unit, room=room,
        room_code=f"3-{unit}-{room}" if unit else f"3-{room}", owner="欧阳娜娜", owner_initials="oynn",
        phone_masked="138****8000", phone_last4="8000", total_fen=total, months=3, oldest_period=202601,
        bucket_fen=buckets, age_bucket=AgeBucket.M3, late_fee_fen=late, stage=stage, collector_id=7,
        collector="周志强", reason=ArrearsReason.HARDSHIP if stage else None, last_contact_on=date(2026, 7, 14),
        last_outcome=CallOutcome.PROMISED if stage else None, next_action_on=date(2026, 7, 20),
        promise_on=None,
    )


ROWS = [
    _row(1, "0502", 123_456, (23_456, 0, 100_000, 0, 0, 0, 0, 0), late=1_001),
    _row(2, "1502", 1, (0, 0, 0, 0, 0, 0, 0, 1), unit=None, stage=None),
    _row(3, "2101", 99_999_999, (0, 0, 0, 0, 0, 0, 99_999_999, 0), late=99),
]


def _money(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def test_layout_formats_and_totals(tmp_path):
    path = tmp_path / "欠费明细.xlsx"
    seen = []
    count = write_arrears_xlsx(ROWS, path, title="锦绣物业 欠费明细", subtitle="2026-07-15 导出",
                               progress=lambda done, total, text: seen.append((done, total)))
    assert count == 3 and path.exists()
    assert seen and seen[-1] == (3, 3)
    assert [p.name for p in tmp_path.iterdir()] == ["欠费明细.xlsx"]  # no temporary file left

    ws = load_workbook(path).active
    assert ws.title == "欠费明细"
    assert (ws["A1"].value, ws["A2"].value) == ("锦绣物业 欠费明细", "2026-07-15 导出")
    header = [c.value for c in ws[HEADER_ROW]]
    assert header == TITLES
    assert header[:9] == ["小区", "楼栋", "单元", "房号", "业主", "电话", "欠费", "欠费月数", "最早欠费期间"]
    assert header[9:17] == ["账龄1个月", "账龄2个月", "账龄3个月", "账龄3-6个月", "账龄6-12个月", "账龄1-2年",
                            "账龄2-3年", "账龄3年以上"]
    first = ws[HEADER_ROW][0]
    assert first.font.bold and first.fill.fgColor.rgb.endswith("DDE6F0")
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{HEADER_ROW + 3}" == "A3:Y6"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage

    col = {t: i for i, t in enumerate(TITLES)}
    data = [[c for c in ws[HEADER_ROW + i]] for i in (1, 2, 3)]
    a, b, c = data
    assert [a[col["房号"]].value, b[col["房号"]].value] == ["0502", "1502"]  # leading zero kept: text
    assert a[col["房号"]].data_type == "s" and a[col["电话"]].value == "138****8000"
    assert a[col["电话"]].number_format == "@"
    assert (a[col["单元"]].value, b[col["单元"]].value) == ("2", None)
    for name in ("欠费", "滞纳金", "账龄3个月"):
        assert a[col[name]].number_format == MONEY_FORMAT == '"¥"#,##0.00;[Red]-"¥"#,##0.00'
    assert _money(a[col["欠费"]].value) == Decimal("1234.56")
    assert _money(b[col["欠费"]].value) == Decimal("0.01")
    assert _money(c[col["欠费"]].value) == Decimal("999999.99")
    assert _money(a[col["账龄1个月"]].value) == Decimal("234.56")
    assert _money(a[col["滞纳金"]].value) == Decimal("10.01")
    assert a[col["最早欠费期间"]].value == "2026-01"
    assert a[col["欠费月数"]].value == 3
    assert (a[col["催缴阶段"]].value, b[col["催缴阶段"]].value) == ("电话催缴", "未立案")
    assert (a[col["欠费原因"]].value, a[col["联系结果"]].value) == ("经济困难", "承诺缴费")
    assert a[col["最近联系"]].value.date() == date(2026, 7, 14)
    assert a[col["承诺日期"]].value is None

    totals = [c.value for c in ws[HEADER_ROW + 4]]
    assert totals[0] == "合计（3户）"
    assert _money(totals[col["欠费"]]) == Decimal("1001234.56")
    assert _money(totals[col["滞纳金"]]) == Decimal("11.00")
    assert _money(totals[col["账龄2-3年"]]) == Decimal("999999.99")
    assert totals[col["欠费月数"]] is None
    assert ws.max_row == HEADER_ROW + 4

    # CJK-aware widths: a column is at least as wide as its Chinese title counted 2 per character
    for i, title in enumerate(TITLES):
        letter = ws.cell(row=HEADER_ROW, column=i + 1).column_letter
        assert ws.column_dimensions[letter].width >= display_width(title), title


def test_default_subtitle_counts_rooms_and_total(tmp_path):
    path = tmp_path / "a.xlsx"
    write_arrears_xlsx(ROWS[:2], path, title="欠费明细")
    subtitle = load_workbook(path).active["A2"].value
    assert "共 2 户" in subtitle and "¥1,234.57" in subtitle


def test_empty_list_writes_header_and_zero_totals(tmp_path):
    path = tmp_path / "empty.xlsx"
    assert write_arrears_xlsx([], path, title="欠费明细") == 0
    ws = load_workbook(path).active
    assert [c.value for c in ws[HEADER_ROW]] == TITLES
    assert ws[HEADER_ROW + 1][0].value == "合计（0户）"


def test_cancel_leaves_nothing_and_keeps_an_existing_file(tmp_path):
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"old")
    many = ROWS * 400  # the writer checks cancel every 500 rows
    with pytest.raises(DomainError) as err:
        write_arrears_xlsx(many, path, title="欠费明细", cancel=lambda: True)
    assert err.value.code == "task.cancelled"
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]
