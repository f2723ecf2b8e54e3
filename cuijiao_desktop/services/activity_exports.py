"""Exports of the collection work: the home visits (上门记录) and the notices issued (通知发放记录).

Each export is a table (:class:`services.exports.ExportTable`) for the generic writer
(``reports.xlsx.write_table``: .xlsx or .csv by the file's suffix). The columns of each table are
declared once (:data:`VISIT_COLUMNS`, :data:`NOTICE_COLUMNS`: key, title, kind); a row is built as a
dict of keys and cut to the columns, so a new column is one line here and one value in the row dict.
Both tables name owners and hold their rooms: they need ``Permission.EXPORT_PERSONAL_DATA``, and the
caller audits the file (``reports.activity_exports``, in the shape of ``services/export_file.py``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from operator import itemgetter
from typing import Any

from sqlalchemy import and_, exists, func, select, true
from sqlalchemy.orm import Session, aliased

from cuijiao_desktop.db.models import (
    Estate,
    Notice,
    Person,
    Promise,
    Room,
    RoomPerson,
    User,
    Visit,
    VisitPhoto,
    VisitStaff,
)
from cuijiao_desktop.domain.enums import DeliveryMethod, NoticeKind, PersonRole, VisitStatus
from cuijiao_desktop.domain.labels_zh import ANSWERED_ZH, VISIT_DUTY_ZH, VISIT_RESULT_ZH, VISIT_STATUS_ZH
from cuijiao_desktop.domain.notices import period_text
from cuijiao_desktop.domain.permissions import Permission

from .actor import authorize
from .contact_log import _utc as _day_start_utc
from .dto import UserDTO
from .exports import ExportTable
from .limitation import notice_is_evidenced_demand
from .tx import read_only

__all__ = [
    "DELIVERY_STATE_ZH",
    "DELIVERY_ZH",
    "NOTICE_COLUMNS",
    "NOTICE_KIND_ZH",
    "VISIT_COLUMNS",
    "DeliveryState",
    "NoticeExportFilter",
    "VisitExportFilter",
    "delivery_state",
    "notices_table",
    "visits_table",
]

EXPORT_LIMIT = 100_000
_CHUNK = 900

NOTICE_KIND_ZH: dict[NoticeKind, str] = {
    NoticeKind.REMINDER: "温馨提示", NoticeKind.ARREARS_NOTICE: "催缴通知书", NoticeKind.FINAL_NOTICE: "最后催告函",
    NoticeKind.LAWYER_LETTER: "律师函",
}
DELIVERY_ZH: dict[DeliveryMethod, str] = {
    DeliveryMethod.HAND_SIGNED: "当面签收", DeliveryMethod.DOOR: "张贴/塞门", DeliveryMethod.REGISTERED_MAIL: "挂号信",
    DeliveryMethod.EXPRESS: "快递", DeliveryMethod.SMS: "短信", DeliveryMethod.WECHAT: "微信",
    DeliveryMethod.EMAIL: "邮件",
}


class DeliveryState(StrEnum):
    """Where a notice's delivery stands (the filter of the notices export)."""

    PENDING = "pending"  # no delivery recorded
    DELIVERED = "delivered"  # a delivery recorded, with or without proof
    EVIDENCED = "evidenced"  # delivered with proof: an evidenced demand (services.limitation's rule)
    UNPROVEN = "unproven"  # delivered without proof (stuck on the door, no slip, no tracking number)


DELIVERY_STATE_ZH: dict[DeliveryState, str] = {
    DeliveryState.PENDING: "未送达", DeliveryState.DELIVERED: "已送达", DeliveryState.EVIDENCED: "已送达（有凭证）",
    DeliveryState.UNPROVEN: "已送达（无凭证）",
}

#: The visits table: (key, title, kind) per column, in the order of the file. The promise is the
#: ``promise`` row the outcome created (one truth, also on the room's ledger); the notice is the print
#: room's serial handed over; the revisit is the day of the next visit the outcome scheduled.
VISIT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("day", "上门日期", "date"),
    ("window", "时间段", "text"),
    ("team", "小组", "text"),
    ("status", "状态", "text"),
    ("estate", "小区", "text"),
    ("room_code", "房号", "text"),
    ("owner", "业主", "text"),
    ("staff", "上门人员", "text"),
    ("booking", "电话预约", "text"),
    ("confirmed_at", "预约确认时间", "text"),
    ("met", "接待人", "text"),
    ("attitude", "业主态度", "text"),
    ("result", "结果", "text"),
    ("promise_date", "承诺缴费日", "date"),
    ("promise_fen", "承诺金额", "money"),
    ("notice", "递交通知", "text"),
    ("notice_signed", "通知签收", "text"),
    ("photos", "照片", "int"),
    ("revisit", "再访日期", "date"),
    ("cancel_reason", "取消原因", "text"),
    ("override_by", "单人上门批准人", "text"),
    ("override_reason", "单人上门理由", "text"),
    ("note", "备注", "text"),
    ("created_by", "计划人", "text"),
)

