"""Late fees (滞纳金/违约金): simple daily interest per bill, never compounding.

Rates are integer parts per million per day (0.3‰/day = 300 ppm, 3‰ = 3000 ppm).
The fee is summed exactly in ppm·fen and rounded half-up once, so recomputing
with the same inputs always gives the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from .errors import ValidationError
from .money import mul_div_half_up

__all__ = [
    "PPM",
    "BillLateFee",
    "LateFeePolicy",
    "LateFeeResult",
    "assess_bill",
    "court_estimate",
    "late_fee",
    "late_fee_simple",
    "per_mille_to_ppm",
    "percent_to_ppm",
]

PPM = 1_000_000


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class LateFeePolicy:
    """How late fees accrue for one contract.

    ``daily_rate_ppm``: rate per day in parts per million of the outstanding principal.
    ``grace_days``: days after the due date without fees.
    ``cap_ppm_of_principal``: optional cap as a share of the principal (1,000,000 = 100%);
    the fee never exceeds the principal whatever the cap says.
    ``accrue_from``: fees only count from this date on (e.g. the 6th notice was served).
    """

    daily_rate_ppm: int
    grace_days: int = 0
    cap_ppm_of_principal: int | None = None
    accrue_from: date | None = None

    def __post_init__(self) -> None:
        if not _is_int(self.daily_rate_ppm) or self.daily_rate_ppm < 0:
            raise ValidationError("late_fee.invalid_policy", field="daily_rate_ppm", value=self.daily_rate_ppm)
        if not _is_int(self.grace_days) or self.grace_days < 0:
            raise ValidationError("late_fee.invalid_policy", field="grace_days", value=self.grace_days)
        cap = self.cap_ppm_of_principal
        if cap is not None and (not _is_int(cap) or cap < 0):
            raise ValidationError("late_fee.invalid_policy", field="cap_ppm_of_principal", value=cap)


@dataclass(frozen=True)
class LateFeeResult:
    """``days`` of accrual, the fee in fen, and whether the cap (or the principal) limited it."""

    days: int
    amount_fen: int
    capped: bool


def late_fee(
    *,
    due_date: date,
    as_of: date,
    policy: LateFeePolicy,
    balances: Sequence[tuple[date, int]],
) -> LateFeeResult:
    """Late fee of ONE bill as of ``as_of`` (inclusive).

    ``balances`` is the outstanding principal as a step function: ``(from_date, outstanding_fen)``
    sorted by date; a part payment adds a lower step from its date. The first step also
    covers any earlier day. Fees accrue for each day after ``due_date + grace_days`` (and from
    ``policy.accrue_from`` when set) up to ``as_of``, on that day's outstanding principal.
    The cap applies to the largest principal in ``balances``.
    """
    if any(later[0] < earlier[0] for earlier, later in pairwise(balances)):
        raise ValidationError("late_fee.balances_unsorted")
    first_day = due_date + timedelta(days=policy.grace_days + 1)
    if policy.accrue_from is not None and policy.accrue_from > first_day:
        first_day = policy.accrue_from
    days = max(0, (as_of - first_day).days + 1)
    if days == 0 or not balances:
        return LateFeeResult(days, 0, False)

    total = 0  # ppm·fen
    for i, (start, outstanding) in enumerate(balances):
        seg_from = first_day if i == 0 else max(start, first_day)
        seg_to = balances[i + 1][0] - timedelta(days=1) if i + 1 < len(balances) else as_of
        seg_to = min(seg_to, as_of)
        if seg_to >= seg_from and outstanding > 0:
            total += ((seg_to - seg_from).days + 1) * outstanding
    amount = mul_div_half_up(total, policy.daily_rate_ppm, PPM)

    principal = max(0, max(fen for _, fen in balances))
    limit = principal
    if policy.cap_ppm_of_principal is not None:
        limit = min(limit, mul_div_half_up(principal, policy.cap_ppm_of_principal, PPM))
    if amount > limit:
        return LateFeeResult(days, limit, True)
    return LateFeeResult(days, amount, False)


def late_fee_simple(principal_fen: int, due_date: date, as_of: date, policy: LateFeePolicy) -> LateFeeResult:
    """Late fee of a bill whose principal stayed ``principal_fen`` throughout."""
    return late_fee(due_date=due_date, as_of=as_of, policy=policy, balances=[(due_date, principal_fen)])


def court_estimate(
    *,
    principal_fen: int,
    due_date: date,
    as_of: date,
    lpr_annual_bp: int = 300,
    multiplier_pct: int = 130,
) -> int:
    """A court-realistic late fee: annual LPR × ``multiplier_pct``% pro rata by days/365, half-up.

    Never above the principal; 0 when not overdue.
    """
    days = max(0, (as_of - due_date).days)
    if days == 0 or principal_fen <= 0:
        return 0
    fee = mul_div_half_up(principal_fen * lpr_annual_bp * multiplier_pct, days, 10_000 * 100 * 365)
    return min(fee, principal_fen)


@dataclass(frozen=True)
class BillLateFee:
    """One bill's assessment: ``days`` of accrual, the contract fee and the court-realistic estimate (fen)."""

    days: int
    amount_fen: int
    court_estimate_fen: int


def assess_bill(
    *,
    due_date: date,
    as_of: date,
    principal_fen: int,
    payments: Iterable[tuple[date, int]],
    policy: LateFeePolicy,
) -> BillLateFee:
    """Late fee of ONE unpaid bill as of ``as_of`` from the payments booked against it.

    ``payments`` are the bill's allocation lines ``(paid_on, fen)`` in booking order (a reversal's
    line is negative); each lowers the outstanding principal from its day, a payment made before
    the due date counts from the due date. The court estimate is on what is left after all of them.
    """
    balances = [(due_date, principal_fen)]
    outstanding = principal_fen
    for paid_on, fen in payments:
        outstanding -= fen
        balances.append((max(paid_on, due_date), outstanding))
    balances.sort(key=lambda step: step[0])
    result = late_fee(due_date=due_date, as_of=as_of, policy=policy, balances=balances)
    court = court_estimate(principal_fen=max(0, outstanding), due_date=due_date, as_of=as_of)
    return BillLateFee(result.days, result.amount_fen, court)


def _to_ppm(value: Decimal | str | int, scale: int, text: str) -> int:
    if isinstance(value, bool | float):
        raise TypeError("rate must be Decimal, str or int")
    try:
        d = Decimal(str(value).strip().rstrip("‰%").strip()) * scale
    except InvalidOperation as exc:
        raise ValidationError("late_fee.invalid_rate", text=text) from exc
    if not d.is_finite() or d < 0 or d != d.to_integral_value():
        raise ValidationError("late_fee.invalid_rate", text=text)
    return int(d)


def per_mille_to_ppm(value: Decimal | str | int) -> int:
    """``"0.3"`` or ``"0.3‰"`` per day -> 300 ppm."""
    return _to_ppm(value, 1000, str(value))


def percent_to_ppm(value: Decimal | str | int) -> int:
    """``"0.03"`` or ``"0.03%"`` per day -> 300 ppm."""
    return _to_ppm(value, 10_000, str(value))
