import pytest

from cuijiao_desktop.domain.enums import Channel, Stage
from cuijiao_desktop.domain.ladder import (
    DEFAULT_LADDER,
    FORBIDDEN_WORDS,
    LadderStep,
    check_notice_text,
    is_step_due,
    next_step,
)


def test_default_ladder_shape():
    seqs = [s.seq for s in DEFAULT_LADDER]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    stages = [s.stage for s in DEFAULT_LADDER]
    assert stages == sorted(stages)  # escalation order
    assert DEFAULT_LADDER[0].days_after_due < 0  # reminder before the due date
    assert any(s.days_after_due == 0 and s.stage is Stage.REMINDER for s in DEFAULT_LADDER)
    phone = next(s for s in DEFAULT_LADDER if s.stage is Stage.PHONE)
    assert phone.days_after_due == 2 and phone.channel is Channel.PHONE
    lawyer = next(s for s in DEFAULT_LADDER if s.stage is Stage.LAWYER_LETTER)
    assert lawyer.min_amount_fen == 500_000 and lawyer.days_after_due == 366
    assert {s.stage for s in DEFAULT_LADDER} >= set(Stage) - {Stage.PREPARATION}
    for step in DEFAULT_LADDER:
        assert check_notice_text(step.name_zh + step.note) == []


def test_next_step_walks_the_ladder():
    assert next_step(DEFAULT_LADDER, current=Stage.PREPARATION, days_overdue=-5, amount_fen=100).seq == 1
    assert next_step(DEFAULT_LADDER, current=Stage.PREPARATION, days_overdue=-10, amount_fen=100) is None
    assert next_step(DEFAULT_LADDER, current=Stage.REMINDER, days_overdue=1, amount_fen=100) is None
    assert next_step(DEFAULT_LADDER, current=Stage.REMINDER, days_overdue=2, amount_fen=100).stage is Stage.PHONE
    # overdue: the pre-due reminder is skipped
    step = next_step(DEFAULT_LADDER, current=Stage.PREPARATION, days_overdue=40, amount_fen=100)
    assert step.seq == 2
    # one step at a time
    step = next_step(DEFAULT_LADDER, current=Stage.PHONE, days_overdue=400, amount_fen=100)
    assert step.stage is Stage.WRITTEN_NOTICE


def test_next_step_by_seq():
    step = next_step(DEFAULT_LADDER, current=Stage.REMINDER, days_overdue=0, amount_fen=100, last_seq=1)
    assert step.seq == 2


def test_lawyer_letter_amount_or_age():
    kwargs = {"current": Stage.COMMITTEE}
    assert next_step(DEFAULT_LADDER, days_overdue=200, amount_fen=100_000, **kwargs) is None
    assert next_step(DEFAULT_LADDER, days_overdue=200, amount_fen=500_001, **kwargs).stage is Stage.LAWYER_LETTER
    assert next_step(DEFAULT_LADDER, days_overdue=366, amount_fen=100, **kwargs).stage is Stage.LAWYER_LETTER
    assert next_step(DEFAULT_LADDER, days_overdue=365, amount_fen=500_000, **kwargs) is None


def test_nothing_owed_or_end_of_ladder():
    assert next_step(DEFAULT_LADDER, current=Stage.PHONE, days_overdue=50, amount_fen=0) is None
    assert next_step(DEFAULT_LADDER, current=Stage.WRITE_OFF, days_overdue=5000, amount_fen=100) is None
    assert next_step((), current=Stage.PREPARATION, days_overdue=5, amount_fen=100) is None


def test_custom_ladder_order_by_seq():
    ladder = (
        LadderStep(2, Stage.VISIT, "上门", 10, Channel.VISIT),
        LadderStep(1, Stage.PHONE, "电话", 3, Channel.PHONE),
    )
    assert next_step(ladder, current=Stage.REMINDER, days_overdue=20, amount_fen=1).seq == 1
    assert is_step_due(ladder[0], days_overdue=10, amount_fen=1)
    assert not is_step_due(ladder[0], days_overdue=9, amount_fen=10**9)


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
