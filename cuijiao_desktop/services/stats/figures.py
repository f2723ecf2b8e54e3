"""The monthly figures (汇总, 按收费项目) of month M, aggregated in SQL, and :func:`compute_month_stats`.

Definitions (issue 12; money in fen; M seen as of the end of M unless ``as_of`` says otherwise):

* 当月应收 (billed): the bills of period M, their amount as of ``as_of`` net of their discount;
* 当月实收 (collected): allocated to bills of period M by ``as_of``, whenever paid (a prepayment of an
  earlier month and prepaid credit spent on them count);
* 欠费追回 (recovered): payments dated from the first day of M to ``as_of``, allocated to bills of
  periods before M (credit spent on such bills too: it pays them);
* 预交 (prepaid): *money* received in that window (not prepaid credit spent, which was counted when
  it came in) allocated to bills of periods after M, or left as credit; a fee item's 预交 holds only
  the allocations (credit belongs to no fee item), so the fee items' 预交 may sum to less than the total;
* 历史欠费 (opening): owed at the end of the day before M on bills of periods before M;
* 期末欠费 (closing): owed as of ``as_of`` on bills of periods ≤ M, straight from the bills;
* other reductions: write-offs and bill adjustments dated in the window on bills before M, and what is
  written off on the bills of M by ``as_of`` (0 in an ordinary month).

The balance identity 历史欠费 + 当月应收 − 当月实收 − 欠费追回 − other reductions = 期末欠费 is checked
for every scope; when it fails the statistics are refused (``stats.unbalanced``).

Reversals count on the day they were made (their ``paid_on``). Late fees never enter these figures.
With an ``as_of`` after M, the window runs from the first day of M to ``as_of``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Integer, and_, case, func, literal, null, or_, select, type_coerce, union_all
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import (
    Bill,
    BillAdjustment,
    Building,
    CreditEntry,
    Estate,
    FeeItem,
    Payment,
    PaymentAllocation,
    Room,
    WriteOff,
)
from cuijiao_desktop.domain.billing import (
    parse_period,
    period_add,
    period_first_day,
    period_last_day,
    period_text,
)
from cuijiao_desktop.domain.enums import PaymentMethod
from cuijiao_desktop.domain.errors import DomainError, NotFound, ValidationError
from cuijiao_desktop.domain.rooms import natural_key
from cuijiao_desktop.services.tx import read_only

from .ledger_sql import after_day, owed_at, period_bills
from .model import BuildingFigures, FeeItemFigures, Figures, MonthStats

__all__ = ["MonthWindow", "building_label", "compute_month_stats", "month_window", "summary_figures"]

_KINDS = ("billed", "collected", "recovered", "prepaid", "other")


def building_label(estate: str, building: str) -> str:
    """A building as the office writes it with its estate: ``阳光花园 3栋``."""
    name = building if building.endswith(("栋", "幢", "座", "楼")) or not building[-1:].isdigit() else f"{building}栋"
    return f"{estate} {name}"


@dataclass(frozen=True)
class MonthWindow:
    """Month M as a period and its days: ``opening_day`` is the day before M; money dated in
    ``(opening_day, as_of]`` is "dated within M"."""

    period: int
    as_of: date
    estate_id: int | None = None
    estate: str | None = None

    @property
    def month(self) -> str:
        return period_text(self.period)

    @property
    def opening_day(self) -> date:
        return period_first_day(self.period) - timedelta(days=1)

    def rooms(self, room_col):
        """A condition on a room id column keeping the estate's rooms (or every room)."""
        if self.estate_id is None:
            return literal(True)
        return room_col.in_(select(Room.id).where(Room.estate_id == self.estate_id))


def month_window(session: Session, month: str | int, *, as_of: date | None = None,
                 estate: str | None = None) -> MonthWindow:
    """Month M (``"YYYY-MM"``), the day it is seen on and the estate filter, checked."""
    period = month if isinstance(month, int) else parse_period(month)
    day = as_of or period_last_day(period)
    if day < period_first_day(period):
        raise ValidationError("stats.as_of_before_month", field="as_of", as_of=day.isoformat(),
                              month=period_text(period))
    estate_id = None
    name = None
    if estate is not None and estate.strip():
        text = estate.strip()
        row = session.execute(select(Estate.id, Estate.name).where(or_(Estate.name == text, Estate.code == text))
                              .order_by(Estate.id)).first()
        if row is None:
            raise NotFound("stats.estate_not_found", estate=text)
        estate_id, name = row
    return MonthWindow(period, day, estate_id, name)


# ---------------------------------------------------------------------------
# SQL
# ---------------------------------------------------------------------------


