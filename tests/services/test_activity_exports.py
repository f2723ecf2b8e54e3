"""Exports of the collection work: visits, notices issued and the SMS batch file (services and the
export tasks of ``reports.activity_exports``: rows, filters, masking, the audit row, cancel, CSV safety)."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime, time
from decimal import Decimal

import openpyxl
import pytest
from factories import make_room_with_bills
from sqlalchemy import func, select

from cuijiao_desktop.db.models import AuditLog, Contact, Notice, Person, RoomPerson, Visit, VisitStaff
from cuijiao_desktop.domain.enums import (
    AnsweredBy,
    ContactKind,
    DeliveryMethod,
    NoticeKind,
    Relation,
    Role,
    VisitStatus,
)
from cuijiao_desktop.domain.errors import DomainError, NotFound, PermissionDenied, ValidationError
from cuijiao_desktop.domain.sms import DEFAULT_SMS_TEMPLATE
from cuijiao_desktop.domain.visits import (
    OutcomeDraft,
    RevisitDraft,
    StaffPick,
    VisitDraft,
    VisitDuty,
    VisitResult,
)
from cuijiao_desktop.reports.activity_exports import export_notices, export_sms, export_visits
from cuijiao_desktop.services import visits as vs
from cuijiao_desktop.services.activity_exports import (
    NOTICE_COLUMNS,
    VISIT_COLUMNS,
    DeliveryState,
    NoticeExportFilter,
    VisitExportFilter,
    notices_table,
    visits_table,
)
from cuijiao_desktop.services.arrears import ArrearsFilter
from cuijiao_desktop.services.sms_batch import (
    SmsSelection,
    plan_sms,
    save_sms_template,
    sms_sample,
    sms_template,
)
from cuijiao_desktop.services.tx import Transactions
from cuijiao_desktop.services.visits import VisitDetail

TODAY = date(2026, 8, 1)
TEMPLATE = "{称呼}，{小区}{房号}欠{欠费金额}共{欠费月数}个月，请于{缴费期限}前缴清。"


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour)).astimezone().astimezone(UTC)


def _owner(s, room_id: int) -> int:
    return s.scalar(select(RoomPerson.person_id).where(RoomPerson.room_id == room_id))


@pytest.fixture
def office(session_factory, users):
    """A: mobile behind a primary landline (and a wrong number); B (欧阳娜娜): a landline only; C: only the
    spouse's mobile; E: no bills. Three notices in two batches."""
    a = make_room_with_bills(session_factory, code="3-2-1502")
    b = make_room_with_bills(session_factory, code="5-1-101", months=3)
    c = make_room_with_bills(session_factory, code="5-1-102", months=2)
    e = make_room_with_bills(session_factory, code="5-1-103", months=0)
    clerk = users[Role.CLERK]
    with session_factory.begin() as s:
        pa, pb, pc = _owner(s, a.room_id), _owner(s, b.room_id), _owner(s, c.room_id)
        s.get(Person, pb).name = "欧阳娜娜"
        s.get(Person, pc).name = "李四"
        s.add_all([
            Contact(person_id=pa, kind=ContactKind.LANDLINE, value="0571-81234567", last4="4567", is_primary=True),
            Contact(person_id=pa, kind=ContactKind.MOBILE, value="13900000000", last4="0000", valid=False),
            Contact(person_id=pa, kind=ContactKind.MOBILE, value="13800138000", last4="8000"),
            Contact(person_id=pb, kind=ContactKind.LANDLINE, value="0571-87654321", last4="4321", is_primary=True),
            Contact(person_id=pc, kind=ContactKind.MOBILE, value="13700137000", last4="7000",
                    relation=Relation.SPOUSE, contact_name="王五"),
        ])
        s.add_all([
            Notice(serial="TZ202607000001", batch_no="TZ202607000001", room_id=a.room_id, level=1,
                   kind=NoticeKind.ARREARS_NOTICE, recipient_name="张三", arrears_fen=150_000, late_fee_fen=1_200,
                   period_from=202601, period_to=202606, deadline=date(2026, 7, 20),
                   issued_at=_at(date(2026, 7, 5), 9), issued_by_id=clerk.id,
                   delivery_method=DeliveryMethod.HAND_SIGNED, delivered_at=_at(date(2026, 7, 6), 10),
                   delivered_to="张三", signed_receipt=True),
            Notice(serial="TZ202607000002", batch_no="TZ202607000001", room_id=e.room_id, level=1,
                   kind=NoticeKind.REMINDER, recipient_name="张三", arrears_fen=25_000, period_from=202606,
                   issued_at=_at(date(2026, 7, 5), 9), delivery_method=DeliveryMethod.DOOR,
                   delivered_at=_at(date(2026, 7, 6), 11)),
            Notice(serial="TZ202607000003", batch_no="TZ202607000003", room_id=b.room_id, level=3,
                   kind=NoticeKind.FINAL_NOTICE, recipient_name="欧阳娜娜", arrears_fen=75_000,
                   issued_at=_at(date(2026, 7, 25), 9)),
        ])
    return a, b, c, e


