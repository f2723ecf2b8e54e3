"""What the case services share: the office's case settings, the rooms' debts, names, dates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Integer, func, select, type_coerce
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import Bill, Building, Estate, OfficeSetting, Room, Unit, User
from cuijiao_desktop.domain.cases import CaseSettings, SplitMode, SplitScope
from cuijiao_desktop.services.arrears import OUTSTANDING, UNPAID
from cuijiao_desktop.services.tx import read_only

#: Office settings of the case rules (OfficeSetting keys) and their defaults.
CASE_SETTING_KEYS: dict[str, str] = {
    "cases.open_min_fen": "100",  # a case opens when a room owes at least ¥1.00 …
    "cases.open_min_months": "1",  # … for at least 1 month
    "cases.split_mode": SplitMode.BY_BUILDING.value,
    "cases.split_scope": SplitScope.UNASSIGNED.value,
}


def _int(value: str, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@read_only
def case_settings(session: Session) -> CaseSettings:
    """The office's case threshold and default split options (defaults where never set)."""
    values = dict(CASE_SETTING_KEYS)
    values.update(session.execute(
        select(OfficeSetting.key, OfficeSetting.value).where(OfficeSetting.key.in_(list(CASE_SETTING_KEYS)))
    ).tuples().all())
    try:
        mode = SplitMode(values["cases.split_mode"])
    except ValueError:
        mode = SplitMode.BY_BUILDING
    try:
        scope = SplitScope(values["cases.split_scope"])
    except ValueError:
        scope = SplitScope.UNASSIGNED
    return CaseSettings(
        open_min_fen=max(0, _int(values["cases.open_min_fen"], 100)),
        open_min_months=max(0, _int(values["cases.open_min_months"], 1)),
        split_mode=mode,
        split_scope=scope,
    )


@dataclass(frozen=True, slots=True)
class Debt:
    """A room's overdue arrears today: what it owes (fen) and over how many billing months."""

    amount_fen: int
    months: int


def room_debts(session: Session, *, today: date, room_ids: Iterable[int] | None = None) -> dict[int, Debt]:
    """Overdue unpaid amount and months per room (rooms owing nothing are left out).

    The same rule as the arrears table (``services.arrears``): bills due before ``today`` that
    are not fully paid, discounted or waived, over the partial index of unpaid bills.
    """
    stmt = (
        select(Bill.room_id, type_coerce(func.sum(OUTSTANDING), Integer), func.count(func.distinct(Bill.period)))
        .where(UNPAID, Bill.due_date < today)
        .group_by(Bill.room_id)
    )
    if room_ids is not None:
        ids = list(room_ids)
        if not ids:
            return {}
        if len(ids) <= 500:
            stmt = stmt.where(Bill.room_id.in_(ids))
    wanted = None if room_ids is None or len(ids) <= 500 else set(ids)
    return {room: Debt(int(total), int(months)) for room, total, months in session.execute(stmt)
            if (wanted is None or room in wanted) and total and int(total) > 0}


def local_date(value: datetime | date | str) -> date:
    """The local calendar day of a stored UTC timestamp (SQLite hands back naive UTC text or
    datetimes; PostgreSQL aware ones). Business dates pass through."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone().date()
    return value


def user_names(session: Session) -> dict[int, str]:
    """Display names of all staff by id."""
    return dict(session.execute(select(User.id, User.display_name)).tuples().all())


@dataclass(frozen=True, slots=True)
class RoomPlace:
    """Where a room is: its estate, building and code."""

    room_id: int
    code: str
    estate_id: int
    estate: str
    building_id: int
    building: str
    unit: str | None


def room_places(session: Session, room_ids: Iterable[int] | None = None) -> dict[int, RoomPlace]:
    """Estate, building and code of rooms (all rooms when ``room_ids`` is None)."""
    estates = dict(session.execute(select(Estate.id, Estate.name)).tuples().all())
    buildings = dict(session.execute(select(Building.id, Building.name)).tuples().all())
    units = dict(session.execute(select(Unit.id, Unit.name)).tuples().all())
    stmt = select(Room.id, Room.code, Room.estate_id, Room.building_id, Room.unit_id)
    wanted = None
    if room_ids is not None:
        ids = list(room_ids)
        if not ids:
            return {}
        if len(ids) <= 500:
            stmt = stmt.where(Room.id.in_(ids))
        else:
            wanted = set(ids)
    return {
        rid: RoomPlace(rid, code, eid, estates.get(eid, ""), bid, buildings.get(bid, ""),
                       units.get(uid) if uid is not None else None)
        for rid, code, eid, bid, uid in session.execute(stmt) if wanted is None or rid in wanted
    }
