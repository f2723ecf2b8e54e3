"""The building map (楼栋图, issue 12): one building's rooms floor by floor, with what each owes.

:func:`building_map` reads every room of one building in one statement: the room, its unit, its
current owner and the per-room sums of the arrears table's one rule (``arrears.room_sums``: overdue
outstanding on ``today`` and the age bucket of the oldest overdue bill, aggregated in SQL over the
partial index of unpaid bills). Rooms that owe nothing come back too, with 0 and no bucket, so the
map shows the whole building. :func:`map_buildings` lists the buildings the chooser offers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import Building, Estate, Person, Room, RoomPerson, Unit
from cuijiao_desktop.domain.ageing import AgeBucket
from cuijiao_desktop.domain.enums import PersonRole
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.rooms import RoomCode, natural_key
from cuijiao_desktop.services.arrears import room_sums
from cuijiao_desktop.services.tx import read_only

__all__ = ["BuildingMap", "MapBuilding", "MapRoom", "building_map", "map_buildings", "room_floor"]


@dataclass(frozen=True)
class MapBuilding:
    """A building the chooser offers (estate → building)."""

    id: int
    estate_id: int
    estate: str
    name: str
    rooms: int


@dataclass(frozen=True)
class MapRoom:
    """One room of the map. ``floor`` is the room's floor (from the room, else from its number;
    None when neither says); ``bucket`` is the age of the oldest overdue bill (None: owes nothing)."""

    room_id: int
    code: str
    number: str
    unit: str | None
    floor: int | None
    owner: str
    arrears_fen: int
    bucket: AgeBucket | None


@dataclass(frozen=True)
class BuildingMap:
    """One building on ``as_of``: its rooms in building order (unit, floor, number)."""

    building_id: int
    estate: str
    building: str
    as_of: date
    rooms: tuple[MapRoom, ...]

    @property
    def arrears_fen(self) -> int:
        """What the building owes (overdue)."""
        return sum(r.arrears_fen for r in self.rooms)

    @property
    def rooms_in_arrears(self) -> int:
        return sum(1 for r in self.rooms if r.arrears_fen > 0)


def room_floor(floor: int | None, building: str, unit: str | None, number: str) -> int | None:
    """The floor of a room: the one recorded, else the one its number says (1502 -> 15), else None."""
    if floor is not None:
        return floor
    try:
        return RoomCode(building or "?", unit, number).floor
    except DomainError:
        return None


@read_only
def map_buildings(session: Session) -> tuple[MapBuilding, ...]:
    """Every building that has rooms, by estate and then in the office's building order."""
    rows = session.execute(
        select(Building.id, Building.estate_id, Estate.name, Building.name, Building.sort_order,
               func.count(Room.id))
        .join(Estate, Estate.id == Building.estate_id)
        .join(Room, Room.building_id == Building.id)
        .group_by(Building.id, Building.estate_id, Estate.name, Building.name, Building.sort_order)
    ).all()
    rows.sort(key=lambda r: (r[1], r[4], natural_key(r[3])))
    return tuple(MapBuilding(bid, eid, estate, name, int(n)) for bid, eid, estate, name, _order, n in rows)


@read_only
def building_map(session: Session, *, building_id: int, today: date) -> BuildingMap:
    """Every room of building ``building_id`` with its owner, overdue arrears and oldest age on ``today``."""
    head = session.execute(
        select(Estate.name, Building.name).join(Estate, Estate.id == Building.estate_id)
        .where(Building.id == building_id)
    ).one_or_none()
    if head is None:
        raise DomainError("building_map.not_found", building_id=building_id)
    estate, building = head
    sums = room_sums(today, rooms=select(Room.id).where(Room.building_id == building_id)).subquery("sums")
    owner_link = (
        select(func.min(RoomPerson.id))
        .where(RoomPerson.room_id == Room.id, RoomPerson.role == PersonRole.OWNER, RoomPerson.end_date.is_(None))
        .correlate(Room)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Room.id, Room.code, Room.number, Unit.name, Room.floor, Person.name,
               sums.c.total_fen, sums.c.age_bucket)
        .outerjoin(Unit, Unit.id == Room.unit_id)
        .outerjoin(sums, sums.c.room_id == Room.id)
        .outerjoin(RoomPerson, RoomPerson.id == owner_link)
        .outerjoin(Person, Person.id == RoomPerson.person_id)
        .where(Room.building_id == building_id)
    ).all()
    rooms = [
        MapRoom(room_id=rid, code=code, number=number, unit=unit,
                floor=room_floor(floor, building, unit, number), owner=owner or "",
                arrears_fen=int(total or 0), bucket=AgeBucket(int(age)) if total else None)
        for rid, code, number, unit, floor, owner, total, age in rows
    ]
    rooms.sort(key=lambda r: (natural_key(r.unit), r.floor if r.floor is not None else -10**6, natural_key(r.number)))
    return BuildingMap(building_id=building_id, estate=estate, building=building, as_of=today, rooms=tuple(rooms))
