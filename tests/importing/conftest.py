"""Messy workbooks built by the tests, the way offices really keep them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

ROOMS_HEADER = ["序号", "楼栋", "单元", "房号", "业主姓名", "联系电话", "建筑面积(㎡)", "入住状态", "备注"]
ROOMS_ROWS = [
    [1, "3栋", "2单元", "1502", "张 三", "138 0013 8000 / 139-0013-9000", "89.37", "已入住", None],
    [2, "３#", None, "１５０１室", "李四", "+86 137 0013 7000", "120.5㎡", "出租", None],
    [3, None, None, "5-1-301", "王五", "0571-81234567、13600136000", 95, "空置", "长期空置"],
    [None] * 9,
    [4, "三号楼", "1", "0202", "赵六", 13500135000, 60.0, None, None],
    ["小计", None, None, None, None, None, 364.87, None, None],
    [5, "4栋", "1单元", None, "钱七", "13300133000", "70", None, None],
    [6, "4栋", "1单元", "101", "孙八", "12345", "-5", "入住了", None],
    [7, "3栋", "2单元", "1502", "张三", "13800138000", "89.37", None, None],
    ["合计", None, None, None, None, None, 434.87, None, None],
    ["制表人：王芳    审核：李主管", None, None, None, None, None, None, None, None],
]
BAD_ROWS = [
    ["楼栋", "房号", "业主", "电话", "面积"],
    ["3栋", "abc", "张三", "13800138000", "80"],
    ["3栋", "1502", "张三3", "1380013800", "0"],
    ["3栋", "1503", "张三/李四", "13800138000", "80.123"],
]


def write_rooms_workbook(path: Path) -> Path:
    """Title row merged across the table, 制表人/日期 line, blank, header on line 4, messy rows below."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "业主信息"
    ws["A1"] = "阳光花园业主信息登记表"
    ws.merge_cells("A1:I1")
    ws["A2"] = "制表人：王芳"
    ws["G2"] = "日期：2026-01-05"
    ws.append([])
    ws.append(ROOMS_HEADER)
    for row in ROOMS_ROWS:
        ws.append(row)
    bad = wb.create_sheet("错误行")
    for row in BAD_ROWS:
        bad.append(row)
    wb.save(path)
    return path


@pytest.fixture
def rooms_xlsx(tmp_path: Path) -> Path:
    return write_rooms_workbook(tmp_path / "阳光花园业主.xlsx")
