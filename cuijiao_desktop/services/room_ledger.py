"""One room's ledger for the front desk: header, month × fee-item grid, payments, timeline.

Everything is read with a fixed handful of set-based queries (never one query per bill,
payment or event) and returned as frozen dataclasses that can cross to the GUI thread.
Texts of the timeline are Chinese data, like the rest of what the office records.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import BILL_OUTSTANDING as OUTSTANDING
from cuijiao_desktop.db.models import (
    Bill,
    CollectionCase,
    CollectionHold,
    Contact,
    ContactEvent,
    CreditEntry,
    Estate,
    Extension,
    FeeItem,
    InstalmentPlan,
    Notice,
    Payment,
    PaymentAllocation,
    Person,
    Promise,
    Room,
    RoomPerson,
    ServiceIssue,
    User,
    Visit,
    VisitStaff,
)
from cuijiao_desktop.domain.ageing import BUCKET_LABELS_ZH, AgeBucket, bucket_for, months_overdue
from cuijiao_desktop.domain.allocation import OpenBill
from cuijiao_desktop.domain.enums import (
    ApprovalStatus,
    ArrearsReason,
    CallOutcome,
    Channel,
    ContactKind,
    DeliveryMethod,
    IssueCategory,
    IssueStatus,
    NoticeKind,
    Occupancy,
    PaymentKind,
    PaymentMethod,
    PersonRole,
    PromiseStatus,
    Relation,
    Stage,
    Usage,
)
from cuijiao_desktop.domain.errors import NotFound
from cuijiao_desktop.domain.labels_zh import ANSWERED_ZH, PROMISE_STATUS_ZH, VISIT_RESULT_ZH, VISIT_STATUS_ZH
from cuijiao_desktop.domain.ledger import paid_through, split_owed
from cuijiao_desktop.domain.masking import mask_phone
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.payment_checks import large_payment_limit

from .contacts import overridden_text
from .credit import credit_balance
from .late_fees import room_late_fees_due
from .limitation import PeriodLimitation, room_limitation_periods
from .office import get_office
from .payments import receipt_lines, year_of_bills_fen
from .promises import promise_states
from .tx import read_only

__all__ = [
    "CellStatus",
    "CreditKind",
    "LedgerCell",
    "LedgerContact",
    "LedgerCredit",
    "LedgerHeader",
    "LedgerPayment",
    "LedgerPaymentLine",
    "LedgerPerson",
    "LedgerRow",
    "PaymentBill",
    "PaymentContext",
    "ReceiptDocument",
    "ReceiptLine",
    "RoomLedger",
    "TimelineEntry",
    "TimelineKind",
    "bucket_label_zh",
    "cell_status",
    "payment_context",
    "receipt_document",
    "room_ledger",
]


class CellStatus(StrEnum):
    """State of one bill in the grid."""

    PAID = "paid"  # nothing owed (paid, discounted or waived)
    PART_PAID = "part_paid"  # something paid, something still owed
    NOT_DUE = "not_due"  # nothing paid, due date not passed
    OVERDUE = "overdue"  # nothing paid, past the due date


class CreditKind(StrEnum):
    """What a prepaid-credit entry records."""

    DEPOSIT = "deposit"  # the excess of a payment (or an imported balance)
    SPENT = "spent"  # spent on bills (a DK… spending)
    GIVEN_BACK = "given_back"  # a spending reversed: the money is credit again
    REVERSED = "reversed"  # the deposit's own payment was reversed


class TimelineKind(StrEnum):
    """What a timeline entry records."""

    CONTACT = "contact"
    NOTICE = "notice"
    VISIT = "visit"
    PROMISE = "promise"
    INSTALMENT = "instalment"
    EXTENSION = "extension"
    ISSUE = "issue"
    HOLD = "hold"
    CASE = "case"  # opened, assigned, step marked done, closed (the case dialog's history)


@dataclass(frozen=True)
class LedgerPerson:
    """An owner, tenant or occupant currently linked to the room."""

    person_id: int
    name: str
    role: PersonRole
    pays_fees: bool
    since: date | None


@dataclass(frozen=True)
class LedgerContact:
    """A contact of a linked person. Phone numbers come masked (``138****8000``): the full number
    is shown on demand through ``services.phones.reveal_phones(contact_ids=[contact_id])``, audited."""

    person_name: str
    role: PersonRole
    kind: ContactKind
    value: str
    relation: Relation
    contact_name: str
    is_primary: bool
    valid: bool
    contact_id: int = 0


@dataclass(frozen=True)
class LedgerHeader:
    """Who and what the room is, and where its money stands as of the ledger's day."""

    room_id: int
    estate_name: str
    room_code: str
    area_centi_m2: int
    usage: Usage
    occupancy: Occupancy
    direct_debit: bool
    owners: tuple[LedgerPerson, ...]
    tenant: LedgerPerson | None
    occupants: tuple[LedgerPerson, ...]
    contacts: tuple[LedgerContact, ...]
    paid_through: int | None  # YYYYMM, None: nothing paid yet
    arrears_fen: int  # overdue and unpaid
    not_due_fen: int  # billed, not yet due
    credit_fen: int  # prepaid credit
    late_fee_due_fen: int  # assessed late fees not waived or paid
    stage: Stage | None  # of the open collection case
    collector: str  # its collector's name, "" if none
    case_reason: ArrearsReason | None
    hold_until: date | None
    open_issues: tuple[str, ...] = ()  # service issues not yet done: "漏水：卫生间顶部渗水（承诺 06-30）"


