"""The day's route for a team (the visit sheet's data): grouped estate → building → unit → floor
in walking order, each stop with its window, arrears, last contact and the notice to hand over."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import Building, ContactEvent, Estate, Room, Unit, Visit
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.masking import mask_name
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.rooms import natural_key, parse_room_code
from cuijiao_desktop.domain.visits import OPEN_STATUSES, standing_words, team_key, team_matches

from ..actor import authorize
from ..arrears import late_fee_due_by_room, room_sums
from ..dto import UserDTO
from ..tx import read_only
from .calendar import calendar_rows, owner_and_phone
from .common import local_bounds, notices_to_hand, open_issues, visit_standing
from .dto import RouteSection, RouteStop, VisitRoute

__all__ = ["visit_route"]

def _display(code: str) -> str:
    try:
        return parse_room_code(code).display
    except DomainError:
        return code


def _last_contacts(session: Session, room_ids: list[int]) -> dict[int, tuple]:
    """The latest contact of each room that says something about the owner: the calls that booked
    a visit (a visit's ``appointment_event_id``) are left out, the sheet would otherwise show the
    booking call as the last word on the room."""
    booking = select(Visit.appointment_event_id).where(Visit.appointment_event_id.is_not(None))
    said = ContactEvent.room_id.in_(room_ids) & ContactEvent.id.not_in(booking)
    latest = (select(ContactEvent.room_id.label("room_id"), func.max(ContactEvent.occurred_at).label("at"))
              .where(said).group_by(ContactEvent.room_id).subquery())
    out: dict[int, tuple] = {}
    for room_id, at, channel, outcome, note in session.execute(
        select(ContactEvent.room_id, ContactEvent.occurred_at, ContactEvent.channel, ContactEvent.outcome,
               ContactEvent.note)
        .join(latest, (latest.c.room_id == ContactEvent.room_id) & (latest.c.at == ContactEvent.occurred_at))
        .where(said)
        .order_by(ContactEvent.id)
    ):
        out[room_id] = (at, channel, outcome, note or "")
    return out


@read_only
def visit_route(session: Session, *, actor: UserDTO, day: date, team: str | None = None) -> VisitRoute:
    """The planned and confirmed visits of local ``day`` (of ``team``: a label, or a member's user
    name or display name; None or "" for all), in walking order per team (teams in the order of
    their first visit; a visit without a label is the team of its people): the team's estates in
    the order of its first visit there, then buildings (their sort order, then natural order),
    units (natural order) and floors going up, rooms by number; each stop with its time window. A stop whose room has since paid
    or gone on hold that day stays in its place, marked (``RouteStop.standing``): the owner may be
    expecting the team, and a stop that silently vanished would read as forgotten."""
    authorize(session, actor, Permission.VIEW)
    start, end = local_bounds(day)
    visits = calendar_rows(session, (Visit.planned_at >= start) & (Visit.planned_at < end)
                           & Visit.status.in_(list(OPEN_STATUSES)), day)
    if team and team.strip():
        visits = [v for v in visits
                  if team_matches(team, label=v.team, members=[(s.username, s.name) for s in v.staff])]
    if not visits:
        return VisitRoute(day, (team or "").strip(), ())
    room_ids = sorted({v.room_id for v in visits})
    rooms = {r[0]: r for r in session.execute(
        select(Room.id, Room.number, Room.floor, Building.name, Building.sort_order, Unit.name, Estate.code)
        .join(Building, Building.id == Room.building_id).outerjoin(Unit, Unit.id == Room.unit_id)
        .join(Estate, Estate.id == Room.estate_id).where(Room.id.in_(room_ids)))}
    sums = {r.room_id: r for r in session.execute(room_sums(day, rooms=room_ids))}
    fees = late_fee_due_by_room(session, room_ids=room_ids)
    notices = notices_to_hand(session, room_ids)
    contacts = _last_contacts(session, room_ids)
    issues = open_issues(session, room_ids)
    visit_notes = dict(session.execute(select(Visit.id, Visit.note).where(Visit.id.in_([v.visit_id for v in visits])))
                       .tuples().all())
    standing = visit_standing(session, [(v.visit_id, v.room_id, day) for v in visits],
                              {rid: int(s.total_fen) for rid, s in sums.items()})
    # walking order is per team (a team's sheet is the same printed alone or with the others):
    # teams in the order of their first visit, then the team's estates in the order of its first visit there
    team_of = {v.visit_id: team_key(v.team, v.staff_ids) for v in visits}
    team_first: dict[object, int] = {}
    first_at: dict[tuple, object] = {}
    for v in visits:
        team_first.setdefault(team_of[v.visit_id], len(team_first))
        first_at.setdefault((team_of[v.visit_id], v.estate), v.start)

    def key(v):
        _, number, floor, building, b_order, unit, _ = rooms[v.room_id]
        team = team_of[v.visit_id]
        return (team_first[team], first_at[(team, v.estate)], v.estate, b_order or 0, natural_key(building),
                natural_key(unit), floor if floor is not None else -1, natural_key(number), v.start, v.visit_id)

    sections: dict[tuple, list[RouteStop]] = defaultdict(list)
    for v in sorted(visits, key=key):
        _, _, floor, building, _, unit, _ = rooms[v.room_id]
        s = sums.get(v.room_id)
        owner, phone = owner_and_phone(session, v.room_id)
        last = contacts.get(v.room_id)
        sections[(team_first[team_of[v.visit_id]], v.estate, building, unit or "", floor)].append(RouteStop(
            visit_id=v.visit_id, start=v.start, end=v.end, status=v.status, confirmed=v.confirmed, team=v.team,
            staff=v.staff, room_id=v.room_id, room_code=v.room_code, room_display=_display(v.room_code),
            estate=v.estate, building=building, unit=unit or "", floor=floor, owner=owner,
            owner_masked=mask_name(owner) if owner else "", phone_masked=phone,
            arrears_fen=int(s.total_fen) if s else 0, late_fee_fen=int(fees.get(v.room_id, 0)),
            months=int(s.months) if s else 0, oldest_period=int(s.oldest_period) if s and s.oldest_period else None,
            last_contact_at=last[0] if last else None, last_contact_channel=last[1] if last else None,
            last_contact_outcome=last[2] if last else None, last_contact_note=last[3] if last else "",
            notice=notices.get(v.room_id), open_issues=tuple(issues.get(v.room_id, ())),
            note=visit_notes.get(v.visit_id) or "", standing=standing_words(standing.get(v.visit_id, ())),
        ))
    return VisitRoute(day, (team or "").strip(),
                      tuple(RouteSection(e, b, u, f, tuple(stops)) for (_, e, b, u, f), stops in sections.items()))
