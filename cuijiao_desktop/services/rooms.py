"""Owners and rooms (业主与房屋): the paged room list, room and person details, edits, tenant changes.

Reads aggregate in SQL and return frozen rows; writes validate drafts, carry the
version the clerk read (a stale save raises ``ConflictError``) and are audited.
Every service that creates or renames a person fills ``Person.name_initials``
with :func:`~cuijiao_desktop.domain.pinyin.name_initials` (the one rule, shared with the import
and the demo) so that ``zs`` finds 张三 in the search box.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from sqlalchemy import and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from cuijiao_desktop.db.models import Bill, Building, Contact, Estate, Person, Room, RoomPerson, Unit
from cuijiao_desktop.domain.enums import (
    Channel,
    ContactKind,
    Occupancy,
    OwnerType,
    PersonRole,
    Relation,
    Usage,
)
from cuijiao_desktop.domain.errors import NotFound, ValidationError
from cuijiao_desktop.domain.masking import phone_last4
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.phones import normalize_phone
from cuijiao_desktop.domain.pinyin import name_initials
from cuijiao_desktop.domain.rooms import (
    RoomCode,
    RoomQuery,
    normalize_building,
    normalize_room,
    normalize_unit,
    parse_room_query,
)

from . import audit
from .actor import authorize
from .arrears import UNPAID  # the unpaid-bill index's condition, written so SQLite uses the index
from .dto import NamedId, UserDTO
from .payments import OUTSTANDING
from .tx import read_only
from .versions import check_version, flush_or_conflict

__all__ = [
    "PAGE_SIZE",
    "SORT_KEYS",
    "ContactDraft",
    "ContactInfo",
    "FilterOptions",
    "LinkInfo",
    "PersonDraft",
    "RoomDetail",
    "RoomDraft",
    "RoomFilter",
    "RoomPage",
    "RoomRow",
    "change_tenant",
    "end_tenancy",
    "get_person_draft",
    "get_room_detail",
    "list_rooms",
    "name_initials",
    "parse_area",
    "room_arrears",
    "room_filter_options",
    "save_person",
    "save_room",
    "validate_person_draft",
    "validate_room_draft",
]

PAGE_SIZE = 100
MAX_NAME = 64
MAX_AREA_CENTI = 100_000_00  # 100,000 m²: anything above is a typing error

# ---------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class RoomFilter:
    """What the rooms page filters on; ``None`` means "any"."""

    estate_id: int | None = None
    building_id: int | None = None
    unit_id: int | None = None
    occupancy: Occupancy | None = None
    owner_type: OwnerType | None = None
    has_arrears: bool | None = None
    text: str = ""


@dataclass(frozen=True)
class RoomRow:
    """One line of the rooms page. ``phone_masked`` shows only the last 4 digits."""

    room_id: int
    code: str
    display_code: str
    estate_id: int
    estate_name: str
    building: str
    unit: str | None
    number: str
    area_centi_m2: int
    usage: Usage
    occupancy: Occupancy
    owner_name: str
    owner_type: OwnerType | None
    phone_masked: str
    tenant_name: str
    arrears_fen: int


@dataclass(frozen=True)
class RoomPage:
    """A window of the filtered, sorted room list and the size of the whole filtered list."""

    rows: tuple[RoomRow, ...]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True)
class FilterOptions:
    """Choices of the cascading estate / building / unit combos."""

    estates: tuple[NamedId, ...]
    buildings: tuple[NamedId, ...]
    units: tuple[NamedId, ...]


@dataclass(frozen=True)
class ContactInfo:
    """A contact of a person, unmasked (the detail view and the edit dialog)."""

    contact_id: int
    kind: ContactKind
    value: str
    relation: Relation
    contact_name: str
    is_primary: bool
    valid: bool


@dataclass(frozen=True)
class LinkInfo:
    """A person's link to a room, with its dates (history is kept: ``end_date`` set, never deleted)."""

    link_id: int
    person_id: int
    name: str
    role: PersonRole
    start_date: date | None
    end_date: date | None
    pays_fees: bool
    owner_type: OwnerType | None
    contacts: tuple[ContactInfo, ...]

    @property
    def current(self) -> bool:
        """True while the link has no end date."""
        return self.end_date is None


