"""The room ledger read model: header, grid statuses, paid-through, payments, timeline order."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from factories import make_room_with_bills
from sqlalchemy import event

from cuijiao_desktop.db.models import (
    Bill,
    CollectionCase,
    Contact,
    ContactEvent,
    Extension,
    FeeItem,
    InstalmentPlan,
    LateFeeAssessment,
    LateFeePolicyRow,
    Notice,
    Person,
    Promise,
    RoomPerson,
    ServiceIssue,
    Visit,
    VisitStaff,
)
from cuijiao_desktop.domain.ageing import AgeBucket
from cuijiao_desktop.domain.enums import (
    ApprovalStatus,
    CallOutcome,
    Channel,
    ChargeBasis,
    ContactKind,
    IssueCategory,
    NoticeKind,
    PaymentKind,
    PaymentMethod,
    PersonRole,
    Role,
    Stage,
    VisitStatus,
)
from cuijiao_desktop.domain.errors import NotFound
from cuijiao_desktop.services.payments import record_payment, reverse_payment
from cuijiao_desktop.services.room_ledger import (
    CellStatus,
    TimelineKind,
    payment_context,
    room_ledger,
)

TODAY = date(2026, 6, 20)


@pytest.fixture
def room(session_factory):
    """Six months of 250.00 property fees (2026-01..06, due on the 10th) and a 30.00 water bill for 2026-03."""
    r = make_room_with_bills(session_factory, months=6, monthly_fen=25_000)
    with session_factory.begin() as s:
        water = FeeItem(code="water", name="水费", basis=ChargeBasis.METERED, sort_order=2)
        s.add(water)
        s.flush()
        s.add(Bill(room_id=r.room_id, fee_item_id=water.id, period=202603, amount_fen=3_000,
                   due_date=date(2026, 3, 10), basis_note="10吨 × 3.00元"))
    return r


def _bill_of(ledger, period, item="物业管理费"):
    return next(c for c in ledger.cells if c.period == period and c.fee_item == item)


def test_grid_statuses_and_buckets(session_factory, users, room):
    with session_factory.begin() as s:
        # Jan paid in full, Feb part paid (100.00), the rest unpaid
        record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=35_000,
                       paid_on=date(2026, 2, 1), method=PaymentMethod.CASH, today=date(2026, 2, 1))
    with session_factory() as s:
        ledger = room_ledger(s, room_id=room.room_id, today=TODAY)
    assert [r.period for r in ledger.rows] == [202606, 202605, 202604, 202603, 202602, 202601]
    assert [name for _, name in ledger.fee_items] == ["物业管理费", "水费"]
    jan, feb, mar = _bill_of(ledger, 202601), _bill_of(ledger, 202602), _bill_of(ledger, 202603)
    assert (jan.status, jan.bucket, jan.outstanding_fen) == (CellStatus.PAID, None, 0)
    assert (feb.status, feb.paid_fen, feb.outstanding_fen) == (CellStatus.PART_PAID, 10_000, 15_000)
    assert feb.bucket is AgeBucket.M3_6  # due 02-10, as of 06-20: 5 started months
    assert (mar.status, mar.bucket) == (CellStatus.OVERDUE, AgeBucket.M3_6)
    assert _bill_of(ledger, 202605).bucket is AgeBucket.M2
    jun = _bill_of(ledger, 202606)
    assert (jun.status, jun.bucket) == (CellStatus.OVERDUE, AgeBucket.M1)
    water = _bill_of(ledger, 202603, "水费")
    assert (water.status, water.amount_fen, water.basis_note) == (CellStatus.OVERDUE, 3_000, "10吨 × 3.00元")
    # periods without a water bill have an empty cell
    assert ledger.rows[0].cells[1] is None
    assert ledger.rows[3].outstanding_fen == 28_000


def test_not_yet_due_and_header_sums(session_factory, users, room):
    with session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=35_000,
                       paid_on=date(2026, 2, 1), method=PaymentMethod.CASH, today=date(2026, 2, 1))
    with session_factory() as s:
        ledger = room_ledger(s, room_id=room.room_id, today=date(2026, 6, 5))
    jun = _bill_of(ledger, 202606)
    assert (jun.status, jun.bucket) == (CellStatus.NOT_DUE, None)
    h = ledger.header
    assert h.not_due_fen == 25_000
    assert h.arrears_fen == 15_000 + 25_000 * 3 + 3_000  # Feb rest, Mar-May, water
    assert h.paid_through == 202601
    assert h.credit_fen == 0


def test_paid_through_needs_every_fee_item(session_factory, users, room):
    with session_factory.begin() as s:
        # pay Jan-Mar property fees by choosing them: the March water bill stays open
        record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=75_000,
                       paid_on=date(2026, 4, 1), method=PaymentMethod.CASH, chosen_bill_ids=list(room.bill_ids[:3]), today=date(2026, 4, 1))
    with session_factory() as s:
        assert room_ledger(s, room_id=room.room_id, today=TODAY).header.paid_through == 202602
    with session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=3_000,
                       paid_on=date(2026, 4, 2), method=PaymentMethod.CASH, today=date(2026, 4, 2))
    with session_factory() as s:
        assert room_ledger(s, room_id=room.room_id, today=TODAY).header.paid_through == 202603


def test_header_people_contacts_case_and_late_fees(session_factory, users, room):
    with session_factory.begin() as s:
        owner_id = s.query(RoomPerson.person_id).filter_by(room_id=room.room_id).scalar()
        s.add(Contact(person_id=owner_id, kind=ContactKind.MOBILE, value="13800138000", last4="8000",
                      is_primary=True))
        tenant = Person(name="李四", name_initials="ls")
        former = Person(name="王五", name_initials="ww")
        s.add_all([tenant, former])
        s.flush()
        s.add(Contact(person_id=tenant.id, kind=ContactKind.MOBILE, value="13900139000", last4="9000"))
        s.add(RoomPerson(room_id=room.room_id, person_id=tenant.id, role=PersonRole.TENANT,
                         start_date=date(2026, 1, 1), pays_fees=True))
        s.add(RoomPerson(room_id=room.room_id, person_id=former.id, role=PersonRole.TENANT,
                         start_date=date(2024, 1, 1), end_date=date(2025, 12, 31)))
        s.add(CollectionCase(room_id=room.room_id, stage=Stage.PHONE, collector_id=users[Role.COLLECTOR].id,
                             opened_on=date(2026, 3, 1)))
        policy = LateFeePolicyRow(name="合同", daily_rate_ppm=300, valid_from=date(2020, 1, 1))
        s.add(policy)
        s.flush()
        s.add(LateFeeAssessment(bill_id=room.bill_ids[0], policy_id=policy.id, as_of=TODAY, days=100,
                                amount_fen=750))
    with session_factory() as s:
        h = room_ledger(s, room_id=room.room_id, today=TODAY).header
    assert h.estate_name == "测试花园" and h.room_code == "3-2-1502" and h.area_centi_m2 == 8937
    assert [p.name for p in h.owners] == ["张三"]
    assert h.tenant is not None and h.tenant.name == "李四" and h.tenant.pays_fees
    assert [(c.person_name, c.value) for c in h.contacts] == [("张三", "138****8000"), ("李四", "139****9000")]
    assert all(c.contact_id for c in h.contacts)  # the full number: services.phones.reveal_phones
    assert (h.stage, h.collector) == (Stage.PHONE, users[Role.COLLECTOR].display_name)
    assert h.late_fee_due_fen == 750


def test_payments_newest_first_with_lines_and_reversal_links(session_factory, users, room):
    with session_factory.begin() as s:
        first = record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=30_000,
                               paid_on=date(2026, 3, 1), method=PaymentMethod.WECHAT, today=date(2026, 3, 1))
        second = record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=200_000,
                                paid_on=date(2026, 4, 1), method=PaymentMethod.CASH, today=date(2026, 4, 1))
        reversal = reverse_payment(s, actor=users[Role.MANAGER], payment_id=second.payment_id, reason="金额录错",
                                   on=date(2026, 4, 2))
    with session_factory() as s:
        ledger = room_ledger(s, room_id=room.room_id, today=TODAY)
    assert [p.receipt_no for p in ledger.payments] == [reversal.receipt_no, second.receipt_no, first.receipt_no]
    rev, orig, old = ledger.payments
    assert rev.kind is PaymentKind.REVERSAL and rev.reverses_no == second.receipt_no and not rev.reversible
    assert orig.reversed_by_no == reversal.receipt_no and not orig.reversible
    assert old.reversible and old.operator == users[Role.CLERK].display_name
    assert [(ln.period, ln.fee_item, ln.amount_fen) for ln in old.lines] == [
        (202601, "物业管理费", 25_000), (202602, "物业管理费", 5_000)]
    assert sum(ln.amount_fen for ln in orig.lines) + orig.credit_fen == 200_000
    assert sum(ln.amount_fen for ln in rev.lines) + rev.credit_fen == -200_000
    assert ledger.header.credit_fen == 0


def test_timeline_newest_first_across_kinds(session_factory, users, room):
    rid = room.room_id
    clerk = users[Role.CLERK].id
    with session_factory.begin() as s:
        call = ContactEvent(room_id=rid, channel=Channel.PHONE, outcome=CallOutcome.PROMISED, user_id=clerk,
                            occurred_at=datetime(2026, 3, 2, 2, 0, tzinfo=UTC), number_dialled="13800138000",
                            answered_by="owner")
        s.add(call)
        s.flush()
        s.add(Notice(serial="TZ202604000001", room_id=rid, kind=NoticeKind.ARREARS_NOTICE, level=2,
                     arrears_fen=75_000, issued_at=datetime(2026, 4, 1, 1, 0, tzinfo=UTC), issued_by_id=clerk))
        visit = Visit(room_id=rid, planned_at=datetime(2026, 5, 3, 11, 0, tzinfo=UTC), status=VisitStatus.DONE,
                      done_at=datetime(2026, 5, 3, 11, 30, tzinfo=UTC), attitude="配合", created_by_id=clerk)
        s.add(visit)
        s.flush()
        s.add(VisitStaff(visit_id=visit.id, user_id=users[Role.MANAGER].id))
        s.add(Promise(room_id=rid, made_on=date(2026, 3, 2), due_date=date(2026, 3, 15), amount_fen=50_000,
                      contact_event_id=call.id))
        s.add(InstalmentPlan(room_id=rid, total_fen=150_000, created_at=datetime(2026, 5, 20, 2, tzinfo=UTC)))
        s.add(Extension(room_id=rid, until=date(2026, 7, 31), reason="经济困难", status=ApprovalStatus.APPROVED,
                        requested_at=datetime(2026, 5, 28, 2, tzinfo=UTC), decided_at=datetime(2026, 6, 1, 4, tzinfo=UTC),
                        approved_by_id=users[Role.MANAGER].id))
        # an undecided request sits at the day it was made, not at the day it would run to
        s.add(Extension(room_id=rid, until=date(2026, 12, 31), reason="住院", requested_at=datetime(2026, 2, 1, 2, tzinfo=UTC)))
        s.add(ServiceIssue(room_id=rid, category=IssueCategory.LEAK, description="卫生间漏水",
                           raised_on=date(2026, 2, 20)))
    with session_factory() as s:
        timeline = room_ledger(s, room_id=rid, today=TODAY).timeline
    assert [t.kind for t in timeline] == [
        TimelineKind.EXTENSION, TimelineKind.INSTALMENT, TimelineKind.VISIT, TimelineKind.NOTICE,
        TimelineKind.CONTACT, TimelineKind.PROMISE, TimelineKind.ISSUE, TimelineKind.EXTENSION,
    ]
    times = [t.when for t in timeline]
    assert times == sorted(times, reverse=True)
    contact = timeline[4]
    assert contact.title == "电话：承诺缴费" and "13800138000" in contact.detail and "¥500.00" in contact.detail
    assert "接听人 业主本人" in contact.detail
    assert contact.by == users[Role.CLERK].display_name
    assert timeline[2].by == users[Role.MANAGER].display_name
    assert timeline[3].title == "催缴通知书（第2次）TZ202604000001"
    assert timeline[6].title == "服务问题：漏水" and "卫生间漏水" in timeline[6].detail
    approved, pending = timeline[0], timeline[7]
    assert approved.when == datetime(2026, 5, 28, 2, tzinfo=UTC) and approved.title == "延期申请"
    assert approved.detail == f"延期至 2026-07-31；已批准 2026-06-01（{users[Role.MANAGER].display_name}）；经济困难"
    assert pending.when == datetime(2026, 2, 1, 2, tzinfo=UTC)
    assert pending.detail == "延期至 2026-12-31；待审批；住院"


def test_unknown_room(session_factory):
    with session_factory() as s, pytest.raises(NotFound):
        room_ledger(s, room_id=12345, today=TODAY)


def test_query_count_does_not_grow_with_history(session_factory, users, engine):
    small = make_room_with_bills(session_factory, months=2, code="1-1-101")
    big = make_room_with_bills(session_factory, months=48, code="1-1-102")
    with session_factory.begin() as s:
        for i in range(10):
            record_payment(s, actor=users[Role.CLERK], room_id=big.room_id, amount_fen=30_000,
                           paid_on=date(2026, 1, 1 + i), method=PaymentMethod.CASH, today=date(2026, 1, 1 + i))
            s.add(ContactEvent(room_id=big.room_id, channel=Channel.SMS, outcome=CallOutcome.OTHER,
                               occurred_at=datetime(2026, 1, 1 + i, tzinfo=UTC)))
    counts = []
    for room_id in (small.room_id, big.room_id):
        statements: list[str] = []

        def count(conn, cursor, statement, *args, statements=statements):
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", count)
        try:
            with session_factory() as s:
                room_ledger(s, room_id=room_id, today=TODAY)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        counts.append(len(statements))
    assert counts[1] <= counts[0] + 3  # payments/allocation/credit queries appear once there are payments
    assert counts[1] <= 23  # a constant handful (holds, open service issues and credit are read too)


def test_payment_context_lists_open_bills_oldest_first(session_factory, users, room):
    with session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=35_000,
                       paid_on=date(2026, 2, 1), method=PaymentMethod.CASH, today=date(2026, 2, 1))
    with session_factory() as s:
        ctx = payment_context(s, room_id=room.room_id, today=TODAY)
    assert [(b.period, b.fee_item, b.outstanding_fen) for b in ctx.bills] == [
        (202602, "物业管理费", 15_000), (202603, "物业管理费", 25_000), (202603, "水费", 3_000),
        (202604, "物业管理费", 25_000), (202605, "物业管理费", 25_000), (202606, "物业管理费", 25_000)]
    assert ctx.outstanding_fen == 118_000
    assert [p.name for p in ctx.payers] == ["张三"]
