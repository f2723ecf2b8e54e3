from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.money import (
    MAX_FEN,
    Money,
    fen_from_decimal,
    format_money,
    mul_div_half_up,
    parse_money,
    per_area_charge,
)


class TestMoney:
    def test_arithmetic(self):
        a, b = Money(150), Money(50)
        assert a + b == Money(200)
        assert a - b == Money(100)
        assert -a == Money(-150)
        assert a * 3 == Money(450)
        assert 3 * a == Money(450)
        assert abs(Money(-5)) == Money(5)
        assert sum([a, b]) == Money(200)

    def test_ordering_and_bool(self):
        assert Money(1) > Money(0)
        assert sorted([Money(3), Money(-1), Money(2)]) == [Money(-1), Money(2), Money(3)]
        assert not Money.zero()
        assert Money(1)
        assert hash(Money(5)) == hash(Money(5))

    @pytest.mark.parametrize("bad", [1.5, True, False, "100", Decimal(1), None])
    def test_rejects_non_int(self, bad):
        with pytest.raises(TypeError):
            Money(bad)

    def test_no_mixing_with_plain_numbers(self):
        with pytest.raises(TypeError):
            Money(1) + 1
        with pytest.raises(TypeError):
            Money(1) * 1.5
        with pytest.raises(TypeError):
            Money(1) * True

    def test_of_yuan(self):
        assert Money.of_yuan(Decimal("12.5")) == Money(1250)
        assert Money.of_yuan("1,234.50元") == Money(123450)
        assert Money.of_yuan(12) == Money(1200)
        assert Money.of_yuan(Decimal("-0.01")) == Money(-1)
        with pytest.raises(ValidationError) as e:
            Money.of_yuan(Decimal("1.005"))
        assert e.value.code == "money.too_precise"
        with pytest.raises(TypeError):
            Money.of_yuan(1.5)

    def test_yuan_and_str(self):
        assert Money(123450).yuan == Decimal("1234.50")
        assert str(Money(123450).yuan) == "1234.50"
        assert str(Money(123450)) == "¥1,234.50"
        assert str(Money(-1230)) == "-¥12.30"


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("1,234.50元", 123450),
        ("¥88", 8800),
        ("￥88.5", 8850),
        ("88.50", 8850),
        ("-12.3", -1230),
        ("１２３.４", 12340),
        ("1234.5 元", 123450),
        ("RMB 100", 10000),
        ("rmb100", 10000),
        ("  0  ", 0),
        (".5", 50),
        ("88.", 8800),
        ("-¥12.30", -1230),
        ("¥-12.30", -1230),
        ("－５元", -500),
        ("1,234,567.89", 123456789),
        ("100 CNY", 10000),
        ("+3", 300),
    ],
)
def test_parse_money_accepts(text, fen):
    assert parse_money(text) == Money(fen)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "abc", "元", "¥", "1.2.3", "12,34", "--5", "-¥-5", "1e3", "NaN", "Infinity",
     "١٢٣", "12 34", "1,2345", "五十元", "¥¥5"],
)
def test_parse_money_rejects(text):
    with pytest.raises(ValidationError) as e:
        parse_money(text)
    assert e.value.code == "money.invalid"
    assert e.value.params["text"] == text


def test_parse_money_too_precise():
    with pytest.raises(ValidationError) as e:
        parse_money("1.234")
    assert e.value.code == "money.too_precise"


def test_parse_money_too_large():
    with pytest.raises(ValidationError) as e:
        parse_money("1" * 20)
    assert e.value.code == "money.too_large"


def test_format_money():
    assert format_money(Money(123450)) == "¥1,234.50"
    assert format_money(-1230) == "-¥12.30"
    assert format_money(123450, symbol=False) == "1,234.50"
    assert format_money(5) == "¥0.05"
    assert format_money(0) == "¥0.00"
    assert format_money(-5, symbol=False) == "-0.05"
    with pytest.raises(TypeError):
        format_money(1.5)


@pytest.mark.parametrize(
    ("a", "b", "c", "expected"),
    [
        (5, 1, 2, 3),  # 2.5 -> 3
        (-5, 1, 2, -3),  # -2.5 -> -3
        (5, -1, 2, -3),
        (5, 1, -2, -3),
        (-5, -1, 2, 3),
        (7, 1, 3, 2),  # 2.33
        (8, 1, 3, 3),  # 2.67
        (-7, 1, 3, -2),
        (0, 5, 7, 0),
        (10**30, 3, 7, (3 * 10**30 * 2 + 7) // 14),
    ],
)
def test_mul_div_half_up(a, b, c, expected):
    assert mul_div_half_up(a, b, c) == expected


def test_mul_div_by_zero():
    with pytest.raises(ZeroDivisionError):
        mul_div_half_up(1, 1, 0)


@given(st.integers(-10**12, 10**12), st.integers(-10**6, 10**6), st.integers(1, 10**6))
def test_mul_div_half_up_matches_decimal(a, b, c):
    from decimal import ROUND_HALF_UP, localcontext

    with localcontext() as ctx:
        ctx.prec = 60
        exact = (Decimal(a) * b / c).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert mul_div_half_up(a, b, c) == int(exact)
    assert mul_div_half_up(a, b, -c) == -int(exact)


def test_per_area_charge():
    assert per_area_charge(250, 8937) == 22343  # 2.50元/m² × 89.37 m² = 223.425 -> 223.43
    assert per_area_charge(180, 10000) == 18000
    assert per_area_charge(0, 8937) == 0


def test_fen_from_decimal():
    assert fen_from_decimal(Decimal("1.005")) == 101
    assert fen_from_decimal(Decimal("-1.005")) == -101
    with pytest.raises(ValidationError):
        fen_from_decimal(Decimal("NaN"))


@given(st.integers(-MAX_FEN, MAX_FEN))
def test_parse_format_roundtrip(fen):
    assert parse_money(format_money(fen)) == Money(fen)
    assert parse_money(format_money(fen, symbol=False)) == Money(fen)
    assert Money.of_yuan(Money(fen).yuan) == Money(fen)


@given(st.text(max_size=30))
def test_parse_money_only_validation_errors(text):
    try:
        result = parse_money(text)
    except ValidationError:
        return
    assert isinstance(result.fen, int)
