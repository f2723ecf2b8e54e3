"""The whole data model (SQLAlchemy 2 typed declarative).

Conventions: money columns are ``Fen`` (integer fen); areas are integer 0.01 m²;
periods are ``YYYYMM`` integers; business dates are ``date``; timestamps are UTC.
Editable tables carry ``version`` (optimistic locking). Ledger tables (payments,
allocations, credit entries, waivers, audit log) are append-only: database
triggers (see ``db/ledger_ddl.py``) refuse UPDATE and DELETE on them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cuijiao_desktop.domain.enums import (
    ApprovalStatus,
    ArrearsReason,
    CallOutcome,
    Channel,
    ChargeBasis,
    ContactKind,
    DeliveryMethod,
    IssueCategory,
    IssueStatus,
    NoticeKind,
    Occupancy,
    OwnerType,
    PaymentKind,
    PaymentMethod,
    PersonRole,
    Relation,
    Role,
    Stage,
    Usage,
    VisitStatus,
)
from cuijiao_desktop.domain.visits import VisitDuty, VisitResult

from .base import Base, Versioned
from .types import Fen, IntEnumType, StrEnumType, UTCDateTime, utcnow

# ---------------------------------------------------------------------------
# People who use the program
# ---------------------------------------------------------------------------


class User(Versioned, Base):
    """A member of staff who logs in."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[Role] = mapped_column(StrEnumType(Role))
    password_hash: Mapped[str] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Set when an administrator resets the password: the next log-in must choose a new one.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))


class LoginSession(Base):
    """One sign-in of a user (GUI or command line). The services resolve the acting user from it:
    a user id is trusted only with the token of an open session (only its SHA-256 is stored)."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    client: Mapped[str] = mapped_column(String(128), default="")  # "gui", "cli", host or OS user
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_login_session_user", "user_id"),)


class OfficeSetting(Versioned, Base):
    """Business configuration stored in the database (office name, address, phone, bank, seal…)."""

    __tablename__ = "office_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[bytes | None] = mapped_column(LargeBinary)  # images (seal, payment QR): shared by every desk
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class AuditLog(Base):
    """Append-only record of every write: who, when, what, on which record.

    A hash chain makes it tamper-evident (``domain/audit_chain.py``): ``chain_seq`` numbers the rows
    without gaps, ``prev_hash`` is the hash of the row before, ``row_hash`` the hash of this row's
    content. Rows are chained at commit, one writer at a time (``services/audit.py``).
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    room_id: Mapped[int | None] = mapped_column(Integer)  # the room concerned, for the viewer's filter
    chain_seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_audit_log_entity", "entity", "entity_id"),
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_user", "user_id", "at"),
        Index("ix_audit_log_room", "room_id", "at"),
    )


class BackupRecord(Base):
    """A backup of this database (any desk): when, why, where, how big. Insert-only; the status bar
    shows the newest and the first start of a day skips its backup when one exists already."""

    __tablename__ = "backup_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    reason: Mapped[str] = mapped_column(String(16))  # daily, migration, manual, before-restore, restore
    path: Mapped[str] = mapped_column(Text)  # as seen from the desk that wrote it
    host: Mapped[str] = mapped_column(String(128), default="")
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)

    __table_args__ = (Index("ix_backup_record_taken_at", "taken_at"),)


class ReceiptSequence(Base):
    """Gap-free counters (receipt and notice serial numbers), bumped with UPDATE … SET n = n + 1."""

    __tablename__ = "receipt_sequence"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    prefix: Mapped[str] = mapped_column(String(16), default="")
    next_value: Mapped[int] = mapped_column(Integer, default=1)


# ---------------------------------------------------------------------------
# Estates, buildings, units, rooms
# ---------------------------------------------------------------------------


class Estate(Versioned, Base):
    """A residential estate (小区/项目)."""

    __tablename__ = "estate"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(255), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")

    buildings: Mapped[list[Building]] = relationship(back_populates="estate")


class Building(Versioned, Base):
    """A building (楼栋); ``name`` is the normalised short form, e.g. "3" or "A"."""

    __tablename__ = "building"

    id: Mapped[int] = mapped_column(primary_key=True)
    estate_id: Mapped[int] = mapped_column(ForeignKey("estate.id"))
    name: Mapped[str] = mapped_column(String(16))
    floors: Mapped[int | None] = mapped_column(Integer)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    estate: Mapped[Estate] = relationship(back_populates="buildings")
    units: Mapped[list[Unit]] = relationship(back_populates="building")

    __table_args__ = (UniqueConstraint("estate_id", "name"),)


