"""Notice batches (催缴通知书): choose rooms, give each its next level, record what was issued.

:func:`plan_notices` reads everything a batch prints with a handful of set-based queries (the
arrears table for the choice, then bills, owners, late fees and earlier notices of the chosen
rooms) and fills each room's template. :func:`issue_notices` does the same inside the write
transaction, takes a gap-free serial per notice and records the rows; the PDF is written by
``reports.notice_pdf`` in the same transaction, so a cancelled or failed batch records nothing.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import (
    Bill,
    Building,
    CollectionCase,
    Estate,
    FeeItem,
    LateFeePolicyRow,
    Notice,
    Person,
    Room,
    RoomPerson,
    User,
)
from cuijiao_desktop.domain.ageing import AgeBucket
from cuijiao_desktop.domain.amount_words import amount_in_words
from cuijiao_desktop.domain.enums import DeliveryMethod, NoticeKind, PersonRole, Stage
from cuijiao_desktop.domain.errors import DomainError, NotFound, ValidationError
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.notices import (
    LEVELS,
    TABLE_MARK,
    ArrearsLine,
    NoticeTemplate,
    arrears_lines,
    default_intended_delivery,
    fill,
    late_fee_rule_text,
    level_zh,
    next_level,
)
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.rooms import natural_key

from . import arrears as arrears_service
from . import audit, late_fees, serials
from .actor import authorize
from .dto import OfficeDTO, UserDTO
from .notice_templates import check_all, load_templates
from .office import get_office
from .tx import read_only

__all__ = [
    "PREVIEW_SERIAL",
    "IssuedBatch",
    "NoticeBatch",
    "NoticeDocument",
    "NoticeSelection",
    "Skipped",
    "issue_notices",
    "late_fee_due",
    "plan_notices",
    "resolve_scope",
]

PREVIEW_SERIAL = "预览-未编号"
_CHUNK = 900  # ids per IN (…) list: below SQLite's old 999-parameter limit

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]


@dataclass(frozen=True)
class NoticeSelection:
    """Which rooms get a notice, and which level.

    ``room_ids`` (a selection carried over from the arrears table) limits the choice to those
    rooms; the other fields filter as the arrears table does. ``level`` None gives each room its
    next level of the series; a number gives every room that level.
    """

    room_ids: tuple[int, ...] = ()
    estate_id: int | None = None
    building_ids: tuple[int, ...] = ()
    collector_id: int | None = None  # arrears_service.NO_VALUE: nobody assigned
    stage: Stage | int | None = None
    bucket: AgeBucket | None = None
    min_months: int = 0
    min_fen: int | None = None
    level: int | None = None
    intended: DeliveryMethod | None = None  # None: signed for by hand from level 6, else by hand/door


@dataclass(frozen=True)
class NoticeDocument:
    """Everything printed on one notice (money in fen, texts already filled)."""

    serial: str
    level: int
    kind: NoticeKind
    title: str
    room_id: int
    case_id: int | None
    estate: str
    room_code: str
    recipient_person_id: int | None
    recipient_name: str
    lines: tuple[ArrearsLine, ...]
    principal_fen: int
    late_fee_fen: int
    months: int
    period_from: int
    period_to: int
    issue_date: date
    deadline: date
    paragraphs: tuple[str, ...]  # TABLE_MARK where the table goes
    needs_signature: bool
    template_version: str
    intended_delivery: DeliveryMethod
    late_fee_rule: str

    @property
    def total_fen(self) -> int:
        return self.principal_fen + self.late_fee_fen


@dataclass(frozen=True)
class Skipped:
    """A chosen room that gets no notice, and why (Chinese, for the list and the command line)."""

    room_id: int
    room_code: str
    reason: str


@dataclass(frozen=True)
class NoticeBatch:
    """A planned batch: the office printed on every notice, the notices, the rooms left out."""

    office: OfficeDTO
    issue_date: date
    documents: tuple[NoticeDocument, ...]
    skipped: tuple[Skipped, ...] = ()

    @property
    def total_fen(self) -> int:
        return sum(d.total_fen for d in self.documents)

    def by_level(self) -> dict[int, int]:
        """Number of notices per level."""
        out: dict[int, int] = defaultdict(int)
        for d in self.documents:
            out[d.level] += 1
        return dict(sorted(out.items()))


@dataclass(frozen=True)
class IssuedBatch(NoticeBatch):
    """A recorded batch: its number (the first serial) and the notice ids."""

    batch_no: str = ""
    notice_ids: tuple[int, ...] = field(default=())


# ---------------------------------------------------------------------------
# Choosing rooms
# ---------------------------------------------------------------------------


@read_only
def resolve_scope(
    session: Session, *, estate: str | None = None, building: str | None = None, collector: str | None = None,
) -> tuple[int | None, tuple[int, ...], int | None]:
    """Estate, building and collector named on the command line -> ids.

    ``estate`` is a name or code; ``building`` a building name ("1", "A") in that estate or, with
    no estate, in every estate that has it; ``collector`` a display name or user name.
    """
    estate_id = None
    if estate:
        estate_id = session.scalar(select(Estate.id).where(or_(Estate.name == estate, Estate.code == estate)))
        if estate_id is None:
            raise NotFound("notice.estate_not_found", name=estate)
    building_ids: tuple[int, ...] = ()
    if building:
        from cuijiao_desktop.domain.rooms import normalize_building

        try:
            name = normalize_building(building)
        except DomainError:
            name = building.strip()
        stmt = select(Building.id).where(Building.name == name)
        if estate_id is not None:
            stmt = stmt.where(Building.estate_id == estate_id)
        building_ids = tuple(session.scalars(stmt.order_by(Building.estate_id)))
        if not building_ids:
            raise NotFound("notice.building_not_found", name=building)
    collector_id = None
    if collector:
        collector_id = session.scalar(select(User.id).where(or_(User.display_name == collector,
                                                                User.username == collector)))
        if collector_id is None:
            raise NotFound("notice.collector_not_found", name=collector)
    return estate_id, building_ids, collector_id


@read_only
def resolve_room(session: Session, *, code: str, estate: str | None = None) -> int:
    """A room typed in any shape (``3-2-1502``, ``3栋2单元1502``) -> its id; with several estates name one."""
    from cuijiao_desktop.domain.rooms import parse_room_code

    canonical = parse_room_code(code).canonical
    stmt = select(Room.id, Estate.name).join(Estate, Estate.id == Room.estate_id).where(Room.code == canonical)
    if estate:
        stmt = stmt.where(or_(Estate.name == estate, Estate.code == estate))
    found = session.execute(stmt).all()
    if not found:
        raise NotFound("room.not_found", room=code)
    if len(found) > 1:
        raise ValidationError("notice.room_ambiguous", room=canonical, estates="、".join(sorted(r[1] for r in found)))
    return found[0][0]


def _chosen_rooms(session: Session, selection: NoticeSelection, today: date) -> list[arrears_service.ArrearsRow]:
    rows = arrears_service.query_arrears(session, today=today)
    flt = arrears_service.ArrearsFilter(
        estate_id=selection.estate_id, stage=selection.stage, collector_id=selection.collector_id,
        bucket=selection.bucket, min_fen=selection.min_fen,
    )
    rows = arrears_service.filter_rows(rows, flt)
    if selection.building_ids:
        wanted = set(selection.building_ids)
        rows = [r for r in rows if r.building_id in wanted]
    if selection.room_ids:
        wanted = set(selection.room_ids)
        rows = [r for r in rows if r.room_id in wanted]
    if selection.min_months:
        rows = [r for r in rows if r.months >= selection.min_months]
    rows.sort(key=arrears_service.room_order_key)  # the order the collector walks the building
    return rows


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield list(ids[i:i + _CHUNK])


# ---------------------------------------------------------------------------
# What each room's notice says
# ---------------------------------------------------------------------------


def late_fee_due(session: Session, bill_ids: Sequence[int]) -> dict[int, int]:
    """Late fee still due per bill: the ONE call of the ledger's "late fee still due" rule here."""
    return late_fees.late_fees_due(session, bill_ids)


