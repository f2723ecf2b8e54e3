"""Quiet hours, the weekly maximum, the proposed follow-up and the checks of a logged contact."""

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuijiao_desktop.domain.contacts import (
    DEFAULT_RULES,
    ContactDraft,
    ContactRules,
    contact_errors,
    contact_warnings,
    format_hhmm,
    in_quiet_hours,
    parse_hhmm,
    propose_follow_up,
    rules_from_settings,
)
from cuijiao_desktop.domain.enums import AnsweredBy, CallOutcome, Channel, IssueCategory
from cuijiao_desktop.domain.errors import ValidationError

TODAY = date(2026, 11, 16)


@pytest.mark.parametrize(
    ("t", "quiet"),
    [
        (time(20, 59), False), (time(21, 0), True), (time(23, 30), True), (time(0, 0), True),
        (time(7, 59), True), (time(8, 0), False), (time(12, 0), False),
    ],
)
def test_default_quiet_hours_span_midnight(t, quiet):
    assert in_quiet_hours(t, time(21, 0), time(8, 0)) is quiet


def test_quiet_hours_within_a_day_and_switched_off():
    assert in_quiet_hours(time(12, 30), time(12, 0), time(14, 0))
    assert not in_quiet_hours(time(14, 0), time(12, 0), time(14, 0))
    assert not in_quiet_hours(time(3, 0), time(21, 0), time(21, 0))  # start == end: no quiet hours


@given(t=st.times(), start=st.times(), end=st.times())
def test_quiet_window_is_the_complement_of_its_mirror(t, start, end):
    start, end = start.replace(second=0, microsecond=0), end.replace(second=0, microsecond=0)
    if start != end:
        assert in_quiet_hours(t, start, end) != in_quiet_hours(t, end, start)


def test_times_parse_and_format():
    assert parse_hhmm("21:00") == time(21, 0)
    assert parse_hhmm(" 7：30 ") == time(7, 30)
    assert format_hhmm(time(8, 5)) == "08:05"
    for bad in ("24:00", "9", "21:60", "", "晚上九点"):
        with pytest.raises(ValidationError) as err:
            parse_hhmm(bad)
        assert err.value.code == "settings.time_invalid"


def test_rules_from_settings_fall_back_on_bad_values():
    assert rules_from_settings({}) == DEFAULT_RULES == ContactRules(time(21, 0), time(8, 0), 3)
    rules = rules_from_settings({"collection.quiet_start": "20:30", "collection.quiet_end": "9:00",
                                 "collection.weekly_max_contacts": "5"})
    assert rules == ContactRules(time(20, 30), time(9, 0), 5)
    assert rules_from_settings({"collection.quiet_start": "x", "collection.weekly_max_contacts": "many"}) == DEFAULT_RULES


def _at(hour, minute=0):
    return datetime(2026, 11, 16, hour, minute)


def test_warnings_quiet_hours_and_frequency():
    assert contact_warnings(channel=Channel.PHONE, at_local=_at(10), contacts_this_week=0) == []
    night = contact_warnings(channel=Channel.PHONE, at_local=_at(21, 15), contacts_this_week=0)
    assert [w.code for w in night] == ["quiet_hours"] and night[0].params["now"] == "21:15"
    assert [w.code for w in contact_warnings(channel=Channel.SMS, at_local=_at(7), contacts_this_week=0)] == [
        "quiet_hours"]
    # an owner who came to the desk: neither rule applies
    assert contact_warnings(channel=Channel.DESK, at_local=_at(21, 30), contacts_this_week=9) == []
    # the 3rd contact of the week is allowed, the 4th warns
    assert contact_warnings(channel=Channel.PHONE, at_local=_at(10), contacts_this_week=2) == []
    freq = contact_warnings(channel=Channel.PHONE, at_local=_at(10), contacts_this_week=3)
    assert [w.code for w in freq] == ["frequency"] and freq[0].params == {"count": 3, "maximum": 3}
    both = contact_warnings(channel=Channel.WECHAT, at_local=_at(22), contacts_this_week=5)
    assert [w.code for w in both] == ["quiet_hours", "frequency"]
    unlimited = ContactRules(weekly_max=0)
    assert contact_warnings(channel=Channel.PHONE, at_local=_at(10), contacts_this_week=99, rules=unlimited) == []


@given(count=st.integers(min_value=0, max_value=60), maximum=st.integers(min_value=1, max_value=20))
def test_frequency_warns_exactly_above_the_maximum(count, maximum):
    rules = ContactRules(time(21, 0), time(21, 0), maximum)
    warned = bool(contact_warnings(channel=Channel.PHONE, at_local=_at(10), contacts_this_week=count, rules=rules))
    assert warned is (count + 1 > maximum)


def test_follow_up_proposals():
    promise = TODAY + timedelta(days=5)
    assert propose_follow_up(CallOutcome.PROMISED, today=TODAY, promise_date=promise) == promise
    assert propose_follow_up(CallOutcome.CONDITIONAL, today=TODAY) == TODAY + timedelta(days=3)
    for outcome in (CallOutcome.NO_ANSWER, CallOutcome.PHONE_OFF, CallOutcome.WRONG_NUMBER):
        assert propose_follow_up(outcome, today=TODAY) == TODAY + timedelta(days=1)
    assert propose_follow_up(CallOutcome.REFUSED, today=TODAY) == TODAY + timedelta(days=7)
    # the ladder's next step, kept between 3 days and a week
    assert propose_follow_up(CallOutcome.REFUSED, today=TODAY, next_step_on=TODAY + timedelta(days=5)) == \
        TODAY + timedelta(days=5)
    assert propose_follow_up(CallOutcome.DISPUTED, today=TODAY, next_step_on=TODAY - timedelta(days=30)) == \
        TODAY + timedelta(days=3)
    assert propose_follow_up(CallOutcome.PAID, today=TODAY) == TODAY + timedelta(days=2)