@dataclass(frozen=True)
class LedgerCell:
    """One bill in the month × fee-item grid."""

    bill_id: int
    period: int
    fee_item_id: int
    fee_item: str
    amount_fen: int
    discount_fen: int
    paid_fen: int
    waived_fen: int
    outstanding_fen: int
    due_date: date
    status: CellStatus
    bucket: AgeBucket | None  # overdue bills only
    late_fee_due_fen: int
    basis_note: str


@dataclass(frozen=True)
class LedgerRow:
    """One billing period: a cell per fee item of the ledger (None where nothing was billed)."""

    period: int
    cells: tuple[LedgerCell | None, ...]

    @property
    def outstanding_fen(self) -> int:
        """What the period still owes."""
        return sum(c.outstanding_fen for c in self.cells if c is not None)


@dataclass(frozen=True)
class LedgerPaymentLine:
    """What a payment (or reversal, negative) did to one bill."""

    bill_id: int
    period: int
    fee_item: str
    amount_fen: int
    late_fee_fen: int


@dataclass(frozen=True)
class LedgerPayment:
    """A payment or a reversal with its allocation lines."""

    payment_id: int
    receipt_no: str
    kind: PaymentKind
    amount_fen: int
    paid_on: date
    method: PaymentMethod
    operator: str
    payer: str
    reference: str
    note: str
    created_at: datetime
    reverses_id: int | None
    reverses_no: str  # receipt number of the payment a reversal undoes
    reversed_by_id: int | None
    reversed_by_no: str  # reversal number of a reversed payment
    credit_fen: int  # what went to prepaid credit
    lines: tuple[LedgerPaymentLine, ...]
    credit_spent_fen: int = 0  # of this payment's prepaid credit, what spendings (not reversed) used
    spent_by: tuple[str, ...] = ()  # their numbers (DK…): a reversal undoes them too

    @property
    def reversible(self) -> bool:
        """A payment not yet reversed."""
        return self.kind is PaymentKind.PAYMENT and self.reversed_by_id is None


@dataclass(frozen=True)
class LedgerCredit:
    """One movement of the room's prepaid credit, with the balance after it.

    ``receipt_no`` is the payment that moved it (the deposit's payment, a DK… spending, a reversal);
    ``deposit_no`` the payment whose deposit a movement belongs to; ``lines`` the bills a spending paid.
    """

    entry_id: int
    created_at: datetime
    kind: CreditKind
    amount_fen: int
    balance_fen: int
    receipt_no: str
    deposit_no: str
    note: str
    lines: tuple[LedgerPaymentLine, ...] = ()
    left_fen: int | None = None  # for a deposit: what is left of it


@dataclass(frozen=True)
class TimelineEntry:
    """One event of the collection history, in a uniform shape (``when`` is local time)."""

    when: datetime
    kind: TimelineKind
    title: str
    detail: str
    by: str


@dataclass(frozen=True)
class RoomLedger:
    """Everything the room ledger page shows, as of ``today``."""

    today: date
    header: LedgerHeader
    fee_items: tuple[tuple[int, str], ...]  # grid columns: (fee item id, name)
    rows: tuple[LedgerRow, ...]  # newest period first
    payments: tuple[LedgerPayment, ...]  # newest first
    timeline: tuple[TimelineEntry, ...]  # newest first
    limitation: tuple[PeriodLimitation, ...] = ()  # the clock of each overdue period, oldest first
    credits: tuple[LedgerCredit, ...] = ()  # prepaid credit movements, newest first

    @property
    def cells(self) -> list[LedgerCell]:
        """Every bill of the grid."""
        return [c for row in self.rows for c in row.cells if c is not None]


@dataclass(frozen=True)
class PaymentBill:
    """A bill offered in the payment dialog: one still owed, or one settled whose late fee is still due
    (``outstanding_fen`` 0: a payment can pay that late fee)."""

    bill_id: int
    period: int
    fee_item: str
    fee_item_order: int
    outstanding_fen: int
    due_date: date
    late_fee_due_fen: int

    def open_bill(self) -> OpenBill:
        """The domain's view of the bill for allocation."""
        return OpenBill(self.bill_id, self.period, self.fee_item_order, self.outstanding_fen)


@dataclass(frozen=True)
class PaymentContext:
    """What the payment dialog needs: the room, possible payers, open bills, credit."""

    room_id: int
    room_code: str
    estate_name: str
    payers: tuple[LedgerPerson, ...]
    bills: tuple[PaymentBill, ...]  # oldest first
    credit_fen: int
    year_of_bills_fen: int = 0  # the room's bills of its latest twelve billed periods
    large_limit_fen: int = 0  # above this a payment must be confirmed (domain.payment_checks)

    @property
    def outstanding_fen(self) -> int:
        """All that the open bills still owe."""
        return sum(b.outstanding_fen for b in self.bills)

    @property
    def late_fee_due_fen(self) -> int:
        """Late fees due on the bills offered (owed ones and settled ones)."""
        return sum(b.late_fee_due_fen for b in self.bills)

    @property
    def settled_late_fee_fen(self) -> int:
        """Late fees due on bills whose principal is already paid."""
        return sum(b.late_fee_due_fen for b in self.bills if b.outstanding_fen <= 0)


