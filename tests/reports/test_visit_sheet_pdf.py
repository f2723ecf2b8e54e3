"""The visit sheet (上门催缴路线单) read back with pdftotext: walking order, masking, the notice to
hand over, the boxes to tick, blocks whole on their page, one sheet per team, fonts embedded."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from print_room_data import ROOMS, TODAY, make_arrears
from sqlalchemy import select

from cuijiao_desktop.db.models import AuditLog
from cuijiao_desktop.domain.enums import CallOutcome, Channel, Role, VisitStatus
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.visits import StaffPick, VisitDraft, VisitDuty
from cuijiao_desktop.reports.visit_sheet_pdf import render_visit_sheet
from cuijiao_desktop.services.dto import OfficeDTO
from cuijiao_desktop.services.visits import (
    RouteNotice,
    RouteSection,
    RouteStop,
    VisitRoute,
    VisitStaffDTO,
    plan_visit,
    visit_route,
)
from cuijiao_desktop.services.visits.route_print import record_visit_sheet_print

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

DAY = TODAY + timedelta(days=1)  # a Tuesday: the evening slot
OFFICE = OfficeDTO(name="测试物业服务中心", address="测试路1号", phone="0571-88886666", bank_name="", bank_account="")


def _pages(path) -> list[str]:
    """The text of each page without white space (pdftotext separates pages with a form feed)."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\s+", "", page) for page in out.split("\f")[:-1]]


def _embedded(path) -> bool:
    table = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in table.splitlines()[2:]]
    return bool(rows) and all(r[-5] == "yes" and r[-4] == "yes" for r in rows)


# --- the sheet itself, on a route made here --------------------------------------------------------------

def _stop(n: int, *, team: str, staff: tuple[VisitStaffDTO, ...], building: str, floor: int,
          notice: bool = False) -> RouteStop:
    room = f"{floor}0{n % 10}"
    start = datetime(2026, 11, 24, 18, 30).astimezone() + timedelta(minutes=20 * n)
    return RouteStop(
        visit_id=n, start=start, end=start + timedelta(minutes=20), status=VisitStatus.PLANNED, confirmed=n == 1,
        team=team, staff=staff, room_id=n, room_code=f"{building}-1-{room}", room_display=f"{building}栋1单元{room}",
        estate="锦绣花园", building=building, unit="1", floor=floor, owner=f"欧阳{n}号", owner_masked="欧阳**",
        phone_masked="138****8000", arrears_fen=25_000 * n, late_fee_fen=0, months=n, oldest_period=202601,
        last_contact_at=(start - timedelta(days=3)).astimezone(UTC), last_contact_channel=Channel.PHONE,
        last_contact_outcome=CallOutcome.PROMISED, last_contact_note="月底前缴一半" * (8 if n == 3 else 1),
        notice=RouteNotice(notice_id=n, serial=f"TZ2026110000{n:02d}", title="催缴通知书", level=6,
                           amount_fen=25_000 * n, issued_on=date(2026, 11, 20), deadline=None) if notice else None,
        open_issues=("厨房水管漏水",) if n == 2 else (), note="",
    )


def test_sheet_blocks_whole_per_page_one_sheet_per_team_numbered(tmp_path):
    a = (VisitStaffDTO(1, "张伟", "zhang", VisitDuty.COLLECTOR), VisitStaffDTO(2, "李娜", "li", VisitDuty.SUPERVISOR))
    b = (VisitStaffDTO(3, "王强", "wang", VisitDuty.COLLECTOR), VisitStaffDTO(4, "赵敏", "zhao", VisitDuty.MAINTENANCE))
    stops = [_stop(n, team="A组", staff=a, building="3", floor=10 + n, notice=n % 2 == 1) for n in range(1, 8)]
    stops.insert(3, replace(_stop(9, team="B组", staff=b, building="5", floor=3), standing="已结清，无需上门"))
    route = VisitRoute(day=DAY, team="", sections=tuple(
        RouteSection(estate=s.estate, building=s.building, unit=s.unit, floor=s.floor, stops=(s,)) for s in stops))
    seen = []
    path = render_visit_sheet(route, tmp_path / "v.pdf", office=OFFICE, progress=lambda d, t, _x: seen.append((d, t)))
    pages = _pages(path)
    a_pages = [p for p in pages if "小组：A组" in p]
    b_pages = [p for p in pages if "小组：B组" in p]
    assert len(a_pages) >= 2 and len(b_pages) == 1 and len(pages) == len(a_pages) + 1
    assert seen[-1] == (len(pages), len(pages))
    for i, page in enumerate(a_pages, start=1):
        assert f"第{i}页/共{len(a_pages)}页" in page and "共7户" in page
        # every block whole on its page: a title, its facts and its signature box together
        assert page.count("室3-1-") == page.count("业主签字") == page.count("上次联系") > 0
    assert "第1页/共1页" in b_pages[0] and "共1户" in b_pages[0] and "赵敏（维修）" in b_pages[0]
    flat = "".join(a_pages)
    rooms = [f"3-1-{10 + n}0{n}" for n in range(1, 8)]
    assert [flat.index(r) for r in rooms] == sorted(flat.index(r) for r in rooms)  # the route's order
    assert "5-1-309" not in flat and "5-1-309" in b_pages[0]
    assert "注意已结清，无需上门" in b_pages[0] and "注意" not in flat  # a room paid since booking: said first
    assert "锦绣花园（续）" in flat and "3栋1单元（续）" in flat  # a page that continues a group says so
    assert "欧阳1号" not in flat and "欧阳**" in flat and "138****8000" in flat
    assert "TZ202611000001" in flat and "请业主在回执上签字" in flat and "待修事项厨房水管漏水" in flat
    assert "已约" in flat and "2026年11月21日电话·承诺缴费：月底前缴一半" in flat
    for box in ("业主本人", "当场缴费", "承诺", "同意分期", "拒缴", "不在家", "本人签收"):
        assert box in flat
    assert _embedded(path)


