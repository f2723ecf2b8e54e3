"""Demo data: a true-to-life property-management office, built fast and deterministically.

``build_demo`` fills an empty, migrated database with three estates in Hangzhou, their
owners and tenants, fee items and standards, bills for every room and month, payments
that follow each room's paying habit (on time, late, chronic debtor, dispute, unreachable,
vacant flat paying in lumps), reversals, prepaid credit, and the collection history that
matches the money: cases, calls, SMS, promises, notices, visits and service issues.

Speed: rows are generated as tuples of database values and written in batches; on SQLite
straight through the DB-API ``executemany`` (Core ``insert()`` costs ~17 µs/row with the
type decorators, the raw path ~3 µs), elsewhere through Core ``insert()``. Everything is
ONE transaction, so a cancelled or failed build leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from itertools import accumulate
from typing import Any

from sqlalchemy import Boolean, Connection, Date, Engine, Table, func, insert, select, update

from cuijiao_desktop.db import models as m
from cuijiao_desktop.db.arrears_ddl import create_arrears_triggers, drop_arrears_triggers
from cuijiao_desktop.db.sequences import advance_sequences
from cuijiao_desktop.db.types import UTCDateTime
from cuijiao_desktop.domain.ageing import add_months
from cuijiao_desktop.domain.allocation import OpenBill
from cuijiao_desktop.domain.billing import DEFAULT_DUE_DAY, Charge, compute_charge, due_date_for, is_vacant
from cuijiao_desktop.domain.cases import (
    CaseSettings,
    SplitItem,
    SplitMode,
    SplitScope,
    plan_split,
    should_open,
)
from cuijiao_desktop.domain.credit import CreditSource, plan_credit
from cuijiao_desktop.domain.enums import (
    AnsweredBy,
    ApprovalStatus,
    ArrearsReason,
    CallOutcome,
    Channel,
    ChargeBasis,
    DeliveryMethod,
    IssueStatus,
    NoticeKind,
    Occupancy,
    OwnerType,
    PaymentMethod,
    PersonRole,
    Relation,
    Role,
    Stage,
    Usage,
    VisitStatus,
)
from cuijiao_desktop.domain.errors import DomainError, ValidationError
from cuijiao_desktop.domain.instalments import make_schedule
from cuijiao_desktop.domain.ladder import DEFAULT_LADDER
from cuijiao_desktop.domain.late_fees import LateFeePolicy, assess_bill
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.notices import default_intended_delivery
from cuijiao_desktop.domain.pinyin import name_initials
from cuijiao_desktop.domain.rooms import room_code_from_parts
from cuijiao_desktop.domain.visits import VisitDuty

from . import audit, delivery, serials
from . import demo_names as vocab
from .arrears_cache import rebuild_arrears_cache
from .cases.lifecycle import refresh_case_positions
from .dto import UserDTO
from .passwords import hash_password

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "DemoSummary", "build_demo"]

DEMO_PASSWORD = "demo1234"
#: Stands in for the demo users' hashes while the data is built (never a valid hash); each user's own
#: argon2id hash, with its own salt, is computed meanwhile on another thread and written at the end
#: (at OWASP's minimum cost, ~35 ms each; the first log-in re-hashes at the full cost).
_NO_PASSWORD = "!"

#: (username, display name, role) of the demo staff.
DEMO_USERS: list[tuple[str, str, Role]] = [
    ("admin", "系统管理员", Role.ADMIN),
    ("zhuguan", "王主管", Role.MANAGER),
    ("qiantai1", "李晓梅", Role.CLERK),
    ("qiantai2", "陈静", Role.CLERK),
    ("qiantai3", "赵雪婷", Role.CLERK),
    ("cuishou1", "刘建国", Role.COLLECTOR),
    ("cuishou2", "张丽华", Role.COLLECTOR),
    ("cuishou3", "周志强", Role.COLLECTOR),
    ("cuishou4", "黄敏", Role.COLLECTOR),
    ("caiwu", "孙会计", Role.FINANCE),
]

OFFICE = {
    "office.name": "杭州锦程物业服务有限公司城西服务中心",
    "office.address": "杭州市西湖区文一西路666号翠湖苑物业服务中心一楼",
    "office.phone": "0571-88206688",
    "office.bank_name": "中国工商银行杭州文一西路支行",
    "office.bank_account": "1202021209900123456",
    "office.demo": "1",
}

BATCH = 50_000
_RAW_SQLITE = True  # tests switch it off to exercise the Core path used on PostgreSQL
CST = timezone(timedelta(hours=8))  # business hours are Beijing time; timestamps are stored UTC
_SQLITE_CACHE_KIB = 262_144

# paying habits
ONTIME, LATE, CHRONIC, DISPUTE, UNREACHABLE, HARDSHIP, RECENT, VACANT_LUMP = range(8)
_PROFILE_WEIGHTS = ((ONTIME, 70), (LATE, 12), (CHRONIC, 6), (DISPUTE, 4), (UNREACHABLE, 2),
                    (HARDSHIP, 2), (RECENT, 4))
_DISPUTE_REASONS = ((ArrearsReason.SERVICE_QUALITY, 40), (ArrearsReason.LEGACY_DISPUTE, 25),
                    (ArrearsReason.RECTIFICATION, 20), (ArrearsReason.BURGLARY, 15))
_ONLINE = (PaymentMethod.WECHAT, PaymentMethod.ALIPAY)
_METHODS = ((PaymentMethod.WECHAT.value, 36), (PaymentMethod.ALIPAY.value, 20), (PaymentMethod.CASH.value, 12),
            (PaymentMethod.CARD.value, 17), (PaymentMethod.BANK_TRANSFER.value, 15))

# fee items: code, name, basis, unit label, sort order
_ITEMS = (
    ("WYF", "物业管理费", ChargeBasis.PER_AREA, "元/㎡·月", 1),
    ("LJF", "垃圾清运费", ChargeBasis.FIXED, "元/月", 2),
    ("CWF", "车位管理费", ChargeBasis.FIXED, "元/个·月", 3),
    ("SF", "水费", ChargeBasis.METERED, "元/吨", 4),
    ("DF", "电费", ChargeBasis.METERED, "元/度", 5),
)
WYF, LJF, CWF, SF, DF = range(5)
_SHOP_GARBAGE_FEN = 10_000
_PARKING_FEN = 8_000
_WATER_FEN = 410  # per tonne
_POWER_FEN = 82  # per kWh (一般工商业)
_METERED_MONTHS = 6
_VACANCY_PCT = 30
_LATE_FEE_PPM = 300  # 0.3‰ per day
_LATE_FEE_GRACE_DAYS = 30
_LATE_FEE_FROM_LEVEL = 6  # contract clause 12: late fees accrue from the 6th notice on
_LATE_FEE_ITEMS = ("WYF", "LJF", "CWF")
_NOTICE_LATE_FEE = 9  # position of late_fee_fen in a notice row
_FORGOTTEN_ROOMS = 4  # unreachable owners who never paid since the start: the limitation clock's examples
_FORGOTTEN_MIN_MONTHS = 34  # only when the bills go back about 3 years


@dataclass(frozen=True)
class DemoSummary:
    """What ``build_demo`` wrote, and how long it took."""

    estates: int
    buildings: int
    rooms: int
    persons: int
    bills: int
    payments: int
    allocations: int
    contact_events: int
    promises: int
    notices: int
    visits: int
    issues: int
    users: int
    seconds: float

    @property
    def total_rows(self) -> int:
        """The rows of the big tables together (for rows/s figures)."""
        return (self.rooms + self.persons + self.bills + self.payments + self.allocations
                + self.contact_events + self.promises + self.notices + self.visits + self.issues)


# ---------------------------------------------------------------------------
# Writing rows
# ---------------------------------------------------------------------------


def _converter(col: Any) -> Callable[[Any], Any] | None:
    if isinstance(col.type, UTCDateTime):
        return lambda v: None if v is None else datetime.fromisoformat(v).replace(tzinfo=UTC)
    if isinstance(col.type, Date):
        return lambda v: None if v is None else date.fromisoformat(v)
    if isinstance(col.type, Boolean):
        return lambda v: None if v is None else bool(v)
    return None


class _Sink:
    """Buffers rows (tuples of database values in a fixed column order) and writes them in batches.

    Tables are flushed in registration order, so parents always reach the database first.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.fast = conn.dialect.name == "sqlite" and _RAW_SQLITE
        self.specs: dict[str, tuple[Table, tuple[str, ...], str]] = {}
        self.buffers: dict[str, list[tuple]] = {}
        self.counts: dict[str, int] = {}

    def register(self, model: Any, cols: str) -> list[tuple]:
        table: Table = model.__table__
        names = tuple(cols.split())
        missing = [c.name for c in table.columns if c.name not in names]
        assert not missing, f"{table.name}: columns not written: {missing}"
        sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        self.specs[table.name] = (table, names, sql)
        self.counts[table.name] = 0
        return self.buffers.setdefault(table.name, [])

    def maybe_flush(self) -> None:
        if any(len(b) >= BATCH for b in self.buffers.values()):
            self.flush()

    def flush(self) -> None:
        for name, buf in self.buffers.items():
            if not buf:
                continue
            table, names, sql = self.specs[name]
            if self.fast:
                self.conn.exec_driver_sql(sql, buf)
            else:
                conv = [_converter(table.c[n]) for n in names]
                self.conn.execute(insert(table), [
                    {n: (f(v) if f else v) for n, f, v in zip(names, conv, row, strict=True)} for row in buf
                ])
            self.counts[name] += len(buf)
            buf.clear()


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _months_overdue(due: date, as_of: date) -> int:
    if as_of <= due:
        return 0
    k = (as_of.year - due.year) * 12 + (as_of.month - due.month)
    if as_of.day > due.day:
        k += 1
    return max(k, 1)


_DS: dict[date, str] = {}


def _ds(d: date | None) -> str | None:
    """A date as SQLAlchemy stores it on SQLite."""
    if d is None:
        return None
    s = _DS.get(d)
    if s is None:
        s = _DS[d] = d.isoformat()
    return s


def _demo_proof(serial: str, suffix: str) -> str:
    """Where a demo notice's proof file would be stored (content-hash name, as ``services.delivery``
    stores real ones; the demo has no files, the ledger says so when one is opened)."""
    return delivery.proof_relpath(hashlib.sha256(f"demo-proof:{serial}".encode()).hexdigest(), suffix)


#: Demo visit start times inside the default windows (weekdays 18:30–21:00, weekends 09:00–21:00), 40 minutes each.
_VISIT_SLOTS = {False: ((18, 30), (19, 15), (20, 0)), True: ((9, 30), (10, 30), (14, 0), (15, 0), (16, 0), (19, 0))}
_VISIT_MINUTES = 40
_VISIT_RESULT = {CallOutcome.PROMISED: "promised", CallOutcome.CONDITIONAL: "promised", CallOutcome.REFUSED: "refused",
                 CallOutcome.NOT_HOME: "not_home"}


def _ts(d: date, hour: int, minute: int = 0) -> str:
    """Beijing local time ``d hour:minute`` as a stored UTC timestamp."""
    if hour >= 8:
        return f"{_ds(d)} {hour - 8:02d}:{minute:02d}:00.000000"
    return f"{_ds(d - timedelta(days=1))} {hour + 16:02d}:{minute:02d}:00.000000"


def _aware(d: date, hour: int, minute: int = 0) -> datetime:
    return datetime(d.year, d.month, d.day, hour, minute, tzinfo=CST).astimezone(UTC)


def _yuan(hundredths: int) -> str:
    """Fen (or 0.01 m², 0.01 meter units) as a plain decimal for basis notes: ``2.50``."""
    return format_money(hundredths, symbol=False)