#: The notices-issued table: (key, title, kind) per column, in the order of the file.
NOTICE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("serial", "编号", "text"),
    ("batch_no", "批次", "text"),
    ("issued_on", "开具日期", "date"),
    ("kind", "类型", "text"),
    ("level", "第几次", "int"),
    ("estate", "小区", "text"),
    ("room_code", "房号", "text"),
    ("recipient", "收件人", "text"),
    ("arrears_fen", "欠费本金", "money"),
    ("late_fee_fen", "滞纳金", "money"),
    ("total_fen", "合计", "money"),
    ("periods", "欠费期间", "text"),
    ("deadline", "缴费期限", "date"),
    ("intended", "拟送达方式", "text"),
    ("delivery_method", "送达方式", "text"),
    ("delivered_on", "送达日期", "date"),
    ("delivered_to", "签收人", "text"),
    ("tracking_no", "快递单号", "text"),
    ("signed_receipt", "签收回执", "text"),
    ("delivery_state", "送达状态", "text"),
    ("issued_by", "开具人", "text"),
)


def _yes(flag: bool | None) -> str:
    return "是" if flag else "否"


def _local(at: Any) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M") if at is not None else ""


def _cut(columns: Sequence[tuple[str, str, str]], rows: Iterable[Mapping[str, Any]]) -> tuple[tuple[Any, ...], ...]:
    pick = itemgetter(*(key for key, _title, _kind in columns))
    return tuple(pick(row) for row in rows)


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield list(ids[i:i + _CHUNK])


def _owners(session: Session, room_ids: Sequence[int]) -> dict[int, str]:
    """Each room's current owner (the first linked), for the tables."""
    out: dict[int, str] = {}
    for chunk in _chunks(sorted(set(room_ids))):
        for rid, name in session.execute(
            select(RoomPerson.room_id, Person.name).join(Person, Person.id == RoomPerson.person_id)
            .where(RoomPerson.room_id.in_(chunk), RoomPerson.role == PersonRole.OWNER, RoomPerson.end_date.is_(None))
            .order_by(RoomPerson.id)
        ):
            out.setdefault(rid, name)
    return out


def _period_span(first: int | None, last: int | None) -> str:
    if first is None:
        return ""
    return period_text(first) if last in (None, first) else f"{period_text(first)} 至 {period_text(last)}"


def _range_subtitle(date_from: date | None, date_to: date | None, count: int) -> str:
    span = f"{date_from.isoformat() if date_from else '最早'} 至 {date_to.isoformat() if date_to else '今天'}"
    return f"{span}，共 {count:,} 条"


# ---------------------------------------------------------------------------
# Visits
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class VisitExportFilter:
    """Visits planned from ``date_from`` to ``date_to`` (local days, inclusive); ``staff_id``: one of the
    staff who went (or were to go); ``status``: one of the five (planned, confirmed, done, failed,
    cancelled). None means any."""

    date_from: date | None = None
    date_to: date | None = None
    staff_id: int | None = None
    status: VisitStatus | None = None


def _window(start: Any, end: Any) -> str:
    return f"{start.astimezone():%H:%M}–{end.astimezone():%H:%M}" if start is not None and end is not None else ""


def _booking(status: VisitStatus, confirmed_at: Any, call_id: int | None, booked_by_phone: bool) -> str:
    """The booking call: confirmed by the owner, called without a confirmation, or no call. A visit
    booked by phone before revision 0014 has no call on file: its booking was the appointment (as
    0014 read it when it made such planned visits confirmed)."""
    if confirmed_at is not None or status is VisitStatus.CONFIRMED:
        return "已确认"
    if call_id is not None:
        return "已致电未确认"
    return "已确认" if booked_by_phone else ""


def _zh(labels: Mapping[Any, str], code: Any) -> str:
    return labels.get(code, str(code)) if code else ""


