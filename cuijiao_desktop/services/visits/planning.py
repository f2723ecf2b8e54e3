"""Planning visits: plan, move, cancel, and book the appointment by phone.

Every write re-checks every rule (slot, team, conflicts) inside the caller's transaction, takes
the optimistic version the form carried, and is audited. One person alone needs a manager's
override (``Permission.APPROVE_PLANS``) with a reason, recorded on the visit (by whom, why).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from cuijiao_desktop.db.models import Visit, VisitStaff
from cuijiao_desktop.domain.contacts import ContactDraft
from cuijiao_desktop.domain.enums import AnsweredBy, CallOutcome, Channel, VisitStatus
from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.visits import (
    MAX_NOTE_CHARS,
    OPEN_STATUSES,
    VisitDraft,
    VisitDuty,
    default_reminder,
    normalize_team,
)

from .. import audit
from ..actor import authorize
from ..dto import UserDTO
from ..versions import flush_or_conflict
from .calendar import get_visit
from .common import load_visit, local, lock_rows
from .dto import AppointmentResult, VisitDetail
from .rules import checked, refuse

__all__ = ["book_appointment", "cancel_visit", "move_visit", "plan_visit"]


def _staff_rows(session: Session, visit_id: int, draft: VisitDraft) -> None:
    for pick in draft.staff:
        session.add(VisitStaff(visit_id=visit_id, user_id=pick.user_id, duty=VisitDuty(pick.duty)))


def add_visit(session: Session, actor: UserDTO, draft: VisitDraft, *, today: date) -> Visit:
    """Check and insert a visit (the plan form, and the revisit of an outcome); not audited here."""
    lock_rows(session, draft.room_id, [s.user_id for s in draft.staff])
    ok, conflicts = checked(session, actor, draft, today=today)
    refuse(conflicts)
    start = local(draft.start)
    visit = Visit(
        room_id=draft.room_id, case_id=ok.case_id, planned_at=draft.start.astimezone(UTC),
        ends_at=draft.end.astimezone(UTC), status=VisitStatus.PLANNED, team=normalize_team(draft.team),
        note=draft.note.strip(), created_by_id=actor.id, remind_on=draft.remind_on or default_reminder(start),
        override_by_id=actor.id if ok.alone else None,
        override_reason=draft.override_reason.strip() if ok.alone else "",
    )
    session.add(visit)
    session.flush()
    _staff_rows(session, visit.id, draft)
    session.flush()
    return visit


def _audit_detail(draft: VisitDraft) -> dict:
    return {"room_id": draft.room_id, "start": draft.start.astimezone(UTC).isoformat(),
            "end": draft.end.astimezone(UTC).isoformat(), "team": normalize_team(draft.team),
            "staff": [[s.user_id, VisitDuty(s.duty).value] for s in draft.staff]}


def plan_visit(session: Session, *, actor: UserDTO, draft: VisitDraft, today: date) -> VisitDetail:
    """Plan a visit to ``draft.room_id`` (``Permission.PLAN_VISITS``); the room's open case is used
    when ``draft.case_id`` is None. Raises ``ValidationError`` (slot, team) or
    :class:`VisitConflictError` and writes nothing."""
    actor = authorize(session, actor, Permission.PLAN_VISITS)
    visit = add_visit(session, actor, draft, today=today)
    audit.record(session, actor, "visit.plan", "visit", visit.id, **_audit_detail(draft),
                 override=visit.override_reason or None)
    return get_visit(session, actor=actor, visit_id=visit.id, today=today)


def _open(visit: Visit) -> None:
    if visit.status not in OPEN_STATUSES:
        raise ValidationError("visit.not_open", visit_id=visit.id, status=visit.status.value)


def move_visit(
    session: Session, *, actor: UserDTO, visit_id: int, version: int, draft: VisitDraft, today: date,
) -> VisitDetail:
    """Give a planned or confirmed visit a new window, staff, team or note (the room stays). Every
    rule is checked again; a version other than the stored one is ``conflict.stale``. A new start
    time un-confirms the appointment (the owner agreed to the old time: book it again); a new day
    also moves the reminder to the day before."""
    actor = authorize(session, actor, Permission.PLAN_VISITS)
    visit = load_visit(session, visit_id, version)
    _open(visit)
    if draft.room_id != visit.room_id:
        raise ValidationError("visit.room_changed", field="room")
    lock_rows(session, draft.room_id, [s.user_id for s in draft.staff])
    same_staff = {s.user_id for s in draft.staff} == set(session.scalars(
        select(VisitStaff.user_id).where(VisitStaff.visit_id == visit_id)))
    ok, conflicts = checked(session, actor, draft, today=today, visit_id=visit_id,
                            keep_override=(visit.override_reason or "") if same_staff else "")
    refuse(conflicts)
    old_day = local(visit.planned_at).date()
    new_start = local(draft.start)
    moved_day = new_start.date() != old_day
    moved_time = draft.start.astimezone(UTC) != visit.planned_at
    keep_reason = ok.alone and same_staff and draft.override_reason.strip() == (visit.override_reason or "").strip()
    visit.planned_at, visit.ends_at = draft.start.astimezone(UTC), draft.end.astimezone(UTC)
    visit.team, visit.note = normalize_team(draft.team), draft.note.strip()
    visit.case_id = ok.case_id
    if ok.alone:
        if not keep_reason:
            visit.override_by_id, visit.override_reason = actor.id, draft.override_reason.strip()
    else:
        visit.override_by_id, visit.override_reason = None, ""
    if draft.remind_on is not None:
        visit.remind_on = draft.remind_on
    elif moved_day:
        visit.remind_on = default_reminder(new_start)
    unconfirmed = moved_time and visit.status is VisitStatus.CONFIRMED
    if unconfirmed:
        visit.status, visit.confirmed_at, visit.booked_by_phone = VisitStatus.PLANNED, None, False
    flag_modified(visit, "note")  # the version moves even when only the staff changed
    flush_or_conflict(session, "visit", visit_id)
    session.execute(delete(VisitStaff).where(VisitStaff.visit_id == visit_id))
    _staff_rows(session, visit_id, draft)
    session.flush()
    audit.record(session, actor, "visit.move", "visit", visit_id, **_audit_detail(draft),
                 override=visit.override_reason or None, unconfirmed=unconfirmed)
    return get_visit(session, actor=actor, visit_id=visit_id, today=today)


def cancel_visit(
    session: Session, *, actor: UserDTO, visit_id: int, version: int, reason: str, today: date,
) -> VisitDetail:
    """Cancel a planned or confirmed visit with a reason (required)."""
    actor = authorize(session, actor, Permission.PLAN_VISITS)
    visit = load_visit(session, visit_id, version)
    _open(visit)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("visit.cancel_reason_required", field="reason")
    if len(reason) > MAX_NOTE_CHARS:
        raise ValidationError("validation.too_long", field="reason")
    visit.status, visit.cancel_reason = VisitStatus.CANCELLED, reason
    flush_or_conflict(session, "visit", visit_id)
    audit.record(session, actor, "visit.cancel", "visit", visit_id, room_id=visit.room_id, reason=reason)
    return get_visit(session, actor=actor, visit_id=visit_id, today=today)


def book_appointment(
    session: Session,
    *,
    actor: UserDTO,
    visit_id: int,
    version: int,
    now: datetime,
    confirmed: bool,
    contact_id: int | None = None,
    number_dialled: str = "",
    answered_by: AnsweredBy | None = None,
    note: str = "",
    confirmed_warnings: Collection[str] = (),
) -> AppointmentResult:
    """Record the phone call that books visit ``visit_id``: a contact event (channel phone, through
    ``services.contacts.log_contact``, so quiet hours and the weekly maximum are asked to be
    confirmed as for any call) linked to the visit; ``confirmed`` (the owner agreed) makes the
    visit ``confirmed`` with the time. Not confirmed: the call is logged (no answer, or the owner
    did not agree) and the visit stays planned."""
    from ..contacts import log_contact

    actor = authorize(session, actor, Permission.PLAN_VISITS)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    visit = load_visit(session, visit_id, version)
    _open(visit)
    if confirmed and answered_by is None:
        raise ValidationError("contact.answered_by_required", field="answered_by")
    when = local(visit.planned_at)
    text = f"预约上门 {when:%m-%d %H:%M}–{local(visit.ends_at):%H:%M}：" + ("业主确认" if confirmed else "未确认")
    if note.strip():
        text += f"；{note.strip()}"
    outcome = CallOutcome.NO_ANSWER if answered_by is None else CallOutcome.OTHER
    logged = log_contact(session, actor=actor, now=now, confirmed=confirmed_warnings, draft=ContactDraft(
        room_id=visit.room_id, channel=Channel.PHONE, outcome=outcome, number_dialled=number_dialled,
        contact_id=contact_id, answered_by=answered_by, note=text[:MAX_NOTE_CHARS],
    ))
    visit.appointment_event_id = logged.event_id
    visit.booked_by_phone = True
    if confirmed:
        visit.status, visit.confirmed_at = VisitStatus.CONFIRMED, now.astimezone(UTC)
    else:
        visit.status, visit.confirmed_at = VisitStatus.PLANNED, None
    flush_or_conflict(session, "visit", visit_id)
    audit.record(session, actor, "visit.appointment", "visit", visit_id, room_id=visit.room_id,
                 event_id=logged.event_id, confirmed=confirmed)
    return AppointmentResult(visit_id, visit.version, logged.event_id, visit.status, confirmed)