# Chinese labels of the vocabularies that appear in timeline texts (data, not UI).
_ZH: dict[object, str] = {
    Channel.PHONE: "电话", Channel.SMS: "短信", Channel.WECHAT: "微信", Channel.EMAIL: "邮件",
    Channel.LETTER: "信函", Channel.REGISTERED_LETTER: "挂号信", Channel.VISIT: "上门", Channel.NOTICE: "通知",
    Channel.DESK: "前台面谈", CallOutcome.DISPUTED: "对账单有异议",
    CallOutcome.PROMISED: "承诺缴费", CallOutcome.CONDITIONAL: "有条件缴费", CallOutcome.REFUSED: "拒绝",
    CallOutcome.NO_ANSWER: "无人接听", CallOutcome.PHONE_OFF: "关机/停机", CallOutcome.WRONG_NUMBER: "号码错误",
    CallOutcome.PAID: "已缴", CallOutcome.DELIVERED: "已送达", CallOutcome.NOT_HOME: "上门无人",
    CallOutcome.OTHER: "其他",
    ArrearsReason.SERVICE_QUALITY: "服务质量", ArrearsReason.HARDSHIP: "经济困难",
    ArrearsReason.LOW_AWARENESS: "意识淡薄", ArrearsReason.LEGACY_DISPUTE: "历史遗留/房屋质量",
    ArrearsReason.BURGLARY: "被盗", ArrearsReason.RECTIFICATION: "整改拒交", ArrearsReason.MALICIOUS: "恶意欠缴",
    ArrearsReason.VACANT: "空置房", ArrearsReason.UNREACHABLE: "联系不上", ArrearsReason.OTHER: "其他",
    NoticeKind.REMINDER: "温馨提示", NoticeKind.ARREARS_NOTICE: "催缴通知书", NoticeKind.FINAL_NOTICE: "公告函",
    NoticeKind.LAWYER_LETTER: "律师函",
    DeliveryMethod.HAND_SIGNED: "当面签收", DeliveryMethod.DOOR: "张贴/塞门", DeliveryMethod.REGISTERED_MAIL: "挂号信",
    DeliveryMethod.EXPRESS: "快递", DeliveryMethod.SMS: "短信", DeliveryMethod.WECHAT: "微信",
    DeliveryMethod.EMAIL: "邮件",
    **VISIT_STATUS_ZH,
    ApprovalStatus.PENDING: "待审批", ApprovalStatus.APPROVED: "已批准", ApprovalStatus.REJECTED: "已驳回",
    ApprovalStatus.CANCELLED: "已取消", ApprovalStatus.COMPLETED: "已完成",
    IssueStatus.OPEN: "待处理", IssueStatus.IN_PROGRESS: "处理中", IssueStatus.DONE: "已处理",
    IssueStatus.CLOSED: "已关闭",
    IssueCategory.LEAK: "漏水", IssueCategory.CLEANING: "保洁", IssueCategory.SECURITY: "安保",
    IssueCategory.GREENERY: "绿化", IssueCategory.PARKING: "停车", IssueCategory.ELEVATOR: "电梯",
    IssueCategory.NOISE: "噪音", IssueCategory.HOUSE_QUALITY: "房屋质量", IssueCategory.OTHER: "其他",
}



def _zh(value: object) -> str:
    return _ZH.get(value, "" if value is None else str(value))


def _local(value: datetime | date) -> datetime:
    """A UTC timestamp in local time, or a business date at local midnight."""
    if isinstance(value, datetime):
        return value.astimezone()
    return datetime.combine(value, time.min).astimezone()


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


def _join(*parts: str) -> str:
    return "；".join(p for p in parts if p)


def cell_status(*, outstanding_fen: int, paid_fen: int, due_date: date, today: date) -> tuple[CellStatus, AgeBucket | None]:
    """Status and ageing bucket of one bill as of ``today``."""
    if outstanding_fen <= 0:
        return CellStatus.PAID, None
    bucket = bucket_for(months_overdue(due_date, today))
    if paid_fen > 0:
        return CellStatus.PART_PAID, bucket
    return (CellStatus.OVERDUE if bucket is not None else CellStatus.NOT_DUE), bucket


def _users(session: Session) -> dict[int, str]:
    return dict(session.execute(select(User.id, User.display_name)).tuples().all())


def _room_row(session: Session, room_id: int):
    row = session.execute(
        select(Room.id, Estate.name, Room.code, Room.area_centi_m2, Room.usage, Room.occupancy, Room.direct_debit)
        .join(Estate, Estate.id == Room.estate_id)
        .where(Room.id == room_id)
    ).one_or_none()
    if row is None:
        raise NotFound("room.not_found", room_id=room_id)
    return row


