import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.rooms import (
    RoomCode,
    RoomQuery,
    chinese_numeral_to_int,
    normalize_building,
    normalize_room,
    normalize_unit,
    parse_room_code,
    parse_room_query,
    room_code_from_parts,
)

SHAPES_3_2_1502 = [
    "3栋2单元1502",
    "3-2-1502",
    "03#2-1502",
    "3号楼2单元1502室",
    "3#楼2单元1502",
    "3#楼2单元1502室",
    "3幢2单元1502",
    "3栋-2-1502",
    "3/2/1502",
    "３栋２单元１５０２",
    "三栋二单元1502",
    " 3 栋 2 单元 1502 ",
    "3 - 2 - 1502",
    "3 2 1502",
    "3栋2-1502",
    "03-02-1502",
    "3-2-01502",
    "3－2－1502",
    "3—2—1502",
    "3号2单元1502号",
    "第3栋第2单元1502室",
    "3栋楼2单元1502",
    "3＃2－1502",
    "3\\2\\1502",
]


@pytest.mark.parametrize("text", SHAPES_3_2_1502)
def test_all_shapes_of_3_2_1502(text):
    code = parse_room_code(text)
    assert code == RoomCode("3", "2", "1502")
    assert code.canonical == "3-2-1502"
    assert code.display == "3栋2单元1502"
    assert code.floor == 15


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("A栋1单元101", "A-1-101"),
        ("A-1-101", "A-1-101"),
        ("a-1-101", "A-1-101"),
        ("ａ栋１单元１０１", "A-1-101"),
        ("A座1单元101", "A-1-101"),
        ("十二栋三单元101", "12-3-101"),
        ("二十三栋两单元202", "23-2-202"),
        ("3-1502", "3-1502"),
        ("3栋1502", "3-1502"),
        ("3号楼1502室", "3-1502"),
        ("12#B101", "12-B101"),
        ("3-2-0101", "3-2-101"),
        ("3-2-1502A", "3-2-1502A"),
        ("B2-1-301", "B2-1-301"),
        ("1A-2-301", "1A-2-301"),
        ("003-2-1502", "3-2-1502"),
    ],
)
def test_other_shapes(text, canonical):
    assert parse_room_code(text).canonical == canonical


def test_two_part_has_no_unit():
    code = parse_room_code("3栋1502")
    assert code.unit is None
    assert code.display == "3栋1502"
    assert code.canonical == "3-1502"


@pytest.mark.parametrize(
    ("room", "floor"),
    [("1502", 15), ("302", 3), ("B101", 1), ("2101A", 21), ("12", None), ("7", None), ("0012", None)],
)
def test_floor(room, floor):
    assert RoomCode("3", "2", room).floor == floor


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("3栋2单元", "no_room_number"),
        ("3栋", "no_room_number"),
        ("3号楼", "no_room_number"),
        ("1502", "no_building"),
        ("2单元1502", "no_building"),
        ("hello", "unrecognised"),
        ("张三", "unrecognised"),
        ("3-2-1502-7", "unrecognised"),
        ("3-2-", "unrecognised"),
        ("-3-2-1502", "unrecognised"),
        ("3栋2单元一五零二", "bad_room"),
        ("3-2-0000", "bad_room"),
        ("3-2-12345678", "bad_room"),
        ("99999-2-1502", "bad_building"),
        ("一二十栋2单元101", "bad_building"),
        ("3-ABCD-101", "unrecognised"),
        ("3" * 41, "too_long"),
        ("x" * 500, "too_long"),
    ],
)
def test_rejects(text, reason):
    with pytest.raises(ValidationError) as e:
        parse_room_code(text)
    assert e.value.code == "room.invalid"
    assert e.value.params["reason"] == reason
    assert "text" in e.value.params


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("两", 2), ("一百", 100),
     ("一百零五", 105), ("一百一十", 110), ("二〇一", 201), ("九百九十九", 999), ("三千零一", 3001)],
)
def test_chinese_numerals(text, value):
    assert chinese_numeral_to_int(text) == value


@pytest.mark.parametrize("text", ["", "十十", "一二十", "百", "一百十", "三x", "零十"])
def test_chinese_numerals_reject(text):
    with pytest.raises(ValueError):
        chinese_numeral_to_int(text)


@pytest.mark.parametrize("text", ["3栋", "3#", "3号楼", "3幢", "03", "三栋", "3", " 3 栋", "第三栋", "３号"])
def test_normalize_building(text):
    assert normalize_building(text) == "3"