@dataclass(frozen=True)
class RoomDetail:
    """A room with its current and past owners and tenants."""

    room_id: int
    version: int
    estate_id: int
    estate_name: str
    building: str
    unit: str | None
    number: str
    code: str
    display_code: str
    area_centi_m2: int
    usage: Usage
    occupancy: Occupancy
    delivered_on: date | None
    direct_debit: bool
    note: str
    links: tuple[LinkInfo, ...]

    @property
    def owners(self) -> tuple[LinkInfo, ...]:
        """Current owners."""
        return tuple(x for x in self.links if x.role is PersonRole.OWNER and x.current)

    @property
    def tenant(self) -> LinkInfo | None:
        """The current tenant, if any."""
        return next((x for x in self.links if x.role is PersonRole.TENANT and x.current), None)

    @property
    def past_links(self) -> tuple[LinkInfo, ...]:
        """Ended links, newest first."""
        ended = [x for x in self.links if not x.current]
        return tuple(sorted(ended, key=lambda x: (x.end_date or date.min, x.link_id), reverse=True))


@dataclass(frozen=True)
class RoomDraft:
    """What the room dialog sends. ``room_id`` None creates; ``area`` is the text typed (m²)."""

    estate_id: int | None
    building: str
    unit: str
    number: str
    area: str
    usage: Usage = Usage.RESIDENTIAL
    occupancy: Occupancy = Occupancy.OCCUPIED
    delivered_on: date | None = None
    direct_debit: bool = False
    note: str = ""
    room_id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class ContactDraft:
    """One contact line of the person dialog; ``contact_id`` None adds it."""

    kind: ContactKind
    value: str
    relation: Relation = Relation.SELF
    contact_name: str = ""
    is_primary: bool = False
    valid: bool = True
    contact_id: int | None = None


@dataclass(frozen=True)
class PersonDraft:
    """What the person dialog sends: the person and all their contacts (missing ones are removed)."""

    name: str
    owner_type: OwnerType | None = None
    preferred_channel: Channel | None = None
    id_number: str = ""
    note: str = ""
    contacts: tuple[ContactDraft, ...] = field(default_factory=tuple)
    person_id: int | None = None
    version: int | None = None


# ---------------------------------------------------------------- pure validation


def parse_area(text: str) -> int:
    """``"89.37"``, ``"89.37㎡"``, ``"１２０"`` -> area in 0.01 m² (8937). Must be more than zero."""
    s = unicodedata.normalize("NFKC", str(text or "")).strip()
    s = re.sub(r"\s*(㎡|m2|m²|平方米|平米)$", "", s, flags=re.IGNORECASE).replace(",", "")
    if not s:
        raise ValidationError("room.area_required", field="area")
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?|-[0-9.]+", s, flags=re.ASCII):
        raise ValidationError("room.area_invalid", field="area", text=text)
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise ValidationError("room.area_invalid", field="area", text=text) from None
    if value <= 0:
        raise ValidationError("room.area_not_positive", field="area")
    centi = value * 100
    if centi != centi.to_integral_value():
        raise ValidationError("room.area_too_precise", field="area")
    if centi > MAX_AREA_CENTI:
        raise ValidationError("room.area_too_large", field="area")
    return int(centi)


def validate_room_draft(draft: RoomDraft) -> list[ValidationError]:
    """Every problem of the draft, each with its ``field`` (the dialog shows them all at once)."""
    errors: list[ValidationError] = []
    if draft.estate_id is None:
        errors.append(ValidationError("room.estate_required", field="estate"))
    if not draft.building.strip():
        errors.append(ValidationError("room.building_required", field="building"))
    else:
        try:
            normalize_building(draft.building)
        except ValidationError as e:
            errors.append(e)
    if draft.unit.strip():
        try:
            normalize_unit(draft.unit)
        except ValidationError as e:
            errors.append(e)
    if not draft.number.strip():
        errors.append(ValidationError("room.number_required", field="room"))
    else:
        try:
            normalize_room(draft.number)
        except ValidationError as e:
            errors.append(e)
    try:
        parse_area(draft.area)
    except ValidationError as e:
        errors.append(e)
    if len(draft.note) > 2000:
        errors.append(ValidationError("validation.too_long", field="note"))
    return errors


_ID_NUMBER = re.compile(r"[0-9]{17}[0-9X]|[0-9]{15}")


def validate_person_draft(draft: PersonDraft) -> list[ValidationError]:
    """Every problem of the person and their contacts (contact fields are ``contacts.<i>.value``)."""
    errors: list[ValidationError] = []
    name = _clean_name(draft.name)
    if not name:
        errors.append(ValidationError("person.name_required", field="name"))
    elif len(name) > MAX_NAME:
        errors.append(ValidationError("validation.too_long", field="name"))
    idn = unicodedata.normalize("NFKC", draft.id_number or "").strip().upper()
    if idn and not _ID_NUMBER.fullmatch(idn):
        errors.append(ValidationError("person.id_number_invalid", field="id_number"))
    for i, c in enumerate(draft.contacts):
        try:
            _contact_value(c, i)
        except ValidationError as e:
            errors.append(e)
    if sum(1 for c in draft.contacts if c.is_primary) > 1:
        errors.append(ValidationError("person.two_primary_contacts", field="contacts"))
    return errors