def _people(session: Session, room_id: int, today: date) -> tuple[list[LedgerPerson], list[LedgerContact]]:
    """People linked to the room today and their contacts (one query)."""
    rows = session.execute(
        select(
            RoomPerson.person_id, Person.name, RoomPerson.role, RoomPerson.pays_fees, RoomPerson.start_date,
            Contact.id, Contact.kind, Contact.value, Contact.relation, Contact.contact_name, Contact.is_primary,
            Contact.valid,
        )
        .join(Person, Person.id == RoomPerson.person_id)
        .outerjoin(Contact, Contact.person_id == RoomPerson.person_id)
        .where(
            RoomPerson.room_id == room_id,
            or_(RoomPerson.start_date.is_(None), RoomPerson.start_date <= today),
            or_(RoomPerson.end_date.is_(None), RoomPerson.end_date >= today),
        )
        .order_by(RoomPerson.role, RoomPerson.id, Contact.is_primary.desc(), Contact.id)
    ).all()
    people: dict[tuple[int, PersonRole], LedgerPerson] = {}
    contacts: list[LedgerContact] = []
    for r in rows:
        key = (r[0], r[2])
        if key not in people:
            people[key] = LedgerPerson(person_id=r[0], name=r[1], role=r[2], pays_fees=bool(r[3]), since=r[4])
        if r[5] is not None:
            value = mask_phone(r[7]) if r[6] in (ContactKind.MOBILE, ContactKind.LANDLINE) else r[7]
            contacts.append(LedgerContact(
                person_name=r[1], role=r[2], kind=r[6], value=value, relation=r[8], contact_name=r[9],
                is_primary=bool(r[10]), valid=bool(r[11]), contact_id=r[5],
            ))
    order = {PersonRole.OWNER: 0, PersonRole.TENANT: 1, PersonRole.OCCUPANT: 2}
    contacts.sort(key=lambda c: (order[c.role], not c.valid, not c.is_primary))
    return list(people.values()), contacts


def _grid(
    session: Session, room_id: int, today: date, late_fees: dict[int, int]
) -> tuple[tuple[tuple[int, str], ...], tuple[LedgerRow, ...]]:
    bills = session.execute(
        select(
            Bill.id, Bill.period, Bill.fee_item_id, FeeItem.name, FeeItem.sort_order, Bill.amount_fen,
            Bill.discount_fen, Bill.paid_fen, Bill.waived_fen, Bill.due_date, Bill.basis_note,
        )
        .join(FeeItem, FeeItem.id == Bill.fee_item_id)
        .where(Bill.room_id == room_id)
    ).all()
    items: dict[int, tuple[int, str]] = {}
    by_period: dict[int, dict[int, LedgerCell]] = defaultdict(dict)
    for (bill_id, period, item_id, item_name, item_order, amount, discount, paid, waived, due, note) in bills:
        items[item_id] = (item_order, item_name)
        outstanding = amount - discount - paid - waived
        status, bucket = cell_status(outstanding_fen=outstanding, paid_fen=paid, due_date=due, today=today)
        by_period[period][item_id] = LedgerCell(
            bill_id=bill_id, period=period, fee_item_id=item_id, fee_item=item_name, amount_fen=amount,
            discount_fen=discount, paid_fen=paid, waived_fen=waived, outstanding_fen=outstanding, due_date=due,
            status=status, bucket=bucket, late_fee_due_fen=late_fees.get(bill_id, 0), basis_note=note,
        )
    columns = tuple(sorted(items, key=lambda i: (items[i][0], i)))
    rows = tuple(
        LedgerRow(period, tuple(by_period[period].get(item_id) for item_id in columns))
        for period in sorted(by_period, reverse=True)
    )
    return tuple((i, items[i][1]) for i in columns), rows


def _credits(session: Session, room_id: int) -> tuple[tuple[LedgerCredit, ...], dict[int, tuple[int, tuple[str, ...]]]]:
    """The room's prepaid-credit movements (newest first), and per payment that left a deposit, what
    spendings not reversed took from it and their numbers."""
    rows = session.execute(
        select(CreditEntry.id, CreditEntry.created_at, CreditEntry.amount_fen, CreditEntry.source_id, CreditEntry.note,
               CreditEntry.payment_id, Payment.receipt_no, Payment.kind, Payment.method)
        .outerjoin(Payment, Payment.id == CreditEntry.payment_id)
        .where(CreditEntry.room_id == room_id).order_by(CreditEntry.id)
    ).all()
    if not rows:
        return (), {}
    reversed_ids = set(session.scalars(
        select(Payment.reverses_id).where(Payment.room_id == room_id, Payment.reverses_id.is_not(None))))
    spending_ids = [r.payment_id for r in rows if r.method is PaymentMethod.CREDIT and r.kind is PaymentKind.PAYMENT]
    lines: dict[int, list[LedgerPaymentLine]] = defaultdict(list)
    if spending_ids:
        for pid, bill_id, period, item, fen, late in session.execute(
            select(PaymentAllocation.payment_id, PaymentAllocation.bill_id, Bill.period, FeeItem.name,
                   PaymentAllocation.amount_fen, PaymentAllocation.late_fee_fen)
            .join(Bill, Bill.id == PaymentAllocation.bill_id).join(FeeItem, FeeItem.id == Bill.fee_item_id)
            .where(PaymentAllocation.payment_id.in_(spending_ids))
            .order_by(Bill.period, FeeItem.sort_order, Bill.id)
        ):
            lines[pid].append(LedgerPaymentLine(bill_id, period, item, fen, late))
    by_id = {r.id: r for r in rows}
    left = {r.id: r.amount_fen for r in rows if r.source_id is None and r.amount_fen > 0}
    spent: dict[int, tuple[int, list[str]]] = {}
    for r in rows:
        if r.source_id in left:
            left[r.source_id] += r.amount_fen
    out: list[LedgerCredit] = []
    balance = 0
    for r in rows:
        balance += r.amount_fen
        deposit = by_id.get(r.source_id) if r.source_id is not None else None
        if r.source_id is None and r.amount_fen > 0:
            kind = CreditKind.DEPOSIT
        elif r.amount_fen > 0:
            kind = CreditKind.GIVEN_BACK
        elif r.method is PaymentMethod.CREDIT and r.kind is PaymentKind.PAYMENT:
            kind = CreditKind.SPENT
            if deposit is not None and deposit.payment_id is not None and r.payment_id not in reversed_ids:
                fen, numbers = spent.setdefault(deposit.payment_id, (0, []))
                numbers.append(r.receipt_no)
                spent[deposit.payment_id] = (fen - r.amount_fen, numbers)
        else:
            kind = CreditKind.REVERSED
        out.append(LedgerCredit(
            entry_id=r.id, created_at=r.created_at, kind=kind, amount_fen=r.amount_fen, balance_fen=balance,
            receipt_no=r.receipt_no or "", deposit_no=(deposit.receipt_no or "") if deposit is not None else "",
            note=r.note, lines=tuple(lines.get(r.payment_id, ())) if kind is CreditKind.SPENT else (),
            left_fen=left.get(r.id),
        ))
    out.reverse()
    return tuple(out), {pid: (fen, tuple(numbers)) for pid, (fen, numbers) in spent.items()}