class Unit(Versioned, Base):
    """A stairwell unit (单元) of a building."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    building_id: Mapped[int] = mapped_column(ForeignKey("building.id"))
    name: Mapped[str] = mapped_column(String(16))

    building: Mapped[Building] = relationship(back_populates="units")

    __table_args__ = (UniqueConstraint("building_id", "name"),)


class Room(Versioned, Base):
    """A chargeable room (房号): flat, shop or parking space. ``code`` is canonical, e.g. "3-2-1502"."""

    __tablename__ = "room"

    id: Mapped[int] = mapped_column(primary_key=True)
    estate_id: Mapped[int] = mapped_column(ForeignKey("estate.id"))
    building_id: Mapped[int] = mapped_column(ForeignKey("building.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    code: Mapped[str] = mapped_column(String(32))
    number: Mapped[str] = mapped_column(String(16))
    floor: Mapped[int | None] = mapped_column(Integer)
    area_centi_m2: Mapped[int] = mapped_column(Integer)  # 0.01 m²
    usage: Mapped[Usage] = mapped_column(StrEnumType(Usage), default=Usage.RESIDENTIAL)
    occupancy: Mapped[Occupancy] = mapped_column(StrEnumType(Occupancy), default=Occupancy.OCCUPIED)
    delivered_on: Mapped[date | None] = mapped_column(Date)  # 交房日期
    direct_debit: Mapped[bool] = mapped_column(Boolean, default=False)  # 银行托收
    note: Mapped[str] = mapped_column(Text, default="")

    links: Mapped[list[RoomPerson]] = relationship(back_populates="room")

    __table_args__ = (
        UniqueConstraint("estate_id", "code"),
        Index("ix_room_building_unit", "building_id", "unit_id"),
        Index("ix_room_number", "number"),  # search by a room number typed alone
        CheckConstraint("area_centi_m2 >= 0", name="area_not_negative"),
    )


# ---------------------------------------------------------------------------
# Owners, tenants and their contacts
# ---------------------------------------------------------------------------


class Person(Versioned, Base):
    """An owner, tenant or occupant."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    name_initials: Mapped[str] = mapped_column(String(32), default="")  # pinyin initials, for search
    id_number: Mapped[str | None] = mapped_column(String(32))  # 身份证号; never shown unmasked in lists
    owner_type: Mapped[OwnerType | None] = mapped_column(StrEnumType(OwnerType))
    preferred_channel: Mapped[Channel | None] = mapped_column(StrEnumType(Channel))
    note: Mapped[str] = mapped_column(Text, default="")

    contacts: Mapped[list[Contact]] = relationship(back_populates="person", order_by="Contact.id")

    __table_args__ = (Index("ix_person_name", "name"), Index("ix_person_initials", "name_initials"))


class Contact(Versioned, Base):
    """A phone number, WeChat id or e-mail of a person, or of someone close to them (spouse…)."""

    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    kind: Mapped[ContactKind] = mapped_column(StrEnumType(ContactKind))
    value: Mapped[str] = mapped_column(String(128))
    last4: Mapped[str] = mapped_column(String(4), default="")  # for search by the last 4 digits
    relation: Mapped[Relation] = mapped_column(StrEnumType(Relation), default=Relation.SELF)
    contact_name: Mapped[str] = mapped_column(String(64), default="")  # the spouse's name etc.
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    valid: Mapped[bool] = mapped_column(Boolean, default=True)  # false after "wrong number"

    person: Mapped[Person] = relationship(back_populates="contacts")

    __table_args__ = (Index("ix_contact_person", "person_id"), Index("ix_contact_last4", "last4"))


class RoomPerson(Versioned, Base):
    """Who is linked to a room, in which role, from when to when (a tenant change keeps history)."""

    __tablename__ = "room_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    role: Mapped[PersonRole] = mapped_column(StrEnumType(PersonRole))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    pays_fees: Mapped[bool] = mapped_column(Boolean, default=False)  # occupant agreed to pay (art. 41)

    room: Mapped[Room] = relationship(back_populates="links")
    person: Mapped[Person] = relationship()

    __table_args__ = (Index("ix_room_person_room", "room_id"), Index("ix_room_person_person", "person_id"))


# ---------------------------------------------------------------------------
# Fee items, standards, meters, bills
# ---------------------------------------------------------------------------


