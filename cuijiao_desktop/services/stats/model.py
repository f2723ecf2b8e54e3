"""The monthly statistics of issue 12 as frozen data: what the service computes, the workbook,
the JSON figures, the dashboards and a month-close snapshot all read this one shape.

Money is integer fen; rates are :class:`fractions.Fraction` (exact) and rounded only at the edges
(``rate_json`` for the JSON figures, a percent number format in the workbook).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from fractions import Fraction
from typing import Any

from cuijiao_desktop.domain.ageing import BUCKET_LABELS_ZH, AgeBucket
from cuijiao_desktop.domain.rates import rate_units

__all__ = [
    "AGEING_KEYS", "FIGURE_KEYS", "OTHER_REDUCTIONS_KEY", "AgeingRow", "BuildingFigures", "CollectorRow",
    "DetailRow", "FeeItemFigures", "Figures", "MonthStats", "ReasonRow", "TrendPoint", "rate_json",
]

#: The keys of a FIGURES object in ``cuijiao stats --format json`` (the issue's names, in its order).
FIGURE_KEYS = ("households", "当月应收", "当月实收", "欠费追回", "预交", "历史欠费", "期末欠费", "收缴率_金额", "收缴率_户数")
#: The key a FIGURES object adds only when write-offs or bill adjustments dated in M reduce the arrears.
OTHER_REDUCTIONS_KEY = "核销调整"
#: The ageing keys of the JSON figures, in bucket order ("1个月" … "3年以上").
AGEING_KEYS = tuple(BUCKET_LABELS_ZH[b] for b in AgeBucket)


def rate_json(rate: Fraction | None) -> float | None:
    """A rate for the JSON figures: a fraction rounded half-up to 6 places; None when nothing was billed."""
    if rate is None:
        return None
    return rate_units(rate, 1_000_000) / 1_000_000  # JSON numbers are floats: rounded exactly first


@dataclass(frozen=True)
class Figures:
    """The 汇总 figures of one scope (a building, an estate, a fee item, the whole office) for month M."""

    households: int = 0  # rooms billed for M
    households_paid: int = 0  # of those, rooms whose period-M bills are all fully paid by the end of M
    billed_fen: int = 0  # 当月应收
    collected_fen: int = 0  # 当月实收
    recovered_fen: int = 0  # 欠费追回
    prepaid_fen: int = 0  # 预交
    opening_arrears_fen: int = 0  # 历史欠费
    closing_arrears_fen: int = 0  # 期末欠费 (straight from the bills; the identity is checked against it)
    other_reductions_fen: int = 0  # write-offs and bill adjustments dated in M (0 in an ordinary month)
    late_fees_fen: int = 0  # 滞纳金实收: late fees of the payments dated in M (apart: in no figure above)

    @property
    def rate_amount(self) -> Fraction | None:
        """收缴率(金额) = 当月实收 ÷ 当月应收; None when nothing was billed."""
        return Fraction(self.collected_fen, self.billed_fen) if self.billed_fen else None

    @property
    def rate_households(self) -> Fraction | None:
        """收缴率(户数) = fully paid rooms ÷ billed rooms; None when no room was billed."""
        return Fraction(self.households_paid, self.households) if self.households else None

    @property
    def identity_closing_fen(self) -> int:
        """期末欠费 by the formula: 历史欠费 + 当月应收 − 当月实收 − 欠费追回 (− other reductions)."""
        return (self.opening_arrears_fen + self.billed_fen - self.collected_fen - self.recovered_fen
                - self.other_reductions_fen)

    @property
    def balanced(self) -> bool:
        """True when the formula and the bills agree to the fen."""
        return self.identity_closing_fen == self.closing_arrears_fen

    def to_json(self) -> dict[str, Any]:
        """The FIGURES object of the JSON output (issue's keys; money in fen, rates to 6 places), and
        ``核销调整`` (other reductions) only when write-offs or adjustments dated in M make it non-zero:
        期末欠费 = 历史欠费 + 当月应收 − 当月实收 − 欠费追回 − 核销调整."""
        out = {
            "households": self.households, "当月应收": self.billed_fen, "当月实收": self.collected_fen,
            "欠费追回": self.recovered_fen, "预交": self.prepaid_fen, "历史欠费": self.opening_arrears_fen,
            "期末欠费": self.closing_arrears_fen, "收缴率_金额": rate_json(self.rate_amount),
            "收缴率_户数": rate_json(self.rate_households),
        }
        if self.other_reductions_fen:
            out[OTHER_REDUCTIONS_KEY] = self.other_reductions_fen
        return out


@dataclass(frozen=True)
class BuildingFigures:
    """One building's figures; ``label`` is the estate and building as the office writes them."""

    estate: str
    building: str
    label: str
    figures: Figures


@dataclass(frozen=True)
class FeeItemFigures:
    """One fee item's figures (按收费项目)."""

    fee_item: str
    figures: Figures


@dataclass(frozen=True)
class AgeingRow:
    """账龄分析 of one building: rooms and fen per bucket, in ``AgeBucket`` order (8 entries each).
    A room counts once, in the bucket of its oldest unpaid bill; the amounts are per bill."""

    estate: str
    building: str
    label: str
    households: tuple[int, ...]
    amount_fen: tuple[int, ...]


@dataclass(frozen=True)
class CollectorRow:
    """催收业绩 of one collector in month M."""

    collector: str
    calls: int = 0
    visits: int = 0
    notices: int = 0
    promises_made: int = 0
    promises_kept: int = 0
    promises_broken: int = 0
    recovered_fen: int = 0  # principal paid in M on bills of periods ≤ M by the rooms of the collector's cases
    rooms_cleared: int = 0  # of those rooms, the ones owing nothing at the end of M


@dataclass(frozen=True)
class ReasonRow:
    """欠费原因: rooms in arrears at the end of M and their arrears, per reason ("" = not recorded)."""

    reason: str  # an ArrearsReason value or ""
    label: str  # its Chinese label (未登记 for "")
    households: int
    amount_fen: int


@dataclass(frozen=True)
class TrendPoint:
    """One month of the 12-month trend (the last point is month M)."""

    month: str  # "YYYY-MM"
    households: int
    households_paid: int
    billed_fen: int
    collected_fen: int

    @property
    def rate_amount(self) -> Fraction | None:
        return Fraction(self.collected_fen, self.billed_fen) if self.billed_fen else None

    @property
    def rate_households(self) -> Fraction | None:
        return Fraction(self.households_paid, self.households) if self.households else None


@dataclass(frozen=True)
class DetailRow:
    """欠费明细: one room in arrears at the end of M (periods ≤ M). Names are masked only on boards,
    never here: the workbook is an internal document and its export is audited."""

    room_id: int
    room_code: str
    estate: str
    building: str
    owner: str
    phone: str
    months: int  # periods unpaid (distinct billing months, as the arrears table counts them)
    first_period: str  # "YYYY-MM"
    last_period: str
    amount_fen: int
    oldest_bucket: str  # a bucket label (BUCKET_LABELS_ZH)
    stage: str  # the stage's Chinese label, "" without a case
    collector: str
    reason: str  # the reason's Chinese label, ""
    last_contact: date | None = None


@dataclass(frozen=True)
class MonthStats:
    """Everything the monthly statistics print for month M (``month`` = "YYYY-MM")."""

    month: str
    as_of: date
    estate: str | None  # the --estate filter, None for the whole office
    generated_at: datetime
    total: Figures
    by_building: tuple[BuildingFigures, ...]
    by_estate: tuple[BuildingFigures, ...]  # building == "" and label == estate name
    by_fee_item: tuple[FeeItemFigures, ...]
    ageing: tuple[AgeingRow, ...]
    collectors: tuple[CollectorRow, ...]
    reasons: tuple[ReasonRow, ...]
    trend: tuple[TrendPoint, ...]
    details: tuple[DetailRow, ...]
    closed_at: datetime | None = None  # set when this is a month-close snapshot (已月结)
    closed_by: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def audit_detail(self) -> dict[str, Any]:
        """What an export of these statistics records in the audit log besides the file: month, estate
        ("" for the whole office) and the as-of day."""
        return {"month": self.month, "estate": self.estate or "", "as_of": self.as_of.isoformat()}

    @property
    def ageing_total_fen(self) -> tuple[int, ...]:
        """The office's unpaid fen per bucket (sum of the ageing rows)."""
        return tuple(sum(r.amount_fen[i] for r in self.ageing) for i in range(len(AgeBucket)))

    def to_json(self) -> dict[str, Any]:
        """The object printed by ``cuijiao stats --format json``."""
        return {
            "month": self.month,
            "as_of": self.as_of.isoformat(),
            "by_building": {b.label: b.figures.to_json() for b in self.by_building},
            "total": self.total.to_json(),
            "ageing_fen": dict(zip(AGEING_KEYS, self.ageing_total_fen, strict=True)),
        }

    def to_snapshot(self) -> dict[str, Any]:
        """Every field as plain JSON types, for a month-close snapshot (``from_snapshot`` reads it back)."""
        data = asdict(self)
        return _encode(data)

    @classmethod
    def from_snapshot(cls, data: dict[str, Any]) -> MonthStats:
        """The stats stored by ``to_snapshot``, identical field for field."""
        d = dict(data)
        d["as_of"] = date.fromisoformat(d["as_of"])
        d["generated_at"] = datetime.fromisoformat(d["generated_at"])
        d["closed_at"] = datetime.fromisoformat(d["closed_at"]) if d.get("closed_at") else None
        d["total"] = Figures(**d["total"])
        d["by_building"] = tuple(_building(b) for b in d["by_building"])
        d["by_estate"] = tuple(_building(b) for b in d["by_estate"])
        d["by_fee_item"] = tuple(FeeItemFigures(f["fee_item"], Figures(**f["figures"])) for f in d["by_fee_item"])
        d["ageing"] = tuple(AgeingRow(**{**a, "households": tuple(a["households"]),
                                         "amount_fen": tuple(a["amount_fen"])}) for a in d["ageing"])
        d["collectors"] = tuple(CollectorRow(**c) for c in d["collectors"])
        d["reasons"] = tuple(ReasonRow(**r) for r in d["reasons"])
        d["trend"] = tuple(TrendPoint(**t) for t in d["trend"])
        d["details"] = tuple(DetailRow(**{**r, "last_contact": date.fromisoformat(r["last_contact"])
                                          if r.get("last_contact") else None}) for r in d["details"])
        return cls(**d)


def _building(b: dict[str, Any]) -> BuildingFigures:
    return BuildingFigures(b["estate"], b["building"], b["label"], Figures(**b["figures"]))


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value
