"""Readers (xlsx through calamine and openpyxl, UTF-8 and GBK CSV) and header recognition."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.importing.headers import ImportKind, detect_header, header_key, mapping_problems
from cuijiao_desktop.importing.readers import read_sheet, sheet_names


@pytest.fixture
def workbook(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "收费"
    ws["A1"] = "标题"
    ws.merge_cells("A1:C1")
    ws.append(["房号", "面积", "日期"])
    ws.append(["3-2-1502", 89.37, dt.date(2026, 1, 5)])
    ws.append(["0202", 101, None])
    wb.create_sheet("其他")
    path = tmp_path / "w.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_xlsx_engines_agree(workbook, engine):
    data = read_sheet(workbook, engine=engine)
    assert data.sheet == "收费" and data.sheets == ("收费", "其他")
    assert data.rows == (("标题", None, None), ("房号", "面积", "日期"), ("3-2-1502", 89.37, dt.date(2026, 1, 5)),
                         ("0202", 101, None))


def test_sheet_choice_and_errors(workbook, tmp_path):
    assert sheet_names(workbook) == ["收费", "其他"]
    assert read_sheet(workbook, sheet="其他").rows == ()
    with pytest.raises(DomainError) as err:
        read_sheet(workbook, sheet="没有")
    assert err.value.code == "import.unreadable" and "没有名为“没有”的工作表" in err.value.params["reason"]
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(DomainError) as err:
        read_sheet(broken)
    assert err.value.params["file"] == "broken.xlsx"
    with pytest.raises(DomainError) as err:
        read_sheet(tmp_path / "x.pdf")
    assert "不支持的文件类型" in err.value.params["reason"]


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_csv_encodings(tmp_path, encoding):
    path = tmp_path / "roster.csv"
    path.write_bytes("房号,业主,电话\n3栋1502,张三,13800138000\n,,\n".encode(encoding))
    data = read_sheet(path)
    assert data.rows == (("房号", "业主", "电话"), ("3栋1502", "张三", "13800138000"))
    assert data.encoding == ("gbk" if encoding == "gbk" else "utf-8")


def test_tab_separated_gbk(tmp_path):
    path = tmp_path / "bank.txt"
    path.write_bytes("房号\t金额\n3-2-1502\t300.00\n".encode("gb18030"))
    assert read_sheet(path).rows == (("房号", "金额"), ("3-2-1502", "300.00"))


def test_binary_csv_is_unreadable(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(DomainError):
        read_sheet(path)


def test_header_keys():
    assert header_key(" 建筑面积（㎡）* ") == "建筑面积"
    assert header_key("应收金额(元)") == "应收金额"
    assert header_key("单元") == "单元"
    assert header_key("*房号：") == "房号"


@pytest.mark.parametrize(("titles", "expected"), [
    (["房间号", "户主", "手机号", "建筑面积(㎡)"], {"room": 0, "owner": 1, "phone": 2, "area": 3}),
    (["楼号", "单元号", "室号", "姓名", "联系方式", "面积"],
     {"building": 0, "unit": 1, "room": 2, "owner": 3, "phone": 4, "area": 5}),
    (["栋", "房屋编号", "业主名称", "电话号码", "计费面积", "房屋状态", "租户", "租户电话"],
     {"building": 0, "room": 1, "owner": 2, "phone": 3, "area": 4, "occupancy": 5, "tenant": 6, "tenant_phone": 7}),
])
def test_header_variants(titles, expected):
    rows = [["某某小区"], ["制表人：王芳", None, "日期：2026-01-05"], titles, ["3-2-1502"]]
    guess = detect_header(ImportKind.ROOMS, rows)
    assert guess.header_row == 2 and dict(guess.mapping) == expected


def test_bill_and_payment_headers():
    bills = detect_header(ImportKind.BILLS, [["房号", "费用名称", "费用期间", "应收", "实收", "收款日期"]])
    assert dict(bills.mapping) == {"room": 0, "fee_item": 1, "period": 2, "amount": 3, "paid": 4, "paid_on": 5}
    pays = detect_header(ImportKind.PAYMENTS, [["房号", "交易日期", "交易金额", "支付方式", "流水号"]])
    assert dict(pays.mapping) == {"room": 0, "paid_on": 1, "amount": 2, "method": 3, "receipt_no": 4}


def test_no_header_and_mapping_problems():
    assert not detect_header(ImportKind.ROOMS, [["a", "b"], [1, 2]]).found
    assert mapping_problems(ImportKind.ROOMS, {"room": 0, "owner": 0}) == ["同一列被用作多个字段：房号、业主"]
    assert mapping_problems(ImportKind.PAYMENTS, {"room": 0}) == ["缺少必需的列：缴费日期", "缺少必需的列：金额"]
    assert mapping_problems(ImportKind.BILLS, {"room": 0, "fee_item": 1, "period": 2, "amount": 3}) == []