class LateFeePolicyRow(Versioned, Base):
    """Contractual late-fee terms: daily rate in parts per million, grace days, cap."""

    __tablename__ = "late_fee_policy"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    daily_rate_ppm: Mapped[int] = mapped_column(Integer)  # 0.3‰/day = 300
    grace_days: Mapped[int] = mapped_column(Integer, default=0)
    cap_ppm_of_principal: Mapped[int | None] = mapped_column(Integer)  # None: capped at principal only
    from_notice_level: Mapped[int | None] = mapped_column(Integer)  # e.g. 6: accrue only after 6th notice
    contract_clause: Mapped[str] = mapped_column(String(64), default="")  # 《物业服务合同》第X条
    valid_from: Mapped[date] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class FeeItem(Versioned, Base):
    """A kind of charge (物业管理费, 水费, 车位费 …)."""

    __tablename__ = "fee_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    basis: Mapped[ChargeBasis] = mapped_column(StrEnumType(ChargeBasis))
    unit_label: Mapped[str] = mapped_column(String(16), default="")  # 元/㎡·月, 元/吨 …
    sort_order: Mapped[int] = mapped_column(Integer, default=0)  # allocation order within a period
    due_day: Mapped[int] = mapped_column(Integer, default=10)  # paid by the 10th of the month
    late_fee_policy_id: Mapped[int | None] = mapped_column(ForeignKey("late_fee_policy.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class FeeStandard(Versioned, Base):
    """How a fee item is charged, for an estate and usage, from a date (the newest valid one wins)."""

    __tablename__ = "fee_standard"

    id: Mapped[int] = mapped_column(primary_key=True)
    fee_item_id: Mapped[int] = mapped_column(ForeignKey("fee_item.id"))
    estate_id: Mapped[int | None] = mapped_column(ForeignKey("estate.id"))
    usage: Mapped[Usage | None] = mapped_column(StrEnumType(Usage))
    unit_price_fen: Mapped[int] = mapped_column(Fen())  # per m²·month, per month, or per metered unit
    vacancy_discount_pct: Mapped[int] = mapped_column(Integer, default=0)  # 空置 reduction, e.g. 30
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(255), default="")

    __table_args__ = (Index("ix_fee_standard_lookup", "fee_item_id", "estate_id", "valid_from"),)


class MeterReading(Versioned, Base):
    """A meter reading for metered fee items (water, electricity)."""

    __tablename__ = "meter_reading"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    fee_item_id: Mapped[int] = mapped_column(ForeignKey("fee_item.id"))
    period: Mapped[int] = mapped_column(Integer)
    previous_reading: Mapped[int] = mapped_column(Integer)  # in 0.01 units
    current_reading: Mapped[int] = mapped_column(Integer)
    read_on: Mapped[date] = mapped_column(Date)

    __table_args__ = (UniqueConstraint("room_id", "fee_item_id", "period"),)


def _issued_amount(context) -> int:
    """A new bill is issued at its amount (inserts that name ``issued_amount_fen`` keep theirs)."""
    return context.get_current_parameters()["amount_fen"]


class Bill(Versioned, Base):
    """应收: one per room × fee item × period. ``paid_fen`` and ``waived_fen`` are caches of the
    ledger, moved only by ``UPDATE … SET paid_fen = paid_fen + :d`` in the services."""

    __tablename__ = "bill"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    fee_item_id: Mapped[int] = mapped_column(ForeignKey("fee_item.id"))
    period: Mapped[int] = mapped_column(Integer)  # YYYYMM
    amount_fen: Mapped[int] = mapped_column(Fen())
    discount_fen: Mapped[int] = mapped_column(Fen(), default=0)  # 优惠/减免/空置减免, set when billed
    paid_fen: Mapped[int] = mapped_column(Fen(), default=0)
    waived_fen: Mapped[int] = mapped_column(Fen(), default=0)  # written off / approved reduction later
    due_date: Mapped[date] = mapped_column(Date)
    basis_note: Mapped[str] = mapped_column(String(128), default="")  # "2.50元/㎡ × 89.37㎡"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The amount as issued (billing run, import, demo). ``amount_fen`` changes only through a
    # BillAdjustment, so amount_fen = issued_amount_fen + Σ(new − old) of its adjustments (db check).
    issued_amount_fen: Mapped[int] = mapped_column(Fen(), default=_issued_amount, server_default=text("0"))

    __table_args__ = (
        UniqueConstraint("room_id", "fee_item_id", "period"),
        CheckConstraint("amount_fen >= 0", name="amount_not_negative"),
        CheckConstraint("paid_fen >= 0", name="paid_not_negative"),
        # The arrears queries use exactly this predicate (field notes: 507 ms → 180 ms). Column on the
        # left: SQLite rewrites "expr < column" as "column > expr" and then never matches the index.
        Index(
            "ix_bill_unpaid",
            "room_id", "period", "amount_fen", "discount_fen", "paid_fen", "waived_fen", "due_date",
            sqlite_where=text("amount_fen > paid_fen + discount_fen + waived_fen"),
            postgresql_where=text("amount_fen > paid_fen + discount_fen + waived_fen"),
        ),
        Index("ix_bill_period", "period"),
    )


#: What is still owed on a bill (fen), for queries.
BILL_OUTSTANDING = Bill.amount_fen - Bill.discount_fen - Bill.paid_fen - Bill.waived_fen
#: A bill still owes something: exactly the condition of the partial index ``ix_bill_unpaid`` (column on the
#: left, so SQLite matches the index).
BILL_UNPAID = Bill.amount_fen > Bill.paid_fen + Bill.discount_fen + Bill.waived_fen


class BillAdjustment(Base):
    """An audited change of a bill's amount after it was issued, keeping the old value. Append-only."""

    __tablename__ = "bill_adjustment"

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bill.id"))
    old_amount_fen: Mapped[int] = mapped_column(Fen())
    new_amount_fen: Mapped[int] = mapped_column(Fen())
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (Index("ix_bill_adjustment_bill", "bill_id"),)


class LateFeeAssessment(Versioned, Base):
    """The late fee currently assessed on one bill; recomputing overwrites it (idempotent)."""

    __tablename__ = "late_fee_assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bill.id"), unique=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("late_fee_policy.id"))
    as_of: Mapped[date] = mapped_column(Date)
    days: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(Fen())  # contract amount
    court_estimate_fen: Mapped[int] = mapped_column(Fen(), default=0)
    paid_fen: Mapped[int] = mapped_column(Fen(), default=0)


