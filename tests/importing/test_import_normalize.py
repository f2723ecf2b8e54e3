"""Normalisers: exact results on the shapes offices write, and properties on random text."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuijiao_desktop.domain.enums import ContactKind, Occupancy, PaymentMethod
from cuijiao_desktop.domain.rooms import RoomCode
from cuijiao_desktop.importing.normalize import (
    Bad,
    PhoneNumber,
    cell_text,
    norm_amount,
    norm_area,
    norm_building,
    norm_date,
    norm_method,
    norm_name,
    norm_occupancy,
    norm_period,
    norm_phones,
    norm_receipt_no,
    norm_room_code,
    norm_room_parts,
    norm_unit,
)

TODAY = dt.date(2026, 11, 5)


def mobile(v: str) -> PhoneNumber:
    return PhoneNumber(ContactKind.MOBILE, v, v[-4:])


@pytest.mark.parametrize(("raw", "expected"), [
    ("138 0013 8000", (mobile("13800138000"),)),
    ("+86 139-0000-0000", (mobile("13900000000"),)),
    ("１３８００１３８０００", (mobile("13800138000"),)),
    (13800138000.0, (mobile("13800138000"),)),
    ("13800138000/13900139000", (mobile("13800138000"), mobile("13900139000"))),
    ("13800138000、13900139000", (mobile("13800138000"), mobile("13900139000"))),
    ("13800138000，13900139000", (mobile("13800138000"), mobile("13900139000"))),
    ("13800138000 13900139000", (mobile("13800138000"), mobile("13900139000"))),
    ("138 0013 8000 139 0013 9000", (mobile("13800138000"), mobile("13900139000"))),
    ("13800138000 / 13800138000", (mobile("13800138000"),)),
    ("0571-81234567", (PhoneNumber(ContactKind.LANDLINE, "0571-81234567", "4567"),)),
    ("(010)62345678", (PhoneNumber(ContactKind.LANDLINE, "010-62345678", "5678"),)),
    (None, None),
    ("  ", None),
])
def test_phones(raw, expected):
    assert norm_phones(raw) == expected


@pytest.mark.parametrize(("raw", "reason"), [
    ("12345", "电话号码无效：“12345”"),
    ("1380013800", "电话号码无效：“1380013800”"),
    ("13800138000/123", "电话号码无效：“123”"),
    ("无", "电话号码无效：“无”"),
])
def test_bad_phones(raw, reason):
    assert norm_phones(raw) == Bad(reason)


@pytest.mark.parametrize(("raw", "expected"), [
    ("张 三", "张三"), (" 欧阳  娜娜 ", "欧阳娜娜"), ("John  Smith", "John Smith"), ("买买提•艾力", "买买提·艾力"),
    ("张三", "张三"), ("杭州某某科技有限公司", "杭州某某科技有限公司"),
    ("2000号商贸有限公司", "2000号商贸有限公司"), ("张3", "张3"), ("ＡＢＣ科技（杭州）有限公司", "ABC科技(杭州)有限公司"),
    ("TCL 专卖店", "TCL 专卖店"), ("O'Brien", "O'Brien"),
])
def test_names(raw, expected):
    assert norm_name(raw) == expected


@pytest.mark.parametrize(("raw", "reason"), [
    ("张三/李四", "一个单元格中有多个姓名：“张三/李四”"),
    ("张三、李四", "一个单元格中有多个姓名：“张三、李四”"),
    ("12345", "姓名无效：“12345”"),
    ("(1)", "姓名无效：“(1)”"),
    ("张三@", "姓名含无效字符“@”：“张三@”"),
])
def test_bad_names(raw, reason):
    assert norm_name(raw) == Bad(reason)


@pytest.mark.parametrize(("raw", "expected"), [
    ("89.37", 8937), ("89.37㎡", 8937), ("89.37平方米", 8937), ("89.37 m2", 8937), ("89.37M²", 8937),
    (89.37, 8937), (120, 12000), ("１２０.５", 12050), ("1,234.5", 123450),
])
def test_areas(raw, expected):
    assert norm_area(raw) == expected


@pytest.mark.parametrize(("raw", "reason"), [
    ("0", "面积必须大于0：“0”"), (-5, "面积必须大于0：“-5”"), ("89.375", "面积最多两位小数：“89.375”"),
    ("约90", "面积无法识别：“约90”"),
])
def test_bad_areas(raw, reason):
    assert norm_area(raw) == Bad(reason)


@pytest.mark.parametrize(("raw", "expected"), [
    ("1,234.50元", 123450), ("¥88", 8800), ("￥88.5", 8850), (0.1 + 0.2, 30), (1234.5, 123450), (25000, 2500000),
    ("１２３.４", 12340), ("0", 0),
])
def test_amounts(raw, expected):
    assert norm_amount(raw) == expected


@pytest.mark.parametrize(("raw", "reason"), [
    ("-5", "金额不能为负：“-5”"), ("12.345", "金额最多两位小数：“12.345”"), ("abc", "金额无法识别：“abc”"),
    (12.345, "金额最多两位小数：“12.345”"),
])
def test_bad_amounts(raw, reason):
    assert norm_amount(raw) == Bad(reason)


def test_zero_payment_is_a_reason():
    assert norm_amount("0", allow_zero=False) == Bad("金额必须大于0：“0”")


@pytest.mark.parametrize(("raw", "expected"), [
    ("2026-10", 202610), ("2026/10", 202610), ("2026-1", 202601), ("2026年10月", 202610), ("2026年1月份", 202601),
    ("2026.10", 202610), ("202610", 202610), ("２０２６－１０", 202610), (dt.datetime(2026, 10, 1), 202610),
    (dt.date(2026, 3, 31), 202603), ("2026-10-15", 202610), (202610.0, 202610),
])
def test_periods(raw, expected):
    assert norm_period(raw, today=TODAY) == expected


@pytest.mark.parametrize(("raw", "reason"), [
    ("2026.1", "账期不明确：“2026.1”（是2026年1月还是10月？请写成 2026-01 或 2026-10）"),
    (2026.1, "账期不明确：“2026.1”（是2026年1月还是10月？请写成 2026-01 或 2026-10）"),
    ("2026-12", "账期在未来：“2026-12”"),
    ("2026-13", "账期月份无效：“2026-13”"),
    ("十月", "账期无法识别：“十月”"),
])
def test_bad_periods(raw, reason):
    assert norm_period(raw, today=TODAY) == Bad(reason)


@pytest.mark.parametrize(("raw", "expected"), [
    ("2026-01-05", dt.date(2026, 1, 5)), ("2026/1/5", dt.date(2026, 1, 5)), ("2026.1.5", dt.date(2026, 1, 5)),
    ("2026年1月5日", dt.date(2026, 1, 5)), ("20260105", dt.date(2026, 1, 5)),
    ("2026-01-05 13:45:00", dt.date(2026, 1, 5)), (dt.datetime(2026, 1, 5, 9, 30), dt.date(2026, 1, 5)),
])
def test_dates(raw, expected):
    assert norm_date(raw, today=TODAY) == expected


def test_bad_dates():
    assert norm_date("2026-02-30") == Bad("日期无效：“2026-02-30”")
    assert norm_date("2026-12-01", today=TODAY) == Bad("日期在未来：2026-12-01")
    assert norm_date("昨天") == Bad("日期无法识别：“昨天”")


def test_rooms_in_every_shape():
    assert norm_room_code("3栋2单元1502室") == RoomCode("3", "2", "1502")
    assert norm_room_code("３＃１５０２") == RoomCode("3", None, "1502")
    assert norm_room_code("1502") == Bad("缺少楼栋：“1502”")
    assert norm_room_parts("3号楼", "二单元", "1502") == RoomCode("3", "2", "1502")
    assert norm_room_parts("3#", None, 1502.0) == RoomCode("3", None, "1502")
    assert norm_room_parts(None, None, "3-2-1502") == RoomCode("3", "2", "1502")
    assert norm_room_parts("3栋", "2单元", "3-2-1502") == RoomCode("3", "2", "1502")
    assert norm_room_parts("4栋", None, "3-2-1502") == Bad("房号“3-2-1502”与楼栋/单元列不一致")
    assert norm_room_parts("4栋", None, None) == Bad("缺少房间号")
    assert norm_room_parts(None, None, "1502") == Bad("缺少楼栋")
    assert norm_building("3号楼") == "3" and norm_unit("02") == "2"


def test_vocabularies_and_receipts():
    assert norm_occupancy("出租") is Occupancy.RENTED
    assert norm_occupancy("入住了") == Bad("入住状态“入住了”无法识别（可用：已入住、装修、空置、出租）")
    assert norm_method("银行托收") is PaymentMethod.DIRECT_DEBIT
    assert norm_receipt_no(2026010012.0) == "2026010012"
    assert norm_receipt_no("SK 2026 01") == "SK202601"
    assert cell_text(101.0) == "101" and cell_text("  a  b ") == "a b" and cell_text("") is None


# ---------------------------------------------------------------- properties

cells = st.one_of(
    st.none(), st.text(max_size=40), st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.dates(), st.datetimes(),
    st.text(alphabet="0123456789０１２３４５６７８９٠١٢.-/ 年月日栋单元室号#¥元,，、+㎡m平方米", max_size=30),
)


def _valid_or_reason(result, check) -> None:
    if result is None:
        return
    if isinstance(result, Bad):
        assert result.reason and any("\u4e00" <= c <= "\u9fff" for c in result.reason)
        return
    check(result)


@given(cells)
def test_phones_never_raise(value):
    def check(phones):
        assert phones and all(p.value.replace("-", "").isascii() and p.value.replace("-", "").isdigit()
                              for p in phones)
        assert all(p.kind in (ContactKind.MOBILE, ContactKind.LANDLINE) and len(p.last4) == 4 for p in phones)
    _valid_or_reason(norm_phones(value), check)


@given(cells)
def test_areas_never_raise(value):
    _valid_or_reason(norm_area(value), lambda a: (isinstance(a, int) and 0 < a <= 10_000_000) or pytest.fail(a))


@given(cells)
def test_amounts_never_raise(value):
    _valid_or_reason(norm_amount(value), lambda a: (isinstance(a, int) and a >= 0) or pytest.fail(a))


@given(cells)
def test_periods_never_raise_or_guess(value):
    result = norm_period(value, today=TODAY)

    def check(p):
        assert isinstance(p, int) and 199001 <= p <= 202611 and 1 <= p % 100 <= 12
    _valid_or_reason(result, check)
    text = cell_text(value)
    if text and len(text) == 6 and text[4] == "." and text[:4].isdigit() and text[5].isdigit():
        assert isinstance(result, Bad)  # 2026.1: never guessed


@given(cells)
def test_dates_never_raise(value):
    _valid_or_reason(norm_date(value, today=TODAY), lambda d: (isinstance(d, dt.date) and d <= TODAY)
                     or pytest.fail(d))


@given(cells)
def test_names_never_raise(value):
    def check(name):
        assert isinstance(name, str) and name == name.strip() and "  " not in name
        assert all(c.isascii() for c in name if c.isdigit()) and any(c.isalpha() for c in name)
        assert isinstance(value, str)
    _valid_or_reason(norm_name(value), check)


@given(cells, cells, cells)
def test_rooms_never_raise(b, u, r):
    _valid_or_reason(norm_room_parts(b, u, r), lambda code: isinstance(code, RoomCode) or pytest.fail(code))
    _valid_or_reason(norm_building(b), lambda v: v.isascii() or pytest.fail(v))
    _valid_or_reason(norm_room_code(r), lambda code: isinstance(code, RoomCode) or pytest.fail(code))
