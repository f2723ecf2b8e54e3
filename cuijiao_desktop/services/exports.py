"""Export tables to .xlsx or .csv: the canonical rooms roster and the arrears list.

The rooms export is the canonical form of a rooms-and-owners import (its headers are the
import's canonical labels), so exporting and importing it back changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cuijiao_desktop.db import models as m
from cuijiao_desktop.domain.enums import ContactKind, PersonRole, Relation
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.importing.headers import FIELDS, ImportKind
from cuijiao_desktop.importing.normalize import OCCUPANCY_ZH, OWNER_TYPE_ZH, USAGE_ZH

from . import audit
from .actor import authorize
from .arrears import ArrearsRow, query_arrears, room_order_key
from .dto import UserDTO
from .tx import read_only

__all__ = ["ExportTable", "arrears_rows", "record_export", "room_rows", "rooms_table"]

_ROOM_FIELDS = ("building", "unit", "room", "owner", "phone", "area", "occupancy", "owner_type", "usage",
                "tenant", "tenant_phone", "note")


@dataclass(frozen=True)
class ExportTable:
    """A table ready for a file writer (``reports.xlsx.write_table``): columns as (title, kind) pairs,
    kinds as in ``reports.xlsx.XlsxColumn`` (text, money, int, date, period, area), raw values in rows."""

    columns: tuple[tuple[str, str], ...]
    rows: tuple[tuple[Any, ...], ...]
    sheet_title: str
    title: str | None = None
    subtitle: str | None = None
    totals_label: str | None = None


def _estate(session: Session, name: str | None) -> tuple[int, str]:
    rows = session.execute(select(m.Estate.id, m.Estate.name, m.Estate.code).order_by(m.Estate.id)).all()
    if name:
        for eid, ename, code in rows:
            if name in (ename, code):
                return eid, ename
        raise DomainError("import.estate_not_found", name=name)
    if len(rows) == 1:
        return rows[0][0], rows[0][1]
    if not rows:
        raise DomainError("import.no_rooms")
    raise DomainError("export.estate_required", estates="、".join(r[1] for r in rows))


def room_rows(session: Session, *, estate: str | None = None) -> tuple[str, list[tuple[Any, ...]]]:
    """(estate name, rows of the canonical roster): building, unit, room, owner, phones, area (0.01 m²),
    occupancy, owner type, usage, tenant, tenant phones, note. Current owner and tenant only.
    """
    estate_id, estate_name = _estate(session, estate)
    rooms = session.execute(
        select(m.Room.id, m.Building.name, m.Unit.name, m.Room.number, m.Room.area_centi_m2, m.Room.occupancy,
               m.Room.usage, m.Room.note)
        .join(m.Building, m.Building.id == m.Room.building_id)
        .outerjoin(m.Unit, m.Unit.id == m.Room.unit_id)
        .where(m.Room.estate_id == estate_id)
        .order_by(m.Room.code)
    ).all()
    links = session.execute(
        select(m.RoomPerson.room_id, m.RoomPerson.role, m.Person.id, m.Person.name, m.Person.owner_type)
        .join(m.Person, m.Person.id == m.RoomPerson.person_id)
        .join(m.Room, m.Room.id == m.RoomPerson.room_id)
        .where(m.Room.estate_id == estate_id, m.RoomPerson.end_date.is_(None),
               m.RoomPerson.role.in_([PersonRole.OWNER, PersonRole.TENANT]))
        .order_by(m.RoomPerson.id)
    ).all()
    first: dict[tuple[int, PersonRole], tuple[int, str, Any]] = {}
    for room_id, role, pid, name, owner_type in links:
        first.setdefault((room_id, role), (pid, name, owner_type))
    phones: dict[int, list[str]] = defaultdict(list)
    for pid, value in session.execute(
        select(m.Contact.person_id, m.Contact.value)
        .join(m.RoomPerson, m.RoomPerson.person_id == m.Contact.person_id)
        .join(m.Room, m.Room.id == m.RoomPerson.room_id)
        .where(m.Room.estate_id == estate_id, m.RoomPerson.end_date.is_(None),
               m.Contact.kind.in_([ContactKind.MOBILE, ContactKind.LANDLINE]),
               m.Contact.relation == Relation.SELF, m.Contact.valid.is_(True))
        .order_by(m.Contact.person_id, m.Contact.is_primary.desc(), m.Contact.id)
    ):  # a contact joined through two links comes twice: the check below keeps one
        if value not in phones[pid]:
            phones[pid].append(value)
    out = []
    for rid, building, unit, number, area, occupancy, usage, note in rooms:
        owner = first.get((rid, PersonRole.OWNER))
        tenant = first.get((rid, PersonRole.TENANT))
        out.append((
            building, unit or "", number,
            owner[1] if owner else "", " / ".join(phones[owner[0]]) if owner else "",
            area, OCCUPANCY_ZH.get(occupancy, ""),
            OWNER_TYPE_ZH.get(owner[2], "") if owner and owner[2] else "",
            USAGE_ZH.get(usage, ""),
            tenant[1] if tenant else "", " / ".join(phones[tenant[0]]) if tenant else "",
            note or "",
        ))
    return estate_name, out


@read_only
def rooms_table(session: Session, *, actor: UserDTO, estate: str | None = None) -> ExportTable:
    """The estate's rooms, owners and tenants in the canonical import form (headers = import labels)."""
    actor = authorize(session, actor, Permission.EXPORT_PERSONAL_DATA)
    _name, rows = room_rows(session, estate=estate)
    labels = {f.key: f.label for f in FIELDS[ImportKind.ROOMS]}
    columns = tuple((labels[key], "area" if key == "area" else "text") for key in _ROOM_FIELDS)
    return ExportTable(columns, tuple(rows), sheet_title="房屋与业主")


@read_only
def arrears_rows(session: Session, *, actor: UserDTO, today: dt.date | None = None) -> list[ArrearsRow]:
    """Every room in arrears in printed-list order, for an export (``reports.arrears_xlsx`` writes them)."""
    actor = authorize(session, actor, Permission.EXPORT_REPORTS)
    return sorted(query_arrears(session, today=today or dt.date.today()), key=room_order_key)


def record_export(session: Session, *, actor: UserDTO, what: str, file_name: str, rows: int, **detail: Any) -> None:
    """Audit an export written by the caller (personal data leaves the program); ``detail`` (the filter,
    for example) goes into the entry as well."""
    audit.record(session, actor, f"export.{what}", "report", None, file=file_name, rows=rows, **detail)