class LateFeeWaiver(Base):
    """A manager's waiver of (part of) a bill's late fee. Append-only."""

    __tablename__ = "late_fee_waiver"

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bill.id"))
    amount_fen: Mapped[int] = mapped_column(Fen())
    reason: Mapped[str] = mapped_column(Text)
    approved_by_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (Index("ix_late_fee_waiver_bill", "bill_id"),)


class ArrearsCache(Base):
    """欠费缓存: one row of the arrears table (``services.arrears.ArrearsRow``) as of the office day
    in ``arrears_cache_state``; derived data, never edited.

    Rebuilt by ``services/arrears_cache.py``. Triggers (``db/arrears_ddl.py``) mark a room in
    ``arrears_dirty`` on every write to what its row is made of (bills, late fees, the room, its
    people and their phones, its case, contacts and promises); readers compute dirty rooms
    from those tables. ``bucketN_fen`` is the amount in ``AgeBucket(N)``; ``age_bucket`` the
    bucket of the oldest overdue bill; ``next_action_on`` the case's date, else the latest
    contact's follow-up. Only the masked phone is kept.
    """

    __tablename__ = "arrears_cache"

    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="CASCADE"), primary_key=True,
                                         autoincrement=False)
    total_fen: Mapped[int] = mapped_column(Fen())
    months: Mapped[int] = mapped_column(Integer)
    oldest_period: Mapped[int] = mapped_column(Integer)  # YYYYMM
    bucket1_fen: Mapped[int] = mapped_column(Fen())
    bucket2_fen: Mapped[int] = mapped_column(Fen())
    bucket3_fen: Mapped[int] = mapped_column(Fen())
    bucket4_fen: Mapped[int] = mapped_column(Fen())
    bucket5_fen: Mapped[int] = mapped_column(Fen())
    bucket6_fen: Mapped[int] = mapped_column(Fen())
    bucket7_fen: Mapped[int] = mapped_column(Fen())
    bucket8_fen: Mapped[int] = mapped_column(Fen())
    age_bucket: Mapped[int] = mapped_column(Integer)  # AgeBucket value
    late_fee_fen: Mapped[int] = mapped_column(Fen())
    estate_id: Mapped[int] = mapped_column(Integer)
    building_id: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int | None] = mapped_column(Integer)
    room_number: Mapped[str] = mapped_column(String(16))
    room_code: Mapped[str] = mapped_column(String(32))
    owner: Mapped[str | None] = mapped_column(String(64))
    owner_initials: Mapped[str | None] = mapped_column(String(32))
    phone_masked: Mapped[str | None] = mapped_column(String(128))
    phone_last4: Mapped[str | None] = mapped_column(String(4))
    stage: Mapped[int | None] = mapped_column(Integer)  # Stage value; None: no open case
    collector_id: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(String(32))  # ArrearsReason value
    next_action_on: Mapped[date | None] = mapped_column(Date)
    last_contact_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_outcome: Mapped[str | None] = mapped_column(String(32))  # CallOutcome value
    promise_on: Mapped[date | None] = mapped_column(Date)


