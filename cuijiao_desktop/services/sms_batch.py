"""The SMS batch (催缴短信批量文件): one message per room in arrears, for the office's own SMS platform.

The rooms are those of the arrears page's filter (:class:`services.arrears.ArrearsFilter`), or the
rooms of a notice batch (its number), or rooms picked by id. Each room's message goes to the
preferred mobile of the person a notice would go to (the current owner; a tenant who pays the fees
when there is no owner: ``services.notices``' rule): a primary valid mobile first, else the oldest
valid one. Landlines cannot take a message. A room without such a mobile, or under an approved
deferral, or (for a batch) no longer in arrears, is listed in :attr:`SmsBatch.left_out` with the
reason, never silently dropped.

The message is the template filled by ``domain.sms`` (the owner named by surname only, the room
masked). The whole numbers leave the program in the file: :func:`plan_sms` needs
``Permission.EXPORT_PERSONAL_DATA`` and its caller audits the file (``services/export_file.py``).
:func:`sms_sample` gives the placeholder values of the first room (no phone numbers) for the
editor's live preview. The office keeps one template of its own (:func:`save_sms_template`, an office
setting shared by every desk); until a manager saves one, ``domain.sms.DEFAULT_SMS_TEMPLATE`` is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import CollectionCase, Contact, Estate, Notice, OfficeSetting, Room
from cuijiao_desktop.domain.contacts import format_hhmm, in_quiet_hours
from cuijiao_desktop.domain.enums import ContactKind, Relation
from cuijiao_desktop.domain.errors import DomainError, NotFound, ValidationError
from cuijiao_desktop.domain.masking import mask_room, salutation
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.phones import phone_from_digits
from cuijiao_desktop.domain.sms import DEFAULT_SMS_TEMPLATE, check_sms_template, render_sms, sms_segments

from . import arrears as arrears_service
from . import audit
from .actor import authorize
from .contacts import contact_rules
from .dto import UserDTO
from .notices import _recipients
from .office import get_office, put_setting
from .tx import read_only

__all__ = [
    "DEFAULT_DUE_DAYS",
    "SmsBatch",
    "SmsLeftOut",
    "SmsMessage",
    "SmsSample",
    "SmsSelection",
    "plan_sms",
    "save_sms_template",
    "sms_sample",
    "sms_template",
]

#: The office setting that holds the office's own template.
TEMPLATE_KEY = "sms.template"
#: The pay-by date a message gives when none is chosen: a week from today.
DEFAULT_DUE_DAYS = 7
_CHUNK = 900

NO_MOBILE = "无有效手机号码"
ONLY_LANDLINE = "只有固定电话，不能接收短信"
NO_PERSON = "没有业主或缴费人"
DEFERRED = "已批准延期至{day}，期间不催缴"
PAID = "已无逾期欠费"


@dataclass(frozen=True)
class SmsSelection:
    """Which rooms get a message: the arrears filter, narrowed to a notice batch's rooms (``batch_no``),
    to picked rooms (``room_ids``) and to rooms owing at least ``min_months`` months."""

    arrears: arrears_service.ArrearsFilter = field(default_factory=arrears_service.ArrearsFilter)
    batch_no: str = ""
    room_ids: tuple[int, ...] = ()
    min_months: int = 0


@dataclass(frozen=True)
class SmsMessage:
    """One line of the file: the whole mobile number and the filled message."""

    room_id: int
    estate: str
    room_code: str
    phone: str
    text: str

    @property
    def segments(self) -> int:
        return sms_segments(self.text)


@dataclass(frozen=True)
class SmsLeftOut:
    """A chosen room that gets no message, and why (Chinese, for the summary)."""

    room_id: int
    estate: str
    room_code: str
    reason: str


@dataclass(frozen=True)
class SmsBatch:
    """The messages (room order), the rooms left out, and the office's quiet hours to send around."""

    messages: tuple[SmsMessage, ...]
    left_out: tuple[SmsLeftOut, ...]
    quiet_start: time
    quiet_end: time
    in_quiet_hours: bool  # the batch was made inside the quiet hours: send it later

    @property
    def segments(self) -> int:
        """Messages the platform will bill (long messages count several)."""
        return sum(m.segments for m in self.messages)

    @property
    def max_segments(self) -> int:
        return max((m.segments for m in self.messages), default=0)

    @property
    def quiet_text(self) -> str:
        """``21:00–08:00`` ("" when the office has no quiet hours)."""
        return _quiet_text(self.quiet_start, self.quiet_end)