def test_normalize_building_letters():
    assert normalize_building("A座") == "A"
    assert normalize_building("b栋") == "B"
    with pytest.raises(ValidationError) as e:
        normalize_building("栋")
    assert e.value.params["reason"] == "bad_building"


@pytest.mark.parametrize("text", ["2单元", "二单元", "2", "02", "第二单元", "２单元"])
def test_normalize_unit(text):
    assert normalize_unit(text) == "2"


def test_normalize_unit_rejects():
    with pytest.raises(ValidationError):
        normalize_unit("单元")


def test_normalize_room_and_parts():
    assert normalize_room("1502室") == "1502"
    assert normalize_room("0101") == "101"
    assert room_code_from_parts("3号楼", "2单元", "1502室") == RoomCode("3", "2", "1502")
    assert room_code_from_parts("3栋", "", "1502") == RoomCode("3", None, "1502")
    assert room_code_from_parts("A座", None, "101").canonical == "A-101"


def test_room_code_rejects_empty_parts():
    with pytest.raises(ValidationError):
        RoomCode("", None, "101")
    with pytest.raises(ValidationError):
        RoomCode("3", "", "101")


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("3-2-1502", RoomQuery("3", "2", "1502")),
        ("3栋2单元1502", RoomQuery("3", "2", "1502")),
        ("3栋1502", RoomQuery("3", None, "1502")),
        ("3-1502", RoomQuery("3", None, "1502")),
        ("1502", RoomQuery(None, None, "1502")),
        ("3-2", RoomQuery("3", "2", None)),
        ("3-2-", RoomQuery("3", "2", None)),
        ("3-2-15", RoomQuery("3", "2", "15")),
        ("3栋", RoomQuery("3", None, None)),
        ("3-", RoomQuery("3", None, None)),
        ("3栋2单元", RoomQuery("3", "2", None)),
        ("三栋二单元", RoomQuery("3", "2", None)),
        ("2单元1502", RoomQuery(None, "2", "1502")),
        ("A", RoomQuery("A", None, None)),
        ("１５０２", RoomQuery(None, None, "1502")),
    ],
)
def test_parse_room_query(text, query):
    assert parse_room_query(text) == query


@pytest.mark.parametrize("text", ["", "  ", "张三", "13800138000", "hello world", "3-2-1502-1", "¥100"])
def test_parse_room_query_not_room_like(text):
    assert parse_room_query(text) is None


def test_room_query_matches():
    code = RoomCode("3", "2", "1502")
    assert RoomQuery("3", "2", "15").matches(code)
    assert RoomQuery(None, None, "1502").matches(code)
    assert RoomQuery("3", None, None).matches(code)
    assert not RoomQuery("4", None, None).matches(code)
    assert not RoomQuery("3", "1", None).matches(code)
    assert not RoomQuery(None, None, "16").matches(code)
    assert RoomQuery("3", "2", "1502").as_code() == code
    assert RoomQuery("3", "2", None).as_code() is None


room_like = st.builds(
    lambda b, m1, u, m2, r, m3: f"{b}{m1}{u}{m2}{r}{m3}",
    st.sampled_from(["3", "03", "A", "十二", "三", "B2", "１２", ""]),
    st.sampled_from(["栋", "#", "号楼", "-", "/", " ", "幢", ""]),
    st.sampled_from(["2", "02", "二", "A", ""]),
    st.sampled_from(["单元", "-", "/", " ", ""]),
    st.sampled_from(["1502", "0101", "B101", "1502A", "12", ""]),
    st.sampled_from(["室", "号", "", "-"]),
)


@given(st.one_of(st.text(max_size=25), room_like))
@example("3-2-1502")
@example("ß-1-101")
@example("㉑-1-101")
def test_parse_room_code_total(text):
    try:
        code = parse_room_code(text)
    except ValidationError as e:
        assert e.code == "room.invalid"
        return
    assert parse_room_code(code.canonical) == code
    assert parse_room_code(code.display) == code
    query = parse_room_query(code.canonical)
    assert query is not None
    if code.unit is not None or code.floor is not None:
        assert query == RoomQuery(code.building, code.unit, code.room)


@given(st.one_of(st.text(max_size=25), room_like))
def test_parse_room_query_never_raises(text):
    result = parse_room_query(text)
    assert result is None or isinstance(result, RoomQuery)
