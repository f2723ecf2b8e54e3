"""The rooms page: SQL paging, header sorting, cascading filters, opening a room; the model passes the tester."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from cuijiao_desktop.db.models import Building, Estate, Person, Room, RoomPerson, Unit
from cuijiao_desktop.domain.enums import Occupancy, PersonRole, Role, Usage
from cuijiao_desktop.services.rooms import RoomRow
from cuijiao_desktop.views.models.rooms_model import RoomsTableModel, RowRole, SortRole
from cuijiao_desktop.views.pages.rooms_page import RoomsPage

TODAY = date(2026, 6, 20)


@pytest.fixture
def rooms(session_factory):
    """250 rooms: estate A (buildings 1 and 2, two units each) and 10 in estate B; every 4th vacant."""
    with session_factory.begin() as s:
        a, b = Estate(code="A", name="甲小区"), Estate(code="B", name="乙小区")
        s.add_all([a, b])
        s.flush()
        n = 0
        for estate, buildings, per_unit in ((a, ("1", "2"), 60), (b, ("9",), 5)):
            for bi, bname in enumerate(buildings):
                building = Building(estate_id=estate.id, name=bname, sort_order=bi)
                s.add(building)
                s.flush()
                for uname in ("1", "2"):
                    unit = Unit(building_id=building.id, name=uname)
                    s.add(unit)
                    s.flush()
                    for k in range(per_unit):
                        number = f"{k // 2 + 1}{k % 2 + 1:02d}"
                        room = Room(estate_id=estate.id, building_id=building.id, unit_id=unit.id,
                                    code=f"{bname}-{uname}-{number}", number=number, area_centi_m2=5000 + n,
                                    usage=Usage.RESIDENTIAL,
                                    occupancy=Occupancy.VACANT if n % 4 == 0 else Occupancy.OCCUPIED)
                        person = Person(name=f"业主{n:03d}", name_initials="yz")
                        s.add_all([room, person])
                        s.flush()
                        s.add(RoomPerson(room_id=room.id, person_id=person.id, role=PersonRole.OWNER))
                        n += 1
    return n


@pytest.fixture
def page(qtbot, runner, users, rooms):
    p = RoomsPage(runner, users[Role.CLERK], today=lambda: TODAY)
    qtbot.addWidget(p)
    p.resize(1100, 700)
    p.show()
    p.activate()
    return p


def test_first_page_and_paging(page):
    assert page.model.rowCount() == 100
    assert page.page_label.text() == "Page 1/3, 250 rooms"
    first = page.model.row_at(0)
    assert (first.estate_name, first.display_code) == ("甲小区", "1栋1单元101")
    assert not page.prev_button.isEnabled() and page.next_button.isEnabled()
    page.next_button.click()
    assert page.page_label.text() == "Page 2/3, 250 rooms"
    assert page.model.row_at(0).room_id != first.room_id
    page.last_button.click()
    assert page.page_label.text() == "Page 3/3, 250 rooms" and page.model.rowCount() == 50
    assert not page.next_button.isEnabled()
    page.first_button.click()
    assert page.model.row_at(0).room_id == first.room_id


def test_header_click_sorts_in_the_database(qtbot, page):
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(RoomsTableModel.Column.AREA) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    areas = [page.model.row_at(i).area_centi_m2 for i in range(page.model.rowCount())]
    assert page.sort_key == "area"
    assert areas == sorted(areas)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert page.descending
    assert page.model.row_at(0).area_centi_m2 == 5000 + 249  # the largest of all 250, not of the page


def test_filters_cascade_and_count(qtbot, page):
    page.occupancy_combo.setCurrentIndex(page.occupancy_combo.findData(Occupancy.VACANT))
    assert page.page.total == 63
    page.occupancy_combo.setCurrentIndex(0)
    assert not page.building_combo.isEnabled()
    page.estate_combo.setCurrentIndex(page.estate_combo.findText("甲小区"))
    assert page.page.total == 240
    assert [page.building_combo.itemText(i) for i in range(page.building_combo.count())][1:] == ["1栋", "2栋"]
    page.building_combo.setCurrentIndex(2)
    assert page.page.total == 120
    assert page.unit_combo.isEnabled()
    page.unit_combo.setCurrentIndex(1)
    assert page.page.total == 60
    assert {r.code.split("-")[:2] == ["2", "1"] for r in page.model._rows} == {True}
    page.estate_combo.setCurrentIndex(page.estate_combo.findText("乙小区"))
    assert page.page.total == 10 and page.building_combo.count() == 2


def test_text_filter(qtbot, page):
    page.text_edit.setText("9-2")
    page.text_edit.returnPressed.emit()
    assert page.page.total == 5


def test_double_click_and_enter_open_the_room(qtbot, page):
    index = page.model.index(3, RoomsTableModel.Column.ROOM)
    rect = page.table.visualRect(index)
    with qtbot.waitSignal(page.sig_open_room) as opened:
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a view needs the press
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [page.model.row_at(3).room_id]
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(5, 0))
    with qtbot.waitSignal(page.sig_open_room) as opened:
        QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [page.model.row_at(5).room_id]


def test_collector_sees_no_edit_buttons(qtbot, runner, users, rooms):
    p = RoomsPage(runner, users[Role.COLLECTOR], today=lambda: TODAY)
    qtbot.addWidget(p)
    assert p.new_button.isHidden() and p.tenant_button.isHidden()


def test_rooms_model_passes_the_model_tester(qtmodeltester):
    model = RoomsTableModel()
    row = RoomRow(room_id=1, code="3-2-1502", display_code="3栋2单元1502", estate_id=1, estate_name="测试花园",
                  building="3", unit="2", number="1502", area_centi_m2=8937, usage=Usage.RESIDENTIAL,
                  occupancy=Occupancy.RENTED, owner_name="张三", owner_type=None, phone_masked="****8000",
                  tenant_name="李四", arrears_fen=123_45)
    model.set_rows([row, RoomRow(**{**row.__dict__, "room_id": 2, "arrears_fen": 0})])
    qtmodeltester.check(model)
    assert model.index(0, RoomsTableModel.Column.AREA).data() == "89.37"
    assert model.index(0, RoomsTableModel.Column.ARREARS).data() == "¥123.45"
    assert model.index(0, RoomsTableModel.Column.ARREARS).data(SortRole) == 12345
    assert model.index(1, RoomsTableModel.Column.ARREARS).data() == ""
    assert model.index(1, 0).data(RowRole).room_id == 2
    with_sort = []
    model.sig_sort_requested.connect(lambda key, desc: with_sort.append((key, desc)))
    model.sort(RoomsTableModel.Column.OWNER, Qt.SortOrder.DescendingOrder)
    model.sort(RoomsTableModel.Column.PHONE)  # not sortable: ignored
    assert with_sort == [("owner", True)]
