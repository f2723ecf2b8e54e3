"""Logging collection contacts (记录联系) and reading them back.

* :func:`call_form_context` gives the call form what it needs for one room: the numbers on file,
  what is owed, the case, this week's contacts, the office's rules and the ladder's next step.
* :func:`log_contact` checks the draft again (the domain's rules), asks for the warnings
  (quiet hours, too many contacts this week) to have been confirmed, and writes the contact,
  its promise (``promise`` is the one place promises live), the service issue a complaint opens,
  the reason on the case, and marks a wrong number invalid; all in the caller's transaction,
  audited.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import (
    CollectionCase,
    Contact,
    ContactEvent,
    Estate,
    OfficeSetting,
    Person,
    Promise,
    Room,
    RoomPerson,
    ServiceIssue,
    User,
)
from cuijiao_desktop.domain.contacts import (
    COUNTED_CHANNELS,
    ContactDraft,
    ContactRules,
    ContactWarning,
    contact_errors,
    contact_warnings,
    first_error,
    format_hhmm,
    parse_hhmm,
    rules_from_settings,
)
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
    Stage,
)
from cuijiao_desktop.domain.errors import DomainError, NotFound, ValidationError
from cuijiao_desktop.domain.permissions import Permission

from . import audit
from .actor import authorize
from .dto import UserDTO
from .office import put_setting
from .payments import room_owed
from .promises import PromiseState, promise_states
from .tx import read_only

__all__ = [
    "RULE_KEYS",
    "CallFormContext",
    "ContactsNeedConfirmation",
    "LoggedContact",
    "RoomContactOption",
    "call_form_context",
    "contact_rules",
    "contacts_in_week",
    "log_contact",
    "overridden_text",
    "update_contact_rules",
]

#: The office settings that hold the contact rules, with their defaults.
RULE_KEYS: dict[str, str] = {
    "collection.quiet_start": "21:00",
    "collection.quiet_end": "08:00",
    "collection.weekly_max_contacts": "3",
}
MAX_WEEKLY = 50


class ContactsNeedConfirmation(DomainError):
    """The contact breaks an office rule (quiet hours, weekly maximum): save it only once the user
    confirmed. ``params["warnings"]`` lists the :class:`ContactWarning` s not yet confirmed."""

    default_code = "contact.confirm_warnings"


@dataclass(frozen=True)
class RoomContactOption:
    """A number (or WeChat/e-mail) of someone linked to the room; the full value (the form calls it)."""

    contact_id: int
    person_id: int
    person_name: str
    role: PersonRole
    relation: Relation
    contact_name: str
    kind: ContactKind
    value: str
    is_primary: bool
    valid: bool


@dataclass(frozen=True)
class CallFormContext:
    """What the call form shows and checks for one room, as of ``today``."""

    room_id: int
    room_code: str
    estate_name: str
    owner_name: str
    owner_id: int | None
    tenant_name: str
    contacts: tuple[RoomContactOption, ...]  # owners first, valid and primary first
    overdue_fen: int  # owed after the due date
    owed_fen: int  # everything not yet paid, due or not (a promise cannot exceed it)
    case_id: int | None
    stage: Stage | None
    collector: str
    case_reason: ArrearsReason | None
    hold_until: date | None
    contacts_this_week: int  # counted contacts in the 7 days before ``now``
    last_contact_at: datetime | None
    last_outcome: CallOutcome | None
    promises: tuple[PromiseState, ...]  # not yet kept or broken
    rules: ContactRules
    next_step_on: date | None  # when the ladder's next step falls due (None: no case or no step left)
    next_step_name: str
    today: date
    now: datetime

    def warnings(self, channel: Channel, at: datetime | None = None) -> list[ContactWarning]:
        """The warnings a contact on ``channel`` now (or at ``at``) would raise."""
        at = (at or self.now).astimezone()
        return contact_warnings(channel=channel, at_local=at, contacts_this_week=self.contacts_this_week,
                                rules=self.rules)


@dataclass(frozen=True)
class LoggedContact:
    """What :func:`log_contact` wrote."""

    event_id: int
    room_id: int
    promise_id: int | None
    issue_id: int | None
    overridden: tuple[str, ...]
    next_follow_up: date | None


#: What an overridden warning is called in the timeline and the log.
OVERRIDE_ZH = {"quiet_hours": "已确认：休息时段联系", "frequency": "已确认：超出每周联系次数"}


def overridden_text(codes: str) -> str:
    """``"quiet_hours,frequency"`` -> the Chinese words ("" for none)."""
    return "；".join(OVERRIDE_ZH.get(c, c) for c in (codes or "").split(",") if c)


# ---------------------------------------------------------------------------
# Office rules
# ---------------------------------------------------------------------------


def _rule_values(session: Session) -> dict[str, str]:
    values = dict(RULE_KEYS)
    values.update(dict(session.execute(
        select(OfficeSetting.key, OfficeSetting.value).where(OfficeSetting.key.in_(list(RULE_KEYS)))
    ).tuples().all()))
    return values


@read_only
def contact_rules(session: Session) -> ContactRules:
    """The office's quiet hours and weekly maximum of contacts per room."""
    return rules_from_settings(_rule_values(session))


