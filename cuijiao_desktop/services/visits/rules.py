"""The office's visit rules as stored (time slots), and the checks a visit must pass against the
database: its slot and team (``domain.visits``), and its conflicts with other visits, holds and
payments. :class:`VisitConflictError` carries every conflict found."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import CollectionCase, OfficeSetting, Room, VisitStaff
from cuijiao_desktop.domain.contacts import first_error
from cuijiao_desktop.domain.errors import NotFound, ValidationError
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.visits import (
    SLOT_KEYS,
    Conflict,
    SlotRules,
    VisitDraft,
    find_conflicts,
    slot_rules_from_settings,
    slot_settings,
    visit_errors,
)

from .. import audit
from ..actor import authorize
from ..dto import UserDTO
from ..office import put_setting
from ..payments import room_owed
from ..tx import read_only
from .common import booked_around, hold_end, load_visit, local, users

__all__ = ["VisitConflictError", "check_visit", "update_visit_slots", "visit_slot_rules"]


class VisitConflictError(ValidationError):
    """The visit collides (a person double-booked, the room twice that day, a hold, nothing owed).
    ``code`` is the first conflict's code (its message); ``params["conflicts"]`` lists them all as
    :class:`domain.visits.Conflict`."""

    default_code = "visit.conflict"


@read_only
def visit_slot_rules(session: Session) -> SlotRules:
    """The office's visit slots (``visits.*`` settings; defaults 18:30–21:00 weekdays, 09:00–21:00 weekends)."""
    values = dict(SLOT_KEYS)
    values.update(dict(session.execute(
        select(OfficeSetting.key, OfficeSetting.value).where(OfficeSetting.key.in_(list(SLOT_KEYS)))
    ).tuples().all()))
    return slot_rules_from_settings(values)


def update_visit_slots(
    session: Session, *, actor: UserDTO, weekday_start: str, weekday_end: str, weekend_start: str, weekend_end: str,
) -> SlotRules:
    """Change the visit slots (``Permission.EDIT_LADDER``: managers and administrators), audited."""
    actor = authorize(session, actor, Permission.EDIT_LADDER)
    values = slot_settings(weekday_start, weekday_end, weekend_start, weekend_end)
    for key, value in values.items():
        put_setting(session, actor, key, value=value)
    session.flush()
    audit.record(session, actor, "settings.visit_slots", "office_setting", None, **values)
    return visit_slot_rules(session)


@dataclass(frozen=True)
class CheckedVisit:
    """A draft that passed every check: the case to file it under, the override to record."""

    case_id: int | None
    alone: bool
    names: dict[int, str]


def checked(
    session: Session, actor: UserDTO, draft: VisitDraft, *, today: date, visit_id: int | None = None,
    keep_override: str = "",
) -> tuple[CheckedVisit, list[Conflict]]:
    """Check a draft: the room, the case, the slot, the team and its staff (raising
    ``ValidationError``); return it with its conflicts (not raised). ``keep_override``: the reason of
    an override already recorded on the visit (kept for the same lone person without a manager)."""
    if session.get(Room, draft.room_id) is None:
        raise NotFound("room.not_found", room_id=draft.room_id)
    ids = [s.user_id for s in draft.staff]
    alone = len(set(ids)) == 1
    allowed = actor.can(Permission.APPROVE_PLANS) or (
        alone and bool(keep_override) and draft.override_reason.strip() == keep_override.strip())
    first_error(visit_errors(draft, today=today, override_allowed=allowed, rules=visit_slot_rules(session)))
    known = users(session, ids)
    for uid in ids:
        if uid not in known:
            raise NotFound("visit.staff_not_found", field="staff", user_id=uid)
        _username, name, _role, active = known[uid]
        if not active:
            raise ValidationError("visit.staff_inactive", field="staff", name=name)
    case_id = draft.case_id
    if case_id is not None:
        case_room = session.scalar(select(CollectionCase.room_id).where(CollectionCase.id == case_id))
        if case_room is None:
            raise NotFound("case.not_found", case_id=case_id)
        if case_room != draft.room_id:
            raise ValidationError("visit.case_other_room", field="case", case_id=case_id)
    else:
        case_id = session.scalar(select(CollectionCase.id).where(
            CollectionCase.room_id == draft.room_id, CollectionCase.closed_on.is_(None)))
    start, end = local(draft.start), local(draft.end)
    day = start.date()
    overdue, _ = room_owed(session, draft.room_id, today)
    conflicts = find_conflicts(
        visit_id=visit_id, room_id=draft.room_id, start=start, end=end, staff_ids=ids,
        others=booked_around(session, day=day, room_id=draft.room_id, staff_ids=ids),
        hold_until=hold_end(session, draft.room_id, day), overdue_fen=overdue,
        staff_names={uid: known[uid][1] for uid in known},
    )
    return CheckedVisit(case_id, alone, {uid: known[uid][1] for uid in known}), conflicts


def refuse(conflicts: list[Conflict]) -> None:
    """Raise :class:`VisitConflictError` for the first conflict (all of them in ``conflicts``)."""
    if conflicts:
        first = conflicts[0]
        raise VisitConflictError(first.code.value, conflicts=list(conflicts), **first.params)


@read_only
def check_visit(
    session: Session, *, actor: UserDTO, draft: VisitDraft, today: date, visit_id: int | None = None,
) -> list[Conflict]:
    """The conflicts a draft would meet (for the calendar while dragging): an empty list when none.
    Slot and team problems raise ``ValidationError`` as the save would."""
    actor = authorize(session, actor, Permission.PLAN_VISITS)
    keep = ""
    if visit_id is not None:
        same_staff = {s.user_id for s in draft.staff} == set(session.scalars(
            select(VisitStaff.user_id).where(VisitStaff.visit_id == visit_id)))
        keep = load_visit(session, visit_id).override_reason if same_staff else ""
    return checked(session, actor, draft, today=today, visit_id=visit_id, keep_override=keep)[1]
