"""Global search (Ctrl+F): room codes in any shape, names, pinyin initials, the last digits of a phone.

One call per keystroke, so every step is an indexed lookup with a LIMIT, and the
expensive parts (owner, phone, arrears) are filled only for the hits returned.
Ranking: exact room code, then room-code prefix, then name, then initials, then phone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import Building, Contact, Estate, Person, Room, RoomPerson, Unit
from cuijiao_desktop.domain.enums import PersonRole
from cuijiao_desktop.domain.masking import phone_last4
from cuijiao_desktop.domain.rooms import RoomQuery, parse_room_query

from .rooms import current_people, display_code, prefix_match, primary_phones, room_arrears
from .tx import read_only

__all__ = ["MAX_QUERY", "HitKind", "SearchHit", "search"]

#: Longer input is not a search (a pasted paragraph): nothing is found.
MAX_QUERY = 64

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LINKED_ROLES = (PersonRole.OWNER, PersonRole.TENANT)


class HitKind(IntEnum):
    """Why a room was found; the order is the ranking order."""

    ROOM_EXACT = 0
    ROOM_PREFIX = 1
    NAME = 2
    INITIALS = 3
    PHONE = 4


@dataclass(frozen=True)
class SearchHit:
    """One line of the search popup. ``phone_masked`` shows only the last 4 digits."""

    room_id: int
    room_code: str  # canonical, "3-2-1502"
    room_display: str  # "3栋2单元1502"
    estate_name: str
    person_id: int | None
    person_name: str
    role: PersonRole | None
    phone_masked: str
    arrears_fen: int
    kind: HitKind

    @property
    def title(self) -> str:
        """``"锦绣花园 3栋2单元1502"``."""
        return f"{self.estate_name} {self.room_display}"


# (kind, room id, person id or None, matched phone or None)
_Candidate = tuple[HitKind, int, int | None, str | None]


def _room_candidates(session: Session, rq: RoomQuery, limit: int, dialect: str) -> list[_Candidate]:
    stmt = select(Room.id).select_from(Room)
    if rq.building is not None:
        stmt = stmt.join(Building, Building.id == Room.building_id).where(Building.name == rq.building)
    if rq.unit is not None:
        stmt = stmt.join(Unit, Unit.id == Room.unit_id).where(Unit.name == rq.unit)
    if rq.room is None:
        ids = session.scalars(stmt.order_by(Room.id).limit(limit)).all()
        return [(HitKind.ROOM_PREFIX, rid, None, None) for rid in ids]
    exact = session.scalars(stmt.where(Room.number == rq.room).order_by(Room.id).limit(limit)).all()
    out: list[_Candidate] = [(HitKind.ROOM_EXACT, rid, None, None) for rid in exact]
    if len(out) < limit:
        prefix = session.scalars(
            stmt.where(prefix_match(Room.number, rq.room, dialect), Room.number != rq.room)
            .order_by(Room.number, Room.id).limit(limit - len(out))
        ).all()
        out += [(HitKind.ROOM_PREFIX, rid, None, None) for rid in prefix]
    return out


def _linked(condition, order, limit: int):
    return (
        select(RoomPerson.room_id, Person.id)
        .select_from(Person)
        .join(RoomPerson, RoomPerson.person_id == Person.id)
        .where(condition, RoomPerson.end_date.is_(None), RoomPerson.role.in_(_LINKED_ROLES))
        .order_by(*order, RoomPerson.room_id)
        .limit(limit)
    )


def _name_candidates(session: Session, q: str, limit: int, dialect: str) -> list[_Candidate]:
    starts = prefix_match(Person.name, q, dialect)
    rows = list(session.execute(_linked(starts, (Person.name, Person.id), limit)).all())
    if len(rows) < limit:
        contains = (func.instr(Person.name, q) if dialect == "sqlite" else func.strpos(Person.name, q)) > 1
        rows += session.execute(_linked(contains, (Person.name, Person.id), limit - len(rows))).all()
    return [(HitKind.NAME, rid, pid, None) for rid, pid in rows]


def _initials_candidates(session: Session, q: str, limit: int, dialect: str) -> list[_Candidate]:
    cond = prefix_match(Person.name_initials, q.lower(), dialect)
    rows = session.execute(_linked(cond, (Person.name_initials, Person.name, Person.id), limit)).all()
    return [(HitKind.INITIALS, rid, pid, None) for rid, pid in rows]


def _phone_candidates(session: Session, digits: str, limit: int) -> list[_Candidate]:
    rows = session.execute(
        select(RoomPerson.room_id, Person.id, Contact.value)
        .select_from(Contact)
        .join(Person, Person.id == Contact.person_id)
        .join(RoomPerson, RoomPerson.person_id == Person.id)
        .where(Contact.last4 == digits[-4:], RoomPerson.end_date.is_(None), RoomPerson.role.in_(_LINKED_ROLES))
        .order_by(Contact.valid.desc(), Person.name, Person.id, RoomPerson.room_id)
    ).all()
    out: list[_Candidate] = []
    for rid, pid, value in rows:
        if len(digits) > 4 and not re.sub(r"[^0-9]", "", value).endswith(digits):
            continue
        out.append((HitKind.PHONE, rid, pid, value))
        if len(out) >= limit:
            break
    return out


@read_only
def search(session: Session, query: str, *, limit: int = 20, today: date) -> list[SearchHit]:
    """Rooms matching ``query`` (room code, name, pinyin initials or phone digits), best first.

    At most ``limit`` hits; each carries the room, a person (the owner for room-code hits),
    the phone masked to its last 4 digits, and the room's overdue arrears on ``today``.
    """
    q = unicodedata.normalize("NFKC", query or "").strip()
    if not q or len(q) > MAX_QUERY or limit <= 0:
        return []
    dialect = session.get_bind().dialect.name
    candidates: list[_Candidate] = []
    seen: set[tuple[int, int | None]] = set()

    def take(found: list[_Candidate]) -> None:
        for c in found:
            key = (c[1], c[2])
            if key not in seen and (c[1], None) not in seen and len(candidates) < limit:
                seen.add(key)
                candidates.append(c)

    rq = parse_room_query(q)
    if rq is not None:
        take(_room_candidates(session, rq, limit, dialect))
    compact = re.sub(r"\s+", "", q)
    if len(candidates) < limit and _CJK.search(compact):
        take(_name_candidates(session, compact, limit, dialect))
    if len(candidates) < limit and re.fullmatch(r"[A-Za-z]{1,32}", compact):
        take(_initials_candidates(session, compact, limit, dialect))
    digits = re.sub(r"[\s\-]", "", q)
    if len(candidates) < limit and re.fullmatch(r"\+?[0-9]{4,13}", digits, flags=re.ASCII):
        take(_phone_candidates(session, digits.lstrip("+"), limit - len(candidates)))
    return _hits(session, candidates, today)


def _hits(session: Session, candidates: list[_Candidate], today: date) -> list[SearchHit]:
    if not candidates:
        return []
    room_ids = sorted({c[1] for c in candidates})
    rooms = {
        rid: (code, estate)
        for rid, code, estate in session.execute(
            select(Room.id, Room.code, Estate.name).join(Estate, Estate.id == Room.estate_id)
            .where(Room.id.in_(room_ids))
        ).all()
    }
    people = current_people(session, room_ids)
    person_ids = {c[2] for c in candidates if c[2] is not None}
    for linked in people.values():
        person_ids.update(p[0] for p in linked.values())
    names = dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(sorted(person_ids)))).all())
    roles = {
        (rid, pid): role
        for rid, pid, role in session.execute(
            select(RoomPerson.room_id, RoomPerson.person_id, RoomPerson.role)
            .where(RoomPerson.room_id.in_(room_ids), RoomPerson.end_date.is_(None))
            .order_by(RoomPerson.id.desc())
        ).all()
    }
    phones = primary_phones(session, person_ids)
    arrears = room_arrears(session, room_ids, today=today)
    hits = []
    for kind, rid, pid, matched_phone in candidates:
        code, estate = rooms[rid]
        role: PersonRole | None = None
        if pid is None:
            linked = people.get(rid, {})
            first = linked.get(PersonRole.OWNER) or linked.get(PersonRole.TENANT)
            if first is not None:
                pid = first[0]
        if pid is not None:
            role = roles.get((rid, pid))
        phone = matched_phone or (phones.get(pid, "") if pid is not None else "")
        hits.append(SearchHit(
            room_id=rid, room_code=code, room_display=display_code(code), estate_name=estate, person_id=pid,
            person_name=names.get(pid, "") if pid is not None else "", role=role,
            phone_masked=phone_last4(phone) if phone else "", arrears_fen=arrears.get(rid, 0), kind=kind,
        ))
    return hits
