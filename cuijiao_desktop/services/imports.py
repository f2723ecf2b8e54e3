"""Import rooms and owners, bills and payments from a spreadsheet: plan (preview), then commit.

``plan_import`` reads the database and says, row by row, what an import would do:
create, update, leave unchanged or reject (with the reason in Chinese). ``commit_import``
plans again inside the caller's transaction (the data may have changed since the preview)
and writes everything with bulk Core statements; the boundary's single transaction makes
it all or nothing, and a cancel raises ``DomainError("task.cancelled")`` so it rolls back.

Matching rules (re-importing the same file changes nothing):

* **Estate**: every import targets one estate, given by name. Without a name: the only
  estate; none at all: a rooms import creates ``DEFAULT_ESTATE`` (a named one creates that
  name), bills and payments need the rooms first; several estates: the name is required.
* **Rooms** by estate + canonical code; blank cells say nothing (never clear a value).
* **Persons** by name among the room's current owners (or tenants). Another name ends the
  current owner's link (``end_date`` = today, the history is kept) and links a new person.
  Phones are added to the person when new; existing contacts are never removed.
* **Bills** by room + fee item (name or code) + period. A changed amount updates the bill
  only while nothing is paid, discounted or waived on it; otherwise the row is rejected
  (a paid bill is never silently changed). A larger "already paid" amount becomes a real
  payment (method 历史导入, the given date) allocated to that bill; a smaller one is rejected.
* **Payments** by receipt number, or, without one, by room + date + amount + the count of
  identical rows before it in the file. Imported payments get a receipt number ``DR…``
  derived from that key (unique in the schema), so a repeated import adds nothing. New
  payments are allocated oldest bill first; what is left becomes prepaid credit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pypinyin import Style, lazy_pinyin
from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.orm import Session

from cuijiao_desktop.db import models as m
from cuijiao_desktop.domain.allocation import OpenBill, allocate
from cuijiao_desktop.domain.enums import Occupancy, PaymentKind, PaymentMethod, PersonRole, Relation, Usage
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.importing.headers import KIND_ZH, HeaderGuess, ImportKind, mapping_problems
from cuijiao_desktop.importing.normalize import (
    METHOD_ZH,
    OCCUPANCY_ZH,
    OWNER_TYPE_ZH,
    USAGE_ZH,
    PhoneNumber,
    cell_text,
)
from cuijiao_desktop.importing.readers import SheetData
from cuijiao_desktop.importing.validate import (
    BillRecord,
    ParsedSheet,
    PaymentRecord,
    Rejected,
    RoomRecord,
    Skipped,
    parse_rows,
)

from . import audit
from .actor import authorize
from .batch import DirectWriter, IdMap, StagedWrite
from .demo_names import SURNAME_INITIALS
from .dto import UserDTO
from .tx import Transactions, long_write, read_only

Writer = DirectWriter | StagedWrite

__all__ = [
    "DEFAULT_ESTATE",
    "ImportPlan",
    "ImportResult",
    "RowOutcome",
    "commit_import",
    "estate_names",
    "name_initials",
    "plan_import",
]

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]

DEFAULT_ESTATE = "本小区"
CHUNK = 500  # ids per IN (...) query

CREATE, UPDATE, UNCHANGED, REJECT = "create", "update", "unchanged", "rejected"
ACTION_ZH = {CREATE: "新增", UPDATE: "更新", UNCHANGED: "未变", REJECT: "拒绝"}


# ---------------------------------------------------------------------------
# DTOs
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RowOutcome:
    """What the import does with one spreadsheet line (``action``: create/update/unchanged/rejected)."""

    line: int
    action: str
    room_code: str
    detail: str  # Chinese: what changes, or why it is rejected


@dataclass(frozen=True)
class ImportPlan:
    """The preview of an import: counts, each row's outcome, rejected and skipped rows."""

    kind: ImportKind
    file_name: str
    sheet: str
    estate_name: str
    estate_is_new: bool
    header_row: int | None  # 0-based
    mapping: Mapping[str, int]
    outcomes: tuple[RowOutcome, ...]
    rejected: tuple[Rejected, ...]
    skipped: tuple[Skipped, ...]
    created: int
    updated: int
    unchanged: int
    today: dt.date | None = None
    #: the checked rows, reused by ``commit_import(plan=...)`` so a commit does not read them again
    parsed: ParsedSheet | None = field(default=None, repr=False, compare=False)

    @property
    def rejected_count(self) -> int:
        """Rows that will not be imported."""
        return len(self.rejected)

    @property
    def taken(self) -> int:
        """Rows that are imported (created, updated or already there)."""
        return self.created + self.updated + self.unchanged

    def summary_zh(self) -> str:
        """``新增 3，更新 1，未变 10，拒绝 2，跳过 4`` (the CLI's and the audit's wording)."""
        return (f"新增 {self.created}，更新 {self.updated}，未变 {self.unchanged}，"
                f"拒绝 {self.rejected_count}，跳过 {len(self.skipped)}")


@dataclass(frozen=True)
class ImportResult:
    """What a committed import did."""

    plan: ImportPlan
    rooms_created: int = 0
    persons_created: int = 0
    contacts_created: int = 0
    bills_created: int = 0
    bills_updated: int = 0
    payments_created: int = 0
    paid_fen: int = 0
    credit_fen: int = 0


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_initial_cache: dict[str, str] = {}


def name_initials(name: str) -> str:
    """Pinyin initials for search (``张三`` -> ``zs``, ``欧阳娜娜`` -> ``oynn``, ``John Smith`` -> ``js``)."""
    out = []
    rest = name
    for surname, initials in SURNAME_INITIALS.items():
        if name.startswith(surname):
            out.append(initials)
            rest = name[len(surname):]
            break
    at_word_start = True
    for ch in rest:
        if _CJK_RE.match(ch):
            s = _initial_cache.get(ch)
            if s is None:
                s = _initial_cache[ch] = (lazy_pinyin(ch, style=Style.FIRST_LETTER)[0][:1] or "").lower()
            out.append(s)
            at_word_start = True
        elif ch.isascii() and ch.isalpha():
            if at_word_start:
                out.append(ch.lower())
            at_word_start = False
        else:
            at_word_start = True
    return "".join(out)[:32]