def update_contact_rules(
    session: Session, *, actor: UserDTO, quiet_start: str, quiet_end: str, weekly_max: int,
) -> ContactRules:
    """Change the contact rules (managers and administrators); values are checked first."""
    actor = authorize(session, actor, Permission.EDIT_LADDER)
    start, end = parse_hhmm(quiet_start), parse_hhmm(quiet_end)
    if isinstance(weekly_max, bool) or not isinstance(weekly_max, int) or not 0 <= weekly_max <= MAX_WEEKLY:
        raise ValidationError("settings.weekly_max_invalid", field="weekly_max", maximum=MAX_WEEKLY)
    values = {"collection.quiet_start": format_hhmm(start), "collection.quiet_end": format_hhmm(end),
              "collection.weekly_max_contacts": str(weekly_max)}
    for key, value in values.items():
        put_setting(session, actor, key, value=value)
    session.flush()
    audit.record(session, actor, "settings.contact_rules", "office_setting", None, **values)
    return ContactRules(start, end, weekly_max)


# ---------------------------------------------------------------------------
# The call form's context
# ---------------------------------------------------------------------------


def _local_today(now: datetime) -> date:
    return now.astimezone().date()


def contacts_in_week(session: Session, room_id: int, now: datetime) -> int:
    """Counted contacts (all but the owner's own visits to the desk) of the room in the 7 days before ``now``."""
    since = now.astimezone(UTC) - timedelta(days=7)
    return int(session.scalar(
        select(func.count()).select_from(ContactEvent)
        .where(ContactEvent.room_id == room_id, ContactEvent.occurred_at > since,
               ContactEvent.occurred_at <= now.astimezone(UTC),
               ContactEvent.channel.in_([c.value for c in COUNTED_CHANNELS]))
    ) or 0)


def _room_contacts(session: Session, room_id: int, today: date) -> tuple[list[RoomContactOption], dict]:
    rows = session.execute(
        select(RoomPerson.person_id, Person.name, RoomPerson.role, Contact.id, Contact.kind, Contact.value,
               Contact.relation, Contact.contact_name, Contact.is_primary, Contact.valid)
        .join(Person, Person.id == RoomPerson.person_id)
        .outerjoin(Contact, Contact.person_id == RoomPerson.person_id)
        .where(RoomPerson.room_id == room_id,
               or_(RoomPerson.start_date.is_(None), RoomPerson.start_date <= today),
               or_(RoomPerson.end_date.is_(None), RoomPerson.end_date >= today))
        .order_by(RoomPerson.id, Contact.id)
    ).all()
    people: dict[PersonRole, tuple[int, str]] = {}
    contacts: dict[int, RoomContactOption] = {}
    for pid, name, role, cid, kind, value, relation, cname, primary, valid in rows:
        people.setdefault(role, (pid, name))
        if cid is not None and cid not in contacts:
            contacts[cid] = RoomContactOption(cid, pid, name, role, relation, cname or "", kind, value,
                                              bool(primary), bool(valid))
    order = {PersonRole.OWNER: 0, PersonRole.TENANT: 1, PersonRole.OCCUPANT: 2}
    ordered = sorted(contacts.values(), key=lambda c: (not c.valid, order[c.role], c.relation is not Relation.SELF,
                                                       not c.is_primary, c.contact_id))
    return ordered, people


