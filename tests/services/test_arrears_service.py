"""The arrears table's query, filters and totals, with exact sums (SQLite and PostgreSQL)."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from factories import make_user
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from cuijiao_desktop.db.engine import make_session_factory
from cuijiao_desktop.db.models import (
    Bill,
    Building,
    CollectionCase,
    Contact,
    ContactEvent,
    Estate,
    FeeItem,
    LateFeeAssessment,
    LateFeePolicyRow,
    LateFeeWaiver,
    Person,
    Promise,
    Room,
    RoomPerson,
    Unit,
)
from cuijiao_desktop.domain.ageing import AgeBucket, bucket_for_dates
from cuijiao_desktop.domain.enums import (
    ArrearsReason,
    CallOutcome,
    Channel,
    ChargeBasis,
    ContactKind,
    PersonRole,
    Role,
    Stage,
)
from cuijiao_desktop.services.arrears import (
    BUCKETS,
    NO_VALUE,
    ArrearsFilter,
    ArrearsRow,
    arrears_filter_options,
    bucket_cutoffs,
    filter_rows,
    query_arrears,
    room_sums,
    totals,
)

TODAY = date(2026, 7, 15)
B = {b: i for i, b in enumerate(BUCKETS)}


@dataclass(frozen=True)
class Office:
    room_a: int
    room_b: int
    room_c: int
    room_d: int
    estate_1: int
    estate_2: int
    building_3: int
    collector_id: int
    collector_name: str


def _bill(s: Session, room: Room, item: FeeItem, period: int, amount: int, *, due: date | None = None,
          paid: int = 0, discount: int = 0, waived: int = 0) -> Bill:
    bill = Bill(room_id=room.id, fee_item_id=item.id, period=period, amount_fen=amount, paid_fen=paid,
                discount_fen=discount, waived_fen=waived,
                due_date=due or date(period // 100, period % 100, 10))
    s.add(bill)
    s.flush()
    return bill


def _at(d: date, hour: int) -> datetime:
    return datetime(d.year, d.month, d.day, hour, tzinfo=UTC)


def build_office(factory: sessionmaker[Session]) -> Office:
    """Four rooms: A with every kind of bill and all the collection joins, B paid up,
    C in another estate with nothing but one overdue bill, D whose owner changed."""
    collector = make_user(factory, Role.COLLECTOR, "cuishou_t")
    other = make_user(factory, Role.COLLECTOR, "cuishou_old")
    manager = make_user(factory, Role.MANAGER, "zhuguan_t")
    with factory.begin() as s:
        e1 = Estate(code="E1", name="锦绣花园")
        e2 = Estate(code="E2", name="阳光城")
        s.add_all([e1, e2])
        s.flush()
        b3 = Building(estate_id=e1.id, name="3")
        b5 = Building(estate_id=e2.id, name="5")
        s.add_all([b3, b5])
        s.flush()
        u2 = Unit(building_id=b3.id, name="2")
        s.add(u2)
        s.flush()
        policy = LateFeePolicyRow(name="合同", daily_rate_ppm=300, valid_from=date(2020, 1, 1))
        prop = FeeItem(code="property", name="物业管理费", basis=ChargeBasis.PER_AREA, sort_order=1)
        park = FeeItem(code="parking", name="车位管理费", basis=ChargeBasis.FIXED, sort_order=2)
        s.add_all([policy, prop, park])
        s.flush()

        def room(building: Building, unit: Unit | None, number: str, estate: Estate) -> Room:
            code = f"{building.name}-{unit.name}-{number}" if unit else f"{building.name}-{number}"
            r = Room(estate_id=estate.id, building_id=building.id, unit_id=unit.id if unit else None, code=code,
                     number=number, area_centi_m2=8937)
            s.add(r)
            s.flush()
            return r

        def owner(r: Room, name: str, initials: str, *, ended: date | None = None) -> Person:
            p = Person(name=name, name_initials=initials)
            s.add(p)
            s.flush()
            s.add(RoomPerson(room_id=r.id, person_id=p.id, role=PersonRole.OWNER, end_date=ended))
            return p

        a = room(b3, u2, "1502", e1)
        zhang = owner(a, "张三", "zs")
        s.add_all([
            Contact(person_id=zhang.id, kind=ContactKind.MOBILE, value="139 0000 1111", last4="1111"),
            Contact(person_id=zhang.id, kind=ContactKind.MOBILE, value="13800138000", last4="8000", is_primary=True),
        ])
        tenant = Person(name="李四", name_initials="ls")
        s.add(tenant)
        s.flush()
        s.add(RoomPerson(room_id=a.id, person_id=tenant.id, role=PersonRole.TENANT))

        _bill(s, a, prop, 202301, 20_000)  # 42 months overdue: over 36
        _bill(s, a, prop, 202601, 25_000, paid=25_000)  # fully paid: not counted
        feb = _bill(s, a, prop, 202602, 25_000, paid=10_000)  # part paid: 15,000 left, 6 months
        _bill(s, a, prop, 202603, 25_000, waived=5_000, discount=2_000)  # 18,000 left, 5 months
        apr = _bill(s, a, prop, 202604, 25_000)  # 4 months
        _bill(s, a, prop, 202605, 25_000)  # 3 months
        _bill(s, a, prop, 202606, 25_000)  # 2 months
        _bill(s, a, park, 202606, 10_000, due=date(2026, 6, 20))  # same period, due later: 1 month
        _bill(s, a, prop, 202607, 25_000)  # due 07-10: 1 month
        _bill(s, a, park, 202607, 10_000, due=date(2026, 7, 15))  # due today: not yet overdue
        _bill(s, a, prop, 202608, 25_000)  # not yet due
        paid_jan = s.query(Bill).filter_by(room_id=a.id, period=202601).one()
        s.add_all([
            LateFeeAssessment(bill_id=apr.id, policy_id=policy.id, as_of=TODAY, days=96, amount_fen=1_234),
            # 100 of this fee was already collected
            LateFeeAssessment(bill_id=paid_jan.id, policy_id=policy.id, as_of=TODAY, days=30, amount_fen=500,
                              paid_fen=100),
            LateFeeAssessment(bill_id=feb.id, policy_id=policy.id, as_of=TODAY, days=125, amount_fen=0),
        ])
        s.flush()
        s.add(LateFeeWaiver(bill_id=apr.id, amount_fen=200, reason="困难", approved_by_id=manager.id))
        old_case = CollectionCase(room_id=a.id, stage=Stage.VISIT, collector_id=other.id,
                                  opened_on=date(2024, 1, 1), closed_on=date(2024, 6, 1),
                                  next_action_on=date(2024, 2, 1))
        case_a = CollectionCase(room_id=a.id, stage=Stage.PHONE, collector_id=collector.id,
                                reason=ArrearsReason.HARDSHIP, opened_on=date(2026, 5, 1))
        s.add_all([old_case, case_a])
        s.flush()
        s.add_all([
            ContactEvent(room_id=a.id, case_id=case_a.id, channel=Channel.PHONE, occurred_at=_at(date(2026, 7, 1), 9),
                         user_id=collector.id, outcome=CallOutcome.NO_ANSWER, next_follow_up=date(2026, 7, 5)),
            ContactEvent(room_id=a.id, case_id=case_a.id, channel=Channel.PHONE, occurred_at=_at(date(2026, 7, 14), 2),
                         user_id=collector.id, outcome=CallOutcome.PROMISED, next_follow_up=date(2026, 7, 20)),
            ContactEvent(room_id=a.id, case_id=case_a.id, channel=Channel.SMS, occurred_at=_at(date(2026, 6, 1), 9),
                         user_id=collector.id, outcome=CallOutcome.DELIVERED),
        ])
        s.add_all([
            Promise(room_id=a.id, case_id=case_a.id, made_on=date(2026, 7, 14), due_date=date(2026, 8, 1),
                    amount_fen=50_000),
            Promise(room_id=a.id, case_id=case_a.id, made_on=date(2026, 7, 14), due_date=date(2026, 7, 25),
                    amount_fen=50_000),
            Promise(room_id=a.id, case_id=case_a.id, made_on=date(2026, 6, 1), due_date=date(2026, 6, 10),
                    amount_fen=50_000),  # past its date: not shown
        ])

        b = room(b3, u2, "1501", e1)
        owner(b, "王五", "ww")
        _bill(s, b, prop, 202605, 25_000, paid=25_000)
        _bill(s, b, prop, 202607, 25_000, discount=25_000)  # fully reduced: owes nothing

        c = room(b5, None, "101", e2)
        _bill(s, c, prop, 202606, 30_000, paid=1)

        d = room(b3, u2, "901", e1)
        owner(d, "赵六", "zl", ended=date(2025, 12, 31))
        owner(d, "钱七", "qq")
        _bill(s, d, prop, 202606, 25_000)
        s.add(CollectionCase(room_id=d.id, stage=Stage.WRITTEN_NOTICE, collector_id=collector.id,
                             opened_on=date(2026, 7, 1), next_action_on=date(2026, 7, 18)))
        s.add(ContactEvent(room_id=d.id, channel=Channel.PHONE, occurred_at=_at(date(2026, 7, 2), 3),
                           outcome=CallOutcome.REFUSED, next_follow_up=date(2026, 7, 30)))
        s.flush()
        return Office(a.id, b.id, c.id, d.id, e1.id, e2.id, b3.id, collector.id, collector.display_name)


def _check(office: Office, rows: list) -> None:
    by_room = {r.room_id: r for r in rows}
    assert set(by_room) == {office.room_a, office.room_c, office.room_d}  # B is paid up
    assert [r.room_code for r in rows] == sorted(r.room_code for r in rows)

    a = by_room[office.room_a]
    assert (a.estate, a.building, a.unit, a.room, a.room_code) == ("锦绣花园", "3", "2", "1502", "3-2-1502")
    assert (a.owner, a.owner_initials) == ("张三", "zs")  # the owner, not the tenant
    assert (a.phone_masked, a.phone_last4) == ("138****8000", "8000")  # the primary phone, masked
    expected = [0] * len(BUCKETS)
    expected[B[AgeBucket.M1]] = 25_000 + 10_000  # 202607 property + 202606 parking (due 06-20)
    expected[B[AgeBucket.M2]] = 25_000  # 202606
    expected[B[AgeBucket.M3]] = 25_000  # 202605
    expected[B[AgeBucket.M3_6]] = 25_000 + 18_000 + 15_000  # 202604, 202603, 202602
    expected[B[AgeBucket.OVER_36]] = 20_000  # 202301
    assert a.bucket_fen == tuple(expected)
    assert a.total_fen == sum(expected) == 163_000
    assert a.months == 7  # 202301, 202602 … 202607 (202606 counted once)
    assert a.oldest_period == 202301
    assert a.age_bucket is AgeBucket.OVER_36
    assert a.late_fee_fen == 1_234 + (500 - 100) - 200
    assert (a.stage, a.collector_id, a.collector, a.reason) == (
        Stage.PHONE, office.collector_id, office.collector_name, ArrearsReason.HARDSHIP)
    assert a.last_contact_on == _at(date(2026, 7, 14), 2).astimezone().date()
    assert a.last_outcome is CallOutcome.PROMISED
    assert a.next_action_on == date(2026, 7, 20)  # no case date: the latest contact's follow-up
    assert a.promise_on == date(2026, 7, 25)  # the earliest promise not yet past; the past one is ignored

    c = by_room[office.room_c]
    assert (c.unit, c.room_code, c.owner, c.phone_masked, c.phone_last4) == (None, "5-101", "", "", "")
    assert (c.total_fen, c.months, c.oldest_period, c.age_bucket) == (29_999, 1, 202606, AgeBucket.M2)
    assert (c.stage, c.collector_id, c.collector, c.reason, c.late_fee_fen) == (None, None, "", None, 0)
    assert (c.last_contact_on, c.last_outcome, c.next_action_on, c.promise_on) == (None, None, None, None)

    d = by_room[office.room_d]
    assert d.owner == "钱七"  # the current owner
    assert d.stage is Stage.WRITTEN_NOTICE and d.reason is None
    assert d.next_action_on == date(2026, 7, 18)  # the case's own date wins over the follow-up


def test_query_arrears_exact_sums_and_joins(session_factory):
    office = build_office(session_factory)
    with session_factory() as s:
        rows = query_arrears(s, today=TODAY)
    _check(office, rows)


@pytest.mark.postgres
def test_query_arrears_on_postgresql(pg_engine: Engine):
    factory = make_session_factory(pg_engine)
    office = build_office(factory)
    with factory() as s:
        rows = query_arrears(s, today=TODAY)
    _check(office, rows)


def test_nothing_overdue_gives_no_rows(session_factory):
    build_office(session_factory)
    with session_factory() as s:
        assert query_arrears(s, today=date(2022, 1, 1)) == []


@pytest.mark.sqlite_only  # SQLite query plan (EXPLAIN QUERY PLAN)
def test_aggregate_reads_the_partial_unpaid_index(session_factory):
    """SQLite must answer the aggregate from ix_bill_unpaid, not by scanning every bill."""
    build_office(session_factory)
    with session_factory() as s:
        s.connection().exec_driver_sql("ANALYZE")
        sql = str(room_sums(TODAY).compile(s.get_bind(), compile_kwargs={"literal_binds": True}))
        plan = " | ".join(row[3] for row in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "USING COVERING INDEX ix_bill_unpaid" in plan, plan


@pytest.mark.parametrize("today", [
    date(2026, 7, 15), date(2026, 3, 1), date(2026, 2, 28), date(2024, 2, 29), date(2026, 3, 31),
    date(2026, 1, 1), date(2025, 12, 31), date(2026, 5, 31),
])
def test_bucket_cutoffs_agree_with_the_domain(today):
    cutoffs = bucket_cutoffs(today)
    assert len(cutoffs) == len(BUCKETS) - 1 and cutoffs == sorted(cutoffs, reverse=True)
    d = today - timedelta(days=1)
    while d > today - timedelta(days=365 * 4):
        index = sum(1 for c in cutoffs if d < c)  # how many cut-offs the due date is older than
        assert BUCKETS[index] is bucket_for_dates(d, today), d
        d -= timedelta(days=1)


def test_filter_options(session_factory):
    office = build_office(session_factory)
    with session_factory() as s:
        options = arrears_filter_options(s)
    assert [e.name for e in options.estates] == ["锦绣花园", "阳光城"]
    assert [(b.estate_id, b.name) for b in options.buildings] == [(office.estate_1, "3"), (office.estate_2, "5")]
    assert office.collector_id in {c.id for c in options.collectors}
    assert [c.name for c in options.collectors] == ["测试collector", "测试collector"]  # not the manager
    assert options.stages == tuple(Stage) and options.reasons == tuple(ArrearsReason)


# ---------------------------------------------------------------------------
# Filtering and totals on the loaded list
# ---------------------------------------------------------------------------


@pytest.fixture
def loaded(session_factory):
    office = build_office(session_factory)
    with session_factory() as s:
        return office, query_arrears(s, today=TODAY)


def _ids(rows) -> set[int]:
    return {r.room_id for r in rows}


def test_filters_each_condition(loaded):
    office, rows = loaded
    a, c, d = office.room_a, office.room_c, office.room_d
    assert _ids(filter_rows(rows, ArrearsFilter())) == {a, c, d}
    assert _ids(filter_rows(rows, ArrearsFilter(estate_id=office.estate_2))) == {c}
    assert _ids(filter_rows(rows, ArrearsFilter(building_id=office.building_3))) == {a, d}
    assert _ids(filter_rows(rows, ArrearsFilter(bucket=AgeBucket.OVER_36))) == {a}
    assert _ids(filter_rows(rows, ArrearsFilter(bucket=AgeBucket.M2))) == {c, d}
    assert _ids(filter_rows(rows, ArrearsFilter(stage=Stage.PHONE))) == {a}
    assert _ids(filter_rows(rows, ArrearsFilter(stage=NO_VALUE))) == {c}
    assert _ids(filter_rows(rows, ArrearsFilter(collector_id=office.collector_id))) == {a, d}
    assert _ids(filter_rows(rows, ArrearsFilter(collector_id=NO_VALUE))) == {c}
    assert _ids(filter_rows(rows, ArrearsFilter(reason=ArrearsReason.HARDSHIP))) == {a}
    assert _ids(filter_rows(rows, ArrearsFilter(reason=NO_VALUE))) == {c, d}
    assert _ids(filter_rows(rows, ArrearsFilter(min_fen=29_999))) == {a, c}
    assert _ids(filter_rows(rows, ArrearsFilter(max_fen=29_999))) == {c, d}
    assert _ids(filter_rows(rows, ArrearsFilter(min_fen=25_000, max_fen=29_999))) == {c, d}
    assert _ids(filter_rows(rows, ArrearsFilter(building_id=office.building_3, bucket=AgeBucket.M2,
                                                max_fen=100_000))) == {d}


@pytest.mark.parametrize(("text", "expected"), [
    ("3-2-1502", {"a"}), ("3栋1502", {"a"}), ("15", {"a"}), ("1502", {"a"}), ("5-101", {"c"}),
    ("3栋", {"a", "d"}), ("张三", {"a"}), ("张", {"a"}), ("zs", {"a"}), ("ZS", {"a"}), ("8000", {"a"}),
    ("钱七", {"d"}), ("赵六", set()), ("李四", set()), ("nobody", set()), ("  ", {"a", "c", "d"}),
])
def test_quick_text_filter(loaded, text, expected):
    office, rows = loaded
    names = {office.room_a: "a", office.room_c: "c", office.room_d: "d"}
    assert {names[r.room_id] for r in filter_rows(rows, ArrearsFilter(text=text))} == expected


def test_totals_of_a_filtered_set(loaded):
    office, rows = loaded
    everything = totals(rows)
    assert everything.rooms == 3
    assert everything.total_fen == 163_000 + 29_999 + 25_000
    assert sum(everything.bucket_fen) == everything.total_fen
    assert everything.bucket_fen[B[AgeBucket.M2]] == 25_000 + 29_999 + 25_000
    assert everything.late_fee_fen == 1_434
    some = totals(filter_rows(rows, ArrearsFilter(estate_id=office.estate_1)))
    assert (some.rooms, some.total_fen, some.late_fee_fen) == (2, 188_000, 1_434)
    none = totals([])
    assert (none.rooms, none.total_fen, none.bucket_fen, none.late_fee_fen) == (0, 0, (0,) * len(BUCKETS), 0)
    assert ArrearsFilter().is_empty() and not ArrearsFilter(text="x").is_empty()


def test_rows_are_built_without_gc_pauses_and_the_collector_is_restored(session_factory, monkeypatch):
    from cuijiao_desktop.services import arrears

    build_office(session_factory)
    seen = []
    to_rows = arrears._to_rows
    monkeypatch.setattr(arrears, "_to_rows", lambda *a, **k: (seen.append(gc.isenabled()), to_rows(*a, **k))[1])
    with session_factory() as s:
        assert gc.isenabled()
        assert len(query_arrears(s, today=TODAY)) == 3
        assert gc.isenabled() and seen == [False]
        gc.disable()
        try:
            query_arrears(s, today=TODAY)
            assert not gc.isenabled()  # not switched on behind the back of whoever switched it off
        finally:
            gc.enable()


def test_room_order_key_is_natural():
    from dataclasses import replace

    from cuijiao_desktop.services.arrears import room_order_key

    base = ArrearsRow(
        1, 1, "翠苑", 1, "2", "1", "1502", "2-1-1502", "", "", "", "", 1, 1, 202601, (0,) * len(BUCKETS),
        BUCKETS[0], 0, None, None, "", None, None, None, None, None,
    )
    rows = [replace(base, building="10"), replace(base, building="2", room="301"), base,
            replace(base, estate="阳光", building="1")]
    ordered = sorted(rows, key=room_order_key)
    assert [(r.estate, r.building, r.room) for r in ordered] == [
        ("翠苑", "2", "301"), ("翠苑", "2", "1502"), ("翠苑", "10", "1502"), ("阳光", "1", "1502")]
