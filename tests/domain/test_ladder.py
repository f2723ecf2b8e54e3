from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuijiao_desktop.domain.enums import Channel, NoticeKind, PromiseStatus, Stage
from cuijiao_desktop.domain.ladder import (
    DEFAULT_LADDER,
    FORBIDDEN_WORDS,
    DueReason,
    Hold,
    InstalmentMark,
    LadderEvent,
    LadderStep,
    PositionState,
    PromiseEvent,
    StepKind,
    check_notice_text,
    contact_stage,
    ladder_position,
    minimum_met,
    notice_stage,
    step_kind,
    validate_steps,
)

OPENED = date(2026, 3, 12)
D = timedelta(days=1)


def pos(today, *, events=(), promises=(), holds=(), amount=100_00, months=1, steps=DEFAULT_LADDER, instalments=()):
    return ladder_position(steps, opened_on=OPENED, today=today, amount_fen=amount, months=months,
                           events=events, promises=promises, holds=holds, instalments=instalments)


def test_default_ladder_shape():
    seqs = [s.seq for s in DEFAULT_LADDER]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    stages = [s.stage for s in DEFAULT_LADDER]
    assert stages == sorted(stages)  # escalation order
    assert {s.stage for s in DEFAULT_LADDER} == set(Stage) - {Stage.PREPARATION}
    assert DEFAULT_LADDER[0].wait_days == 0 and DEFAULT_LADDER[0].stage is Stage.REMINDER
    phone = next(s for s in DEFAULT_LADDER if s.stage is Stage.PHONE)
    assert phone.wait_days == 2 and phone.channel is Channel.PHONE
    lawyer = next(s for s in DEFAULT_LADDER if s.stage is Stage.LAWYER_LETTER)
    assert (lawyer.min_amount_fen, lawyer.min_months) == (500_000, 12)
    assert validate_steps(DEFAULT_LADDER) == []
    for step in DEFAULT_LADDER:
        assert check_notice_text(step.name_zh + step.note) == []


def test_a_new_case_starts_with_the_reminder_on_the_day_it_opens():
    p = pos(OPENED)
    assert p.state is PositionState.DUE and p.stage is Stage.PREPARATION and p.done is None
    assert (p.next.seq, p.due_on, p.reason) == (1, OPENED, DueReason.WAIT)


def test_each_event_completes_its_step_and_the_next_waits_its_days():
    sms = LadderEvent(OPENED, Stage.REMINDER)
    p = pos(OPENED + D, events=[sms])
    assert (p.stage, p.done_on, p.next.stage, p.due_on, p.state) == (
        Stage.REMINDER, OPENED, Stage.PHONE, OPENED + 2 * D, PositionState.WAITING)
    p = pos(OPENED + 2 * D, events=[sms])
    assert p.is_due and p.overdue_days(OPENED + 2 * D) == 0
    call = LadderEvent(OPENED + 5 * D, Stage.PHONE)
    p = pos(OPENED + 6 * D, events=[sms, call])
    assert (p.stage, p.next.stage, p.due_on) == (Stage.PHONE, Stage.WRITTEN_NOTICE, OPENED + 18 * D)
    # late: the step is overdue, counted from its due date
    p = pos(OPENED + 30 * D, events=[sms, call])
    assert p.is_due and p.overdue_days(OPENED + 30 * D) == 12


def test_repeated_and_earlier_events_do_not_move_the_case():
    events = [LadderEvent(OPENED, Stage.REMINDER), LadderEvent(OPENED + 2 * D, Stage.PHONE),
              LadderEvent(OPENED + 9 * D, Stage.PHONE), LadderEvent(OPENED + 10 * D, Stage.REMINDER)]
    p = pos(OPENED + 11 * D, events=events)
    assert (p.stage, p.done_on) == (Stage.PHONE, OPENED + 2 * D)


def test_a_higher_stage_skips_the_steps_before_it_but_a_repeat_does_not_jump():
    p = pos(OPENED + 3 * D, events=[LadderEvent(OPENED + 3 * D, Stage.WRITTEN_NOTICE)])
    assert p.stage is Stage.WRITTEN_NOTICE and p.next.stage is Stage.VISIT
    ladder = (
        LadderStep(1, Stage.PHONE, "电话", 0, Channel.PHONE, id=11),
        LadderStep(2, Stage.WRITTEN_NOTICE, "通知书", 5, Channel.LETTER, id=12),
        LadderStep(3, Stage.PHONE, "再次电话", 3, Channel.PHONE, id=13),
    )
    calls = [LadderEvent(OPENED, Stage.PHONE), LadderEvent(OPENED + D, Stage.PHONE)]
    p = pos(OPENED + 2 * D, events=calls, steps=ladder)
    assert p.done.id == 11 and p.next.id == 12  # the second call does not jump over the notice
    p = pos(OPENED + 9 * D, events=[*calls, LadderEvent(OPENED + 6 * D, Stage.WRITTEN_NOTICE),
                                   LadderEvent(OPENED + 8 * D, Stage.PHONE)], steps=ladder)
    assert p.done.id == 13 and p.state is PositionState.END


