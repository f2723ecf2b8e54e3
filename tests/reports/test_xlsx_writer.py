"""The generic table writer: formats, layout, totals, CSV with BOM, cancel leaves nothing."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.reports.xlsx import (
    MONEY_FORMAT,
    XlsxColumn,
    cell_text,
    display_width,
    write_table_csv,
    write_table_xlsx,
)

COLUMNS = [
    XlsxColumn("房号"),
    XlsxColumn("业主"),
    XlsxColumn("电话"),
    XlsxColumn("欠费", "money"),
    XlsxColumn("月数", "int"),
    XlsxColumn("最早账期", "period"),
    XlsxColumn("缴费日期", "date"),
    XlsxColumn("面积", "area"),
]
ROWS = [
    ("3-2-1502", "张三", "13800138000", 123456, 7, 202510, dt.date(2026, 1, 5), 8950),
    ("1-1-101", "欧阳娜娜娜娜娜娜娜娜", "", -1, 0, 202601, None, 0),
]


def test_xlsx_layout_and_formats(tmp_path):
    path = tmp_path / "arrears.xlsx"
    n = write_table_xlsx(path, COLUMNS, ROWS, sheet_title="欠费", title="欠费明细", subtitle="截至 2026-02-01",
                         totals_label="合计")
    assert n == 2
    wb = openpyxl.load_workbook(path)
    ws = wb["欠费"]
    assert ws["A1"].value == "欠费明细" and ws["A2"].value == "截至 2026-02-01"
    assert "A1:H1" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[3]] == [c.title for c in COLUMNS]
    assert ws["A3"].font.bold and ws["A3"].fill.fgColor.rgb.endswith("DDE6F0")
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:H5"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    row = [c for c in ws[4]]
    assert row[0].value == "3-2-1502" and row[0].number_format == "@"
    assert row[2].value == "13800138000" and row[2].number_format == "@"
    assert Decimal(str(row[3].value)).quantize(Decimal("0.01")) == Decimal("1234.56")
    assert row[3].number_format == MONEY_FORMAT
    assert row[4].value == 7
    assert row[5].value == "2025-10"
    assert row[6].value.date() == dt.date(2026, 1, 5) and row[6].number_format == "yyyy-mm-dd"
    assert Decimal(str(row[7].value)).quantize(Decimal("0.01")) == Decimal("89.50")
    totals = [c.value for c in ws[6]]
    assert totals[0] == "合计" and Decimal(str(totals[3])).quantize(Decimal("0.01")) == Decimal("1234.55")
    assert ws[6][0].font.bold
    # CJK-aware width: the long name (10 wide characters) sizes its column
    assert ws.column_dimensions["B"].width == display_width("欧阳娜娜娜娜娜娜娜娜") + 2 == 22


def test_width_helper_counts_wide_characters():
    assert display_width("abc") == 3
    assert display_width("张三") == 4
    assert display_width("１２") == 4  # full-width digits are wide
    assert cell_text("money", -5) == "-0.05"
    assert cell_text("period", 202601) == "2026-01"
    assert cell_text("area", 12345) == "123.45"


def test_explicit_width_and_sheet_name_cleaning(tmp_path):
    path = tmp_path / "x.xlsx"
    write_table_xlsx(path, [XlsxColumn("A", width=33)], [("x",)], sheet_title="a/b:c")
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "a_b_c"
    assert ws.column_dimensions["A"].width == 33
    assert ws.freeze_panes == "A2"


def test_float_is_refused(tmp_path):
    with pytest.raises(TypeError):
        write_table_xlsx(tmp_path / "f.xlsx", [XlsxColumn("x", "money")], [(1.5,)], sheet_title="s")
    assert list(tmp_path.iterdir()) == []


def test_cancel_leaves_nothing(tmp_path):
    path = tmp_path / "big.xlsx"
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 1

    rows = [(str(i), i) for i in range(3000)]
    with pytest.raises(DomainError) as err:
        write_table_xlsx(path, [XlsxColumn("n"), XlsxColumn("m", "money")], rows, sheet_title="s",
                         cancel=cancel)
    assert err.value.code == "task.cancelled"
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(DomainError):
        write_table_csv(tmp_path / "big.csv", [XlsxColumn("n")], rows, cancel=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_progress_is_reported(tmp_path):
    seen = []
    rows = [(str(i),) for i in range(1200)]
    write_table_xlsx(tmp_path / "p.xlsx", [XlsxColumn("n")], rows, sheet_title="s",
                     progress=lambda d, t, _: seen.append((d, t)))
    assert seen[0] == (500, 1200) and seen[-1] == (1200, 1200)


def test_csv_has_bom_and_exact_text(tmp_path):
    path = tmp_path / "t.csv"
    write_table_csv(path, COLUMNS, ROWS)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        got = list(csv.reader(fh))
    assert got[0] == [c.title for c in COLUMNS]
    assert got[1] == ["3-2-1502", "张三", "13800138000", "1234.56", "7", "2025-10", "2026-01-05", "89.50"]
    assert got[2] == ["1-1-101", "欧阳娜娜娜娜娜娜娜娜", "", "-0.01", "0", "2026-01", "", "0.00"]


def test_percent_columns_hold_the_shown_rate_exactly(tmp_path):
    from fractions import Fraction

    from cuijiao_desktop.reports.xlsx import PERCENT_FORMAT

    assert cell_text("percent", Fraction(2, 3)) == "66.67%" and cell_text("percent", Fraction(1, 8)) == "12.50%"
    path = tmp_path / "rates.xlsx"
    write_table_xlsx(path, [XlsxColumn("率", "percent"), XlsxColumn("月", "period", align="left")],
                     [(Fraction(2, 3), 202601), (Fraction(1, 20000), 202602), (None, 202603)], sheet_title="s")
    ws = openpyxl.load_workbook(path)["s"]
    assert [Decimal(str(ws.cell(r, 1).value)) if ws.cell(r, 1).value is not None else None for r in (2, 3, 4)] == [
        Decimal("0.6667"), Decimal("0.0001"), None]  # half-up to 0.01 %; None stays empty
    assert ws["A2"].number_format == PERCENT_FORMAT and ws["B2"].alignment.horizontal == "left"
    with pytest.raises(ValueError):
        XlsxColumn("x", align="middle")


def test_rows_written_as_text_are_byte_for_byte_openpyxls(tmp_path, monkeypatch):
    """The fast row writer (cells written as text) gives exactly the sheet openpyxl writes itself."""
    import zipfile
    from fractions import Fraction

    from cuijiao_desktop.reports import xlsx
    from cuijiao_desktop.reports.xlsx import BoldRow, add_table_sheet, save_workbook

    columns = [*COLUMNS, XlsxColumn("比例", "percent"), XlsxColumn("备注", align="center")]
    rows = [
        ("1-1-101", " 张三 ", "=cmd|' /C calc'!A0", 123456, 3, 202601, dt.date(2026, 3, 5), 8950,
         Fraction(2, 3), "a & b <c> \"d\""),
        ("1-1-102", "", None, -5, 0, None, None, None, None, "  "),
        BoldRow(("小计", "李四\n王五", "+86 138", 0, 12, 202512, dt.date(2025, 12, 31), 1, Fraction(1), "@x")),
    ]

    def sheet_xml(name: str) -> bytes:
        wb = openpyxl.Workbook(write_only=True)
        add_table_sheet(wb, columns, rows, sheet_title="明细", title="标题 & <x>", subtitle=["范围 ", "第二行"],
                        totals_label="合计", footnotes=("注：a < b",))
        path = save_workbook(wb, tmp_path / name)
        with zipfile.ZipFile(path) as z:
            return z.read("xl/worksheets/sheet1.xml") + z.read("xl/styles.xml")

    fast = sheet_xml("fast.xlsx")
    monkeypatch.setattr(xlsx, "_write_rows_as_text", lambda ws: None)
    assert fast == sheet_xml("openpyxl.xlsx")
