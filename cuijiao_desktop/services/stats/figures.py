"""The monthly figures (汇总, 按收费项目) of month M, aggregated in SQL, and :func:`compute_month_stats`.

Definitions (issue 12; money in fen; M seen as of the end of M unless ``as_of`` says otherwise):

* 当月应收 (billed): the bills of period M, their amount as of ``as_of`` net of their discount;
* 当月实收 (collected): allocated to bills of period M by ``as_of``, whenever paid (a prepayment of an
  earlier month and prepaid credit spent on them count);
* 欠费追回 (recovered): payments dated from the first day of M to ``as_of``, allocated to bills of
  periods before M (credit spent on such bills too: it pays them);
* 预交 (prepaid): *money* received in that window (not prepaid credit spent, which was counted when
  it came in) allocated to bills of periods after M, or left as credit at ``as_of``: credit of a deposit
  made in the window and spent in it on bills of periods ≤ M was not left as credit (it is 当月实收 or
  欠费追回 there), credit of an earlier deposit spent in the window does not touch 预交 (the deposits and
  spendings are linked by ``credit_entry.source_id``); a fee item's 预交 holds only the allocations
  (credit belongs to no fee item), so the fee items' 预交 may sum to less than the total;
* 历史欠费 (opening): owed at the end of the day before M on bills of periods before M;
* 期末欠费 (closing): owed as of ``as_of`` on bills of periods ≤ M, straight from the bills;
* other reductions: write-offs and bill adjustments dated in the window on bills before M, and what is
  written off on the bills of M by ``as_of`` (0 in an ordinary month).

The balance identity 历史欠费 + 当月应收 − 当月实收 − 欠费追回 − other reductions = 期末欠费 is checked
for every scope; when it fails the statistics are refused (``stats.unbalanced``). Its two sides are
computed independently: the formula from the ledger's movements (allocations by the payment's date and
the bill's period, adjustments, write-offs), 期末欠费 from the bills' cached amounts rolled back to
``as_of`` (``ledger_sql``). 历史欠费 is read from the same caches rolled back to the day before M, so a
wrong cache on a bill *before* M cancels out here; ``cuijiao db check`` finds those.

Reversals count on the day they were made (their ``paid_on``). Late fees never enter these figures: they
are reported apart as 滞纳金实收 (the late fees of the payments dated in the window, ``late_fees_fen``).
With an ``as_of`` after M, the window runs from the first day of M to ``as_of``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Integer, String, and_, case, func, literal, null, or_, select, type_coerce, union_all
from sqlalchemy.orm import Session, aliased

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
    period_first_day,
    period_last_day,
    period_text,
)
from cuijiao_desktop.domain.enums import PaymentMethod
from cuijiao_desktop.domain.errors import DomainError, NotFound, ValidationError
from cuijiao_desktop.domain.office_time import office_today
from cuijiao_desktop.domain.rooms import natural_key
from cuijiao_desktop.services.tx import read_only

from .ledger_sql import OUTSTANDING, UNPAID, after_day, late_moves, owed_per_bill
from .model import BuildingFigures, FeeItemFigures, Figures, MonthStats

__all__ = [
    "MonthWindow", "building_label", "compute_month_stats", "month_as_of", "month_window", "summary_figures",
]

_KINDS = ("billed", "collected", "recovered", "prepaid", "other", "late")


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


def month_as_of(period: int, today: date) -> date:
    """The day month M is seen on when no ``as_of`` is asked: its last day, or the office's ``today``
    while M is still running (the one rule of the 报表 page, the CLI and the 工作台 summary)."""
    return min(period_last_day(period), today)


def month_window(session: Session, month: str | int, *, as_of: date | None = None,
                 estate: str | None = None, today: date | None = None) -> MonthWindow:
    """Month M (``"YYYY-MM"``), the day it is seen on and the estate filter, checked. ``today``: the
    office's date (default now); an ``as_of`` after it is refused (the future has no figures)."""
    period = month if isinstance(month, int) else parse_period(month)
    today = today or office_today()
    if as_of is not None and as_of > today:
        raise ValidationError("stats.as_of_after_today", field="as_of", as_of=as_of.isoformat(),
                              today=today.isoformat())
    day = as_of or month_as_of(period, today)
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
    """One grouped statement: per (building, fee item) 当月应收, 当月实收, 欠费追回, 预交, other reductions and
    滞纳金实收 (apart)."""
    m, s, e = w.period, w.opening_day, w.as_of
    since_e, since_s = after_day(e), after_day(s)
    zero = literal(0, Integer)
    adjusted = BillAdjustment.old_amount_fen - BillAdjustment.new_amount_fen

    def row(room, item, billed=zero, collected=zero, recovered=zero, prepaid=zero, other=zero, late=zero):
        return (room.label("room_id"), item.label("item"), billed.label("billed"), collected.label("collected"),
                recovered.label("recovered"), prepaid.label("prepaid"), other.label("other"), late.label("late"))

    money = Payment.method != PaymentMethod.CREDIT
    spend, deposit, deposit_paid = aliased(CreditEntry), aliased(CreditEntry), aliased(Payment)
    parts = [
        # the bills of M: their amount net of the discount, and what is written off on them
        select(*row(Bill.room_id, Bill.fee_item_id, billed=Bill.amount_fen - Bill.discount_fen, other=Bill.waived_fen))
        .where(Bill.period == m),
        # … as they were on the as-of day: later adjustments and write-offs undone
        select(*row(Bill.room_id, Bill.fee_item_id, billed=adjusted)).select_from(BillAdjustment)
        .join(Bill, Bill.id == BillAdjustment.bill_id).where(Bill.period == m, BillAdjustment.created_at >= since_e),
        select(*row(Bill.room_id, Bill.fee_item_id, other=-WriteOff.amount_fen)).select_from(WriteOff)
        .join(Bill, Bill.id == WriteOff.bill_id).where(Bill.period == m, WriteOff.created_at >= since_e),
        # write-offs and adjustments dated in the window on the bills before M
        select(*row(Bill.room_id, Bill.fee_item_id, other=WriteOff.amount_fen)).select_from(WriteOff)
        .join(Bill, Bill.id == WriteOff.bill_id)
        .where(Bill.period < m, WriteOff.created_at >= since_s, WriteOff.created_at < since_e),
        select(*row(Bill.room_id, Bill.fee_item_id, other=adjusted)).select_from(BillAdjustment)
        .join(Bill, Bill.id == BillAdjustment.bill_id)
        .where(Bill.period < m, BillAdjustment.created_at >= since_s, BillAdjustment.created_at < since_e),
        # paid on the bills of M before M (prepayments, credit spent early)
        select(*row(Bill.room_id, Bill.fee_item_id, collected=PaymentAllocation.amount_fen))
        .select_from(Bill).join(PaymentAllocation, PaymentAllocation.bill_id == Bill.id)
        .join(Payment, Payment.id == PaymentAllocation.payment_id)
        .where(Bill.period == m, Payment.paid_on <= s),
        # the payments dated in the window, by the period of the bill they paid
        select(*row(Bill.room_id, Bill.fee_item_id,
                    collected=case((Bill.period == m, PaymentAllocation.amount_fen), else_=zero),
                    recovered=case((Bill.period < m, PaymentAllocation.amount_fen), else_=zero),
                    prepaid=case((and_(Bill.period > m, money), PaymentAllocation.amount_fen), else_=zero),
                    late=PaymentAllocation.late_fee_fen))
        .select_from(Payment).join(PaymentAllocation, PaymentAllocation.payment_id == Payment.id)
        .join(Bill, Bill.id == PaymentAllocation.bill_id)
        .where(Payment.paid_on > s, Payment.paid_on <= e),
        # money of the window left as credit (or taken back by a reversal); credit spent is not new money
        select(*row(CreditEntry.room_id, type_coerce(null(), Integer), prepaid=CreditEntry.amount_fen))
        .select_from(Payment)
        .join(CreditEntry, and_(CreditEntry.room_id == Payment.room_id, CreditEntry.payment_id == Payment.id))
        .where(Payment.paid_on > s, Payment.paid_on <= e, money),
        # … less what of it was spent in the window on bills of periods ≤ M (a spending, or the reversal of
        # one, is a credit payment whose entry names its deposit): that money is 当月实收 or 欠费追回
        select(*row(spend.room_id, type_coerce(null(), Integer), prepaid=-PaymentAllocation.amount_fen))
        .select_from(Payment).join(spend, spend.payment_id == Payment.id)
        .join(deposit, deposit.id == spend.source_id).join(deposit_paid, deposit_paid.id == deposit.payment_id)
        .join(PaymentAllocation, PaymentAllocation.payment_id == Payment.id)
        .join(Bill, Bill.id == PaymentAllocation.bill_id)
        .where(Payment.method == PaymentMethod.CREDIT, Payment.paid_on > s, Payment.paid_on <= e, Bill.period <= m,
               deposit_paid.method != PaymentMethod.CREDIT, deposit_paid.paid_on > s, deposit_paid.paid_on <= e),
    ]
    moves = union_all(*parts).subquery("money")
    return (select(Room.building_id, moves.c.item, func.sum(moves.c.billed), func.sum(moves.c.collected),
                   func.sum(moves.c.recovered), func.sum(moves.c.prepaid), func.sum(moves.c.other),
                   func.sum(moves.c.late))
            .join(Room, Room.id == moves.c.room_id)
            .where(w.rooms(Room.id))
            .group_by(Room.building_id, moves.c.item))


