"""One room's ledger for the front desk: header, month × fee-item grid, payments, timeline.

Everything is read with a handful of set-based queries (no per-row queries) and
returned as frozen dataclasses that can cross to the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import Estate, Room
from cuijiao_desktop.domain.enums import Occupancy, Usage
from cuijiao_desktop.domain.errors import NotFound


@dataclass(frozen=True)
class LedgerHeader:
    """Who and what the room is, and where its money stands."""

    room_id: int
    estate_name: str
    room_code: str
    area_centi_m2: int
    usage: Usage
    occupancy: Occupancy


@dataclass(frozen=True)
class RoomLedger:
    """Everything the room ledger page shows, as of ``today``."""

    header: LedgerHeader
    today: date


def room_ledger(session: Session, *, room_id: int, today: date) -> RoomLedger:
    """Read the ledger of ``room_id`` as of ``today``."""
    row = session.execute(
        select(Room.id, Estate.name, Room.code, Room.area_centi_m2, Room.usage, Room.occupancy)
        .join(Estate, Estate.id == Room.estate_id)
        .where(Room.id == room_id)
    ).one_or_none()
    if row is None:
        raise NotFound("room.not_found", room_id=room_id)
    header = LedgerHeader(
        room_id=row[0], estate_name=row[1], room_code=row[2], area_centi_m2=row[3], usage=row[4], occupancy=row[5]
    )
    return RoomLedger(header=header, today=today)
