"""Rooms and owners: match rows to rooms by canonical code and to people by name, then write in bulk."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from cuijiao_desktop.db import models as m
from cuijiao_desktop.domain.enums import Occupancy, PersonRole, Relation, Usage
from cuijiao_desktop.domain.pinyin import name_initials
from cuijiao_desktop.importing.normalize import OCCUPANCY_ZH, OWNER_TYPE_ZH, USAGE_ZH, PhoneNumber
from cuijiao_desktop.importing.validate import Rejected, RoomRecord

from ..batch import Writer
from .common import (
    CREATE,
    REJECT,
    UNCHANGED,
    UPDATE,
    CancelFn,
    ProgressFn,
    RowOutcome,
    bulk_insert,
    check_cancel,
    chunks,
    insert_returning_ids,
)


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
    for chunk in chunks(ids):
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
    for chunk in chunks(person_ids):
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


class RoomPlanner:
    """Compares a rooms sheet with the estate: what to create, update, leave, reject."""

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


def apply_rooms(session: Session, w: Writer, estate_id: int, ops: _RoomOps, today: dt.date,
                progress: ProgressFn | None, cancel: CancelFn | None) -> dict[str, int]:
    """Write a planned rooms import through ``w`` (``session`` reads what is already there)."""
    steps = 7
    step = 0

    def tick(text: str) -> None:
        nonlocal step
        check_cancel(cancel)
        step += 1
        if progress is not None:
            progress(step, steps, text)

    buildings = dict(session.execute(
        select(m.Building.name, m.Building.id).where(m.Building.estate_id == estate_id)).all())
    names = list(ops.new_buildings)
    for name, bid in zip(names, insert_returning_ids(w, m.Building.__table__, [
        {"estate_id": estate_id, "name": n, "floors": None, "sort_order": 0, "version": 1} for n in names
    ]), strict=True):
        buildings[name] = bid
    units = {(b, u): uid for uid, b, u in session.execute(
        select(m.Unit.id, m.Building.name, m.Unit.name).join(m.Building, m.Building.id == m.Unit.building_id)
        .where(m.Building.estate_id == estate_id))}
    keys = list(ops.new_units)
    for key, uid in zip(keys, insert_returning_ids(w, m.Unit.__table__, [
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
                            insert_returning_ids(w, m.Room.__table__, room_rows), strict=True))
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
    person_ids = insert_returning_ids(w, m.Person.__table__, person_rows)
    tick("写入业主")
    link_rows = []
    contact_rows = list(ops.new_contacts)
    for (key, role, _name, _type, phones), pid in zip(ops.new_persons, person_ids, strict=True):
        room_id = key if isinstance(key, int) else new_room_ids[key]
        link_rows.append({"room_id": room_id, "person_id": pid, "role": role, "start_date": today,
                          "end_date": None, "pays_fees": False, "version": 1})
        contact_rows += [_contact_row(pid, phone, i == 0) for i, phone in enumerate(phones)]
    bulk_insert(w, m.RoomPerson.__table__, link_rows)
    tick("写入联系方式")
    bulk_insert(w, m.Contact.__table__, contact_rows)
    tick("写入联系方式")
    tick("完成")
    return {"rooms_created": len(room_rows), "persons_created": len(person_rows),
            "contacts_created": len(contact_rows)}


