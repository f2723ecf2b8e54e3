"""Rooms and owners from a messy roster: exact results, rejections, re-import, updates, audit, round trip."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from factories import write_sheet
from sqlalchemy import func, select

from cuijiao_desktop.db import models as m
from cuijiao_desktop.domain.enums import Occupancy, PersonRole, Role
from cuijiao_desktop.domain.errors import DomainError, PermissionDenied
from cuijiao_desktop.importing.headers import ImportKind, detect_header
from cuijiao_desktop.importing.readers import read_sheet
from cuijiao_desktop.reports.xlsx import write_table
from cuijiao_desktop.services import exports
from cuijiao_desktop.services.dto import CLI_USER
from cuijiao_desktop.services.imports import commit_import, plan_import

TODAY = dt.date(2026, 2, 1)


def _load(path: Path, kind: ImportKind = ImportKind.ROOMS, sheet: str | None = None):
    data = read_sheet(path, sheet=sheet)
    return data, detect_header(kind, data.rows)


def _commit(factory, path: Path, **kw):
    data, guess = _load(path)
    with factory.begin() as s:
        return commit_import(s, data, guess, actor=kw.pop("actor", CLI_USER), today=TODAY, **kw)


def _plan(factory, path: Path, **kw):
    data, guess = _load(path)
    with factory() as s:
        return plan_import(s, data, guess, today=TODAY, **kw)


def _roster(factory) -> dict[str, tuple]:
    """code -> (area, occupancy, note, current owners with their phones, ended owners)."""
    out = {}
    with factory() as s:
        for room in s.scalars(select(m.Room).order_by(m.Room.code)):
            current, ended = [], []
            for link in room.links:
                entry = (link.role.value, link.person.name, tuple(c.value for c in link.person.contacts))
                (ended if link.end_date else current).append(entry)
            out[room.code] = (room.area_centi_m2, room.occupancy, room.note, tuple(current), tuple(ended))
    return out


EXPECTED = {
    "3-1-202": (6000, Occupancy.OCCUPIED, "", (("owner", "赵六", ("13500135000",)),), ()),
    "3-1501": (12050, Occupancy.RENTED, "", (("owner", "李四", ("13700137000",)),), ()),
    "3-2-1502": (8937, Occupancy.OCCUPIED, "", (("owner", "张三", ("13800138000", "13900139000")),), ()),
    "5-1-301": (9500, Occupancy.VACANT, "长期空置", (("owner", "王五", ("0571-81234567", "13600136000")),), ()),
}


def test_header_found_below_title_and_notes(rooms_xlsx):
    data, guess = _load(rooms_xlsx)
    assert data.sheet == "业主信息" and data.sheets == ("业主信息", "错误行")
    assert guess.header_row == 3
    assert guess.mapping == {"building": 1, "unit": 2, "room": 3, "owner": 4, "phone": 5, "area": 6,
                             "occupancy": 7, "note": 8}


def test_preview_counts_reasons_and_skips(session_factory, rooms_xlsx):
    plan = _plan(session_factory, rooms_xlsx)
    assert (plan.created, plan.updated, plan.unchanged, plan.rejected_count) == (4, 0, 0, 3)
    assert plan.estate_name == "本小区" and plan.estate_is_new
    assert [(x.line, x.reasons) for x in plan.rejected] == [
        (11, ("缺少房间号",)),
        (12, ("面积必须大于0：“-5”", "电话号码无效：“12345”", "入住状态“入住了”无法识别（可用：已入住、装修、空置、出租）")),
        (13, ("重复行：房号与第 5 行相同",)),
    ]
    assert plan.rejected[0].cells[:6] == ("5", "4栋", "1单元", "", "钱七", "13300133000")
    assert [(x.line, x.why) for x in plan.skipped] == [(8, "空行"), (10, "合计行"), (14, "合计行"), (15, "说明行")]
    assert [(o.line, o.action, o.room_code) for o in plan.outcomes if o.action == "create"] == [
        (5, "create", "3-2-1502"), (6, "create", "3-1501"), (7, "create", "5-1-301"), (9, "create", "3-1-202")]
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(m.Room)) == 0  # a preview writes nothing


def test_rejected_rows_stop_the_import_unless_accepted(session_factory, rooms_xlsx):
    with pytest.raises(DomainError) as err:
        _commit(session_factory, rooms_xlsx)
    assert err.value.code == "import.rows_rejected" and err.value.params == {"count": 3}
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(m.Estate)) == 0


def test_import_creates_exact_rooms_persons_and_phones(session_factory, rooms_xlsx):
    result = _commit(session_factory, rooms_xlsx, accept_valid=True)
    assert (result.rooms_created, result.persons_created, result.contacts_created) == (4, 4, 6)
    assert _roster(session_factory) == EXPECTED
    with session_factory() as s:
        estate = s.scalars(select(m.Estate)).one()
        assert estate.name == "本小区"
        units = s.execute(select(m.Building.name, m.Unit.name).join(m.Unit, m.Unit.building_id == m.Building.id)
                          ).all()
        assert sorted(units) == [("3", "1"), ("3", "2"), ("5", "1")]
        zhang = s.scalars(select(m.Person).where(m.Person.name == "张三")).one()
        assert zhang.name_initials == "zs"
        assert [(c.kind.value, c.last4, c.is_primary) for c in zhang.contacts] == [
            ("mobile", "8000", True), ("mobile", "9000", False)]
        log = s.scalars(select(m.AuditLog).where(m.AuditLog.action == "import.rooms")).one()
        detail = json.loads(log.detail)
        assert detail["file"] == "阳光花园业主.xlsx"
        assert (detail["created"], detail["updated"], detail["unchanged"], detail["rejected"]) == (4, 0, 0, 3)
        assert detail["rejected_lines"] == [11, 12, 13]


def test_reimport_changes_nothing(session_factory, rooms_xlsx):
    _commit(session_factory, rooms_xlsx, accept_valid=True)
    again = _commit(session_factory, rooms_xlsx, accept_valid=True)
    assert (again.plan.created, again.plan.updated, again.plan.unchanged) == (0, 0, 4)
    assert (again.rooms_created, again.persons_created, again.contacts_created) == (0, 0, 0)
    assert _roster(session_factory) == EXPECTED


def test_updated_file_updates_and_keeps_history(session_factory, rooms_xlsx, tmp_path):
    _commit(session_factory, rooms_xlsx, accept_valid=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["房号", "业主", "手机号", "面积", "状态", "租户", "租户电话"])
    ws.append(["3-2-1502", "张三", "13800138000 / 13700001111", "89.37", None, "周九", "13911112222"])
    ws.append(["3#1501", "陈十", "13322223333", None, "已入住", None, None])
    ws.append(["5-1-301", "王五", None, "95.5", None, None, None])
    ws.append(["3-1-202", "赵六", None, None, None, None, None])
    path = tmp_path / "更新.xlsx"
    wb.save(path)
    plan = _plan(session_factory, path)
    assert [(o.line, o.action, o.detail) for o in plan.outcomes] == [
        (2, "update", "业主新增电话 13700001111；新增租户 周九"),
        (3, "update", "入住状态改为已入住；更换业主：李四 → 陈十"),
        (4, "update", "面积 95.00 → 95.50"),
        (5, "unchanged", ""),
    ]
    _commit(session_factory, path)
    roster = _roster(session_factory)
    assert roster["3-2-1502"][3] == (("owner", "张三", ("13800138000", "13900139000", "13700001111")),
                                     ("tenant", "周九", ("13911112222",)))
    assert roster["3-1501"][1] is Occupancy.OCCUPIED
    assert roster["3-1501"][3] == (("owner", "陈十", ("13322223333",)),)
    assert roster["3-1501"][4] == (("owner", "李四", ("13700137000",)),)  # the old owner stays in the history
    assert roster["5-1-301"][0] == 9550
    with session_factory() as s:
        ended = s.scalars(select(m.RoomPerson).where(m.RoomPerson.end_date.is_not(None))).one()
        assert ended.end_date == TODAY and ended.role is PersonRole.OWNER
    assert _plan(session_factory, path).unchanged == 4


def test_cancel_rolls_everything_back(session_factory, rooms_xlsx):
    data, guess = _load(rooms_xlsx)
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 6  # well into the writing

    with pytest.raises(DomainError) as err, session_factory.begin() as s:
        commit_import(s, data, guess, actor=CLI_USER, today=TODAY, accept_valid=True, cancel=cancel)
    assert err.value.code == "task.cancelled"
    with session_factory() as s:
        for table in (m.Estate, m.Room, m.Person, m.Contact, m.AuditLog):
            assert s.scalar(select(func.count()).select_from(table)) == 0, table


def test_only_importers_may_import(session_factory, rooms_xlsx, users):
    with pytest.raises(PermissionDenied):
        _commit(session_factory, rooms_xlsx, actor=users[Role.CLERK], accept_valid=True)
    _commit(session_factory, rooms_xlsx, actor=users[Role.MANAGER], accept_valid=True)


def test_estate_rules(session_factory, rooms_xlsx):
    _commit(session_factory, rooms_xlsx, accept_valid=True, estate="阳光花园")
    assert _plan(session_factory, rooms_xlsx).estate_name == "阳光花园"  # the only estate
    _commit(session_factory, rooms_xlsx, accept_valid=True, estate="翠苑")
    with pytest.raises(DomainError) as err:
        _plan(session_factory, rooms_xlsx)
    assert err.value.code == "import.estate_required" and err.value.params == {"estates": "阳光花园、翠苑"}
    assert _plan(session_factory, rooms_xlsx, estate="翠苑").unchanged == 4
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(m.Room)) == 8


def test_bad_rows_sheet(session_factory, rooms_xlsx):
    data, guess = _load(rooms_xlsx, sheet="错误行")
    with session_factory() as s:
        plan = plan_import(s, data, guess, today=TODAY)
    assert [(x.line, x.reasons) for x in plan.rejected] == [
        (2, ("房间号无法识别：“abc”",)),
        (3, ("面积必须大于0：“0”", "电话号码无效：“1380013800”")),
        (4, ("面积最多两位小数：“80.123”", "一个单元格中有多个姓名：“张三/李四”")),
    ]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_imports_back_unchanged(session_factory, rooms_xlsx, tmp_path, suffix):
    _commit(session_factory, rooms_xlsx, accept_valid=True)
    out = tmp_path / f"roster{suffix}"
    with session_factory() as s:
        table = exports.rooms_table(s, actor=CLI_USER)
    write_table(out, table.columns, table.rows, sheet_title=table.sheet_title)
    plan = _plan(session_factory, out)
    assert (plan.created, plan.updated, plan.unchanged, plan.rejected_count) == (0, 0, 4, 0)
    assert plan.mapping.keys() >= {"building", "unit", "room", "owner", "phone", "area", "occupancy", "note"}


def test_companies_and_numbered_names_are_owners(session_factory, tmp_path):
    """Names with digits and Latin letters are real owners; their search keys follow the one rule."""
    path = write_sheet(tmp_path / "companies.xlsx", (
        ["房号", "业主", "面积"], ["1-1-101", "2000号商贸有限公司", 120], ["1-1-102", "ＡＢＣ科技（杭州）有限公司", 80],
        ["1-1-103", "张三2", 90], ["1-1-104", "12345", 90]))
    plan = _plan(session_factory, path)
    assert [(x.line, x.reason_text) for x in plan.rejected] == [(5, "姓名无效：“12345”")]
    _commit(session_factory, path, accept_valid=True)
    with session_factory() as s:
        people = dict(s.execute(select(m.Person.name, m.Person.name_initials)).all())
    assert people == {"2000号商贸有限公司": "2000hsmyxgs", "ABC科技(杭州)有限公司": "abckjhzyxgs", "张三2": "zs2"}
