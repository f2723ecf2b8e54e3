"""Every workbook the project writes stores text that looks like a formula as text (read back to check)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

from cuijiao_desktop.domain.ageing import AgeBucket
from cuijiao_desktop.importing.readers import SheetData
from cuijiao_desktop.importing.validate import Rejected
from cuijiao_desktop.reports.arrears_xlsx import write_arrears_xlsx
from cuijiao_desktop.reports.rejected_rows import write_rejected
from cuijiao_desktop.reports.xlsx import XlsxColumn, guard_text, write_table_xlsx
from cuijiao_desktop.services.arrears import ArrearsRow

EVIL = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", "=HYPERLINK(\"http://x\",\"点我\")", "\t=1+1"]


def _no_formulas(path: Path) -> list[str]:
    """Every cell's text as openpyxl reads it; fails if the file holds any formula."""
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                xml = z.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml, name
    wb = openpyxl.load_workbook(path)
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@", "\t")):
                    assert cell.quotePrefix, cell.coordinate  # Excel keeps it text when edited
                if cell.value is not None:
                    texts.append(cell.value)
    return texts


def test_generic_table_title_header_rows_and_totals(tmp_path):
    path = tmp_path / "t.xlsx"
    columns = [XlsxColumn(EVIL[0]), XlsxColumn("备注"), XlsxColumn("金额", "money")]
    rows = [(e, e, 100) for e in EVIL]
    write_table_xlsx(path, columns, rows, sheet_title="表", title=EVIL[1], subtitle=EVIL[3], totals_label=EVIL[2])
    texts = _no_formulas(path)
    for e in EVIL:
        assert e in texts
    assert texts[:3] == [EVIL[1], EVIL[3], EVIL[0]]
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert sheet[3][:2] == [EVIL[0], EVIL[0]]  # another reader sees the text too


def test_rejected_rows_report(tmp_path):
    sheet = SheetData("=evil.xlsx", "S", ("S",), (("房号", "业主", "=A1"), ("1-1-101", "=cmd|' /C calc'!A0", "@x")))
    path = tmp_path / "rejected.xlsx"
    write_rejected(path, sheet, 0, [Rejected(2, ("1-1-101", "=cmd|' /C calc'!A0", "@x"), ("-姓名无效",))])
    texts = _no_formulas(path)
    assert {"=evil.xlsx 被拒绝的行", "=A1", "=cmd|' /C calc'!A0", "@x", "-姓名无效"} <= set(texts)


def test_arrears_names_and_notes_are_text(tmp_path):
    row = ArrearsRow(
        room_id=1, estate_id=1, estate=EVIL[1], building_id=1, building="3", unit="2", room="0502",
        room_code="3-2-0502", owner=EVIL[0], owner_initials="", phone_masked="138****8000", phone_last4="8000",
        total_fen=100, months=1, oldest_period=202601, bucket_fen=(100, 0, 0, 0, 0, 0, 0, 0), age_bucket=AgeBucket.M1,
        late_fee_fen=0, stage=None, collector_id=None, collector=EVIL[3], reason=None, last_contact_on=None,
        last_outcome=None, next_action_on=None, promise_on=None,
    )
    path = tmp_path / "arrears.xlsx"
    write_arrears_xlsx([row], path, title=EVIL[2])
    texts = _no_formulas(path)
    assert {EVIL[0], EVIL[1], EVIL[2], EVIL[3]} <= set(texts)


def test_guard_text_on_a_normal_cell():
    wb = openpyxl.Workbook()
    cell = wb.active["A1"]
    cell.value = "=1+1"
    assert cell.data_type == "f"
    guard_text(cell)
    assert cell.data_type == "s" and cell.quotePrefix
    plain = wb.active["A2"]
    plain.value = "张三"
    guard_text(plain)
    assert plain.data_type == "s" and not plain.quotePrefix