def _clean_name(name: str) -> str:
    s = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name or "")).strip()
    # a space inside a Chinese name is noise: "张 三" -> "张三"
    return re.sub(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])", "", s)


def _contact_value(c: ContactDraft, index: int) -> tuple[ContactKind, str, str]:
    """(kind, stored value, last4) of a contact line, or a ValidationError for its field."""
    where = f"contacts.{index}.value"
    kind = ContactKind(c.kind)
    value = unicodedata.normalize("NFKC", c.value or "").strip()
    if kind in (ContactKind.MOBILE, ContactKind.LANDLINE):
        phone = normalize_phone(value, field=where)
        return phone.kind, phone.value, phone.last4
    if not value:
        raise ValidationError("contact.value_required", field=where)
    if kind is ContactKind.EMAIL and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise ValidationError("contact.email_invalid", field=where, text=value)
    if len(value) > 128:
        raise ValidationError("validation.too_long", field=where)
    return kind, value, ""


def _first(errors: list[ValidationError]) -> None:
    if errors:
        raise errors[0]


# ---------------------------------------------------------------- shared SQL pieces


def room_arrears(session: Session, room_ids: Iterable[int], *, today: date) -> dict[int, int]:
    """Overdue outstanding fen per room (bills due before ``today``), for a handful of rooms."""
    ids = sorted(set(room_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(Bill.room_id, func.sum(OUTSTANDING))
        .where(Bill.room_id.in_(ids), UNPAID, Bill.due_date < today)
        .group_by(Bill.room_id)
    ).all()
    return {rid: int(fen or 0) for rid, fen in rows}


def _current(role: PersonRole):
    return and_(RoomPerson.role == role, RoomPerson.end_date.is_(None))


def _phone_rank():
    """Order contacts so the person's primary, valid phone comes first."""
    return (
        Contact.person_id,
        case((Contact.kind.in_([ContactKind.MOBILE, ContactKind.LANDLINE]), 0), else_=1),
        case((Contact.is_primary, 0), else_=1),
        case((Contact.valid, 0), else_=1),
        Contact.id,
    )


def primary_phones(session: Session, person_ids: Iterable[int]) -> dict[int, str]:
    """The primary phone number of each person (unmasked: mask at the edge)."""
    ids = sorted(set(person_ids))
    if not ids:
        return {}
    out: dict[int, str] = {}
    rows = session.execute(
        select(Contact.person_id, Contact.value, Contact.kind)
        .where(Contact.person_id.in_(ids))
        .order_by(*_phone_rank())
    ).all()
    for pid, value, kind in rows:
        if pid not in out and kind in (ContactKind.MOBILE, ContactKind.LANDLINE):
            out[pid] = value
    return out


def current_people(
    session: Session, room_ids: Sequence[int]
) -> dict[int, dict[PersonRole, tuple[int, str, OwnerType | None]]]:
    """room id -> role -> (person id, name, owner type) of the first current owner and tenant."""
    out: dict[int, dict[PersonRole, tuple[int, str, OwnerType | None]]] = {}
    if not room_ids:
        return out
    rows = session.execute(
        select(RoomPerson.room_id, RoomPerson.role, Person.id, Person.name, Person.owner_type)
        .join(Person, Person.id == RoomPerson.person_id)
        .where(RoomPerson.room_id.in_(sorted(set(room_ids))), RoomPerson.end_date.is_(None),
               RoomPerson.role.in_([PersonRole.OWNER, PersonRole.TENANT]))
        .order_by(RoomPerson.room_id, RoomPerson.id)
    ).all()
    for rid, role, pid, name, otype in rows:
        out.setdefault(rid, {}).setdefault(role, (pid, name, otype))
    return out


def prefix_match(col, prefix: str, dialect: str) -> ColumnElement[bool]:
    """``col`` starts with ``prefix``, written so that an index on ``col`` is used.

    SQLite compares BINARY (UTF-8 byte order = code point order): a range on the
    column; the ``substr`` check keeps it exact. Elsewhere: LIKE with escapes.
    """
    if dialect == "sqlite":
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return and_(col >= prefix, col < upper, func.substr(col, 1, len(prefix)) == prefix)
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return col.like(escaped + "%", escape="\\")


def room_code_condition(rq: RoomQuery, dialect: str) -> ColumnElement[bool]:
    """The rooms a typed (partial) code names: the building and unit by name, the number by how it
    starts. The statement joins ``Building`` and outer-joins ``Unit``."""
    parts = []
    if rq.building is not None:
        parts.append(Building.name == rq.building)
    if rq.unit is not None:
        parts.append(Unit.name == rq.unit)
    if rq.room is not None:
        parts.append(prefix_match(Room.number, rq.room, dialect))
    return and_(*parts)


def display_code(code: str) -> str:
    """``"3-2-1502"`` -> ``"3栋2单元1502"``; other text unchanged."""
    parts = code.split("-")
    if len(parts) == 3:
        return RoomCode(parts[0], parts[1], parts[2]).display
    if len(parts) == 2:
        return RoomCode(parts[0], None, parts[1]).display
    return code


# ---------------------------------------------------------------- the room list

#: Sort keys of :func:`list_rooms` (the model's columns map onto these).
SORT_KEYS = ("code", "estate", "area", "usage", "occupancy", "owner", "owner_type", "tenant", "arrears")


def _person_of(role: PersonRole, column):
    return (
        select(column)
        .select_from(RoomPerson)
        .join(Person, Person.id == RoomPerson.person_id)
        .where(RoomPerson.room_id == Room.id, _current(role))
        .order_by(RoomPerson.id)
        .limit(1)
        .scalar_subquery()
    )


def _text_condition(session: Session, text: str, today: date) -> ColumnElement[bool] | None:
    s = unicodedata.normalize("NFKC", text or "").strip()
    if not s:
        return None
    dialect = session.get_bind().dialect.name
    conditions: list[ColumnElement[bool]] = []
    rq = parse_room_query(s)
    if rq is not None:
        conditions.append(room_code_condition(rq, dialect))
    person_match: list[ColumnElement[bool]] = []
    if re.search(r"[\u3400-\u9fff]", s):
        person_match.append(Person.name.contains(s, autoescape=True))
    elif re.fullmatch(r"[A-Za-z]{1,32}", s):
        person_match.append(prefix_match(Person.name_initials, s.lower(), dialect))
    if person_match:
        conditions.append(
            exists().where(RoomPerson.room_id == Room.id, RoomPerson.end_date.is_(None),
                           Person.id == RoomPerson.person_id, or_(*person_match))
        )
    digits = re.sub(r"[^0-9]", "", s, flags=re.ASCII)
    if len(digits) >= 4 and digits == s.replace(" ", "").replace("-", ""):
        conditions.append(
            exists().where(RoomPerson.room_id == Room.id, RoomPerson.end_date.is_(None),
                           Contact.person_id == RoomPerson.person_id, Contact.last4 == digits[-4:])
        )
    if not conditions:
        return literal(False)
    return or_(*conditions)


def _arrears_exists(today: date):
    return exists().where(Bill.room_id == Room.id, UNPAID, Bill.due_date < today)


def _filtered(session: Session, stmt, flt: RoomFilter, today: date):
    if flt.estate_id is not None:
        stmt = stmt.where(Room.estate_id == flt.estate_id)
    if flt.building_id is not None:
        stmt = stmt.where(Room.building_id == flt.building_id)
    if flt.unit_id is not None:
        stmt = stmt.where(Room.unit_id == flt.unit_id)
    if flt.occupancy is not None:
        stmt = stmt.where(Room.occupancy == Occupancy(flt.occupancy))
    if flt.owner_type is not None:
        stmt = stmt.where(
            exists().where(RoomPerson.room_id == Room.id, _current(PersonRole.OWNER),
                           Person.id == RoomPerson.person_id, Person.owner_type == OwnerType(flt.owner_type))
        )
    if flt.has_arrears is not None:
        stmt = stmt.where(_arrears_exists(today) if flt.has_arrears else ~_arrears_exists(today))
    cond = _text_condition(session, flt.text, today)
    if cond is not None:
        stmt = stmt.where(cond)
    return stmt


def _order(sort: str, descending: bool, today: date) -> list:
    natural = [Room.estate_id, Building.sort_order, Building.name, func.coalesce(Unit.name, ""),
               func.length(Room.number), Room.number]
    if sort == "code":
        keys: list = natural
    elif sort == "estate":
        keys = [Estate.name, *natural[1:]]
    elif sort == "area":
        keys = [Room.area_centi_m2]
    elif sort == "usage":
        keys = [Room.usage]
    elif sort == "occupancy":
        keys = [Room.occupancy]
    elif sort == "owner":
        keys = [func.coalesce(_person_of(PersonRole.OWNER, Person.name), "")]
    elif sort == "owner_type":
        keys = [func.coalesce(_person_of(PersonRole.OWNER, Person.owner_type), "")]
    elif sort == "tenant":
        keys = [func.coalesce(_person_of(PersonRole.TENANT, Person.name), "")]
    elif sort == "arrears":
        keys = [
            func.coalesce(
                select(func.sum(OUTSTANDING)).where(Bill.room_id == Room.id, UNPAID, Bill.due_date < today)
                .scalar_subquery(), 0)
        ]
    else:
        raise ValueError(f"unknown sort key {sort!r}")
    ordered = [k.desc() if descending else k.asc() for k in keys]
    if sort != "code":
        ordered += natural  # stable, readable tie-break
    return [*ordered, Room.id]


@read_only
def list_rooms(
    session: Session,
    *,
    filters: RoomFilter = RoomFilter(),
    sort: str = "code",
    descending: bool = False,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    today: date,
) -> RoomPage:
    """A page of rooms filtered, sorted and paged in SQL; owner, tenant, phone and arrears filled per page."""
    if sort not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort!r}")
    offset, limit = max(0, int(offset)), max(1, int(limit))
    base = (
        select(Room.id)
        .join(Building, Building.id == Room.building_id)
        .join(Estate, Estate.id == Room.estate_id)
        .outerjoin(Unit, Unit.id == Room.unit_id)
    )
    base = _filtered(session, base, filters, today)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    if offset >= total and total:
        offset = (total - 1) // limit * limit
    ids = list(session.scalars(base.order_by(*_order(sort, descending, today)).offset(offset).limit(limit)))
    return RoomPage(rows=tuple(_room_rows(session, ids, today)), total=total, offset=offset, limit=limit)