class ArrearsDirty(Base):
    """A room whose bills or late fees changed since its ``arrears_cache`` row was computed."""

    __tablename__ = "arrears_dirty"

    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="CASCADE"), primary_key=True,
                                         autoincrement=False)


#: The id of the one row of ``arrears_cache_state``.
CACHE_STATE_ID = 1


class ArrearsCacheState(Base):
    """The office day the arrears cache was built for (one row, id 1)."""

    __tablename__ = "arrears_cache_state"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    as_of: Mapped[date] = mapped_column(Date)
    rebuilt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)  # last full rebuild
    refreshed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)  # last refresh of dirty rooms


# ---------------------------------------------------------------------------
# The money ledger (append-only)
# ---------------------------------------------------------------------------


class Payment(Base):
    """实收. A reversal (冲正) is a new row with the negative amount that references the original."""

    __tablename__ = "payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(32), unique=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    payer_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    kind: Mapped[PaymentKind] = mapped_column(StrEnumType(PaymentKind), default=PaymentKind.PAYMENT)
    amount_fen: Mapped[int] = mapped_column(Fen())
    paid_on: Mapped[date] = mapped_column(Date)
    method: Mapped[PaymentMethod] = mapped_column(StrEnumType(PaymentMethod))
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"), unique=True)
    reference: Mapped[str] = mapped_column(String(64), default="")  # bank/WeChat transaction number
    note: Mapped[str] = mapped_column(Text, default="")
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    allocations: Mapped[list[PaymentAllocation]] = relationship(back_populates="payment")

    __table_args__ = (
        Index("ix_payment_room", "room_id", "paid_on"),
        Index("ix_payment_paid_on", "paid_on"),
        CheckConstraint(
            "(kind = 'payment' AND amount_fen > 0 AND reverses_id IS NULL)"
            " OR (kind = 'reversal' AND amount_fen < 0 AND reverses_id IS NOT NULL)",
            name="kind_sign",
        ),
    )


class PaymentAllocation(Base):
    """How a payment (or its reversal, negated) was spread over bills. Append-only."""

    __tablename__ = "payment_allocation"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id"))
    bill_id: Mapped[int] = mapped_column(ForeignKey("bill.id"))
    amount_fen: Mapped[int] = mapped_column(Fen())
    late_fee_fen: Mapped[int] = mapped_column(Fen(), default=0)

    payment: Mapped[Payment] = relationship(back_populates="allocations")

    __table_args__ = (Index("ix_payment_allocation_payment", "payment_id"), Index("ix_payment_allocation_bill", "bill_id"))


class CreditEntry(Base):
    """Prepaid credit (预存款) ledger of a room: + from overpayments, − when applied. Append-only.

    A deposit (the excess of a payment, or an imported balance) has no ``source_id``. Every later
    movement of that money names its deposit in ``source_id``: spent on bills (−, its payment is a
    ``credit`` payment whose allocation lines are the bills paid), given back when such a spending
    is reversed (+), taken away when the deposit's own payment is reversed (−). A deposit's
    remainder is its amount plus its movements and is never negative (db check).
    """

    __tablename__ = "credit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    amount_fen: Mapped[int] = mapped_column(Fen())
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("credit_entry.id"))
    note: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (Index("ix_credit_entry_room", "room_id"), Index("ix_credit_entry_source", "source_id"))


class WriteOff(Base):
    """坏账核销 of a bill's remaining amount, with the evidence that every step was tried. Append-only."""

    __tablename__ = "write_off"

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bill.id"))
    amount_fen: Mapped[int] = mapped_column(Fen())
    reason: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text, default="")
    approved_by_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


# ---------------------------------------------------------------------------
# Collection work
# ---------------------------------------------------------------------------


class LadderStepRow(Versioned, Base):
    """One configured step of the office's collection ladder."""

    __tablename__ = "ladder_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    stage: Mapped[Stage] = mapped_column(IntEnumType(Stage))
    name: Mapped[str] = mapped_column(String(64))
    wait_days: Mapped[int] = mapped_column(Integer)  # after the previous step (the first: after opening)
    channel: Mapped[Channel] = mapped_column(StrEnumType(Channel))
    min_amount_fen: Mapped[int] = mapped_column(Fen(), default=0)  # reached at this debt …
    min_months: Mapped[int] = mapped_column(Integer, default=0)  # … or at this many months (0: not set)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")