def _next_step(session: Session, stage: Stage | None, room_id: int, today: date) -> tuple[date | None, str]:
    """The ladder's next step once this call is logged, and when it falls due
    (``services.cases.next_step_after``: the case's place read from its history)."""
    if stage is None:
        return None, ""
    from cuijiao_desktop.services.cases import next_step_after

    return next_step_after(session, room_id=room_id, channel=Channel.PHONE, today=today)


@read_only
def call_form_context(session: Session, *, actor: UserDTO, room_id: int, now: datetime) -> CallFormContext:
    """Everything the call form needs for ``room_id`` at ``now`` (aware; its local day is "today")."""
    authorize(session, actor, Permission.LOG_CONTACT)
    today = _local_today(now)
    room = session.execute(
        select(Room.id, Room.code, Estate.name).join(Estate, Estate.id == Room.estate_id).where(Room.id == room_id)
    ).one_or_none()
    if room is None:
        raise NotFound("room.not_found", room_id=room_id)
    contacts, people = _room_contacts(session, room_id, today)
    overdue, owed = room_owed(session, room_id, today)
    case = session.execute(
        select(CollectionCase.id, CollectionCase.stage, User.display_name, CollectionCase.reason,
               CollectionCase.hold_until)
        .outerjoin(User, User.id == CollectionCase.collector_id)
        .where(CollectionCase.room_id == room_id, CollectionCase.closed_on.is_(None))
    ).first()
    last = session.execute(
        select(ContactEvent.occurred_at, ContactEvent.outcome).where(ContactEvent.room_id == room_id)
        .order_by(ContactEvent.occurred_at.desc(), ContactEvent.id.desc()).limit(1)
    ).first()
    pending = tuple(p for p in promise_states(session, today=today, room_ids=[room_id], due_from=today - timedelta(days=1))
                    if p.status in (PromiseStatus.OPEN, PromiseStatus.DUE))
    next_on, next_name = _next_step(session, case[1] if case else None, room_id, today)
    owner = people.get(PersonRole.OWNER)
    tenant = people.get(PersonRole.TENANT)
    return CallFormContext(
        room_id=room.id, room_code=room.code, estate_name=room.name,
        owner_name=owner[1] if owner else "", owner_id=owner[0] if owner else None,
        tenant_name=tenant[1] if tenant else "", contacts=tuple(contacts), overdue_fen=overdue, owed_fen=owed,
        case_id=case[0] if case else None, stage=case[1] if case else None, collector=(case[2] or "") if case else "",
        case_reason=case[3] if case else None, hold_until=case[4] if case else None,
        contacts_this_week=contacts_in_week(session, room_id, now),
        last_contact_at=last[0] if last else None, last_outcome=last[1] if last else None,
        promises=pending, rules=contact_rules(session), next_step_on=next_on, next_step_name=next_name,
        today=today, now=now,
    )


# ---------------------------------------------------------------------------
# Logging a contact
# ---------------------------------------------------------------------------


