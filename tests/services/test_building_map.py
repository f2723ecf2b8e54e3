"""The building map's service: every room of one building with its overdue arrears and oldest age."""

from __future__ import annotations

from datetime import date

from factories import make_room_with_bills
from sqlalchemy import update

from cuijiao_desktop.db.models import Bill
from cuijiao_desktop.domain.ageing import AgeBucket
from cuijiao_desktop.services.building_map import building_map, map_buildings, room_floor

TODAY = date(2026, 9, 1)


def test_every_room_of_the_building_with_its_arrears_and_age(session_factory, read_factory):
    make_room_with_bills(session_factory, months=0, code="3-1-101")  # never billed
    make_room_with_bills(session_factory, months=2, monthly_fen=10_000, code="3-1-102", first_period=202607)
    make_room_with_bills(session_factory, months=14, monthly_fen=5_000, code="3-1-201", first_period=202507)
    make_room_with_bills(session_factory, months=1, monthly_fen=9_000, code="3-2-101", first_period=202609)
    paid = make_room_with_bills(session_factory, months=1, monthly_fen=8_000, code="3-2-201", first_period=202608)
    make_room_with_bills(session_factory, months=3, monthly_fen=7_000, code="5-1-101", first_period=202601)
    with session_factory.begin() as s:
        s.execute(update(Bill).where(Bill.id.in_(paid.bill_ids)).values(paid_fen=8_000))

    with read_factory.begin() as s:
        buildings = map_buildings(s)
        b3 = next(b for b in buildings if b.name == "3")
        assert [(b.name, b.rooms) for b in buildings] == [("3", 5), ("5", 1)]
        assert b3.estate == "测试花园"
        result = building_map(s, building_id=b3.id, today=TODAY)

    assert (result.estate, result.building, result.as_of) == ("测试花园", "3", TODAY)
    by_code = {r.code: r for r in result.rooms}
    assert [r.code for r in result.rooms] == ["3-1-101", "3-1-102", "3-1-201", "3-2-101", "3-2-201"]
    assert (by_code["3-1-101"].arrears_fen, by_code["3-1-101"].bucket) == (0, None)
    assert (by_code["3-1-102"].arrears_fen, by_code["3-1-102"].bucket) == (20_000, AgeBucket.M2)
    assert (by_code["3-1-201"].arrears_fen, by_code["3-1-201"].bucket) == (70_000, AgeBucket.M12_24)
    assert (by_code["3-2-101"].arrears_fen, by_code["3-2-101"].bucket) == (0, None)  # not yet due
    assert (by_code["3-2-201"].arrears_fen, by_code["3-2-201"].bucket) == (0, None)  # paid
    r = by_code["3-1-201"]
    assert (r.unit, r.floor, r.number, r.owner) == ("1", 2, "201", "张三")
    assert all(isinstance(x.arrears_fen, int) for x in result.rooms)
    assert (result.arrears_fen, result.rooms_in_arrears) == (90_000, 2)


def test_the_floor_comes_from_the_room_else_from_its_number():
    assert room_floor(7, "3", "1", "1502") == 7
    assert room_floor(None, "3", "1", "1502") == 15
    assert room_floor(None, "B1", None, "12") is None