class CollectionCase(Versioned, Base):
    """A room's collection file: where it stands on the ladder and who works it (责任到人)."""

    __tablename__ = "collection_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    stage: Mapped[Stage] = mapped_column(IntEnumType(Stage), default=Stage.REMINDER)
    collector_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    reason: Mapped[ArrearsReason | None] = mapped_column(StrEnumType(ArrearsReason))
    abnormal: Mapped[bool] = mapped_column(Boolean, default=False)  # 非正常欠费, reviewed half-yearly
    opened_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    hold_until: Mapped[date | None] = mapped_column(Date)  # extension / dispute: no chasing until then
    next_action_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_collection_case_room", "room_id"),
        Index("ix_collection_case_collector", "collector_id", "closed_on"),
        # at most one open case per room
        Index(
            "uq_collection_case_open_room", "room_id", unique=True,
            sqlite_where=text("closed_on IS NULL"), postgresql_where=text("closed_on IS NULL"),
        ),
    )


class ContactEvent(Base):
    """A logged collection contact: call, SMS, WeChat, letter, visit or notice.

    Append-only in spirit: corrections are new events; the services never update these.
    """

    __tablename__ = "contact_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("collection_case.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    channel: Mapped[Channel] = mapped_column(StrEnumType(Channel))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    number_dialled: Mapped[str] = mapped_column(String(32), default="")
    answered_by: Mapped[str] = mapped_column(String(64), default="")  # an AnsweredBy code, "" if nobody
    outcome: Mapped[CallOutcome] = mapped_column(StrEnumType(CallOutcome))
    reason: Mapped[ArrearsReason | None] = mapped_column(StrEnumType(ArrearsReason))
    complaint: Mapped[str] = mapped_column(Text, default="")
    next_follow_up: Mapped[date | None] = mapped_column(Date)
    arrears_fen: Mapped[int | None] = mapped_column(Fen())  # what was owed at the time
    note: Mapped[str] = mapped_column(Text, default="")
    evidence_path: Mapped[str] = mapped_column(String(255), default="")
    # warnings the user saw and overrode when saving ("quiet_hours,frequency"); a promise made in the
    # call is a row of ``promise`` (one truth; revision 0010 moved the old promise_* columns there)
    overridden: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (
        Index("ix_contact_event_room", "room_id", "occurred_at"),
        Index("ix_contact_event_user", "user_id", "occurred_at"),
        Index("ix_contact_event_follow_up", "next_follow_up"),
        Index("ix_contact_event_occurred", "occurred_at"),  # the office's contact log, newest first
    )


class Promise(Versioned, Base):
    """承诺缴费: a promised date and amount; chased on the day, judged kept or broken.

    The state is not stored: ``services.promises.promise_states`` derives it from the payments.
    """

    __tablename__ = "promise"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("collection_case.id"))
    contact_event_id: Mapped[int | None] = mapped_column(ForeignKey("contact_event.id"))
    made_on: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    amount_fen: Mapped[int] = mapped_column(Fen())
    signed: Mapped[bool] = mapped_column(Boolean, default=False)  # a written, signed promise (stronger evidence)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))

    __table_args__ = (Index("ix_promise_due", "due_date"), Index("ix_promise_room", "room_id"))


class InstalmentPlan(Versioned, Base):
    """分期缴费 approved by a manager."""

    __tablename__ = "instalment_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("collection_case.id"))
    total_fen: Mapped[int] = mapped_column(Fen())
    status: Mapped[ApprovalStatus] = mapped_column(StrEnumType(ApprovalStatus), default=ApprovalStatus.PENDING)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    signed_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # the office day it was asked for: payments from this day on count towards it (None: before 0011)
    starts_on: Mapped[date | None] = mapped_column(Date)

    instalments: Mapped[list[Instalment]] = relationship(back_populates="plan", order_by="Instalment.seq")


class Instalment(Versioned, Base):
    """One instalment of a plan."""

    __tablename__ = "instalment"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("instalment_plan.id"))
    seq: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[date] = mapped_column(Date)
    amount_fen: Mapped[int] = mapped_column(Fen())
    # what is paid is never stored: services.cases derives it from the ledger's allocations

    plan: Mapped[InstalmentPlan] = relationship(back_populates="instalments")

    __table_args__ = (UniqueConstraint("plan_id", "seq"),)


class Extension(Versioned, Base):
    """延期: a manager-approved pause of 1–2 months for a hardship case."""

    __tablename__ = "extension"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("collection_case.id"))
    until: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ApprovalStatus] = mapped_column(StrEnumType(ApprovalStatus), default=ApprovalStatus.PENDING)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