def test_explicit_marks_name_their_step():
    committee = next(s for s in DEFAULT_LADDER if s.stage is Stage.COMMITTEE)
    steps = [LadderStep(s.seq, s.stage, s.name_zh, s.wait_days, s.channel, s.note, s.min_amount_fen,
                        s.min_months, id=100 + s.seq) for s in DEFAULT_LADDER]
    mark = LadderEvent(OPENED + 40 * D, Stage.COMMITTEE, step_id=100 + committee.seq)
    p = pos(OPENED + 41 * D, events=[mark], steps=steps, months=6)
    assert p.stage is Stage.COMMITTEE and p.next.stage is Stage.LAWYER_LETTER


def test_events_before_opening_or_after_today_are_ignored():
    p = pos(OPENED + D, events=[LadderEvent(OPENED - D, Stage.PHONE), LadderEvent(OPENED + 5 * D, Stage.VISIT)])
    assert p.done is None


def test_minimum_holds_the_case_on_its_step():
    steps = [LadderStep(s.seq, s.stage, s.name_zh, s.wait_days, s.channel, s.note, s.min_amount_fen,
                        s.min_months, id=s.seq) for s in DEFAULT_LADDER]
    marks = [LadderEvent(OPENED + i * D, s.stage, step_id=s.seq) for i, s in enumerate(steps[:6])]
    today = OPENED + 200 * D
    p = pos(today, events=marks, steps=steps, amount=3_000_00, months=8)
    assert p.state is PositionState.BELOW_MINIMUM and p.next.stage is Stage.LAWYER_LETTER and p.due_on is None
    assert pos(today, events=marks, steps=steps, amount=5_000_00, months=8).is_due  # ¥5,000 reached
    assert pos(today, events=marks, steps=steps, amount=100_00, months=12).is_due  # or a year


def test_minimum_met_either_suffices():
    step = LadderStep(1, Stage.LAWYER_LETTER, "律师函", 0, Channel.REGISTERED_LETTER, min_amount_fen=500_000,
                      min_months=12)
    assert minimum_met(step, amount_fen=500_000, months=1)
    assert minimum_met(step, amount_fen=1, months=12)
    assert not minimum_met(step, amount_fen=499_999, months=11)
    assert minimum_met(LadderStep(1, Stage.PHONE, "电话", 0, Channel.PHONE), amount_fen=1, months=0)


def test_nothing_owed_or_end_of_ladder():
    assert pos(OPENED + D, amount=0).state is PositionState.CLEARED
    marks = [LadderEvent(OPENED, Stage.WRITE_OFF)]
    assert pos(OPENED + D, events=marks, months=40).state is PositionState.END
    assert ladder_position((), opened_on=OPENED, today=OPENED, amount_fen=1, months=1).state is PositionState.END
    inactive = [LadderStep(1, Stage.PHONE, "电话", 0, Channel.PHONE, active=False)]
    assert ladder_position(inactive, opened_on=OPENED, today=OPENED, amount_fen=1,
                           months=1).state is PositionState.END


def test_an_open_promise_postpones_the_next_step_and_a_broken_one_moves_the_case_on():
    call = LadderEvent(OPENED + 2 * D, Stage.PHONE)
    promise_due = OPENED + 30 * D  # later than the notice's normal day (OPENED + 15)
    open_promise = PromiseEvent(OPENED + 2 * D, promise_due, PromiseStatus.OPEN)
    p = pos(OPENED + 20 * D, events=[call], promises=[open_promise])
    assert (p.state, p.due_on, p.reason, p.promise_due) == (
        PositionState.WAITING, promise_due + D, DueReason.PROMISE, promise_due)
    # broken the day after: due at once, although the wait would also have passed
    short = PromiseEvent(OPENED + 2 * D, OPENED + 5 * D, PromiseStatus.BROKEN)
    p = pos(OPENED + 6 * D, events=[call], promises=[short])
    assert (p.state, p.due_on, p.reason) == (PositionState.DUE, OPENED + 6 * D, DueReason.PROMISE_BROKEN)
    # a kept promise lets the ladder go on at its own pace, not before the promised day
    kept = PromiseEvent(OPENED + 2 * D, OPENED + 5 * D, PromiseStatus.KEPT)
    assert pos(OPENED + 6 * D, events=[call], promises=[kept]).due_on == OPENED + 15 * D
    # a promise made before the last step done is history
    old = PromiseEvent(OPENED, OPENED + D, PromiseStatus.BROKEN)
    assert pos(OPENED + 6 * D, events=[call], promises=[old]).reason is DueReason.WAIT