@dataclass(frozen=True)
class SmsSample:
    """What the editor previews: the first room's placeholder values and how many rooms were chosen."""

    values: dict[str, str]
    rooms: int  # rooms of the selection (in arrears)
    room_code: str
    quiet_text: str = ""  # the office's quiet hours, "21:00–08:00" ("" when it has none)


def _quiet_text(start: time, end: time) -> str:
    return "" if start == end else f"{format_hhmm(start)}–{format_hhmm(end)}"


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _masked_room(code: str) -> str:
    try:
        return mask_room(code)
    except DomainError:  # an odd code: mask its last two characters anyway
        return code[:-2] + "**" if len(code) > 2 else "*" * len(code)


def _chosen(session: Session, selection: SmsSelection, today: date
            ) -> tuple[list[arrears_service.ArrearsRow], list[SmsLeftOut]]:
    every = arrears_service.query_arrears(session, today=today)
    rows = arrears_service.filter_rows(every, selection.arrears)
    owing = {r.room_id for r in every}
    left: list[SmsLeftOut] = []

    def named_rooms(wanted: set[int]) -> None:
        """Keep the rows of ``wanted``; a named room that owes nothing is listed, not dropped."""
        nonlocal rows
        settled = sorted(wanted - owing - {r.room_id for r in left})
        for i in range(0, len(settled), _CHUNK):
            for rid, estate, code in session.execute(
                select(Room.id, Estate.name, Room.code).join(Estate, Estate.id == Room.estate_id)
                .where(Room.id.in_(settled[i:i + _CHUNK])).order_by(Room.code)
            ):
                left.append(SmsLeftOut(rid, estate, code, PAID))
        rows = [r for r in rows if r.room_id in wanted]

    if selection.batch_no.strip():
        batch = selection.batch_no.strip().upper()
        wanted = set(session.scalars(select(Notice.room_id).where(Notice.batch_no == batch).distinct()))
        if not wanted:
            raise NotFound("sms.batch_not_found", batch=batch)
        named_rooms(wanted)
    if selection.room_ids:
        named_rooms(set(selection.room_ids))
    if selection.min_months:
        rows = [r for r in rows if r.months >= selection.min_months]
    rows.sort(key=arrears_service.room_order_key)
    return rows, left


def _values(row: arrears_service.ArrearsRow, name: str, due: date, office_name: str, office_phone: str
            ) -> dict[str, str]:
    first = row.oldest_period
    return {
        "称呼": salutation(name), "房号": _masked_room(row.room_code), "小区": row.estate,
        "欠费金额": format_money(row.total_fen), "欠费月数": str(row.months),
        "起始月份": f"{first // 100}年{first % 100}月", "缴费期限": _cn_date(due),
        "服务中心": office_name or "物业服务中心", "服务中心电话": office_phone,
    }


def _mobiles(session: Session, person_ids: list[int]) -> tuple[dict[int, str], set[int]]:
    """Each person's preferred mobile (primary first, then the oldest; valid, their own), and the
    people who have only landlines."""
    best: dict[int, str] = {}
    landline: set[int] = set()
    for i in range(0, len(person_ids), _CHUNK):
        for pid, kind, value in session.execute(
            select(Contact.person_id, Contact.kind, Contact.value)
            .where(Contact.person_id.in_(person_ids[i:i + _CHUNK]), Contact.valid.is_(True),
                   Contact.relation == Relation.SELF,
                   Contact.kind.in_([ContactKind.MOBILE, ContactKind.LANDLINE]))
            .order_by(Contact.person_id, Contact.is_primary.desc(), Contact.id)
        ):
            if pid in best:
                continue
            phone = phone_from_digits("".join(ch for ch in value if ch.isascii() and ch.isdigit()))
            if phone is not None and phone.kind is ContactKind.MOBILE:
                best[pid] = phone.value
            else:
                landline.add(pid)
    return best, landline - set(best)


def _holds(session: Session, room_ids: list[int], today: date) -> dict[int, date]:
    out: dict[int, date] = {}
    for i in range(0, len(room_ids), _CHUNK):
        for rid, hold in session.execute(
            select(CollectionCase.room_id, CollectionCase.hold_until)
            .where(CollectionCase.room_id.in_(room_ids[i:i + _CHUNK]), CollectionCase.closed_on.is_(None),
                   CollectionCase.hold_until.is_not(None), CollectionCase.hold_until >= today)
        ):
            out[rid] = hold
    return out


