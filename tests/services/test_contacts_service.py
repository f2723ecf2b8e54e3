"""Logging a contact: the promise in one table, warnings confirmed and recorded, complaints, wrong numbers."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from factories import make_room_with_bills
from sqlalchemy import select

from cuijiao_desktop.db.models import (
    AuditLog,
    CollectionCase,
    Contact,
    ContactEvent,
    Person,
    Promise,
    RoomPerson,
    ServiceIssue,
)
from cuijiao_desktop.domain.contacts import ContactDraft
from cuijiao_desktop.domain.enums import (
    AnsweredBy,
    ArrearsReason,
    CallOutcome,
    Channel,
    ContactKind,
    IssueCategory,
    IssueStatus,
    PersonRole,
    PromiseStatus,
    Relation,
    Role,
    Stage,
)
from cuijiao_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from cuijiao_desktop.services.contacts import (
    ContactsNeedConfirmation,
    call_form_context,
    contact_rules,
    log_contact,
    update_contact_rules,
)
from cuijiao_desktop.services.promises import promise_states

NOW = datetime(2026, 5, 6, 10, 30).astimezone()  # a Wednesday morning, local time
TODAY = NOW.date()


@pytest.fixture
def room(session_factory):
    """A room owing 6 × ¥250 (Jan–Jun 2026, due on the 10th: Jan–Apr overdue on 6 May), its owner with two phones."""
    r = make_room_with_bills(session_factory, months=6)
    with session_factory.begin() as s:
        owner_id = s.scalar(select(RoomPerson.person_id).where(RoomPerson.room_id == r.room_id))
        s.add_all([
            Contact(person_id=owner_id, kind=ContactKind.MOBILE, value="13800138000", last4="8000", is_primary=True),
            Contact(person_id=owner_id, kind=ContactKind.MOBILE, value="13900139000", last4="9000",
                    relation=Relation.SPOUSE, contact_name="李四"),
        ])
    return r


def _contact_id(factory, value):
    with factory() as s:
        return s.scalar(select(Contact.id).where(Contact.value == value))


def _draft(room_id, **kw):
    base = {"room_id": room_id, "channel": Channel.PHONE, "outcome": CallOutcome.PROMISED,
            "answered_by": AnsweredBy.OWNER, "promise_date": TODAY + timedelta(days=5),
            "promise_amount_fen": 50_000, "next_follow_up": TODAY + timedelta(days=5)}
    base.update(kw)
    return ContactDraft(**base)


def test_a_call_with_a_promise(session_factory, users, room):
    clerk = users[Role.CLERK]
    number = _contact_id(session_factory, "13800138000")
    with session_factory.begin() as s:
        logged = log_contact(s, actor=clerk, draft=_draft(room.room_id, contact_id=number,
                                                          reason=ArrearsReason.HARDSHIP, note="下周发工资"), now=NOW)
    assert logged.promise_id is not None and logged.issue_id is None and logged.overridden == ()
    with session_factory() as s:
        ev = s.get(ContactEvent, logged.event_id)
        assert (ev.channel, ev.outcome, ev.number_dialled, ev.answered_by) == (
            Channel.PHONE, CallOutcome.PROMISED, "13800138000", "owner")
        assert ev.arrears_fen == 4 * 25_000 and isinstance(ev.arrears_fen, int)  # Jan–Apr overdue
        assert ev.user_id == clerk.id and ev.note == "下周发工资" and ev.overridden == ""
        p = s.get(Promise, logged.promise_id)
        assert (p.contact_event_id, p.made_on, p.due_date, p.amount_fen, p.created_by_id) == (
            ev.id, TODAY, TODAY + timedelta(days=5), 50_000, clerk.id)
        [state] = promise_states(s, today=TODAY, room_ids=[room.room_id])
        assert state.status is PromiseStatus.OPEN
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "contact.log")).one()
        assert audit.username == clerk.username and f'"promise_id": {p.id}' in audit.detail


def test_reason_goes_to_the_open_case(session_factory, users, room):
    with session_factory.begin() as s:
        s.add(CollectionCase(room_id=room.room_id, stage=Stage.PHONE, opened_on=date(2026, 2, 1)))
    with session_factory.begin() as s:
        logged = log_contact(s, actor=users[Role.COLLECTOR], now=NOW, draft=_draft(
            room.room_id, number_dialled="13800138000", outcome=CallOutcome.REFUSED, promise_date=None,
            promise_amount_fen=None, reason=ArrearsReason.SERVICE_QUALITY))
    with session_factory() as s:
        case = s.scalars(select(CollectionCase)).one()
        assert case.reason is ArrearsReason.SERVICE_QUALITY
        assert s.get(ContactEvent, logged.event_id).case_id == case.id


def test_quiet_hours_must_be_confirmed_and_the_override_is_recorded(session_factory, users, room):
    night = datetime(2026, 5, 6, 21, 40).astimezone()
    draft = _draft(room.room_id, number_dialled="13800138000")
    with pytest.raises(ContactsNeedConfirmation) as err, session_factory.begin() as s:
        log_contact(s, actor=users[Role.CLERK], draft=draft, now=night)
    assert [w.code for w in err.value.params["warnings"]] == ["quiet_hours"]
    with session_factory() as s:
        assert s.scalars(select(ContactEvent)).all() == [] and s.scalars(select(Promise)).all() == []
    with session_factory.begin() as s:
        logged = log_contact(s, actor=users[Role.CLERK], draft=draft, now=night, confirmed=["quiet_hours"])
    assert logged.overridden == ("quiet_hours",)
    with session_factory() as s:
        assert s.get(ContactEvent, logged.event_id).overridden == "quiet_hours"
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "contact.log")).one()
        assert '"overridden": ["quiet_hours"]' in audit.detail


def test_weekly_maximum_from_the_office_settings(session_factory, users, room):
    with session_factory.begin() as s:
        update_contact_rules(s, actor=users[Role.MANAGER], quiet_start="21:00", quiet_end="08:00", weekly_max=2)
    no_answer = _draft(room.room_id, number_dialled="13800138000", outcome=CallOutcome.NO_ANSWER, answered_by=None,
                       promise_date=None, promise_amount_fen=None)
    for days_ago in (6, 2):  # two calls this week
        with session_factory.begin() as s:
            log_contact(s, actor=users[Role.CLERK], draft=no_answer, now=NOW - timedelta(days=days_ago))
    with session_factory.begin() as s:  # the owner's own visit to the desk does not count
        log_contact(s, actor=users[Role.CLERK], now=NOW - timedelta(hours=1), draft=_draft(
            room.room_id, channel=Channel.DESK, outcome=CallOutcome.DISPUTED, answered_by=None, promise_date=None,
            promise_amount_fen=None))
    with pytest.raises(ContactsNeedConfirmation) as err, session_factory.begin() as s:
        log_contact(s, actor=users[Role.CLERK], draft=no_answer, now=NOW)
    [warning] = err.value.params["warnings"]
    assert (warning.code, warning.params) == ("frequency", {"count": 2, "maximum": 2})
    with session_factory() as s:
        ctx = call_form_context(s, actor=users[Role.CLERK], room_id=room.room_id, now=NOW)
        assert ctx.contacts_this_week == 2 and [w.code for w in ctx.warnings(Channel.PHONE)] == ["frequency"]
        # a week after the first call it no longer counts
        later = call_form_context(s, actor=users[Role.CLERK], room_id=room.room_id, now=NOW + timedelta(days=1))
        assert later.contacts_this_week == 1 and later.warnings(Channel.PHONE) == []
        assert contact_rules(s).weekly_max == 2


def test_rules_are_checked_and_only_managers_change_them(session_factory, users):
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        update_contact_rules(s, actor=users[Role.CLERK], quiet_start="21:00", quiet_end="08:00", weekly_max=3)
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        update_contact_rules(s, actor=users[Role.MANAGER], quiet_start="25:00", quiet_end="08:00", weekly_max=3)
    assert err.value.code == "settings.time_invalid"
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        update_contact_rules(s, actor=users[Role.MANAGER], quiet_start="21:00", quiet_end="08:00", weekly_max=99)
    assert err.value.code == "settings.weekly_max_invalid"


def test_a_complaint_opens_a_service_issue(session_factory, users, room):
    with session_factory.begin() as s:
        logged = log_contact(s, actor=users[Role.CLERK], now=NOW, draft=_draft(
            room.room_id, number_dialled="13800138000", outcome=CallOutcome.CONDITIONAL, promise_date=None,
            promise_amount_fen=None, complaint=True, complaint_category=IssueCategory.LEAK,
            complaint_text="卫生间漏水，修好再交"))
    with session_factory() as s:
        issue = s.get(ServiceIssue, logged.issue_id)
        assert (issue.room_id, issue.category, issue.status, issue.raised_on, issue.contact_event_id) == (
            room.room_id, IssueCategory.LEAK, IssueStatus.OPEN, TODAY, logged.event_id)
        assert s.get(ContactEvent, logged.event_id).complaint == "卫生间漏水，修好再交"


def test_a_wrong_number_is_marked_invalid(session_factory, users, room):
    spouse = _contact_id(session_factory, "13900139000")
    with session_factory.begin() as s:
        log_contact(s, actor=users[Role.COLLECTOR], now=NOW, draft=_draft(
            room.room_id, contact_id=spouse, outcome=CallOutcome.WRONG_NUMBER, answered_by=None, promise_date=None,
            promise_amount_fen=None))
    with session_factory() as s:
        c = s.get(Contact, spouse)
        assert not c.valid and c.version == 2
        ctx = call_form_context(s, actor=users[Role.CLERK], room_id=room.room_id, now=NOW)
        assert [x.value for x in ctx.contacts] == ["13800138000", "13900139000"]  # the invalid one last
        assert ctx.contacts[0].relation is Relation.SELF and not ctx.contacts[1].valid


def test_refusals(session_factory, users, room):
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        log_contact(s, actor=users[Role.CLERK], now=NOW, draft=_draft(room.room_id, number_dialled="13700000000"))
    assert err.value.code == "contact.number_not_of_room"
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        log_contact(s, actor=users[Role.CLERK], now=NOW,
                    draft=_draft(room.room_id, number_dialled="13800138000", promise_amount_fen=6 * 25_000 + 1))
    assert err.value.code == "contact.promise_amount_too_large" and err.value.params["owed_fen"] == 150_000
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        log_contact(s, actor=users[Role.FINANCE], now=NOW, draft=_draft(room.room_id, number_dialled="13800138000"))
    with pytest.raises(NotFound), session_factory.begin() as s:
        log_contact(s, actor=users[Role.CLERK], now=NOW, draft=_draft(999_999, number_dialled="13800138000"))
    with session_factory() as s:
        assert s.scalars(select(ContactEvent)).all() == []


def test_call_form_context(session_factory, users, room):
    with session_factory.begin() as s:
        s.add(CollectionCase(room_id=room.room_id, stage=Stage.PHONE, opened_on=date(2026, 2, 1),
                             reason=ArrearsReason.HARDSHIP))
        tenant = Person(name="王五")
        s.add(tenant)
        s.flush()
        s.add(RoomPerson(room_id=room.room_id, person_id=tenant.id, role=PersonRole.TENANT))
        from cuijiao_desktop.services.ladder import ensure_default_ladder
        ensure_default_ladder(s)
    with session_factory.begin() as s:
        log_contact(s, actor=users[Role.CLERK], now=NOW - timedelta(days=1),
                    draft=_draft(room.room_id, number_dialled="13800138000"))
    with session_factory() as s:
        ctx = call_form_context(s, actor=users[Role.COLLECTOR], room_id=room.room_id, now=NOW)
    assert (ctx.room_code, ctx.owner_name, ctx.tenant_name) == ("3-2-1502", "张三", "王五")
    assert (ctx.overdue_fen, ctx.owed_fen) == (100_000, 150_000)
    assert (ctx.stage, ctx.case_reason) == (Stage.PHONE, ArrearsReason.HARDSHIP)
    assert ctx.last_outcome is CallOutcome.PROMISED and len(ctx.promises) == 1
    # the next step after this call (services.cases: the case's place read from its history): the
    # written notice, 13 days after the call logged yesterday
    assert (ctx.next_step_on, ctx.next_step_name) == (date(2026, 5, 18), "书面催缴通知书")
    with pytest.raises(PermissionDenied), session_factory() as s:
        call_form_context(s, actor=users[Role.FINANCE], room_id=room.room_id, now=NOW)