def _receipt_no(*key: Any) -> str:
    digest = hashlib.sha1("|".join(map(str, key)).encode("utf-8")).hexdigest()
    return "DR" + digest[:24].upper()


def _check_cancel(cancel: CancelFn | None) -> None:
    if cancel is not None and cancel():
        raise DomainError("task.cancelled")


def _money(fen: int) -> str:
    return format_money(fen)


@read_only
def estate_names(session: Session) -> list[str]:
    """The names of all estates (for the wizard's estate box)."""
    return list(session.execute(select(m.Estate.name).order_by(m.Estate.id)).scalars())


def _resolve_estate(session: Session, kind: ImportKind, name: str | None) -> tuple[int | None, str]:
    """(estate id or None when it will be created, its name)."""
    rows = session.execute(select(m.Estate.id, m.Estate.name, m.Estate.code)).all()
    if name is not None and name.strip():
        name = name.strip()
        for eid, ename, code in rows:
            if name in (ename, code):
                return eid, ename
        if kind is ImportKind.ROOMS:
            return None, name
        raise DomainError("import.estate_not_found", name=name)
    if len(rows) == 1:
        return rows[0][0], rows[0][1]
    if not rows:
        if kind is ImportKind.ROOMS:
            return None, DEFAULT_ESTATE
        raise DomainError("import.no_rooms")
    raise DomainError("import.estate_required", estates="、".join(r[1] for r in rows))


