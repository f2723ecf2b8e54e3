"""The billing run (生成账单): a period's bills for every room from the fee standards in force.

:func:`preview_billing` (a dry run, read-only) and :func:`run_billing` (the writing run) share one
planner, so what the preview shows is what is written. The planner reads the rooms, fee items,
standards, readings and the period's existing bills in a handful of set-based queries and asks
``domain.billing`` what each bill comes to:

- the standard in force on the period's first day (the most specific one for the estate and usage);
- per m² × area, per household per month, or metered units from the period's readings;
- the vacancy discount for vacant rooms; half-up rounding once per bill;
- the due date from the office setting ``billing.due_day`` (default the 10th).

It is idempotent: a room gets one bill per fee item and period, so running a period again issues
only what is missing (nothing, normally). The run is one all-or-nothing operation, reports progress,
stops on cancel without writing anything, and is audited. Right after the bills are written each
room's prepaid credit is spent on its new bills, oldest deposit first (``services.credit``), in the
same transaction.

From the GUI and the command line it is a **long write** (``services/batch.py``, issue 14): planned
in a read snapshot, the bills staged in chunks without the write lock, then published in one short
transaction with the credit spending and the audit, so no payment at another desk waits for it. A
bill another desk issued meanwhile (the unique room × item × period) makes the publishing a
conflict: nothing is written and ``billing.conflict`` says so. All bill inserts go through
:func:`_write_rows`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import Bill, Estate, FeeItem, FeeStandard, MeterReading, OfficeSetting, Room
from cuijiao_desktop.domain.billing import (
    DEFAULT_DUE_DAY,
    FeeStandardTerms,
    compute_charge,
    due_date_for,
    hundredths_text,
    is_vacant,
    period_add,
    period_first_day,
    period_last_day,
    period_text,
    standard_in_force,
    validate_due_day,
)
from cuijiao_desktop.domain.enums import ChargeBasis
from cuijiao_desktop.domain.errors import ConflictError, DomainError, NotFound
from cuijiao_desktop.domain.office_time import office_today
from cuijiao_desktop.domain.permissions import Permission

from . import audit, credit
from .actor import authorize
from .batch import DirectWriter, IdMap, StagedWrite, Writer
from .dto import UserDTO
from .tx import Transactions, long_write, read_only

__all__ = [
    "DUE_DAY_KEY",
    "BillingGroup",
    "BillingNote",
    "BillingPreview",
    "BillingResult",
    "BillingSetup",
    "NoteKind",
    "billing_due_day",
    "billing_setup",
    "find_estate",
    "preview_billing",
    "run_billing",
    "set_billing_due_day",
]

#: Office setting: the day of the month by which a period's bills are to be paid.
DUE_DAY_KEY = "billing.due_day"
#: How many notes a preview lists one by one (the counts cover all).
MAX_NOTES = 200
#: Rows per INSERT statement.
WRITE_CHUNK = 5_000
#: A metered room read in one of this many previous periods is expected to have a reading now.
_READ_RECENTLY = 3

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]


class NoteKind:
    """What a billing note is about (stable codes; the views translate them)."""

    NO_READING = "no_reading"  # metered item read before, but not for this period: not billed
    BAD_READING = "bad_reading"  # current reading below the previous one: not billed
    NOT_DELIVERED = "not_delivered"  # the room is handed over after the period: not billed
    NO_STANDARD = "no_standard"  # no fee standard applies to the room at all: nothing billed


@dataclass(frozen=True)
class BillingGroup:
    """The new bills of one estate and fee item, and how many of the period's bills already exist."""

    estate_id: int
    estate: str
    fee_item_id: int
    fee_item: str
    bills: int
    amount_fen: int
    discount_fen: int
    existing: int

    @property
    def net_fen(self) -> int:
        """What the new bills ask for (after discounts)."""
        return self.amount_fen - self.discount_fen


@dataclass(frozen=True)
class BillingNote:
    """A room the run did not bill for an item, and why."""

    kind: str
    estate: str
    room_code: str
    fee_item: str
    detail: str = ""


