import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.masking import (
    BoardRow,
    MaskingPolicy,
    _digits,
    _mask_digits,
    board_row,
    mask_name,
    mask_phone,
    mask_room,
    phone_last4,
)
from cuijiao_desktop.domain.rooms import RoomCode


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("张三丰", "张**"),
        ("欧阳娜娜", "欧阳**"),
        ("司马相如", "司马**"),
        ("诸葛亮", "诸葛*"),
        ("欧阳", "欧*"),
        ("李", "*"),
        ("", ""),
        ("  王五 ", "王*"),
        ("John Smith", "J********"),
    ],
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("code", "kwargs", "masked"),
    [
        ("3-2-1502", {}, "3栋2单元15**"),
        ("3栋2单元1502", {"keep_digits": 1}, "3栋2单元1***"),
        ("3栋2单元1502", {"keep_digits": 0}, "3栋2单元****"),
        ("3-1502", {}, "3栋15**"),
        ("3-2-101", {}, "3栋2单元10*"),
        ("3-2-101", {"keep_digits": 9}, "3栋2单元10*"),
        (RoomCode("A", "1", "B101"), {}, "A栋1单元B1**"),
    ],
)
def test_mask_room(code, kwargs, masked):
    assert mask_room(code, **kwargs) == masked


def test_mask_room_rejects_nonsense():
    with pytest.raises(ValidationError):
        mask_room("not a room")


@pytest.mark.parametrize(
    ("phone", "masked", "last4"),
    [
        ("13800138000", "138****8000", "****8000"),
        ("138 0013 8000", "138****8000", "****8000"),
        ("+86 138-0013-8000", "138****8000", "****8000"),
        ("0755-12345678", "075****5678", "****5678"),
        ("87654321", "****4321", "****4321"),
        ("123", "***", "****"),
        ("", "", "****"),
    ],
)
def test_phones(phone, masked, last4):
    assert mask_phone(phone) == masked
    assert phone_last4(phone) == last4
    assert "0013" not in mask_phone(phone)


def test_board_row_defaults_hide_names():
    row = board_row(MaskingPolicy(), building="3", unit="2", room_code="1502", months=4, amount_fen=123450,
                    owner_name="张三")
    assert row == BoardRow(
        building="3", unit="2", room_masked="15**", location="3栋2单元15**", months=4,
        amount_fen=123450, amount_text="¥1,234.50", owner_name=None,
    )


def test_board_row_with_full_code_and_names_allowed():
    policy = MaskingPolicy(show_owner_name=True, room_keep_digits=1)
    row = board_row(policy, building="3", unit="2", room_code="3-2-1502", months=7, amount_fen=5000,
                    owner_name="欧阳娜娜")
    assert row.location == "3栋2单元1***"
    assert row.owner_name == "欧阳**"
    row = board_row(policy, building="3", unit=None, room_code=RoomCode("3", None, "201"), months=1,
                    amount_fen=1)
    assert row.location == "3栋2**"
    assert row.owner_name is None


def test_board_row_normalises_loose_parts():
    row = board_row(MaskingPolicy(), building="3号楼", unit="二单元", room_code="0101室", months=2, amount_fen=1)
    assert (row.building, row.unit, row.room_masked) == ("3", "2", "10*")


_PHONE_CHARS = st.sampled_from("0123456789 -+()٣１²x")


@given(st.one_of(st.text(_PHONE_CHARS, max_size=16), st.text(st.sampled_from("0123456789"), min_size=11, max_size=11),
                 st.text(max_size=14)))
def test_mask_phone_fast_path_equals_the_general_rule(phone):
    assert mask_phone(phone) == _mask_digits(_digits(phone))
