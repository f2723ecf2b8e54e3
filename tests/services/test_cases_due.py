"""The ladder's due steps read from a case's history in the database (both engines)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from factories import make_room_with_bills, make_user

from cuijiao_desktop.db.models import (
    CaseEvent,
    CollectionCase,
    CollectionHold,
    ContactEvent,
    Notice,
    Promise,
)
from cuijiao_desktop.domain.enums import (
    ApprovalStatus,
    CallOutcome,
    Channel,
    NoticeKind,
    PaymentMethod,
    Role,
    Stage,
)
from cuijiao_desktop.domain.ladder import DueReason, StepKind
from cuijiao_desktop.services import ladder
from cuijiao_desktop.services.cases import due_steps
from cuijiao_desktop.services.payments import record_payment


def _at(d: date, hour: int = 4) -> datetime:
    return datetime(d.year, d.month, d.day, hour, tzinfo=UTC)  # noon in Beijing: the same local day


def _case(session_factory, *, collector_id=None, opened=date(2026, 2, 12), months=3, code="3-2-1502"):
    room = make_room_with_bills(session_factory, months=months, first_period=202601, code=code)
    with session_factory.begin() as s:
        ladder.ensure_default_ladder(s)
        case = CollectionCase(room_id=room.room_id, opened_on=opened, collector_id=collector_id)
        s.add(case)
        s.flush()
        return room, case.id


def _contact(s, room_id, case_id, channel, d):
    s.add(ContactEvent(room_id=room_id, case_id=case_id, channel=channel, occurred_at=_at(d),
                       outcome=CallOutcome.NO_ANSWER))


def test_due_steps_follow_the_history(session_factory, users, db_kind):
    collector = make_user(session_factory, Role.COLLECTOR, "cuishou1")
    room, case_id = _case(session_factory, collector_id=collector.id)
    with session_factory() as s:
        (step,) = due_steps(s, today=date(2026, 2, 12))
    assert (step.case_id, step.room_code, step.collector, step.stage, step.kind, step.due_on) == (
        case_id, "3-2-1502", collector.display_name, Stage.REMINDER, StepKind.MESSAGE, date(2026, 2, 12))
    assert step.arrears_fen == 50_000 and isinstance(step.arrears_fen, int) and step.months == 2
    with session_factory.begin() as s:
        _contact(s, room.room_id, case_id, Channel.SMS, date(2026, 2, 12))
    with session_factory() as s:
        assert due_steps(s, today=date(2026, 2, 13)) == []  # the call waits 2 days
        (step,) = due_steps(s, today=date(2026, 2, 13), horizon_days=1)
        assert (step.stage, step.kind, step.due_on, step.overdue_days) == (
            Stage.PHONE, StepKind.CALL, date(2026, 2, 14), 0)
        (step,) = due_steps(s, today=date(2026, 2, 20), user_id=collector.id)
        assert step.overdue_days == 6
        assert due_steps(s, today=date(2026, 2, 20), user_id=users[Role.MANAGER].id) == []
    with session_factory.begin() as s:
        _contact(s, room.room_id, case_id, Channel.PHONE, date(2026, 2, 14))
        s.add(Notice(serial="N1", room_id=room.room_id, case_id=case_id, kind=NoticeKind.ARREARS_NOTICE,
                     arrears_fen=25_000, issued_at=_at(date(2026, 2, 27))))
    with session_factory() as s:
        (step,) = due_steps(s, today=date(2026, 3, 20))
    assert (step.stage, step.kind, step.due_on) == (Stage.VISIT, StepKind.VISIT, date(2026, 3, 14))


def test_a_broken_promise_moves_the_case_on_and_a_hold_takes_it_out(session_factory, users, db_kind):
    room, case_id = _case(session_factory)
    with session_factory.begin() as s:
        _contact(s, room.room_id, case_id, Channel.SMS, date(2026, 2, 12))
        _contact(s, room.room_id, case_id, Channel.PHONE, date(2026, 2, 14))
        s.add(Promise(room_id=room.room_id, case_id=case_id, made_on=date(2026, 2, 14), due_date=date(2026, 2, 20),
                      amount_fen=25_000))
    with session_factory() as s:
        assert due_steps(s, today=date(2026, 2, 20)) == []
        (step,) = due_steps(s, today=date(2026, 2, 21))
    assert (step.stage, step.due_on, step.reason, step.promise_due) == (
        Stage.WRITTEN_NOTICE, date(2026, 2, 21), DueReason.PROMISE_BROKEN, date(2026, 2, 20))
    # kept: paid in time, so the notice waits its normal 13 days after the call
    with session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=25_000,
                       paid_on=date(2026, 2, 19), method=PaymentMethod.CASH,
                       today=date(2026, 2, 19))
    with session_factory() as s:
        assert due_steps(s, today=date(2026, 2, 21)) == []
        assert due_steps(s, today=date(2026, 3, 20))[0].reason is DueReason.WAIT  # Feb still owed
    with session_factory.begin() as s:
        s.add(CollectionHold(case_id=case_id, room_id=room.room_id, until=date(2026, 4, 30), reason="投诉处理中",
                             status=ApprovalStatus.APPROVED, requested_at=_at(date(2026, 3, 1)),
                             decided_at=_at(date(2026, 3, 2))))
    with session_factory() as s:
        assert due_steps(s, today=date(2026, 3, 20)) == []  # on hold: out of the worklists
        (step,) = due_steps(s, today=date(2026, 5, 1))
    assert (step.due_on, step.reason) == (date(2026, 5, 1), DueReason.HOLD)


def test_explicit_step_marks_and_cleared_rooms(session_factory, users, db_kind):
    room, case_id = _case(session_factory, opened=date(2026, 1, 11), months=12)
    with session_factory.begin() as s:
        steps = ladder.list_ladder(s)
        committee = next(x for x in steps if x.stage is Stage.COMMITTEE)
        s.add(CaseEvent(case_id=case_id, kind="step_done", happened_on=date(2026, 6, 1), step_id=committee.id,
                        stage=committee.stage))
    with session_factory() as s:
        # 7 months owed (¥1,750): below the lawyer letter's minimum (¥5,000 or 12 months)
        assert due_steps(s, today=date(2026, 8, 1)) == []
        (step,) = due_steps(s, today=date(2027, 1, 11))  # 12 months owed
    assert (step.stage, step.step_name, step.due_on, step.months) == (
        Stage.LAWYER_LETTER, "律师函", date(2026, 7, 1), 12)
    with session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=12 * 25_000,
                       paid_on=date(2027, 1, 10), method=PaymentMethod.CASH,
                       today=date(2027, 1, 10))
    with session_factory() as s:
        assert due_steps(s, today=date(2027, 1, 11)) == []  # nothing owed: nothing due
