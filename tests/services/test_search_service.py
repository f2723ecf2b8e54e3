"""Global search: every kind of query finds exactly the right rooms, ranked, with masked phones and arrears."""

from __future__ import annotations

from datetime import date

import pytest

from cuijiao_desktop.db.models import Bill, Estate, FeeItem
from cuijiao_desktop.domain.enums import ChargeBasis, ContactKind, PersonRole, Role
from cuijiao_desktop.services.rooms import ContactDraft, PersonDraft, RoomDraft, change_tenant, save_room
from cuijiao_desktop.services.search import HitKind, search

TODAY = date(2026, 6, 20)


def _room(s, actor, estate_id, building, unit, number, owner=None, phone=None):
    draft = RoomDraft(estate_id=estate_id, building=building, unit=unit, number=number, area="89.37")
    person = None
    if owner:
        contacts = (ContactDraft(kind=ContactKind.MOBILE, value=phone, is_primary=True),) if phone else ()
        person = PersonDraft(name=owner, contacts=contacts)
    return save_room(s, actor=actor, draft=draft, owner=person).room_id


@pytest.fixture
def data(session_factory, users):
    """Two estates; owners 张三, 李四, 王五, 张三丰, 欧阳娜娜; a tenant 赵六; arrears on 3-2-1502."""
    actor = users[Role.CLERK]
    with session_factory.begin() as s:
        e1 = Estate(code="T1", name="测试花园")
        e2 = Estate(code="T2", name="翠湖苑")
        item = FeeItem(code="property", name="物业管理费", basis=ChargeBasis.PER_AREA, sort_order=1)
        s.add_all([e1, e2, item])
        s.flush()
        ids = {
            "3-2-1502": _room(s, actor, e1.id, "3栋", "2单元", "1502", "张三", "138 0013 8000"),
            "3-2-1501": _room(s, actor, e1.id, "3", "2", "1501", "李四", "13912341502"),
            "3-1-1502": _room(s, actor, e1.id, "3", "1", "1502", "王五", "13600001111"),
            "5-1502": _room(s, actor, e1.id, "5", "", "1502", "张三丰", "13500002222"),
            "12-1-150": _room(s, actor, e1.id, "12", "1", "150", "欧阳娜娜", "0571-81234567"),
            "T2:3-2-1502": _room(s, actor, e2.id, "3", "2", "1502", "孙七", "13300003333"),
        }
        change_tenant(s, actor=actor, room_id=ids["3-2-1501"], start_date=date(2026, 1, 1),
                      tenant=PersonDraft(name="赵六", contacts=(ContactDraft(kind=ContactKind.MOBILE,
                                                                             value="13700008000"),)))
        for period, due in ((202604, date(2026, 4, 10)), (202605, date(2026, 5, 10)), (202607, date(2026, 7, 10))):
            s.add(Bill(room_id=ids["3-2-1502"], fee_item_id=item.id, period=period, amount_fen=25_000,
                       due_date=due))
    return ids


def _run(session_factory, q, **kw):
    with session_factory() as s:
        return search(s, q, today=TODAY, **kw)


@pytest.mark.parametrize("query", ["3-2-1502", "3栋2单元1502", "3#2-1502", "３栋２单元１５０２", "3号楼2单元1502室"])
def test_full_room_code_in_any_shape_finds_the_room_in_both_estates(session_factory, data, query):
    hits = _run(session_factory, query)
    assert [(h.room_id, h.kind) for h in hits] == [
        (data["3-2-1502"], HitKind.ROOM_EXACT), (data["T2:3-2-1502"], HitKind.ROOM_EXACT)]
    first = hits[0]
    assert (first.room_code, first.room_display, first.estate_name) == ("3-2-1502", "3栋2单元1502", "测试花园")
    assert first.title == "测试花园 3栋2单元1502"
    assert (first.person_name, first.role, first.phone_masked) == ("张三", PersonRole.OWNER, "****8000")


def test_building_and_room_without_unit(session_factory, data):
    hits = _run(session_factory, "3栋1502")
    assert {h.room_id for h in hits} == {data["3-2-1502"], data["3-1-1502"], data["T2:3-2-1502"]}
    assert all(h.kind is HitKind.ROOM_EXACT for h in hits)