def _money_statement(w: MonthWindow):
    """One grouped statement: (kind, building, fee item, fen) for the five money kinds."""
    m, s, e = w.period, w.opening_day, w.as_of
    since_e, since_s = after_day(e), after_day(s)

    def bill_part(kind: str, fen, *where, src=None):
        q = select(literal(kind).label("kind"), Bill.room_id.label("room_id"), Bill.fee_item_id.label("item"),
                   fen.label("fen"))
        if src is not None:
            q = q.select_from(src).join(Bill, Bill.id == src.bill_id)
        return q.where(*where)

    def alloc_part(kind: str, *where):
        return (select(literal(kind), Bill.room_id, Bill.fee_item_id, PaymentAllocation.amount_fen)
                .select_from(PaymentAllocation)
                .join(Payment, Payment.id == PaymentAllocation.payment_id)
                .join(Bill, Bill.id == PaymentAllocation.bill_id)
                .where(*where))

    in_window = and_(Payment.paid_on > s, Payment.paid_on <= e)
    money = Payment.method != PaymentMethod.CREDIT
    parts = [
        bill_part("billed", Bill.amount_fen - Bill.discount_fen, Bill.period == m),
        bill_part("billed", BillAdjustment.old_amount_fen - BillAdjustment.new_amount_fen,
                  Bill.period == m, BillAdjustment.created_at >= since_e, src=BillAdjustment),
        bill_part("other", Bill.waived_fen, Bill.period == m, Bill.waived_fen != 0),
        bill_part("other", -WriteOff.amount_fen, Bill.period == m, WriteOff.created_at >= since_e, src=WriteOff),
        bill_part("other", WriteOff.amount_fen, Bill.period < m, WriteOff.created_at >= since_s,
                  WriteOff.created_at < since_e, src=WriteOff),
        bill_part("other", BillAdjustment.old_amount_fen - BillAdjustment.new_amount_fen, Bill.period < m,
                  BillAdjustment.created_at >= since_s, BillAdjustment.created_at < since_e, src=BillAdjustment),
        alloc_part("collected", Bill.period == m, Payment.paid_on <= e),
        alloc_part("recovered", Bill.period < m, in_window),
        alloc_part("prepaid", Bill.period > m, in_window, money),
        select(literal("prepaid"), CreditEntry.room_id, type_coerce(null(), Integer), CreditEntry.amount_fen)
        .join(Payment, Payment.id == CreditEntry.payment_id).where(in_window, money),
    ]
    moves = union_all(*parts).subquery("money")
    return (select(moves.c.kind, Room.building_id, moves.c.item, func.sum(moves.c.fen))
            .join(Room, Room.id == moves.c.room_id)
            .where(w.rooms(Room.id))
            .group_by(moves.c.kind, Room.building_id, moves.c.item))


def _owed_statement(w: MonthWindow, day: date, max_period: int):
    owed = owed_at(day, max_period).subquery("owed")
    return (select(Room.building_id, Bill.fee_item_id, func.sum(owed.c.owed))
            .select_from(owed).join(Bill, Bill.id == owed.c.bill_id).join(Room, Room.id == Bill.room_id)
            .where(w.rooms(Room.id))
            .group_by(Room.building_id, Bill.fee_item_id))


def households_statement(cutoffs: Mapping[int, date], key, *, estate_id: int | None = None):
    """Per (period, ``key``): rooms billed, rooms whose bills of the period were all paid by its day,
    billed and paid fen (``key``: ``Room.building_id``, ``Bill.fee_item_id`` or None for all)."""
    pb = period_bills(cutoffs).subquery("pb")
    key_col = key if key is not None else literal(0)
    per_room = (select(Bill.period.label("period"), key_col.label("k"), Bill.room_id.label("room_id"),
                       func.max(pb.c.owed).label("owed"), func.sum(pb.c.billed).label("billed"),
                       func.sum(pb.c.paid).label("paid"))
                .select_from(pb).join(Bill, Bill.id == pb.c.bill_id).join(Room, Room.id == Bill.room_id))
    if estate_id is not None:
        per_room = per_room.where(Room.estate_id == estate_id)
    per_room = per_room.group_by(Bill.period, key_col, Bill.room_id).subquery("per_room")
    return (select(per_room.c.period, per_room.c.k, func.count(),
                   func.sum(case((per_room.c.owed <= 0, 1), else_=0)),
                   func.sum(per_room.c.billed), func.sum(per_room.c.paid))
            .group_by(per_room.c.period, per_room.c.k))


# ---------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------


def _add(into: dict[str, int], values: Mapping[str, int]) -> None:
    for k, v in values.items():
        into[k] = into.get(k, 0) + v


def _figures(values: Mapping[str, int]) -> Figures:
    return Figures(
        households=values.get("households", 0), households_paid=values.get("households_paid", 0),
        billed_fen=values.get("billed", 0), collected_fen=values.get("collected", 0),
        recovered_fen=values.get("recovered", 0), prepaid_fen=values.get("prepaid", 0),
        opening_arrears_fen=values.get("opening", 0), closing_arrears_fen=values.get("closing", 0),
        other_reductions_fen=values.get("other", 0),
    )