def test_empty_route_and_cancel_leave_no_file(tmp_path):
    with pytest.raises(DomainError) as err:
        render_visit_sheet(VisitRoute(day=DAY, team="", sections=()), tmp_path / "e.pdf")
    assert err.value.code == "visit.sheet_empty"
    staff = (VisitStaffDTO(1, "张伟", "zhang", VisitDuty.COLLECTOR),)
    stop = _stop(1, team="", staff=staff, building="3", floor=11)
    route = VisitRoute(day=DAY, team="", sections=(RouteSection("锦绣花园", "3", "1", 11, (stop,)),))
    with pytest.raises(DomainError) as err:
        render_visit_sheet(route, tmp_path / "c.pdf", cancel=lambda: True)
    assert err.value.code == "task.cancelled"
    assert list(tmp_path.iterdir()) == []


# --- a day planned through the services (both engines) -------------------------------------------------

def _at(hour: int, minute: int) -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, hour, minute).astimezone()  # local time, as the calendar


def test_visit_sheet_of_a_planned_day_in_two_buildings(session_factory, users, tmp_path):
    from factories import make_user

    from cuijiao_desktop.services.notices import NoticeSelection, issue_notices

    ids = make_arrears(session_factory)
    second = make_user(session_factory, Role.COLLECTOR, username="u_collector2")
    manager, collector, clerk = users[Role.MANAGER], users[Role.COLLECTOR], users[Role.CLERK]
    with session_factory.begin() as s:
        batch = issue_notices(s, actor=manager, selection=NoticeSelection(room_ids=(ids["3-2-1502"],)), today=TODAY)
        serial = batch.documents[0].serial
        # planned against the walking order: building 5 first in time, 3-2-1601 before 3-2-1502
        for code, start, team, people in (
            ("5-1-302", _at(18, 30), "B组", (manager, second)),
            ("3-2-1601", _at(19, 0), "A组", (collector, clerk)),
            ("3-2-1502", _at(19, 40), "A组", (collector, clerk)),
        ):
            plan_visit(s, actor=manager, today=TODAY, draft=VisitDraft(
                room_id=ids[code], start=start, end=start + timedelta(minutes=30), team=team,
                staff=tuple(StaffPick(u.id, VisitDuty.COLLECTOR) for u in people)))
    with session_factory() as s:
        everyone = visit_route(s, actor=manager, day=DAY)
        team_a = visit_route(s, actor=manager, day=DAY, team="A组")
    # team by team (B starts first), each in its own walking order
    assert [x.room_code for x in everyone.stops] == ["5-1-302", "3-2-1502", "3-2-1601"]

    pages = _pages(render_visit_sheet(everyone, tmp_path / "all.pdf", office=OFFICE))
    assert len(pages) == 2 and "小组：B组" in pages[0] and "小组：A组" in pages[1]
    flat = pages[1]
    assert flat.index("1502室") < flat.index("1601室") and "15层" in flat and "16层" in flat
    assert "19:40–20:10" in flat and "19:00–19:30" in flat and "共2户" in flat
    assert serial in flat and "请业主在回执上签字" in flat and "业主签字" in flat and "第1页/共1页" in flat
    assert "302室" in pages[0]
    whole = "".join(pages)
    for owner, phone, _months in ROOMS.values():
        assert owner not in whole and phone not in whole  # masked on paper that leaves the office
    assert "欧阳**" in whole and "138****8000" in whole and "2,500.00" in whole

    with session_factory.begin() as s:  # printed as the CLI and the calendar do: audited
        record_visit_sheet_print(s, actor=collector, route=team_a, file_name="a.pdf")
        path = render_visit_sheet(team_a, tmp_path / "a.pdf", office=OFFICE)
    text = "".join(_pages(path))
    assert "5-1-302" not in text and "3-2-1502" in text and "3-2-1601" in text
    assert _embedded(path)
    with session_factory() as s:
        row = s.scalars(select(AuditLog).where(AuditLog.action == "visit.sheet_print")).one()
    detail = json.loads(row.detail)
    assert row.user_id == collector.id and row.entity_id == DAY.isoformat() and detail["team"] == "A组"
    assert sorted(detail["rooms"]) == sorted([ids["3-2-1502"], ids["3-2-1601"]]) and detail["file"] == "a.pdf"