def _payments(session: Session, room_id: int, users: dict[int, str],
              spent: dict[int, tuple[int, tuple[str, ...]]] | None = None) -> tuple[LedgerPayment, ...]:
    pays = session.execute(
        select(
            Payment.id, Payment.receipt_no, Payment.kind, Payment.amount_fen, Payment.paid_on, Payment.method,
            Payment.operator_id, Person.name, Payment.reference, Payment.note, Payment.created_at,
            Payment.reverses_id,
        )
        .outerjoin(Person, Person.id == Payment.payer_person_id)
        .where(Payment.room_id == room_id)
        .order_by(Payment.paid_on.desc(), Payment.id.desc())
    ).all()
    if not pays:
        return ()
    room_payments = select(Payment.id).where(Payment.room_id == room_id).scalar_subquery()
    lines: dict[int, list[LedgerPaymentLine]] = defaultdict(list)
    for pid, bill_id, period, item, fen, late in session.execute(
        select(PaymentAllocation.payment_id, PaymentAllocation.bill_id, Bill.period, FeeItem.name,
               PaymentAllocation.amount_fen, PaymentAllocation.late_fee_fen)
        .join(Bill, Bill.id == PaymentAllocation.bill_id)
        .join(FeeItem, FeeItem.id == Bill.fee_item_id)
        .where(PaymentAllocation.payment_id.in_(room_payments))
        .order_by(Bill.period, FeeItem.sort_order, Bill.id)
    ):
        lines[pid].append(LedgerPaymentLine(bill_id, period, item, fen, late))
    credit: dict[int, int] = dict(session.execute(
        select(CreditEntry.payment_id, func.sum(CreditEntry.amount_fen))
        .where(CreditEntry.room_id == room_id, CreditEntry.payment_id.is_not(None))
        .group_by(CreditEntry.payment_id)
    ).tuples().all())
    numbers = {p[0]: p[1] for p in pays}
    reversed_by = {p[11]: p[0] for p in pays if p[11] is not None}
    out = []
    for (pid, no, kind, amount, paid_on, method, operator_id, payer, ref, note, created, reverses) in pays:
        by = reversed_by.get(pid)
        out.append(LedgerPayment(
            payment_id=pid, receipt_no=no, kind=kind, amount_fen=amount, paid_on=paid_on, method=method,
            operator=users.get(operator_id, "") if operator_id else "", payer=payer or "", reference=ref,
            note=note, created_at=created, reverses_id=reverses, reverses_no=numbers.get(reverses, ref) if reverses else "",
            reversed_by_id=by, reversed_by_no=numbers.get(by, "") if by else "",
            credit_fen=int(credit.get(pid, 0)), lines=tuple(lines.get(pid, ())),
            credit_spent_fen=(spent or {}).get(pid, (0, ()))[0], spent_by=(spent or {}).get(pid, (0, ()))[1],
        ))
    return tuple(out)