@dataclass(frozen=True)
class BillingPreview:
    """What a billing run issues (or issued): per estate and fee item, with notes and the credit to spend."""

    period: int
    due_date: date
    due_day: int
    estate_id: int | None
    estate_name: str  # "" for every estate
    rooms: int
    groups: tuple[BillingGroup, ...]
    notes: tuple[BillingNote, ...]  # at most MAX_NOTES
    note_counts: tuple[tuple[str, int], ...]  # (kind, count) over all notes
    credit_rooms: int  # rooms whose prepaid credit will pay (part of) their new bills
    credit_fen: int  # how much credit that is

    @property
    def bills(self) -> int:
        """New bills."""
        return sum(g.bills for g in self.groups)

    @property
    def existing(self) -> int:
        """Bills of the period already issued (left as they are)."""
        return sum(g.existing for g in self.groups)

    @property
    def amount_fen(self) -> int:
        """Full amount of the new bills."""
        return sum(g.amount_fen for g in self.groups)

    @property
    def discount_fen(self) -> int:
        """Discounts on the new bills."""
        return sum(g.discount_fen for g in self.groups)

    @property
    def net_fen(self) -> int:
        """What the new bills ask for."""
        return self.amount_fen - self.discount_fen

    @property
    def period_text(self) -> str:
        """``"2026-12"``."""
        return period_text(self.period)


@dataclass(frozen=True)
class BillingResult:
    """What a billing run wrote: its preview (the same numbers), and the credit actually spent."""

    preview: BillingPreview
    bills_created: int
    credit_rooms: int
    credit_spent_fen: int
    spendings: int  # DK… payments booked


@dataclass(frozen=True)
class BillingSetup:
    """What the billing dialog offers: the estates and the office's due day."""

    estates: tuple[tuple[int, str], ...]
    due_day: int


@read_only
def billing_setup(session: Session) -> BillingSetup:
    """The estates (by code) and the office's due day."""
    estates = tuple(session.execute(select(Estate.id, Estate.name).order_by(Estate.code)).tuples().all())
    return BillingSetup(estates, billing_due_day(session))


@read_only
def find_estate(session: Session, name: str) -> int:
    """The id of the estate named (or coded) ``name``; raises ``billing.unknown_estate``."""
    wanted = name.strip()
    row = session.scalar(select(Estate.id).where((Estate.name == wanted) | (Estate.code == wanted)))
    if row is None:
        names = session.scalars(select(Estate.name).order_by(Estate.code)).all()
        raise NotFound("billing.unknown_estate", field="estate", name=wanted, names=list(names))
    return row


# ---------------------------------------------------------------------------
# The due day (office setting)
# ---------------------------------------------------------------------------


def billing_due_day(session: Session) -> int:
    """The office's due day of the month (default the 10th)."""
    value = session.scalar(select(OfficeSetting.value).where(OfficeSetting.key == DUE_DAY_KEY))
    try:
        return validate_due_day(int(value)) if value else DEFAULT_DUE_DAY
    except (ValueError, DomainError):
        return DEFAULT_DUE_DAY


def set_billing_due_day(session: Session, *, actor: UserDTO, day: int) -> int:
    """Change the office's due day (finance, administrators); audited. Returns it."""
    actor = authorize(session, actor, Permission.EDIT_BILLING)
    day = validate_due_day(day)
    old = billing_due_day(session)
    row = session.get(OfficeSetting, DUE_DAY_KEY)
    if row is None:
        session.add(OfficeSetting(key=DUE_DAY_KEY, value=str(day), updated_by_id=actor.id))
    elif row.value != str(day):
        row.value = str(day)
        row.updated_by_id = actor.id
    session.flush()
    if old != day or row is None:
        audit.record(session, actor, "billing.due_day", "office_setting", DUE_DAY_KEY, old=old, new=day)
    return day


# ---------------------------------------------------------------------------
# The planner
# ---------------------------------------------------------------------------


def _check(cancel: CancelFn | None) -> None:
    if cancel is not None and cancel():
        raise DomainError("task.cancelled")


class _Plan:
    """The period's new bills as rows, the preview's numbers, and the notes."""

    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.counts: Counter = Counter()
        self.amounts: Counter = Counter()
        self.discounts: Counter = Counter()
        self.existing: Counter = Counter()
        self.notes: list[BillingNote] = []
        self.note_counts: Counter = Counter()
        self.new_by_room: dict[int, int] = defaultdict(int)  # net fen of the new bills per room

    def note(self, kind: str, estate: str, code: str, item: str, detail: str = "") -> None:
        self.note_counts[kind] += 1
        if len(self.notes) < MAX_NOTES:
            self.notes.append(BillingNote(kind, estate, code, item, detail))