@read_only
def visits_table(session: Session, *, actor: UserDTO, flt: VisitExportFilter) -> ExportTable:
    """The visits of the filter, oldest first (at most :data:`EXPORT_LIMIT`)."""
    authorize(session, actor, Permission.EXPORT_PERSONAL_DATA)
    cond: list = []
    if flt.date_from is not None:
        cond.append(Visit.planned_at >= _day_start_utc(flt.date_from))
    if flt.date_to is not None:
        cond.append(Visit.planned_at < _day_start_utc(flt.date_to + timedelta(days=1)))
    if flt.status is not None:
        cond.append(Visit.status == VisitStatus(flt.status))
    if flt.staff_id is not None:
        cond.append(exists().where(VisitStaff.visit_id == Visit.id, VisitStaff.user_id == flt.staff_id))
    nxt = aliased(Visit)
    found = session.execute(  # columns, not ORM objects: tens of thousands of rows
        select(Visit.id, Visit.room_id, Visit.planned_at, Visit.ends_at, Visit.team, Visit.status,
               Visit.booked_by_phone, Visit.appointment_event_id, Visit.confirmed_at, Visit.met, Visit.attitude,
               Visit.result, Visit.notice_handed, Visit.notice_signed, Visit.cancel_reason, Visit.override_by_id,
               Visit.override_reason, Visit.note, Visit.created_by_id, Estate.name.label("estate"),
               Room.code.label("room_code"), Promise.due_date.label("promise_date"),
               Promise.amount_fen.label("promise_fen"), Notice.serial.label("notice_serial"),
               nxt.planned_at.label("revisit_at"))
        .join(Room, Room.id == Visit.room_id).join(Estate, Estate.id == Room.estate_id)
        .outerjoin(Promise, Promise.id == Visit.promise_id).outerjoin(Notice, Notice.id == Visit.notice_id)
        .outerjoin(nxt, nxt.id == Visit.next_visit_id)
        .where(and_(true(), *cond))
        .order_by(Visit.planned_at, Visit.id).limit(EXPORT_LIMIT)
    ).all()
    users = dict(session.execute(select(User.id, User.display_name)).tuples().all())
    staff: dict[int, list[str]] = defaultdict(list)
    photos: dict[int, int] = {}
    visit_ids = [v.id for v in found]
    for chunk in _chunks(visit_ids):
        for vid, uid, duty in session.execute(
            select(VisitStaff.visit_id, VisitStaff.user_id, VisitStaff.duty)
            .where(VisitStaff.visit_id.in_(chunk)).order_by(VisitStaff.visit_id, VisitStaff.user_id)
        ):
            name = users.get(uid, "")
            staff[vid].append(f"{name}（{_zh(VISIT_DUTY_ZH, duty)}）" if duty else name)
        photos.update((vid, int(n)) for vid, n in session.execute(
            select(VisitPhoto.visit_id, func.count()).where(VisitPhoto.visit_id.in_(chunk))
            .group_by(VisitPhoto.visit_id)))
    owners = _owners(session, [v.room_id for v in found])
    rows = []
    for v in found:
        if v.notice_serial:
            notice, signed = v.notice_serial, _yes(v.notice_signed)
        else:  # visits recorded before revision 0014 only say whether a notice was handed over
            notice, signed = ("已递交（无编号）" if v.notice_handed else ""), ""
        rows.append({
            "day": v.planned_at.astimezone().date(), "window": _window(v.planned_at, v.ends_at), "team": v.team or "",
            "status": VISIT_STATUS_ZH[v.status], "estate": v.estate, "room_code": v.room_code,
            "owner": owners.get(v.room_id, ""), "staff": "、".join(staff[v.id]),
            "booking": _booking(v.status, v.confirmed_at, v.appointment_event_id, bool(v.booked_by_phone)),
            "confirmed_at": _local(v.confirmed_at), "met": _zh(ANSWERED_ZH, v.met), "attitude": v.attitude or "",
            "result": _zh(VISIT_RESULT_ZH, v.result), "promise_date": v.promise_date,
            "promise_fen": int(v.promise_fen) if v.promise_fen is not None else None,
            "notice": notice, "notice_signed": signed, "photos": photos.get(v.id, 0),
            "revisit": v.revisit_at.astimezone().date() if v.revisit_at is not None else None,
            "cancel_reason": v.cancel_reason or "",
            "override_by": users.get(v.override_by_id, "") if v.override_by_id else "",
            "override_reason": v.override_reason or "", "note": v.note or "",
            "created_by": users.get(v.created_by_id, "") if v.created_by_id else "",
        })
    return ExportTable(
        columns=tuple((title, kind) for _key, title, kind in VISIT_COLUMNS), rows=_cut(VISIT_COLUMNS, rows),
        sheet_title="上门记录", title="上门催缴记录", subtitle=_range_subtitle(flt.date_from, flt.date_to, len(rows)),
    )


# ---------------------------------------------------------------------------
# Notices issued
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeExportFilter:
    """Notices issued from ``date_from`` to ``date_to`` (local days, inclusive), of a ``kind``, in a
    delivery ``state``, of one ``batch_no``. None (or "") means any."""

    date_from: date | None = None
    date_to: date | None = None
    kind: NoticeKind | None = None
    state: DeliveryState | None = None
    batch_no: str = ""