def test_room_number_alone_exact_before_prefix(session_factory, data):
    hits = _run(session_factory, "150")
    assert hits[0].room_id == data["12-1-150"] and hits[0].kind is HitKind.ROOM_EXACT
    prefix = [h for h in hits if h.kind is HitKind.ROOM_PREFIX]
    assert {h.room_id for h in prefix} == {data[k] for k in ("3-2-1502", "3-2-1501", "3-1-1502", "5-1502",
                                                               "T2:3-2-1502")}
    assert [h.kind for h in hits] == sorted(h.kind for h in hits)


def test_partial_code_is_a_prefix(session_factory, data):
    hits = _run(session_factory, "3-2-15")
    assert {h.room_id for h in hits} == {data["3-2-1502"], data["3-2-1501"], data["T2:3-2-1502"]}
    assert all(h.kind is HitKind.ROOM_PREFIX for h in hits)


def test_name_prefix_and_contains(session_factory, data):
    hits = _run(session_factory, "张三")
    assert [(h.person_name, h.kind) for h in hits] == [("张三", HitKind.NAME), ("张三丰", HitKind.NAME)]
    contains = _run(session_factory, "三丰")
    assert [h.room_id for h in contains] == [data["5-1502"]]
    assert contains[0].phone_masked == "****2222"


def test_pinyin_initials(session_factory, data):
    assert [h.person_name for h in _run(session_factory, "zs")] == ["张三", "张三丰"]
    assert [h.person_name for h in _run(session_factory, "ZSF")] == ["张三丰"]
    hits = _run(session_factory, "oy")
    assert [(h.person_name, h.kind, h.room_id) for h in hits] == [("欧阳娜娜", HitKind.INITIALS, data["12-1-150"])]


def test_tenant_found_by_name_with_role(session_factory, data):
    hits = _run(session_factory, "赵六")
    assert [(h.room_id, h.role) for h in hits] == [(data["3-2-1501"], PersonRole.TENANT)]


def test_phone_last_four_digits_and_full_number(session_factory, data):
    hits = _run(session_factory, "8000")
    assert {(h.person_name, h.kind) for h in hits} == {("张三", HitKind.PHONE), ("赵六", HitKind.PHONE)}
    assert all(h.phone_masked == "****8000" for h in hits)
    assert [h.person_name for h in _run(session_factory, "13800138000")] == ["张三"]
    assert [h.person_name for h in _run(session_factory, "138-0013-8000")] == ["张三"]
    assert [h.person_name for h in _run(session_factory, "4567")] == ["欧阳娜娜"]


def test_ranking_room_before_phone(session_factory, data):
    hits = _run(session_factory, "1502")
    kinds = [h.kind for h in hits]
    assert kinds == sorted(kinds)
    assert kinds[-1] is HitKind.PHONE and hits[-1].person_name == "李四"
    assert {h.room_id for h in hits if h.kind is HitKind.ROOM_EXACT} == {
        data["3-2-1502"], data["3-1-1502"], data["5-1502"], data["T2:3-2-1502"]}


def test_arrears_are_overdue_outstanding_only(session_factory, data):
    hit = _run(session_factory, "3-2-1502")[0]
    assert hit.arrears_fen == 50_000  # April and May; July is not due yet
    assert _run(session_factory, "3-1-1502")[0].arrears_fen == 0


def test_limit_and_empty_queries(session_factory, data):
    assert len(_run(session_factory, "1", limit=3)) == 3
    assert _run(session_factory, "") == []
    assert _run(session_factory, "   ") == []
    assert _run(session_factory, "不存在的人") == []
    assert _run(session_factory, "x" * 200) == []


def test_past_tenants_are_not_found(session_factory, data, users):
    with session_factory.begin() as s:
        change_tenant(s, actor=users[Role.CLERK], room_id=data["3-2-1501"], start_date=date(2026, 5, 1),
                      tenant=PersonDraft(name="钱八"))
    assert _run(session_factory, "赵六") == []
    assert [h.role for h in _run(session_factory, "钱八")] == [PersonRole.TENANT]
