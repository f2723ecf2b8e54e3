"""Home visits (issue 13): planning with every rule, appointments, outcomes as evidence, the
calendar, the route and the worklist's reminders, on both engines."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from factories import make_room_with_bills
from sqlalchemy import select

from cuijiao_desktop.db.models import (
    Bill,
    CollectionCase,
    CollectionHold,
    Contact,
    ContactEvent,
    Estate,
    Extension,
    Notice,
    Promise,
    RoomPerson,
    ServiceIssue,
    Visit,
    VisitPhoto,
    VisitStaff,
)
from cuijiao_desktop.domain.enums import (
    AnsweredBy,
    ApprovalStatus,
    CallOutcome,
    Channel,
    ContactKind,
    DeliveryMethod,
    InterruptionKind,
    IssueCategory,
    NoticeKind,
    Role,
    Stage,
    VisitStatus,
)
from cuijiao_desktop.domain.errors import ConflictError, PermissionDenied, ValidationError
from cuijiao_desktop.domain.visits import (
    ConflictCode,
    IssueDraft,
    OutcomeDraft,
    RevisitDraft,
    StaffPick,
    VisitDraft,
    VisitDuty,
    VisitResult,
)
from cuijiao_desktop.reports.visit_sheet_pdf import team_stops
from cuijiao_desktop.services import visits as vs
from cuijiao_desktop.services.limitation import room_limitation_periods
from cuijiao_desktop.services.room_ledger import TimelineKind, room_ledger
from cuijiao_desktop.services.worklist import WorkKind, worklist

TODAY = date(2026, 5, 18)  # a Monday
TUESDAY = TODAY + timedelta(days=1)
SATURDAY = TODAY + timedelta(days=5)


def at(day: date, h: int, m: int = 0) -> datetime:
    """Local wall-clock ``day h:m`` as an aware datetime."""
    return datetime.combine(day, time(h, m)).astimezone()


def draft(room_id: int, day: date, start: tuple[int, int], end: tuple[int, int], staff, **kw) -> VisitDraft:
    picks = tuple(p if isinstance(p, StaffPick) else StaffPick(p) for p in staff)
    return VisitDraft(room_id=room_id, start=at(day, *start), end=at(day, *end), staff=picks, **kw)


@pytest.fixture
def office(session_factory, users):
    """Rooms with arrears (owner 张三 with a mobile), one on hold, one paid up; open cases."""
    codes = {"a": "1-2-301", "b": "1-2-502", "c": "1-10-101", "d": "2-1-101", "held": "3-1-101"}
    rooms = {k: make_room_with_bills(session_factory, months=5, first_period=202601, code=c) for k, c in codes.items()}
    rooms["paid"] = make_room_with_bills(session_factory, months=0, code="3-1-102")
    collector = users[Role.COLLECTOR]
    with session_factory.begin() as s:
        for k, r in rooms.items():
            case = CollectionCase(room_id=r.room_id, stage=Stage.VISIT, opened_on=date(2026, 2, 1),
                                  collector_id=collector.id)
            s.add(case)
            s.flush()
            if k == "held":
                s.add(CollectionHold(case_id=case.id, room_id=r.room_id, until=TODAY + timedelta(days=30),
                                     reason="漏水处理中", status=ApprovalStatus.APPROVED))
                case.hold_until = TODAY + timedelta(days=30)
            person = s.scalar(select(RoomPerson.person_id).where(RoomPerson.room_id == r.room_id))
            s.add(Contact(person_id=person, kind=ContactKind.MOBILE, value=f"1380013{8000 + r.room_id:04d}",
                          last4="0000", is_primary=True))
        for k in ("a", "b", "c"):
            s.add(Notice(serial=f"TZ2026050000{rooms[k].room_id:02d}", room_id=rooms[k].room_id,
                         kind=NoticeKind.ARREARS_NOTICE, level=6, arrears_fen=125_000,
                         issued_at=at(TODAY - timedelta(days=10), 9).astimezone(UTC), recipient_name="张三"))
    return {k: r.room_id for k, r in rooms.items()}


def test_plan_conflicts_override_move_and_cancel(session_factory, users, office):
    collector, clerk, manager = users[Role.COLLECTOR], users[Role.CLERK], users[Role.MANAGER]
    with session_factory.begin() as s:
        v1 = vs.plan_visit(s, actor=collector, today=TODAY, draft=draft(
            office["a"], TODAY, (19, 0), (20, 0), [collector.id, StaffPick(clerk.id, VisitDuty.SUPERVISOR)],
            team="A组"))
    assert v1.status is VisitStatus.PLANNED and v1.case_id is not None and v1.team == "A组"
    assert v1.remind_on == TODAY - timedelta(days=1) and v1.override_reason == ""
    assert {(m.user_id, m.duty) for m in v1.staff} == {(collector.id, VisitDuty.COLLECTOR),
                                                       (clerk.id, VisitDuty.SUPERVISOR)}
    assert isinstance(v1.arrears_fen, int) and v1.arrears_fen == 125_000

    def refused(actor, d, code, cls=ValidationError):
        with pytest.raises(cls) as err, session_factory.begin() as s:
            vs.plan_visit(s, actor=actor, today=TODAY, draft=d)
        assert err.value.code == code
        return err.value

    refused(manager, draft(office["b"], TODAY, (19, 0), (20, 0), [manager.id]), "visit.team_alone")
    refused(collector, draft(office["b"], TODAY, (19, 0), (20, 0), [collector.id], override_reason="只约见管家"),
            "visit.override_needs_manager")
    refused(collector, draft(office["b"], TODAY, (10, 0), (11, 0), [collector.id, clerk.id]), "visit.slot_outside")
    refused(users[Role.FINANCE], draft(office["b"], TODAY, (19, 0), (20, 0), [collector.id, clerk.id]),
            "auth.permission_denied", PermissionDenied)
    # a manager may send one person alone, with the reason recorded
    with session_factory.begin() as s:
        v2 = vs.plan_visit(s, actor=manager, today=TODAY, draft=draft(
            office["b"], TODAY, (19, 0), (20, 0), [manager.id], override_reason="业主只愿见主管"))
    assert v2.override_by == manager.display_name and v2.override_reason == "业主只愿见主管"

    # the collector is already out at 19:00-20:00, and room b has its visit today
    err = refused(collector, draft(office["b"], TODAY, (19, 30), (20, 30), [collector.id, clerk.id]),
                  ConflictCode.STAFF_BUSY.value, vs.VisitConflictError)
    codes = [c.code for c in err.params["conflicts"]]
    assert codes.count(ConflictCode.STAFF_BUSY) == 2 and ConflictCode.ROOM_SAME_DAY in codes
    refused(collector, draft(office["held"], TUESDAY, (19, 0), (20, 0), [collector.id, clerk.id]),
            ConflictCode.ON_HOLD.value, vs.VisitConflictError)
    refused(collector, draft(office["paid"], TUESDAY, (19, 0), (20, 0), [collector.id, clerk.id]),
            ConflictCode.NOTHING_OWED.value, vs.VisitConflictError)
    with session_factory.begin() as s:  # the calendar asks while dragging: conflicts, not an error
        found = vs.check_visit(s, actor=collector, today=TODAY, visit_id=v1.visit_id,
                               draft=draft(office["a"], TODAY, (19, 30), (20, 30), [collector.id, manager.id]))
    assert [c.code for c in found] == [ConflictCode.STAFF_BUSY] and found[0].user_id == manager.id

    # move: a stale form is refused; a new day un-confirms and moves the reminder
    moved = draft(office["a"], TUESDAY, (19, 0), (20, 0), [collector.id, clerk.id], team="A组")
    with pytest.raises(ConflictError), session_factory.begin() as s:
        vs.move_visit(s, actor=collector, visit_id=v1.visit_id, version=v1.version + 1, draft=moved, today=TODAY)
    with pytest.raises(ValidationError) as e, session_factory.begin() as s:
        vs.move_visit(s, actor=collector, visit_id=v1.visit_id, version=v1.version, today=TODAY,
                      draft=draft(office["c"], TUESDAY, (19, 0), (20, 0), [collector.id, clerk.id]))
    assert e.value.code == "visit.room_changed"
    with session_factory.begin() as s:
        m1 = vs.move_visit(s, actor=collector, visit_id=v1.visit_id, version=v1.version, draft=moved, today=TODAY)
    assert m1.version > v1.version and m1.remind_on == TODAY and m1.start == at(TUESDAY, 19).astimezone(UTC)
    with session_factory.begin() as s:  # only the staff change: the version still moves
        m2 = vs.move_visit(s, actor=collector, visit_id=v1.visit_id, version=m1.version, today=TODAY,
                           draft=draft(office["a"], TUESDAY, (19, 0), (20, 0), [collector.id, manager.id]))
    assert m2.version > m1.version and {m.user_id for m in m2.staff} == {collector.id, manager.id}
    # confirmed by phone: a change of staff keeps the appointment, a new time needs booking again
    with session_factory.begin() as s:
        booked = vs.book_appointment(s, actor=collector, visit_id=v1.visit_id, version=m2.version,
                                     now=at(TODAY, 10), confirmed=True, number_dialled=f"1380013{8000 + office['a']:04d}",
                                     answered_by=AnsweredBy.OWNER)
        m3 = vs.move_visit(s, actor=collector, visit_id=v1.visit_id, version=booked.version, today=TODAY,
                           draft=draft(office["a"], TUESDAY, (19, 0), (20, 0), [collector.id, clerk.id]))
        m4 = vs.move_visit(s, actor=collector, visit_id=v1.visit_id, version=m3.version, today=TODAY,
                           draft=draft(office["a"], TUESDAY, (19, 30), (20, 30), [collector.id, clerk.id]))
    assert m3.status is VisitStatus.CONFIRMED and m3.confirmed_at is not None
    assert m4.status is VisitStatus.PLANNED and m4.confirmed_at is None

    # the manager's override stays with the same lone person; another person alone needs a manager again
    with session_factory.begin() as s:
        v2 = vs.move_visit(s, actor=collector, visit_id=v2.visit_id, version=v2.version, today=TODAY, draft=draft(
            office["b"], TODAY, (18, 30), (19, 30), [manager.id], override_reason="业主只愿见主管"))
    assert v2.override_by == manager.display_name and v2.start == at(TODAY, 18, 30).astimezone(UTC)
    with pytest.raises(ValidationError) as e, session_factory.begin() as s:
        vs.move_visit(s, actor=collector, visit_id=v2.visit_id, version=v2.version, today=TODAY, draft=draft(
            office["b"], TODAY, (18, 30), (19, 30), [clerk.id], override_reason="业主只愿见主管"))
    assert e.value.code == "visit.override_needs_manager"

    # cancel needs a reason; a cancelled visit frees the room and its staff
    with pytest.raises(ValidationError) as e, session_factory.begin() as s:
        vs.cancel_visit(s, actor=manager, visit_id=v2.visit_id, version=v2.version, reason=" ", today=TODAY)
    assert e.value.code == "visit.cancel_reason_required"
    with session_factory.begin() as s:
        c2 = vs.cancel_visit(s, actor=manager, visit_id=v2.visit_id, version=v2.version, reason="业主出差",
                             today=TODAY)
        again = vs.plan_visit(s, actor=collector, today=TODAY, draft=draft(
            office["b"], TODAY, (19, 30), (20, 30), [collector.id, manager.id]))
    assert c2.status is VisitStatus.CANCELLED and c2.cancel_reason == "业主出差"
    assert again.status is VisitStatus.PLANNED
    with pytest.raises(ValidationError) as e, session_factory.begin() as s:
        vs.move_visit(s, actor=manager, visit_id=v2.visit_id, version=c2.version, today=TODAY,
                      draft=draft(office["b"], TUESDAY, (19, 0), (20, 0), [collector.id, manager.id]))
    assert e.value.code == "visit.not_open"
    from cuijiao_desktop.db.models import AuditLog

    with session_factory.begin() as s:
        actions = s.scalars(select(AuditLog.action).where(AuditLog.entity == "visit").order_by(AuditLog.id)).all()
    assert actions == ["visit.plan", "visit.plan", "visit.move", "visit.move", "visit.appointment", "visit.move",
                       "visit.move", "visit.move", "visit.cancel", "visit.plan"]


def test_appointment_outcome_evidence_revisit_calendar_route_and_worklist(session_factory, read_factory, users, office,
                                                                         tmp_path):
    collector, clerk, manager = users[Role.COLLECTOR], users[Role.CLERK], users[Role.MANAGER]
    team_a = [collector.id, clerk.id]
    with session_factory.begin() as s:
        # Tuesday's route of team A, planned against walking order; team B (the manager) elsewhere
        va = vs.plan_visit(s, actor=collector, today=TODAY,
                           draft=draft(office["a"], TUESDAY, (20, 15), (21, 0), team_a, team="A组"))
        vb = vs.plan_visit(s, actor=collector, today=TODAY,
                           draft=draft(office["b"], TUESDAY, (19, 30), (20, 15), team_a, team="A组"))
        vc = vs.plan_visit(s, actor=collector, today=TODAY,
                           draft=draft(office["c"], TUESDAY, (18, 30), (19, 30), team_a, team="A组"))
        vd = vs.plan_visit(s, actor=manager, today=TODAY,
                           draft=draft(office["d"], TUESDAY, (19, 0), (20, 0), [manager.id, users[Role.ADMIN].id],
                                       team="B组"))

    # the reminder on the day before, in the work of the rooms' collector
    with session_factory.begin() as s:
        work = worklist(s, actor=collector, today=TODAY)
    reminders = {i.room_id: i for i in work.of(WorkKind.VISIT)}
    assert set(reminders) == {office["a"], office["b"], office["c"], office["d"]}
    assert reminders[office["a"]].overdue_days == -1 and "明日上门 20:15–21:00" in reminders[office["a"]].title
    assert "请电话确认预约" in reminders[office["a"]].detail

    # the booking call is a contact event: nobody answered, it stays planned; confirmed, it is confirmed
    with session_factory.begin() as s:
        phone = s.scalar(select(Contact.id).join(RoomPerson, RoomPerson.person_id == Contact.person_id)
                         .where(RoomPerson.room_id == office["a"]))
        tried = vs.book_appointment(s, actor=collector, visit_id=va.visit_id, version=va.version,
                                    now=at(TODAY, 9), confirmed=False, contact_id=phone)
        assert s.get(ContactEvent, tried.event_id).outcome is CallOutcome.NO_ANSWER
    assert tried.status is VisitStatus.PLANNED and not tried.confirmed
    va = replace(va, version=tried.version)
    with session_factory.begin() as s:
        booked = vs.book_appointment(s, actor=collector, visit_id=va.visit_id, version=va.version,
                                     now=at(TODAY, 10), confirmed=True, contact_id=phone,
                                     answered_by=AnsweredBy.OWNER, note="业主晚上在家")
        call = s.get(ContactEvent, booked.event_id)
        assert (call.channel, call.room_id, call.user_id) == (Channel.PHONE, office["a"], collector.id)
        assert "预约上门" in call.note and s.get(Visit, va.visit_id).appointment_event_id == call.id
    assert booked.status is VisitStatus.CONFIRMED and booked.confirmed

    # the week and the day for the calendar (read-only transactions): lanes per staff member, money as int
    with read_factory.begin() as s:
        week = vs.visit_calendar(s, actor=clerk, first_day=TODAY, days=7, today=TODAY)
        day_b = vs.visit_calendar(s, actor=clerk, first_day=TUESDAY, days=1, today=TODAY, team="王五")
        by_name = vs.visit_calendar(s, actor=clerk, first_day=TUESDAY, days=1, today=TODAY, team=manager.username)
    assert [v.visit_id for v in week.visits] == [vc.visit_id, vd.visit_id, vb.visit_id, va.visit_id]
    assert {collector.id, clerk.id, manager.id} <= {lane.user_id for lane in week.lanes}
    assert [v.visit_id for v in week.in_lane(clerk.id)] == [vc.visit_id, vb.visit_id, va.visit_id]
    a_row = next(v for v in week.visits if v.visit_id == va.visit_id)
    assert a_row.confirmed and a_row.status is VisitStatus.CONFIRMED and a_row.owner == "张三"
    assert all(isinstance(v.arrears_fen, int) and v.arrears_fen == 125_000 for v in week.visits)
    assert day_b.visits == () and [v.visit_id for v in by_name.visits] == [vd.visit_id]

    # the route of team A: estate → building → unit (2 before 10) → floor going up, whatever the times
    with read_factory.begin() as s:
        route = vs.visit_route(s, actor=collector, day=TUESDAY, team="a组")
        everyone = vs.visit_route(s, actor=collector, day=TUESDAY)
    assert [st.room_code for st in route.stops] == ["1-2-301", "1-2-502", "1-10-101"]
    assert [(sec.building, sec.unit, sec.floor) for sec in route.sections] == [("1", "2", 3), ("1", "2", 5),
                                                                                ("1", "10", 1)]
    assert [st.room_code for st in everyone.stops] == ["1-2-301", "1-2-502", "1-10-101", "2-1-101"]
    first = route.stops[0]
    assert first.room_display == "1栋2单元301" and first.owner_masked == "张*" and "****" in first.phone_masked
    assert first.notice is not None and first.notice.level == 6 and first.notice.serial.startswith("TZ")
    # the last contact is not the call that booked the visit (its appointment event) but the earlier
    # unanswered try, which the visit does not keep as its booking
    assert first.last_contact_channel is Channel.PHONE and first.last_contact_outcome is CallOutcome.NO_ANSWER
    assert first.last_contact_at == at(TODAY, 9).astimezone(UTC) and "业主晚上在家" not in first.last_contact_note
    assert isinstance(first.arrears_fen, int) and first.arrears_fen == 125_000 and first.months == 5
    assert first.oldest_period == 202601 and first.confirmed and route.total_arrears_fen == 375_000
    with read_factory.begin() as s:  # the outcome form offers the same notice
        assert vs.get_visit(s, actor=collector, visit_id=vc.visit_id, today=TODAY).notice_to_hand == \
            route.stops[2].notice

    # outcome: promised, the notice signed for, a photo, a leak, a revisit on Saturday
    photo = tmp_path / "门口签收.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\nvisit-photo")
    notice_a = route.stops[0].notice.notice_id
    now = at(TUESDAY, 20, 50)
    with session_factory.begin() as s:
        done = vs.record_outcome(s, actor=collector, now=now, data_dir=tmp_path / "data", draft=OutcomeDraft(
            visit_id=va.visit_id, version=booked.version, result=VisitResult.PROMISED, met=AnsweredBy.OWNER,
            attitude="态度良好", promise_date=TUESDAY + timedelta(days=7), promise_amount_fen=50_000,
            promise_signed=True, notice_id=notice_a, notice_signed=True, photos=(str(photo),),
            issues=(IssueDraft(IssueCategory.LEAK, "卫生间漏水"),),
            revisit=RevisitDraft(at(SATURDAY, 10), at(SATURDAY, 11), (StaffPick(collector.id), StaffPick(clerk.id)),
                                 team="A组"),
        ))
    assert done.status is VisitStatus.DONE and done.notice_evidenced and done.next_visit_id is not None
    with session_factory.begin() as s:
        event = s.get(ContactEvent, done.event_id)
        assert (event.channel, event.outcome, event.answered_by) == (Channel.VISIT, CallOutcome.PROMISED, "owner")
        assert event.next_follow_up == SATURDAY and "卫生间漏水" in event.complaint
        promise = s.get(Promise, done.promise_id)
        assert (promise.contact_event_id, promise.amount_fen, promise.signed) == (event.id, 50_000, True)
        notice = s.get(Notice, notice_a)
        assert notice.delivery_method is DeliveryMethod.HAND_SIGNED and notice.signed_receipt
        assert s.scalar(select(ServiceIssue.contact_event_id).where(ServiceIssue.id == done.issue_ids[0])) == event.id
        stored = s.get(VisitPhoto, done.photo_ids[0])
        assert stored.sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()
        assert stored.original_name == "门口签收.png" and (tmp_path / "data" / stored.path).read_bytes() == photo.read_bytes()
        revisit = s.get(Visit, done.next_visit_id)
        assert revisit.status is VisitStatus.PLANNED and revisit.room_id == office["a"]
        assert {r.user_id for r in s.scalars(select(VisitStaff).where(VisitStaff.visit_id == revisit.id))} == {
            collector.id, clerk.id}
        detail = vs.get_visit(s, actor=collector, visit_id=va.visit_id, today=TUESDAY)
    assert detail.result is VisitResult.PROMISED and detail.met is AnsweredBy.OWNER and detail.notice_signed
    assert detail.photos[0].original_name == "门口签收.png" and detail.issue_ids == done.issue_ids
    assert detail.notice_to_hand is None  # signed for: nothing more to bring

    # refused, but the notice signed for: an evidenced demand restarts the limitation clock that day
    with session_factory.begin() as s:
        refused = vs.record_outcome(s, actor=collector, now=now, data_dir=tmp_path / "data", draft=OutcomeDraft(
            visit_id=vb.visit_id, version=vb.version, result=VisitResult.REFUSED, met=AnsweredBy.FAMILY,
            attitude="情绪激动", notice_id=route.stops[1].notice.notice_id, notice_signed=True,
            received_by="李四", relation="配偶"))
        periods = room_limitation_periods(s, room_id=office["b"], today=TUESDAY)
    assert refused.notice_evidenced and refused.promise_id is None
    assert periods and all(p.restarted_by is InterruptionKind.DEMAND and p.restarted_on == TUESDAY for p in periods)
    # nobody home: failed, the notice left at the door proves nothing
    with session_factory.begin() as s:
        away = vs.record_outcome(s, actor=collector, now=now, data_dir=tmp_path / "data", draft=OutcomeDraft(
            visit_id=vc.visit_id, version=vc.version, result=VisitResult.NOT_HOME,
            notice_id=route.stops[2].notice.notice_id))
        door = s.get(Notice, route.stops[2].notice.notice_id)
        assert door.delivery_method is DeliveryMethod.DOOR and not door.signed_receipt
    assert away.status is VisitStatus.FAILED and not away.notice_evidenced
    with pytest.raises(ValidationError) as e, session_factory.begin() as s:  # recorded once
        vs.record_outcome(s, actor=collector, now=now, data_dir=tmp_path, draft=OutcomeDraft(
            visit_id=vc.visit_id, version=away.version, result=VisitResult.NOT_HOME))
    assert e.value.code == "visit.not_open"

    # Tuesday's work: team B's visit today; the revisit is reminded on Friday
    with session_factory.begin() as s:
        tuesday = worklist(s, actor=manager, today=TUESDAY)
        friday = worklist(s, actor=collector, today=SATURDAY - timedelta(days=1))
    assert {i.ref_id for i in tuesday.of(WorkKind.VISIT)} == {vd.visit_id}
    assert [i.ref_id for i in friday.of(WorkKind.VISIT)] == [done.next_visit_id]
    with session_factory.begin() as s:  # the room's contact history has the call, the visit and the delivery
        history = s.scalars(select(ContactEvent.channel).where(ContactEvent.room_id == office["a"])
                            .order_by(ContactEvent.occurred_at, ContactEvent.id)).all()
    assert history[:2] == [Channel.PHONE, Channel.PHONE] and history.count(Channel.VISIT) == 2
    with read_factory.begin() as s:  # the room's ledger tells the story
        ledger = room_ledger(s, room_id=office["a"], today=TUESDAY)
    visits = [e for e in ledger.timeline if e.kind is TimelineKind.VISIT]
    assert "结果 承诺缴费" in visits[-1].detail and "通知书已签收" in visits[-1].detail
    assert visits[0].title == "计划上门" and "10:00–11:00" in visits[0].detail  # the revisit


def test_route_calendar_and_worklist_flag_rooms_paid_or_held_since_booking_and_walk_per_team(
        session_factory, read_factory, users, office):
    """A room that paid or got an approved extension after its visit was booked stays on the route
    (in its place) and on the calendar, marked; the worklist's reminder asks to cancel it. The sheet's
    last contact skips the booking call. A team walks its own estates in its own order, printed
    alone or with the others."""
    collector, clerk, manager, admin = (users[r] for r in (Role.COLLECTOR, Role.CLERK, Role.MANAGER, Role.ADMIN))
    x = make_room_with_bills(session_factory, months=3, code="5-1-101", estate_code="T2").room_id
    y = make_room_with_bills(session_factory, months=3, code="5-1-201", estate_code="T2").room_id
    with session_factory.begin() as s:
        s.scalar(select(Estate).where(Estate.code == "T2")).name = "第二花园"
        s.add(ContactEvent(room_id=office["a"], channel=Channel.PHONE, outcome=CallOutcome.PROMISED,
                           occurred_at=at(TODAY - timedelta(days=3), 19).astimezone(UTC), user_id=collector.id,
                           note="答应月底缴清"))
        team_a = [collector.id, clerk.id]
        # team B is first in 第二花园; team A starts in 测试花园 and ends in 第二花园
        vy = vs.plan_visit(s, actor=manager, today=TODAY, draft=draft(y, TUESDAY, (18, 30), (19, 0),
                                                                       [manager.id, admin.id], team="B组"))
        va = vs.plan_visit(s, actor=manager, today=TODAY, draft=draft(office["a"], TUESDAY, (18, 45), (19, 15),
                                                                       team_a, team="A组"))
        vx = vs.plan_visit(s, actor=manager, today=TODAY, draft=draft(x, TUESDAY, (19, 30), (20, 0),
                                                                       team_a, team="A组"))
        vc = vs.plan_visit(s, actor=manager, today=TODAY, draft=draft(office["c"], TUESDAY, (20, 15), (20, 45),
                                                                       team_a, team="A组"))
        phone = s.scalar(select(Contact.id).join(RoomPerson, RoomPerson.person_id == Contact.person_id)
                         .where(RoomPerson.room_id == office["a"]))
        vs.book_appointment(s, actor=collector, visit_id=va.visit_id, version=va.version, now=at(TODAY, 10),
                            confirmed=True, contact_id=phone, answered_by=AnsweredBy.OWNER)
    with session_factory.begin() as s:  # since then: room a paid up, room c got an approved extension
        for bill in s.scalars(select(Bill).where(Bill.room_id == office["a"])):
            bill.paid_fen = bill.amount_fen
        s.add(Extension(room_id=office["c"], until=TUESDAY + timedelta(days=20), reason="失业",
                        status=ApprovalStatus.APPROVED))
    until = (TUESDAY + timedelta(days=20)).isoformat()
    with read_factory.begin() as s:
        alone = vs.visit_route(s, actor=collector, day=TUESDAY, team="A组")
        everyone = vs.visit_route(s, actor=collector, day=TUESDAY)
        week = vs.visit_calendar(s, actor=clerk, first_day=TODAY, days=7, today=TODAY)
    assert [st.visit_id for st in alone.stops] == [va.visit_id, vc.visit_id, vx.visit_id]
    assert [st.visit_id for st in everyone.stops] == [vy.visit_id, va.visit_id, vc.visit_id, vx.visit_id]
    assert [(team, [st.visit_id for st in stops]) for team, stops in team_stops(everyone)] == [
        ("B组", [vy.visit_id]), ("A组", [st.visit_id for st in alone.stops])]
    marks = {st.visit_id: st.standing for st in everyone.stops}
    assert marks == {vy.visit_id: "", va.visit_id: "已结清，无需上门", vc.visit_id: f"暂停催缴至 {until}，勿上门催缴",
                     vx.visit_id: ""}
    paid = alone.stops[0]
    assert paid.arrears_fen == 0 and paid.last_contact_outcome is CallOutcome.PROMISED
    assert paid.last_contact_note == "答应月底缴清"  # not the booking call
    assert {v.visit_id: v.standing for v in week.visits} == marks

    with read_factory.begin() as s:  # the reminder on the day before asks to cancel, held or not
        work = worklist(s, actor=manager, today=TODAY, office=True)
    reminders = {i.ref_id: i for i in work.of(WorkKind.VISIT)}
    assert set(reminders) == {vy.visit_id, va.visit_id, vc.visit_id, vx.visit_id}
    assert reminders[va.visit_id].title == "明日上门 18:45–19:15 请取消"
    assert reminders[va.visit_id].detail == "已结清，无需上门；请通知业主"
    assert reminders[vc.visit_id].detail == f"暂停催缴至 {until}，勿上门催缴"
    assert reminders[vx.visit_id].title == "明日上门 19:30–20:00（提醒）"
    with pytest.raises(vs.VisitConflictError) as e, session_factory.begin() as s:  # the same rule as planning
        vs.plan_visit(s, actor=manager, today=TODAY, draft=draft(office["a"], SATURDAY, (10, 0), (11, 0), team_a))
    assert e.value.code == "visit.room_paid"


def test_slots_are_office_settings(session_factory, users, office):
    manager, collector, clerk = users[Role.MANAGER], users[Role.COLLECTOR], users[Role.CLERK]
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        vs.update_visit_slots(s, actor=collector, weekday_start="17:00", weekday_end="20:00",
                              weekend_start="09:00", weekend_end="21:00")
    with session_factory.begin() as s:
        rules = vs.update_visit_slots(s, actor=manager, weekday_start="17:00", weekday_end="20:00",
                                      weekend_start="10:00", weekend_end="18:00")
    assert rules.weekday_start == time(17) and rules.weekend_end == time(18)
    with session_factory.begin() as s:
        ok = vs.plan_visit(s, actor=collector, today=TODAY, draft=draft(
            office["a"], TODAY, (17, 0), (18, 0), [collector.id, clerk.id]))
        context = vs.plan_context(s, actor=collector, room_id=office["held"], today=TODAY)
    assert ok.status is VisitStatus.PLANNED
    assert context.hold_until == TODAY + timedelta(days=30) and context.slots == rules
    assert isinstance(context.arrears_fen, int) and context.arrears_fen == 125_000
    with pytest.raises(ValidationError) as e, session_factory.begin() as s:
        vs.plan_visit(s, actor=collector, today=TODAY, draft=draft(
            office["b"], TODAY, (20, 0), (20, 30), [collector.id, clerk.id]))
    assert e.value.code == "visit.slot_outside" and e.value.params["window_end"] == "20:00"


def test_two_desks_cannot_double_book_a_person(session_factory, users, office, db_kind):
    """PostgreSQL: the second desk waits for the first one's booking of the same person, then sees it
    (SQLite's writes are one at a time already)."""
    if db_kind != "postgresql":
        pytest.skip("SQLite serialises writers")
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    collector, clerk, manager = users[Role.COLLECTOR], users[Role.CLERK], users[Role.MANAGER]
    first, second = session_factory(), session_factory()
    try:
        first.begin()
        vs.plan_visit(first, actor=collector, today=TODAY, draft=draft(
            office["a"], TUESDAY, (19, 0), (20, 0), [collector.id, clerk.id]))
        second.begin()
        second.execute(text("SET LOCAL lock_timeout = '300ms'"))
        with pytest.raises(OperationalError):  # blocked by the first desk's booking of the same people
            vs.plan_visit(second, actor=manager, today=TODAY, draft=draft(
                office["b"], TUESDAY, (19, 30), (20, 30), [collector.id, manager.id]))
        second.rollback()
        first.commit()
        with pytest.raises(vs.VisitConflictError) as err, second.begin():
            vs.plan_visit(second, actor=manager, today=TODAY, draft=draft(
                office["b"], TUESDAY, (19, 30), (20, 30), [collector.id, manager.id]))
        assert err.value.code == ConflictCode.STAFF_BUSY.value
    finally:
        first.close()
        second.close()
