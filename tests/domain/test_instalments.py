import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuijiao_desktop.domain.enums import ApprovalStatus
from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.instalments import (
    InstalmentState,
    PlanState,
    ScheduledInstalment,
    extension_window,
    instalment_states,
    make_schedule,
    plan_state,
    validate_extension,
    validate_hold,
    validate_schedule,
)

D = timedelta(days=1)
START = date(2026, 3, 1)


def test_schedule_in_whole_yuan_with_the_rest_last():
    s = make_schedule(301_234, 6, date(2026, 4, 10))
    assert [i.amount_fen for i in s] == [50_200] * 5 + [50_234]
    assert [i.due_date for i in s][:3] == [date(2026, 4, 10), date(2026, 5, 10), date(2026, 6, 10)]
    assert [i.seq for i in s] == [1, 2, 3, 4, 5, 6]
    s = make_schedule(500, 3, date(2026, 1, 31))  # tiny: fen, not yuan
    assert [i.amount_fen for i in s] == [166, 166, 168]
    assert [i.due_date for i in s] == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]
    assert [i.due_date for i in make_schedule(900, 3, date(2026, 1, 15), every_months=2)] == [
        date(2026, 1, 15), date(2026, 3, 15), date(2026, 5, 15)]
    with pytest.raises(ValidationError):
        make_schedule(2, 3, START)
    with pytest.raises(ValidationError):
        make_schedule(10_000, 37, START)


@given(total=st.integers(1, 10**9), count=st.integers(1, 36), first=st.dates(date(2020, 1, 1), date(2040, 1, 1)))
def test_schedule_adds_up(total, count, first):
    if total < count:
        return
    s = make_schedule(total, count, first)
    assert sum(i.amount_fen for i in s) == total and all(i.amount_fen > 0 for i in s)
    validate_schedule(s, total_fen=total, start=first)


def test_validate_schedule():
    s = make_schedule(90_000, 3, date(2026, 4, 10))
    with pytest.raises(ValidationError) as e:
        validate_schedule(s, total_fen=90_001, start=START)
    assert e.value.code == "instalment.sum_mismatch"
    bad = [s[0], ScheduledInstalment(2, s[0].due_date, s[1].amount_fen), s[2]]
    with pytest.raises(ValidationError) as e:
        validate_schedule(bad, total_fen=90_000, start=START)
    assert e.value.code == "instalment.dates_not_increasing"
    with pytest.raises(ValidationError) as e:
        validate_schedule(s, total_fen=90_000, start=date(2026, 5, 1))
    assert e.value.code == "instalment.dates_not_increasing"


SCHEDULE = make_schedule(90_000, 3, date(2026, 4, 10))  # 300.00 on 04-10, 05-10, 06-10


def states(payments, today):
    return [(s.state, s.paid_fen) for s in instalment_states(SCHEDULE, payments, today=today)]


def test_states_follow_the_payments():
    assert states([], date(2026, 4, 1)) == [(InstalmentState.UPCOMING, 0)] * 3
    assert states([], date(2026, 4, 10))[0] == (InstalmentState.DUE, 0)
    assert states([], date(2026, 4, 11))[0] == (InstalmentState.OVERDUE, 0)
    paid = [(date(2026, 4, 8), 40_000)]
    assert states(paid, date(2026, 4, 11)) == [
        (InstalmentState.PAID, 30_000), (InstalmentState.PART_PAID, 10_000), (InstalmentState.UPCOMING, 0)]
    # a payment after today does not count yet
    assert states([(date(2026, 4, 20), 30_000)], date(2026, 4, 11))[0] == (InstalmentState.OVERDUE, 0)
    # part paid and past due is overdue
    assert states([(date(2026, 4, 8), 10_000)], date(2026, 4, 11))[0] == (InstalmentState.OVERDUE, 10_000)