def _room_rows(session: Session, ids: list[int], today: date) -> list[RoomRow]:
    if not ids:
        return []
    rows = session.execute(
        select(Room.id, Room.code, Room.estate_id, Estate.name, Building.name, Unit.name, Room.number,
               Room.area_centi_m2, Room.usage, Room.occupancy)
        .join(Building, Building.id == Room.building_id)
        .join(Estate, Estate.id == Room.estate_id)
        .outerjoin(Unit, Unit.id == Room.unit_id)
        .where(Room.id.in_(ids))
    ).all()
    people = current_people(session, ids)
    owner_ids = [p[PersonRole.OWNER][0] for p in people.values() if PersonRole.OWNER in p]
    phones = primary_phones(session, owner_ids)
    arrears = room_arrears(session, ids, today=today)
    by_id = {r[0]: r for r in rows}
    out = []
    for rid in ids:
        r = by_id[rid]
        linked = people.get(rid, {})
        owner = linked.get(PersonRole.OWNER)
        tenant = linked.get(PersonRole.TENANT)
        phone = phones.get(owner[0], "") if owner else ""
        out.append(RoomRow(
            room_id=rid, code=r[1], display_code=display_code(r[1]), estate_id=r[2], estate_name=r[3], building=r[4],
            unit=r[5], number=r[6], area_centi_m2=r[7], usage=r[8], occupancy=r[9],
            owner_name=owner[1] if owner else "", owner_type=owner[2] if owner else None,
            phone_masked=phone_last4(phone) if phone else "", tenant_name=tenant[1] if tenant else "",
            arrears_fen=arrears.get(rid, 0),
        ))
    return out


