"""Home visits: the time slots, the team rules, the conflicts and the outcome's checks."""

from datetime import date, datetime, time, timedelta

import pytest

from cuijiao_desktop.domain.enums import AnsweredBy, CallOutcome, IssueCategory, VisitStatus
from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.visits import (
    DEFAULT_SLOTS,
    BookedVisit,
    ConflictCode,
    IssueDraft,
    OutcomeDraft,
    RevisitDraft,
    SlotRules,
    StaffPick,
    VisitDraft,
    VisitDuty,
    VisitResult,
    check_slot,
    contact_outcome,
    default_reminder,
    find_conflicts,
    outcome_errors,
    overlaps,
    slot_rules_from_settings,
    slot_settings,
    status_after,
    team_errors,
    team_hints,
    team_matches,
    visit_errors,
)

MONDAY = date(2026, 11, 16)
SATURDAY = date(2026, 11, 21)


def at(day: date, h: int, m: int = 0) -> datetime:
    return datetime.combine(day, time(h, m))


# --- time slots ------------------------------------------------------------------


@pytest.mark.parametrize(("day", "start", "end", "code"), [
    (MONDAY, (18, 30), (19, 30), ""),
    (MONDAY, (20, 0), (21, 0), ""),
    (MONDAY, (18, 0), (19, 0), "visit.slot_outside"),  # before the weekday window
    (MONDAY, (20, 30), (21, 30), "visit.slot_outside"),  # runs past 21:00
    (MONDAY, (10, 0), (11, 0), "visit.slot_outside"),  # owners are at work
    (SATURDAY, (10, 0), (11, 0), ""),  # weekends: all day
    (SATURDAY, (8, 0), (9, 0), "visit.slot_outside"),  # not before 09:00
    (SATURDAY, (20, 30), (21, 0), ""),
])
def test_default_slots_weekday_evenings_and_weekends(day, start, end, code):
    check = check_slot(at(day, *start), at(day, *end))
    assert check.ok is (code == "") and check.code == code
    if code:
        weekend = day.weekday() >= 5
        assert check.params["weekend"] is weekend
        assert check.params["window_start"] == ("09:00" if weekend else "18:30")
        assert check.params["window_end"] == "21:00"


def test_slot_explains_bad_windows():
    assert check_slot(at(MONDAY, 19), at(MONDAY, 19)).code == "visit.slot_order"
    assert check_slot(at(MONDAY, 19), at(MONDAY, 19, 5)).code == "visit.slot_too_short"
    assert check_slot(at(SATURDAY, 9), at(SATURDAY, 14)).code == "visit.slot_too_long"
    assert check_slot(at(MONDAY, 20, 30), at(MONDAY + timedelta(days=1), 0, 30)).code == "visit.slot_two_days"
    with pytest.raises(ValidationError) as err:
        check_slot(at(MONDAY, 9), at(MONDAY, 10)).raise_if_refused()
    assert err.value.code == "visit.slot_outside" and err.value.params["day"] == MONDAY.isoformat()


def test_slots_are_configurable_and_bad_settings_fall_back():
    rules = slot_rules_from_settings({"visits.weekday_start": "17:00", "visits.weekday_end": "20:00",
                                      "visits.weekend_start": "nonsense", "visits.weekend_end": "18:00"})
    assert rules == SlotRules(time(17), time(20), DEFAULT_SLOTS.weekend_start, DEFAULT_SLOTS.weekend_end)
    assert check_slot(at(MONDAY, 17), at(MONDAY, 18), rules).ok
    assert not check_slot(at(MONDAY, 20), at(MONDAY, 20, 30), rules).ok
    assert slot_settings("17:00", "20：30", "9:00", "21:00")["visits.weekday_end"] == "20:30"
    with pytest.raises(ValidationError) as err:
        slot_settings("21:00", "18:30", "09:00", "21:00")
    assert err.value.code == "visit.slot_settings_order"
    with pytest.raises(ValidationError):
        slot_settings("25:00", "18:30", "09:00", "21:00")


def test_reminder_is_the_day_before():
    assert default_reminder(at(MONDAY, 19)) == MONDAY - timedelta(days=1)


# --- team -----------------------------------------------------------------------