def log_contact(
    session: Session,
    *,
    actor: UserDTO,
    draft: ContactDraft,
    now: datetime,
    confirmed: Collection[str] = (),
) -> LoggedContact:
    """Record a contact with ``draft`` at ``now`` (aware). ``confirmed`` lists the warning codes the
    user saw and chose to override; an unconfirmed warning raises :class:`ContactsNeedConfirmation`
    and nothing is written."""
    actor = authorize(session, actor, Permission.LOG_CONTACT)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    today = _local_today(now)
    room = session.execute(select(Room.id).where(Room.id == draft.room_id).with_for_update(key_share=True)).scalar()
    if room is None:
        raise NotFound("room.not_found", room_id=draft.room_id)
    channel, outcome = Channel(draft.channel), CallOutcome(draft.outcome)
    overdue, owed = room_owed(session, draft.room_id, today)
    first_error(contact_errors(draft, today=today, owed_fen=owed))

    contacts, people = _room_contacts(session, draft.room_id, today)
    contact = None
    number = draft.number_dialled.strip()
    if draft.contact_id is not None:
        contact = next((c for c in contacts if c.contact_id == draft.contact_id), None)
        if contact is None:
            raise ValidationError("contact.number_not_of_room", field="number")
        number = contact.value
    elif number:
        contact = next((c for c in contacts if c.value == number), None)
        if contact is None:
            raise ValidationError("contact.number_not_of_room", field="number")

    rules = contact_rules(session)
    warnings = contact_warnings(channel=channel, at_local=now.astimezone(),
                                contacts_this_week=contacts_in_week(session, draft.room_id, now), rules=rules)
    missing = [w for w in warnings if w.code not in set(confirmed)]
    if missing:
        raise ContactsNeedConfirmation(warnings=missing)
    overridden = tuple(w.code for w in warnings)

    case = session.execute(
        select(CollectionCase).where(CollectionCase.room_id == draft.room_id, CollectionCase.closed_on.is_(None))
    ).scalar_one_or_none()
    reason = ArrearsReason(draft.reason) if draft.reason is not None else None
    if case is not None and reason is not None and case.reason is not reason:
        case.reason = reason
    owner = people.get(PersonRole.OWNER)
    answered = AnsweredBy(draft.answered_by).value if draft.answered_by is not None else ""
    event = ContactEvent(
        room_id=draft.room_id, case_id=case.id if case else None,
        person_id=contact.person_id if contact else (owner[0] if owner else None),
        channel=channel, occurred_at=now.astimezone(UTC), user_id=actor.id, number_dialled=number[:32],
        answered_by=answered, outcome=outcome, reason=reason,
        complaint=draft.complaint_text.strip() if draft.complaint else "",
        next_follow_up=draft.next_follow_up, arrears_fen=overdue, note=draft.note.strip(),
        overridden=",".join(overridden),
    )
    session.add(event)
    session.flush()
    promise_id = None
    if draft.promise_date is not None and draft.promise_amount_fen is not None:
        promise = Promise(room_id=draft.room_id, case_id=case.id if case else None, contact_event_id=event.id,
                          made_on=today, due_date=draft.promise_date, amount_fen=draft.promise_amount_fen,
                          signed=bool(draft.promise_signed), created_by_id=actor.id)
        session.add(promise)
        session.flush()
        promise_id = promise.id
    issue_id = None
    if draft.complaint:
        issue = ServiceIssue(room_id=draft.room_id, case_id=case.id if case else None, contact_event_id=event.id,
                             category=IssueCategory(draft.complaint_category), description=draft.complaint_text.strip(),
                             raised_on=today, status=IssueStatus.OPEN, created_by_id=actor.id)
        session.add(issue)
        session.flush()
        issue_id = issue.id
    if outcome is CallOutcome.WRONG_NUMBER and contact is not None and contact.valid:
        session.execute(update(Contact).where(Contact.id == contact.contact_id)
                        .values(valid=False, version=Contact.version + 1))
    session.flush()
    audit.record(
        session, actor, "contact.log", "contact_event", event.id, room_id=draft.room_id, channel=channel.value,
        outcome=outcome.value, promise_id=promise_id, issue_id=issue_id, overridden=list(overridden),
    )
    return LoggedContact(event.id, draft.room_id, promise_id, issue_id, overridden, draft.next_follow_up)