def _plan(session: Session, period: int, estate_id: int | None, due_day: int,
          progress: ProgressFn | None, cancel: CancelFn | None) -> tuple[BillingPreview, list[dict]]:
    first, last = period_first_day(period), period_last_day(period)
    due = due_date_for(period, due_day)
    estates = dict(session.execute(select(Estate.id, Estate.name)).tuples().all())
    if estate_id is not None and estate_id not in estates:
        raise NotFound("billing.unknown_estate", field="estate", name=str(estate_id), names=list(estates.values()))
    room_stmt = select(Room.id, Room.estate_id, Room.code, Room.area_centi_m2, Room.usage, Room.occupancy,
                       Room.delivered_on).order_by(Room.estate_id, Room.id)
    if estate_id is not None:
        room_stmt = room_stmt.where(Room.estate_id == estate_id)
    rooms = session.execute(room_stmt).all()
    if progress is not None:
        progress(5, 100, "读取房间与收费标准")
    items = {i.id: i for i in session.execute(
        select(FeeItem.id, FeeItem.name, FeeItem.basis, FeeItem.unit_label, FeeItem.sort_order)
        .where(FeeItem.active.is_(True)).order_by(FeeItem.sort_order, FeeItem.id))}
    standards = [FeeStandardTerms(s.id, s.fee_item_id, s.estate_id, s.usage, s.unit_price_fen,
                                  s.vacancy_discount_pct, s.valid_from, s.valid_to)
                 for s in session.execute(select(FeeStandard.id, FeeStandard.fee_item_id, FeeStandard.estate_id,
                                                 FeeStandard.usage, FeeStandard.unit_price_fen,
                                                 FeeStandard.vacancy_discount_pct, FeeStandard.valid_from,
                                                 FeeStandard.valid_to))]
    scope = [] if estate_id is None else [Room.estate_id == estate_id]
    existing = set(session.execute(
        select(Bill.room_id, Bill.fee_item_id).join(Room, Room.id == Bill.room_id)
        .where(Bill.period == period, *scope)).tuples().all())
    metered = [i for i, it in items.items() if ChargeBasis(it.basis) is ChargeBasis.METERED]
    readings: dict[tuple[int, int], tuple[int, int]] = {}
    read_before: set[tuple[int, int]] = set()
    if metered:
        for room_id, item_id, prev, cur in session.execute(
            select(MeterReading.room_id, MeterReading.fee_item_id, MeterReading.previous_reading,
                   MeterReading.current_reading).join(Room, Room.id == MeterReading.room_id)
            .where(MeterReading.period == period, MeterReading.fee_item_id.in_(metered), *scope)
        ):
            readings[(room_id, item_id)] = (prev, cur)
        read_before = set(session.execute(
            select(MeterReading.room_id, MeterReading.fee_item_id).join(Room, Room.id == MeterReading.room_id)
            .where(MeterReading.period < period, MeterReading.period >= period_add(period, -_READ_RECENTLY),
                   MeterReading.fee_item_id.in_(metered), *scope).distinct()).tuples().all())
    _check(cancel)
    if progress is not None:
        progress(10, 100, "计算账单")

    plan = _Plan()
    in_force: dict[tuple[int, int, object], FeeStandardTerms | None] = {}
    now = datetime.now(UTC)
    for n, room in enumerate(rooms, 1):
        room_id, eid, code, area, usage, occupancy, delivered = room
        estate = estates[eid]
        if delivered is not None and delivered > last:
            plan.note(NoteKind.NOT_DELIVERED, estate, code, "", delivered.isoformat())
            continue
        charged = False
        for item_id, item in items.items():
            key = (eid, item_id, usage)
            if key not in in_force:
                in_force[key] = standard_in_force(standards, fee_item_id=item_id, estate_id=eid, usage=usage, on=first)
            standard = in_force[key]
            if standard is None:
                continue
            charged = True
            if (room_id, item_id) in existing:
                plan.existing[(eid, item_id)] += 1
                continue
            basis = ChargeBasis(item.basis)
            used = 0
            if basis is ChargeBasis.METERED:
                reading = readings.get((room_id, item_id))
                if reading is None:
                    if (room_id, item_id) in read_before:
                        plan.note(NoteKind.NO_READING, estate, code, item.name)
                    continue
                used = reading[1] - reading[0]
                if used < 0:
                    plan.note(NoteKind.BAD_READING, estate, code, item.name,
                              f"{hundredths_text(reading[0])} → {hundredths_text(reading[1])}")
                    continue
            charge = compute_charge(basis, unit_price_fen=standard.unit_price_fen, area_centi_m2=area,
                                    used_centi=used, vacancy_pct=standard.vacancy_discount_pct,
                                    vacant=is_vacant(occupancy), unit_label=item.unit_label)
            plan.rows.append({
                "room_id": room_id, "fee_item_id": item_id, "period": period, "amount_fen": charge.amount_fen,
                "discount_fen": charge.discount_fen, "paid_fen": 0, "waived_fen": 0, "due_date": due,
                "basis_note": charge.basis_note[:128], "created_at": now, "version": 1,
                "issued_amount_fen": charge.amount_fen,
            })
            plan.counts[(eid, item_id)] += 1
            plan.amounts[(eid, item_id)] += charge.amount_fen
            plan.discounts[(eid, item_id)] += charge.discount_fen
            plan.new_by_room[room_id] += charge.net_fen
        if not charged:
            plan.note(NoteKind.NO_STANDARD, estate, code, "")
        if n % 5_000 == 0:
            _check(cancel)
            if progress is not None:
                progress(10 + 30 * n // len(rooms), 100, "计算账单")

    balances = credit.credit_balances(session, [r for r, fen in plan.new_by_room.items() if fen > 0])
    credit_fen = sum(min(fen, plan.new_by_room[r]) for r, fen in balances.items())
    keys = sorted(set(plan.counts) | set(plan.existing),
                  key=lambda k: (k[0], items[k[1]].sort_order, k[1]))
    groups = tuple(
        BillingGroup(estate_id=eid, estate=estates[eid], fee_item_id=item_id, fee_item=items[item_id].name,
                     bills=plan.counts[(eid, item_id)], amount_fen=plan.amounts[(eid, item_id)],
                     discount_fen=plan.discounts[(eid, item_id)], existing=plan.existing[(eid, item_id)])
        for eid, item_id in keys
    )
    preview = BillingPreview(
        period=period, due_date=due, due_day=due_day, estate_id=estate_id,
        estate_name=estates[estate_id] if estate_id is not None else "", rooms=len(rooms), groups=groups,
        notes=tuple(plan.notes), note_counts=tuple(sorted(plan.note_counts.items())),
        credit_rooms=len(balances), credit_fen=credit_fen,
    )
    return preview, plan.rows


@read_only
def preview_billing(
    session: Session,
    *,
    period: int,
    estate_id: int | None = None,
    due_day: int | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> BillingPreview:
    """The dry run: what :func:`run_billing` would issue for ``period`` (of one estate, or all), with the
    office's due day or ``due_day``. Writes nothing."""
    due_day = validate_due_day(due_day) if due_day is not None else billing_due_day(session)
    preview, _rows = _plan(session, period, estate_id, due_day, progress, cancel)
    return preview


def _write_rows(w: Writer, table, rows: list[dict], *, progress: ProgressFn | None = None,
                cancel: CancelFn | None = None, span: tuple[int, int] = (40, 90), text: str = "写入账单") -> list[int]:
    """Hand ``rows`` to ``w`` in chunks of :data:`WRITE_CHUNK` rows, with progress and cancel; their ids in
    order (provisional when ``w`` stages).

    The one place where the run writes in bulk: at once in the caller's transaction (a
    ``DirectWriter``), or staged off the write lock for one short publishing transaction (a
    ``StagedWrite``, the long write of :func:`run_billing`).
    """
    lo, hi = span
    ids: list[int] = []
    for start in range(0, len(rows), WRITE_CHUNK):
        _check(cancel)
        ids += w.insert(table, rows[start:start + WRITE_CHUNK])
        if progress is not None:
            done = min(len(rows), start + WRITE_CHUNK)
            progress(lo + (hi - lo) * done // max(1, len(rows)), 100, f"{text} {done:,}/{len(rows):,}")
    return ids


@long_write
def run_billing(
    target: Session | Transactions,
    *,
    actor: UserDTO,
    period: int,
    estate_id: int | None = None,
    due_day: int | None = None,
    today: date | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> BillingResult:
    """Issue the bills of ``period`` (of one estate, or all) and spend prepaid credit on them.

    ``target`` is the caller's session (everything in its transaction; the caller commits) or, from
    the GUI and the command line, the database's ``Transactions``: then the run is a long write
    (``services/batch.py``) – planned in a read snapshot, the bills staged in chunks without the
    write lock, and published in one short transaction together with the credit spending and the
    audit, so a payment at another desk never waits for the run.

    ``due_day`` given: it becomes the office's due day (audited) and this run uses it. Finance and
    administrators only (``EDIT_BILLING``). Raises ``task.cancelled`` when cancelled (nothing written)
    and ``billing.conflict`` when another desk issued some of the same bills meanwhile (nothing written).
    """
    if isinstance(target, Session):
        actor = authorize(target, actor, Permission.EDIT_BILLING)
        if due_day is not None:
            due_day = set_billing_due_day(target, actor=actor, day=due_day)
        else:
            due_day = billing_due_day(target)
        preview, rows = _plan(target, period, estate_id, due_day, progress, cancel)
        try:
            _write_rows(DirectWriter(target), Bill.__table__, rows, progress=progress, cancel=cancel)
            target.flush()
        except IntegrityError as exc:
            raise ConflictError("billing.conflict", period=period_text(period)) from exc
        _check(cancel)
        return _spend_and_audit(target, actor, preview, rows, estate_id=estate_id, today=today, progress=progress)

    with StagedWrite(target, cancel=cancel) as w:
        with target.read.begin() as s:  # plan in a snapshot: no lock, other desks keep working
            authorize(s, actor, Permission.EDIT_BILLING)
            new_due_day = validate_due_day(due_day) if due_day is not None else None
            preview, rows = _plan(s, period, estate_id, new_due_day or billing_due_day(s), progress, cancel)
        _write_rows(w, Bill.__table__, rows, progress=progress, cancel=cancel)

        def finish(s: Session, _ids: IdMap) -> BillingResult:
            who = authorize(s, actor, Permission.EDIT_BILLING)  # still allowed now that it is written
            if new_due_day is not None:
                set_billing_due_day(s, actor=who, day=new_due_day)
            return _spend_and_audit(s, who, preview, rows, estate_id=estate_id, today=today, progress=progress)

        if progress is not None:
            progress(90, 100, "提交")
        try:
            return w.publish(finish)
        except DomainError as exc:
            if exc.code == "batch.conflict":  # the unique room × item × period: another desk billed meanwhile
                raise ConflictError("billing.conflict", period=period_text(period)) from exc
            raise


def _spend_and_audit(session: Session, actor: UserDTO, preview: BillingPreview, rows: list[dict], *,
                     estate_id: int | None, today: date | None, progress: ProgressFn | None) -> BillingResult:
    """Right after the bills are written (in the same transaction): spend each room's prepaid credit on
    its new bills, oldest deposit first, and record the run in the audit log."""
    period = preview.period
    if progress is not None:
        progress(92, 100, "预存款抵扣")
    spendings: list[credit.CreditSpending] = []
    new_rooms = {r["room_id"] for r in rows}
    holders = sorted(set(credit.credit_balances(session)) & new_rooms)  # one grouped read of the credit
    if holders:
        credit.lock_rooms(session, holders)
        new_keys = {(r["room_id"], r["fee_item_id"]) for r in rows}
        held = set(holders)
        stmt = select(Bill.id, Bill.room_id, Bill.fee_item_id).where(Bill.period == period)
        if len(holders) <= 900:
            stmt = stmt.where(Bill.room_id.in_(holders))
        new_ids = [bid for bid, rid, iid in session.execute(stmt) if rid in held and (rid, iid) in new_keys]
        spendings = credit.spend_credit(
            session, actor=actor, bills_by_room=credit.open_bills_of(session, new_ids), on=today or office_today(),
            reason=f"账单 {period_text(period)}",
        )
    spent = sum(s.amount_fen for s in spendings)
    audit.record(
        session, actor, "billing.run", "bill", None, period=period_text(period), estate_id=estate_id,
        estate=preview.estate_name, due_date=preview.due_date.isoformat(), bills=len(rows),
        amount_fen=preview.amount_fen, discount_fen=preview.discount_fen, existing=preview.existing,
        notes=dict(preview.note_counts), credit_rooms=len({s.room_id for s in spendings}), credit_spent_fen=spent,
    )
    if progress is not None:
        progress(100, 100, "完成")
    return BillingResult(preview=preview, bills_created=len(rows), credit_rooms=len({s.room_id for s in spendings}),
                         credit_spent_fen=spent, spendings=len(spendings))