def _bills(session: Session, room_ids: Sequence[int], today: date) -> dict[int, list[tuple]]:
    """Overdue unpaid bills per room: (bill_id, period, item, item order, outstanding, basis)."""
    out: dict[int, list[tuple]] = defaultdict(list)
    for chunk in _chunks(room_ids):
        for row in session.execute(
            select(Bill.room_id, Bill.id, Bill.period, FeeItem.name, FeeItem.sort_order, arrears_service.OUTSTANDING,
                   Bill.basis_note, Bill.due_date)
            .join(FeeItem, FeeItem.id == Bill.fee_item_id)
            .where(arrears_service.UNPAID, Bill.due_date < today, Bill.room_id.in_(chunk))
            .order_by(Bill.room_id, Bill.period, FeeItem.sort_order)
        ):
            out[row[0]].append(tuple(row[1:]))
    return out


def _recipients(session: Session, room_ids: Sequence[int], today: date) -> dict[int, tuple[int, str]]:
    """The current owner of each room (the first linked); a tenant who pays the fees when there is none.

    An owner stays liable when the occupant agreed to pay (《物业管理条例》art. 41), so the notice goes
    to the owner whenever the room has one.
    """
    found: dict[int, tuple[tuple[int, int], int, str]] = {}  # room -> (rank, person id, name)
    for chunk in _chunks(room_ids):
        for room_id, person_id, name, role, link_id in session.execute(
            select(RoomPerson.room_id, Person.id, Person.name, RoomPerson.role, RoomPerson.id)
            .join(Person, Person.id == RoomPerson.person_id)
            .where(RoomPerson.room_id.in_(chunk),
                   or_(RoomPerson.role == PersonRole.OWNER, RoomPerson.pays_fees.is_(True)),
                   or_(RoomPerson.end_date.is_(None), RoomPerson.end_date >= today),
                   or_(RoomPerson.start_date.is_(None), RoomPerson.start_date <= today))
        ):
            rank = (0 if role is PersonRole.OWNER else 1, link_id)
            if room_id not in found or rank < found[room_id][0]:
                found[room_id] = (rank, person_id, name)
    return {rid: (v[1], v[2]) for rid, v in found.items()}