def _state(delivered_at: Any, signed: bool | None, tracking_no: str | None, proof_path: str | None,
           method: DeliveryMethod | None) -> DeliveryState:
    if delivered_at is None:
        return DeliveryState.PENDING
    proven = notice_is_evidenced_demand(delivered_at=delivered_at, signed_receipt=bool(signed),
                                        tracking_no=tracking_no or "", proof_path=proof_path or "",
                                        delivery_method=method)
    return DeliveryState.EVIDENCED if proven else DeliveryState.UNPROVEN


def delivery_state(n: Notice) -> DeliveryState:
    """PENDING, EVIDENCED or UNPROVEN (never the umbrella DELIVERED) for one notice."""
    return _state(n.delivered_at, n.signed_receipt, n.tracking_no, n.proof_path, n.delivery_method)


@read_only
def notices_table(session: Session, *, actor: UserDTO, flt: NoticeExportFilter) -> ExportTable:
    """The notices of the filter, by serial (at most :data:`EXPORT_LIMIT`), with a totals row."""
    authorize(session, actor, Permission.EXPORT_PERSONAL_DATA)
    cond: list = []
    if flt.date_from is not None:
        cond.append(Notice.issued_at >= _day_start_utc(flt.date_from))
    if flt.date_to is not None:
        cond.append(Notice.issued_at < _day_start_utc(flt.date_to + timedelta(days=1)))
    if flt.kind is not None:
        cond.append(Notice.kind == NoticeKind(flt.kind))
    if flt.batch_no.strip():
        cond.append(Notice.batch_no == flt.batch_no.strip().upper())
    state = DeliveryState(flt.state) if flt.state is not None else None
    if state is DeliveryState.PENDING:
        cond.append(Notice.delivered_at.is_(None))
    elif state is not None:
        cond.append(Notice.delivered_at.is_not(None))
    found = session.execute(  # columns, not ORM objects: tens of thousands of rows
        select(Notice.serial, Notice.batch_no, Notice.issued_at, Notice.kind, Notice.level, Notice.recipient_name,
               Notice.arrears_fen, Notice.late_fee_fen, Notice.period_from, Notice.period_to, Notice.deadline,
               Notice.intended_delivery, Notice.delivery_method, Notice.delivered_at, Notice.delivered_to,
               Notice.tracking_no, Notice.proof_path, Notice.signed_receipt, Notice.issued_by_id,
               Estate.name.label("estate"), Room.code.label("room_code"))
        .join(Room, Room.id == Notice.room_id).join(Estate, Estate.id == Room.estate_id)
        .where(and_(true(), *cond))
        .order_by(Notice.serial).limit(EXPORT_LIMIT)
    ).all()
    users = dict(session.execute(select(User.id, User.display_name)).tuples().all())
    rows = []
    for (serial, batch_no, issued_at, kind, level, recipient, arrears_fen, late_fee_fen, period_from, period_to,
         deadline, intended, method, delivered_at, delivered_to, tracking_no, proof_path, signed, issued_by,
         estate, code) in found:
        st = _state(delivered_at, signed, tracking_no, proof_path, method)
        if state in (DeliveryState.EVIDENCED, DeliveryState.UNPROVEN) and st is not state:
            continue
        principal, late = int(arrears_fen), int(late_fee_fen or 0)
        rows.append({
            "serial": serial, "batch_no": batch_no or "", "issued_on": issued_at.astimezone().date(),
            "kind": NOTICE_KIND_ZH.get(kind, ""), "level": level, "estate": estate, "room_code": code,
            "recipient": recipient or "", "arrears_fen": principal, "late_fee_fen": late, "total_fen": principal + late,
            "periods": _period_span(period_from, period_to), "deadline": deadline,
            "intended": DELIVERY_ZH.get(intended, "") if intended else "",
            "delivery_method": DELIVERY_ZH.get(method, "") if method else "",
            "delivered_on": delivered_at.astimezone().date() if delivered_at else None,
            "delivered_to": delivered_to or "", "tracking_no": tracking_no or "", "signed_receipt": _yes(signed),
            "delivery_state": DELIVERY_STATE_ZH[st], "issued_by": users.get(issued_by, "") if issued_by else "",
        })
    return ExportTable(
        columns=tuple((title, kind) for _key, title, kind in NOTICE_COLUMNS), rows=_cut(NOTICE_COLUMNS, rows),
        sheet_title="通知发放记录", title="催缴通知发放记录",
        subtitle=_range_subtitle(flt.date_from, flt.date_to, len(rows)), totals_label="合计",
    )