def _default_visit_end(context) -> datetime | None:
    """A visit written without an end (older code, imports) lasts 90 minutes from its start."""
    start = context.get_current_parameters().get("planned_at")
    if start is None:
        return None
    if isinstance(start, str):
        start = datetime.fromisoformat(start)
    return (start if start.tzinfo else start.replace(tzinfo=UTC)) + timedelta(minutes=90)


class Visit(Versioned, Base):
    """上门催缴: booked, done or cancelled; at least two staff go."""

    __tablename__ = "visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("collection_case.id"))
    planned_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[VisitStatus] = mapped_column(StrEnumType(VisitStatus), default=VisitStatus.PLANNED)
    booked_by_phone: Mapped[bool] = mapped_column(Boolean, default=False)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attitude: Mapped[str] = mapped_column(String(64), default="")
    outcome: Mapped[CallOutcome | None] = mapped_column(StrEnumType(CallOutcome))
    agreed_date: Mapped[date | None] = mapped_column(Date)
    revisit: Mapped[bool] = mapped_column(Boolean, default=False)
    notice_handed: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    # revision 0014 (issue 13): ``planned_at`` is the start of the window, ``ends_at`` its end
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_default_visit_end)
    team: Mapped[str] = mapped_column(String(32), default="")  # a label such as "A组" ("" none)
    # the appointment: the phone call that booked it (a contact event) and when the owner confirmed
    appointment_event_id: Mapped[int | None] = mapped_column(ForeignKey("contact_event.id"))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    remind_on: Mapped[date | None] = mapped_column(Date)  # the worklist reminds on this day (the day before)
    # one person alone: a manager's override, recorded
    override_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    override_reason: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    # the outcome: whom they met (an AnsweredBy code), the result, its contact event and promise
    result: Mapped[VisitResult | None] = mapped_column(StrEnumType(VisitResult))
    met: Mapped[str] = mapped_column(String(16), default="")
    outcome_event_id: Mapped[int | None] = mapped_column(ForeignKey("contact_event.id"))
    promise_id: Mapped[int | None] = mapped_column(ForeignKey("promise.id"))
    # the print room's notice handed over, and whether it was signed for (its delivery is on the notice)
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("notice.id"))
    notice_signed: Mapped[bool] = mapped_column(Boolean, default=False)
    next_visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"))  # the revisit scheduled

    staff: Mapped[list[VisitStaff]] = relationship(back_populates="visit")

    __table_args__ = (
        Index("ix_visit_planned", "status", "planned_at"),
        Index("ix_visit_room", "room_id", "planned_at"),
    )


class VisitStaff(Base):
    """Who went on a visit (supervisor, maintenance worker …)."""

    __tablename__ = "visit_staff"

    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), primary_key=True)
    duty: Mapped[VisitDuty] = mapped_column(StrEnumType(VisitDuty), default=VisitDuty.COLLECTOR)

    visit: Mapped[Visit] = relationship(back_populates="staff")

    __table_args__ = (Index("ix_visit_staff_user", "user_id"),)


class VisitPhoto(Base):
    """A photo (or scan) kept as a visit's evidence: stored in the data folder under its SHA-256
    (``services.delivery.store_proof``); the database keeps the hash, the path and the original name."""

    __tablename__ = "visit_photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id"))
    sha256: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(String(255))  # relative to the data folder: evidence/ab/ab12….jpg
    original_name: Mapped[str] = mapped_column(String(255), default="")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))

    __table_args__ = (Index("ix_visit_photo_visit", "visit_id"),)


class Notice(Versioned, Base):
    """A notice issued (催缴通知书 …): serial, level, to whom, how and when delivered, proof."""

    __tablename__ = "notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("collection_case.id"))
    kind: Mapped[NoticeKind] = mapped_column(StrEnumType(NoticeKind))
    level: Mapped[int] = mapped_column(Integer, default=1)  # 1..10 of the notice series
    recipient_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    recipient_name: Mapped[str] = mapped_column(String(64), default="")
    arrears_fen: Mapped[int] = mapped_column(Fen())
    late_fee_fen: Mapped[int] = mapped_column(Fen(), default=0)
    period_from: Mapped[int | None] = mapped_column(Integer)
    period_to: Mapped[int | None] = mapped_column(Integer)
    deadline: Mapped[date | None] = mapped_column(Date)
    template_version: Mapped[str] = mapped_column(String(32), default="")
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    delivery_method: Mapped[DeliveryMethod | None] = mapped_column(StrEnumType(DeliveryMethod))
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    delivered_to: Mapped[str] = mapped_column(String(64), default="")
    tracking_no: Mapped[str] = mapped_column(String(64), default="")
    proof_path: Mapped[str] = mapped_column(String(255), default="")
    signed_receipt: Mapped[bool] = mapped_column(Boolean, default=False)
    # how the notice is meant to reach the owner when printed (the print room's batch); None: not said
    intended_delivery: Mapped[DeliveryMethod | None] = mapped_column(StrEnumType(DeliveryMethod))
    batch_no: Mapped[str] = mapped_column(String(32), default="")  # first serial of its batch

    __table_args__ = (Index("ix_notice_room", "room_id", "issued_at"), Index("ix_notice_batch", "batch_no"))