@read_only
def room_filter_options(session: Session) -> FilterOptions:
    """Estates, buildings and units for the cascading filter combos (small tables)."""
    estates = session.execute(select(Estate.id, Estate.name).order_by(Estate.id)).all()
    buildings = session.execute(
        select(Building.id, Building.name, Building.estate_id)
        .order_by(Building.estate_id, Building.sort_order, func.length(Building.name), Building.name)
    ).all()
    units = session.execute(
        select(Unit.id, Unit.name, Unit.building_id).order_by(Unit.building_id, func.length(Unit.name), Unit.name)
    ).all()
    return FilterOptions(
        estates=tuple(NamedId(i, n) for i, n in estates),
        buildings=tuple(NamedId(i, f"{n}栋", e) for i, n, e in buildings),
        units=tuple(NamedId(i, f"{n}单元", b) for i, n, b in units),
    )


# ---------------------------------------------------------------- details


def _contacts(session: Session, person_ids: Iterable[int]) -> dict[int, tuple[ContactInfo, ...]]:
    ids = sorted(set(person_ids))
    out: dict[int, list[ContactInfo]] = {}
    if not ids:
        return {}
    for c in session.scalars(select(Contact).where(Contact.person_id.in_(ids)).order_by(*_phone_rank())):
        out.setdefault(c.person_id, []).append(ContactInfo(
            contact_id=c.id, kind=c.kind, value=c.value, relation=c.relation, contact_name=c.contact_name,
            is_primary=c.is_primary, valid=c.valid))
    return {k: tuple(v) for k, v in out.items()}