def test_an_instalment_plan_kept_to_holds_the_ladder_and_a_missed_instalment_moves_it_on():
    call = LadderEvent(OPENED + 2 * D, Stage.PHONE)
    first, second = OPENED + 30 * D, OPENED + 60 * D
    plan = [InstalmentMark(first, False), InstalmentMark(second, False)]
    p = pos(OPENED + 20 * D, events=[call], instalments=plan)
    assert (p.state, p.due_on, p.reason, p.promise_due) == (
        PositionState.WAITING, first + D, DueReason.INSTALMENT, first)
    paid_first = [InstalmentMark(first, True), InstalmentMark(second, False)]
    p = pos(first + 5 * D, events=[call], instalments=paid_first)
    assert (p.due_on, p.reason) == (second + D, DueReason.INSTALMENT)
    p = pos(first + 5 * D, events=[call], instalments=plan)  # the first one missed
    assert (p.state, p.due_on, p.reason) == (PositionState.DUE, first + D, DueReason.INSTALMENT_MISSED)
    # once a step is done after the miss, the ladder takes its own pace again
    visit = LadderEvent(first + 3 * D, Stage.WRITTEN_NOTICE)
    p = pos(first + 5 * D, events=[call, visit], instalments=plan)
    assert (p.due_on, p.reason) == (first + 18 * D, DueReason.WAIT)
    all_paid = [InstalmentMark(first, True), InstalmentMark(second, True)]
    assert pos(OPENED + 20 * D, events=[call], instalments=all_paid).reason is DueReason.WAIT


def test_holds_take_the_case_out_and_resume_after():
    call = LadderEvent(OPENED + 2 * D, Stage.PHONE)
    hold = Hold(OPENED + 10 * D, OPENED + 40 * D)
    p = pos(OPENED + 20 * D, events=[call], holds=[hold])
    assert p.state is PositionState.ON_HOLD and p.hold_until == OPENED + 40 * D and not p.is_due
    p = pos(OPENED + 41 * D, events=[call], holds=[hold])
    assert (p.state, p.due_on, p.reason) == (PositionState.DUE, OPENED + 41 * D, DueReason.HOLD)
    # a hold that ended before the step fell due changes nothing
    p = pos(OPENED + 20 * D, events=[call], holds=[Hold(OPENED + 3 * D, OPENED + 5 * D)])
    assert (p.due_on, p.reason) == (OPENED + 15 * D, DueReason.WAIT)
    # holds in a row
    p = pos(OPENED + 50 * D, events=[call], holds=[hold, Hold(OPENED + 35 * D, OPENED + 60 * D)])
    assert p.state is PositionState.ON_HOLD
    assert pos(OPENED + 61 * D, events=[call], holds=[hold, Hold(OPENED + 35 * D, OPENED + 60 * D)]).due_on == (
        OPENED + 61 * D)


def test_history_evidence():
    assert contact_stage(Channel.SMS) is Stage.REMINDER and contact_stage("phone") is Stage.PHONE
    assert contact_stage(Channel.VISIT) is Stage.VISIT and contact_stage(Channel.DESK) is Stage.PHONE
    # a registered letter or a notice on the door is a written notice; a lawyer's letter is told by the notice
    assert contact_stage(Channel.REGISTERED_LETTER) is Stage.WRITTEN_NOTICE
    assert contact_stage(Channel.NOTICE) is Stage.WRITTEN_NOTICE
    assert notice_stage(NoticeKind.ARREARS_NOTICE) is Stage.WRITTEN_NOTICE
    assert notice_stage(NoticeKind.LAWYER_LETTER) is Stage.LAWYER_LETTER
    assert step_kind(Channel.PHONE) is StepKind.CALL and step_kind("registered_letter") is StepKind.NOTICE


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