def _series_levels(session: Session, room_ids: Sequence[int], since: dict[int, date]) -> dict[int, int]:
    """The highest level of each room's current series: notices issued since its oldest unpaid bill fell due.

    A room that paid everything and fell behind again starts a new series at level 1. Lawyer
    letters are not part of the series.
    """
    levels: dict[int, int] = {}
    for chunk in _chunks(room_ids):
        for room_id, level, issued_at in session.execute(
            select(Notice.room_id, Notice.level, Notice.issued_at)
            .where(Notice.room_id.in_(chunk), Notice.kind != NoticeKind.LAWYER_LETTER)
        ):
            start = since.get(room_id)
            if start is None or issued_at.astimezone().date() < start:
                continue
            levels[room_id] = max(levels.get(room_id, 0), level)
    return levels


def _open_cases(session: Session, room_ids: Sequence[int]) -> dict[int, tuple[int, date | None]]:
    out: dict[int, tuple[int, date | None]] = {}
    for chunk in _chunks(room_ids):
        for room_id, case_id, hold in session.execute(
            select(CollectionCase.room_id, CollectionCase.id, CollectionCase.hold_until)
            .where(CollectionCase.room_id.in_(chunk), CollectionCase.closed_on.is_(None))
        ):
            out[room_id] = (case_id, hold)
    return out


def _late_fee_policy(session: Session) -> LateFeePolicyRow | None:
    return session.scalars(
        select(LateFeePolicyRow).where(LateFeePolicyRow.active.is_(True)).order_by(LateFeePolicyRow.valid_from.desc(),
                                                                                   LateFeePolicyRow.id)
    ).first()


def contract_clause(policy: LateFeePolicyRow | None) -> str:
    """The clause of the service contract as it follows "《物业服务合同》" in a sentence ("第十二条" or "")."""
    clause = (policy.contract_clause if policy is not None else "") or ""
    return clause.replace("《物业服务合同》", "").strip()