@read_only
def get_room_detail(session: Session, room_id: int) -> RoomDetail:
    """The room, its owners and tenants (current and past, with dates) and their contacts."""
    row = session.execute(
        select(Room, Estate.name, Building.name, Unit.name)
        .join(Estate, Estate.id == Room.estate_id)
        .join(Building, Building.id == Room.building_id)
        .outerjoin(Unit, Unit.id == Room.unit_id)
        .where(Room.id == room_id)
    ).first()
    if row is None:
        raise NotFound("room.not_found", room_id=room_id)
    room, estate_name, building, unit = row
    links = session.execute(
        select(RoomPerson, Person).join(Person, Person.id == RoomPerson.person_id)
        .where(RoomPerson.room_id == room_id)
        .order_by(RoomPerson.end_date.is_not(None), RoomPerson.role, RoomPerson.start_date, RoomPerson.id)
    ).all()
    contacts = _contacts(session, [p.id for _, p in links])
    return RoomDetail(
        room_id=room.id, version=room.version, estate_id=room.estate_id, estate_name=estate_name,
        building=building, unit=unit, number=room.number, code=room.code, display_code=display_code(room.code),
        area_centi_m2=room.area_centi_m2, usage=room.usage, occupancy=room.occupancy,
        delivered_on=room.delivered_on, direct_debit=room.direct_debit, note=room.note,
        links=tuple(
            LinkInfo(link_id=link.id, person_id=p.id, name=p.name, role=link.role, start_date=link.start_date,
                     end_date=link.end_date, pays_fees=link.pays_fees, owner_type=p.owner_type,
                     contacts=contacts.get(p.id, ()))
            for link, p in links
        ),
    )


@read_only
def get_person_draft(session: Session, person_id: int) -> PersonDraft:
    """A draft filled from the stored person, for the edit dialog (carries the version)."""
    p = session.get(Person, person_id)
    if p is None:
        raise NotFound("person.not_found", person_id=person_id)
    return PersonDraft(
        name=p.name, owner_type=p.owner_type, preferred_channel=p.preferred_channel, id_number=p.id_number or "",
        note=p.note, person_id=p.id, version=p.version,
        contacts=tuple(
            ContactDraft(kind=c.kind, value=c.value, relation=c.relation, contact_name=c.contact_name,
                         is_primary=c.is_primary, valid=c.valid, contact_id=c.id)
            for c in session.scalars(select(Contact).where(Contact.person_id == p.id).order_by(Contact.id))
        ),
    )


# ---------------------------------------------------------------- writes


def _building_and_unit(session: Session, estate_id: int, building: str, unit: str | None) -> tuple[int, int | None]:
    b = session.scalar(select(Building).where(Building.estate_id == estate_id, Building.name == building))
    if b is None:
        top = session.scalar(select(func.max(Building.sort_order)).where(Building.estate_id == estate_id)) or 0
        b = Building(estate_id=estate_id, name=building, sort_order=top + 1)
        session.add(b)
        session.flush()
    if unit is None:
        return b.id, None
    u = session.scalar(select(Unit).where(Unit.building_id == b.id, Unit.name == unit))
    if u is None:
        u = Unit(building_id=b.id, name=unit)
        session.add(u)
        session.flush()
    return b.id, u.id


