"""Collection rates (收缴率) and the monthly summary formulas."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import Decimal
from fractions import Fraction

from .money import mul_div_half_up

__all__ = ["MonthlySummary", "collection_rate", "format_rate", "household_rate", "rate_units", "ratio_percent"]


def rate_units(rate: Fraction, per_one: int) -> int:
    """An exact rate in whole units of ``1/per_one``, half-up: ``per_one=1000`` gives tenths of a percent,
    ``10_000`` hundredths of a percent (drawing), ``1_000_000`` the JSON figures' six places."""
    return mul_div_half_up(rate.numerator, per_one, rate.denominator)


def ratio_percent(numerator: int, denominator: int) -> Decimal | None:
    """``numerator / denominator`` as a percentage with 2 decimals, half-up; None if denominator is 0."""
    if denominator == 0:
        return None
    hundredths = mul_div_half_up(numerator, 10_000, denominator)
    return Decimal(hundredths).scaleb(-2)


def collection_rate(collected_fen: int, billed_fen: int) -> Decimal | None:
    """收缴率 by amount: collected ÷ billed in percent (``Decimal("93.25")``); None when nothing billed."""
    return ratio_percent(collected_fen, billed_fen)


def household_rate(paid_households: int, billed_households: int) -> Decimal | None:
    """收缴率 by households: fully paid ÷ billed households in percent; None when none billed."""
    return ratio_percent(paid_households, billed_households)


def format_rate(rate: Decimal | None) -> str:
    """``"93.25%"``; ``"—"`` for None."""
    if rate is None:
        return "—"
    return f"{rate.quantize(Decimal('0.01'))}%"


@dataclass(frozen=True)
class MonthlySummary:
    """收费汇总 for one month and one scope (estate, building, fee item, ...). All fen.

    Discounts, vacancy reductions and late fees are carried separately and do not
    enter the formulas.
    """

    prior_arrears_fen: int = 0  # 历史欠费
    current_billed_fen: int = 0  # 当月应收
    current_collected_fen: int = 0  # 当月实收
    arrears_recovered_fen: int = 0  # 欠费追回
    prepaid_fen: int = 0  # 预交
    discount_fen: int = 0  # 优惠/减免
    late_fee_fen: int = 0  # 滞纳金

    @property
    def billed_total_fen(self) -> int:
        """应收合计 = 历史欠费 + 当月应收."""
        return self.prior_arrears_fen + self.current_billed_fen

    @property
    def collected_total_fen(self) -> int:
        """实收合计 = 当月实收 + 欠费追回 + 预交."""
        return self.current_collected_fen + self.arrears_recovered_fen + self.prepaid_fen

    @property
    def arrears_fen(self) -> int:
        """欠费 = 历史欠费 + 当月应收 − 当月实收 − 欠费追回."""
        return (
            self.prior_arrears_fen + self.current_billed_fen
            - self.current_collected_fen - self.arrears_recovered_fen
        )

    @property
    def current_rate(self) -> Decimal | None:
        """当期收缴率: 当月实收 ÷ 当月应收."""
        return collection_rate(self.current_collected_fen, self.current_billed_fen)

    @property
    def recovery_rate(self) -> Decimal | None:
        """往年欠费清收率: 欠费追回 ÷ 历史欠费."""
        return collection_rate(self.arrears_recovered_fen, self.prior_arrears_fen)

    @property
    def overall_rate(self) -> Decimal | None:
        """(当月实收 + 欠费追回) ÷ 应收合计."""
        return collection_rate(self.current_collected_fen + self.arrears_recovered_fen, self.billed_total_fen)

    def __add__(self, other: object) -> MonthlySummary:
        if not isinstance(other, MonthlySummary):
            return NotImplemented
        return MonthlySummary(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    @classmethod
    def combine(cls, summaries: Iterable[MonthlySummary]) -> MonthlySummary:
        """Sum several summaries (e.g. buildings into an estate)."""
        total = cls()
        for s in summaries:
            total = total + s
        return total