def _room_display(code: str) -> str:
    """``3-2-1502`` -> ``3栋2单元1502`` for the letter's sentences (the canonical code stays in tables)."""
    from cuijiao_desktop.domain.rooms import parse_room_code

    try:
        return parse_room_code(code).display
    except DomainError:
        return code


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _cn_period(p: int) -> str:
    return f"{p // 100}年{p % 100}月"


def _build(
    session: Session, *, selection: NoticeSelection, today: date, templates: dict[int, NoticeTemplate],
    office: OfficeDTO,
) -> tuple[list[NoticeDocument], list[Skipped]]:
    if selection.level is not None and selection.level not in LEVELS:
        raise ValidationError("notice.level_out_of_range", field="level", level=selection.level)
    rows = _chosen_rooms(session, selection, today)
    room_ids = [r.room_id for r in rows]
    bills = _bills(session, room_ids, today)
    fees = late_fee_due(session, [b[0] for rb in bills.values() for b in rb])
    recipients = _recipients(session, room_ids, today)
    since = {rid: min(b[6] for b in rb) for rid, rb in bills.items() if rb}
    levels = _series_levels(session, room_ids, since)
    cases = _open_cases(session, room_ids)
    policy = _late_fee_policy(session)
    clause = contract_clause(policy)
    rule = late_fee_rule_text(policy.daily_rate_ppm, policy.grace_days, policy.from_notice_level,
                              policy.cap_ppm_of_principal) if policy is not None else "逾期按合同约定计收滞纳金"
    docs: list[NoticeDocument] = []
    skipped: list[Skipped] = []
    for row in rows:
        room_bills = bills.get(row.room_id, [])
        if not room_bills:
            continue  # paid between the two reads
        case_id, hold = cases.get(row.room_id, (None, None))
        if hold is not None and hold >= today:
            skipped.append(Skipped(row.room_id, row.room_code, f"已批准延期至{hold.isoformat()}，期间不催缴"))
            continue
        level = selection.level if selection.level is not None else next_level(levels.get(row.room_id))
        if level is None:
            skipped.append(Skipped(row.room_id, row.room_code, "十次催缴通知已发完，下一步为律师函"))
            continue
        template = templates[level]
        lines = arrears_lines((b[1], b[2], b[3], b[4], b[5]) for b in room_bills)
        principal = sum(b[4] for b in room_bills)
        late = sum(fees.get(b[0], 0) for b in room_bills)
        periods = sorted({b[1] for b in room_bills})
        person_id, name = recipients.get(row.room_id, (None, ""))
        deadline = today + timedelta(days=template.deadline_days)
        values = {
            "业主": name or "", "房号": _room_display(row.room_code), "小区": row.estate, "欠费金额": format_money(principal),
            "滞纳金": format_money(late), "合计": format_money(principal + late),
            "合计大写": "人民币" + amount_in_words(principal + late), "欠费月数": str(len(periods)),
            "起始月份": _cn_period(periods[0]), "截止月份": _cn_period(periods[-1]), "缴费期限": _cn_date(deadline),
            "日期": _cn_date(today), "第几次": level_zh(level), "服务中心": office.name or "物业服务中心",
            "服务中心电话": office.phone, "服务中心地址": office.address, "开户银行": office.bank_name,
            "银行账号": office.bank_account, "合同条款": clause, "滞纳金规则": rule,
        }
        paragraphs = tuple(p if p == TABLE_MARK else fill(p, values) for p in template.paragraphs)
        info = LEVELS[level]
        docs.append(NoticeDocument(
            serial=PREVIEW_SERIAL, level=level, kind=info.kind, title=fill(template.title, values),
            room_id=row.room_id, case_id=case_id, estate=row.estate, room_code=row.room_code,
            recipient_person_id=person_id, recipient_name=name, lines=tuple(lines), principal_fen=principal,
            late_fee_fen=late, months=len(periods), period_from=periods[0], period_to=periods[-1],
            issue_date=today, deadline=deadline, paragraphs=paragraphs, needs_signature=info.needs_signature,
            template_version=template.version_label,
            intended_delivery=selection.intended or default_intended_delivery(level), late_fee_rule=rule,
        ))
    return docs, skipped