@dataclass(frozen=True, slots=True)
class RoomOwed:
    """One room's arrears: 历史欠费 and 期末欠费 (per fee item too), and the bills owed at ``as_of``:
    distinct periods, first and last, the oldest due date and the fen per ageing bucket."""

    room_id: int
    building_id: int
    opening_fen: int
    closing_fen: int
    by_item: dict[int, tuple[int, int]]  # fee item -> (opening, closing)
    months: int
    first_period: int | None
    last_period: int | None
    oldest_due: date | None
    bucket_fen: tuple[int, ...]  # per AgeBucket, bills past their due date on as_of


def owed_by_room(session: Session, w: MonthWindow, *, items: bool = True) -> list[RoomOwed]:
    """Per room with arrears at the start of M or at ``as_of`` (or touched since): one statement over the
    unpaid bills and the movements since M began (``ledger_sql.owed_per_bill``). Without ``items`` the
    per-fee-item split is left out (it joins each bill again for its fee item)."""
    from cuijiao_desktop.services.arrears import bucket_cutoffs

    item_ids = list(session.scalars(select(FeeItem.id).order_by(FeeItem.id))) if items else []
    cutoffs = bucket_cutoffs(w.as_of)
    pb = owed_per_bill(w.opening_day, w.as_of, w.period).subquery("pb")
    owing = pb.c.closing > 0
    overdue = and_(owing, pb.c.due_date < w.as_of)
    zero = literal(0, Integer)
    item_of = Bill.fee_item_id  # joined only for the split by fee item
    per_room = (
        select(pb.c.room_id.label("room_id"), func.sum(pb.c.opening).label("opening"),
               func.sum(pb.c.closing).label("closing"),
               func.count(func.distinct(case((owing, pb.c.period)))).label("months"),
               func.min(case((owing, pb.c.period))).label("first"), func.max(case((owing, pb.c.period))).label("last"),
               func.min(case((owing, pb.c.due_date))).label("due"),
               func.sum(case((overdue, pb.c.closing), else_=zero)).label("overdue"),
               *(func.sum(case((and_(overdue, pb.c.due_date >= c), pb.c.closing), else_=zero)).label(f"cum{k}")
                 for k, c in enumerate(cutoffs)),
               *(col for i in item_ids for col in (
                   func.sum(case((item_of == i, pb.c.opening), else_=zero)).label(f"op{i}"),
                   func.sum(case((item_of == i, pb.c.closing), else_=zero)).label(f"cl{i}"))))
        .select_from(pb))
    if item_ids:
        per_room = per_room.join(Bill, Bill.id == pb.c.bill_id)
    per_room = per_room.group_by(pb.c.room_id).subquery("per_room")
    stmt = (select(per_room.c.room_id, Room.building_id, per_room.c.opening, per_room.c.closing, per_room.c.months,
                   per_room.c.first, per_room.c.last, type_coerce(per_room.c.due, String), per_room.c.overdue,
                   *(per_room.c[f"cum{k}"] for k in range(len(cutoffs))),
                   *(per_room.c[f"{x}{i}"] for i in item_ids for x in ("op", "cl")))
            .join(Room, Room.id == per_room.c.room_id))
    if w.estate_id is not None:
        stmt = stmt.where(Room.estate_id == w.estate_id)
    n_cut = len(cutoffs)
    out = []
    for row in session.execute(stmt):
        room_id, building_id, opening, closing, months, first, last, due, overdue_fen = row[:9]
        cums = [int(x or 0) for x in row[9:9 + n_cut]]
        buckets = (cums[0], *(cums[i] - cums[i - 1] for i in range(1, n_cut)), int(overdue_fen or 0) - cums[-1])
        tail = row[9 + n_cut:]
        by_item = {item: (int(tail[2 * k] or 0), int(tail[2 * k + 1] or 0)) for k, item in enumerate(item_ids)
                   if tail[2 * k] or tail[2 * k + 1]}
        out.append(RoomOwed(room_id, building_id, int(opening or 0), int(closing or 0), by_item, int(months or 0),
                            None if first is None else int(first), None if last is None else int(last),
                            _as_date(due), buckets))
    return out


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def households_statement(cutoffs: Mapping[int, date], *, estate_id: int | None = None, dialect: str = "sqlite"):
    """Per period: rooms billed, rooms whose bills of the period were all paid by its day, billed and
    paid fen (the trend), for the periods in ``cutoffs`` (period → the day it is seen on).

    What a bill owes on a past day is never negative (nothing is paid beyond a bill, and its amount never
    goes below what is paid), so a room's bills are all paid when none of them owes anything: the paid
    rooms are the billed rooms less the rooms with a bill owing on the day. Three parts, no grouping per
    bill or room over every bill:

    * the bills of the periods, read once: rooms billed (distinct), billed and paid now;
    * the movements after each period's day (``ledger_sql.late_moves``): billed and paid undone;
    * the bills owing on the day: those unpaid now (the partial index ``ix_bill_unpaid``) and those
      moved since, summed per bill — a few per cent of the bills.

    On SQLite the bills are read by id (``bill.id IN (the ids of the periods)``, a sorted list): a
    room's bills lie together, so the 12 periods of a room are read from one or two pages instead of
    12 index walks over the whole table. ``dialect``: the session's (PostgreSQL's bitmap scans already
    read in table order)."""
    periods = sorted(cutoffs)
    room_filter = None
    if estate_id is not None:
        room_filter = Bill.room_id.in_(select(Room.id).where(Room.estate_id == estate_id))
    keep = [room_filter] if room_filter is not None else []
    zero = literal(0, Integer)
    late = late_moves(cutoffs, room_filter=room_filter).cte("late")
    if dialect == "sqlite":
        ids = aliased(Bill)
        of_periods = Bill.id.in_(select(ids.id).where(ids.period.in_(periods)))
    else:
        of_periods = Bill.period.in_(periods)
    bills = (select(Bill.period.label("period"), func.count(func.distinct(Bill.room_id)).label("rooms"),
                    zero.label("owing"), func.sum(Bill.amount_fen - Bill.discount_fen).label("billed"),
                    func.sum(Bill.paid_fen).label("paid"))
             .where(of_periods, *keep).group_by(Bill.period))
    moved = (select(late.c.period, zero, zero, func.sum(late.c.billed), func.sum(late.c.paid))
             .group_by(late.c.period))
    owed = union_all(
        select(Bill.id.label("bill_id"), Bill.room_id.label("room_id"), Bill.period.label("period"),
               OUTSTANDING.label("owed")).where(UNPAID, Bill.period.in_(periods), *keep),
        select(late.c.bill_id, late.c.room_id, late.c.period, late.c.owed),
    ).subquery("owed")
    owing_bills = (select(owed.c.period.label("period"), owed.c.room_id.label("room_id"))
                   .group_by(owed.c.bill_id, owed.c.room_id, owed.c.period)
                   .having(func.sum(owed.c.owed) > 0).subquery("owing_bills"))
    owing = (select(owing_bills.c.period, zero, func.count(func.distinct(owing_bills.c.room_id)), zero, zero)
             .group_by(owing_bills.c.period))
    parts = union_all(bills, moved, owing).subquery("parts")
    return (select(parts.c.period, func.sum(parts.c.rooms), func.sum(parts.c.rooms) - func.sum(parts.c.owing),
                   func.sum(parts.c.billed), func.sum(parts.c.paid))
            .group_by(parts.c.period))