def save_room(
    session: Session, *, actor: UserDTO, draft: RoomDraft, owner: PersonDraft | None = None
) -> RoomDetail:
    """Create (``room_id`` None) or update a room. A stale ``version`` raises ConflictError; audited.

    ``owner`` (new rooms only) adds the first owner in the same transaction.
    """
    actor = authorize(session, actor, Permission.EDIT_ROOMS)
    _first(validate_room_draft(draft))
    if owner is not None:
        _first(validate_person_draft(owner))
    assert draft.estate_id is not None
    if session.get(Estate, draft.estate_id) is None:
        raise ValidationError("room.estate_required", field="estate")
    building = normalize_building(draft.building)
    unit = normalize_unit(draft.unit) if draft.unit.strip() else None
    number = normalize_room(draft.number)
    code = RoomCode(building, unit, number)
    area = parse_area(draft.area)
    clash = session.scalar(
        select(Room.id).where(Room.estate_id == draft.estate_id, Room.code == code.canonical,
                              Room.id != (draft.room_id or 0)))
    if clash is not None:
        raise ValidationError("room.duplicate", field="room", code=code.display)
    building_id, unit_id = _building_and_unit(session, draft.estate_id, building, unit)
    values = {
        "estate_id": draft.estate_id, "building_id": building_id, "unit_id": unit_id, "code": code.canonical, "number": number,
        "floor": code.floor, "area_centi_m2": area, "usage": Usage(draft.usage), "occupancy": Occupancy(draft.occupancy),
        "delivered_on": draft.delivered_on, "direct_debit": bool(draft.direct_debit), "note": draft.note.strip(),
    }
    if draft.room_id is None:
        room = Room(**values)
        session.add(room)
        flush_or_conflict(session, "room", None)
        audit.record(session, actor, "room.create", "room", room.id, code=room.code, estate_id=room.estate_id,
                     area_centi_m2=area, usage=room.usage.value, occupancy=room.occupancy.value)
        if owner is not None:
            save_person(session, actor=actor, draft=owner, room_id=room.id, role=PersonRole.OWNER,
                        start_date=draft.delivered_on)
    else:
        room = session.get(Room, draft.room_id)
        if room is None:
            raise NotFound("room.not_found", room_id=draft.room_id)
        check_version("room", room.id, room.version, draft.version)
        changes = {k: [_plain(getattr(room, k)), _plain(v)] for k, v in values.items() if getattr(room, k) != v}
        for k, v in values.items():
            setattr(room, k, v)
        flush_or_conflict(session, "room", room.id)
        if changes:
            audit.record(session, actor, "room.update", "room", room.id, code=room.code, changes=changes)
    return get_room_detail(session, room.id)


def _plain(v: object) -> object:
    return v.value if hasattr(v, "value") else v


def _apply_person(session: Session, actor: UserDTO, draft: PersonDraft) -> Person:
    _first(validate_person_draft(draft))
    name = _clean_name(draft.name)
    idn = unicodedata.normalize("NFKC", draft.id_number or "").strip().upper() or None
    values = {
        "name": name, "name_initials": name_initials(name), "id_number": idn,
        "owner_type": OwnerType(draft.owner_type) if draft.owner_type else None,
        "preferred_channel": Channel(draft.preferred_channel) if draft.preferred_channel else None,
        "note": draft.note.strip(),
    }
    if draft.person_id is None:
        person = Person(**values)
        session.add(person)
        flush_or_conflict(session, "person", None)
        action, changes = "person.create", {"name": name}
    else:
        person = session.get(Person, draft.person_id)
        if person is None:
            raise NotFound("person.not_found", person_id=draft.person_id)
        check_version("person", person.id, person.version, draft.version)
        changes = {k: [_plain(getattr(person, k)), _plain(v)] for k, v in values.items()
                   if getattr(person, k) != v and k != "id_number"}
        if person.id_number != idn:
            changes["id_number"] = "changed"  # never written to the log in clear
        for k, v in values.items():
            setattr(person, k, v)
        action = "person.update"
    contact_changes = _apply_contacts(session, person, draft.contacts)
    flush_or_conflict(session, "person", person.id)
    if draft.person_id is None or changes or contact_changes:
        audit.record(session, actor, action, "person", person.id, changes=changes, contacts=contact_changes)
    return person