def _wall(day: date, hour: int, minute: int = 0) -> datetime:
    """Local wall-clock time, aware (what the visit forms hand to the services)."""
    return datetime.combine(day, time(hour, minute)).astimezone()


@pytest.fixture
def visits(session_factory, users, office, tmp_path) -> dict[str, int]:
    """Visits made through the visit services, planned on 07-08:
    * done: 3-2-1502 Fri 07-10 19:00–20:00 (A组, the collector and the manager as supervisor), booked by phone
      and confirmed 07-09 10:00; the owner promised 500.00 by 07-31, signed for notice TZ202607000009, a
      photo; the revisit (collector and manager) planned for Sat 07-18;
    * failed: 5-1-102 Mon 07-13, nobody at home;
    * cancelled: 3-2-1502 Wed 07-15, the manager alone (his override), cancelled "业主出差";
    * confirmed: 5-1-101 Mon 07-20 (the clerk and the collector), booked by phone;
    * legacy: 5-1-102 07-01, a row from before revision 0014 (refused; booked by phone, a notice handed)."""
    a, b, c, _e = office
    collector, manager, clerk = users[Role.COLLECTOR], users[Role.MANAGER], users[Role.CLERK]
    today = date(2026, 7, 8)
    photo = tmp_path / "签收.jpg"
    photo.write_bytes(b"\xff\xd8\xffvisit-photo")
    pair = (StaffPick(collector.id), StaffPick(manager.id, VisitDuty.SUPERVISOR))

    def plan(s, room_id: int, day: date, staff, actor=collector, **kw) -> VisitDetail:
        return vs.plan_visit(s, actor=actor, today=today, draft=VisitDraft(
            room_id=room_id, start=_wall(day, 19), end=_wall(day, 20), staff=staff, **kw))

    with session_factory.begin() as s:
        notice = Notice(serial="TZ202607000009", batch_no="TZ202607000009", room_id=a.room_id, level=2,
                        kind=NoticeKind.ARREARS_NOTICE, recipient_name="张三", arrears_fen=150_000,
                        issued_at=_at(date(2026, 7, 8), 9), issued_by_id=clerk.id)
        s.add(notice)
        s.flush()
        done = plan(s, a.room_id, date(2026, 7, 10), pair, team="A组", note="=cmd|' /C calc'!A0")
        failed = plan(s, c.room_id, date(2026, 7, 13), pair)
        cancelled = plan(s, a.room_id, date(2026, 7, 15), (StaffPick(manager.id, VisitDuty.SUPERVISOR),),
                         actor=manager, override_reason="业主只愿见主管")
        confirmed = plan(s, b.room_id, date(2026, 7, 20), (StaffPick(clerk.id), StaffPick(collector.id)), actor=clerk)
        booked = vs.book_appointment(s, actor=collector, visit_id=done.visit_id, version=done.version,
                                     now=_wall(date(2026, 7, 9), 10), confirmed=True, number_dialled="13800138000",
                                     answered_by=AnsweredBy.OWNER)
        vs.book_appointment(s, actor=clerk, visit_id=confirmed.visit_id, version=confirmed.version,
                            now=_wall(date(2026, 7, 9), 11), confirmed=True, number_dialled="0571-87654321",
                            answered_by=AnsweredBy.OWNER)
        vs.cancel_visit(s, actor=manager, visit_id=cancelled.visit_id, version=cancelled.version, reason="业主出差",
                        today=today)
        outcome = vs.record_outcome(s, actor=collector, now=_wall(date(2026, 7, 10), 20, 30), data_dir=tmp_path / "data",
                                    draft=OutcomeDraft(
            visit_id=done.visit_id, version=booked.version, result=VisitResult.PROMISED, met=AnsweredBy.OWNER,
            attitude="态度良好", promise_date=date(2026, 7, 31), promise_amount_fen=50_000, notice_id=notice.id,
            notice_signed=True, photos=(str(photo),),
            revisit=RevisitDraft(_wall(date(2026, 7, 18), 10), _wall(date(2026, 7, 18), 11), pair)))
        away = vs.record_outcome(s, actor=collector, now=_wall(date(2026, 7, 13), 20), data_dir=tmp_path / "data",
                                 draft=OutcomeDraft(visit_id=failed.visit_id, version=failed.version,
                                                    result=VisitResult.NOT_HOME))
        assert away.status is VisitStatus.FAILED and outcome.next_visit_id is not None
        # a visit recorded before revision 0014 (as the migration left it): booked by phone, a notice handed
        # over without its serial on file
        legacy = Visit(room_id=c.room_id, planned_at=_at(date(2026, 7, 1), 19), ends_at=_at(date(2026, 7, 1), 20),
                       status=VisitStatus.DONE, result=VisitResult.REFUSED, met="owner", attitude="情绪激动",
                       booked_by_phone=True, notice_handed=True, done_at=_at(date(2026, 7, 1), 19),
                       created_by_id=collector.id)
        s.add(legacy)
        s.flush()
        s.add(VisitStaff(visit_id=legacy.id, user_id=collector.id, duty=VisitDuty.COLLECTOR))
    return {"legacy": legacy.id, "done": done.visit_id, "failed": failed.visit_id, "cancelled": cancelled.visit_id,
            "revisit": outcome.next_visit_id, "confirmed": confirmed.visit_id}