def test_paid_on_and_late_and_reversals():
    rows = instalment_states(SCHEDULE, [(date(2026, 4, 15), 30_000), (date(2026, 5, 9), 30_000)],
                             today=date(2026, 5, 20))
    assert [(r.paid_on, r.late) for r in rows[:2]] == [(date(2026, 4, 15), True), (date(2026, 5, 9), False)]
    reversed_ = [(date(2026, 4, 8), 30_000), (date(2026, 4, 9), -30_000)]
    rows = instalment_states(SCHEDULE, reversed_, today=date(2026, 4, 12))
    assert (rows[0].state, rows[0].paid_fen, rows[0].paid_on) == (InstalmentState.OVERDUE, 0, None)
    rows = instalment_states(SCHEDULE, [*reversed_, (date(2026, 4, 12), 30_000)], today=date(2026, 4, 12))
    assert (rows[0].state, rows[0].paid_on) == (InstalmentState.PAID, date(2026, 4, 12))


@given(payments=st.lists(st.tuples(st.dates(START, START + 200 * D), st.integers(-50_000, 120_000)), max_size=8),
       today=st.dates(START, START + 220 * D))
def test_states_property(payments, today):
    rows = instalment_states(SCHEDULE, payments, today=today)
    net = sum(fen for d, fen in payments if d <= today)
    assert sum(r.paid_fen for r in rows) == min(max(net, 0), 90_000)
    # filled in order: no instalment has money while an earlier one lacks some
    for a, b in itertools.pairwise(rows):
        assert b.paid_fen == 0 or a.paid_fen == a.amount_fen
    for r in rows:
        assert 0 <= r.paid_fen <= r.amount_fen
        assert (r.state is InstalmentState.PAID) == (r.paid_fen == r.amount_fen)
        assert (r.paid_on is not None) == (r.state is InstalmentState.PAID)
        if r.state is InstalmentState.OVERDUE:
            assert r.due_date < today


def test_plan_state():
    rows = instalment_states(SCHEDULE, [], today=date(2026, 4, 1))
    assert plan_state(ApprovalStatus.PENDING, rows) is PlanState.PENDING
    assert plan_state(ApprovalStatus.APPROVED, rows) is PlanState.ON_TRACK
    late = instalment_states(SCHEDULE, [], today=date(2026, 4, 11))
    assert plan_state(ApprovalStatus.APPROVED, late) is PlanState.BEHIND
    done = instalment_states(SCHEDULE, [(date(2026, 4, 1), 90_000)], today=date(2026, 4, 11))
    assert plan_state(ApprovalStatus.APPROVED, done) is PlanState.COMPLETED
    assert plan_state(ApprovalStatus.REJECTED, rows) is PlanState.REJECTED
    assert plan_state(ApprovalStatus.CANCELLED, rows) is PlanState.CANCELLED


def test_extension_runs_one_to_two_months_and_holds_have_reasons():
    assert extension_window(date(2026, 1, 31)) == (date(2026, 2, 28), date(2026, 3, 31))
    validate_extension(asked_on=date(2026, 3, 1), until=date(2026, 4, 1), reason="失业")
    validate_extension(asked_on=date(2026, 3, 1), until=date(2026, 5, 1), reason="失业")
    for until in (date(2026, 3, 31), date(2026, 5, 2)):
        with pytest.raises(ValidationError) as e:
            validate_extension(asked_on=date(2026, 3, 1), until=until, reason="失业")
        assert e.value.code == "extension.length"
    with pytest.raises(ValidationError):
        validate_extension(asked_on=date(2026, 3, 1), until=date(2026, 4, 1), reason=" ")
    validate_hold(asked_on=START, until=START + D, reason="投诉处理中")
    for until, code in ((START, "hold.until_past"), (START + 181 * D, "hold.too_long")):
        with pytest.raises(ValidationError) as e:
            validate_hold(asked_on=START, until=until, reason="投诉处理中")
        assert e.value.code == code
