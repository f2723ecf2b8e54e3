"""Room and person dialogs: red messages beside bad fields, typed values kept, stale saves offer a reload,
a tenant change keeps history; then the database is checked."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from sqlalchemy import select

from cuijiao_desktop.db.models import AuditLog, Contact, Estate, Person
from cuijiao_desktop.domain.enums import ContactKind, Occupancy, PersonRole, Role
from cuijiao_desktop.services import rooms as svc
from cuijiao_desktop.services.rooms import ContactDraft, NamedId, PersonDraft, RoomDraft
from cuijiao_desktop.views.dialogs.person_edit_dialog import ChangeTenantDialog, PersonEditDialog
from cuijiao_desktop.views.dialogs.room_edit_dialog import RoomEditDialog

TODAY = date(2026, 6, 20)


@pytest.fixture
def estate(session_factory):
    with session_factory.begin() as s:
        e = Estate(code="T1", name="测试花园")
        s.add(e)
        s.flush()
        return NamedId(e.id, e.name)


@pytest.fixture
def room(session_factory, users, estate):
    with session_factory.begin() as s:
        return svc.save_room(s, actor=users[Role.CLERK], owner=PersonDraft(
            name="张三", contacts=(ContactDraft(kind=ContactKind.MOBILE, value="13800138000"),)),
            draft=RoomDraft(estate_id=estate.id, building="3", unit="2", number="1502", area="89.37"))


def test_new_room_shows_errors_beside_fields_then_saves_with_owner(qtbot, runner, users, estate, session_factory):
    dialog = RoomEditDialog(runner, users[Role.CLERK], estates=[estate], default_estate_id=estate.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.building.setText("3栋")
    dialog.unit.setText("2单元")
    dialog.number.setText("1601")
    dialog.area.setText("0")
    dialog.owner_name.setText("李四")
    dialog.owner_phone.setText("12345")
    dialog.save()
    assert dialog.isVisible()
    assert dialog.errors.text("area") == "The area must be more than zero."
    assert "is not a phone number" in dialog.errors.text("owner.phone")
    assert dialog.errors.text("room") == ""
    assert (dialog.area.text(), dialog.owner_phone.text(), dialog.number.text()) == ("0", "12345", "1601")
    dialog.area.setText("92.5")
    dialog.owner_phone.setText("139 1234 5678")
    with qtbot.waitSignal(dialog.sig_saved) as saved:
        dialog.save()
    detail = saved.args[0]
    assert (detail.code, detail.area_centi_m2) == ("3-2-1601", 9250)
    assert [o.name for o in detail.owners] == ["李四"]
    with session_factory() as s:
        person = s.scalars(select(Person).where(Person.name == "李四")).one()
        assert person.name_initials == "ls"
        assert s.scalars(select(Contact.value).where(Contact.person_id == person.id)).all() == ["13912345678"]


def test_duplicate_room_from_the_service_lands_beside_the_number(qtbot, runner, users, estate, room):
    dialog = RoomEditDialog(runner, users[Role.CLERK], estates=[estate], default_estate_id=estate.id)
    qtbot.addWidget(dialog)
    for widget, text in ((dialog.building, "3"), (dialog.unit, "2"), (dialog.number, "1502"), (dialog.area, "80")):
        widget.setText(text)
    dialog.save()
    assert dialog.errors.text("room") == "Room 3栋2单元1502 already exists in this estate."
    assert dialog.number.text() == "1502" and dialog.result() == 0


def test_stale_room_save_offers_reload(qtbot, runner, users, estate, room, session_factory):
    dialog = RoomEditDialog(runner, users[Role.CLERK], estates=[estate], detail=room)
    qtbot.addWidget(dialog)
    dialog.show()
    with session_factory.begin() as s:  # a colleague saves first
        svc.save_room(s, actor=users[Role.MANAGER], draft=RoomDraft(
            estate_id=estate.id, building="3", unit="2", number="1502", area="100", room_id=room.room_id,
            version=room.version))
    dialog.area.setText("95")
    dialog.save()
    assert dialog.banner.isVisible() and "Someone else changed this room" in dialog.banner.text.text()
    assert dialog.area.text() == "95"  # kept until the clerk chooses to reload
    assert dialog.banner.button.isVisible()
    dialog.banner.button.click()
    assert dialog.area.text() == "100.00" and not dialog.banner.isVisible()
    dialog.area.setText("95")
    with qtbot.waitSignal(dialog.sig_saved):
        dialog.save()
    with session_factory() as s:
        assert svc.get_room_detail(s, room.room_id).area_centi_m2 == 9500


def test_person_dialog_validates_each_contact_and_saves(qtbot, runner, users, room, session_factory):
    pid = room.owners[0].person_id
    with session_factory() as s:
        draft = svc.get_person_draft(s, pid)
    dialog = PersonEditDialog(runner, users[Role.CLERK], draft=draft, room=room)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.contact_rows[0].value.text() == "13800138000"
    dialog.name.setText("")
    second = dialog.add_contact(None)
    second.value.setText("0571-123")
    dialog.save()
    assert dialog.errors.text("name") == "Enter the name."
    assert "is not a phone number" in dialog.errors.text("contacts.1.value")
    assert dialog.errors.text("contacts.0.value") == ""
    dialog.name.setText("张三丰")
    second.kind.setCurrentIndex(second.kind.findData(ContactKind.LANDLINE))
    second.value.setText("0571 8123 4567")
    with qtbot.waitSignal(dialog.sig_saved):
        dialog.save()
    with session_factory() as s:
        person = s.get(Person, pid)
        assert (person.name, person.name_initials) == ("张三丰", "zsf")
        assert s.scalars(select(Contact.value).where(Contact.person_id == pid).order_by(Contact.id)).all() == [
            "13800138000", "0571-81234567"]
        assert s.scalars(select(AuditLog.action).where(AuditLog.entity == "person")).all()[-1] == "person.update"


def test_change_tenant_dialog_keeps_history(qtbot, runner, users, room, session_factory):
    dialog = ChangeTenantDialog(runner, users[Role.CLERK], room=room, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.current_label.text() == "The room has no tenant now."
    dialog.name.setText("赵六")
    dialog.contact_rows[0].value.setText("13700008000")
    dialog.start.setDate(QDate(2026, 3, 1))
    with qtbot.waitSignal(dialog.sig_saved):
        dialog.save()
    with session_factory() as s:
        detail = svc.get_room_detail(s, room.room_id)
    assert detail.tenant.name == "赵六" and detail.occupancy is Occupancy.RENTED

    second = ChangeTenantDialog(runner, users[Role.CLERK], room=detail, today=TODAY)
    qtbot.addWidget(second)
    assert "赵六" in second.current_label.text()
    second.name.setText("钱八")
    second.start.setDate(QDate(2026, 2, 1))  # before 赵六 moved in: refused beside the date
    second.save()
    assert "2026-03-01" in second.errors.text("start_date")
    assert second.name.text() == "钱八"
    second.start.setDate(QDate(2026, 6, 1))
    with qtbot.waitSignal(second.sig_saved):
        second.save()
    with session_factory() as s:
        detail = svc.get_room_detail(s, room.room_id)
    assert detail.tenant.name == "钱八"
    (old,) = [x for x in detail.past_links if x.role is PersonRole.TENANT]
    assert (old.name, old.end_date) == ("赵六", date(2026, 5, 31))