def _timeline(session: Session, room_id: int, users: dict[int, str], today: date) -> tuple[TimelineEntry, ...]:
    def who(user_id: int | None) -> str:
        return users.get(user_id, "") if user_id else ""

    entries: list[TimelineEntry] = []
    for ev in session.execute(
        select(ContactEvent.occurred_at, ContactEvent.channel, ContactEvent.outcome, ContactEvent.user_id,
               ContactEvent.number_dialled, ContactEvent.answered_by, ContactEvent.reason, ContactEvent.complaint,
               Promise.due_date, Promise.amount_fen, ContactEvent.next_follow_up, ContactEvent.note,
               ContactEvent.overridden)
        .outerjoin(Promise, Promise.contact_event_id == ContactEvent.id)
        .where(ContactEvent.room_id == room_id)
    ):
        promise = f"承诺{ev.due_date.isoformat()}前缴 {format_money(ev.amount_fen)}" if ev.due_date else ""
        answered = ANSWERED_ZH.get(ev.answered_by, ev.answered_by) if ev.answered_by else ""
        entries.append(TimelineEntry(
            when=_local(ev.occurred_at), kind=TimelineKind.CONTACT,
            title=f"{_zh(ev.channel)}：{_zh(ev.outcome)}",
            detail=_join(
                f"号码 {ev.number_dialled}" if ev.number_dialled else "",
                f"接听人 {answered}" if answered else "",
                f"原因 {_zh(ev.reason)}" if ev.reason else "", promise,
                f"投诉 {ev.complaint}" if ev.complaint else "",
                f"下次跟进 {_d(ev.next_follow_up)}" if ev.next_follow_up else "", ev.note,
                overridden_text(ev.overridden),
            ),
            by=who(ev.user_id),
        ))
    for n in session.execute(
        select(Notice.issued_at, Notice.kind, Notice.level, Notice.serial, Notice.arrears_fen, Notice.late_fee_fen,
               Notice.deadline, Notice.delivery_method, Notice.delivered_at, Notice.delivered_to,
               Notice.tracking_no, Notice.signed_receipt, Notice.issued_by_id)
        .where(Notice.room_id == room_id)
    ):
        delivered = ""
        if n.delivery_method:
            delivered = f"送达：{_zh(n.delivery_method)}"
            if n.delivered_at:
                delivered += f" {_local(n.delivered_at):%Y-%m-%d}"
            if n.delivered_to:
                delivered += f" {n.delivered_to}"
            if n.tracking_no:
                delivered += f" 单号{n.tracking_no}"
        entries.append(TimelineEntry(
            when=_local(n.issued_at), kind=TimelineKind.NOTICE,
            title=f"{_zh(n.kind)}（第{n.level}次）{n.serial}",
            detail=_join(
                f"欠费 {format_money(n.arrears_fen)}",
                f"滞纳金 {format_money(n.late_fee_fen)}" if n.late_fee_fen else "",
                f"限期 {_d(n.deadline)}" if n.deadline else "", delivered or "未登记送达",
                "已签回执" if n.signed_receipt else "",
            ),
            by=who(n.issued_by_id),
        ))
    visits = session.execute(
        select(Visit.id, Visit.planned_at, Visit.done_at, Visit.status, Visit.attitude, Visit.outcome,
               Visit.agreed_date, Visit.revisit, Visit.notice_handed, Visit.note, Visit.created_by_id,
               Visit.ends_at, Visit.result, Visit.notice_signed, Visit.cancel_reason)
        .where(Visit.room_id == room_id)
    ).all()
    staff: dict[int, list[str]] = defaultdict(list)
    if visits:
        for visit_id, user_id in session.execute(
            select(VisitStaff.visit_id, VisitStaff.user_id).where(VisitStaff.visit_id.in_([v.id for v in visits]))
        ):
            staff[visit_id].append(who(user_id))
    for v in visits:
        entries.append(TimelineEntry(
            when=_local(v.done_at or v.planned_at), kind=TimelineKind.VISIT, title=_zh(v.status),
            detail=_join(
                f"计划 {_local(v.planned_at):%Y-%m-%d %H:%M}–{_local(v.ends_at):%H:%M}" if v.done_at else
                f"{_local(v.planned_at):%H:%M}–{_local(v.ends_at):%H:%M}",
                f"态度 {v.attitude}" if v.attitude else "",
                f"结果 {VISIT_RESULT_ZH.get(v.result) or _zh(v.outcome)}" if v.result or v.outcome else "",
                f"约定 {_d(v.agreed_date)}" if v.agreed_date else "",
                ("通知书已签收" if v.notice_signed else "已递交通知") if v.notice_handed else "",
                "需再访" if v.revisit else "", f"取消原因：{v.cancel_reason}" if v.cancel_reason else "", v.note,
            ),
            by="、".join(staff.get(v.id, ())) or who(v.created_by_id),
        ))
    for p in promise_states(session, today=today, room_ids=[room_id]):
        paid = ""
        if p.status is PromiseStatus.KEPT and p.last_paid_on:
            paid = f"{_d(p.last_paid_on)} 已付足"
        elif p.paid_fen:
            paid = f"已付 {format_money(p.paid_fen)}"
        entries.append(TimelineEntry(
            when=_local(p.made_on), kind=TimelineKind.PROMISE,
            title=f"承诺 {p.due_date.isoformat()} 前缴 {format_money(p.amount_fen)}",
            detail=_join(PROMISE_STATUS_ZH[p.status], paid, "书面签字" if p.signed else ""),
            by=who(p.created_by_id),
        ))
    for i in session.execute(
        select(InstalmentPlan.created_at, InstalmentPlan.total_fen, InstalmentPlan.status, InstalmentPlan.signed_on,
               InstalmentPlan.note, InstalmentPlan.requested_by_id, InstalmentPlan.approved_by_id)
        .where(InstalmentPlan.room_id == room_id)
    ):
        entries.append(TimelineEntry(
            when=_local(i.created_at), kind=TimelineKind.INSTALMENT, title=f"分期计划 {format_money(i.total_fen)}",
            detail=_join(_zh(i.status), f"签订 {_d(i.signed_on)}" if i.signed_on else "",
                         f"审批 {who(i.approved_by_id)}" if i.approved_by_id else "", i.note),
            by=who(i.requested_by_id),
        ))
    for e in session.execute(
        select(Extension.requested_at, Extension.until, Extension.reason, Extension.status, Extension.decided_at,
               Extension.requested_by_id, Extension.approved_by_id)
        .where(Extension.room_id == room_id)
    ):
        # placed on the day it was asked for; the decision (if any) is told in the detail
        decision = _zh(e.status)
        if e.decided_at:
            decision += f" {_local(e.decided_at):%Y-%m-%d}"
        if e.approved_by_id:
            decision += f"（{who(e.approved_by_id)}）"
        entries.append(TimelineEntry(
            when=_local(e.requested_at), kind=TimelineKind.EXTENSION, title="延期申请",
            detail=_join(f"延期至 {e.until.isoformat()}", decision, e.reason),
            by=who(e.requested_by_id),
        ))
    for h in session.execute(
        select(CollectionHold.requested_at, CollectionHold.until, CollectionHold.reason, CollectionHold.status,
               CollectionHold.decided_at, CollectionHold.requested_by_id, CollectionHold.approved_by_id)
        .where(CollectionHold.room_id == room_id)
    ):
        decision = _zh(h.status)
        if h.decided_at:
            decision += f" {_local(h.decided_at):%Y-%m-%d}"
        if h.approved_by_id:
            decision += f"（{who(h.approved_by_id)}）"
        entries.append(TimelineEntry(
            when=_local(h.requested_at), kind=TimelineKind.HOLD, title="暂停催缴",
            detail=_join(f"暂停至 {h.until.isoformat()}", decision, h.reason), by=who(h.requested_by_id),
        ))
    for s in session.execute(
        select(ServiceIssue.raised_on, ServiceIssue.category, ServiceIssue.description, ServiceIssue.status,
               ServiceIssue.promised_date, ServiceIssue.resolved_on, ServiceIssue.resolution, ServiceIssue.assignee_id,
               ServiceIssue.handler)
        .where(ServiceIssue.room_id == room_id)
    ):
        entries.append(TimelineEntry(
            when=_local(s.raised_on), kind=TimelineKind.ISSUE, title=f"服务问题：{_zh(s.category)}",
            detail=_join(s.description, _zh(s.status), f"承诺 {_d(s.promised_date)} 前处理" if s.promised_date else "",
                         f"处理人 {s.handler}" if s.handler else "",
                         f"{_d(s.resolved_on)} {s.resolution}".strip() if s.resolved_on else ""),
            by=who(s.assignee_id),
        ))
    entries.sort(key=lambda t: t.when.astimezone(UTC), reverse=True)
    return tuple(entries)