def _households(session: Session, w: MonthWindow, items: list[int]):
    """Rooms billed for M and rooms fully paid by ``as_of``, per building and per (building, fee item).

    A room (a fee item of a room) is fully paid when none of its bills of M owes anything on ``as_of``:
    the bills owing then are those unpaid now (``ix_bill_unpaid``) and those moved since (the payments
    dated after ``as_of``, ``ledger_sql.late_moves``), summed per bill; the bills of M are read once for
    the rooms billed, with no probe of their allocations."""
    one, zero = literal(1, Integer), literal(0, Integer)
    late = late_moves({w.period: w.as_of}).subquery("late")
    owed = union_all(
        select(Bill.id.label("bill_id"), Bill.room_id.label("room_id"), Bill.fee_item_id.label("fee_item_id"),
               OUTSTANDING.label("owed")).where(UNPAID, Bill.period == w.period),
        select(late.c.bill_id, late.c.room_id, late.c.fee_item_id, late.c.owed),
    ).subquery("owed")
    owing_bills = (select(owed.c.room_id.label("room_id"), owed.c.fee_item_id.label("fee_item_id"))
                   .group_by(owed.c.bill_id, owed.c.room_id, owed.c.fee_item_id)
                   .having(func.sum(owed.c.owed) > 0).subquery("owing_bills"))
    owing = (select(owing_bills.c.room_id.label("room_id"),
                    *(func.max(case((owing_bills.c.fee_item_id == i, one), else_=zero)).label(f"owing{i}")
                      for i in items))
             .group_by(owing_bills.c.room_id).subquery("owing"))
    billed = (select(Bill.room_id.label("room_id"),
                     *(func.max(case((Bill.fee_item_id == i, one), else_=zero)).label(f"has{i}") for i in items))
              .where(Bill.period == w.period).group_by(Bill.room_id).subquery("billed"))
    stmt = (select(Room.building_id, func.count(), func.sum(case((owing.c.room_id.is_(None), one), else_=zero)),
                   *(col for i in items for col in (
                       func.sum(billed.c[f"has{i}"]),
                       func.sum(case((and_(billed.c[f"has{i}"] == 1, func.coalesce(owing.c[f"owing{i}"], zero) == 0),
                                      one), else_=zero)))))
            .select_from(billed).join(Room, Room.id == billed.c.room_id)
            .outerjoin(owing, owing.c.room_id == billed.c.room_id).group_by(Room.building_id))
    if w.estate_id is not None:
        stmt = stmt.where(Room.estate_id == w.estate_id)
    return session.execute(stmt).all()


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
        other_reductions_fen=values.get("other", 0), late_fees_fen=values.get("late", 0),
    )