def _apply_contacts(session: Session, person: Person, drafts: Sequence[ContactDraft]) -> list[str]:
    existing = {c.id: c for c in session.scalars(select(Contact).where(Contact.person_id == person.id))}
    kept: set[int] = set()
    log: list[str] = []
    primary_seen = any(d.is_primary for d in drafts)
    for i, d in enumerate(drafts):
        kind, value, last4 = _contact_value(d, i)
        values = {"kind": kind, "value": value, "last4": last4, "relation": Relation(d.relation),
            "contact_name": _clean_name(d.contact_name), "is_primary": d.is_primary or (not primary_seen and i == 0),
            "valid": bool(d.valid)}
        if d.contact_id is not None and d.contact_id in existing:
            c = existing[d.contact_id]
            kept.add(c.id)
            if any(getattr(c, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(c, k, v)
                log.append(f"update {kind.value} ****{last4}" if last4 else f"update {kind.value}")
        else:
            session.add(Contact(person_id=person.id, **values))
            log.append(f"add {kind.value} ****{last4}" if last4 else f"add {kind.value}")
    for cid, c in existing.items():
        if cid not in kept:
            session.delete(c)
            log.append(f"remove {c.kind.value} ****{c.last4}" if c.last4 else f"remove {c.kind.value}")
    return log


def save_person(
    session: Session,
    *,
    actor: UserDTO,
    draft: PersonDraft,
    room_id: int | None = None,
    role: PersonRole | None = None,
    start_date: date | None = None,
) -> int:
    """Create or update a person with all their contacts; returns the person id.

    With ``room_id`` and ``role`` a new person is also linked to the room from ``start_date``
    (adding an owner to a new room; tenants go through :func:`change_tenant`).
    """
    actor = authorize(session, actor, Permission.EDIT_ROOMS)
    if room_id is not None and session.get(Room, room_id) is None:
        raise NotFound("room.not_found", room_id=room_id)
    person = _apply_person(session, actor, draft)
    if room_id is not None and role is not None:
        linked = session.scalar(select(RoomPerson.id).where(
            RoomPerson.room_id == room_id, RoomPerson.person_id == person.id, RoomPerson.role == role,
            RoomPerson.end_date.is_(None)))
        if linked is None:
            link = RoomPerson(room_id=room_id, person_id=person.id, role=PersonRole(role), start_date=start_date,
                              pays_fees=PersonRole(role) is PersonRole.OWNER)
            session.add(link)
            session.flush()
            audit.record(session, actor, "room.link_person", "room", room_id, person_id=person.id,
                         role=PersonRole(role).value, start_date=start_date)
    return person.id


def _end_current_tenants(session: Session, actor: UserDTO, room_id: int, end_date: date) -> list[int]:
    links = list(session.scalars(select(RoomPerson).where(RoomPerson.room_id == room_id, _current(PersonRole.TENANT))))
    for link in links:
        if link.start_date is not None and end_date < link.start_date:
            raise ValidationError("tenant.end_before_start", field="start_date", start=link.start_date)
        link.end_date = end_date
    flush_or_conflict(session, "room_person", None)
    for link in links:
        audit.record(session, actor, "room.end_tenancy", "room", room_id, person_id=link.person_id,
                     link_id=link.id, end_date=end_date)
    return [link.person_id for link in links]


def change_tenant(
    session: Session,
    *,
    actor: UserDTO,
    room_id: int,
    tenant: PersonDraft,
    start_date: date,
    pays_fees: bool = False,
    room_version: int | None = None,
) -> RoomDetail:
    """更换租户: end the current tenant's link the day before ``start_date`` and link the new tenant.

    History is kept (links are ended, never deleted); the room becomes 出租.
    """
    actor = authorize(session, actor, Permission.EDIT_ROOMS)
    if start_date is None:
        raise ValidationError("tenant.start_required", field="start_date")
    room = session.get(Room, room_id)
    if room is None:
        raise NotFound("room.not_found", room_id=room_id)
    check_version("room", room.id, room.version, room_version)
    _first(validate_person_draft(tenant))
    _end_current_tenants(session, actor, room_id, start_date - timedelta(days=1))
    person = _apply_person(session, actor, tenant)
    session.add(RoomPerson(room_id=room_id, person_id=person.id, role=PersonRole.TENANT, start_date=start_date,
                           pays_fees=bool(pays_fees)))
    if room.occupancy is not Occupancy.RENTED:
        room.occupancy = Occupancy.RENTED
    flush_or_conflict(session, "room", room_id)
    audit.record(session, actor, "room.change_tenant", "room", room_id, person_id=person.id,
                 start_date=start_date, pays_fees=bool(pays_fees))
    return get_room_detail(session, room_id)


def end_tenancy(
    session: Session,
    *,
    actor: UserDTO,
    room_id: int,
    end_date: date,
    occupancy: Occupancy | None = Occupancy.OCCUPIED,
    room_version: int | None = None,
) -> RoomDetail:
    """The tenant moved out on ``end_date``: end the link (history kept) and set the room's occupancy."""
    actor = authorize(session, actor, Permission.EDIT_ROOMS)
    room = session.get(Room, room_id)
    if room is None:
        raise NotFound("room.not_found", room_id=room_id)
    check_version("room", room.id, room.version, room_version)
    ended = _end_current_tenants(session, actor, room_id, end_date)
    if not ended:
        raise ValidationError("tenant.none", field="tenant")
    if occupancy is not None and room.occupancy is not Occupancy(occupancy):
        room.occupancy = Occupancy(occupancy)
        flush_or_conflict(session, "room", room_id)
    return get_room_detail(session, room_id)
