"""Billing rules (计费): which fee standard is in force, what a bill comes to, when it is due.

A bill's amount is computed exactly in integer arithmetic and rounded half-up to the fen ONCE:

- per m² × area (``PER_AREA``): price in fen per m²·month × area in 0.01 m²;
- per household per month (``FIXED``): the price itself;
- metered (``METERED``): price in fen per unit × units used in 0.01 units (current − previous reading).

A vacancy discount (空置减免, the standard's percentage) applies to rooms whose occupancy is
vacant (空置毛坯). The bill keeps the full amount and the discount apart; the net is rounded
once from the exact discounted value and the discount is the difference, so the net owed is
never off by a double rounding.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .enums import ChargeBasis, Occupancy, Usage
from .errors import ValidationError
from .money import mul_div_half_up

__all__ = [
    "DEFAULT_DUE_DAY",
    "Charge",
    "FeeStandardTerms",
    "compute_charge",
    "discount_words",
    "due_date_for",
    "hundredths_text",
    "is_vacant",
    "parse_period",
    "period_add",
    "period_first_day",
    "period_last_day",
    "period_text",
    "standard_in_force",
    "validate_due_day",
]

#: Bills are due on this day of their month unless the office sets another (每月1-10日为缴费期).
DEFAULT_DUE_DAY = 10

_PERIOD = re.compile(r"^\s*([0-9]{4})\s*(?:[-./年]\s*)?([0-9]{1,2})\s*月?\s*$")


def parse_period(text: str) -> int:
    """``"2026-12"``, ``"202612"``, ``"2026.12"``, ``"2026年12月"`` → ``202612``.

    Raises ``billing.invalid_month`` for anything else (full-width digits are accepted).
    """
    raw = unicodedata.normalize("NFKC", str(text))
    match = _PERIOD.match(raw)
    if match is None:
        raise ValidationError("billing.invalid_month", field="month", text=str(text))
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValidationError("billing.invalid_month", field="month", text=str(text))
    return year * 100 + month


def period_text(period: int) -> str:
    """``202612`` → ``"2026-12"``."""
    return f"{period // 100}-{period % 100:02d}"


def period_add(period: int, months: int) -> int:
    """The period ``months`` after (or before) ``period``."""
    y, m = divmod(period // 100 * 12 + period % 100 - 1 + months, 12)
    return y * 100 + m + 1


def period_first_day(period: int) -> date:
    """The first day of a billing period."""
    return date(period // 100, period % 100, 1)


def period_last_day(period: int) -> date:
    """The last day of a billing period."""
    year, month = divmod(period, 100)
    return date(year, month, calendar.monthrange(year, month)[1])


def validate_due_day(day: int) -> int:
    """A due day of the month, 1–31 (raises ``billing.invalid_due_day``)."""
    if isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 31:
        raise ValidationError("billing.invalid_due_day", field="due_day", day=day)
    return day


def due_date_for(period: int, due_day: int = DEFAULT_DUE_DAY) -> date:
    """The due date of a period's bills: ``due_day`` of the period's month, or its last day when shorter."""
    validate_due_day(due_day)
    last = period_last_day(period)
    return last.replace(day=min(due_day, last.day))


@dataclass(frozen=True)
class FeeStandardTerms:
    """One fee standard: how an item is charged for an estate and usage from a date (None = any)."""

    standard_id: int
    fee_item_id: int
    estate_id: int | None
    usage: Usage | None
    unit_price_fen: int
    vacancy_discount_pct: int
    valid_from: date
    valid_to: date | None = None

    def applies(self, *, fee_item_id: int, estate_id: int, usage: Usage, on: date) -> bool:
        """True when this standard covers the item for a room of ``estate_id`` and ``usage`` on ``on``."""
        return (
            self.fee_item_id == fee_item_id
            and (self.estate_id is None or self.estate_id == estate_id)
            and (self.usage is None or self.usage == usage)
            and self.valid_from <= on
            and (self.valid_to is None or on <= self.valid_to)
        )


def standard_in_force(
    standards: Iterable[FeeStandardTerms], *, fee_item_id: int, estate_id: int, usage: Usage, on: date
) -> FeeStandardTerms | None:
    """The standard that charges the item to such a room on ``on``, or None.

    The most specific one wins (the estate's own before an office-wide one, a usage's own before
    any usage), then the newest ``valid_from`` (a price change), then the newest record.
    """
    best: FeeStandardTerms | None = None
    best_key: tuple = ()
    for s in standards:
        if not s.applies(fee_item_id=fee_item_id, estate_id=estate_id, usage=usage, on=on):
            continue
        key = (s.estate_id is not None, s.usage is not None, s.valid_from, s.standard_id)
        if best is None or key > best_key:
            best, best_key = s, key
    return best


def is_vacant(occupancy: Occupancy) -> bool:
    """Vacancy discounts apply to vacant rooms (空置毛坯), not to rooms being decorated or let."""
    return Occupancy(occupancy) is Occupancy.VACANT


_CN_DIGITS = "零一二三四五六七八九"


def discount_words(pct: int) -> str:
    """The usual way to say what is still charged: 30 % off → ``"七折"``, 25 % → ``"七五折"``, 100 % → ``"全免"``."""
    rest = 100 - pct
    if rest <= 0:
        return "全免"
    tens, ones = divmod(rest, 10)
    return (_CN_DIGITS[tens] + (_CN_DIGITS[ones] if ones else "")) + "折"


def hundredths_text(value: int) -> str:
    """Fen, 0.01 m² or 0.01 meter units as a plain decimal for basis notes: ``250`` → ``"2.50"``."""
    sign = "-" if value < 0 else ""
    whole, part = divmod(abs(value), 100)
    return f"{sign}{whole:,}.{part:02d}"


def _metered_unit(unit_label: str) -> str:
    return unit_label.split("/", 1)[1] if "/" in unit_label else "单位"


@dataclass(frozen=True)
class Charge:
    """What one bill comes to: the full amount, the discount, and how it was worked out."""

    amount_fen: int
    discount_fen: int
    basis_note: str

    @property
    def net_fen(self) -> int:
        """What the room owes on the bill."""
        return self.amount_fen - self.discount_fen


def compute_charge(
    basis: ChargeBasis,
    *,
    unit_price_fen: int,
    area_centi_m2: int = 0,
    used_centi: int = 0,
    vacancy_pct: int = 0,
    vacant: bool = False,
    unit_label: str = "",
) -> Charge:
    """One bill's amount and discount (see the module docstring), rounded half-up once."""
    for name, value in (("unit_price_fen", unit_price_fen), ("area_centi_m2", area_centi_m2),
                        ("used_centi", used_centi), ("vacancy_pct", vacancy_pct)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be int")
        if value < 0:
            raise ValidationError("billing.negative_quantity", field=name, value=value)
    if vacancy_pct > 100:
        raise ValidationError("billing.invalid_discount", field="vacancy_pct", value=vacancy_pct)
    basis = ChargeBasis(basis)
    price = hundredths_text(unit_price_fen)
    if basis is ChargeBasis.PER_AREA:
        quantity, note = area_centi_m2, f"{price}元/㎡×{hundredths_text(area_centi_m2)}㎡"
    elif basis is ChargeBasis.FIXED:
        quantity, note = 100, f"{price}{unit_label or '元/月'}"
    else:
        unit = _metered_unit(unit_label)
        quantity, note = used_centi, f"{hundredths_text(used_centi)}{unit}×{price}元/{unit}"
    amount = mul_div_half_up(unit_price_fen, quantity, 100)
    pct = vacancy_pct if vacant else 0
    if not pct:
        return Charge(amount, 0, note)
    net = mul_div_half_up(unit_price_fen * quantity, 100 - pct, 100 * 100)
    return Charge(amount, amount - net, f"{note}（空置{discount_words(pct)}）")