@dataclass(frozen=True)
class SummaryFigures:
    """The 汇总 and 按收费项目 figures of a month."""

    total: Figures
    by_building: tuple[BuildingFigures, ...]
    by_estate: tuple[BuildingFigures, ...]
    by_fee_item: tuple[FeeItemFigures, ...]


_MONEY = ("billed", "collected", "recovered", "prepaid", "other", "late")


def summary_figures(session: Session, w: MonthWindow, rooms: Iterable[RoomOwed], *,
                    items: bool = True) -> SummaryFigures:
    """汇总 per building and estate, 按收费项目 per fee item (unless not ``items``), and the total; the
    identity checked. ``rooms``: :func:`owed_by_room` of the same window (with ``items`` alike)."""
    per_building: dict[int, dict[str, int]] = defaultdict(dict)
    per_item: dict[int, dict[str, int]] = defaultdict(dict)
    for building_id, item, *fen in session.execute(_money_statement(w)):
        values = {k: int(v or 0) for k, v in zip(_MONEY, fen, strict=True)}
        _add(per_building[building_id], values)
        if item is not None and items:
            _add(per_item[item], values)
    for r in rooms:
        _add(per_building[r.building_id], {"opening": r.opening_fen, "closing": r.closing_fen})
        for item, (opening, closing) in r.by_item.items():
            _add(per_item[item], {"opening": opening, "closing": closing})
    item_ids = list(session.scalars(select(FeeItem.id).order_by(FeeItem.id))) if items else []
    for building_id, n, paid, *by_item in _households(session, w, item_ids):
        _add(per_building[building_id], {"households": int(n), "households_paid": int(paid or 0)})
        for k, item in enumerate(item_ids):
            if by_item[2 * k]:
                _add(per_item[item], {"households": int(by_item[2 * k]), "households_paid": int(by_item[2 * k + 1] or 0)})
    per_building = {b: v for b, v in per_building.items() if any(v.values())}
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
    item_rows = session.execute(select(FeeItem.id, FeeItem.name)
                                .where(FeeItem.id.in_([i for i, v in per_item.items() if any(v.values())] or [0]))
                                .order_by(FeeItem.sort_order, FeeItem.id)).all()
    by_item = tuple(FeeItemFigures(name, _figures(per_item[item_id])) for item_id, name in item_rows)
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
def compute_month_stats(session: Session, month: str, *, as_of: date | None = None, estate: str | None = None,
                        summary_only: bool = False, include_details: bool = True,
                        today: date | None = None) -> MonthStats:
    """Everything the monthly statistics print for month M, computed now (see the module's docstring);
    raises ``stats.unbalanced`` when the balance identity fails for any scope.

    ``summary_only``: only what the JSON figures print (汇总 per building, estate and in total, and the
    ageing): the fee items, collectors, reasons, trend and detail are left empty and
    ``extra["summary_only"]`` is True. The full statistics carry ``extra["office_name"]``, the office's
    name (the workbook's title prints it). ``today``: the office's date (default now; see :func:`month_window`).

    ``include_details=False``: what the dashboards draw (汇总, ageing, collectors and the trend), without
    the rooms' owners, phones and cases: the fee items, reasons and detail rows are left empty and
    ``extra["details_left_out"]`` is True (a workbook needs the full statistics).
    """
    from . import sheets

    w = month_window(session, month, as_of=as_of, estate=estate, today=today)
    full = not summary_only and include_details
    rooms = owed_by_room(session, w, items=full)
    summary = summary_figures(session, w, rooms, items=full)
    common = {"month": w.month, "as_of": w.as_of, "estate": w.estate, "generated_at": datetime.now(UTC), "total": summary.total,
                  "by_building": summary.by_building, "by_estate": summary.by_estate, "by_fee_item": summary.by_fee_item,
                  "ageing": sheets.ageing_rows(session, w, rooms)}
    if summary_only:
        return MonthStats(**common, collectors=(), reasons=(), trend=(), details=(), extra={"summary_only": True})
    trend = sheets.trend_points(session, w, summary.total)
    if not include_details:
        owing = {r.room_id for r in rooms if r.closing_fen > 0}  # the rooms arrears_rooms would list
        return MonthStats(**common, collectors=sheets.collector_rows(session, w, owing), reasons=(), trend=trend,
                          details=(), extra={"details_left_out": True})
    from cuijiao_desktop.services.office import get_office

    arrears = sheets.arrears_rooms(session, w, rooms)
    return MonthStats(extra={"office_name": get_office(session).name},
        **common, collectors=sheets.collector_rows(session, w, {r.room_id for r in arrears}),
        reasons=sheets.reason_rows(session, w, arrears), trend=trend, details=sheets.detail_rows(session, w, arrears),
    )