@read_only
def room_ledger(session: Session, *, room_id: int, today: date) -> RoomLedger:
    """Read the ledger of ``room_id`` as of ``today`` (about 20 queries whatever the history)."""
    room = _room_row(session, room_id)
    users = _users(session)
    people, contacts = _people(session, room_id, today)
    late_fees = room_late_fees_due(session, room_id)
    fee_items, rows = _grid(session, room_id, today, late_fees)
    cells = [c for row in rows for c in row.cells if c is not None]
    owed = split_owed(((c.outstanding_fen, c.due_date) for c in cells), today)
    case = session.execute(
        select(CollectionCase.stage, CollectionCase.collector_id, CollectionCase.reason, CollectionCase.hold_until)
        .where(CollectionCase.room_id == room_id, CollectionCase.closed_on.is_(None))
    ).first()
    header = LedgerHeader(
        room_id=room[0], estate_name=room[1], room_code=room[2], area_centi_m2=room[3], usage=room[4],
        occupancy=room[5], direct_debit=bool(room[6]),
        owners=tuple(p for p in people if p.role is PersonRole.OWNER),
        tenant=next((p for p in people if p.role is PersonRole.TENANT), None),
        occupants=tuple(p for p in people if p.role is PersonRole.OCCUPANT),
        contacts=tuple(contacts),
        paid_through=paid_through((c.period, c.outstanding_fen <= 0) for c in cells),
        arrears_fen=owed.arrears_fen,
        not_due_fen=owed.not_yet_due_fen,
        credit_fen=credit_balance(session, room_id),
        late_fee_due_fen=sum(late_fees.values()),
        stage=case[0] if case else None,
        collector=users.get(case[1], "") if case and case[1] else "",
        case_reason=case[2] if case else None,
        hold_until=case[3] if case else None,
        open_issues=tuple(
            f"{_zh(cat)}：{text}" + (f"（承诺 {promised.isoformat()} 前处理）" if promised else "")
            for cat, text, promised in session.execute(
                select(ServiceIssue.category, ServiceIssue.description, ServiceIssue.promised_date)
                .where(ServiceIssue.room_id == room_id,
                       ServiceIssue.status.in_([IssueStatus.OPEN, IssueStatus.IN_PROGRESS]))
                .order_by(ServiceIssue.raised_on)
            )
        ),
    )
    credits, spent = _credits(session, room_id)
    return RoomLedger(
        today=today, header=header, fee_items=fee_items, rows=rows,
        payments=_payments(session, room_id, users, spent), timeline=_timeline(session, room_id, users, today),
        limitation=tuple(room_limitation_periods(session, room_id=room_id, today=today)),
        credits=credits,
    )


