"""Today's work: each kind of item, whose it is, holds."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from factories import make_room_with_bills, make_user
from sqlalchemy import select

from cuijiao_desktop.db.models import (
    CollectionCase,
    ContactEvent,
    Notice,
    Promise,
    RoomPerson,
    ServiceIssue,
    Visit,
    VisitStaff,
)
from cuijiao_desktop.domain.enums import (
    CallOutcome,
    Channel,
    IssueCategory,
    NoticeKind,
    PaymentMethod,
    Role,
    Stage,
)
from cuijiao_desktop.domain.errors import PermissionDenied
from cuijiao_desktop.services.ladder import ensure_default_ladder
from cuijiao_desktop.services.payments import record_payment
from cuijiao_desktop.services.worklist import KIND_ORDER, WorkKind, worklist

TODAY = date(2026, 5, 20)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour)).astimezone().astimezone(UTC)


@pytest.fixture
def office(session_factory, users):
    """Rooms of collector A (one of each kind) and one unassigned room with a follow-up."""
    collector = users[Role.COLLECTOR]
    other = make_user(session_factory, Role.COLLECTOR, "other")
    rooms = {name: make_room_with_bills(session_factory, months=5, first_period=202601, code=f"1-1-{100 + i}")
             for i, name in enumerate(("call", "due", "broken", "visit", "issue", "held", "others", "free"))}
    old = make_room_with_bills(session_factory, months=13, first_period=202306, code="1-1-199")
    with session_factory.begin() as s:
        ensure_default_ladder(s)
        for name, r in rooms.items():
            if name == "free":
                continue
            s.add(CollectionCase(room_id=r.room_id, stage=Stage.WRITTEN_NOTICE if name != "call" else Stage.PHONE,
                                 opened_on=date(2026, 1, 15), hold_until=TODAY + timedelta(days=10) if name == "held"
                                 else None, collector_id=other.id if name == "others" else collector.id))
        s.add(CollectionCase(room_id=old.room_id, stage=Stage.LAWYER_LETTER, opened_on=date(2023, 7, 1),
                             collector_id=collector.id))
        # the ladder reads each case's place from its history (services.cases): the call room was
        # reminded and called; the others got a written notice on 1 March; the old room a lawyer's letter
        s.add(ContactEvent(room_id=rooms["call"].room_id, channel=Channel.SMS, outcome=CallOutcome.DELIVERED,
                           occurred_at=_at(date(2026, 1, 15)), user_id=collector.id))
        s.add(ContactEvent(room_id=rooms["call"].room_id, channel=Channel.PHONE, outcome=CallOutcome.REFUSED,
                           occurred_at=_at(date(2026, 2, 1)), user_id=collector.id))
        for i, name in enumerate(("due", "broken", "visit", "issue", "held", "others")):
            s.add(Notice(serial=f"N{i}", room_id=rooms[name].room_id, kind=NoticeKind.ARREARS_NOTICE,
                         arrears_fen=75_000, issued_at=_at(date(2026, 3, 1))))
        s.add(Notice(serial="L1", room_id=old.room_id, kind=NoticeKind.LAWYER_LETTER, arrears_fen=325_000,
                     issued_at=_at(date(2024, 8, 1))))
        s.add(ContactEvent(room_id=rooms["call"].room_id, channel=Channel.PHONE, outcome=CallOutcome.NO_ANSWER,
                           occurred_at=_at(TODAY - timedelta(days=1)), next_follow_up=TODAY, user_id=collector.id))
        s.add(ContactEvent(room_id=rooms["free"].room_id, channel=Channel.PHONE, outcome=CallOutcome.REFUSED,
                           occurred_at=_at(TODAY - timedelta(days=3)), next_follow_up=TODAY - timedelta(days=1),
                           user_id=users[Role.CLERK].id))
        s.add(Promise(room_id=rooms["due"].room_id, made_on=TODAY - timedelta(days=5), due_date=TODAY + timedelta(days=1),
                      amount_fen=30_000, created_by_id=collector.id))
        s.add(Promise(room_id=rooms["broken"].room_id, made_on=TODAY - timedelta(days=9),
                      due_date=TODAY - timedelta(days=2), amount_fen=30_000, created_by_id=collector.id))
        s.add(Promise(room_id=rooms["held"].room_id, made_on=TODAY - timedelta(days=9), due_date=TODAY,
                      amount_fen=30_000, created_by_id=collector.id))
        s.add(Promise(room_id=rooms["others"].room_id, made_on=TODAY - timedelta(days=2), due_date=TODAY,
                      amount_fen=30_000, created_by_id=collector.id))
        visit = Visit(room_id=rooms["visit"].room_id, planned_at=_at(TODAY, 19), created_by_id=collector.id)
        s.add(visit)
        s.flush()
        s.add(VisitStaff(visit_id=visit.id, user_id=collector.id))
        s.add(VisitStaff(visit_id=visit.id, user_id=users[Role.MANAGER].id))
        s.add(ServiceIssue(room_id=rooms["issue"].room_id, category=IssueCategory.LEAK, description="漏水",
                           raised_on=TODAY - timedelta(days=20), promised_date=TODAY - timedelta(days=3),
                           assignee_id=users[Role.CLERK].id))
        s.add(ServiceIssue(room_id=rooms["held"].room_id, category=IssueCategory.NOISE, description="噪音",
                           raised_on=TODAY - timedelta(days=20), promised_date=TODAY - timedelta(days=3)))
    return rooms, old, collector, other


def _kinds(wl) -> dict[WorkKind, set[int]]:
    out: dict[WorkKind, set[int]] = {k: set() for k in KIND_ORDER}
    for item in wl.items:
        out[item.kind].add(item.room_id)
    return out


def test_a_collectors_list_has_each_kind(session_factory, users, office):
    rooms, old, collector, _other = office
    with session_factory() as s:
        wl = worklist(s, actor=collector, today=TODAY)
    k = _kinds(wl)
    assert wl.scope == "own" and wl.user_id == collector.id
    assert k[WorkKind.CALL] == {rooms["call"].room_id}
    assert k[WorkKind.PROMISE_DUE] == {rooms["due"].room_id}  # due tomorrow: reminded today
    assert k[WorkKind.PROMISE_BROKEN] == {rooms["broken"].room_id}
    assert k[WorkKind.VISIT] == {rooms["visit"].room_id}
    # the ladder: the written notice is due 13 days after the call of 1 Feb; after the lawyer's letter
    # the lawsuit (13 months owed: its minimum is reached); after a written notice the home visit to book
    assert k[WorkKind.NOTICE] == {rooms["call"].room_id, old.room_id}
    assert rooms["visit"].room_id in k[WorkKind.STEP]
    assert k[WorkKind.LIMITATION] == {old.room_id}  # Jun 2023, due 10 Jun 2023: runs out on 10 Jun 2026
    # an overdue issue is the handler's work and the collector's (the clerk handles one, nobody the other)
    assert k[WorkKind.ISSUE] == {rooms["issue"].room_id, rooms["held"].room_id}
    held = [i for i in wl.items if i.room_id == rooms["held"].room_id]
    assert [i.kind for i in held] == [WorkKind.ISSUE] and "暂停催缴至" in held[0].detail
    assert wl.held_rooms == 1
    assert not any(i.room_id == rooms["others"].room_id for i in wl.items)
    assert wl.counts[WorkKind.CALL] == 1 and sum(wl.counts.values()) == len(wl.items)
    item = next(i for i in wl.items if i.kind is WorkKind.PROMISE_DUE)
    assert (item.room_code, item.owner, item.amount_fen, item.responsible) == (
        "1-1-101", "张三", 30_000, collector.display_name)
    assert item.overdue_days == -1 and isinstance(item.amount_fen, int)


def test_the_calls_of_a_room_go_away_when_handled(session_factory, users, office):
    rooms, _old, collector, _other = office
    with session_factory.begin() as s:  # the follow-up was made; the broken promise was chased
        for name in ("call", "broken"):
            s.add(ContactEvent(room_id=rooms[name].room_id, channel=Channel.PHONE, outcome=CallOutcome.REFUSED,
                               occurred_at=_at(TODAY, 9), user_id=collector.id))
    with session_factory.begin() as s:  # the room with the promise due tomorrow pays in full
        record_payment(s, actor=users[Role.CLERK], room_id=rooms["due"].room_id, amount_fen=30_000,
                       paid_on=TODAY, method=PaymentMethod.CASH, today=TODAY)
    with session_factory() as s:
        k = _kinds(worklist(s, actor=collector, today=TODAY))
    assert k[WorkKind.CALL] == set() and k[WorkKind.PROMISE_BROKEN] == set() and k[WorkKind.PROMISE_DUE] == set()


def test_whose_list(session_factory, users, office):
    rooms, _old, collector, other = office
    with session_factory() as s:
        clerk = worklist(s, actor=users[Role.CLERK], today=TODAY)
        manager = worklist(s, actor=users[Role.MANAGER], today=TODAY)
        as_collector = worklist(s, actor=users[Role.MANAGER], today=TODAY, user_id=collector.id)
        finance = worklist(s, actor=users[Role.FINANCE], today=TODAY)
        own = worklist(s, actor=collector, today=TODAY)
        with pytest.raises(PermissionDenied):
            worklist(s, actor=collector, today=TODAY, user_id=other.id)
    ck = _kinds(clerk)
    assert clerk.scope == "own+unassigned"
    assert ck[WorkKind.CALL] == {rooms["free"].room_id}  # nobody's room
    assert ck[WorkKind.ISSUE] == {rooms["issue"].room_id}  # given to the clerk
    mk = _kinds(manager)
    assert manager.scope == "office"
    assert rooms["others"].room_id in mk[WorkKind.PROMISE_DUE] and rooms["free"].room_id in mk[WorkKind.CALL]
    assert mk[WorkKind.VISIT] == {rooms["visit"].room_id}
    assert as_collector.items == own.items
    assert finance.scope == "limitation" and {i.kind for i in finance.items} == {WorkKind.LIMITATION}
    with session_factory() as s:
        owner_ids = s.scalars(select(RoomPerson.room_id)).all()
    assert set(owner_ids) >= {i.room_id for i in manager.items}