def _insert_returning_ids(w: Writer, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Bulk insert, returning the new ids in the order of ``rows`` (provisional ids when staged)."""
    return w.insert(table, rows) if rows else []


def _bulk_insert(w: Writer, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        w.insert(table, rows)


def _lock_rooms(w: Writer, room_ids: Iterable[int]) -> None:
    """Lock the rooms touched (PostgreSQL, when the rows are written; SQLite holds the write lock then)."""
    w.lock(m.Room.__table__, room_ids)


def _ordinal_outcomes(outcomes: list[RowOutcome]) -> tuple[RowOutcome, ...]:
    return tuple(sorted(outcomes, key=lambda o: o.line))


# ---------------------------------------------------------------------------
# Rooms and owners
# ---------------------------------------------------------------------------


@dataclass
class _PersonState:
    id: int | None  # None: created by this import
    name: str
    owner_type: Any
    phones: set[str]
    link_id: int | None = None


@dataclass
class _RoomState:
    id: int | None
    area: int
    occupancy: Any
    usage: Any
    note: str
    owners: list[_PersonState] = field(default_factory=list)
    tenants: list[_PersonState] = field(default_factory=list)


@dataclass
class _RoomOps:
    """What a rooms import writes."""

    new_buildings: dict[str, None] = field(default_factory=dict)
    new_units: dict[tuple[str, str], None] = field(default_factory=dict)
    new_rooms: list[tuple[RoomRecord, dict[str, Any]]] = field(default_factory=list)
    room_updates: list[dict[str, Any]] = field(default_factory=list)
    # (room key: existing id or the new room's canonical code, role, name, owner_type, phones)
    new_persons: list[tuple[Any, PersonRole, str, Any, tuple[PhoneNumber, ...]]] = field(default_factory=list)
    person_updates: list[dict[str, Any]] = field(default_factory=list)
    new_contacts: list[dict[str, Any]] = field(default_factory=list)
    ended_links: list[int] = field(default_factory=list)


def _load_rooms(session: Session, estate_id: int | None, codes: set[str]) -> dict[str, _RoomState]:
    if estate_id is None:
        return {}
    rooms: dict[str, _RoomState] = {}
    by_id: dict[int, _RoomState] = {}
    for rid, code, area, occ, usage, note in session.execute(
        select(m.Room.id, m.Room.code, m.Room.area_centi_m2, m.Room.occupancy, m.Room.usage, m.Room.note)
        .where(m.Room.estate_id == estate_id)
    ):
        if code in codes:
            rooms[code] = by_id[rid] = _RoomState(rid, area, occ, usage, note or "")
    if not by_id:
        return rooms
    persons: dict[int, _PersonState] = {}
    links = []
    ids = sorted(by_id)
    for chunk in _chunks(ids):
        links += session.execute(
            select(m.RoomPerson.id, m.RoomPerson.room_id, m.RoomPerson.role, m.Person.id, m.Person.name,
                   m.Person.owner_type)
            .join(m.Person, m.Person.id == m.RoomPerson.person_id)
            .where(m.RoomPerson.room_id.in_(chunk), m.RoomPerson.end_date.is_(None),
                   m.RoomPerson.role.in_([PersonRole.OWNER, PersonRole.TENANT]))
            .order_by(m.RoomPerson.id)
        ).all()
    person_ids = sorted({row[3] for row in links})
    phones: dict[int, set[str]] = defaultdict(set)
    for chunk in _chunks(person_ids):
        for pid, value in session.execute(
            select(m.Contact.person_id, m.Contact.value).where(m.Contact.person_id.in_(chunk))
        ):
            phones[pid].add(value)
    for link_id, room_id, role, pid, name, owner_type in links:
        p = _PersonState(pid, name, owner_type, phones.get(pid, set()), link_id)
        persons[pid] = p
        state = by_id[room_id]
        (state.owners if role is PersonRole.OWNER else state.tenants).append(p)
    return rooms


class _RoomPlanner:
    def __init__(self, session: Session, estate_id: int | None, records: Sequence[RoomRecord], today: dt.date):
        self.session = session
        self.estate_id = estate_id
        self.today = today
        self.ops = _RoomOps()
        self.outcomes: list[RowOutcome] = []
        self.rejected: list[Rejected] = []
        codes = {r.code.canonical for r in records}
        self.rooms = _load_rooms(session, estate_id, codes)
        self.buildings: dict[str, int] = {}
        self.units: dict[tuple[str, str], int] = {}
        if estate_id is not None:
            for bid, bname in session.execute(
                select(m.Building.id, m.Building.name).where(m.Building.estate_id == estate_id)
            ):
                self.buildings[bname] = bid
            for uid, bname, uname in session.execute(
                select(m.Unit.id, m.Building.name, m.Unit.name).join(m.Building, m.Building.id == m.Unit.building_id)
                .where(m.Building.estate_id == estate_id)
            ):
                self.units[(bname, uname)] = uid

    def _person(self, room_key: Any, role: PersonRole, current: list[_PersonState], name: str,
                owner_type: Any, phones: tuple[PhoneNumber, ...], changes: list[str]) -> None:
        word = "业主" if role is PersonRole.OWNER else "租户"
        match = next((p for p in current if p.name == name), None)
        if match is None:
            for old in current:
                if old.link_id is not None:
                    self.ops.ended_links.append(old.link_id)
            if current:
                changes.append(f"更换{word}：{'、'.join(p.name for p in current)} → {name}")
            else:
                changes.append(f"新增{word} {name}")
            self.ops.new_persons.append((room_key, role, name, owner_type, phones))
            return
        if role is PersonRole.OWNER and owner_type is not None and owner_type != match.owner_type:
            assert match.id is not None
            self.ops.person_updates.append({"b_id": match.id, "owner_type": owner_type})
            changes.append(f"业主类型改为{OWNER_TYPE_ZH[owner_type]}")
        new_phones = [p for p in phones if p.value not in match.phones]
        if new_phones:
            assert match.id is not None
            primary = not match.phones
            for i, phone in enumerate(new_phones):
                self.ops.new_contacts.append(_contact_row(match.id, phone, primary and i == 0))
                match.phones.add(phone.value)
            changes.append(f"{word}新增电话 {'、'.join(p.value for p in new_phones)}")

    def plan(self, records: Sequence[RoomRecord]) -> None:
        for r in records:
            code = r.code.canonical
            state = self.rooms.get(code)
            if state is None:
                self._new_room(r)
                continue
            changes: list[str] = []
            values = {"area_centi_m2": state.area, "occupancy": state.occupancy, "usage": state.usage,
                      "note": state.note}
            if r.area_centi_m2 is not None and r.area_centi_m2 != state.area:
                changes.append(f"面积 {state.area / 100:.2f} → {r.area_centi_m2 / 100:.2f}")
                values["area_centi_m2"] = r.area_centi_m2
            if r.occupancy is not None and r.occupancy != state.occupancy:
                changes.append(f"入住状态改为{OCCUPANCY_ZH[r.occupancy]}")
                values["occupancy"] = r.occupancy
            if r.usage is not None and r.usage != state.usage:
                changes.append(f"用途改为{USAGE_ZH[r.usage]}")
                values["usage"] = r.usage
            if r.note is not None and r.note != state.note:
                changes.append("备注已改")
                values["note"] = r.note
            if changes:
                self.ops.room_updates.append({"b_id": state.id, **values})
            if r.owner is not None:
                self._person(state.id, PersonRole.OWNER, state.owners, r.owner, r.owner_type, r.phones, changes)
            if r.tenant is not None:
                self._person(state.id, PersonRole.TENANT, state.tenants, r.tenant, None, r.tenant_phones, changes)
            action = UPDATE if changes else UNCHANGED
            self.outcomes.append(RowOutcome(r.line, action, code, "；".join(changes)))

    def _new_room(self, r: RoomRecord) -> None:
        code = r.code.canonical
        if r.area_centi_m2 is None:
            self.rejected.append(Rejected(r.line, (), ("新房屋缺少面积",)))
            self.outcomes.append(RowOutcome(r.line, REJECT, code, "新房屋缺少面积"))
            return
        b, u = r.code.building, r.code.unit
        if b not in self.buildings:
            self.ops.new_buildings[b] = None
        if u is not None and (b, u) not in self.units:
            self.ops.new_units[(b, u)] = None
        floor = r.code.floor
        self.ops.new_rooms.append((r, {
            "code": code, "number": r.code.room, "floor": floor, "area_centi_m2": r.area_centi_m2,
            "usage": r.usage, "occupancy": r.occupancy, "note": r.note or "",
        }))
        parts = ["新增房屋"]
        if r.owner is not None:
            self.ops.new_persons.append((code, PersonRole.OWNER, r.owner, r.owner_type, r.phones))
            parts.append(f"业主 {r.owner}")
        if r.tenant is not None:
            self.ops.new_persons.append((code, PersonRole.TENANT, r.tenant, None, r.tenant_phones))
            parts.append(f"租户 {r.tenant}")
        self.rooms[code] = _RoomState(None, r.area_centi_m2, r.occupancy, r.usage, r.note or "")
        self.outcomes.append(RowOutcome(r.line, CREATE, code, "，".join(parts)))


def _contact_row(person_id: int, phone: PhoneNumber, primary: bool) -> dict[str, Any]:
    return {"person_id": person_id, "kind": phone.kind, "value": phone.value, "last4": phone.last4,
            "relation": Relation.SELF, "contact_name": "", "is_primary": primary, "valid": True, "version": 1}


def _apply_rooms(session: Session, w: Writer, estate_id: int, ops: _RoomOps, today: dt.date,
                 progress: ProgressFn | None, cancel: CancelFn | None) -> dict[str, int]:
    steps = 7
    step = 0

    def tick(text: str) -> None:
        nonlocal step
        _check_cancel(cancel)
        step += 1
        if progress is not None:
            progress(step, steps, text)

    buildings = dict(session.execute(
        select(m.Building.name, m.Building.id).where(m.Building.estate_id == estate_id)).all())
    names = list(ops.new_buildings)
    for name, bid in zip(names, _insert_returning_ids(w, m.Building.__table__, [
        {"estate_id": estate_id, "name": n, "floors": None, "sort_order": 0, "version": 1} for n in names
    ]), strict=True):
        buildings[name] = bid
    units = {(b, u): uid for uid, b, u in session.execute(
        select(m.Unit.id, m.Building.name, m.Unit.name).join(m.Building, m.Building.id == m.Unit.building_id)
        .where(m.Building.estate_id == estate_id))}
    keys = list(ops.new_units)
    for key, uid in zip(keys, _insert_returning_ids(w, m.Unit.__table__, [
        {"building_id": buildings[b], "name": u, "version": 1} for b, u in keys
    ]), strict=True):
        units[key] = uid
    tick("写入房屋")

    room_rows = []
    for r, values in ops.new_rooms:
        room_rows.append({
            "estate_id": estate_id, "building_id": buildings[r.code.building],
            "unit_id": None if r.code.unit is None else units[(r.code.building, r.code.unit)],
            "code": values["code"], "number": values["number"], "floor": values["floor"],
            "area_centi_m2": values["area_centi_m2"], "usage": values["usage"] or Usage.RESIDENTIAL,
            "occupancy": values["occupancy"] or Occupancy.OCCUPIED, "delivered_on": None,
            "direct_debit": False, "note": values["note"], "version": 1,
        })
    new_room_ids = dict(zip([row["code"] for row in room_rows],
                            _insert_returning_ids(w, m.Room.__table__, room_rows), strict=True))
    tick("写入房屋")
    if ops.room_updates:
        room = m.Room.__table__
        w.update(
            update(room).where(room.c.id == bindparam("b_id")).values(
                area_centi_m2=bindparam("area_centi_m2"), occupancy=bindparam("occupancy"),
                usage=bindparam("usage"), note=bindparam("note"), version=room.c.version + 1),
            ops.room_updates, what="房屋",
        )
    if ops.person_updates:
        person = m.Person.__table__
        w.update(
            update(person).where(person.c.id == bindparam("b_id"))
            .values(owner_type=bindparam("owner_type"), version=person.c.version + 1),
            ops.person_updates, what="业主",
        )
    if ops.ended_links:
        link = m.RoomPerson.__table__
        w.update(  # a link another desk ended meanwhile is a conflict (it is no longer current)
            update(link).where(link.c.id == bindparam("b_id"), link.c.end_date.is_(None))
            .values(end_date=today, version=link.c.version + 1),
            [{"b_id": i} for i in sorted(set(ops.ended_links))], what="住户关系",
        )
    tick("写入业主")

    person_rows = [{"name": name, "name_initials": name_initials(name), "id_number": None,
                    "owner_type": owner_type if role is PersonRole.OWNER else None,
                    "preferred_channel": None, "note": "", "version": 1}
                   for _key, role, name, owner_type, _phones in ops.new_persons]
    person_ids = _insert_returning_ids(w, m.Person.__table__, person_rows)
    tick("写入业主")
    link_rows = []
    contact_rows = list(ops.new_contacts)
    for (key, role, _name, _type, phones), pid in zip(ops.new_persons, person_ids, strict=True):
        room_id = key if isinstance(key, int) else new_room_ids[key]
        link_rows.append({"room_id": room_id, "person_id": pid, "role": role, "start_date": today,
                          "end_date": None, "pays_fees": False, "version": 1})
        contact_rows += [_contact_row(pid, phone, i == 0) for i, phone in enumerate(phones)]
    _bulk_insert(w, m.RoomPerson.__table__, link_rows)
    tick("写入联系方式")
    _bulk_insert(w, m.Contact.__table__, contact_rows)
    tick("写入联系方式")
    tick("完成")
    return {"rooms_created": len(room_rows), "persons_created": len(person_rows),
            "contacts_created": len(contact_rows)}


# ---------------------------------------------------------------------------
# Bills
# ---------------------------------------------------------------------------


@dataclass
class _BillState:
    id: int | None
    amount: int
    reduced: int  # discount + waived
    paid: int
    due_date: dt.date


@dataclass
class _BillOps:
    new_bills: list[dict[str, Any]] = field(default_factory=list)  # with "_paid", "_paid_on", "_key"
    bill_updates: list[dict[str, Any]] = field(default_factory=list)
    payments: list[dict[str, Any]] = field(default_factory=list)  # historic payments on existing bills


def _room_ids(session: Session, estate_id: int | None) -> dict[str, int]:
    if estate_id is None:
        return {}
    return dict(session.execute(select(m.Room.code, m.Room.id).where(m.Room.estate_id == estate_id)).all())


def _fee_items(session: Session) -> dict[str, tuple[int, str, int]]:
    """Name and code (both as written) -> (id, name, due_day)."""
    out: dict[str, tuple[int, str, int]] = {}
    for iid, code, name, due_day in session.execute(
        select(m.FeeItem.id, m.FeeItem.code, m.FeeItem.name, m.FeeItem.due_day).order_by(m.FeeItem.id)
    ):
        out.setdefault(name, (iid, name, due_day))
        out.setdefault(code, (iid, name, due_day))
        out.setdefault(code.upper(), (iid, name, due_day))
    return out


def _due_date(period: int, due_day: int) -> dt.date:
    year, month = divmod(period, 100)
    day = max(1, min(due_day, 28))
    return dt.date(year, month, day)


def _unknown_room(code: str) -> str:
    return f"房号不存在：{code}（请先导入房屋）"


class _BillPlanner:
    def __init__(self, session: Session, estate_id: int | None, records: Sequence[BillRecord]):
        self.ops = _BillOps()
        self.outcomes: list[RowOutcome] = []
        self.rejected: list[Rejected] = []
        self.estate_id = estate_id
        self.rooms = _room_ids(session, estate_id)
        self.items = _fee_items(session)
        self.bills: dict[tuple[int, int, int], _BillState] = {}
        wanted: dict[int, set[int]] = defaultdict(set)
        for r in records:
            rid = self.rooms.get(r.code.canonical)
            if rid is not None:
                wanted[rid].add(r.period)
        if wanted:
            lo = min(min(p) for p in wanted.values())
            hi = max(max(p) for p in wanted.values())
            for chunk in _chunks(sorted(wanted)):
                for bid, rid, iid, period, amount, disc, paid, waived, due in session.execute(
                    select(m.Bill.id, m.Bill.room_id, m.Bill.fee_item_id, m.Bill.period, m.Bill.amount_fen,
                           m.Bill.discount_fen, m.Bill.paid_fen, m.Bill.waived_fen, m.Bill.due_date)
                    .where(m.Bill.room_id.in_(chunk), m.Bill.period.between(lo, hi))
                ):
                    if period in wanted[rid]:
                        self.bills[(rid, iid, period)] = _BillState(bid, amount, disc + waived, paid, due)

    def _reject(self, r: BillRecord, reason: str) -> None:
        self.rejected.append(Rejected(r.line, (), (reason,)))
        self.outcomes.append(RowOutcome(r.line, REJECT, r.code.canonical, reason))

    def plan(self, records: Sequence[BillRecord]) -> None:
        for r in records:
            code = r.code.canonical
            room_id = self.rooms.get(code)
            if room_id is None:
                self._reject(r, _unknown_room(code))
                continue
            item = self.items.get(r.fee_item) or self.items.get(r.fee_item.upper())
            if item is None:
                self._reject(r, f"未知收费项目：“{r.fee_item}”")
                continue
            item_id, item_name, due_day = item
            key = (room_id, item_id, r.period)
            state = self.bills.get(key)
            period_text = f"{r.period // 100}-{r.period % 100:02d}"
            what = f"{item_name} {period_text}"
            if state is None:
                paid = r.paid_fen or 0
                due = r.due_date or _due_date(r.period, due_day)
                self.ops.new_bills.append({
                    "room_id": room_id, "fee_item_id": item_id, "period": r.period, "amount_fen": r.amount_fen,
                    "discount_fen": 0, "paid_fen": paid, "waived_fen": 0, "due_date": due,
                    "basis_note": "导入", "_paid_on": r.paid_on, "_line": r.line,
                })
                self.bills[key] = _BillState(None, r.amount_fen, 0, paid, due)
                detail = f"新增账单 {what} 应收 {_money(r.amount_fen)}"
                if paid:
                    detail += f"，已缴 {_money(paid)}（{r.paid_on}）"
                self.outcomes.append(RowOutcome(r.line, CREATE, code, detail))
                continue
            changes: list[str] = []
            amount = state.amount
            if r.amount_fen != state.amount:
                if state.paid or state.reduced:
                    self._reject(r, f"{what} 已有缴款或减免（已缴 {_money(state.paid)}），不能修改应收金额"
                                    f"（系统 {_money(state.amount)}，文件 {_money(r.amount_fen)}）；如需更正请先冲正")
                    continue
                changes.append(f"{what} 应收 {_money(state.amount)} → {_money(r.amount_fen)}")
                amount = r.amount_fen
            due = state.due_date
            if r.due_date is not None and r.due_date != state.due_date:
                changes.append(f"应缴日期改为 {r.due_date}")
                due = r.due_date
            extra = 0
            if r.paid_fen is not None and r.paid_fen != state.paid:
                if r.paid_fen < state.paid:
                    self._reject(r, f"{what} 文件中的已缴 {_money(r.paid_fen)} 少于系统中的 {_money(state.paid)}，"
                                    "不能减少；如需更正请冲正")
                    continue
                extra = r.paid_fen - state.paid
                if state.paid + extra + state.reduced > amount:
                    self._reject(r, f"{what} 已缴加减免将超过应收金额")
                    continue
                changes.append(f"{what} 补记历史缴款 {_money(extra)}（{r.paid_on}）")
            if not changes:
                self.outcomes.append(RowOutcome(r.line, UNCHANGED, code, ""))
                continue
            if amount != state.amount or due != state.due_date:
                self.ops.bill_updates.append({"b_id": state.id, "amount_fen": amount, "due_date": due})
            if extra:
                self.ops.payments.append({"bill_id": state.id, "room_id": room_id, "amount_fen": extra,
                                          "paid_on": r.paid_on, "_line": r.line,
                                          "_key": (room_id, item_id, r.period, r.paid_fen)})
            state.amount, state.due_date, state.paid = amount, due, state.paid + extra
            self.outcomes.append(RowOutcome(r.line, UPDATE, code, "；".join(changes)))


def _historic_payment(estate_id: int, actor: UserDTO, file_name: str, key: tuple[Any, ...], room_id: int,
                      amount: int, paid_on: dt.date, line: int) -> dict[str, Any]:
    return {
        "receipt_no": _receipt_no("bill-paid", estate_id, *key), "room_id": room_id, "payer_person_id": None,
        "kind": PaymentKind.PAYMENT, "amount_fen": amount, "paid_on": paid_on, "method": PaymentMethod.HISTORIC,
        "reverses_id": None, "reference": "", "note": f"历史导入：{file_name} 第 {line} 行",
        "operator_id": actor.id, "created_at": dt.datetime.now(dt.UTC),
    }


def _apply_bills(session: Session, w: Writer, estate_id: int, ops: _BillOps, actor: UserDTO, file_name: str,
                 progress: ProgressFn | None, cancel: CancelFn | None) -> dict[str, int]:
    _lock_rooms(w, [p["room_id"] for p in ops.payments])  # new bills get new payments: no lock needed
    _check_cancel(cancel)
    if progress is not None:
        progress(1, 4, "写入账单")
    now = dt.datetime.now(dt.UTC)
    bill_rows = [{k: v for k, v in b.items() if not k.startswith("_")} | {"created_at": now, "version": 1}
                 for b in ops.new_bills]
    bill_ids = _insert_returning_ids(w, m.Bill.__table__, bill_rows)
    _check_cancel(cancel)
    if progress is not None:
        progress(2, 4, "写入账单")
    if ops.bill_updates:
        bill = m.Bill.__table__
        w.update(  # the new amount must still cover what was paid meanwhile
            update(bill).where(bill.c.id == bindparam("b_id"),
                               bill.c.paid_fen + bill.c.discount_fen + bill.c.waived_fen <= bindparam("amount_fen"))
            .values(amount_fen=bindparam("amount_fen"), due_date=bindparam("due_date"), version=bill.c.version + 1),
            ops.bill_updates, what="账单",
        )
    payments: list[dict[str, Any]] = []
    targets: list[int] = []
    for b, bid in zip(ops.new_bills, bill_ids, strict=True):
        if b["paid_fen"]:
            key = (b["room_id"], b["fee_item_id"], b["period"], b["paid_fen"])
            payments.append(_historic_payment(estate_id, actor, file_name, key, b["room_id"], b["paid_fen"],
                                              b["_paid_on"], b["_line"]))
            targets.append(bid)
    for p in ops.payments:
        payments.append(_historic_payment(estate_id, actor, file_name, p["_key"], p["room_id"], p["amount_fen"],
                                          p["paid_on"], p["_line"]))
        targets.append(p["bill_id"])
    payment_ids = _insert_returning_ids(w, m.Payment.__table__, payments)
    _check_cancel(cancel)
    if progress is not None:
        progress(3, 4, "写入缴款")
    _bulk_insert(w, m.PaymentAllocation.__table__, [
        {"payment_id": pid, "bill_id": bid, "amount_fen": p["amount_fen"], "late_fee_fen": 0}
        for pid, bid, p in zip(payment_ids, targets, payments, strict=True)
    ])
    if ops.payments:
        bill = m.Bill.__table__
        w.update(  # never more than is still owed (another desk may have taken a payment meanwhile)
            update(bill).where(bill.c.id == bindparam("b_id"),
                               bill.c.paid_fen + bill.c.discount_fen + bill.c.waived_fen + bindparam("d")
                               <= bill.c.amount_fen)
            .values(paid_fen=bill.c.paid_fen + bindparam("d")),
            [{"b_id": p["bill_id"], "d": p["amount_fen"]} for p in ops.payments], what="账单已缴金额",
        )
    _check_cancel(cancel)
    if progress is not None:
        progress(4, 4, "完成")
    return {"bills_created": len(bill_rows), "bills_updated": len(ops.bill_updates),
            "payments_created": len(payments), "paid_fen": sum(p["amount_fen"] for p in payments)}


# ---------------------------------------------------------------------------
# Payments
# ---------------------------------------------------------------------------


class _PaymentPlanner:
    def __init__(self, session: Session, estate_id: int | None, records: Sequence[PaymentRecord],
                 default_method: PaymentMethod | None):
        self.session = session
        self.estate_id = estate_id
        self.default_method = default_method
        self.outcomes: list[RowOutcome] = []
        self.rejected: list[Rejected] = []
        self.new: list[tuple[PaymentRecord, int, PaymentMethod, str]] = []
        self.rooms = _room_ids(session, estate_id)
        self.keys = {r.line: self._key(r) for r in records}
        self.existing: dict[str, tuple[int, int, dt.date]] = {}
        numbers = sorted(set(self.keys.values()))
        for chunk in _chunks(numbers):
            for no, rid, amount, paid_on in session.execute(
                select(m.Payment.receipt_no, m.Payment.room_id, m.Payment.amount_fen, m.Payment.paid_on)
                .where(m.Payment.receipt_no.in_(chunk))
            ):
                self.existing[no] = (rid, amount, paid_on)

    def _key(self, r: PaymentRecord) -> str:
        if r.receipt_no is not None:
            return _receipt_no("pay", self.estate_id, r.receipt_no)
        return _receipt_no("pay", self.estate_id, r.code.canonical, r.paid_on.isoformat(), r.amount_fen, r.ordinal)

    def _reject(self, r: PaymentRecord, reason: str) -> None:
        self.rejected.append(Rejected(r.line, (), (reason,)))
        self.outcomes.append(RowOutcome(r.line, REJECT, r.code.canonical, reason))

    def plan(self, records: Sequence[PaymentRecord]) -> None:
        for r in records:
            code = r.code.canonical
            room_id = self.rooms.get(code)
            if room_id is None:
                self._reject(r, _unknown_room(code))
                continue
            number = self.keys[r.line]
            old = self.existing.get(number)
            if old is not None:
                if old != (room_id, r.amount_fen, r.paid_on):
                    self._reject(r, f"票据号 {r.receipt_no} 已导入过，但房号、金额或日期不同")
                else:
                    self.outcomes.append(RowOutcome(r.line, UNCHANGED, code, "已导入"))
                continue
            method = r.method or self.default_method
            if method is None:
                self._reject(r, "缺少缴费方式")
                continue
            self.new.append((r, room_id, method, number))
            self.outcomes.append(RowOutcome(
                r.line, CREATE, code, f"新增缴款 {_money(r.amount_fen)}（{r.paid_on}，{METHOD_ZH.get(method, '历史导入')}）"))


def _open_bills_of(session: Session, room_ids: Sequence[int]) -> dict[int, list[OpenBill]]:
    out: dict[int, list[OpenBill]] = defaultdict(list)
    outstanding = m.Bill.amount_fen - m.Bill.discount_fen - m.Bill.paid_fen - m.Bill.waived_fen
    unpaid = m.Bill.paid_fen + m.Bill.discount_fen + m.Bill.waived_fen < m.Bill.amount_fen
    for chunk in _chunks(sorted(set(room_ids))):
        for bid, rid, period, order, owed in session.execute(
            select(m.Bill.id, m.Bill.room_id, m.Bill.period, m.FeeItem.sort_order, outstanding)
            .join(m.FeeItem, m.FeeItem.id == m.Bill.fee_item_id)
            .where(m.Bill.room_id.in_(chunk), unpaid)
        ):
            out[rid].append(OpenBill(bill_id=bid, period=period, fee_item_order=order, outstanding_fen=owed))
    return out


def _apply_payments(session: Session, w: Writer, estate_id: int, planner: _PaymentPlanner, actor: UserDTO,
                    file_name: str, progress: ProgressFn | None, cancel: CancelFn | None) -> dict[str, int]:
    room_ids = [room_id for _r, room_id, _m, _n in planner.new]
    _lock_rooms(w, room_ids)
    open_bills = _open_bills_of(session, room_ids)
    now = dt.datetime.now(dt.UTC)
    ordered = sorted(planner.new, key=lambda x: (x[0].paid_on, x[0].line))
    rows = [{
        "receipt_no": number, "room_id": room_id, "payer_person_id": None, "kind": PaymentKind.PAYMENT,
        "amount_fen": r.amount_fen, "paid_on": r.paid_on, "method": method, "reverses_id": None,
        "reference": r.receipt_no or "", "note": (r.note or "") or f"导入：{file_name} 第 {r.line} 行",
        "operator_id": actor.id, "created_at": now,
    } for r, room_id, method, number in ordered]
    _check_cancel(cancel)
    if progress is not None:
        progress(1, 3, "写入缴款")
    payment_ids = _insert_returning_ids(w, m.Payment.__table__, rows)
    allocations: list[dict[str, Any]] = []
    credits: list[dict[str, Any]] = []
    paid_by_bill: dict[int, int] = defaultdict(int)
    for (r, room_id, _method, _number), pid in zip(ordered, payment_ids, strict=True):
        bills = open_bills.get(room_id, [])
        result = allocate(r.amount_fen, bills)
        left = dict(result.lines)
        for bill_id, fen in result.lines:
            allocations.append({"payment_id": pid, "bill_id": bill_id, "amount_fen": fen, "late_fee_fen": 0})
            paid_by_bill[bill_id] += fen
        open_bills[room_id] = [
            OpenBill(b.bill_id, b.period, b.fee_item_order, b.outstanding_fen - left.get(b.bill_id, 0))
            for b in bills if b.outstanding_fen - left.get(b.bill_id, 0) > 0
        ]
        if result.credit_fen:
            credits.append({"room_id": room_id, "amount_fen": result.credit_fen, "payment_id": pid,
                            "note": "预存（导入）", "created_at": now})
    _check_cancel(cancel)
    if progress is not None:
        progress(2, 3, "分配到账单")
    _bulk_insert(w, m.PaymentAllocation.__table__, allocations)
    _bulk_insert(w, m.CreditEntry.__table__, credits)
    if paid_by_bill:
        bill = m.Bill.__table__
        w.update(  # the allocation was computed from a snapshot: the bill must still owe as much
            update(bill).where(bill.c.id == bindparam("b_id"),
                               bill.c.paid_fen + bill.c.discount_fen + bill.c.waived_fen + bindparam("d")
                               <= bill.c.amount_fen)
            .values(paid_fen=bill.c.paid_fen + bindparam("d")),
            [{"b_id": bid, "d": fen} for bid, fen in sorted(paid_by_bill.items())], what="账单已缴金额",
        )
    _check_cancel(cancel)
    if progress is not None:
        progress(3, 3, "完成")
    return {"payments_created": len(rows), "paid_fen": sum(r["amount_fen"] for r in rows),
            "credit_fen": sum(c["amount_fen"] for c in credits)}


# ---------------------------------------------------------------------------
# Public use cases
# ---------------------------------------------------------------------------


@dataclass
class _Planned:
    plan: ImportPlan
    estate_id: int | None
    planner: Any


def _plan(session: Session, sheet: SheetData, guess: HeaderGuess, *, estate: str | None, today: dt.date,
          default_method: PaymentMethod | None, progress: ProgressFn | None, cancel: CancelFn | None,
          parsed: ParsedSheet | None = None) -> _Planned:
    kind = guess.kind
    if guess.header_row is None:
        raise DomainError("import.no_header", kinds=KIND_ZH[kind])
    problems = mapping_problems(kind, guess.mapping)
    if problems:
        raise DomainError("import.mapping_invalid", problems="；".join(problems))
    estate_id, estate_name = _resolve_estate(session, kind, estate)

    def parse_progress(done: int, total: int, _text: str) -> None:
        if progress is not None:
            progress(done, total * 2 or 1, "检查数据")

    if parsed is None or parsed.kind is not kind:
        parsed = parse_rows(sheet.rows, guess, today=today, progress=parse_progress, cancel=cancel)
    _check_cancel(cancel)
    records = parsed.records
    if kind is ImportKind.ROOMS:
        planner: Any = _RoomPlanner(session, estate_id, records, today)  # type: ignore[arg-type]
    elif kind is ImportKind.BILLS:
        planner = _BillPlanner(session, estate_id, records)  # type: ignore[arg-type]
    else:
        planner = _PaymentPlanner(session, estate_id, records, default_method)  # type: ignore[arg-type]
    _check_cancel(cancel)
    if progress is not None:
        progress(len(sheet.rows), len(sheet.rows) * 2 or 1, "与数据库比对")
    planner.plan(records)
    _check_cancel(cancel)

    cells_by_line = {i + 1: row for i, row in enumerate(sheet.rows)}
    db_rejected = [Rejected(x.line, tuple(cell_text(v) or "" for v in cells_by_line.get(x.line, ())), x.reasons)
                   for x in planner.rejected]
    rejected = tuple(sorted(parsed.rejected + tuple(db_rejected), key=lambda x: x.line))
    outcomes = list(planner.outcomes)
    outcomes += [RowOutcome(x.line, REJECT, "", x.reason_text) for x in parsed.rejected]
    counts = defaultdict(int)
    for o in outcomes:
        counts[o.action] += 1
    plan = ImportPlan(
        kind=kind, file_name=sheet.file_name, sheet=sheet.sheet, estate_name=estate_name,
        estate_is_new=estate_id is None, header_row=guess.header_row, mapping=dict(guess.mapping),
        outcomes=_ordinal_outcomes(outcomes), rejected=rejected, skipped=parsed.skipped,
        created=counts[CREATE], updated=counts[UPDATE], unchanged=counts[UNCHANGED], today=today, parsed=parsed,
    )
    if progress is not None:
        progress(1, 1, "检查完成")
    return _Planned(plan, estate_id, planner)


@read_only
def plan_import(
    session: Session,
    sheet: SheetData,
    guess: HeaderGuess,
    *,
    estate: str | None = None,
    today: dt.date | None = None,
    default_method: PaymentMethod | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> ImportPlan:
    """Preview an import of ``sheet`` read with ``guess`` (header row and column mapping); writes nothing.

    ``estate`` names the target estate (see the module docstring); ``today`` (default: the
    computer's date) bounds periods and dates; ``default_method`` is used for payment rows
    without a method.
    """
    return _plan(session, sheet, guess, estate=estate, today=today or dt.date.today(),
                 default_method=default_method, progress=progress, cancel=cancel).plan


@long_write
def commit_import(
    target: Session | Transactions,
    sheet: SheetData,
    guess: HeaderGuess,
    *,
    actor: UserDTO,
    estate: str | None = None,
    today: dt.date | None = None,
    default_method: PaymentMethod | None = None,
    accept_valid: bool = False,
    preview: ImportPlan | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> ImportResult:
    """Import ``sheet`` and record it in the audit log, all or nothing.

    ``target`` is either the caller's session (everything is written in its transaction; the
    caller commits) or, from the GUI and the command line, the database's ``Transactions``: then the
    rows are checked in a read snapshot and staged in chunks without the write lock, and published
    in one short transaction (``services/batch.py``), so a large import never makes a payment at
    another desk wait. With rejected rows nothing is written (``DomainError("import.rows_rejected")``)
    unless ``accept_valid`` is True, which imports the valid rows only. ``preview``, a plan of the
    same sheet and mapping, saves checking the rows again (the database is always compared anew).
    """
    options = {"estate": estate, "today": today or dt.date.today(), "default_method": default_method,
               "accept_valid": accept_valid, "preview": preview, "progress": progress, "cancel": cancel}
    if isinstance(target, Session):
        actor = authorize(target, actor, Permission.IMPORT_DATA)
        plan, estate_id, counts = _stage_import(target, DirectWriter(target), sheet, guess, actor=actor, **options)
        _audit_import(target, actor, sheet, plan, estate_id, counts)
        target.flush()
        return ImportResult(plan=plan, **counts)
    def staging(done: int, total: int, text: str) -> None:  # checking and staging: up to 95 %
        if progress is not None:
            progress(done * 95 // max(total, 1), 100, text)

    with StagedWrite(target, progress=None, cancel=cancel) as w:
        with target.read.begin() as session:
            who = authorize(session, actor, Permission.IMPORT_DATA)
            plan, estate_id, counts = _stage_import(session, w, sheet, guess, actor=who,
                                                    **(options | {"progress": staging}))

        def finish(s: Session, ids: IdMap) -> None:
            who = authorize(s, actor, Permission.IMPORT_DATA)  # still allowed now that it is written
            _audit_import(s, who, sheet, plan, ids.real(m.Estate.__table__, estate_id), counts)

        if progress is not None:
            progress(96, 100, "提交")
        w.publish(finish)
    if progress is not None:
        progress(100, 100, "完成")
    return ImportResult(plan=plan, **counts)


def _audit_import(session: Session, actor: UserDTO, sheet: SheetData, plan: ImportPlan, estate_id: int,
                  counts: dict[str, int]) -> None:
    audit.record(
        session, actor, f"import.{plan.kind.value}", "estate", estate_id, file=sheet.file_name, sheet=sheet.sheet,
        estate=plan.estate_name, created=plan.created, updated=plan.updated, unchanged=plan.unchanged,
        rejected=plan.rejected_count, skipped=len(plan.skipped), rejected_lines=[x.line for x in plan.rejected][:200],
        **counts,
    )


def _stage_import(session: Session, w: Writer, sheet: SheetData, guess: HeaderGuess, *, actor: UserDTO,
                  estate: str | None,
                  today: dt.date, default_method: PaymentMethod | None, accept_valid: bool,
                  preview: ImportPlan | None, progress: ProgressFn | None,
                  cancel: CancelFn | None) -> tuple[ImportPlan, int, dict[str, int]]:
    """Check the rows against ``session`` and hand what to write to ``w``: (plan, estate id, counts)."""
    parsed = None
    if (preview is not None and preview.today == today and preview.file_name == sheet.file_name
            and preview.sheet == sheet.sheet and dict(preview.mapping) == dict(guess.mapping)
            and preview.header_row == guess.header_row):
        parsed = preview.parsed

    def plan_progress(done: int, total: int, text: str) -> None:
        if progress is not None:
            progress(done, total * 2, text)

    planned = _plan(session, sheet, guess, estate=estate, today=today, default_method=default_method,
                    progress=plan_progress, cancel=cancel, parsed=parsed)
    plan = planned.plan
    if plan.rejected and not accept_valid:
        raise DomainError("import.rows_rejected", count=plan.rejected_count)
    estate_id = planned.estate_id
    if estate_id is None:
        n = session.scalar(select(func.count()).select_from(m.Estate)) or 0
        code = f"E{n + 1:03d}"
        while session.scalar(select(m.Estate.id).where(m.Estate.code == code)) is not None:
            n += 1
            code = f"E{n + 1:03d}"
        estate_id = w.insert(m.Estate.__table__, [{"code": code, "name": plan.estate_name}])[0]
        planned.planner.estate_id = estate_id

    def write_progress(done: int, total: int, text: str) -> None:
        if progress is not None:
            progress(total + done, total * 2, text)

    counts: dict[str, int]
    if plan.kind is ImportKind.ROOMS:
        counts = _apply_rooms(session, w, estate_id, planned.planner.ops, today, write_progress, cancel)
    elif plan.kind is ImportKind.BILLS:
        counts = _apply_bills(session, w, estate_id, planned.planner.ops, actor, sheet.file_name,
                              write_progress, cancel)
    else:
        counts = _apply_payments(session, w, estate_id, planned.planner, actor, sheet.file_name,
                                 write_progress, cancel)
    return plan, estate_id, counts