def test_visits_export_rows_filters_audit_and_permission(session_factory, users, visits, tmp_path):
    collector, manager, clerk = users[Role.COLLECTOR], users[Role.MANAGER], users[Role.CLERK]
    keys = [k for k, _t, _kind in VISIT_COLUMNS]
    with session_factory() as s:
        table = visits_table(s, actor=manager, flt=VisitExportFilter())
        assert [t for t, _k in table.columns] == [t for _k, t, _kind in VISIT_COLUMNS]
        rows = [dict(zip(keys, r, strict=True)) for r in table.rows]
        assert [(r["day"], r["status"], r["room_code"]) for r in rows] == [
            (date(2026, 7, 1), "已上门", "5-1-102"), (date(2026, 7, 10), "已上门", "3-2-1502"), (date(2026, 7, 13), "上门未遇", "5-1-102"),
            (date(2026, 7, 15), "上门取消", "3-2-1502"), (date(2026, 7, 18), "计划上门", "3-2-1502"),
            (date(2026, 7, 20), "已预约", "5-1-101")]
        legacy, done, failed, cancelled, revisit, confirmed = rows
        pair = f"{collector.display_name}（催收专员）、{manager.display_name}（主管）"
        assert done == {
            "day": date(2026, 7, 10), "window": "19:00–20:00", "team": "A组", "status": "已上门", "estate": "测试花园",
            "room_code": "3-2-1502", "owner": "张三", "staff": pair, "booking": "已确认",
            "confirmed_at": "2026-07-09 10:00", "met": "业主本人", "attitude": "态度良好", "result": "承诺缴费",
            "promise_date": date(2026, 7, 31), "promise_fen": 50_000, "notice": "TZ202607000009",
            "notice_signed": "是", "photos": 1, "revisit": date(2026, 7, 18), "cancel_reason": "", "override_by": "",
            "override_reason": "", "note": "=cmd|' /C calc'!A0", "created_by": collector.display_name}
        assert isinstance(done["promise_fen"], int) and isinstance(done["photos"], int)
        assert (failed["result"], failed["met"], failed["booking"], failed["staff"], failed["promise_fen"],
                failed["notice"], failed["photos"], failed["revisit"]) == ("无人在家", "", "", pair, None, "", 0, None)
        assert (cancelled["cancel_reason"], cancelled["override_by"], cancelled["override_reason"],
                cancelled["staff"], cancelled["result"]) == (
            "业主出差", manager.display_name, "业主只愿见主管", f"{manager.display_name}（主管）", "")
        assert (revisit["window"], revisit["staff"], revisit["booking"]) == ("10:00–11:00", pair, "")
        assert (legacy["booking"], legacy["confirmed_at"], legacy["result"], legacy["met"], legacy["notice"],
                legacy["notice_signed"], legacy["staff"]) == (
            "已确认", "", "拒绝缴费", "业主本人", "已递交（无编号）", "", f"{collector.display_name}（催收专员）")
        assert (confirmed["booking"], confirmed["confirmed_at"], confirmed["created_by"]) == (
            "已确认", "2026-07-09 11:00", clerk.display_name)
        assert confirmed["staff"] == "、".join(f"{u.display_name}（催收专员）" for u in sorted(
            (clerk, collector), key=lambda u: u.id))

        def codes(**kw) -> list[tuple[str, str]]:
            found = visits_table(s, actor=manager, flt=VisitExportFilter(**kw)).rows
            return [(r[keys.index("room_code")], r[keys.index("status")]) for r in found]

        assert codes(status=VisitStatus.FAILED) == [("5-1-102", "上门未遇")]
        assert codes(status=VisitStatus.CONFIRMED) == [("5-1-101", "已预约")]
        assert codes(status=VisitStatus.CANCELLED) == [("3-2-1502", "上门取消")]
        assert codes(staff_id=clerk.id) == [("5-1-101", "已预约")]
        assert [c for c, _st in codes(date_from=date(2026, 7, 11), date_to=date(2026, 7, 15))] == [
            "5-1-102", "3-2-1502"]
        with pytest.raises(PermissionDenied):  # a collector may not take personal data out
            visits_table(s, actor=collector, flt=VisitExportFilter())

    out = tmp_path / "上门.xlsx"
    assert export_visits(Transactions(session_factory), actor=manager, path=out,
                         flt=VisitExportFilter(status=VisitStatus.DONE, date_from=date(2026, 7, 2))) == 1
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[3]]
    assert header[:4] == ["上门日期", "时间段", "小组", "状态"]
    note = ws.cell(row=4, column=header.index("备注") + 1)
    assert note.value == "=cmd|' /C calc'!A0" and note.data_type == "s"  # text, never a formula
    assert ws.cell(row=4, column=header.index("承诺金额") + 1).value == Decimal("500.00")
    with session_factory() as s:
        entry = s.scalars(select(AuditLog).where(AuditLog.action == "export.visits")).one()
        assert entry.user_id == manager.id
        assert {"file": "上门.xlsx", "rows": 1, "status": "done", "date_from": "2026-07-02"}.items() <= json.loads(
            entry.detail).items()