def test_two_staff_pass_one_alone_needs_a_managers_reason():
    two = (StaffPick(1), StaffPick(2, VisitDuty.SUPERVISOR))
    assert team_errors(two) == []
    one = (StaffPick(1),)
    assert [e.code for e in team_errors(one)] == ["visit.team_alone"]
    assert [e.code for e in team_errors(one, override_reason="业主只约见管家", override_allowed=False)] == [
        "visit.override_needs_manager"]
    assert team_errors(one, override_reason="业主只约见管家", override_allowed=True) == []
    assert [e.code for e in team_errors(())] == ["visit.team_empty"]
    assert "visit.team_duplicate" in [e.code for e in team_errors((StaffPick(1), StaffPick(1)))]
    assert "visit.duty_invalid" in [e.code for e in team_errors((StaffPick(1), StaffPick(2, "driver")))]


def test_maintenance_worker_suggested_for_open_issues():
    team = (StaffPick(1), StaffPick(2))
    assert team_hints(team, open_issues=1) == ["visit.bring_maintenance"]
    assert team_hints(team, open_issues=0) == []
    assert team_hints((*team, StaffPick(3, VisitDuty.MAINTENANCE)), open_issues=2) == []


def test_team_name_matches_label_or_member():
    members = [("wang", "王芳"), ("li", "李强")]
    assert team_matches("A组", label="A组", members=members)
    assert team_matches("ａ组", label="A组", members=members)  # width and case do not matter
    assert team_matches("王芳", label="", members=members)
    assert team_matches("LI", label="B组", members=members)
    assert not team_matches("C组", label="A组", members=members)


# --- conflicts -------------------------------------------------------------------


def booked(vid, room, day, start, end, staff):
    return BookedVisit(vid, room, at(day, *start), at(day, *end), frozenset(staff), f"room{room}")


def test_overlap_is_half_open():
    assert overlaps(at(MONDAY, 19), at(MONDAY, 20), at(MONDAY, 19, 30), at(MONDAY, 20, 30))
    assert not overlaps(at(MONDAY, 19), at(MONDAY, 19, 30), at(MONDAY, 19, 30), at(MONDAY, 20))


def test_person_double_booked():
    other = booked(7, 20, MONDAY, (19, 0), (20, 0), {1, 5})
    got = find_conflicts(visit_id=None, room_id=10, start=at(MONDAY, 19, 30), end=at(MONDAY, 20, 30),
                         staff_ids=[1, 2], others=[other], staff_names={1: "王芳"})
    assert [(c.code, c.user_id, c.other_visit_id) for c in got] == [(ConflictCode.STAFF_BUSY, 1, 7)]
    assert got[0].params["name"] == "王芳" and got[0].params["start"] == "19:00"
    # back to back is fine; the visit itself does not collide with its old place
    assert find_conflicts(visit_id=None, room_id=10, start=at(MONDAY, 20), end=at(MONDAY, 21), staff_ids=[1, 2],
                          others=[other]) == []
    assert find_conflicts(visit_id=7, room_id=20, start=at(MONDAY, 19, 30), end=at(MONDAY, 20, 30),
                          staff_ids=[1, 5], others=[other]) == []


def test_same_room_twice_a_day():
    other = booked(8, 10, SATURDAY, (9, 30), (10, 0), {3, 4})
    got = find_conflicts(visit_id=None, room_id=10, start=at(SATURDAY, 15), end=at(SATURDAY, 16), staff_ids=[1, 2],
                         others=[other])
    assert [c.code for c in got] == [ConflictCode.ROOM_SAME_DAY]
    assert find_conflicts(visit_id=None, room_id=10, start=at(SATURDAY + timedelta(days=1), 15),
                          end=at(SATURDAY + timedelta(days=1), 16), staff_ids=[1, 2], others=[other]) == []


def test_visit_during_a_hold():
    got = find_conflicts(visit_id=None, room_id=10, start=at(MONDAY, 19), end=at(MONDAY, 20), staff_ids=[1, 2],
                         others=[], hold_until=MONDAY)
    assert [c.code for c in got] == [ConflictCode.ON_HOLD] and got[0].params["until"] == MONDAY.isoformat()
    assert find_conflicts(visit_id=None, room_id=10, start=at(MONDAY, 19), end=at(MONDAY, 20), staff_ids=[1, 2],
                          others=[], hold_until=MONDAY - timedelta(days=1)) == []