@read_only
def plan_sms(
    session: Session, *, actor: UserDTO, template: str, selection: SmsSelection, today: date,
    due: date | None = None, now: datetime | None = None,
) -> SmsBatch:
    """The messages of the selection (with whole mobile numbers) and the rooms left out.

    ``due`` is the pay-by date of ``{缴费期限}`` (default :data:`DEFAULT_DUE_DAYS` from today);
    ``now`` (local) decides whether the batch was made in the office's quiet hours.
    """
    authorize(session, actor, Permission.EXPORT_PERSONAL_DATA)
    check_sms_template(template)
    due = due or today + timedelta(days=DEFAULT_DUE_DAYS)
    if due < today:
        raise ValidationError("sms.due_in_past", field="due", due=due.isoformat())
    rows, left = _chosen(session, selection, today)
    room_ids = [r.room_id for r in rows]
    recipients = _recipients(session, room_ids, today)
    mobiles, landline_only = _mobiles(session, sorted({p for p, _n in recipients.values()}))
    holds = _holds(session, room_ids, today)
    office = get_office(session)
    messages: list[SmsMessage] = []
    for row in rows:
        if row.room_id in holds:
            left.append(SmsLeftOut(row.room_id, row.estate, row.room_code,
                                   DEFERRED.format(day=holds[row.room_id].isoformat())))
            continue
        person = recipients.get(row.room_id)
        if person is None:
            left.append(SmsLeftOut(row.room_id, row.estate, row.room_code, NO_PERSON))
            continue
        pid, name = person
        phone = mobiles.get(pid)
        if phone is None:
            reason = ONLY_LANDLINE if pid in landline_only else NO_MOBILE
            left.append(SmsLeftOut(row.room_id, row.estate, row.room_code, reason))
            continue
        text = render_sms(template, _values(row, name, due, office.name, office.phone))
        messages.append(SmsMessage(row.room_id, row.estate, row.room_code, phone, text))
    rules = contact_rules(session)
    moment = (now or datetime.now()).time()
    return SmsBatch(tuple(messages), tuple(left), rules.quiet_start, rules.quiet_end,
                    in_quiet_hours(moment, rules.quiet_start, rules.quiet_end))


@read_only
def sms_sample(session: Session, *, actor: UserDTO, selection: SmsSelection, today: date,
               due: date | None = None) -> SmsSample:
    """The first chosen room's placeholder values (for the editor's live preview) and the room count.

    With no room chosen the values are an example (``张先生/女士``, ``¥1,234.50`` …) so that the
    template can still be previewed."""
    authorize(session, actor, Permission.VIEW)
    due = due or today + timedelta(days=DEFAULT_DUE_DAYS)
    rows, _left = _chosen(session, selection, today)
    office = get_office(session)
    rules = contact_rules(session)
    quiet = _quiet_text(rules.quiet_start, rules.quiet_end)
    if not rows:
        example = arrears_service.ArrearsRow(
            room_id=0, estate="示例小区", estate_id=0, building_id=0, building="3", unit="2", room="1502",
            room_code="3-2-1502", owner="张三", owner_initials="", phone_masked="", phone_last4="",
            total_fen=123_450, months=5, oldest_period=today.year * 100 + 1, bucket_fen=(), age_bucket=None,
            late_fee_fen=0, stage=None, collector_id=None, collector="", reason=None, last_contact_on=None,
            last_outcome=None, next_action_on=None, promise_on=None)  # type: ignore[arg-type]
        return SmsSample(_values(example, "张三", due, office.name, office.phone), 0, "", quiet)
    first = rows[0]
    recipient = _recipients(session, [first.room_id], today).get(first.room_id)
    return SmsSample(_values(first, recipient[1] if recipient else "", due, office.name, office.phone),
                     len(rows), first.room_code, quiet)


@read_only
def sms_template(session: Session) -> str:
    """The office's SMS template (the built-in wording until a manager saves one)."""
    saved = session.scalar(select(OfficeSetting.value).where(OfficeSetting.key == TEMPLATE_KEY))
    return saved or DEFAULT_SMS_TEMPLATE


def save_sms_template(session: Session, *, actor: UserDTO, text: str) -> str:
    """Check and keep ``text`` as the office's SMS template (those who may edit the notice wording); audited."""
    actor = authorize(session, actor, Permission.EDIT_LADDER)
    check_sms_template(text)
    text = text.strip()
    if put_setting(session, actor, TEMPLATE_KEY, value=text):
        session.flush()
        audit.record(session, actor, "settings.sms_template", "office_setting", None, template=text)
    return text