@dataclass(frozen=True)
class SummaryFigures:
    """The 汇总 and 按收费项目 figures of a month."""

    total: Figures
    by_building: tuple[BuildingFigures, ...]
    by_estate: tuple[BuildingFigures, ...]
    by_fee_item: tuple[FeeItemFigures, ...]


def summary_figures(session: Session, w: MonthWindow) -> SummaryFigures:
    """汇总 per building and estate, 按收费项目 per fee item, and the total; the identity checked."""
    cells: dict[tuple[int, int | None], dict[str, int]] = defaultdict(dict)  # (building, item) -> kind -> fen
    for kind, building_id, item, fen in session.execute(_money_statement(w)):
        _add(cells[(building_id, item)], {kind: int(fen or 0)})
    for name, day, top in (("opening", w.opening_day, period_add(w.period, -1)), ("closing", w.as_of, w.period)):
        for building_id, item, fen in session.execute(_owed_statement(w, day, top)):
            _add(cells[(building_id, item)], {name: int(fen or 0)})
    per_building: dict[int, dict[str, int]] = defaultdict(dict)
    per_item: dict[int, dict[str, int]] = defaultdict(dict)
    for (building_id, item), values in cells.items():
        _add(per_building[building_id], values)
        if item is not None:
            _add(per_item[item], values)
    cutoff = {w.period: w.as_of}
    for _p, building_id, rooms, paid, _b, _c in session.execute(
            households_statement(cutoff, Room.building_id, estate_id=w.estate_id)):
        _add(per_building[building_id], {"households": int(rooms), "households_paid": int(paid or 0)})
    for _p, item, rooms, paid, _b, _c in session.execute(
            households_statement(cutoff, Bill.fee_item_id, estate_id=w.estate_id)):
        _add(per_item[item], {"households": int(rooms), "households_paid": int(paid or 0)})

    names = session.execute(
        select(Building.id, Building.name, Building.sort_order, Estate.id, Estate.name)
        .join(Estate, Estate.id == Building.estate_id).where(Building.id.in_(sorted(per_building) or [0]))
    ).all()
    names.sort(key=lambda r: (r[3], r[2], natural_key(r[1]), r[0]))
    by_building: list[BuildingFigures] = []
    estates: dict[int, tuple[str, dict[str, int]]] = {}
    total: dict[str, int] = {}
    for building_id, bname, _order, estate_id, ename in names:
        values = per_building[building_id]
        by_building.append(BuildingFigures(ename, bname, building_label(ename, bname), _figures(values)))
        _add(estates.setdefault(estate_id, (ename, {}))[1], values)
        _add(total, values)
    by_estate = tuple(BuildingFigures(ename, "", ename, _figures(v)) for ename, v in estates.values())
    items = session.execute(select(FeeItem.id, FeeItem.name).where(FeeItem.id.in_(sorted(per_item) or [0]))
                            .order_by(FeeItem.sort_order, FeeItem.id)).all()
    by_item = tuple(FeeItemFigures(name, _figures(per_item[item_id])) for item_id, name in items)
    result = SummaryFigures(_figures(total), tuple(by_building), by_estate, by_item)
    _check_identity(w, result)
    return result


def _check_identity(w: MonthWindow, figures: SummaryFigures) -> None:
    scopes: Iterable[tuple[str, Figures]] = [
        ("合计", figures.total),
        *((b.label, b.figures) for b in figures.by_building),
        *((e.label, e.figures) for e in figures.by_estate),
        *((f.fee_item, f.figures) for f in figures.by_fee_item),
    ]
    for label, f in scopes:
        if not f.balanced:
            raise DomainError("stats.unbalanced", month=w.month, scope=label,
                              formula_fen=f.identity_closing_fen, bills_fen=f.closing_arrears_fen)


@read_only
def compute_month_stats(session: Session, month: str, *, as_of: date | None = None,
                        estate: str | None = None) -> MonthStats:
    """Everything the monthly statistics print for month M, computed now (see the module's docstring);
    raises ``stats.unbalanced`` when the balance identity fails for any scope."""
    from . import sheets

    w = month_window(session, month, as_of=as_of, estate=estate)
    summary = summary_figures(session, w)
    arrears = sheets.arrears_rooms(session, w)
    return MonthStats(
        month=w.month, as_of=w.as_of, estate=w.estate, generated_at=datetime.now(UTC),
        total=summary.total, by_building=summary.by_building, by_estate=summary.by_estate,
        by_fee_item=summary.by_fee_item, ageing=sheets.ageing_rows(session, w, arrears),
        collectors=sheets.collector_rows(session, w), reasons=sheets.reason_rows(session, w, arrears),
        trend=sheets.trend_points(session, w), details=sheets.detail_rows(session, w, arrears),
    )