class _Picker:
    """Weighted choice with precomputed cumulative weights (faster than ``rng.choices``)."""

    def __init__(self, pairs: Any) -> None:
        self.values = [v for v, _ in pairs]
        self.cum = list(accumulate(w for _, w in pairs))
        self.total = self.cum[-1]

    def __call__(self, rng: random.Random) -> Any:
        return self.values[bisect_right(self.cum, rng.random() * self.total)]


class _Room:
    __slots__ = (
        "area",
        "building",
        "channel",
        "code",
        "direct_debit",
        "estate",
        "forgotten",
        "freq",
        "id",
        "k0",
        "occupancy",
        "offset",
        "owner_id",
        "owner_name",
        "payer_id",
        "phone",
        "phone_valid",
        "power",
        "prices",
        "profile",
        "reason",
        "spouse",
        "stop_k",
        "tenant_id",
        "tenant_pays",
        "usage",
        "water",
    )


# ---------------------------------------------------------------------------
# The builder
# ---------------------------------------------------------------------------


class _Builder:
    def __init__(self, conn: Connection, *, rooms: int, months: int, seed: int, today: date,
                 progress: Callable[[int, int, str], None] | None, cancel: Callable[[], bool] | None) -> None:
        self.conn = conn
        self.n_rooms = rooms
        self.months = months
        self.seed = seed
        self.rng = random.Random(seed)
        self.today = today
        self.progress = progress
        self.cancel = cancel
        self.total_steps = rooms * 2 + 4
        self.done_steps = 0
        self.sink = _Sink(conn)
        self.first_month = _add_months(today.replace(day=1), -(months - 1))
        self.month_starts = [_add_months(self.first_month, k) for k in range(months)]
        self.periods = [d.year * 100 + d.month for d in self.month_starts]
        self.dues = [due_date_for(p, DEFAULT_DUE_DAY) for p in self.periods]
        self.month_days = [[d + timedelta(days=i) for i in range(28)] for d in self.month_starts]
        self.due_s = [_ds(d) for d in self.dues]
        self.created_s = [_ts(d, 8, 30) for d in self.month_starts]
        self.ids: dict[str, int] = {}
        self.receipt_counter: dict[int, int] = {}
        self.reversal_counter: dict[int, int] = {}
        self.credit_counter: dict[int, int] = {}
        self.notice_counter: dict[int, int] = {}
        self.phones: set[str] = set()
        self.surname = _Picker(vocab.SURNAMES)
        self.method = _Picker(_METHODS)
        self.profile = _Picker(_PROFILE_WEIGHTS)
        self.dispute_reason = _Picker(_DISPUTE_REASONS)
        self.case_count = 0
        self.case_rule = CaseSettings()  # the default threshold (services.cases.common.CASE_SETTING_KEYS)
        self.forgotten = 0  # rooms never paid since the start (their limitation clock runs out soon)
        self.forgotten_cases = 0
        self.planned_today: dict[int, int] = {}  # per collector: each workbench has a visit today
        self.visit_busy: dict[tuple[int, date], set[int]] = {}  # (user, day) -> slots taken (no double booking)
        self.visit_days: set[tuple[int, date]] = set()  # (room, day): one visit per room and day
        self.planned_tomorrow: set[int] = set()  # collectors with a visit tomorrow (the visit sheet's demo day)
        self.promised_today = 0
        self.promised_today_by: dict[int, int] = {}  # per collector
        self.broken_by: dict[int, int] = {}  # a broken promise to chase, per collector
        self.plans = {"approved": 0, "pending": 0, "ext_approved": 0, "ext_pending": 0, "holds": 0,
                      "holds_pending": 0}
        self.case_open = False

    # -- plumbing -------------------------------------------------------

    def next_id(self, table: str) -> int:
        n = self.ids[table]
        self.ids[table] = n + 1
        return n

    def step(self, n: int, text: str) -> None:
        self.done_steps += n
        if self.cancel is not None and self.cancel():
            raise DomainError("task.cancelled")
        if self.progress is not None:
            self.progress(min(self.done_steps, self.total_steps), self.total_steps, text)

    def _init_ids(self) -> None:
        for table in m.Base.metadata.sorted_tables:
            if "id" in table.c:
                top = self.conn.scalar(select(func.max(table.c.id)))
                self.ids[table.name] = (top or 0) + 1

    # -- people ---------------------------------------------------------

    def name(self, male: bool | None = None, surname: str | None = None) -> tuple[str, str, bool]:
        rng = self.rng
        if male is None:
            male = rng.random() < 0.52
        surname = surname or self.surname(rng)
        chars = vocab.MALE_CHARS if male else vocab.FEMALE_CHARS
        given = rng.choice(chars) if rng.random() < 0.28 else rng.choice(chars) + rng.choice(chars)
        return surname, given, male

    def phone(self) -> str:
        rng = self.rng
        while True:
            p = rng.choice(vocab.MOBILE_PREFIXES) + f"{rng.randrange(100_000_000):08d}"
            if p not in self.phones:
                self.phones.add(p)
                return p

    def id_number(self, male: bool, local: bool) -> str:
        rng = self.rng
        region = rng.choice(("330102", "330105", "330106", "330108", "330110") if local
                            else ("320102", "310101", "410102", "510104", "330302", "340104"))
        born = date(1955, 1, 1) + timedelta(days=rng.randrange(40 * 365))
        seq = rng.randrange(50) * 20 + rng.randrange(0, 10) * 2 + (1 if male else 0)
        body = f"{region}{born:%Y%m%d}{seq:03d}"
        weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
        check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
        return body + check

    def add_person(self, *, owner: bool, investor: bool, unreachable: bool = False) -> tuple[int, str, str, str]:
        """A person with contacts; returns (id, name, primary phone, spouse name)."""
        rng = self.rng
        surname, given, male = self.name()
        full = surname + given
        pid = self.next_id("person")
        channel: Channel | None
        if investor:
            channel = Channel.PHONE
        else:
            channel = rng.choice((Channel.SMS, Channel.SMS, Channel.WECHAT, Channel.WECHAT, Channel.PHONE))
        owner_type = (OwnerType.INVESTOR if investor else OwnerType.SELF_OCCUPIED) if owner else None
        idn = self.id_number(male, local=not investor or rng.random() < 0.5) if rng.random() < 0.7 else None
        note = "" if rng.random() < 0.93 else rng.choice(("老人独居，请耐心沟通", "常年在外地工作", "晚上7点后方便接听"))
        self.persons.append((pid, full, name_initials(full), idn, owner_type and owner_type.value,
                             channel and channel.value, note, 1))
        phone = self.phone()
        self.contacts.append((self.next_id("contact"), pid, "mobile", phone, phone[-4:], "self", "", 1,
                              0 if unreachable else 1, 1))
        spouse = ""
        if rng.random() < 0.3:
            s_surname, s_given, _ = self.name(male=not male)
            spouse = s_surname + s_given
            sp = self.phone()
            self.contacts.append((self.next_id("contact"), pid, "mobile", sp, sp[-4:], "spouse", spouse, 0,
                                  0 if unreachable and rng.random() < 0.5 else 1, 1))
        if rng.random() < 0.12:
            rel = rng.choice((Relation.CHILD, Relation.PARENT, Relation.EMERGENCY))
            e_name = "".join(self.name(surname=surname if rel is not Relation.EMERGENCY else None)[:2])
            ep = self.phone()
            self.contacts.append((self.next_id("contact"), pid, "mobile", ep, ep[-4:], rel.value, e_name, 0, 1, 1))
        if rng.random() < 0.25:
            wx = "wxid_" + "".join(rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(10))
            self.contacts.append((self.next_id("contact"), pid, "wechat", wx, "", "self", "", 0, 1, 1))
        if rng.random() < 0.1:
            mail = f"{rng.randrange(10_000_000, 3_000_000_000)}@{rng.choice(vocab.EMAIL_DOMAINS)}"
            self.contacts.append((self.next_id("contact"), pid, "email", mail, "", "self", "", 0, 1, 1))
        if rng.random() < 0.03:
            tel = f"0571-8{rng.randrange(10_000_000):07d}"
            self.contacts.append((self.next_id("contact"), pid, "landline", tel, tel[-4:], "self", "", 0, 1, 1))
        return pid, full, phone, spouse

    # -- setup ------------------------------------------------------------

    def setup(self, password_hash: str = _NO_PASSWORD) -> None:
        conn, today = self.conn, self.today
        sink = self.sink
        users = sink.register(m.User, "id username display_name role password_hash phone active failed_logins "
                                      "locked_until last_login_at created_at version must_change_password")
        existing = dict(conn.execute(select(m.User.username, m.User.id)).all())
        self.user_ids: dict[str, int] = {}
        created = _ts(today - timedelta(days=400), 9)
        for username, display, role in DEMO_USERS:
            if username in existing:
                self.user_ids[username] = existing[username]
                continue
            uid = self.user_ids[username] = self.next_id("app_user")
            users.append((uid, username, display, role.value, password_hash, self.phone(), 1, 0, None, None,
                          created, 1, 0))
        self.users_added = len(users)
        self.collectors = [self.user_ids[u] for u, _, r in DEMO_USERS if r is Role.COLLECTOR]
        self.clerks = [self.user_ids[u] for u, _, r in DEMO_USERS if r is Role.CLERK]
        self.manager = self.user_ids["zhuguan"]
        self.visit_teams = {self.user_ids[u]: f"{name}组" for u, name, r in DEMO_USERS if r is Role.COLLECTOR}
        self.finance = self.user_ids["caiwu"]
        self.admin = self.user_ids["admin"]

        ladder = sink.register(m.LadderStepRow, "id seq stage name wait_days channel min_amount_fen min_months "
                                                "active note version")
        self.step_ids: dict[Stage, int] = {}  # the first active step of each stage (marks on cases)
        if not conn.scalar(select(func.count()).select_from(m.LadderStepRow)):
            for s in _ladder_steps():
                step_id = self.next_id("ladder_step")
                ladder.append((step_id, s[0], int(s[1]), s[2], s[3], s[4].value, s[5], s[6], 1, s[7], 1))
                self.step_ids.setdefault(Stage(s[1]), step_id)
        else:
            for step_id, stage in conn.execute(select(m.LadderStepRow.id, m.LadderStepRow.stage)
                                               .where(m.LadderStepRow.active.is_(True))
                                               .order_by(m.LadderStepRow.seq)):
                self.step_ids.setdefault(Stage(stage), step_id)

        start = self.first_month.replace(month=1) - timedelta(days=366 * 12)
        policies = sink.register(m.LateFeePolicyRow, "id name daily_rate_ppm grace_days cap_ppm_of_principal "
                                                     "from_notice_level contract_clause valid_from active version")
        self.policy_id = self.next_id("late_fee_policy")
        policies.append((self.policy_id, "合同约定滞纳金（日万分之三）", _LATE_FEE_PPM, _LATE_FEE_GRACE_DAYS, None,
                         _LATE_FEE_FROM_LEVEL, "《物业服务合同》第十二条", _ds(start), 1, 1))
        items = sink.register(m.FeeItem, "id code name basis unit_label sort_order due_day late_fee_policy_id "
                                         "active version")
        self.item_ids = []
        self.late_items = frozenset(i for i, item in enumerate(_ITEMS) if item[0] in _LATE_FEE_ITEMS)
        for code, name, basis, unit, order in _ITEMS:
            iid = self.next_id("fee_item")
            self.item_ids.append(iid)
            policy = self.policy_id if code in _LATE_FEE_ITEMS else None
            items.append((iid, code, name, basis.value, unit, order, DEFAULT_DUE_DAY, policy, 1, 1))

        self.estates = sink.register(m.Estate, "id code name address phone version")
        self.buildings = sink.register(m.Building, "id estate_id name floors sort_order version")
        self.units = sink.register(m.Unit, "id building_id name version")
        self.standards = sink.register(m.FeeStandard, "id fee_item_id estate_id usage unit_price_fen "
                                                      "vacancy_discount_pct valid_from valid_to note version")
        self.rooms_rows = sink.register(m.Room, "id estate_id building_id unit_id code number floor area_centi_m2 "
                                                "usage occupancy delivered_on direct_debit note version")
        self.persons = sink.register(m.Person, "id name name_initials id_number owner_type preferred_channel note "
                                               "version")
        self.contacts = sink.register(m.Contact, "id person_id kind value last4 relation contact_name is_primary "
                                                 "valid version")
        self.links = sink.register(m.RoomPerson, "id room_id person_id role start_date end_date pays_fees version")
        self.meters = sink.register(m.MeterReading, "id room_id fee_item_id period previous_reading "
                                                    "current_reading read_on version")
        self.bills = sink.register(m.Bill, "id room_id fee_item_id period amount_fen discount_fen paid_fen "
                                           "waived_fen due_date basis_note created_at version issued_amount_fen")
        self.payments = sink.register(m.Payment, "id receipt_no room_id payer_person_id kind amount_fen paid_on "
                                                 "method reverses_id reference note operator_id created_at")
        self.allocs = sink.register(m.PaymentAllocation, "id payment_id bill_id amount_fen late_fee_fen")
        self.credits = sink.register(m.CreditEntry, "id room_id amount_fen payment_id source_id note created_at")
        self.cases = sink.register(m.CollectionCase, "id room_id stage collector_id reason abnormal opened_on "
                                                     "closed_on hold_until next_action_on note version")
        self.events = sink.register(m.ContactEvent, "id room_id case_id person_id channel occurred_at user_id "
                                                    "number_dialled answered_by outcome reason complaint "
                                                    "next_follow_up arrears_fen note evidence_path overridden")
        self.promises = sink.register(m.Promise, "id room_id case_id contact_event_id made_on due_date amount_fen "
                                                 "signed created_by_id version")
        self.plan_rows = sink.register(m.InstalmentPlan, "id room_id case_id total_fen status requested_by_id "
                                                         "approved_by_id approved_at signed_on note created_at "
                                                         "starts_on version")
        self.instalments = sink.register(m.Instalment, "id plan_id seq due_date amount_fen version")
        self.extensions = sink.register(m.Extension, "id room_id case_id until reason status requested_by_id "
                                                     "requested_at approved_by_id decided_at version")
        self.visits = sink.register(m.Visit, "id room_id case_id planned_at status booked_by_phone done_at "
                                             "attitude outcome agreed_date revisit notice_handed note "
                                             "created_by_id version ends_at team appointment_event_id "
                                             "confirmed_at remind_on override_by_id override_reason "
                                             "cancel_reason result met outcome_event_id promise_id notice_id "
                                             "notice_signed next_visit_id")
        self.visit_staff = sink.register(m.VisitStaff, "visit_id user_id duty")
        self.notices = sink.register(m.Notice, "id serial room_id case_id kind level recipient_person_id "
                                               "recipient_name arrears_fen late_fee_fen period_from period_to "
                                               "deadline template_version issued_at issued_by_id "
                                               "delivery_method delivered_at delivered_to tracking_no proof_path "
                                               "signed_receipt intended_delivery batch_no version")
        self.assessments = sink.register(m.LateFeeAssessment, "id bill_id policy_id as_of days amount_fen "
                                                              "court_estimate_fen paid_fen version")
        self.issues = sink.register(m.ServiceIssue, "id room_id case_id contact_event_id category description "
                                                    "raised_on assignee_id handler created_by_id promised_date "
                                                    "status resolved_on resolution version")
        self.case_events = sink.register(m.CaseEvent, "id case_id kind happened_on created_at user_id step_id stage "
                                                       "collector_id note")
        self.holds = sink.register(m.CollectionHold, "id case_id room_id until reason status requested_by_id "
                                                     "requested_at approved_by_id decided_at version")

    # -- estates, rooms, people -------------------------------------------

    def structure(self) -> None:
        shares = (0.3, 0.4, 0.3) if self.n_rooms >= 30 else (0.34, 0.33, 0.33)
        quotas = [max(1, round(self.n_rooms * s)) for s in shares]
        quotas[-1] = max(1, self.n_rooms - sum(quotas[:-1]))
        self.room_list: list[_Room] = []
        self.price_change = _add_months(self.first_month, self.months // 2).replace(month=1)
        if self.price_change <= self.first_month:
            self.price_change = self.first_month.replace(month=1)
        for e_index, (spec, quota) in enumerate(zip(vocab.ESTATES, quotas, strict=True)):
            self._estate(e_index, spec, quota)
        self._split_buildings()
        self.step(0, "生成小区、房间与业主…")

    def _split_buildings(self) -> None:
        """责任到人 as a manager would start the office: the split (``domain.cases.plan_split``) by
        building of the rooms likely to fall behind; with fewer buildings than collectors, by room."""
        items = [SplitItem(r.id, r.building, 0, None) for r in self.room_list if r.profile != ONTIME]
        items = items or [SplitItem(r.id, r.building, 0, None) for r in self.room_list]
        buildings = {i.building for i in items}
        mode = SplitMode.BY_BUILDING if len(buildings) >= len(self.collectors) else SplitMode.BY_AMOUNT
        plan = plan_split(items, self.collectors, mode=mode, scope=SplitScope.ALL)
        self.room_collector = plan
        self.building_collector = {i.building: plan[i.case_id] for i in items} if mode is SplitMode.BY_BUILDING \
            else {}

    def _estate(self, e_index: int, spec: tuple, quota: int) -> None:
        rng, today = self.rng, self.today
        (code, name, address, phone, years, price, shop_price, floors_rng, units_rng, per_floor_rng,
         has_shops, has_parking, water) = spec
        eid = self.next_id("estate")
        self.estates.append((eid, code, name, address, phone, 1))
        delivered = today.replace(month=1, day=1) - timedelta(days=365 * years - 200)
        k0 = 0
        while k0 < self.months - 1 and self.month_starts[k0] < delivered.replace(day=1):
            k0 += 1
        k0 = min(k0, max(0, self.months - 12))  # a demo flat always has a year of history (or all of it)
        std_start = _ds(min(delivered, self.first_month) - timedelta(days=30))
        # fee standards: the management fee changes price once (业主大会表决调价)
        new_price = price + (30 if price < 300 else 0)
        res_prices = [(price, None)] if new_price == price else [(price, self.price_change), (new_price, None)]
        valid_from = std_start
        for p, until in res_prices:
            self.standards.append((self.next_id("fee_standard"), self.item_ids[WYF], eid, Usage.RESIDENTIAL.value,
                                   p, _VACANCY_PCT, valid_from,
                                   _ds(until - timedelta(days=1)) if until else None,
                                   "业主大会表决调价" if until is None and len(res_prices) > 1 else "前期物业服务合同",
                                   1))
            if until:
                valid_from = _ds(until)
        res_by_k = [new_price if self.month_starts[k] >= self.price_change else price for k in range(self.months)]
        if has_shops:
            self.standards.append((self.next_id("fee_standard"), self.item_ids[WYF], eid, Usage.SHOP.value,
                                   shop_price, 0, std_start, None, "", 1))
            self.standards.append((self.next_id("fee_standard"), self.item_ids[LJF], eid, Usage.SHOP.value,
                                   _SHOP_GARBAGE_FEN, 0, std_start, None, "商铺垃圾清运", 1))
            self.standards.append((self.next_id("fee_standard"), self.item_ids[DF], eid, Usage.SHOP.value,
                                   _POWER_FEN, 0, std_start, None, "代收电费", 1))
        if has_parking:
            self.standards.append((self.next_id("fee_standard"), self.item_ids[CWF], eid, Usage.PARKING.value,
                                   _PARKING_FEN, 0, std_start, None, "地下车位", 1))
        if water:
            self.standards.append((self.next_id("fee_standard"), self.item_ids[SF], eid, Usage.RESIDENTIAL.value,
                                   _WATER_FEN, 0, std_start, None, "代收水费（二次供水）", 1))

        n_parking = quota // 10 if has_parking and quota >= 10 else 0
        left = quota - n_parking
        if e_index == 0:
            occ = ((Occupancy.OCCUPIED, 82), (Occupancy.DECORATING, 2), (Occupancy.VACANT, 5), (Occupancy.RENTED, 11))
        elif e_index == 1:
            occ = ((Occupancy.OCCUPIED, 76), (Occupancy.DECORATING, 5), (Occupancy.VACANT, 8), (Occupancy.RENTED, 11))
        else:
            occ = ((Occupancy.OCCUPIED, 52), (Occupancy.DECORATING, 22), (Occupancy.VACANT, 17), (Occupancy.RENTED, 9))
        occupancy = _Picker(occ)
        owners_here: list[tuple[int, str, str, str]] = []
        b = 0
        while left > 0:
            b += 1
            units = rng.randint(*units_rng)
            floors = rng.randint(*floors_rng)
            per_floor = rng.randint(*per_floor_rng)
            bid = self.next_id("building")
            self.buildings.append((bid, eid, str(b), floors, b, 1))
            street = has_shops and b % 3 == 1
            if street:
                for j in range(min(left, units * per_floor)):
                    area = rng.randint(3000, 16000)
                    self._room(eid, bid, None, str(b), f"1{j + 1:02d}", 1, area, Usage.SHOP,
                               Occupancy.OCCUPIED if rng.random() < 0.85 else Occupancy.VACANT, delivered, k0,
                               water=False, power=True, owners_here=owners_here, res_by_k=[shop_price] * self.months)
                    left -= 1
            for u in range(1, units + 1):
                if left <= 0:
                    break
                uid = self.next_id("unit")
                self.units.append((uid, bid, str(u), 1))
                stack_area = [rng.choice((rng.randint(6000, 9000), rng.randint(8900, 12000), rng.randint(8900, 12000),
                                          rng.randint(12000, 18000))) for _ in range(per_floor)]
                for f in range(2 if street else 1, floors + 1):
                    for r in range(per_floor):
                        if left <= 0:
                            break
                        self._room(eid, bid, uid, str(b), f"{f}{r + 1:02d}", f, stack_area[r], Usage.RESIDENTIAL,
                                   occupancy(rng), delivered, k0, water=water, power=False, owners_here=owners_here,
                                   res_by_k=res_by_k, unit=str(u))
                        left -= 1
        if n_parking:
            bid = self.next_id("building")
            self.buildings.append((bid, eid, "B1", 1, b + 1, 1))
            for j in range(n_parking):
                self._room(eid, bid, None, "B1", f"{j + 1:03d}", -1, rng.randint(1250, 1500), Usage.PARKING,
                           Occupancy.OCCUPIED, delivered, k0, water=False, power=False, owners_here=owners_here,
                           res_by_k=[_PARKING_FEN] * self.months)

    def _room(self, eid: int, bid: int, uid: int | None, building: str, number: str, floor: int, area: int,
              usage: Usage, occupancy: Occupancy, delivered: date, k0: int, *, water: bool, power: bool,
              owners_here: list, res_by_k: list[int], unit: str | None = None) -> None:
        rng = self.rng
        r = _Room()
        r.id = self.next_id("room")
        r.estate = eid
        r.building = bid
        code = room_code_from_parts(building, unit, number)  # canonical, as an import would match it
        r.code, number = code.canonical, code.room
        r.usage, r.area, r.occupancy, r.k0 = usage, area, occupancy, k0
        r.water, r.power = water and usage is Usage.RESIDENTIAL, power
        r.prices = res_by_k
        # profile
        if usage is Usage.PARKING:
            r.profile = ONTIME if rng.random() < 0.85 else (LATE if rng.random() < 0.66 else CHRONIC)
        elif occupancy is Occupancy.VACANT and rng.random() < 0.45:
            r.profile = VACANT_LUMP
        else:
            r.profile = self.profile(rng)
        r.direct_debit = r.profile == ONTIME and usage is Usage.RESIDENTIAL and rng.random() < 0.12
        r.freq = 1 if r.direct_debit else rng.choice((1, 1, 3, 3, 6, 12))
        if r.profile == LATE:
            r.freq = rng.choice((1, 1, 2, 3))
        elif r.profile == VACANT_LUMP:
            r.freq = rng.randint(6, 12)
        r.offset = rng.randrange(12)
        span = self.months - k0
        r.stop_k = self.months + 1
        if r.profile == DISPUTE:
            r.stop_k = k0 + rng.randint(span // 5, max(span // 5, span - 3))
        elif r.profile == UNREACHABLE:
            r.stop_k = k0 + rng.randint(span // 3, max(span // 3, span - 4))
        r.forgotten = (r.profile == UNREACHABLE and k0 == 0 and self.months >= _FORGOTTEN_MIN_MONTHS
                       and usage is Usage.RESIDENTIAL and self.forgotten < _FORGOTTEN_ROOMS)
        if r.forgotten:  # never paid in the window; notices only on the door, registered mail returned
            r.stop_k = 0
            self.forgotten += 1
        elif r.profile == HARDSHIP:
            r.stop_k = max(k0, self.months - rng.randint(4, 18))
        elif r.profile == RECENT:
            r.stop_k = self.months - rng.randint(1, 3)
        elif r.profile == VACANT_LUMP and rng.random() < 0.3:
            r.stop_k = max(k0, self.months - rng.randint(8, 20))
        r.reason = _reason_for(r.profile, rng, self.dispute_reason)
        # owner
        investor = occupancy in (Occupancy.RENTED, Occupancy.VACANT) or usage is Usage.SHOP or rng.random() < 0.05
        if owners_here and (usage is Usage.PARKING and rng.random() < 0.7 or rng.random() < 0.04):
            owner = rng.choice(owners_here)
        else:
            owner = self.add_person(owner=True, investor=investor, unreachable=r.profile == UNREACHABLE)
            owners_here.append(owner)
        r.owner_id, r.owner_name, r.phone, r.spouse = owner
        r.phone_valid = r.profile != UNREACHABLE
        r.channel = Channel.PHONE if investor else (Channel.WECHAT if rng.random() < 0.3 else Channel.SMS)
        r.payer_id = r.owner_id
        r.tenant_id, r.tenant_pays = None, False
        start = _ds(delivered)
        self.links.append((self.next_id("room_person"), r.id, r.owner_id, PersonRole.OWNER.value, start, None,
                           1, 1))
        if occupancy is Occupancy.RENTED:
            if rng.random() < 0.35:  # an earlier tenant who moved out
                old = self.add_person(owner=False, investor=False)
                begin = self.today - timedelta(days=rng.randint(500, 1400))
                end = begin + timedelta(days=rng.randint(180, 400))
                self.links.append((self.next_id("room_person"), r.id, old[0], PersonRole.TENANT.value, _ds(begin),
                                   _ds(end), 0, 1))
            tenant = self.add_person(owner=False, investor=False)
            r.tenant_id = tenant[0]
            r.tenant_pays = rng.random() < 0.3
            if r.tenant_pays:
                r.payer_id = tenant[0]
            begin = self.today - timedelta(days=rng.randint(30, 480))
            self.links.append((self.next_id("room_person"), r.id, tenant[0], PersonRole.TENANT.value, _ds(begin),
                               None, 1 if r.tenant_pays else 0, 1))
        note = ""
        if occupancy is Occupancy.DECORATING:
            note = "装修中，装修押金已交"
        elif r.profile == DISPUTE and r.reason is ArrearsReason.LEGACY_DISPUTE:
            note = "房屋质量遗留问题，已报开发商"
        self.rooms_rows.append((r.id, eid, bid, uid, r.code, number, floor, area, usage.value, occupancy.value,
                                _ds(delivered), 1 if r.direct_debit else 0, note, 1))
        self.room_list.append(r)
        if len(self.room_list) % 500 == 0:
            self.step(500, "生成房间与业主…")
            self.sink.maybe_flush()

    # -- bills and payments ---------------------------------------------

    def money(self) -> None:
        done = len(self.room_list) % 500
        self.step(done, "生成房间与业主…")
        for i, r in enumerate(self.room_list):
            self._room_money(r)
            if (i + 1) % 200 == 0:
                self.sink.maybe_flush()
                self.step(200, f"生成账单、收款与催收记录 {i + 1}/{len(self.room_list)}")
        self.step(len(self.room_list) % 200, "生成账单、收款与催收记录")

    def _room_money(self, r: _Room) -> None:
        rng = self.rng
        months = self.months
        item_ids = self.item_ids
        bills: list[list] = []  # [id, k, net, paid, amount, discount, item, note]
        next_bill = self.ids["bill"]
        self.room_lines: list[tuple[date, list[tuple[int, int]]]] = []  # (day, allocation lines) per payment
        prices = r.prices
        notes: dict[int, Charge] = {}
        vacant = is_vacant(r.occupancy)
        garbage = compute_charge(ChargeBasis.FIXED, unit_price_fen=_SHOP_GARBAGE_FEN, unit_label=_ITEMS[LJF][3])
        water_prev = rng.randint(10_000, 200_000)
        power_prev = rng.randint(100_000, 2_000_000)
        meter_from = months - _METERED_MONTHS
        for k in range(r.k0, months):
            p = prices[k]
            if r.usage is Usage.PARKING:
                c = compute_charge(ChargeBasis.FIXED, unit_price_fen=p, unit_label=_ITEMS[CWF][3])
                bills.append([next_bill, k, c.net_fen, 0, c.amount_fen, c.discount_fen, CWF, c.basis_note])
                next_bill += 1
                continue
            cached = notes.get(p)
            if cached is None:  # the same rule as the billing run (services.billing)
                cached = notes[p] = compute_charge(
                    ChargeBasis.PER_AREA, unit_price_fen=p, area_centi_m2=r.area, vacant=vacant,
                    vacancy_pct=_VACANCY_PCT if r.usage is Usage.RESIDENTIAL else 0)
            bills.append([next_bill, k, cached.net_fen, 0, cached.amount_fen, cached.discount_fen, WYF,
                          cached.basis_note])
            next_bill += 1
            if r.usage is Usage.SHOP:
                c = garbage
                bills.append([next_bill, k, c.net_fen, 0, c.amount_fen, c.discount_fen, LJF, c.basis_note])
                next_bill += 1
            if k >= meter_from and (r.water or r.power):
                if r.water:
                    used = rng.randint(300, 2500) if r.occupancy is not Occupancy.VACANT else rng.randint(0, 40)
                    item, price, prev = SF, _WATER_FEN, water_prev
                    water_prev += used
                else:
                    used = rng.randint(30_000, 150_000)
                    item, price, prev = DF, _POWER_FEN, power_prev
                    power_prev += used
                self.meters.append((self.next_id("meter_reading"), r.id, item_ids[item], self.periods[k], prev,
                                    prev + used, _ds(self.month_starts[k] - timedelta(days=6)), 1))
                c = compute_charge(ChargeBasis.METERED, unit_price_fen=price, used_centi=used,
                                   unit_label=_ITEMS[item][3])
                bills.append([next_bill, k, c.net_fen, 0, c.amount_fen, c.discount_fen, item, c.basis_note])
                next_bill += 1
        self.ids["bill"] = next_bill

        pays = self._simulate(r, bills)

        room_id = r.id
        periods, due_s, created_s = self.periods, self.due_s, self.created_s
        self.bills.extend(
            (b[0], room_id, item_ids[b[6]], periods[b[1]], b[4], b[5], b[3], 0, due_s[b[1]], b[7], created_s[b[1]], 1,
             b[4])
            for b in bills
        )
        self._collection(r, bills, pays)

    def _simulate(self, r: _Room, bills: list[list]) -> list[tuple[date, int]]:
        """Pay the room's bills according to its habit; returns (date, fen to bills) of each payment."""
        rng, today, months = self.rng, self.today, self.months
        state = [0]  # index of the first bill not fully paid
        pays: list[tuple[date, int]] = []
        n = len(bills)
        deposits: list[list] = []  # [credit entry id, fen left, receipt no] of the room's prepaid credit
        bills_of: dict[int, list[list]] = {}
        for b in bills:
            bills_of.setdefault(b[1], []).append(b)

        def pay(day: date, through: int, frac: int | None = None) -> None:
            if day > today:
                return
            i = state[0]
            total = 0
            j = i
            while j < n and bills[j][1] <= through:
                total += bills[j][2] - bills[j][3]
                j += 1
            if total <= 0:
                return
            amount = total
            if frac is not None:
                amount = total * frac // 100
                if amount >= 20_000:
                    amount -= amount % 10_000  # round part payments to whole hundreds of yuan
                amount = max(min(total, 10_000), amount)
            method = "direct_debit" if r.direct_debit else self.method(rng)
            extra = 0
            if method == "cash" and frac is None and rng.random() < 0.25 and amount % 10_000:
                extra = 10_000 - amount % 10_000  # rounded up: the change goes to prepaid credit
            roll = rng.random()
            if roll < 0.004:
                self._mistake(r, day, method, bills, i, amount, duplicate=False)
            lines = []
            left = amount
            while left > 0 and i < n:
                b = bills[i]
                take = b[2] - b[3]
                take = min(take, left)
                if take > 0:
                    lines.append((b[0], take))
                    b[3] += take
                    left -= take
                if b[3] >= b[2]:
                    i += 1
                else:
                    break
            state[0] = i
            _, entry, receipt = self._payment(r, day, method, amount + extra, lines, extra)
            if entry is not None:
                deposits.append([entry, extra, receipt])
            pays.append((day, amount))
            if 0.004 <= roll < 0.006:
                self._mistake(r, day, method, bills, i, amount, duplicate=True)

        profile = r.profile
        rand = rng.random
        month_days = self.month_days
        for k in range(r.k0, months):
            days = month_days[k]
            if deposits:  # the month's billing run spends the room's prepaid credit on its new bills
                self._spend_credit(r, k, bills_of.get(k, ()), deposits, pays)
            active = k < r.stop_k
            if profile in (ONTIME, DISPUTE, RECENT) or (profile == HARDSHIP and active):
                if not active:
                    continue
                freq = r.freq if profile == ONTIME else 1
                if (k - r.offset) % freq and k != r.k0:
                    continue
                if r.direct_debit:
                    day = days[4 + r.offset % 4]
                elif rand() < 0.05:
                    day = days[11 + int(rand() * 17)]  # a few days to weeks late
                else:
                    day = days[int(rand() * 10)]
                pay(day, min(k + freq - 1, months - 1))
            elif profile in (LATE, UNREACHABLE):
                if not active or (k - r.offset) % r.freq or k == r.k0:
                    continue
                pay(days[12 + int(rand() * 16)], k - 1)
            elif profile == CHRONIC:
                if k > r.k0 and rand() < 0.17:
                    pay(days[int(rand() * 28)], k - 1, 30 + int(rand() * 51))
            elif profile == HARDSHIP:
                if rand() < 0.35:
                    pay(days[int(rand() * 28)], k - 1, 15 + int(rand() * 26))
            elif profile == VACANT_LUMP and active and k > r.k0 and (k - r.offset) % r.freq == 0:
                pay(days[int(rand() * 28)], k - 1)
        return pays

    def _receipt(self, day: date, counter: dict[int, int], prefix: str) -> str:
        key = day.year * 100 + day.month
        n = counter.get(key, 0) + 1
        counter[key] = n
        return serials.format_serial(prefix, key, n)

    def _payment(self, r: _Room, day: date, method: str, amount: int, lines: list[tuple[int, int]],
                 credit: int, note: str = "") -> tuple[int, int | None, str]:
        """Book a payment; returns its id, its prepaid-credit entry (if any) and its receipt number."""
        rand = self.rng.random
        pid = self.ids["payment"]
        self.ids["payment"] = pid + 1
        created = _ts(day, 8 + int(rand() * 10), int(rand() * 60))
        if method == "wechat":
            ref = f"4200{int(rand() * 1e6):06d}{day.year}{day.month:02d}{day.day:02d}{int(rand() * 1e10):010d}"
        elif method == "alipay":
            ref = f"{day.year}{day.month:02d}{day.day:02d}2200{int(rand() * 1e12):012d}"
        elif method == "direct_debit":
            ref = f"TS{day.year}{day.month:02d}"
        elif method == "bank_transfer":
            ref = f"HZ{int(rand() * 1e14):014d}"
        else:
            ref = ""
        operator = self.finance if method in ("direct_debit", "bank_transfer") else \
            self.clerks[int(rand() * len(self.clerks))]
        receipt = self._receipt(day, self.receipt_counter, serials.RECEIPT[1])
        self.payments.append((pid, receipt, r.id, r.payer_id, "payment", amount, _ds(day), method, None, ref, note,
                              operator, created))
        self.room_lines.append((day, lines))
        next_alloc = self.ids["payment_allocation"]
        self.allocs.extend([(next_alloc + x, pid, bid, fen, 0) for x, (bid, fen) in enumerate(lines)])
        self.ids["payment_allocation"] = next_alloc + len(lines)
        entry = None
        if credit:
            entry = self.next_id("credit_entry")
            self.credits.append((entry, r.id, credit, pid, None, "预存（找零转预存）", created))
        return pid, entry, receipt

    def _spend_credit(self, r: _Room, k: int, new_bills: Any, deposits: list[list],
                      pays: list[tuple[date, int]]) -> None:
        """The billing run of month ``k`` spends the room's prepaid credit on that month's bills, deposit
        by deposit (``domain.credit.plan_credit``, as ``services.billing`` does), booked like a payment."""
        owed = [OpenBill(b[0], k, _ITEMS[b[6]][4], b[2] - b[3]) for b in new_bills if b[2] > b[3]]
        if not owed:
            return
        sources = [CreditSource(d[0], d[1]) for d in deposits]
        by_id = {b[0]: b for b in new_bills}
        day = self.month_starts[k]
        created = _ts(day, 8, 31)
        for use in plan_credit(sources, owed):
            deposit = next(d for d in deposits if d[0] == use.entry_id)
            pid = self.next_id("payment")
            receipt = self._receipt(day, self.credit_counter, serials.CREDIT[1])
            self.payments.append((pid, receipt, r.id, None, "payment", use.amount_fen, _ds(day), "credit", None,
                                  deposit[2], "预存款抵扣", self.finance, created))
            next_alloc = self.ids["payment_allocation"]
            self.allocs.extend((next_alloc + x, pid, bid, fen, 0) for x, (bid, fen) in enumerate(use.lines))
            self.ids["payment_allocation"] = next_alloc + len(use.lines)
            self.credits.append((self.next_id("credit_entry"), r.id, -use.amount_fen, pid, deposit[0], "预存款抵扣",
                                 created))
            for bid, fen in use.lines:
                by_id[bid][3] += fen
            self.room_lines.append((day, list(use.lines)))
            pays.append((day, use.amount_fen))
            deposit[1] -= use.amount_fen
        deposits[:] = [d for d in deposits if d[1] > 0]

    def _mistake(self, r: _Room, day: date, method: str, bills: list[list], i: int, amount: int,
                 *, duplicate: bool) -> None:
        """A payment taken by mistake and reversed (冲正) the same day."""
        rng = self.rng
        if duplicate:
            lines: list[tuple[int, int]] = []
            credit = amount  # the bills were just paid: all of it would sit as credit
            note = vocab.PAYMENT_ERROR_NOTES[1]
        else:
            # a typo in the amount: the bills get what they need, the excess goes to credit
            lines, left, j = [], amount, i
            while left > 0 and j < len(bills):
                take = min(bills[j][2] - bills[j][3], left)
                if take > 0:
                    lines.append((bills[j][0], take))
                    left -= take
                j += 1
            credit = left + rng.choice((1_000, 9_000, 10_000, 90_000))
            note = vocab.PAYMENT_ERROR_NOTES[0]
        total = sum(f for _, f in lines) + credit
        pid, deposit, _ = self._payment(r, day, method, total, lines, credit)
        rid = self.next_id("payment")
        created = _ts(day, 18, rng.randrange(60))
        receipt = self.payments[-1][1]
        self.payments.append((rid, self._receipt(day, self.reversal_counter, serials.REVERSAL[1]), r.id, r.payer_id, "reversal",
                              -total, _ds(day), method, pid, receipt, note, self.finance, created))
        self.room_lines.append((day, [(bid, -fen) for bid, fen in lines]))
        next_alloc = self.ids["payment_allocation"]
        self.allocs.extend((next_alloc + x, rid, bid, -fen, 0) for x, (bid, fen) in enumerate(lines))
        self.ids["payment_allocation"] = next_alloc + len(lines)
        if credit:
            self.credits.append((self.next_id("credit_entry"), r.id, -credit, rid, deposit, "冲正", created))

    # -- collection history ---------------------------------------------

    def _collection(self, r: _Room, bills: list[list], pays: list[tuple[date, int]]) -> None:
        rng, today = self.rng, self.today
        dues = self.dues
        open_bills = [b for b in bills if b[3] < b[2] and dues[b[1]] < today]
        arrears = sum(b[2] - b[3] for b in open_bills)
        window = today - timedelta(days=180)
        late_recent = [p for p in pays if p[0] >= window and p[0].day > 10]
        if arrears <= 0 and not (late_recent and (r.profile != ONTIME or rng.random() < 0.5)):
            return
        if arrears > 0 and not should_open(amount_fen=arrears, months=len({b[1] for b in open_bills}),
                                           settings=self.case_rule):
            return  # below the office's threshold: no case (the same rule as services.cases.sync_cases)
        # owed over time: bills due before a date minus payments before it
        due_dates = [dues[b[1]] for b in bills]
        due_cum = list(accumulate(b[2] for b in bills))
        pay_dates = [p[0] for p in pays]
        pay_cum = list(accumulate(p[1] for p in pays))

        def owed(d: date) -> int:
            i = bisect_left(due_dates, d)
            j = bisect_left(pay_dates, d)
            return max(0, (due_cum[i - 1] if i else 0) - (pay_cum[j - 1] if j else 0))

        def paid_between(a: date, b: date) -> int:
            i, j = bisect_left(pay_dates, a), bisect_right(pay_dates, b)
            return (pay_cum[j - 1] if j else 0) - (pay_cum[i - 1] if i else 0)

        collector = self.building_collector.get(r.building) or self.room_collector.get(r.id) \
            or self.collectors[self.case_count % len(self.collectors)]
        if r.forgotten:  # one for each collector: everyone's work list has a limitation clock to watch
            collector = self.collectors[self.forgotten_cases % len(self.collectors)]
            self.forgotten_cases += 1
        self.case_count += 1
        case_id = self.next_id("collection_case")
        if arrears > 0:
            oldest = dues[open_bills[0][1]]
            age = _months_overdue(oldest, today)
            stage = _stage_for(age, arrears, rng)
            opened = oldest + timedelta(days=rng.randint(1, 4))
            closed = None
        else:
            stage = Stage.PHONE
            oldest = late_recent[0][0] - timedelta(days=rng.randint(10, 40))
            opened = oldest
            closed = late_recent[-1][0]
            age = 0
        reason = r.reason if arrears > 0 else ArrearsReason.LOW_AWARENESS
        self.case_open = closed is None
        hold = None
        if arrears > 0 and r.profile == HARDSHIP and self.plans["ext_approved"] < 1 + self.n_rooms // 1000:
            # an extension runs 1 or 2 months from the day it was asked for (domain.instalments)
            asked = today - timedelta(days=3) - timedelta(days=1 + case_id % 5)
            hold = add_months(asked, 1 if rng.randint(20, 50) < 35 else 2)
        next_action = None if closed else (hold or today + timedelta(days=rng.choice((0, 0, 1, 2, 3, 5, 7))))
        abnormal = reason in (ArrearsReason.LEGACY_DISPUTE, ArrearsReason.RECTIFICATION, ArrearsReason.BURGLARY,
                              ArrearsReason.MALICIOUS, ArrearsReason.UNREACHABLE)
        case_note = "" if not abnormal else "非正常欠费，半年复核"
        self.cases.append((case_id, r.id, int(stage), collector, reason.value if reason else None, int(abnormal),
                           _ds(opened), _ds(closed), _ds(hold), _ds(next_action), case_note, 1))
        self._case_events(r, case_id, stage, opened, closed, collector)

        start = max(opened, window)
        end = closed or today - timedelta(days=1)
        ev = self.events
        person = r.payer_id
        # monthly reminders after the due date (SMS, or WeChat for those who prefer it)
        d = start
        while d <= end:
            if d.day <= 11:
                rem = d.replace(day=11)
                if start <= rem <= end and owed(rem) > 0:
                    channel = Channel.SMS if r.channel is not Channel.WECHAT or rng.random() < 0.5 else Channel.WECHAT
                    ok = r.phone_valid or channel is Channel.WECHAT
                    ev.append((self.next_id("contact_event"), r.id, case_id, person, channel.value, _ts(rem, 9, 30),
                               collector, r.phone if channel is Channel.SMS else "", "",
                               CallOutcome.DELIVERED.value if ok else CallOutcome.OTHER.value, None, "",
                               None, owed(rem), "缴费提醒已发送" if ok else "短信发送失败：空号", "", ""))
            d = _add_months(d, 1)
        # calls
        complaint_raised = False
        last_call = start
        d = start + timedelta(days=2)
        while d <= end:
            owe = owed(d)
            if owe <= 0:
                d += timedelta(days=rng.randint(20, 35))
                continue
            paid_soon = next((p for p in pays if d < p[0] <= d + timedelta(days=14)), None)
            outcome = _call_outcome(r.profile, rng, paid_soon is not None)
            complaint = ""
            if r.profile == DISPUTE and outcome in (CallOutcome.REFUSED, CallOutcome.CONDITIONAL):
                complaint = _complaint(r.reason, rng)[1]
            eid = self.next_id("contact_event")
            answered = outcome in (CallOutcome.PROMISED, CallOutcome.CONDITIONAL, CallOutcome.REFUSED,
                                   CallOutcome.OTHER)
            who = ((AnsweredBy.FAMILY if r.spouse and rng.random() < 0.2 else AnsweredBy.OWNER).value
                   if answered else "")
            promise_date = promise_amount = None
            follow = d + timedelta(days=rng.randint(3, 7))
            if outcome is CallOutcome.PROMISED:
                if paid_soon is not None:
                    promise_date = paid_soon[0] + timedelta(days=rng.choice((0, 0, 1, 3)))
                    promise_amount = paid_soon[1] if rng.random() < 0.8 else min(owe, paid_soon[1] * 2)
                else:
                    promise_date = d + timedelta(days=rng.randint(3, 12))
                    promise_amount = owe if rng.random() < 0.7 else max(10_000, owe // 2 - owe // 2 % 100)
                follow = promise_date
            note = _call_note(outcome, rng)
            last_call = d
            ev.append((eid, r.id, case_id, person, Channel.PHONE.value, _ts(d, rng.randint(9, 19), rng.randrange(60)),
                       collector, r.phone, who, outcome.value, reason.value if answered and reason else None,
                       complaint, _ds(follow), owe, note, "", ""))
            if complaint and not complaint_raised:
                complaint_raised = True
                self._issue(r, case_id, eid, d, r.reason)
            elif answered and rng.random() < 0.04:
                self._issue(r, case_id, eid, d, ArrearsReason.SERVICE_QUALITY)
            if promise_date is not None:
                self._promise(r, case_id, eid, d, promise_date, promise_amount, collector)
                d = promise_date + timedelta(days=1)  # chased on the promised day
            else:
                d += timedelta(days=rng.randint(6, 15))
        if closed is None:
            span = (self.periods[open_bills[0][1]], self.periods[open_bills[-1][1]]) if open_bills else (None, None)
            self._notices_and_visits(r, bills, case_id, stage, start, collector, owed, span)
            # some promises fall due today, so the workbench has something to chase (every collector one at least)
            first_for_collector = hold is None and not self.promised_today_by.get(collector)
            if r.profile in (CHRONIC, HARDSHIP, RECENT, LATE, VACANT_LUMP) and (
                    self.promised_today < 2 or first_for_collector or rng.random() < 0.05):
                self.promised_today += 1
                self.promised_today_by[collector] = self.promised_today_by.get(collector, 0) + 1
                d = today - timedelta(days=rng.randint(2, 6))
                eid = self.next_id("contact_event")
                amount = arrears if rng.random() < 0.6 else max(10_000, arrears // 2 - arrears // 2 % 100)
                ev.append((eid, r.id, case_id, person, Channel.PHONE.value, _ts(d, rng.randint(9, 19), 5), collector,
                           r.phone, AnsweredBy.OWNER.value, CallOutcome.PROMISED.value,
                           reason.value if reason else None, "", _ds(today), owed(d), "业主承诺今日到前台缴清", "", ""))
                self._promise(r, case_id, eid, d, today, amount, collector)
            elif (r.profile in (CHRONIC, LATE, RECENT) and hold is None and not self.broken_by.get(collector)
                  and last_call < today - timedelta(days=8)):
                # and a promise broken the day before yesterday, not chased since: every collector has one
                made, due = today - timedelta(days=8), today - timedelta(days=2)
                amount = min(owed(made), max(10_000, arrears // 2 - arrears // 2 % 100))
                if amount > 0 and paid_between(made, due) < amount:
                    self.broken_by[collector] = 1
                    eid = self.next_id("contact_event")
                    ev.append((eid, r.id, case_id, person, Channel.PHONE.value, _ts(made, 18, 20), collector, r.phone,
                               AnsweredBy.OWNER.value, CallOutcome.PROMISED.value, reason.value if reason else None,
                               "", _ds(due), owed(made), "业主承诺发工资后缴纳", "", ""))
                    self._promise(r, case_id, eid, made, due, amount, collector)
            if r.profile == HARDSHIP:
                self._hardship(r, case_id, arrears, collector, hold)

    def _case_events(self, r: _Room, case_id: int, stage: Stage, opened: date, closed: date | None,
                     collector: int) -> None:
        """The case's own history: opened, given to its collector by the manager's split, the steps
        that leave no contact behind (the public board, the owners' committee) marked done, closed.
        Dates from the case id (no random draw)."""
        today = self.today
        rows = self.case_events
        rows.append((self.next_id("case_event"), case_id, "opened", _ds(opened), _ts(opened, 8, 30), self.admin,
                     None, None, None, "欠费达到立案标准，自动立案"))
        rows.append((self.next_id("case_event"), case_id, "assigned", _ds(opened), _ts(opened, 9), self.manager, None,
                     None, collector, "分配：按楼栋"))
        if closed is None and stage >= Stage.PUBLIC_BOARD and Stage.PUBLIC_BOARD in self.step_ids:
            posted = max(opened + timedelta(days=75), today - timedelta(days=20 + case_id % 60))
            if posted < today:
                rows.append((self.next_id("case_event"), case_id, "step_done", _ds(posted), _ts(posted, 17),
                             collector, self.step_ids[Stage.PUBLIC_BOARD], int(Stage.PUBLIC_BOARD), None,
                             "楼栋公告栏欠费公示（遮蔽房号，不含姓名电话）"))
            met = posted + timedelta(days=12 + case_id % 15)
            if stage >= Stage.COMMITTEE and Stage.COMMITTEE in self.step_ids and met < today:
                rows.append((self.next_id("case_event"), case_id, "step_done", _ds(met), _ts(met, 19), self.manager,
                             self.step_ids[Stage.COMMITTEE], int(Stage.COMMITTEE), None, "业委会委员陪同上门督促"))
        if closed is not None:
            rows.append((self.next_id("case_event"), case_id, "closed", _ds(closed), _ts(closed, 18), self.admin, None,
                         None, None, "欠费已结清，自动结案"))

    def _promise(self, r: _Room, case_id: int, event_id: int, made: date, due: date, amount: int, user: int) -> None:
        """A promise row (its state is derived from the payments, never stored)."""
        signed = 1 if self.rng.random() < 0.1 else 0
        self.promises.append((self.next_id("promise"), r.id, case_id, event_id, _ds(made), _ds(due), amount, signed,
                              user, 1))

    def _issue(self, r: _Room, case_id: int, event_id: int, d: date, reason: ArrearsReason | None) -> None:
        rng, today = self.rng, self.today
        category, text = _complaint(reason, rng) if reason is not ArrearsReason.SERVICE_QUALITY or rng.random() < 0.5 \
            else rng.choice(vocab.COMPLAINTS_SERVICE)
        promised = d + timedelta(days=rng.randint(3, 30))
        roll = rng.random()
        if promised < today and roll < 0.55:
            status, resolved, resolution = IssueStatus.DONE, promised - timedelta(days=rng.randint(0, 2)), "已处理，业主确认"
        elif promised < today and roll < 0.7:
            status, resolved, resolution = IssueStatus.CLOSED, promised, "已回访，业主满意"
        else:
            status = IssueStatus.IN_PROGRESS if rng.random() < 0.5 else IssueStatus.OPEN
            resolved, resolution = None, ""
        assignee = self.manager if rng.random() < 0.4 else self.clerks[rng.randrange(len(self.clerks))]
        # who fixes it: the team of the category, one of its people picked by the event (no random draw)
        team = _ISSUE_HANDLERS.get(category, _ISSUE_HANDLERS["other"])
        handler = team[event_id % len(team)]
        self.issues.append((self.next_id("service_issue"), r.id, case_id, event_id, category, text, _ds(d), assignee,
                            handler, self.collectors[case_id % len(self.collectors)], _ds(promised), status.value,
                            _ds(resolved), resolution, 1))
        if self.case_open and status in (IssueStatus.OPEN, IssueStatus.IN_PROGRESS) and promised >= today:
            self._hold(r, case_id, promised, text)

    def _hold(self, r: _Room, case_id: int, promised: date, complaint: str) -> None:
        """暂停催缴 while a complaint is being fixed: approved for some, one waiting for the manager.
        Dates come from the case id (no random draw, so nothing else moves)."""
        quota = 1 + self.n_rooms // 250
        collector = self.collectors[case_id % len(self.collectors)]
        asked = self.today - timedelta(days=1 + case_id % 6)
        until = promised + timedelta(days=7)
        reason = f"业主投诉“{complaint[:24]}”处理中，修好前暂停催缴"
        if self.plans["holds"] < quota:
            self.plans["holds"] += 1
            self.holds.append((self.next_id("collection_hold"), case_id, r.id, _ds(until), reason,
                               ApprovalStatus.APPROVED.value, collector, _ts(asked, 11), self.manager,
                               _ts(asked + timedelta(days=1), 9, 30), 1))
        elif self.plans["holds_pending"] < 1 + self.n_rooms // 2000:
            self.plans["holds_pending"] += 1
            self.holds.append((self.next_id("collection_hold"), case_id, r.id, _ds(until), reason,
                               ApprovalStatus.PENDING.value, collector, _ts(self.today - timedelta(days=1), 16),
                               None, None, 1))

    def _notices_and_visits(self, r: _Room, bills: list[list], case_id: int, stage: Stage, start: date,
                            collector: int, owed: Callable[[date], int], span: tuple[int | None, int | None]) -> None:
        rng, today = self.rng, self.today
        ev = self.events
        late_notices: list[tuple[int, date]] = []  # (row index, issued on) of the notices that start late fees
        levels = {Stage.WRITTEN_NOTICE: (1, 3), Stage.VISIT: (3, 6), Stage.PUBLIC_BOARD: (6, 9)}.get(stage)
        if stage >= Stage.COMMITTEE:
            levels = (8, 10)
        if levels is not None:
            count = rng.randint(*levels)
            lawyer = stage >= Stage.LAWYER_LETTER  # the lawyer letter is this room's 10th notice
            d = max(start + timedelta(days=15), today - timedelta(days=4 * count + rng.randint(2, 30)))
            first_period, last_period = span
            last: date | None = None  # the day of the latest notice of the series
            for level in range(1, count + 1):
                if d >= today:
                    break
                owe = owed(d)
                if owe <= 0:
                    break
                if level >= 6:
                    method = rng.choice((DeliveryMethod.HAND_SIGNED, DeliveryMethod.HAND_SIGNED,
                                         DeliveryMethod.REGISTERED_MAIL, DeliveryMethod.DOOR))
                else:
                    method = rng.choice((DeliveryMethod.DOOR, DeliveryMethod.DOOR, DeliveryMethod.WECHAT,
                                         DeliveryMethod.SMS, DeliveryMethod.HAND_SIGNED))
                if r.forgotten:
                    method = DeliveryMethod.DOOR  # nobody there to sign
                final = level == 10 and lawyer  # no final notice: the lawyer letter below is the 10th
                self._notice(r, case_id, d, level, owe, method, collector, first_period, last_period,
                             issue=not final)
                if not final:
                    last = d
                    if level >= _LATE_FEE_FROM_LEVEL:
                        late_notices.append((len(self.notices) - 1, d))
                    channel = {DeliveryMethod.REGISTERED_MAIL: Channel.REGISTERED_LETTER,
                               DeliveryMethod.WECHAT: Channel.WECHAT, DeliveryMethod.SMS: Channel.SMS}.get(
                                   method, Channel.NOTICE)
                    ev.append((self.next_id("contact_event"), r.id, case_id, r.owner_id, channel.value, _ts(d, 10),
                               collector, "", "", CallOutcome.DELIVERED.value, None, "",
                               _ds(d + timedelta(days=3)), owe, f"第{level}次催缴通知书", "", ""))
                d += timedelta(days=rng.choice((3, 4)))
            if lawyer:
                # after the series, once the last notice's 7-day deadline has passed: a day of the
                # last 5-40 days, moved into that window when it falls earlier (none fits: not yet sent)
                d = today - timedelta(days=rng.randint(5, 40))
                earliest = last + timedelta(days=8) if last else start + timedelta(days=15)
                window = (today - earliest).days  # days from earliest up to yesterday
                if d < earliest and window > 0:
                    d = earliest + timedelta(days=(today - d).days % window)
                owe = owed(d)
                if owe > 0 and d < earliest:
                    self._notice(r, case_id, d, 10, owe, DeliveryMethod.EXPRESS, self.manager, *span,
                                 kind=NoticeKind.LAWYER_LETTER, issue=False)
                elif owe > 0:
                    self._notice(r, case_id, d, 10, owe, DeliveryMethod.EXPRESS, self.manager, *span,
                                 kind=NoticeKind.LAWYER_LETTER)
                    late_notices.append((len(self.notices) - 1, d))
                    ev.append((self.next_id("contact_event"), r.id, case_id, r.owner_id,
                               Channel.REGISTERED_LETTER.value, _ts(d, 15), self.manager, "", "",
                               CallOutcome.DELIVERED.value, None, "", None, owe, "律师函已寄出（EMS）", "", ""))
        if late_notices:
            self._late_fees(bills, late_notices)
        # visits: done ones in the past, and some booked for today and the coming week
        if stage >= Stage.VISIT:
            for _ in range(rng.randint(1, 2)):
                d = max(start + timedelta(days=20), today - timedelta(days=rng.randint(3, 150)))
                if d >= today:
                    continue
                self._visit(r, case_id, d, collector, done=True, owe=owed(d))
        first = not self.planned_today.get(collector)
        if stage >= Stage.PHONE and (first or rng.random() < 0.06):
            d = today if first or rng.random() < 0.3 else today + timedelta(days=rng.randint(1, 7))
            if d > today and collector not in self.planned_tomorrow:  # each collector's route tomorrow too
                d = today + timedelta(days=1)
                self.planned_tomorrow.add(collector)
            self.planned_today[collector] = self.planned_today.get(collector, 0) + (d == today)
            self._visit(r, case_id, d, collector, done=False, owe=0)

    def _late_fees(self, bills: list[list], late_notices: list[tuple[int, date]]) -> None:
        """Assess the room's late fees as of today, and quote in each notice the fee as of its own day.

        The same rule as ``services.late_fees.assess_late_fees``: unpaid overdue bills of the fee
        items under the policy, accruing from the first notice at the policy's level, part payments
        lowering the balance from their day.
        """
        today, dues, late_items = self.today, self.dues, self.late_items
        policy = LateFeePolicy(daily_rate_ppm=_LATE_FEE_PPM, grace_days=_LATE_FEE_GRACE_DAYS,
                               accrue_from=min(d for _, d in late_notices))
        steps: dict[int, list[tuple[date, int]]] = {}
        for day, lines in self.room_lines:
            for bid, fen in lines:
                steps.setdefault(bid, []).append((day, fen))
        charged = [b for b in bills if b[6] in late_items]
        # bills settled (their last line booked) by the first of these notices never count in one
        first = policy.accrue_from
        quoted = [b for b in charged if b[3] < b[2] or (b[0] in steps and steps[b[0]][-1][0] > first)]
        for index, d in late_notices:
            fee = 0
            for b in quoted:
                due = dues[b[1]]
                if due >= d:
                    break  # bills are in period order
                paid = steps.get(b[0], ())
                if paid and paid[-1][0] > d:
                    paid = [p for p in paid if p[0] <= d]
                if sum(fen for _, fen in paid) < b[2]:
                    fee += assess_bill(due_date=due, as_of=d, principal_fen=b[2], payments=paid,
                                       policy=policy).amount_fen
            row = self.notices[index]
            self.notices[index] = (*row[:_NOTICE_LATE_FEE], fee, *row[_NOTICE_LATE_FEE + 1:])
        as_of = _ds(today)
        for b in charged:
            due = dues[b[1]]
            if due >= today:
                break
            if b[3] < b[2]:
                fee = assess_bill(due_date=due, as_of=today, principal_fen=b[2], payments=steps.get(b[0], ()),
                                  policy=policy)
                self.assessments.append((self.next_id("late_fee_assessment"), b[0], self.policy_id, as_of,
                                         fee.days, fee.amount_fen, fee.court_estimate_fen, 0, 1))

    def _notice(self, r: _Room, case_id: int, d: date, level: int, owe: int, method: DeliveryMethod, user: int,
                first_period: int | None, last_period: int | None, kind: NoticeKind | None = None, *,
                issue: bool = True) -> None:
        """Issue a notice; with ``issue=False`` nothing is written (no serial is taken either), but the
        random draws are made all the same, so a notice left out does not reshuffle the rooms after it."""
        rng = self.rng
        if kind is None:
            kind = NoticeKind.REMINDER if level == 1 else (NoticeKind.FINAL_NOTICE if level == 10
                                                           else NoticeKind.ARREARS_NOTICE)
        serial = self._receipt(d, self.notice_counter, serials.NOTICE[1]) if issue else ""
        delivered_at = delivered_to = tracking = proof = ""
        signed = 0
        if method is DeliveryMethod.HAND_SIGNED:
            delivered_at = _ts(d, rng.randint(18, 20), rng.randrange(60))
            delivered_to = r.owner_name if not r.spouse or rng.random() < 0.7 else f"{r.spouse}（配偶）"
            proof, signed = _demo_proof(serial, ".jpg"), 1  # the scanned signed slip
        elif method in (DeliveryMethod.REGISTERED_MAIL, DeliveryMethod.EXPRESS):
            delivered_at = _ts(d + timedelta(days=rng.randint(2, 4)), rng.randint(9, 17))
            delivered_to = r.owner_name
            tracking = (f"XA{rng.randrange(10**9):09d}CN" if method is DeliveryMethod.REGISTERED_MAIL
                        else f"1186{rng.randrange(10**9):09d}")
            proof = _demo_proof(serial, ".png")  # the post office's receipt
            if r.forgotten:  # returned: 查无此人 (no delivery, no proof of a demand)
                delivered_at = delivered_to = proof = ""
        elif method in (DeliveryMethod.SMS, DeliveryMethod.WECHAT):
            delivered_at, delivered_to = _ts(d, 10), r.owner_name
            proof = _demo_proof(serial, ".png")  # the screenshot of the message
        else:
            delivered_at = _ts(d, 10)
        if not issue:
            return
        deadline = d + timedelta(days=15 if kind is NoticeKind.LAWYER_LETTER else 7)
        # how it was meant to reach the owner (the print room's rule: signed for from the 6th notice on)
        intended = DeliveryMethod.EXPRESS if kind is NoticeKind.LAWYER_LETTER else default_intended_delivery(level)
        self.notices.append((self.next_id("notice"), serial, r.id, case_id, kind.value, level, r.owner_id, r.owner_name,
                             owe, 0, first_period, last_period, _ds(deadline), "v1", _ts(d, 9, 30), user,
                             method.value, delivered_at or None, delivered_to, tracking, proof, signed,
                             intended.value, serial, 1))

    def _visit_slot(self, d: date, staff: tuple[int, ...]) -> int | None:
        """The first of the day's demo slots (``_VISIT_SLOTS``, inside the office's visit windows) where
        none of ``staff`` is busy; None when the day is full."""
        slots = _VISIT_SLOTS[d.weekday() >= 5]
        for i in range(len(slots)):
            if all(i not in self.visit_busy.get((u, d), ()) for u in staff):
                for u in staff:
                    self.visit_busy.setdefault((u, d), set()).add(i)
                return i
        return None

    def _visit(self, r: _Room, case_id: int, d: date, collector: int, *, done: bool, owe: int) -> None:
        rng = self.rng
        if done:  # drawn in the order the demo always drew them (the random stream stays the same)
            outcome = rng.choice((CallOutcome.PROMISED, CallOutcome.CONDITIONAL, CallOutcome.REFUSED,
                                  CallOutcome.NOT_HOME))
            if r.profile == DISPUTE:
                outcome = rng.choice((CallOutcome.REFUSED, CallOutcome.CONDITIONAL))
            attitude = "" if outcome is CallOutcome.NOT_HOME else rng.choice(
                vocab.ATTITUDES_BAD if outcome is CallOutcome.REFUSED else vocab.ATTITUDES_GOOD)
            agreed = d + timedelta(days=rng.randint(3, 10)) if outcome is CallOutcome.PROMISED else None
            handed = outcome is not CallOutcome.NOT_HOME and rng.random() < 0.6
            if r.forgotten:  # unreachable owners are never met: no promise restarts their limitation clock
                outcome, attitude, agreed, handed = CallOutcome.NOT_HOME, "", None, False
        second = self.manager if rng.random() < 0.6 else self.clerks[rng.randrange(len(self.clerks))]
        if (r.id, d) in self.visit_days:
            return  # the room was visited that day
        slot = self._visit_slot(d, (collector, second))
        if slot is None and second != self.manager:
            second = self.manager
            slot = self._visit_slot(d, (collector, second))
        if slot is None:
            return  # both are out on visits all that evening
        self.visit_days.add((r.id, d))
        vid = self.next_id("visit")
        hour, minute = _VISIT_SLOTS[d.weekday() >= 5][slot]
        planned, ends = _ts(d, hour, minute), _ts(d, hour + (minute + _VISIT_MINUTES) // 60,
                                                  (minute + _VISIT_MINUTES) % 60)
        # a team is a collector and whoever goes with them: one label per collector, so one team's
        # sheet is one walk that evening (no random draw: the stream stays the same)
        team = self.visit_teams.get(collector, "")
        remind = _ds(d - timedelta(days=1))
        if done:
            note = "门上留通知书" if outcome is CallOutcome.NOT_HOME else "维修工同行，现场查看报修问题"
            result = _VISIT_RESULT[outcome]
            status = VisitStatus.FAILED if outcome is CallOutcome.NOT_HOME else VisitStatus.DONE
            eid = self.next_id("contact_event")
            promise_id = None
            if agreed is not None and owe > 0:  # the promise made at the door is a promise row (one truth)
                promise_id = self.next_id("promise")
                self.promises.append((promise_id, r.id, case_id, eid, _ds(d), _ds(agreed), owe, 0, collector, 1))
            self.visits.append((vid, r.id, case_id, planned, status.value, 1, planned, attitude,
                                outcome.value, _ds(agreed), 1 if outcome in (CallOutcome.REFUSED,
                                                                             CallOutcome.NOT_HOME) else 0,
                                1 if handed else 0, note, collector, 1, ends, team, None, None, remind, None, "",
                                "", result, "" if outcome is CallOutcome.NOT_HOME else AnsweredBy.OWNER.value,
                                eid, promise_id, None, 0, None))
            self.events.append((eid, r.id, case_id, r.owner_id, Channel.VISIT.value,
                                planned, collector, "", "" if outcome is CallOutcome.NOT_HOME else AnsweredBy.OWNER.value,
                                outcome.value, r.reason.value if r.reason else None, "", _ds(agreed),
                                owe, f"上门催缴：{attitude or '无人在家'}", "", ""))
        else:
            confirmed = vid % 5 < 3  # not from the random stream: nothing else moves
            status = VisitStatus.CONFIRMED if confirmed else VisitStatus.PLANNED
            self.visits.append((vid, r.id, case_id, planned, status.value, 1 if confirmed else 0, None, "", None,
                                None, 0, 0, "已电话预约" if confirmed else "待电话预约", collector, 1, ends, team, None,
                                _ts(d - timedelta(days=1), 10) if confirmed else None, remind,
                                None, "", "", None, "", None, None, None, 0, None))
        self.visit_staff.append((vid, collector, VisitDuty.COLLECTOR.value))
        self.visit_staff.append((vid, second, (VisitDuty.SUPERVISOR if second == self.manager
                                               else VisitDuty.COLLECTOR).value))

    def _hardship(self, r: _Room, case_id: int, arrears: int, collector: int, hold: date | None) -> None:
        rng, today = self.rng, self.today
        quota = 1 + self.n_rooms // 1000  # some 1-2% of the open cases pay by instalments
        few = 1 + self.n_rooms // 5000  # requests waiting for the manager
        # an extension is asked for 1-5 days before the manager decides (or before today while it
        # waits); the spread comes from the case id, not the random stream, so nothing else moves
        wait = timedelta(days=1 + case_id % 5)
        if hold is not None:
            self.plans["ext_approved"] += 1
            decided = today - timedelta(days=3)
            self.extensions.append((self.next_id("extension"), r.id, case_id, _ds(hold), "业主失业，申请延期两个月缴纳",
                                    ApprovalStatus.APPROVED.value, collector, _ts(decided - wait, 10, 30),
                                    self.manager, _ts(decided, 16), 1))
            return
        if self.plans["approved"] < quota * 2 or self.plans["pending"] < few:
            approved = self.plans["approved"] < quota * 2
            self.plans["approved" if approved else "pending"] += 1
            pid = self.next_id("instalment_plan")
            signed = today - timedelta(days=rng.randint(5, 25))
            n = 6
            self.plan_rows.append((pid, r.id, case_id, arrears,
                                   (ApprovalStatus.APPROVED if approved else ApprovalStatus.PENDING).value,
                                   collector, self.manager if approved else None,
                                   _ts(signed, 15) if approved else None, _ds(signed) if approved else None,
                                   "经济困难，分6期缴清欠费" if approved else "业主申请分期，待主管审批",
                                   _ts(signed - timedelta(days=2), 11), _ds(signed - timedelta(days=2)), 1))
            first_due = _add_months(today.replace(day=1), 1).replace(day=10)
            for item in make_schedule(arrears, n, first_due):  # the same rule as the plan dialog
                self.instalments.append((self.next_id("instalment"), pid, item.seq, _ds(item.due_date),
                                         item.amount_fen, 1))
        elif self.plans["ext_pending"] < few:
            self.plans["ext_pending"] += 1
            self.extensions.append((self.next_id("extension"), r.id, case_id, _ds(today + timedelta(days=45)),
                                    "家中有病人住院，申请延期缴费", ApprovalStatus.PENDING.value, collector,
                                    _ts(today - wait, 10, 30), None, None, 1))

    # -- finishing --------------------------------------------------------

    def set_passwords(self, hashes: list[str]) -> None:
        """Give each demo user it created its own hash of the demo password."""
        for (username, _display, _role), password_hash in zip(DEMO_USERS, hashes, strict=True):
            self.conn.execute(update(m.User).where(m.User.username == username, m.User.password_hash == _NO_PASSWORD)
                              .values(password_hash=password_hash))

    def finish(self, params: dict[str, Any]) -> None:
        conn = self.conn
        self.sink.flush()
        counts = self.sink.counts
        # Per-month gap-free counters, continued by services.serials for new receipts.
        used: dict[str, tuple[str, int]] = {}
        for kind, counter in ((serials.RECEIPT, self.receipt_counter), (serials.REVERSAL, self.reversal_counter),
                              (serials.NOTICE, self.notice_counter), (serials.CREDIT, self.credit_counter)):
            for yyyymm, n in counter.items():
                used[serials.sequence_name(kind[0], yyyymm)] = (kind[1], n)
        for name, (prefix, n) in used.items():
            row = conn.execute(select(m.ReceiptSequence.next_value).where(m.ReceiptSequence.name == name)).first()
            if row is None:
                conn.execute(insert(m.ReceiptSequence), [{"name": name, "prefix": prefix, "next_value": n + 1}])
            elif row[0] <= n:
                conn.execute(update(m.ReceiptSequence).where(m.ReceiptSequence.name == name)
                             .values(next_value=n + 1))
        now = datetime.now(UTC)
        for key, value in OFFICE.items():
            if conn.execute(select(m.OfficeSetting.key).where(m.OfficeSetting.key == key)).first() is None:
                conn.execute(insert(m.OfficeSetting), [{"key": key, "value": value, "updated_at": now,
                                                        "updated_by_id": self.admin, "version": 1}])
            else:
                conn.execute(update(m.OfficeSetting).where(m.OfficeSetting.key == key)
                             .values(value=value, updated_at=now, updated_by_id=self.admin,
                                     version=m.OfficeSetting.version + 1))
        detail = dict(params, **{k: v for k, v in counts.items() if v})
        admin = UserDTO.of(self.admin, "admin", "系统管理员", Role.ADMIN)
        audit.append_entries(conn, [audit.entry(admin, "demo.build", "database", None, at=now, detail=detail)])


# ---------------------------------------------------------------------------
# Pure rules of the demo
# ---------------------------------------------------------------------------


#: Who fixes a service issue of each category (the handler is a name: workers are not users).
_ISSUE_HANDLERS: dict[str, tuple[str, ...]] = {
    "leak": ("工程部 王师傅", "工程部 李师傅"),
    "house_quality": ("工程部 王师傅", "开发商对接人 周经理"),
    "elevator": ("电梯维保 蒋工",),
    "cleaning": ("保洁主管 刘姐",),
    "security": ("秩序维护部 赵队长",),
    "greenery": ("绿化组 孙师傅",),
    "parking": ("秩序维护部 赵队长",),
    "noise": ("客服主管",),
    "other": ("客服主管",),
}


def _ladder_steps() -> list[tuple]:
    """(seq, stage, name, wait days, channel, min amount, min months, note) from the domain's default ladder."""
    return [(s.seq, s.stage, s.name_zh, s.wait_days, s.channel, s.min_amount_fen, s.min_months, s.note)
            for s in DEFAULT_LADDER]


def _reason_for(profile: int, rng: random.Random, dispute: _Picker) -> ArrearsReason | None:
    if profile == CHRONIC:
        return rng.choice((ArrearsReason.LOW_AWARENESS, ArrearsReason.LOW_AWARENESS, ArrearsReason.MALICIOUS,
                           ArrearsReason.HARDSHIP))
    if profile == DISPUTE:
        return dispute(rng)
    return {
        HARDSHIP: ArrearsReason.HARDSHIP, UNREACHABLE: ArrearsReason.UNREACHABLE, VACANT_LUMP: ArrearsReason.VACANT,
        LATE: ArrearsReason.LOW_AWARENESS, RECENT: ArrearsReason.OTHER, ONTIME: ArrearsReason.OTHER,
    }[profile]


def _stage_for(age: int, arrears: int, rng: random.Random) -> Stage:
    if age <= 1:
        return Stage.REMINDER if rng.random() < 0.5 else Stage.PHONE
    if age == 2:
        return Stage.PHONE
    if age == 3:
        return Stage.WRITTEN_NOTICE
    if age <= 6:
        return Stage.VISIT
    if age <= 12:
        return Stage.PUBLIC_BOARD if rng.random() < 0.6 else Stage.COMMITTEE
    if arrears > 500_000:
        return Stage.LITIGATION if age > 24 and rng.random() < 0.3 else Stage.LAWYER_LETTER
    return Stage.COMMITTEE


def _call_outcome(profile: int, rng: random.Random, pays_soon: bool) -> CallOutcome:
    if profile == UNREACHABLE:
        return rng.choice((CallOutcome.PHONE_OFF, CallOutcome.PHONE_OFF, CallOutcome.NO_ANSWER,
                           CallOutcome.NO_ANSWER, CallOutcome.WRONG_NUMBER))
    if pays_soon and rng.random() < 0.85:
        return CallOutcome.PROMISED
    if profile == DISPUTE:
        return rng.choice((CallOutcome.REFUSED, CallOutcome.REFUSED, CallOutcome.REFUSED, CallOutcome.CONDITIONAL,
                           CallOutcome.NO_ANSWER))
    x = rng.random()
    if x < 0.15:
        return CallOutcome.PROMISED
    if x < 0.6:
        return CallOutcome.NO_ANSWER
    if x < 0.7:
        return CallOutcome.CONDITIONAL
    if x < 0.8:
        return CallOutcome.REFUSED
    if x < 0.87:
        return CallOutcome.PHONE_OFF
    return CallOutcome.OTHER


_CALL_NOTES = {
    CallOutcome.PROMISED: ("业主承诺按期缴纳", "答应周末来前台缴费", "说发工资后就交", "同意微信缴费"),
    CallOutcome.NO_ANSWER: ("无人接听", "响铃无人接", "未接通，稍后再打"),
    CallOutcome.CONDITIONAL: ("要求先处理报修问题再缴费", "希望减免部分费用", "等家人回来商量"),
    CallOutcome.REFUSED: ("明确表示不交", "对物业服务不满，拒绝缴费", "挂断电话"),
    CallOutcome.PHONE_OFF: ("关机", "已停机"),
    CallOutcome.WRONG_NUMBER: ("空号，需核实新号码", "号码已易主"),
    CallOutcome.OTHER: ("业主在外地出差，月底回来处理", "老人接听，转告子女"),
}


def _call_note(outcome: CallOutcome, rng: random.Random) -> str:
    return rng.choice(_CALL_NOTES.get(outcome, ("",)))


def _complaint(reason: ArrearsReason | None, rng: random.Random) -> tuple[str, str]:
    if reason is ArrearsReason.RECTIFICATION:
        return vocab.COMPLAINT_RECTIFICATION
    if reason is ArrearsReason.BURGLARY:
        return vocab.COMPLAINT_BURGLARY
    if reason is ArrearsReason.LEGACY_DISPUTE:
        return rng.choice(vocab.COMPLAINTS_HOUSE)
    return vocab.COMPLAINTS_SERVICE[0]


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------

_BIG_TABLES = (m.Bill, m.Payment, m.PaymentAllocation, m.CreditEntry, m.ContactEvent, m.Person, m.Contact,
               m.RoomPerson, m.Notice, m.Promise)


def _tune_sqlite(conn: Connection) -> Callable[[], None]:
    """Connection settings for a bulk load (foreign keys are checked by construction); returns the undo."""
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    dbapi.execute("PRAGMA foreign_keys = OFF")
    dbapi.execute(f"PRAGMA cache_size = -{_SQLITE_CACHE_KIB}")
    # A rollback journal writes each page once (WAL writes it twice: log, then checkpoint); it
    # only works while no other connection has the file open, so a failure just keeps WAL.
    journal = dbapi.execute("PRAGMA journal_mode").fetchone()[0]
    try:
        dbapi.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.OperationalError:
        pass

    def undo() -> None:
        dbapi.execute("PRAGMA foreign_keys = ON")
        dbapi.execute("PRAGMA cache_size = -2000")
        try:
            dbapi.execute(f"PRAGMA journal_mode = {journal}")
        except sqlite3.OperationalError:
            pass

    return undo


def build_demo(
    engine: Engine,
    *,
    rooms: int = 2000,
    months: int = 36,
    seed: int = 1,
    today: date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> DemoSummary:
    """Fill an empty, migrated database with a realistic demo office; deterministic for ``seed`` and ``today``.

    Raises ``ValidationError("demo.not_empty")`` when the database already has rooms and
    ``DomainError("task.cancelled")`` when ``cancel()`` returns True (nothing is kept:
    everything is one transaction). ``progress(done, total, text)`` is called now and then.
    """
    if rooms < 1 or months < 1:
        raise ValidationError("demo.invalid_size", rooms=rooms, months=months)
    today = today or date.today()
    started = time.perf_counter()
    # argon2 leaves the GIL: the ten hashes are made beside the build instead of before it.
    hasher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo-passwords")
    hashes = hasher.submit(lambda: [hash_password(DEMO_PASSWORD, light=True) for _ in DEMO_USERS])
    params = {"rooms": rooms, "months": months, "seed": seed, "today": today.isoformat()}
    with engine.connect() as conn:
        undo = _tune_sqlite(conn) if conn.dialect.name == "sqlite" else None
        try:
            with conn.begin():
                if conn.scalar(select(func.count()).select_from(m.Room)):
                    raise ValidationError("demo.not_empty")
                b = _Builder(conn, rooms=rooms, months=months, seed=seed, today=today, progress=progress,
                             cancel=cancel)
                b.step(0, "准备演示数据…")
                b._init_ids()
                for model in _BIG_TABLES:  # faster to build them once after loading
                    for index in model.__table__.indexes:
                        index.drop(conn)
                drop_arrears_triggers(conn)  # the arrears cache is rebuilt once at the end instead
                b.setup()
                b.structure()
                b.money()
                b.finish(params)
                b.set_passwords(hashes.result())
                b.step(1, "重建索引…")
                for model in _BIG_TABLES:
                    for index in model.__table__.indexes:
                        index.create(conn)
                advance_sequences(conn)  # the rows were written with their ids: next inserts must not collide
                b.step(0, "案件进度…")
                refresh_case_positions(conn, today=today)
                create_arrears_triggers(conn)
                b.step(1, "汇总欠费…")
                rebuild_arrears_cache(conn, today=today)
                b.step(1, "统计分析…")
                conn.exec_driver_sql("ANALYZE")
                b.step(2, "完成")
                c = b.sink.counts
        finally:
            hasher.shutdown(wait=False, cancel_futures=True)
            if undo is not None:
                undo()
    return DemoSummary(
        estates=c["estate"], buildings=c["building"], rooms=c["room"], persons=c["person"], bills=c["bill"],
        payments=c["payment"], allocations=c["payment_allocation"], contact_events=c["contact_event"],
        promises=c["promise"], notices=c["notice"], visits=c["visit"], issues=c["service_issue"],
        users=b.users_added, seconds=round(time.perf_counter() - started, 3),
    )


def summary_dict(summary: DemoSummary) -> dict[str, Any]:
    """The summary as a plain dict (for the CLI and the benchmark report)."""
    return asdict(summary)