@given(outcome=st.sampled_from(list(CallOutcome)), offset=st.integers(min_value=-30, max_value=400))
def test_follow_up_is_never_in_the_past(outcome, offset):
    proposed = propose_follow_up(outcome, today=TODAY, promise_date=TODAY + timedelta(days=offset),
                                 next_step_on=TODAY + timedelta(days=offset))
    assert proposed is None or proposed > TODAY or (proposed == TODAY and offset == 0)


def _draft(**kw):
    base = {"room_id": 1, "channel": Channel.PHONE, "outcome": CallOutcome.PROMISED, "number_dialled": "13800138000",
            "answered_by": AnsweredBy.OWNER, "promise_date": TODAY + timedelta(days=3), "promise_amount_fen": 50_000}
    base.update(kw)
    return ContactDraft(**base)


def _codes(draft, owed=100_000):
    return [(e.field, e.code) for e in contact_errors(draft, today=TODAY, owed_fen=owed)]


def test_a_call_with_a_promise_is_valid():
    assert _codes(_draft()) == []
    assert _codes(_draft(channel=Channel.DESK, number_dialled="", answered_by=None)) == []


def test_promise_checks():
    assert _codes(_draft(promise_date=None)) == [("promise_date", "contact.promise_date_required")]
    assert _codes(_draft(promise_date=TODAY - timedelta(days=1))) == [("promise_date", "contact.promise_date_past")]
    assert _codes(_draft(promise_date=TODAY + timedelta(days=400))) == [("promise_date", "contact.promise_date_too_far")]
    assert _codes(_draft(promise_amount_fen=None)) == [("promise_amount", "contact.promise_amount_required")]
    assert _codes(_draft(promise_amount_fen=0)) == [("promise_amount", "contact.promise_amount_positive")]
    assert _codes(_draft(promise_amount_fen=100_001)) == [("promise_amount", "contact.promise_amount_too_large")]
    assert _codes(_draft(), owed=0) == [("promise_amount", "contact.promise_nothing_owed")]
    # a conditional promise may come without a date and amount, but not with half of them
    assert _codes(_draft(outcome=CallOutcome.CONDITIONAL, promise_date=None, promise_amount_fen=None)) == []
    assert _codes(_draft(outcome=CallOutcome.CONDITIONAL, promise_amount_fen=None)) == [
        ("promise_amount", "contact.promise_amount_required")]
    assert _codes(_draft(outcome=CallOutcome.REFUSED)) == [("promise_date", "contact.promise_not_allowed")]
    with pytest.raises(TypeError):
        contact_errors(_draft(promise_amount_fen=500.0), today=TODAY, owed_fen=100_000)


def test_other_checks():
    no_answer = {"outcome": CallOutcome.NO_ANSWER, "promise_date": None, "promise_amount_fen": None,
                 "answered_by": None}
    assert _codes(_draft(**no_answer)) == []
    assert _codes(_draft(number_dialled="", **no_answer)) == [("number", "contact.number_required")]
    assert _codes(_draft(answered_by=None)) == [("answered_by", "contact.answered_by_required")]
    assert _codes(_draft(complaint=True, complaint_text="")) == [
        ("complaint_category", "contact.complaint_category_required"),
        ("complaint_text", "contact.complaint_text_required")]
    assert _codes(_draft(complaint=True, complaint_category=IssueCategory.LEAK, complaint_text="漏水")) == []
    assert _codes(_draft(next_follow_up=TODAY - timedelta(days=1))) == [("follow_up", "contact.follow_up_past")]
    assert _codes(_draft(note="字" * 2001)) == [("note", "validation.too_long")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None), ("  ", None),
        ("2026-11-20", date(2026, 11, 20)), ("20261120", date(2026, 11, 20)), ("2026年11月20日", date(2026, 11, 20)),
        ("11-20", date(2026, 11, 20)), ("11/20", date(2026, 11, 20)), ("1120", date(2026, 11, 20)),
        ("11月20号", date(2026, 11, 20)), ("1201", date(2026, 12, 1)),
        ("20", date(2026, 11, 20)), ("20号", date(2026, 11, 20)), ("16", TODAY),
        ("5", date(2026, 12, 5)),  # the 5th has passed this month: the coming one
        ("+3", date(2026, 11, 19)), ("+10天", date(2026, 11, 26)), ("明天", date(2026, 11, 17)),
        ("２０", date(2026, 11, 20)),  # full-width
    ],
)
def test_parse_day(text, expected):
    from cuijiao_desktop.domain.contacts import parse_day

    assert parse_day(text, TODAY) == expected


def test_parse_day_at_the_end_of_the_year_and_errors():
    from cuijiao_desktop.domain.contacts import parse_day

    assert parse_day("5", date(2026, 12, 20)) == date(2027, 1, 5)
    for bad in ("31", "2-30", "13-01", "下周", "abc", "+"):
        with pytest.raises(ValidationError) as err:
            parse_day(bad, TODAY)  # 31 November does not exist
        assert err.value.code == "date.invalid"
