"""Test data for the ledger (issue 9): an office with fee items, standards, readings, rooms of every kind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from cuijiao_desktop.db.models import (
    Building,
    Estate,
    FeeItem,
    FeeStandard,
    LateFeePolicyRow,
    MeterReading,
    Room,
    Unit,
)
from cuijiao_desktop.domain.enums import ChargeBasis, Occupancy, Usage


@dataclass(frozen=True)
class BillingOffice:
    """Two estates; rooms by name; fee items by code."""

    estates: dict[str, int]
    rooms: dict[str, int]
    items: dict[str, int]
    policy_id: int


def make_billing_office(factory: sessionmaker[Session], *, late_fee_ppm: int = 500, grace_days: int = 0,
                        from_notice_level: int | None = None) -> BillingOffice:
    """锦绣 (A): flats 1-1-101 (89.37 m², occupied), 1-1-102 (120.00 m², vacant, 30 % off), shop 1-105
    (55.50 m²), parking B1-001; 翠湖 (B): flat 2-1-201 (100.00 m²). Standards from 2026-01-01:
    物业管理费 2.50/m² (A residential, price 2.80 from 2026-07-01), 3.00/m² for shops, 1.90/m² office-wide
    for residential (B has no own standard); 车位费 80.00 fixed for parking; 水费 4.10/t metered for A
    residential, readings for 2026-07 (flat 101: 12.34 t) and 2026-06 (flat 102)."""
    with factory.begin() as s:
        policy = LateFeePolicyRow(name="合同第12条", daily_rate_ppm=late_fee_ppm, grace_days=grace_days,
                                  from_notice_level=from_notice_level, valid_from=date(2020, 1, 1))
        s.add(policy)
        s.flush()
        items = {}
        for code, name, basis, unit, order, pol in (
            ("WYF", "物业管理费", ChargeBasis.PER_AREA, "元/㎡·月", 1, policy.id),
            ("CWF", "车位管理费", ChargeBasis.FIXED, "元/个·月", 3, policy.id),
            ("SF", "水费", ChargeBasis.METERED, "元/吨", 4, None),
        ):
            item = FeeItem(code=code, name=name, basis=basis, unit_label=unit, sort_order=order,
                           late_fee_policy_id=pol)
            s.add(item)
            s.flush()
            items[code] = item.id
        estates, rooms = {}, {}
        for code, name in (("A", "锦绣"), ("B", "翠湖")):
            e = Estate(code=code, name=name)
            s.add(e)
            s.flush()
            estates[code] = e.id
        spec = [
            ("A", "1", "1", "1-1-101", "101", 8937, Usage.RESIDENTIAL, Occupancy.OCCUPIED),
            ("A", "1", "1", "1-1-102", "102", 12000, Usage.RESIDENTIAL, Occupancy.VACANT),
            ("A", "1", None, "1-105", "105", 5550, Usage.SHOP, Occupancy.OCCUPIED),
            ("A", "B1", None, "B1-001", "001", 1250, Usage.PARKING, Occupancy.OCCUPIED),
            ("B", "2", "1", "2-1-201", "201", 10000, Usage.RESIDENTIAL, Occupancy.RENTED),
        ]
        buildings: dict[tuple[str, str], int] = {}
        units: dict[tuple[int, str], int] = {}
        for ecode, bname, uname, code, number, area, usage, occ in spec:
            key = (ecode, bname)
            if key not in buildings:
                b = Building(estate_id=estates[ecode], name=bname)
                s.add(b)
                s.flush()
                buildings[key] = b.id
            unit_id = None
            if uname is not None:
                ukey = (buildings[key], uname)
                if ukey not in units:
                    u = Unit(building_id=buildings[key], name=uname)
                    s.add(u)
                    s.flush()
                    units[ukey] = u.id
                unit_id = units[ukey]
            room = Room(estate_id=estates[ecode], building_id=buildings[key], unit_id=unit_id, code=code,
                        number=number, area_centi_m2=area, usage=usage, occupancy=occ)
            s.add(room)
            s.flush()
            rooms[code] = room.id
        start = date(2026, 1, 1)
        s.add_all([
            FeeStandard(fee_item_id=items["WYF"], estate_id=estates["A"], usage=Usage.RESIDENTIAL,
                        unit_price_fen=250, vacancy_discount_pct=30, valid_from=start, valid_to=date(2026, 6, 30)),
            FeeStandard(fee_item_id=items["WYF"], estate_id=estates["A"], usage=Usage.RESIDENTIAL,
                        unit_price_fen=280, vacancy_discount_pct=30, valid_from=date(2026, 7, 1)),
            FeeStandard(fee_item_id=items["WYF"], estate_id=estates["A"], usage=Usage.SHOP, unit_price_fen=300,
                        valid_from=start),
            FeeStandard(fee_item_id=items["WYF"], estate_id=None, usage=Usage.RESIDENTIAL, unit_price_fen=190,
                        valid_from=start),
            FeeStandard(fee_item_id=items["CWF"], estate_id=estates["A"], usage=Usage.PARKING,
                        unit_price_fen=8000, valid_from=start),
            FeeStandard(fee_item_id=items["SF"], estate_id=estates["A"], usage=Usage.RESIDENTIAL,
                        unit_price_fen=410, valid_from=start),
            MeterReading(room_id=rooms["1-1-101"], fee_item_id=items["SF"], period=202607, previous_reading=10_000,
                         current_reading=11_234, read_on=date(2026, 6, 25)),
            MeterReading(room_id=rooms["1-1-102"], fee_item_id=items["SF"], period=202606, previous_reading=500,
                         current_reading=500, read_on=date(2026, 5, 25)),
        ])
        return BillingOffice(estates, rooms, items, policy.id)