def test_notices_export_kinds_delivery_states_and_totals(session_factory, users, office, tmp_path):
    manager = users[Role.MANAGER]
    keys = [k for k, _t, _kind in NOTICE_COLUMNS]

    def serials(**kw) -> list[str]:
        with session_factory() as s:
            return [r[0] for r in notices_table(s, actor=manager, flt=NoticeExportFilter(**kw)).rows]

    assert serials() == ["TZ202607000001", "TZ202607000002", "TZ202607000003"]
    assert serials(kind=NoticeKind.FINAL_NOTICE) == ["TZ202607000003"]
    assert serials(state=DeliveryState.PENDING) == ["TZ202607000003"]
    assert serials(state=DeliveryState.DELIVERED) == ["TZ202607000001", "TZ202607000002"]
    assert serials(state=DeliveryState.EVIDENCED) == ["TZ202607000001"]
    assert serials(state=DeliveryState.UNPROVEN) == ["TZ202607000002"]  # left at the door: no proof
    assert serials(batch_no="tz202607000001") == ["TZ202607000001", "TZ202607000002"]
    assert serials(date_from=date(2026, 7, 20)) == ["TZ202607000003"]
    with session_factory() as s:
        first = dict(zip(keys, notices_table(s, actor=manager, flt=NoticeExportFilter()).rows[0], strict=True))
    assert (first["kind"], first["arrears_fen"], first["late_fee_fen"], first["total_fen"]) == (
        "催缴通知书", 150_000, 1_200, 151_200)
    assert all(isinstance(first[k], int) for k in ("arrears_fen", "late_fee_fen", "total_fen"))
    assert (first["periods"], first["delivery_state"], first["signed_receipt"]) == (
        "2026-01 至 2026-06", "已送达（有凭证）", "是")

    out = tmp_path / "通知.xlsx"
    assert export_notices(Transactions(session_factory), actor=manager, flt=NoticeExportFilter(), path=out) == 3
    ws = openpyxl.load_workbook(out).active
    last = [c.value for c in ws[ws.max_row]]
    assert last[0] == "合计"
    assert Decimal(str(last[keys.index("total_fen")])).quantize(Decimal("0.01")) == Decimal("2512.00")
    csv_out = tmp_path / "通知.csv"
    assert export_notices(Transactions(session_factory), actor=manager,
                          flt=NoticeExportFilter(kind=NoticeKind.REMINDER), path=csv_out) == 1
    with csv_out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:2] == ["编号", "批次"] and rows[1][0] == "TZ202607000002" and len(rows) == 2
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "export.notices")) == 2