class ServiceIssue(Versioned, Base):
    """物业服务问题跟进: a complaint raised while collecting, with an owner and a promised date."""

    __tablename__ = "service_issue"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("collection_case.id"))
    contact_event_id: Mapped[int | None] = mapped_column(ForeignKey("contact_event.id"))
    category: Mapped[IssueCategory] = mapped_column(StrEnumType(IssueCategory))
    description: Mapped[str] = mapped_column(Text)
    raised_on: Mapped[date] = mapped_column(Date)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    handler: Mapped[str] = mapped_column(String(64), default="")  # who fixes it (a staff name, e.g. 维修工)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    promised_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[IssueStatus] = mapped_column(StrEnumType(IssueStatus), default=IssueStatus.OPEN)
    resolved_on: Mapped[date | None] = mapped_column(Date)
    resolution: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_service_issue_status", "status", "promised_date"),
        Index("ix_service_issue_room", "room_id"),
    )


class CollectionHold(Versioned, Base):
    """暂停催缴: the office stops chasing a case until a date (e.g. while a complaint is handled);
    asked for on the case, in force once a manager approves it."""

    __tablename__ = "collection_hold"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("collection_case.id"))
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    until: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[ApprovalStatus] = mapped_column(StrEnumType(ApprovalStatus), default=ApprovalStatus.PENDING)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_collection_hold_case", "case_id"),)


class CaseEvent(Base):
    """What happened to a case itself: opened, closed, assigned, a ladder step marked done by hand
    (steps with no contact, notice or visit to show for them: the owners' committee, the lawsuit).
    Append-only in spirit."""

    __tablename__ = "case_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("collection_case.id"))
    kind: Mapped[str] = mapped_column(String(16))  # opened, closed, assigned, step_done
    happened_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    step_id: Mapped[int | None] = mapped_column(ForeignKey("ladder_step.id"))
    stage: Mapped[Stage | None] = mapped_column(IntEnumType(Stage))
    collector_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_case_event_case", "case_id", "happened_on"),)


class MonthClose(Base):
    """月结: month M's statistics frozen when finance closed it. A reopened close keeps its row (who,
    when, why); the month's current close is its row without ``reopened_at`` (at most one)."""

    __tablename__ = "month_close"

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(7))  # "YYYY-MM"
    closed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    closed_by: Mapped[str] = mapped_column(String(64))  # the name printed on the report (已月结)
    reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reopened_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    reopen_reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_month_close_month", "month"),
        Index("uq_month_close_open", "month", unique=True, sqlite_where=text("reopened_at IS NULL"),
              postgresql_where=text("reopened_at IS NULL")),
    )


class MonthCloseSnapshot(Base):
    """One frozen ``MonthStats.to_snapshot()`` of a close: the office's (``estate`` "") and each estate's."""

    __tablename__ = "month_close_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    close_id: Mapped[int] = mapped_column(ForeignKey("month_close.id"))
    estate: Mapped[str] = mapped_column(String(64), default="")
    snapshot: Mapped[str] = mapped_column(Text)  # JSON
    # the month's point of a later 12-month trend, read without parsing the snapshot
    households: Mapped[int] = mapped_column(Integer, default=0)
    households_paid: Mapped[int] = mapped_column(Integer, default=0)
    billed_fen: Mapped[int] = mapped_column(Fen(), default=0)
    collected_fen: Mapped[int] = mapped_column(Fen(), default=0)

    __table_args__ = (UniqueConstraint("close_id", "estate"),)


#: Tables whose rows may only ever be inserted (enforced by triggers).
APPEND_ONLY_TABLES = (
    "payment",
    "payment_allocation",
    "credit_entry",
    "late_fee_waiver",
    "write_off",
    "audit_log",
    "bill_adjustment",
)