def test_room_that_has_paid():
    got = find_conflicts(visit_id=None, room_id=10, start=at(MONDAY, 19), end=at(MONDAY, 20), staff_ids=[1, 2],
                         others=[], overdue_fen=0)
    assert [c.code for c in got] == [ConflictCode.NOTHING_OWED]


# --- drafts ----------------------------------------------------------------------


def aware(day: date, h: int, m: int = 0) -> datetime:
    return at(day, h, m).astimezone()


def test_visit_draft_checks_past_slot_team_and_reminder():
    draft = VisitDraft(room_id=1, start=aware(MONDAY, 19), end=aware(MONDAY, 20), staff=(StaffPick(1), StaffPick(2)))
    assert visit_errors(draft, today=MONDAY, override_allowed=False) == []
    assert [e.code for e in visit_errors(draft, today=MONDAY + timedelta(days=1), override_allowed=False)] == [
        "visit.in_the_past"]
    late = VisitDraft(room_id=1, start=aware(MONDAY, 12), end=aware(MONDAY, 13), staff=(StaffPick(1),),
                      remind_on=MONDAY + timedelta(days=1))
    assert [e.code for e in visit_errors(late, today=MONDAY, override_allowed=True)] == [
        "visit.slot_outside", "visit.team_alone", "visit.reminder_after_visit"]
    with pytest.raises(ValueError):
        visit_errors(VisitDraft(1, at(MONDAY, 19), at(MONDAY, 20), ()), today=MONDAY, override_allowed=False)


def test_results_map_to_statuses_and_contact_outcomes():
    assert status_after(VisitResult.NOT_HOME) is VisitStatus.FAILED
    assert {status_after(r) for r in VisitResult if r is not VisitResult.NOT_HOME} == {VisitStatus.DONE}
    assert contact_outcome("promised") is CallOutcome.PROMISED
    assert contact_outcome(VisitResult.NOT_HOME) is CallOutcome.NOT_HOME


def _outcome(**kw) -> OutcomeDraft:
    base = {"visit_id": 1, "version": 1, "result": VisitResult.REFUSED, "met": AnsweredBy.OWNER}
    base.update(kw)
    return OutcomeDraft(**base)


def test_outcome_checks():
    ok = {"today": MONDAY, "visit_day": MONDAY, "owed_fen": 50_000}
    assert outcome_errors(_outcome(), **ok) == []
    assert [e.code for e in outcome_errors(_outcome(met=None), **ok)] == ["visit.met_required"]
    assert [e.code for e in outcome_errors(_outcome(result=VisitResult.NOT_HOME), **ok)] == ["visit.met_nobody_home"]
    promised = _outcome(result=VisitResult.PROMISED, promise_date=MONDAY + timedelta(days=5), promise_amount_fen=30_000)
    assert outcome_errors(promised, **ok) == []
    assert [e.code for e in outcome_errors(_outcome(result=VisitResult.PROMISED), **ok)] == [
        "contact.promise_date_required", "contact.promise_amount_required"]
    too_much = _outcome(result=VisitResult.PROMISED, promise_date=MONDAY, promise_amount_fen=60_000)
    assert [e.code for e in outcome_errors(too_much, **ok)] == ["contact.promise_amount_too_large"]
    assert [e.code for e in outcome_errors(_outcome(promise_date=MONDAY), **ok)] == ["contact.promise_not_allowed"]
    assert [e.code for e in outcome_errors(_outcome(notice_signed=True), **ok)] == ["visit.signed_without_notice"]
    assert [e.code for e in outcome_errors(_outcome(), today=MONDAY, visit_day=MONDAY + timedelta(days=1),
                                           owed_fen=1)] == ["visit.outcome_too_early"]
    issues = _outcome(issues=(IssueDraft(IssueCategory.LEAK, " "),))
    assert [e.code for e in outcome_errors(issues, **ok)] == ["contact.complaint_text_required"]
    same_day = _outcome(revisit=RevisitDraft(aware(MONDAY, 20), aware(MONDAY, 21), (StaffPick(1), StaffPick(2))))
    assert [e.code for e in outcome_errors(same_day, **ok)] == ["visit.revisit_not_later"]
