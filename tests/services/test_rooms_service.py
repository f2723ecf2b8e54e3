"""Owners and rooms: the paged list, validation with fields, optimistic locking, tenant history, audit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from cuijiao_desktop.db.models import AuditLog, Bill, Contact, Estate, FeeItem, Person, RoomPerson
from cuijiao_desktop.domain.enums import ChargeBasis, ContactKind, Occupancy, OwnerType, PersonRole, Role
from cuijiao_desktop.domain.errors import ConflictError, PermissionDenied, ValidationError
from cuijiao_desktop.domain.phones import normalize_phone
from cuijiao_desktop.services import rooms as svc
from cuijiao_desktop.services.rooms import ContactDraft, PersonDraft, RoomDraft, RoomFilter

TODAY = date(2026, 6, 20)


@pytest.fixture
def estate_id(session_factory):
    with session_factory.begin() as s:
        e = Estate(code="T1", name="测试花园")
        s.add(e)
        s.flush()
        return e.id


def _new_room(session_factory, actor, estate_id, number, *, building="3", unit="2", area="80", owner=None,
              phone=None, owner_type=None, occupancy=Occupancy.OCCUPIED):
    with session_factory.begin() as s:
        person = None
        if owner:
            contacts = (ContactDraft(kind=ContactKind.MOBILE, value=phone),) if phone else ()
            person = PersonDraft(name=owner, contacts=contacts, owner_type=owner_type)
        return svc.save_room(s, actor=actor, owner=person, draft=RoomDraft(
            estate_id=estate_id, building=building, unit=unit, number=number, area=area, occupancy=occupancy))


# ------------------------------------------------------------------ pure helpers


@pytest.mark.parametrize(("name", "initials"), [
    ("张三", "zs"), ("欧阳娜娜", "oynn"), ("单田芳", "stf"), ("曾小贤", "zxx"), ("张 三", "zs"), ("Li Lei 李雷", "lileill"),
    ("", ""),
])
def test_name_initials(name, initials):
    assert svc.name_initials(name) == initials


@pytest.mark.parametrize(("text", "centi"), [("89.37", 8937), ("89.37㎡", 8937), ("１２０", 12000), ("120 平方米", 12000),
                                             ("0.5", 50), ("1,234.5", 123450)])
def test_parse_area(text, centi):
    assert svc.parse_area(text) == centi


@pytest.mark.parametrize(("text", "code"), [("", "room.area_required"), ("0", "room.area_not_positive"),
                                            ("-3", "room.area_not_positive"), ("abc", "room.area_invalid"),
                                            ("89.375", "room.area_too_precise"), ("99999999", "room.area_too_large")])
def test_bad_areas_name_the_field(text, code):
    with pytest.raises(ValidationError) as err:
        svc.parse_area(text)
    assert err.value.code == code and err.value.params["field"] == "area"


@pytest.mark.parametrize(("text", "value"), [("138 0013 8000", "13800138000"), ("+86 139-0000-0000", "13900000000"),
                                             ("１３８００１３８０００", "13800138000"), ("(0571)8123 4567", "0571-81234567"),
                                             ("010-62345678", "010-62345678")])
def test_phone_normalisation(text, value):
    assert normalize_phone(text).value == value


@pytest.mark.parametrize("text", ["12345", "23800138000", "1380013800", "0571-123", "138001380001", "tel 138"])
def test_bad_phones(text):
    with pytest.raises(ValidationError) as err:
        normalize_phone(text, field="contacts.0.value")
    assert err.value.code == "phone.invalid" and err.value.params["field"] == "contacts.0.value"


def test_validation_reports_every_field_at_once():
    errors = svc.validate_room_draft(RoomDraft(estate_id=None, building="", unit="", number="", area="0"))
    assert {(e.code, e.params["field"]) for e in errors} == {
        ("room.estate_required", "estate"), ("room.building_required", "building"),
        ("room.number_required", "room"), ("room.area_not_positive", "area")}
    errors = svc.validate_person_draft(PersonDraft(name=" ", id_number="123", contacts=(
        ContactDraft(kind=ContactKind.MOBILE, value="138"), ContactDraft(kind=ContactKind.EMAIL, value="a@b"))))
    assert {(e.code, e.params["field"]) for e in errors} == {
        ("person.name_required", "name"), ("person.id_number_invalid", "id_number"),
        ("phone.invalid", "contacts.0.value"), ("contact.email_invalid", "contacts.1.value")}


# ------------------------------------------------------------------ writes


def test_create_room_with_owner_is_normalised_and_audited(session_factory, users, estate_id):
    detail = _new_room(session_factory, users[Role.CLERK], estate_id, "1502室", building="3号楼", unit="二单元",
                       area="89.37㎡", owner="张 三", phone="138-0013-8000", owner_type=OwnerType.INVESTOR)
    assert (detail.code, detail.display_code, detail.area_centi_m2) == ("3-2-1502", "3栋2单元1502", 8937)
    (owner,) = detail.owners
    assert owner.name == "张三" and owner.owner_type is OwnerType.INVESTOR
    assert [(c.value, c.is_primary) for c in owner.contacts] == [("13800138000", True)]
    with session_factory() as s:
        person = s.get(Person, owner.person_id)
        assert person.name_initials == "zs"
        assert s.scalars(select(Contact.last4).where(Contact.person_id == person.id)).all() == ["8000"]
        actions = s.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()
    assert actions == ["room.create", "person.create", "room.link_person"]


def test_duplicate_room_is_refused_beside_the_number(session_factory, users, estate_id):
    _new_room(session_factory, users[Role.CLERK], estate_id, "1502")
    with pytest.raises(ValidationError) as err:
        _new_room(session_factory, users[Role.CLERK], estate_id, "1502", building="3栋", unit="2")
    assert err.value.code == "room.duplicate" and err.value.params["field"] == "room"


def test_collector_may_not_edit_rooms(session_factory, users, estate_id):
    with pytest.raises(PermissionDenied):
        _new_room(session_factory, users[Role.COLLECTOR], estate_id, "1502")


def test_stale_room_save_is_a_conflict(session_factory, users, estate_id):
    clerk = users[Role.CLERK]
    first = _new_room(session_factory, clerk, estate_id, "1502")
    draft = RoomDraft(estate_id=estate_id, building="3", unit="2", number="1502", area="90", room_id=first.room_id,
                      version=first.version)
    with session_factory.begin() as s:
        saved = svc.save_room(s, actor=clerk, draft=draft)
    assert saved.area_centi_m2 == 9000 and saved.version == first.version + 1
    with session_factory.begin() as s, pytest.raises(ConflictError):
        svc.save_room(s, actor=clerk, draft=RoomDraft(**{**draft.__dict__, "area": "95"}))
    with session_factory() as s:
        assert svc.get_room_detail(s, first.room_id).area_centi_m2 == 9000
        updates = s.scalars(select(AuditLog.detail).where(AuditLog.action == "room.update")).all()
    assert len(updates) == 1 and "area_centi_m2" in updates[0]


def test_person_rename_refreshes_initials_and_contacts_replace(session_factory, users, estate_id):
    clerk = users[Role.CLERK]
    detail = _new_room(session_factory, clerk, estate_id, "1502", owner="张三", phone="13800138000")
    pid = detail.owners[0].person_id
    with session_factory() as s:
        draft = svc.get_person_draft(s, pid)
    new = PersonDraft(**{**draft.__dict__, "name": "李四", "contacts": (
        ContactDraft(kind=ContactKind.LANDLINE, value="0571 8123 4567", is_primary=True),
        ContactDraft(kind=ContactKind.MOBILE, value="13900001111", relation=svc.Relation.SPOUSE,
                     contact_name="王芳"))})
    with session_factory.begin() as s:
        svc.save_person(s, actor=clerk, draft=new)
    with session_factory() as s:
        person = s.get(Person, pid)
        assert (person.name, person.name_initials) == ("李四", "ls")
        rows = s.execute(select(Contact.kind, Contact.value, Contact.last4, Contact.is_primary)
                         .where(Contact.person_id == pid).order_by(Contact.id)).all()
    assert rows == [(ContactKind.LANDLINE, "0571-81234567", "4567", True),
                    (ContactKind.MOBILE, "13900001111", "1111", False)]
    with session_factory.begin() as s, pytest.raises(ConflictError):
        svc.save_person(s, actor=clerk, draft=new)  # the version it carries is now old


def test_tenant_change_keeps_history(session_factory, users, estate_id):
    clerk = users[Role.CLERK]
    room = _new_room(session_factory, clerk, estate_id, "1502", owner="张三")
    with session_factory.begin() as s:
        svc.change_tenant(s, actor=clerk, room_id=room.room_id, start_date=date(2025, 3, 1),
                          tenant=PersonDraft(name="赵六", contacts=(ContactDraft(kind=ContactKind.MOBILE,
                                                                                 value="13700008000"),)))
    with session_factory.begin() as s:
        detail = svc.change_tenant(s, actor=clerk, room_id=room.room_id, start_date=date(2026, 2, 1),
                                   tenant=PersonDraft(name="钱八"), pays_fees=True)
    assert detail.occupancy is Occupancy.RENTED
    assert detail.tenant.name == "钱八" and detail.tenant.start_date == date(2026, 2, 1) and detail.tenant.pays_fees
    (old,) = [x for x in detail.past_links if x.role is PersonRole.TENANT]
    assert (old.name, old.start_date, old.end_date) == ("赵六", date(2025, 3, 1), date(2026, 1, 31))
    assert [x.name for x in detail.owners] == ["张三"]
    with session_factory.begin() as s:
        after = svc.end_tenancy(s, actor=clerk, room_id=room.room_id, end_date=date(2026, 6, 1))
    assert after.tenant is None and after.occupancy is Occupancy.OCCUPIED
    assert sorted(x.name for x in after.past_links) == ["赵六", "钱八"]
    with session_factory() as s:
        assert s.query(RoomPerson).filter_by(room_id=room.room_id).count() == 3  # nothing deleted
        actions = s.scalars(select(AuditLog.action).where(AuditLog.entity == "room")).all()
    assert actions.count("room.change_tenant") == 2 and actions.count("room.end_tenancy") == 2
    with session_factory.begin() as s, pytest.raises(ValidationError) as err:
        svc.end_tenancy(s, actor=clerk, room_id=room.room_id, end_date=date(2026, 6, 2))
    assert err.value.code == "tenant.none"


def test_tenant_change_before_the_current_tenancy_is_refused(session_factory, users, estate_id):
    clerk = users[Role.CLERK]
    room = _new_room(session_factory, clerk, estate_id, "1502")
    with session_factory.begin() as s:
        svc.change_tenant(s, actor=clerk, room_id=room.room_id, start_date=date(2026, 3, 1),
                          tenant=PersonDraft(name="赵六"))
    with session_factory.begin() as s, pytest.raises(ValidationError) as err:
        svc.change_tenant(s, actor=clerk, room_id=room.room_id, start_date=date(2026, 2, 1),
                          tenant=PersonDraft(name="钱八"))
    assert err.value.code == "tenant.end_before_start" and err.value.params["field"] == "start_date"


# ------------------------------------------------------------------ the list


@pytest.fixture
def many(session_factory, users, estate_id):
    """25 rooms in building 3 (units 1 and 2), areas 50..74 m², two in arrears, every fifth rented out."""
    clerk = users[Role.CLERK]
    ids = []
    for i in range(25):
        d = _new_room(session_factory, clerk, estate_id, f"{i // 5 + 1}{i % 5 + 1:02d}", unit=str(i % 2 + 1),
                      area=str(50 + i), owner=f"业主{i:02d}", phone=f"1380000{i:04d}",
                      owner_type=OwnerType.INVESTOR if i % 3 == 0 else OwnerType.SELF_OCCUPIED,
                      occupancy=Occupancy.RENTED if i % 5 == 0 else Occupancy.OCCUPIED)
        ids.append(d.room_id)
    with session_factory.begin() as s:
        item = FeeItem(code="property", name="物业管理费", basis=ChargeBasis.PER_AREA)
        s.add(item)
        s.flush()
        s.add(Bill(room_id=ids[3], fee_item_id=item.id, period=202605, amount_fen=30_000, due_date=date(2026, 5, 10)))
        s.add(Bill(room_id=ids[7], fee_item_id=item.id, period=202605, amount_fen=10_000, due_date=date(2026, 5, 10)))
        s.add(Bill(room_id=ids[9], fee_item_id=item.id, period=202607, amount_fen=10_000, due_date=date(2026, 7, 10)))
    return ids


def _list(session_factory, **kw):
    with session_factory() as s:
        return svc.list_rooms(s, today=TODAY, **{"limit": 10, **kw})


def test_paging_in_natural_room_order(session_factory, many):
    first = _list(session_factory)
    assert first.total == 25 and first.offset == 0 and len(first.rows) == 10
    third = _list(session_factory, offset=20)
    assert len(third.rows) == 5
    everything = [r for off in (0, 10, 20) for r in _list(session_factory, offset=off).rows]
    assert len({r.room_id for r in everything}) == 25
    unit1 = [r.number for r in everything if r.unit == "1"]
    assert unit1 == sorted(unit1, key=lambda n: (len(n), n))
    beyond = _list(session_factory, offset=999)
    assert beyond.offset == 20  # clamped to the last page


def test_rows_carry_what_the_page_shows(session_factory, many):
    rows = {r.room_id: r for r in _list(session_factory, limit=100).rows}
    r = rows[many[3]]
    assert (r.estate_name, r.building, r.owner_name, r.phone_masked, r.arrears_fen) == (
        "测试花园", "3", "业主03", "****0003", 30_000)
    assert r.owner_type is OwnerType.INVESTOR and r.area_centi_m2 == 5300
    assert rows[many[9]].arrears_fen == 0  # not due yet


@pytest.mark.parametrize(("sort", "key"), [("area", lambda r: r.area_centi_m2), ("owner", lambda r: r.owner_name),
                                           ("arrears", lambda r: r.arrears_fen)])
def test_sorting_in_sql(session_factory, many, sort, key):
    asc = _list(session_factory, sort=sort, limit=100).rows
    desc = _list(session_factory, sort=sort, descending=True, limit=100).rows
    assert [key(r) for r in asc] == sorted(key(r) for r in asc)
    assert [key(r) for r in desc] == sorted((key(r) for r in desc), reverse=True)
    if sort == "area":
        assert desc[0].room_id == many[24] and _list(session_factory, sort="area", descending=True).total == 25


def test_filters(session_factory, many, estate_id):
    assert _list(session_factory, filters=RoomFilter(has_arrears=True)).total == 2
    assert _list(session_factory, filters=RoomFilter(has_arrears=False)).total == 23
    assert _list(session_factory, filters=RoomFilter(occupancy=Occupancy.RENTED)).total == 5
    assert _list(session_factory, filters=RoomFilter(owner_type=OwnerType.INVESTOR)).total == 9
    assert _list(session_factory, filters=RoomFilter(estate_id=estate_id + 1)).total == 0
    with session_factory() as s:
        options = svc.room_filter_options(s)
    (building,) = options.buildings
    assert building.name == "3栋" and building.parent_id == estate_id
    unit1 = next(u for u in options.units if u.name == "1单元")
    assert _list(session_factory, filters=RoomFilter(estate_id=estate_id, building_id=building.id,
                                                     unit_id=unit1.id)).total == 13


@pytest.mark.parametrize(("text", "count"), [("3-1-1", 3), ("101", 1), ("业主0", 10), ("0013", 1), ("yz", 25),
                                             ("找不到", 0)])
def test_text_filter(session_factory, many, text, count):
    assert _list(session_factory, filters=RoomFilter(text=text), limit=100).total == count
