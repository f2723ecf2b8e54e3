"""The office's contact log (filtered, newest first, paged in SQL), the promise list, the call list extras."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from factories import make_room_with_bills
from sqlalchemy import select

from cuijiao_desktop.db.models import AuditLog, CollectionCase, Contact, ContactEvent, Promise, RoomPerson
from cuijiao_desktop.domain.enums import (
    AnsweredBy,
    ArrearsReason,
    CallOutcome,
    Channel,
    ContactKind,
    PaymentMethod,
    PromiseStatus,
    Role,
    Stage,
)
from cuijiao_desktop.services.call_lists import call_list_extras, record_call_list_export, shows_full_phones
from cuijiao_desktop.services.contact_log import (
    ContactLogFilter,
    PromiseFilter,
    contact_log,
    contact_log_options,
    contact_log_rows,
    promise_list,
)
from cuijiao_desktop.services.payments import record_payment

TODAY = date(2026, 5, 20)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour)).astimezone()


@pytest.fixture
def office(session_factory, users):
    a = make_room_with_bills(session_factory, code="3-2-1502")
    b = make_room_with_bills(session_factory, code="5-1-101")
    with session_factory.begin() as s:
        for room in (a, b):
            owner = s.scalar(select(RoomPerson.person_id).where(RoomPerson.room_id == room.room_id))
            s.add(Contact(person_id=owner, kind=ContactKind.MOBILE, value=f"1380013{room.room_id:04d}",
                          last4=f"{room.room_id:04d}", is_primary=True))
        s.add(CollectionCase(room_id=a.room_id, stage=Stage.PHONE, opened_on=date(2026, 2, 1),
                             collector_id=users[Role.COLLECTOR].id))
        for i in range(7):  # a: a week of calls by the collector, newest last
            s.add(ContactEvent(room_id=a.room_id, channel=Channel.PHONE, outcome=CallOutcome.NO_ANSWER,
                               occurred_at=_at(TODAY - timedelta(days=7 - i), 10), user_id=users[Role.COLLECTOR].id,
                               number_dialled="13800138000"))
        promised = ContactEvent(room_id=b.room_id, channel=Channel.PHONE, outcome=CallOutcome.PROMISED,
                                occurred_at=_at(TODAY - timedelta(days=1), 15), user_id=users[Role.CLERK].id,
                                number_dialled="13900139000", answered_by=AnsweredBy.FAMILY.value,
                                reason=ArrearsReason.HARDSHIP, overridden="frequency")
        s.add(promised)
        s.add(ContactEvent(room_id=b.room_id, channel=Channel.DESK, outcome=CallOutcome.DISPUTED,
                           occurred_at=_at(TODAY - 60 * timedelta(days=1), 9), user_id=users[Role.CLERK].id))
        s.flush()
        s.add(Promise(room_id=b.room_id, contact_event_id=promised.id, made_on=TODAY - timedelta(days=1),
                      due_date=TODAY + timedelta(days=1), amount_fen=40_000, created_by_id=users[Role.CLERK].id))
        s.add(Promise(room_id=a.room_id, made_on=TODAY - timedelta(days=10), due_date=TODAY - timedelta(days=3),
                      amount_fen=25_000, created_by_id=users[Role.COLLECTOR].id))
    return a, b


def test_log_newest_first_paged_and_filtered(session_factory, users, office):
    clerk = users[Role.CLERK]
    with session_factory() as s:
        page = contact_log(s, actor=clerk, flt=ContactLogFilter(), today=TODAY, limit=3)
        assert page.total == 9 and len(page.rows) == 3
        assert [r.occurred_at for r in page.rows] == sorted((r.occurred_at for r in page.rows), reverse=True)
        top = page.rows[0]
        assert (top.room_code, top.outcome, top.answered_by, top.number_masked) == (
            "5-1-101", CallOutcome.PROMISED, AnsweredBy.FAMILY, "139****9000")
        assert (top.promise_amount_fen, top.promise_status, top.overridden) == (40_000, PromiseStatus.DUE, "frequency")
        last = contact_log(s, actor=clerk, flt=ContactLogFilter(), today=TODAY, offset=99, limit=3)
        assert last.offset == 6 and len(last.rows) == 3  # clamped to the last page

        def total(**kw):
            return contact_log(s, actor=clerk, flt=ContactLogFilter(**kw), today=TODAY).total

        assert total(date_from=TODAY - timedelta(days=30)) == 8
        assert total(date_from=TODAY - timedelta(days=1), date_to=TODAY - timedelta(days=1)) == 2
        assert total(user_id=users[Role.COLLECTOR].id) == 7
        assert total(channel=Channel.DESK) == 1 and total(outcome=CallOutcome.PROMISED) == 1
        assert total(reason=ArrearsReason.HARDSHIP) == 1
        assert total(room_text="3-2-1502") == 7 and total(room_text="5栋101") == 2 and total(room_text="张三") == 9
        assert total(room_text="李四") == 0
        options = contact_log_options(s)
        assert {o.name for o in options.users} >= {users[Role.CLERK].display_name, users[Role.COLLECTOR].display_name}
        building = next(o for o in options.buildings if o.name == "5")
        assert total(building_id=building.id) == 2 and total(estate_id=building.parent_id) == 9
        rows = contact_log_rows(s, actor=clerk, flt=ContactLogFilter(), today=TODAY)
        assert len(rows) == 9 and all(isinstance(r.arrears_fen, (int, type(None))) for r in rows)


def test_promise_list_and_its_states(session_factory, users, office):
    a, _b = office
    with session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=a.room_id, amount_fen=25_000,
                       paid_on=TODAY - timedelta(days=5), method=PaymentMethod.CASH, today=TODAY)
    with session_factory() as s:
        rows = promise_list(s, actor=users[Role.MANAGER], flt=PromiseFilter(), today=TODAY)
        assert [(r.room_code, r.state.status) for r in rows] == [
            ("3-2-1502", PromiseStatus.KEPT), ("5-1-101", PromiseStatus.DUE)]
        assert rows[0].collector == users[Role.COLLECTOR].display_name and rows[0].owner == "张三"
        assert rows[1].made_by == users[Role.CLERK].display_name and rows[1].collector == ""
        mine = promise_list(s, actor=users[Role.COLLECTOR], flt=PromiseFilter(collector_id=users[Role.COLLECTOR].id),
                            today=TODAY)
        assert [r.room_code for r in mine] == ["3-2-1502"]
        due = promise_list(s, actor=users[Role.CLERK], flt=PromiseFilter(status=PromiseStatus.DUE), today=TODAY)
        assert [r.room_code for r in due] == ["5-1-101"]
        later = promise_list(s, actor=users[Role.CLERK], flt=PromiseFilter(due_from=TODAY), today=TODAY)
        assert [r.room_code for r in later] == ["5-1-101"]


def test_call_list_extras_by_role_and_the_audited_export(session_factory, users, office):
    a, b = office
    assert [r for r in Role if shows_full_phones(r)] == [Role.CLERK, Role.COLLECTOR, Role.MANAGER]
    with session_factory() as s:
        collector = call_list_extras(s, actor=users[Role.COLLECTOR], today=TODAY)
        finance = call_list_extras(s, actor=users[Role.FINANCE], today=TODAY)
        manager = call_list_extras(s, actor=users[Role.MANAGER], today=TODAY)
    assert collector.full_phones and collector.phones == {a.room_id: f"1380013{a.room_id:04d}",
                                                          b.room_id: f"1380013{b.room_id:04d}"}
    assert collector.own_collector_id == users[Role.COLLECTOR].id and manager.own_collector_id is None
    assert not finance.full_phones and finance.phones == {}
    assert collector.limitation == {}  # debts of 2026: no limitation within 180 days
    with session_factory.begin() as s:
        record_call_list_export(s, actor=users[Role.COLLECTOR], file_name="催缴清单.xlsx", rows=2,
                                full_phones=True, filters="collector=me")
    with session_factory() as s:
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "export.call_list")).one()
        assert audit.username == users[Role.COLLECTOR].username and '"full_phones": true' in audit.detail
