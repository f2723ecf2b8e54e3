"""Money in integer fen (分).

Amounts are ``int`` fen everywhere; :class:`Money` is a thin value object over
that int. ``Decimal`` (ROUND_HALF_UP) is used only when a division is needed;
``float`` is never accepted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .errors import ValidationError

__all__ = [
    "MAX_FEN",
    "Money",
    "fen_from_decimal",
    "format_money",
    "mul_div_half_up",
    "parse_money",
    "per_area_charge",
    "to_decimal_yuan",
]

#: Largest amount accepted from text: ¥99,999,999,999.99 (fits BigInteger with room to sum).
MAX_FEN = 9_999_999_999_999

_CENT = Decimal("0.01")


def _check_int(value: object, what: str = "fen") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be int, not {type(value).__name__}")
    return value


@dataclass(frozen=True, order=True)
class Money:
    """An amount of money in fen. Immutable, ordered, hashable."""

    fen: int

    def __post_init__(self) -> None:
        _check_int(self.fen)

    @classmethod
    def zero(cls) -> Money:
        """¥0.00."""
        return cls(0)

    @classmethod
    def of_yuan(cls, yuan: Decimal | str | int) -> Money:
        """Build from yuan (``Decimal("12.5")``, ``"12.50"``, ``12``). At most 2 decimal places."""
        if isinstance(yuan, bool | float):
            raise TypeError("yuan must be Decimal, str or int, never float or bool")
        if isinstance(yuan, int):
            return cls(yuan * 100)
        if isinstance(yuan, str):
            return parse_money(yuan)
        if not isinstance(yuan, Decimal):
            raise TypeError(f"yuan must be Decimal, str or int, not {type(yuan).__name__}")
        if not yuan.is_finite():
            raise ValidationError("money.invalid", text=str(yuan))
        fen = yuan * 100
        if fen != fen.to_integral_value():
            raise ValidationError("money.too_precise", text=str(yuan))
        return cls(int(fen))

    @property
    def yuan(self) -> Decimal:
        """The amount in yuan, exactly 2 decimal places."""
        return (Decimal(self.fen) / 100).quantize(_CENT)

    def __add__(self, other: object) -> Money:
        if isinstance(other, Money):
            return Money(self.fen + other.fen)
        return NotImplemented

    def __radd__(self, other: object) -> Money:
        # lets sum([...]) work without a start value
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: object) -> Money:
        if isinstance(other, Money):
            return Money(self.fen - other.fen)
        return NotImplemented

    def __neg__(self) -> Money:
        return Money(-self.fen)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return Money(abs(self.fen))

    def __mul__(self, other: object) -> Money:
        if isinstance(other, int) and not isinstance(other, bool):
            return Money(self.fen * other)
        return NotImplemented

    __rmul__ = __mul__

    def __bool__(self) -> bool:
        return self.fen != 0

    def __str__(self) -> str:
        return format_money(self)


_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\ufe63": "-"})
_MONEY_RE = re.compile(
    r"""
    (?P<sign1>[+-]?)\s*
    (?:RMB|CNY|¥)?\s*
    (?P<sign2>[+-]?)\s*
    (?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?
    (?:\.(?P<frac>[0-9]*))?
    \s*(?:元整|元|圆|块|RMB|CNY)?
    """,
    re.VERBOSE | re.ASCII,
)


def parse_money(text: str) -> Money:
    """Parse what a person types or an import file holds into :class:`Money`.

    Accepts ``"1,234.50元"``, ``"¥88"``, ``"￥88.5"``, ``"-12.3"``, ``"１２３.４"``,
    ``"1234.5 元"``, ``"RMB 100"``. Raises ``ValidationError("money.invalid")`` for
    anything else and ``"money.too_precise"`` for more than 2 decimal places.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    norm = unicodedata.normalize("NFKC", text).translate(_MINUS_SIGNS).strip().upper()
    m = _MONEY_RE.fullmatch(norm)
    if not m or (m["int"] is None and not m["frac"]) or (m["sign1"] and m["sign2"]):
        raise ValidationError("money.invalid", text=text)
    frac = m["frac"] or ""
    if len(frac) > 2:
        raise ValidationError("money.too_precise", text=text)
    whole = int((m["int"] or "0").replace(",", ""))
    fen = whole * 100 + int(frac.ljust(2, "0"))
    if fen > MAX_FEN:
        raise ValidationError("money.too_large", text=text)
    if "-" in (m["sign1"], m["sign2"]):
        fen = -fen
    return Money(fen)


def format_money(amount: Money | int, *, symbol: bool = True) -> str:
    """``"¥1,234.50"``, ``"-¥12.30"``; with ``symbol=False`` ``"1,234.50"``. An int means fen."""
    fen = amount.fen if isinstance(amount, Money) else _check_int(amount, "amount")
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{'¥' if symbol else ''}{whole:,}.{cents:02d}"


def mul_div_half_up(a: int, b: int, c: int) -> int:
    """``round(a * b / c)`` with halves away from zero, in exact integer arithmetic."""
    for v in (a, b, c):
        _check_int(v, "operand")
    if c == 0:
        raise ZeroDivisionError("mul_div_half_up: division by zero")
    n = a * b
    negative = (n < 0) != (c < 0)
    q, r = divmod(abs(n), abs(c))
    if 2 * r >= abs(c):
        q += 1
    return -q if negative else q


def per_area_charge(price_fen_per_m2: int, area_centi_m2: int) -> int:
    """Monthly charge in fen for a price in fen/m² and an area in 0.01 m² (half-up)."""
    return mul_div_half_up(price_fen_per_m2, area_centi_m2, 100)


def to_decimal_yuan(fen: int) -> Decimal:
    """Fen as a 2-place ``Decimal`` of yuan (for Excel cells and reports)."""
    return Money(fen).yuan


def fen_from_decimal(yuan: Decimal) -> int:
    """Yuan ``Decimal`` to fen, half-up (use only where rounding is intended, e.g. imports)."""
    if not isinstance(yuan, Decimal) or not yuan.is_finite():
        raise ValidationError("money.invalid", text=str(yuan))
    return int((yuan * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