@read_only
def payment_context(session: Session, *, room_id: int, today: date) -> PaymentContext:
    """The room's open bills (oldest first) and its settled bills whose late fee is still due, with the
    late fees due, its possible payers, its credit and the amount above which a payment is confirmed."""
    room = _room_row(session, room_id)
    people, _ = _people(session, room_id, today)
    late_fees = room_late_fees_due(session, room_id)
    rows = session.execute(
        select(Bill.id, Bill.period, FeeItem.name, FeeItem.sort_order, OUTSTANDING, Bill.due_date)
        .join(FeeItem, FeeItem.id == Bill.fee_item_id)
        .where(Bill.room_id == room_id,
               or_(Bill.paid_fen + Bill.discount_fen + Bill.waived_fen < Bill.amount_fen, Bill.id.in_(list(late_fees))))
        .order_by(Bill.period, FeeItem.sort_order, Bill.id)
    ).all()
    bills = tuple(
        PaymentBill(bill_id=r[0], period=r[1], fee_item=r[2], fee_item_order=r[3], outstanding_fen=max(0, r[4]),
                    due_date=r[5], late_fee_due_fen=late_fees.get(r[0], 0))
        for r in rows
    )
    payers = [p for p in people if p.role is not PersonRole.OCCUPANT or p.pays_fees]
    year = year_of_bills_fen(session, room_id)
    limit = large_payment_limit(outstanding_fen=sum(b.outstanding_fen for b in bills),
                                late_fee_due_fen=sum(late_fees.values()), year_of_bills_fen=year)
    return PaymentContext(
        room_id=room[0], room_code=room[2], estate_name=room[1], payers=tuple(payers), bills=bills,
        credit_fen=credit_balance(session, room_id), year_of_bills_fen=year, large_limit_fen=limit,
    )


def bucket_label_zh(bucket: AgeBucket | None) -> str:
    """Chinese label of an ageing bucket ("" for none)."""
    return BUCKET_LABELS_ZH.get(bucket, "") if bucket is not None else ""


@dataclass(frozen=True)
class ReceiptLine:
    """One printed line of a receipt."""

    period: int
    item: str
    amount_fen: int


@dataclass(frozen=True)
class ReceiptDocument:
    """Everything printed on a receipt (收据) or a reversal voucher (冲正)."""

    office_name: str
    office_address: str
    office_phone: str
    is_demo: bool
    payment_id: int
    receipt_no: str
    kind: PaymentKind
    estate_name: str
    room_code: str
    payer: str
    paid_on: date
    created_at: datetime
    method: PaymentMethod
    reference: str
    lines: tuple[ReceiptLine, ...]
    amount_fen: int
    credit_fen: int
    operator: str
    reverses_no: str  # for a reversal: the receipt it cancels
    reason: str  # for a reversal: why
    reversed_by_no: str  # for a payment reprinted after its reversal


@read_only
def receipt_document(session: Session, *, payment_id: int) -> ReceiptDocument:
    """The printable content of payment ``payment_id`` (a receipt, or a reversal voucher)."""
    p = session.get(Payment, payment_id)
    if p is None:
        raise NotFound("payment.not_found", payment_id=payment_id)
    room = _room_row(session, p.room_id)
    office = get_office(session)
    payer = session.scalar(select(Person.name).where(Person.id == p.payer_person_id)) if p.payer_person_id else ""
    operator = session.scalar(select(User.display_name).where(User.id == p.operator_id)) if p.operator_id else ""
    credit = session.scalar(
        select(func.coalesce(func.sum(CreditEntry.amount_fen), 0)).where(CreditEntry.payment_id == payment_id))
    if p.method is PaymentMethod.CREDIT:
        credit = 0  # a spending of prepaid credit (预存抵扣): its lines are the bills; the method says where from
    reverses_no = session.scalar(select(Payment.receipt_no).where(Payment.id == p.reverses_id)) \
        if p.reverses_id else ""
    reversed_by = session.scalar(select(Payment.receipt_no).where(Payment.reverses_id == payment_id))
    return ReceiptDocument(
        office_name=office.name, office_address=office.address, office_phone=office.phone,
        is_demo=office.is_demo, payment_id=p.id, receipt_no=p.receipt_no, kind=p.kind, estate_name=room[1],
        room_code=room[2], payer=payer or "", paid_on=p.paid_on, created_at=p.created_at, method=p.method,
        reference=p.reference if p.kind is PaymentKind.PAYMENT else "",
        lines=tuple(ReceiptLine(x.period, x.fee_item, x.amount_fen) for x in receipt_lines(session, p.id)),
        amount_fen=p.amount_fen, credit_fen=int(credit), operator=operator or "",
        reverses_no=reverses_no or "", reason=p.note if p.kind is PaymentKind.REVERSAL else "",
        reversed_by_no=reversed_by or "",
    )


@read_only
def timeline(session: Session, *, room_id: int, today: date) -> tuple[TimelineEntry, ...]:
    """The collection history of a room alone as of ``today``, newest first (the case dialog shows it)."""
    return _timeline(session, room_id, _users(session), today)
