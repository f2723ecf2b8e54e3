"""Rooms in arrears with owners and phones, for the print-room tests (notices, boards, dossiers)."""

from __future__ import annotations

from datetime import date

from factories import make_room_with_bills
from sqlalchemy.orm import Session, sessionmaker

from cuijiao_desktop.db.models import Contact, LateFeePolicyRow, OfficeSetting, Person, RoomPerson
from cuijiao_desktop.domain.enums import ContactKind, PersonRole

TODAY = date(2026, 11, 23)
#: room code -> (owner, phone, months of 250.00 from 2026-01)
ROOMS = {"3-2-1502": ("欧阳娜娜", "13800138000", 10), "3-2-1601": ("李四", "13912345678", 4),
         "5-1-302": ("王五", "13700001111", 2)}


def make_arrears(factory: sessionmaker[Session]) -> dict[str, int]:
    """Three rooms in one estate owing 10, 4 and 2 months; returns room ids by code."""
    ids = {}
    for code, (owner, phone, months) in ROOMS.items():
        room = make_room_with_bills(factory, months=months, monthly_fen=25_000, first_period=202601, code=code)
        ids[code] = room.room_id
        with factory.begin() as s:
            link = s.query(RoomPerson).filter_by(room_id=room.room_id, role=PersonRole.OWNER).one()
            person = s.get(Person, link.person_id)
            person.name = owner
            s.add(Contact(person_id=person.id, kind=ContactKind.MOBILE, value=phone, last4=phone[-4:],
                          is_primary=True))
    with factory.begin() as s:
        s.add(LateFeePolicyRow(name="合同约定", daily_rate_ppm=300, grace_days=30, from_notice_level=6,
                               contract_clause="《物业服务合同》第十二条", valid_from=date(2020, 1, 1)))
        for key, value in (("office.name", "测试物业服务中心"), ("office.phone", "0571-88886666"),
                           ("office.address", "测试路1号"), ("office.bank_name", "测试银行"),
                           ("office.bank_account", "6222000011112222")):
            s.add(OfficeSetting(key=key, value=value))
    return ids