def test_sms_batch_messages_masking_and_rooms_left_out(session_factory, users, office):
    a, b, _c, e = office
    manager = users[Role.MANAGER]
    with session_factory() as s:
        batch = plan_sms(s, actor=manager, template=TEMPLATE, selection=SmsSelection(), today=TODAY)
        assert [(m.room_code, m.phone) for m in batch.messages] == [("3-2-1502", "13800138000")]
        assert batch.messages[0].text == "张先生/女士，测试花园3栋2单元15**欠¥1,500.00共6个月，请于2026年8月8日前缴清。"
        assert batch.messages[0].segments == 1 and batch.segments == 1
        assert {r.room_code: r.reason for r in batch.left_out} == {
            "5-1-101": "只有固定电话，不能接收短信", "5-1-102": "无有效手机号码"}
        assert batch.quiet_text == "21:00–08:00"

        # the rooms of a notice batch: the one that no longer owes is listed, not dropped
        by_batch = plan_sms(s, actor=manager, template=TEMPLATE, selection=SmsSelection(batch_no="TZ202607000001"),
                            today=TODAY, due=date(2026, 8, 15))
        assert [m.room_id for m in by_batch.messages] == [a.room_id]
        assert "2026年8月15日" in by_batch.messages[0].text
        assert [(r.room_id, r.reason) for r in by_batch.left_out] == [(e.room_id, "已无逾期欠费")]
        picked = plan_sms(s, actor=manager, template=TEMPLATE, selection=SmsSelection(room_ids=(a.room_id, e.room_id)),
                          today=TODAY)
        assert [m.room_id for m in picked.messages] == [a.room_id] and picked.left_out == by_batch.left_out
        # the arrears filter, minimum months
        assert plan_sms(s, actor=manager, template=TEMPLATE, selection=SmsSelection(min_months=4),
                        today=TODAY).left_out == ()
        few = plan_sms(s, actor=manager, template=TEMPLATE,
                       selection=SmsSelection(arrears=ArrearsFilter(min_fen=60_000)), today=TODAY)
        assert {r.room_code for r in few.left_out} == {"5-1-101"} and len(few.messages) == 1

        sample = sms_sample(s, actor=users[Role.COLLECTOR], selection=SmsSelection(room_ids=(b.room_id,)), today=TODAY)
        assert (sample.rooms, sample.values["称呼"], sample.values["房号"]) == (1, "欧阳先生/女士", "5栋1单元10*")
        long = plan_sms(s, actor=manager, template=TEMPLATE + "详询服务中心。" * 8, selection=SmsSelection(),
                        today=TODAY)
        assert len(long.messages[0].text) > 70 and long.max_segments == 2

        with pytest.raises(NotFound):
            plan_sms(s, actor=manager, template=TEMPLATE, selection=SmsSelection(batch_no="TZ1"), today=TODAY)
        with pytest.raises(ValidationError) as bad:
            plan_sms(s, actor=manager, template="{业主全名}您好", selection=SmsSelection(), today=TODAY)
        assert bad.value.code == "sms.unknown_placeholder"
        with pytest.raises(ValidationError) as threat:
            plan_sms(s, actor=manager, template="再不缴费将停水停电", selection=SmsSelection(), today=TODAY)
        assert threat.value.code == "sms.template_forbidden"
        with pytest.raises(PermissionDenied):  # whole numbers leave the program: not a collector's to take
            plan_sms(s, actor=users[Role.COLLECTOR], template=TEMPLATE, selection=SmsSelection(), today=TODAY)
        with pytest.raises(ValidationError) as late:
            plan_sms(s, actor=manager, template=TEMPLATE, selection=SmsSelection(), today=TODAY, due=date(2026, 7, 1))
        assert late.value.code == "sms.due_in_past"

    # the office's own template: checked, kept as a setting, audited once per change
    with session_factory() as s:
        assert sms_template(s) == DEFAULT_SMS_TEMPLATE
    for _ in range(2):
        with session_factory.begin() as s:
            assert save_sms_template(s, actor=manager, text=f"  {TEMPLATE}\n") == TEMPLATE
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        save_sms_template(s, actor=users[Role.CLERK], text="{称呼}您好")
    with session_factory() as s:
        assert sms_template(s) == TEMPLATE
        saved = s.scalars(select(AuditLog).where(AuditLog.action == "settings.sms_template")).all()
        assert len(saved) == 1 and saved[0].user_id == manager.id


