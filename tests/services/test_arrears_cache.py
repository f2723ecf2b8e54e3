"""The arrears cache: the same rows as the tables give, kept right by triggers (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from factories import make_user
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session, sessionmaker
from test_arrears_service import TODAY, Office, _check, build_office

from cuijiao_desktop.db.arrears_ddl import TRIGGER_NAMES, create_arrears_triggers, drop_arrears_triggers
from cuijiao_desktop.db.engine import make_session_factory
from cuijiao_desktop.db.models import (
    ArrearsCache,
    ArrearsCacheState,
    ArrearsDirty,
    Bill,
    CollectionCase,
    Contact,
    ContactEvent,
    FeeItem,
    LateFeeAssessment,
    LateFeePolicyRow,
    Payment,
    PaymentAllocation,
    Person,
    Promise,
    Room,
    RoomPerson,
)
from cuijiao_desktop.domain.enums import (
    ArrearsReason,
    CallOutcome,
    Channel,
    ContactKind,
    PaymentMethod,
    PersonRole,
    Role,
    Stage,
)
from cuijiao_desktop.services import arrears_cache
from cuijiao_desktop.services.arrears import query_arrears
from cuijiao_desktop.services.arrears_cache import (
    arrears_cache_discrepancies,
    arrears_cache_status,
    refresh_arrears_cache,
)
from cuijiao_desktop.services.late_fees import waive_late_fee
from cuijiao_desktop.services.payments import record_payment, reverse_payment


@pytest.fixture
def office(session_factory: sessionmaker[Session], users) -> Office:
    office = build_office(session_factory)
    with session_factory.begin() as s:
        done = refresh_arrears_cache(s, actor=users[Role.CLERK], today=TODAY)
    assert done.rebuilt and done.rooms == 3 and done.as_of == TODAY
    return office


def _dirty(factory: sessionmaker[Session]) -> set[int]:
    with factory() as s:
        return set(s.scalars(select(ArrearsDirty.room_id)))


def _same_as_the_tables(factory: sessionmaker[Session], today: date = TODAY) -> list:
    """The rows through the cache equal the rows computed from the tables; returns them."""
    with factory() as s:
        cached = query_arrears(s, today=today)
        live = query_arrears(s, today=today, use_cache=False)
    assert cached == live
    for row in cached:
        assert all(isinstance(x, int) for x in (row.total_fen, row.months, row.oldest_period, row.late_fee_fen,
                                                *row.bucket_fen))
    return cached


def test_the_cache_gives_exactly_the_rows_of_the_tables(session_factory, office):
    with session_factory() as s:
        status = arrears_cache_status(s)
        assert (status.as_of, status.dirty_rooms, status.cached_rooms) == (TODAY, 0, 3)
        assert not status.needs_refresh(TODAY) and status.needs_refresh(TODAY + timedelta(days=1))
        assert arrears_cache_discrepancies(s) == []
    rows = _same_as_the_tables(session_factory)
    _check(office, rows)


def test_reads_come_from_the_cache_and_the_check_names_a_wrong_row(session_factory, office, users):
    with session_factory.begin() as s:  # damage the cache behind the triggers' back
        s.execute(update(ArrearsCache).where(ArrearsCache.room_id == office.room_a)
                  .values(total_fen=1, owner="王二"))
    with session_factory() as s:
        by_room = {r.room_id: r for r in query_arrears(s, today=TODAY)}
        assert by_room[office.room_a].total_fen == 1  # read from the cache, not recomputed
        problems = arrears_cache_discrepancies(s)
    assert len(problems) == 1
    assert "3-2-1502" in problems[0] and "欠费：缓存 ¥0.01，应为 ¥1,630.00" in problems[0]
    assert "业主：缓存 王二，应为 张三" in problems[0]
    with session_factory.begin() as s:
        assert refresh_arrears_cache(s, actor=users[Role.CLERK], today=TODAY).rooms == 0  # nothing is dirty
    with session_factory.begin() as s:
        assert refresh_arrears_cache(s, actor=users[Role.CLERK], today=TODAY, full=True).rebuilt
    with session_factory() as s:
        assert arrears_cache_discrepancies(s) == []
    _check(office, _same_as_the_tables(session_factory))


def test_the_check_finds_missing_and_extra_rows_and_missing_triggers(session_factory, office):
    with session_factory.begin() as s:
        s.execute(delete(ArrearsCache).where(ArrearsCache.room_id == office.room_c))
        b = s.scalar(select(ArrearsCache).where(ArrearsCache.room_id == office.room_d))
        s.execute(ArrearsCache.__table__.insert().values(
            {c.name: getattr(b, c.name) for c in ArrearsCache.__table__.columns} | {"room_id": office.room_b}))
        drop_arrears_triggers(s.connection())
    with session_factory() as s:
        problems = arrears_cache_discrepancies(s)
    assert sum("触发器缺失" in p for p in problems) == 1
    assert all(name in problems[0] for name in TRIGGER_NAMES)
    assert any("欠费缓存缺少房间 5-101" in p and "¥299.99" in p for p in problems)
    assert any("欠费缓存多出房间 3-2-1501" in p for p in problems)
    with session_factory.begin() as s:
        create_arrears_triggers(s.connection())


# ---------------------------------------------------------------------------
# Every writer marks the room; readers compute dirty rooms from the tables
# ---------------------------------------------------------------------------


def _pay(s: Session, users, room_id: int, fen: int):
    return record_payment(s, actor=users[Role.CLERK], room_id=room_id, amount_fen=fen, paid_on=TODAY,
                          method=PaymentMethod.CASH, today=TODAY)


def _new_bill(s: Session, office: Office, users) -> None:
    item = s.scalar(select(FeeItem).where(FeeItem.code == "parking"))
    s.add(Bill(room_id=office.room_c, fee_item_id=item.id, period=202605, amount_fen=12_345,
               due_date=date(2026, 5, 10)))


def _move_due_date(s: Session, office: Office, users) -> None:
    s.execute(update(Bill).where(Bill.room_id == office.room_d).values(due_date=date(2025, 1, 10)))


def _delete_bill(s: Session, office: Office, users) -> None:
    s.execute(delete(Bill).where(Bill.room_id == office.room_c))


def _reverse(s: Session, office: Office, users) -> None:
    pid = s.scalar(select(Payment.id).where(Payment.room_id == office.room_a))
    reverse_payment(s, actor=users[Role.MANAGER], payment_id=pid, reason="收错房号", on=TODAY)


def _assess(s: Session, office: Office, users) -> None:
    bill = s.scalar(select(Bill).where(Bill.room_id == office.room_c))
    policy = s.scalar(select(LateFeePolicyRow.id))
    s.add(LateFeeAssessment(bill_id=bill.id, policy_id=policy, as_of=TODAY, days=30, amount_fen=777))


def _reassess(s: Session, office: Office, users) -> None:
    s.execute(update(LateFeeAssessment).values(amount_fen=LateFeeAssessment.amount_fen + 1))


def _waive(s: Session, office: Office, users) -> None:
    bill_id = s.scalar(select(LateFeeAssessment.bill_id).where(LateFeeAssessment.amount_fen == 1_234))
    waive_late_fee(s, actor=users[Role.MANAGER], bill_id=bill_id, amount_fen=34, reason="困难")


def _call(s: Session, office: Office, users) -> None:
    s.add(ContactEvent(room_id=office.room_c, channel=Channel.PHONE, occurred_at=datetime(2026, 7, 15, 1, tzinfo=UTC),
                       outcome=CallOutcome.PROMISED, next_follow_up=date(2026, 7, 22)))


def _promise(s: Session, office: Office, users) -> None:
    s.add(Promise(room_id=office.room_d, made_on=TODAY, due_date=date(2026, 7, 19), amount_fen=1_000))


def _move_promise(s: Session, office: Office, users) -> None:
    # a promise's state is derived; what is written is its date (the arrears row shows the next one)
    s.execute(update(Promise).where(Promise.room_id == office.room_a).values(due_date=date(2026, 8, 2)))


def _open_case(s: Session, office: Office, users) -> None:
    s.add(CollectionCase(room_id=office.room_c, stage=Stage.VISIT, collector_id=office.collector_id,
                         reason=ArrearsReason.VACANT, opened_on=TODAY))


def _close_case(s: Session, office: Office, users) -> None:
    s.execute(update(CollectionCase).where(CollectionCase.room_id == office.room_d).values(closed_on=TODAY))


def _rename_owner(s: Session, office: Office, users) -> None:
    s.execute(update(Person).where(Person.name == "钱七").values(name="钱小七", name_initials="qxq"))


def _new_primary_phone(s: Session, office: Office, users) -> None:
    person = s.scalar(select(Person.id).where(Person.name == "钱七"))
    s.add(Contact(person_id=person, kind=ContactKind.MOBILE, value="13912345678", last4="5678", is_primary=True))


def _wrong_number(s: Session, office: Office, users) -> None:
    s.execute(update(Contact).where(Contact.last4 == "8000").values(valid=False, is_primary=False))


def _owner_moves_out(s: Session, office: Office, users) -> None:
    s.execute(update(RoomPerson).where(RoomPerson.room_id == office.room_a, RoomPerson.role == PersonRole.OWNER)
              .values(end_date=TODAY))


def _recode_room(s: Session, office: Office, users) -> None:
    s.execute(update(Room).where(Room.id == office.room_c).values(code="5-102", number="102"))


WRITES: dict[str, tuple[Callable, str]] = {
    "payment": (lambda s, o, u: _pay(s, u, o.room_a, 40_000), "a"),
    "reversal": (_reverse, "a"),
    "new bill": (_new_bill, "c"),
    "due date moved": (_move_due_date, "d"),
    "bill deleted": (_delete_bill, "c"),
    "late fee assessed": (_assess, "c"),
    "late fee reassessed": (_reassess, "a"),
    "late fee waived": (_waive, "a"),
    "call logged": (_call, "c"),
    "promise made": (_promise, "d"),
    "promise moved": (_move_promise, "a"),
    "case opened": (_open_case, "c"),
    "case closed": (_close_case, "d"),
    "owner renamed": (_rename_owner, "d"),
    "new primary phone": (_new_primary_phone, "d"),
    "wrong number": (_wrong_number, "a"),
    "owner moved out": (_owner_moves_out, "a"),
    "room recoded": (_recode_room, "c"),
}


@pytest.mark.parametrize("what", list(WRITES))
def test_every_writer_marks_its_room_and_readers_stay_exact(session_factory, office, users, what):
    write, room = WRITES[what]
    if what == "reversal":
        with session_factory.begin() as s:
            _pay(s, users, office.room_a, 10_000)
        with session_factory.begin() as s:
            refresh_arrears_cache(s, actor=users[Role.CLERK], today=TODAY)
    assert _dirty(session_factory) == set()
    before = _same_as_the_tables(session_factory)
    with session_factory.begin() as s:
        write(s, office, users)
    room_id = {"a": office.room_a, "c": office.room_c, "d": office.room_d}[room]
    assert room_id in _dirty(session_factory)
    after = _same_as_the_tables(session_factory)  # the dirty room is computed from the tables
    assert after != before
    with session_factory.begin() as s:
        done = refresh_arrears_cache(s, actor=users[Role.CLERK], today=TODAY)
    assert not done.rebuilt and done.rooms >= 1
    assert _dirty(session_factory) == set()
    assert _same_as_the_tables(session_factory) == after
    with session_factory() as s:
        assert arrears_cache_discrepancies(s) == []


def test_an_allocation_of_a_late_fee_alone_marks_its_room(session_factory, office):
    """Collecting only the late fee of a settled bill writes no bill row, only an allocation line."""
    with session_factory.begin() as s:
        bill_id = s.scalar(select(Bill.id).where(Bill.room_id == office.room_a, Bill.period == 202601))
        payment = Payment(receipt_no="SK-T1", room_id=office.room_a, amount_fen=400, paid_on=TODAY,
                          method=PaymentMethod.CASH)
        s.add(payment)
        s.flush()
        s.add(PaymentAllocation(payment_id=payment.id, bill_id=bill_id, amount_fen=0, late_fee_fen=400))
    assert _dirty(session_factory) == {office.room_a}


def test_an_unchanged_update_marks_nothing(session_factory, office):
    with session_factory.begin() as s:
        s.execute(update(Bill).values(paid_fen=Bill.paid_fen, due_date=Bill.due_date))
        s.execute(update(Person).values(note="已核对"))
    assert _dirty(session_factory) == set()


def test_a_new_office_day_computes_live_then_rebuilds(session_factory, office, users):
    later = TODAY + timedelta(days=40)
    rows = _same_as_the_tables(session_factory, later)  # the cache holds TODAY: computed from the tables
    assert {r.room_id for r in rows} == {office.room_a, office.room_b, office.room_c, office.room_d} - {office.room_b}
    with session_factory() as s:
        assert arrears_cache_status(s).needs_refresh(later)
    with session_factory.begin() as s:
        done = refresh_arrears_cache(s, actor=users[Role.COLLECTOR], today=later)
    assert done.rebuilt and done.as_of == later
    assert _same_as_the_tables(session_factory, later) == rows
    with session_factory() as s:
        assert arrears_cache_discrepancies(s) == []
        state = s.get(ArrearsCacheState, 1)
        assert state.as_of == later and state.rebuilt_at == state.refreshed_at


def test_many_dirty_rooms_rebuild_everything(session_factory, office, users, monkeypatch):
    monkeypatch.setattr(arrears_cache, "REBUILD_ABOVE_DIRTY_ROOMS", 1)
    with session_factory.begin() as s:
        _call(s, office, users)
        _promise(s, office, users)
    with session_factory.begin() as s:
        assert refresh_arrears_cache(s, actor=users[Role.CLERK], today=TODAY).rebuilt
    assert _dirty(session_factory) == set()


def test_refreshing_needs_a_signed_in_user(session_factory, office):
    from dataclasses import replace

    from cuijiao_desktop.domain.errors import DomainError

    clerk = make_user(session_factory, Role.CLERK, "qiantai_x")
    with pytest.raises(DomainError), session_factory.begin() as s:
        refresh_arrears_cache(s, actor=replace(clerk, token="forged"), today=TODAY)


# ---------------------------------------------------------------------------
# PostgreSQL: a refresh beside a writer that has not committed yet
# ---------------------------------------------------------------------------


@pytest.mark.postgres
def test_a_refresh_waits_for_a_writer_still_holding_its_mark(pg_engine):
    factory = make_session_factory(pg_engine)
    office = build_office(factory)
    clerk = make_user(factory, Role.CLERK, "qiantai_pg")
    with factory.begin() as s:
        refresh_arrears_cache(s, actor=clerk, today=TODAY)
    with factory.begin() as s:  # room A is dirty (committed) …
        s.add(Promise(room_id=office.room_a, made_on=TODAY, due_date=date(2026, 7, 30), amount_fen=5))
    writer = factory()
    writer.begin()
    _pay(writer, {Role.CLERK: clerk}, office.room_a, 20_000)  # … and a payment marks it again, uncommitted
    errors: list[BaseException] = []

    def refresh() -> None:
        try:
            with factory.begin() as s:
                s.execute(text("SET LOCAL lock_timeout = '20s'"))
                refresh_arrears_cache(s, actor=clerk, today=TODAY)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    thread = threading.Thread(target=refresh)
    thread.start()
    time.sleep(0.5)
    assert thread.is_alive()  # deleting the mark waits for the writer
    writer.commit()
    writer.close()
    thread.join(30)
    assert not errors
    with factory() as s:
        assert arrears_cache_discrepancies(s) == []
        row = {r.room_id: r for r in query_arrears(s, today=TODAY)}[office.room_a]
        assert row.total_fen == 163_000 - 20_000  # the refresh read the payment
    assert _same_as_the_tables(factory)


# ---------------------------------------------------------------------------
# The demo's bulk load rebuilds the cache
# ---------------------------------------------------------------------------


def test_the_demo_leaves_a_built_cache_and_working_triggers(engine):
    from cuijiao_desktop.services.demo import build_demo

    build_demo(engine, rooms=60, months=8, seed=3, today=TODAY)
    factory = make_session_factory(engine)
    with factory() as s:
        status = arrears_cache_status(s)
        assert (status.as_of, status.dirty_rooms) == (TODAY, 0) and status.cached_rooms > 0
        assert status.cached_rooms == s.scalar(select(func.count()).select_from(ArrearsCache))
        assert arrears_cache_discrepancies(s) == []
        room_id = s.scalar(select(ArrearsCache.room_id).limit(1))
    with factory.begin() as s:
        s.execute(update(Bill).where(Bill.room_id == room_id).values(waived_fen=Bill.waived_fen + 1)
                  .where(Bill.amount_fen > Bill.paid_fen + Bill.discount_fen + Bill.waived_fen))
    assert _dirty(factory) == {room_id}
    _same_as_the_tables(factory)


# ---------------------------------------------------------------------------
# Random work in any order: after every step the cache and the tables agree
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2])
def test_random_work_keeps_the_cache_exact(session_factory, office, users, seed):
    import random

    rng = random.Random(seed)
    rooms = [office.room_a, office.room_b, office.room_c, office.room_d]
    today = TODAY

    def pay(s: Session) -> None:
        _pay(s, users, rng.choice(rooms), rng.choice([1, 999, 15_000, 40_000, 300_000]))

    def reverse(s: Session) -> None:
        reversed_ids = select(Payment.reverses_id).where(Payment.reverses_id.is_not(None))
        ids = s.scalars(select(Payment.id).where(Payment.kind == "payment", Payment.id.not_in(reversed_ids))).all()
        if ids:
            reverse_payment(s, actor=users[Role.MANAGER], payment_id=rng.choice(ids), reason="冲正", on=today)

    def bill(s: Session) -> None:
        room = rng.choice(rooms)
        item = s.scalar(select(FeeItem.id).where(FeeItem.code == "parking"))
        period = rng.choice([202604, 202605, 202607, 202609, 202611])
        if s.scalar(select(Bill.id).where(Bill.room_id == room, Bill.fee_item_id == item, Bill.period == period)):
            return
        s.add(Bill(room_id=room, fee_item_id=item, period=period, amount_fen=rng.randint(1, 90_000),
                   due_date=date(period // 100, period % 100, rng.choice([1, 10, 28]))))

    def contact(s: Session) -> None:
        s.add(ContactEvent(room_id=rng.choice(rooms), channel=Channel.PHONE,
                           occurred_at=datetime.combine(today, datetime.min.time(), UTC) + timedelta(hours=rng.randint(0, 23)),
                           outcome=rng.choice(list(CallOutcome)), next_follow_up=today + timedelta(days=3)))

    def promise(s: Session) -> None:
        s.add(Promise(room_id=rng.choice(rooms), made_on=today, due_date=today + timedelta(days=rng.randint(1, 9)),
                      amount_fen=100))

    def refresh(s: Session) -> None:
        refresh_arrears_cache(s, actor=users[Role.CLERK], today=today, full=rng.random() < 0.2)

    steps = [pay, pay, reverse, bill, contact, promise, refresh, refresh, _next_day]
    for _ in range(14):
        step = rng.choice(steps)
        if step is _next_day:
            today += timedelta(days=rng.choice([1, 17, 45]))
            continue
        with session_factory.begin() as s:
            step(s)
        _same_as_the_tables(session_factory, today)
        with session_factory() as s:
            assert arrears_cache_discrepancies(s) == []


def _next_day() -> None:
    """Marker step: the office day moves on (the cache then holds an older day)."""
