"""Small builders for test data (tests only): an estate with rooms, fee items and bills."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import openpyxl
from sqlalchemy import MetaData, Table, insert
from sqlalchemy.orm import Session, sessionmaker

from cuijiao_desktop.db.models import (
    Building,
    Estate,
    FeeItem,
    LateFeeAssessment,
    LateFeePolicyRow,
    Person,
    Room,
    RoomPerson,
    Unit,
)
from cuijiao_desktop.domain.enums import ChargeBasis, PersonRole, Role
from cuijiao_desktop.services.dto import UserDTO


@dataclass(frozen=True)
class RoomWithBills:
    room_id: int
    bill_ids: tuple[int, ...]
    monthly_fen: int


def period_add(period: int, months: int) -> int:
    y, m = divmod(period // 100 * 12 + period % 100 - 1 + months, 12)
    return y * 100 + m + 1


def make_room_with_bills(
    factory: sessionmaker[Session], *, months: int = 6, monthly_fen: int = 25_000, first_period: int = 202601,
    code: str = "3-2-1502", estate_code: str = "T1",
) -> RoomWithBills:
    """One room in a new (or existing) estate with ``months`` monthly property-fee bills."""
    with factory.begin() as s:
        estate = s.query(Estate).filter_by(code=estate_code).one_or_none()
        if estate is None:
            estate = Estate(code=estate_code, name="测试花园")
            s.add(estate)
            s.flush()
        b, u, r = code.split("-")
        building = s.query(Building).filter_by(estate_id=estate.id, name=b).one_or_none()
        if building is None:
            building = Building(estate_id=estate.id, name=b)
            s.add(building)
            s.flush()
        unit = s.query(Unit).filter_by(building_id=building.id, name=u).one_or_none()
        if unit is None:
            unit = Unit(building_id=building.id, name=u)
            s.add(unit)
            s.flush()
        item = s.query(FeeItem).filter_by(code="property").one_or_none()
        if item is None:
            item = FeeItem(code="property", name="物业管理费", basis=ChargeBasis.PER_AREA, sort_order=1)
            s.add(item)
            s.flush()
        room = Room(estate_id=estate.id, building_id=building.id, unit_id=unit.id, code=code, number=r,
                    floor=int(r) // 100, area_centi_m2=8937)
        owner = Person(name="张三", name_initials="zs")
        s.add_all([room, owner])
        s.flush()
        s.add(RoomPerson(room_id=room.id, person_id=owner.id, role=PersonRole.OWNER))
        s.flush()
        # Core over the table as the database has it: migration tests build rooms at older revisions too
        table = Table("bill", MetaData(), autoload_with=s.connection())
        present = set(table.c.keys())
        rows = []
        for i in range(months):
            period = period_add(first_period, i)
            row = {"room_id": room.id, "fee_item_id": item.id, "period": period, "amount_fen": monthly_fen,
                   "issued_amount_fen": monthly_fen, "discount_fen": 0, "paid_fen": 0, "waived_fen": 0,
                   "due_date": date(period // 100, period % 100, 10), "basis_note": "",
                   "created_at": datetime.now(UTC), "version": 1}
            rows.append({k: v for k, v in row.items() if k in present})
        ids = (s.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).scalars().all()
               if rows else [])
        return RoomWithBills(room.id, tuple(ids), monthly_fen)


def assess_late_fees(factory: sessionmaker[Session], fees: Mapping[int, int], *, as_of: date,
                     days: int = 90) -> int:
    """A contract's late-fee policy (合同第12条, 0.3 ‰ a day) and, on each bill of ``fees``, the late fee
    (fen) assessed as of ``as_of``. Returns the policy's id."""
    with factory.begin() as s:
        policy = LateFeePolicyRow(name="合同第12条", daily_rate_ppm=300, valid_from=date(2020, 1, 1))
        s.add(policy)
        s.flush()
        for bill_id, fen in fees.items():
            s.add(LateFeeAssessment(bill_id=bill_id, policy_id=policy.id, as_of=as_of, days=days,
                                    amount_fen=fen))
        return policy.id


def write_sheet(path: Path, rows: Iterable[Sequence[object]]) -> Path:
    """A workbook at ``path`` whose one sheet holds ``rows`` from the first line."""
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(list(row))
    wb.save(path)
    return path


@cache
def password1_hash() -> str:
    """One argon2id hash of "password1" per test run (each costs ~150 ms; tests need not pay it per user)."""
    from cuijiao_desktop.services.passwords import hash_password

    return hash_password("password1")


def make_user(factory: sessionmaker[Session], role: Role, username: str | None = None) -> UserDTO:
    """Create a user with password "password1" directly, signed in (tests only): the returned user
    carries the token of an open sign-in, as a real log-in gives."""
    from cuijiao_desktop.db.models import User
    from cuijiao_desktop.services.actor import start_session

    with factory.begin() as s:
        user = User(
            username=username or f"u_{role.value}", display_name=f"测试{role.value}", role=role,
            password_hash=password1_hash(),
        )
        s.add(user)
        s.flush()
        token = start_session(s, user.id, client="test")
        return UserDTO.of(user.id, user.username, user.display_name, role, token=token)
