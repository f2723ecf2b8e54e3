"""Late fees for real: the daily run, office time, waivers of what is uncollected, settled bills' fees."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from factories import make_room_with_bills
from sqlalchemy import func, select, update

from cuijiao_desktop.db.models import AuditLog, FeeItem, LateFeeAssessment, LateFeePolicyRow, Notice
from cuijiao_desktop.domain.enums import NoticeKind, PaymentMethod, Role
from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.permissions import ROLE_PERMISSIONS, Permission
from cuijiao_desktop.services import late_fees
from cuijiao_desktop.services.arrears import query_arrears
from cuijiao_desktop.services.ledger_check import check_ledger
from cuijiao_desktop.services.payments import preview_payment, record_payment, reverse_payment
from cuijiao_desktop.services.room_ledger import payment_context, room_ledger

RATE = 3000  # 3‰ a day: 100.00 owed for 30 days = 9.00


@pytest.fixture
def room(session_factory):
    """Two bills of 100.00, due 2026-01-10 and 2026-02-10, under a 3‰/day policy without grace."""
    r = make_room_with_bills(session_factory, months=2, monthly_fen=100_00, first_period=202601)
    with session_factory.begin() as s:
        policy = LateFeePolicyRow(name="合同第12条", daily_rate_ppm=RATE, valid_from=date(2020, 1, 1))
        s.add(policy)
        s.flush()
        s.execute(update(FeeItem).values(late_fee_policy_id=policy.id))
    return r


def _pay(s, users, room, fen, day, **kw):
    return record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=fen, paid_on=day,
                          method=PaymentMethod.CASH, today=day, **kw)


def test_every_staff_role_may_run_the_assessment_under_its_own_permission():
    for role, permissions in ROLE_PERMISSIONS.items():
        assert Permission.ASSESS_LATE_FEES in permissions, role


def test_the_daily_run_assesses_once_per_office_day(session_factory, users, room):
    collector = users[Role.COLLECTOR]
    with session_factory.begin() as s:
        first = late_fees.assess_if_due(s, actor=collector, today=date(2026, 2, 9))
    assert not first.skipped and first.bills == 1 and first.total_fen == 9_00 and first.delta_fen == 9_00
    with session_factory.begin() as s:  # another desk starts the same day: nothing to do
        again = late_fees.assess_if_due(s, actor=users[Role.CLERK], today=date(2026, 2, 9))
    assert again.skipped
    with session_factory.begin() as s:
        nxt = late_fees.assess_if_due(s, actor=users[Role.CLERK], today=date(2026, 2, 10))
    assert not nxt.skipped and nxt.total_fen == 9_30 and nxt.delta_fen == 30 and nxt.changed == 1
    with session_factory() as s:
        assert late_fees.last_assessed_on(s) == date(2026, 2, 10)
        runs = s.scalars(select(AuditLog).where(AuditLog.action == "late_fee.assess").order_by(AuditLog.id)).all()
        assert [r.username for r in runs] == [collector.username, users[Role.CLERK].username]
        assert all('"trigger": "daily"' in r.detail for r in runs)


def test_running_twice_for_a_day_changes_nothing(session_factory, users, room):
    with session_factory.begin() as s:
        late_fees.assess_late_fees(s, actor=users[Role.CLERK], as_of=date(2026, 3, 1))
    with session_factory.begin() as s:
        again = late_fees.assess_late_fees(s, actor=users[Role.CLERK], as_of=date(2026, 3, 1))
    assert again.changed == 0 and again.delta_fen == 0 and again.bills == 2


def test_a_notice_before_eight_in_the_morning_counts_from_its_beijing_day(session_factory, users):
    r = make_room_with_bills(session_factory, months=1, monthly_fen=100_00, first_period=202601)
    with session_factory.begin() as s:
        policy = LateFeePolicyRow(name="第六次通知起", daily_rate_ppm=RATE, from_notice_level=6,
                                  valid_from=date(2020, 1, 1))
        s.add(policy)
        s.flush()
        s.execute(update(FeeItem).values(late_fee_policy_id=policy.id))
        # 2026-02-20 07:30 Beijing time is 2026-02-19 23:30 UTC
        s.add(Notice(serial="TZ6", room_id=r.room_id, kind=NoticeKind.ARREARS_NOTICE, level=6, arrears_fen=100_00,
                     issued_at=datetime(2026, 2, 19, 23, 30, tzinfo=UTC)))
    with session_factory.begin() as s:
        result = late_fees.assess_late_fees(s, actor=users[Role.CLERK], as_of=date(2026, 2, 21))
    assert result.total_fen == 2 * 30  # 0.30 a day on 100.00: 02-20 and 02-21, not from 02-19
    with session_factory() as s:
        assert s.scalar(select(LateFeeAssessment.days)) == 2


def test_a_waiver_is_limited_to_what_is_still_uncollected(session_factory, users, room):
    with session_factory.begin() as s:
        late_fees.assess_late_fees(s, actor=users[Role.CLERK], as_of=date(2026, 2, 9))  # Jan bill: 9.00
        _pay(s, users, room, 100_00 + 5_00, date(2026, 2, 9), collect_late_fees=True,
             chosen_bill_ids=[room.bill_ids[0]])  # 5.00 of it collected
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        late_fees.waive_late_fee(s, actor=users[Role.MANAGER], bill_id=room.bill_ids[0], amount_fen=5_00,
                                 reason="经济困难")
    assert err.value.code == "late_fee.waiver_too_large" and err.value.params["remaining_fen"] == 4_00
    with session_factory.begin() as s:
        assert late_fees.waive_late_fee(s, actor=users[Role.MANAGER], bill_id=room.bill_ids[0], amount_fen=4_00,
                                        reason="经济困难") == 0
    with session_factory.begin() as s:  # the next run keeps it whole: it never drops below collected + waived
        late_fees.assess_late_fees(s, actor=users[Role.CLERK], as_of=date(2026, 3, 1))
    with session_factory() as s:
        assert late_fees.late_fees_due(s, [room.bill_ids[0]]) == {}
        summary = late_fees.room_late_fees(s, room.room_id)
        assert (summary.collected_fen, summary.waived_fen) == (5_00, 4_00)
        assert check_ledger(s) == []


def test_the_late_fee_of_a_settled_bill_stays_collectable(session_factory, users, room):
    with session_factory.begin() as s:
        late_fees.assess_late_fees(s, actor=users[Role.CLERK], as_of=date(2026, 2, 9))
        _pay(s, users, room, 100_00, date(2026, 2, 9), chosen_bill_ids=[room.bill_ids[0]])  # principal only
    with session_factory() as s:
        ctx = payment_context(s, room_id=room.room_id, today=date(2026, 2, 9))
        settled = [b for b in ctx.bills if b.outstanding_fen == 0]
        assert [(b.bill_id, b.late_fee_due_fen) for b in settled] == [(room.bill_ids[0], 9_00)]
        assert ctx.settled_late_fee_fen == 9_00
        preview = preview_payment(s, room_id=room.room_id, amount_fen=9_00, collect_late_fees=True,
                                  chosen_bill_ids=[room.bill_ids[0]])
        assert preview.lines == () and preview.late_fee_lines == ((room.bill_ids[0], 9_00),)
        assert preview.credit_fen == 0
    with session_factory.begin() as s:
        receipt = _pay(s, users, room, 9_00, date(2026, 2, 9), collect_late_fees=True,
                       chosen_bill_ids=[room.bill_ids[0]])
    assert receipt.credit_fen == 0
    assert [(x.fee_item, x.amount_fen) for x in receipt.lines] == [("物业管理费滞纳金", 9_00)]
    with session_factory() as s:
        assert late_fees.room_late_fees_due(s, room.room_id) == {}
        assert check_ledger(s) == []
    with session_factory.begin() as s:
        reverse_payment(s, actor=users[Role.MANAGER], payment_id=receipt.payment_id, reason="误收滞纳金",
                        on=date(2026, 2, 9))
    with session_factory() as s:
        assert late_fees.room_late_fees_due(s, room.room_id) == {room.bill_ids[0]: 9_00}
        assert check_ledger(s) == []


def test_one_rule_for_late_fee_still_due_everywhere(session_factory, users, room):
    with session_factory.begin() as s:
        late_fees.assess_late_fees(s, actor=users[Role.CLERK], as_of=date(2026, 3, 12))
        _pay(s, users, room, 100_00 + 3_00, date(2026, 3, 12), collect_late_fees=True)
    with session_factory.begin() as s:
        late_fees.waive_late_fee(s, actor=users[Role.MANAGER], bill_id=room.bill_ids[0], amount_fen=1_00,
                                 reason="协商")
    with session_factory() as s:
        per_bill = late_fees.room_late_fees_due(s, room.room_id)
        expected = sum(per_bill.values())
        assert expected > 0 and isinstance(expected, int)
        assert late_fees.late_fees_due_by_room(s) == {room.room_id: expected}
        assert late_fees.late_fees_due(s, list(room.bill_ids)) == per_bill
        assert room_ledger(s, room_id=room.room_id, today=date(2026, 3, 13)).header.late_fee_due_fen == expected
        assert payment_context(s, room_id=room.room_id, today=date(2026, 3, 13)).late_fee_due_fen == expected
        rows = query_arrears(s, today=date(2026, 3, 13))
        assert [r.late_fee_fen for r in rows] == [expected]


def test_a_bill_settled_since_the_last_run_gets_its_fee_up_to_the_payment(session_factory, users, room):
    with session_factory.begin() as s:
        late_fees.assess_late_fees(s, actor=users[Role.CLERK], as_of=date(2026, 1, 20))  # 10 days: 3.00
    with session_factory.begin() as s:
        _pay(s, users, room, 100_00, date(2026, 1, 25), chosen_bill_ids=[room.bill_ids[0]])
    with session_factory.begin() as s:
        late_fees.assess_late_fees(s, actor=users[Role.CLERK], as_of=date(2026, 2, 1))
    with session_factory() as s:
        amount = s.scalar(select(LateFeeAssessment.amount_fen).where(LateFeeAssessment.bill_id == room.bill_ids[0]))
        assert amount == 14 * 30  # 01-11 .. 01-24: the fee stops the day the bill was paid
        assert s.scalar(select(func.count()).select_from(LateFeeAssessment)) == 1


def test_a_run_in_steps_of_room_ranges_gives_what_one_run_gives(session_factory, users):
    rooms = [make_room_with_bills(session_factory, months=3, monthly_fen=100_00 + i, code=f"3-2-{1501 + i}")
             for i in range(3)]
    with session_factory.begin() as s:
        policy = LateFeePolicyRow(name="合同第12条", daily_rate_ppm=RATE, valid_from=date(2020, 1, 1))
        s.add(policy)
        s.flush()
        s.execute(update(FeeItem).values(late_fee_policy_id=policy.id))
    with session_factory.begin() as s:
        run = late_fees.start_late_fee_run(s, actor=users[Role.CLERK], today=date(2026, 4, 1), rooms_per_step=2)
    assert run.since is None and run.ranges == ((rooms[0].room_id, rooms[1].room_id),
                                                (rooms[2].room_id, rooms[2].room_id))
    with session_factory.begin() as s:  # another desk starting the same day finds the day taken
        assert late_fees.start_late_fee_run(s, actor=users[Role.COLLECTOR], today=date(2026, 4, 1)) is None
    stepped = []
    for rooms_range in run.ranges:
        with session_factory.begin() as s:
            stepped.append(late_fees.assess_late_fees(s, actor=users[Role.CLERK], as_of=run.as_of,
                                                      rooms=rooms_range, since=run.since, trigger="daily"))
    assert sum(r.bills for r in stepped) == 9
    with session_factory() as s:
        by_steps = s.execute(select(LateFeeAssessment.bill_id, LateFeeAssessment.amount_fen)
                             .order_by(LateFeeAssessment.bill_id)).all()
    with session_factory.begin() as s:
        again = late_fees.assess_late_fees(s, actor=users[Role.CLERK], as_of=date(2026, 4, 1))
    assert again.changed == 0 and again.total_fen == sum(r.total_fen for r in stepped)
    with session_factory() as s:
        assert s.execute(select(LateFeeAssessment.bill_id, LateFeeAssessment.amount_fen)
                         .order_by(LateFeeAssessment.bill_id)).all() == by_steps
        steps = s.scalars(select(AuditLog.detail).where(AuditLog.action == "late_fee.assess")).all()
        assert sum('"rooms": ' in d for d in steps) == 2