def test_sms_file_encoding_formula_safety_audit_and_cancel(session_factory, users, office, tmp_path):
    manager = users[Role.MANAGER]
    out = tmp_path / "out" / "短信.csv"
    with pytest.raises(DomainError) as cancelled:  # as the task runner does
        export_sms(Transactions(session_factory), actor=manager, template=TEMPLATE, selection=SmsSelection(),
                   today=TODAY, path=out,
                   cancel=lambda: True)
    assert cancelled.value.code == "task.cancelled"  # cancelled: neither the file nor the audit row
    assert not out.exists() and (not out.parent.exists() or list(out.parent.iterdir()) == [])  # no temp file
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "export.sms")) == 0

    batch = export_sms(Transactions(session_factory), actor=manager, template="=cmd|' /C calc'!A0 " + TEMPLATE,
                       selection=SmsSelection(min_months=2), today=TODAY, path=out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the Chinese
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["手机号码", "短信内容"]
    assert rows[1][0] == "13800138000" and rows[1][1].startswith("'=cmd")  # neutralised for Excel
    assert len(rows) == 1 + len(batch.messages) == 2
    with session_factory() as s:
        entry = s.scalars(select(AuditLog).where(AuditLog.action == "export.sms")).one()
        detail = json.loads(entry.detail)
    assert entry.user_id == manager.id
    assert (detail["file"], detail["rows"], detail["left_out"], detail["min_months"]) == ("短信.csv", 1, 2, "2")