@read_only
def plan_notices(
    session: Session, *, selection: NoticeSelection, today: date, data_dir: str | os.PathLike[str] | None = None,
) -> NoticeBatch:
    """The notices a batch would print (serials not yet taken): for the preview and ``--dry-run``.

    The templates are checked first (Civil Code art. 944, no disclosure): a template that breaks
    a rule stops the batch with the article cited.
    """
    templates = load_templates(data_dir)
    check_all(templates)
    office = get_office(session)
    docs, skipped = _build(session, selection=selection, today=today, templates=templates, office=office)
    return NoticeBatch(office, today, tuple(docs), tuple(skipped))


def issue_notices(
    session: Session, *, actor: UserDTO, selection: NoticeSelection, today: date,
    data_dir: str | os.PathLike[str] | None = None, progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> IssuedBatch:
    """Record a batch: one serial and one ``notice`` row per room, in the caller's transaction.

    The caller writes the PDF in the same transaction (``reports.notice_pdf.issue_and_write``), so
    a cancel or a failure rolls the rows and the serials back together.
    """
    actor = authorize(session, actor, Permission.PRINT_NOTICES)
    templates = load_templates(data_dir)
    check_all(templates)
    office = get_office(session)
    docs, skipped = _build(session, selection=selection, today=today, templates=templates, office=office)
    if not docs:
        raise ValidationError("notice.nothing_to_print", skipped=len(skipped))
    now = datetime.now().astimezone()
    issued_at = now.replace(year=today.year, month=today.month, day=today.day).astimezone(UTC)  # on the batch's day
    numbered: list[NoticeDocument] = []
    total = len(docs)
    for i, doc in enumerate(docs):
        if cancel is not None and i % 50 == 0 and cancel():
            raise DomainError("task.cancelled")
        numbered.append(replace(doc, serial=serials.next_serial(session, serials.NOTICE, today)))
        if progress is not None and i % 50 == 0:
            progress(i, total * 2, "登记通知编号")
    batch_no = numbered[0].serial
    rows = [{
        "serial": d.serial, "room_id": d.room_id, "case_id": d.case_id, "kind": d.kind, "level": d.level,
        "recipient_person_id": d.recipient_person_id, "recipient_name": d.recipient_name[:64],
        "arrears_fen": d.principal_fen, "late_fee_fen": d.late_fee_fen, "period_from": d.period_from,
        "period_to": d.period_to, "deadline": d.deadline, "template_version": d.template_version[:32],
        "issued_at": issued_at, "issued_by_id": actor.id, "intended_delivery": d.intended_delivery,
        "batch_no": batch_no, "version": 1,
    } for d in numbered]
    for chunk in range(0, len(rows), 500):
        session.execute(insert(Notice), rows[chunk:chunk + 500])
    ids = dict(session.execute(select(Notice.serial, Notice.id).where(Notice.batch_no == batch_no)).tuples().all())
    counts: dict[int, int] = defaultdict(int)
    for d in numbered:
        counts[d.level] += 1
    audit.record(session, actor, "notice.issue_batch", "notice_batch", batch_no, notices=len(numbered),
                 levels={str(k): v for k, v in sorted(counts.items())},
                 rooms=[d.room_id for d in numbered], last_serial=numbered[-1].serial)
    return IssuedBatch(office, today, tuple(numbered), tuple(skipped), batch_no=batch_no,
                       notice_ids=tuple(ids[d.serial] for d in numbered))


def sort_documents(docs: Iterable[NoticeDocument]) -> list[NoticeDocument]:
    """Estate, then building, unit and room in natural order."""
    return sorted(docs, key=lambda d: (d.estate, *(natural_key(p) for p in d.room_code.split("-"))))


def notice_count(session: Session, room_id: int) -> int:
    """How many notices a room has (tests, the ledger)."""
    return int(session.scalar(select(func.count()).select_from(Notice).where(Notice.room_id == room_id)))