stages = st.sampled_from([s for s in Stage if s is not Stage.PREPARATION])
event_lists = st.lists(st.builds(LadderEvent, st.dates(OPENED - 10 * D, OPENED + 400 * D), stages), max_size=25)
promise_lists = st.lists(st.builds(PromiseEvent, st.dates(OPENED - 5 * D, OPENED + 400 * D),
                                   st.dates(OPENED, OPENED + 420 * D), st.sampled_from(list(PromiseStatus))),
                         max_size=3)
instalment_lists = st.lists(st.builds(InstalmentMark, st.dates(OPENED, OPENED + 420 * D), st.booleans()),
                            max_size=4)
hold_lists = st.lists(st.builds(lambda a, n: Hold(a, a + timedelta(days=n)), st.dates(OPENED, OPENED + 400 * D),
                                st.integers(0, 60)), max_size=2)


@given(events=event_lists, promises=promise_lists, holds=hold_lists, today=st.dates(OPENED, OPENED + 420 * D),
       amount=st.integers(0, 10**7), months=st.integers(0, 40), instalments=instalment_lists)
def test_position_invariants(events, promises, holds, today, amount, months, instalments):
    p = pos(today, events=events, promises=promises, holds=holds, amount=amount, months=months,
            instalments=instalments)
    seen = [e for e in events if OPENED <= e.on <= today]
    # the case never stands on a step nobody did, nor before the case opened
    if p.done is None:
        assert p.done_on is None
    else:
        assert any(e.on == p.done_on and e.stage == p.done.stage for e in seen)
    # the order of the history does not matter
    assert pos(today, events=list(reversed(events)), promises=promises, holds=holds, amount=amount,
               months=months, instalments=list(reversed(instalments))) == p
    if amount <= 0:
        assert p.state is PositionState.CLEARED and p.next is None
    if p.state is PositionState.DUE:
        assert p.due_on <= today and p.hold_until is None and p.next is not None
        assert minimum_met(p.next, amount_fen=amount, months=months)
    if p.state is PositionState.WAITING:
        assert p.due_on > today
    if p.due_on is not None:
        # never before the wait after the last step, except when a broken promise moves the case on
        since = p.done_on or OPENED
        if p.reason not in (DueReason.PROMISE_BROKEN, DueReason.INSTALMENT_MISSED):
            assert p.due_on >= since + timedelta(days=p.next.wait_days)
        # a step never falls due inside an approved hold
        assert not any(h.start <= today and h.start <= p.due_on <= h.until for h in holds)


@given(events=event_lists, today=st.dates(OPENED, OPENED + 420 * D), extra=st.dates(OPENED, OPENED + 420 * D),
       stage=stages)
def test_more_history_never_moves_a_case_back(events, today, extra, stage):
    before = pos(today, events=events, months=40, amount=10**7)
    after = pos(today, events=[*events, LadderEvent(extra, stage)], months=40, amount=10**7)
    seq = (lambda p: p.done.seq if p.done else 0)
    assert seq(after) >= seq(before)


def test_validate_steps_reports_each_problem():
    steps = [
        LadderStep(1, Stage.PHONE, " ", 0, Channel.PHONE),
        LadderStep(2, Stage.WRITTEN_NOTICE, "逾期停水", 5, Channel.LETTER),
        LadderStep(3, Stage.VISIT, "上门", -1, Channel.VISIT, min_amount_fen=-5, min_months=700),
    ]
    codes = [(i, code) for i, code, _ in validate_steps(steps)]
    assert codes == [(0, "ladder.name_required"), (1, "ladder.forbidden_words"), (2, "ladder.days_out_of_range"),
                     (2, "ladder.minimum_negative"), (2, "ladder.months_out_of_range")]
    off = [LadderStep(1, Stage.PHONE, "电话", 0, Channel.PHONE, active=False)]
    assert [c for _, c, _ in validate_steps(off)] == ["ladder.none_active"]
    # the note is checked too
    assert validate_steps([LadderStep(1, Stage.PHONE, "电话", 0, Channel.PHONE, note="否则拉闸")])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("请于10月31日前缴纳物业费，如已缴请忽略。", []),
        ("逾期未缴将停水停电", ["停水", "停电"]),
        ("我司将采取停 水措施", ["停水"]),
        ("將停止供暖", ["停止供暖"]),
        ("否则断电、断水处理", ["断水", "断电"]),
        ("小区将限电", ["限电"]),
        ("", []),
    ],
)
def test_check_notice_text(text, found):
    assert check_notice_text(text) == found


def test_forbidden_words_cover_the_basics():
    for word in ("停水", "停电", "断水", "断电", "停气", "停暖", "限电"):
        assert word in FORBIDDEN_WORDS
