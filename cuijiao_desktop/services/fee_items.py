"""设置 → 收费项目: fee items, their standards per estate and usage, and each item's late-fee terms.

Everyone may read them; changing them takes :attr:`Permission.EDIT_FEE_ITEMS` (managers). Every
change is audited with the old and new values. Edits carry the version the user read: a stale save
raises ``ConflictError``. The rules of a valid item, standard or late-fee term live in
:mod:`cuijiao_desktop.domain.fee_items`; this module adds what needs the database (unique codes and
names, one standard per item, estate, usage and start date, items in use cannot be deleted).

The billing run reads what is kept here: ``fee_item`` (basis, due day, order), ``fee_standard``
(the newest ``valid_from`` on or before a period's first day, most specific estate/usage first) and
``late_fee_policy``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import (
    Bill,
    Estate,
    FeeItem,
    FeeStandard,
    LateFeeAssessment,
    LateFeePolicyRow,
    MeterReading,
)
from cuijiao_desktop.domain.enums import ChargeBasis, Usage
from cuijiao_desktop.domain.errors import ConflictError, NotFound, ValidationError
from cuijiao_desktop.domain.fee_items import (
    FeeItemDraft,
    FeeStandardDraft,
    LateFeePolicyDraft,
    clean_fee_item,
    clean_fee_standard,
    clean_late_fee_policy,
    default_unit_label,
    fee_word_key,
    new_item_code,
)
from cuijiao_desktop.domain.permissions import Permission

from . import audit
from .actor import authorize
from .batch import DirectWriter, Writer
from .dto import UserDTO
from .tx import read_only
from .versions import check_version, flush_or_conflict

__all__ = [
    "FeeItemDTO",
    "FeeSettings",
    "FeeStandardDTO",
    "LateFeePolicyDTO",
    "NewFeeItem",
    "add_fee_items",
    "delete_fee_item",
    "delete_fee_standard",
    "list_fee_settings",
    "remove_late_fee_policy",
    "save_fee_item",
    "save_fee_standard",
    "save_late_fee_policy",
]

DEFAULT_DUE_DAY = 10


@dataclass(frozen=True)
class LateFeePolicyDTO:
    """An item's late-fee terms (``shared_with``: other items that use the same terms)."""

    id: int
    version: int
    daily_rate_ppm: int
    grace_days: int
    cap_ppm_of_principal: int | None
    from_notice_level: int | None
    contract_clause: str
    valid_from: date
    shared_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeeItemDTO:
    id: int
    version: int
    code: str
    name: str
    basis: ChargeBasis
    unit_label: str
    sort_order: int
    due_day: int
    active: bool
    policy: LateFeePolicyDTO | None


@dataclass(frozen=True)
class FeeStandardDTO:
    id: int
    version: int
    fee_item_id: int
    estate_id: int | None
    estate_name: str | None  # None: every estate
    usage: Usage | None  # None: every usage
    unit_price_fen: int
    vacancy_discount_pct: int
    valid_from: date
    valid_to: date | None
    note: str


@dataclass(frozen=True)
class FeeSettings:
    """Everything the settings tab shows: items in charging order, standards, the estates to choose from."""

    items: tuple[FeeItemDTO, ...]
    standards: tuple[FeeStandardDTO, ...]
    estates: tuple[tuple[int, str], ...]

    def standards_of(self, item_id: int) -> tuple[FeeStandardDTO, ...]:
        """The standards of one item: estate, usage, newest first."""
        return tuple(s for s in self.standards if s.fee_item_id == item_id)


def _policy_dto(row: LateFeePolicyRow, shared_with: Sequence[str]) -> LateFeePolicyDTO:
    return LateFeePolicyDTO(
        id=row.id, version=row.version, daily_rate_ppm=row.daily_rate_ppm, grace_days=row.grace_days,
        cap_ppm_of_principal=row.cap_ppm_of_principal, from_notice_level=row.from_notice_level,
        contract_clause=row.contract_clause or "", valid_from=row.valid_from, shared_with=tuple(shared_with),
    )


def _item_dtos(session: Session, items: Sequence[FeeItem]) -> list[FeeItemDTO]:
    policy_ids = {i.late_fee_policy_id for i in items if i.late_fee_policy_id is not None}
    policies = {p.id: p for p in session.scalars(select(LateFeePolicyRow).where(LateFeePolicyRow.id.in_(policy_ids)))}
    users: dict[int, list[tuple[int, str]]] = {}
    for iid, name, pid in session.execute(
        select(FeeItem.id, FeeItem.name, FeeItem.late_fee_policy_id).where(FeeItem.late_fee_policy_id.in_(policy_ids))
    ):
        users.setdefault(pid, []).append((iid, name))
    out = []
    for i in items:
        policy = None
        if i.late_fee_policy_id is not None and i.late_fee_policy_id in policies:
            others = [name for iid, name in users.get(i.late_fee_policy_id, []) if iid != i.id]
            policy = _policy_dto(policies[i.late_fee_policy_id], others)
        out.append(FeeItemDTO(
            id=i.id, version=i.version, code=i.code, name=i.name, basis=i.basis, unit_label=i.unit_label or "",
            sort_order=i.sort_order, due_day=i.due_day, active=i.active, policy=policy,
        ))
    return out


def _standard_dto(s: FeeStandard, estates: dict[int, str]) -> FeeStandardDTO:
    return FeeStandardDTO(
        id=s.id, version=s.version, fee_item_id=s.fee_item_id, estate_id=s.estate_id,
        estate_name=estates.get(s.estate_id) if s.estate_id is not None else None, usage=s.usage,
        unit_price_fen=s.unit_price_fen, vacancy_discount_pct=s.vacancy_discount_pct, valid_from=s.valid_from,
        valid_to=s.valid_to, note=s.note or "",
    )


@read_only
def list_fee_settings(session: Session, *, actor: UserDTO) -> FeeSettings:
    """All fee items (charging order), their standards and late-fee terms, and the estates."""
    authorize(session, actor, Permission.VIEW)
    items = session.scalars(select(FeeItem).order_by(FeeItem.sort_order, FeeItem.id)).all()
    estates = dict(session.execute(select(Estate.id, Estate.name).order_by(Estate.id)).all())
    order = {e: i for i, e in enumerate(estates)}
    usage_order = {u: i for i, u in enumerate(Usage)}
    standards = [_standard_dto(s, estates) for s in session.scalars(select(FeeStandard))]
    standards.sort(key=lambda s: (s.fee_item_id, -1 if s.estate_id is None else order.get(s.estate_id, 0),
                                  -1 if s.usage is None else usage_order[s.usage], -s.valid_from.toordinal(), s.id))
    return FeeSettings(items=tuple(_item_dtos(session, items)), standards=tuple(standards),
                       estates=tuple(estates.items()))


# ---------------------------------------------------------------- helpers


def _item(session: Session, item_id: int | None) -> FeeItem:
    item = session.get(FeeItem, item_id) if item_id is not None else None
    if item is None:
        raise NotFound("fee_item.not_found", item_id=item_id)
    return item


def _plain(v: object) -> object:
    if isinstance(v, date):
        return v.isoformat()
    return v.value if hasattr(v, "value") else v


def _changes(obj: object, values: dict[str, object]) -> dict[str, list[object]]:
    return {k: [_plain(getattr(obj, k)), _plain(v)] for k, v in values.items() if getattr(obj, k) != v}


def _item_dto(session: Session, item: FeeItem) -> FeeItemDTO:
    return _item_dtos(session, [item])[0]


# ---------------------------------------------------------------- fee items


def save_fee_item(session: Session, *, actor: UserDTO, draft: FeeItemDraft) -> FeeItemDTO:
    """Create (``item_id`` None) or update a fee item; codes and names are unique. Audited."""
    actor = authorize(session, actor, Permission.EDIT_FEE_ITEMS)
    clean = clean_fee_item(draft)
    for iid, code, name in session.execute(select(FeeItem.id, FeeItem.code, FeeItem.name)):
        if iid == draft.item_id:
            continue
        if code.upper() == clean.code:
            raise ValidationError("fee_item.code_taken", field="code", code=clean.code)
        if fee_word_key(name) == fee_word_key(clean.name):
            raise ValidationError("fee_item.name_taken", field="name", name=clean.name)
    values = {"code": clean.code, "name": clean.name, "basis": clean.basis, "unit_label": clean.unit_label,
              "sort_order": clean.sort_order, "due_day": clean.due_day, "active": clean.active}
    if draft.item_id is None:
        item = FeeItem(**values)
        session.add(item)
        flush_or_conflict(session, "fee_item", None)
        audit.record(session, actor, "fee_item.create", "fee_item", item.id,
                     **{k: _plain(v) for k, v in values.items()})
    else:
        item = _item(session, draft.item_id)
        check_version("fee_item", item.id, item.version, draft.version)
        changes = _changes(item, values)
        for k, v in values.items():
            setattr(item, k, v)
        flush_or_conflict(session, "fee_item", item.id)
        if changes:
            audit.record(session, actor, "fee_item.update", "fee_item", item.id, name=item.name, changes=changes)
    return _item_dto(session, item)


def delete_fee_item(session: Session, *, actor: UserDTO, item_id: int, version: int | None) -> None:
    """Delete an item that was never billed (its standards go with it); one in use can only be set inactive."""
    actor = authorize(session, actor, Permission.EDIT_FEE_ITEMS)
    item = _item(session, item_id)
    check_version("fee_item", item.id, item.version, version)
    used = session.scalar(select(exists().where(Bill.fee_item_id == item.id))) or session.scalar(
        select(exists().where(MeterReading.fee_item_id == item.id)))
    if used:
        raise ValidationError("fee_item.in_use", field="item", name=item.name)
    standards = session.scalars(select(FeeStandard).where(FeeStandard.fee_item_id == item.id)).all()
    for s in standards:
        session.delete(s)
    session.flush()  # the standards before the item (no ORM relationship orders them)
    policy_id = item.late_fee_policy_id
    audit.record(session, actor, "fee_item.delete", "fee_item", item.id, code=item.code, name=item.name,
                 standards=len(standards))
    session.delete(item)
    flush_or_conflict(session, "fee_item", item_id)
    _drop_unused_policy(session, policy_id)


def _drop_unused_policy(session: Session, policy_id: int | None) -> None:
    if policy_id is None:
        return
    in_use = session.scalar(select(exists().where(FeeItem.late_fee_policy_id == policy_id))) or session.scalar(
        select(exists().where(LateFeeAssessment.policy_id == policy_id)))
    if not in_use:
        policy = session.get(LateFeePolicyRow, policy_id)
        if policy is not None:
            session.delete(policy)
            session.flush()


@dataclass(frozen=True)
class NewFeeItem:
    """A fee item to create from a word (an import): its name and charging basis."""

    name: str
    basis: ChargeBasis


def add_fee_items(session: Session, *, actor: UserDTO, items: Sequence[NewFeeItem], source: str) -> dict[str, int]:
    """Create ``items`` (after the existing ones in charging order, due on the 10th, code from the
    pinyin initials); returns name -> id. Audited with ``source`` (e.g. the imported file)."""
    actor = authorize(session, actor, Permission.EDIT_FEE_ITEMS)
    if not items:
        return {}
    created = write_fee_items(session, DirectWriter(session), items=items)
    audit_new_fee_items(session, actor, created, source=source)
    return {row["name"]: item_id for item_id, row in created}


def write_fee_items(session: Session, w: Writer, *, items: Sequence[NewFeeItem]) -> list[tuple[int, dict[str, Any]]]:
    """The rows of ``items`` planned against ``session`` (names must be free; codes and charging order
    follow the existing items), handed to ``w``: (id, row) per item, provisional ids when ``w`` stages
    (a long write, ``services/batch.py``). The caller has authorised ``EDIT_FEE_ITEMS`` and audits
    with :func:`audit_new_fee_items` once the ids are real."""
    codes = set(session.scalars(select(FeeItem.code)))
    names = {fee_word_key(n) for n in session.scalars(select(FeeItem.name))}
    order = session.scalar(select(func.max(FeeItem.sort_order))) or 0
    rows: list[dict[str, Any]] = []
    for new in items:
        if fee_word_key(new.name) in names:
            raise ValidationError("fee_item.name_taken", field="name", name=new.name)
        code = new_item_code(new.name, codes)
        codes.add(code)
        names.add(fee_word_key(new.name))
        order += 1
        rows.append({"code": code, "name": new.name, "basis": new.basis,
                     "unit_label": default_unit_label(new.name, new.basis), "sort_order": order,
                     "due_day": DEFAULT_DUE_DAY, "late_fee_policy_id": None, "active": True, "version": 1})
    ids = w.insert(FeeItem.__table__, rows) if rows else []
    return list(zip(ids, rows, strict=True))


def audit_new_fee_items(session: Session, actor: UserDTO, created: Sequence[tuple[int, dict[str, Any]]], *,
                        source: str) -> None:
    """One audit entry per created item (``created``: real ids and rows from :func:`write_fee_items`)."""
    for item_id, row in created:
        audit.record(session, actor, "fee_item.create", "fee_item", item_id, code=row["code"], name=row["name"],
                     basis=row["basis"].value, sort_order=row["sort_order"], due_day=row["due_day"], source=source)


# ---------------------------------------------------------------- standards


def save_fee_standard(session: Session, *, actor: UserDTO, draft: FeeStandardDraft) -> FeeStandardDTO:
    """Create or update a standard; one per item, estate, usage and start date. Audited."""
    actor = authorize(session, actor, Permission.EDIT_FEE_ITEMS)
    clean = clean_fee_standard(draft)
    item = _item(session, clean.fee_item_id)
    estates = dict(session.execute(select(Estate.id, Estate.name)).all())
    if clean.estate_id is not None and clean.estate_id not in estates:
        raise ValidationError("fee_standard.estate_not_found", field="estate")
    same = select(FeeStandard.id).where(
        FeeStandard.fee_item_id == clean.fee_item_id, FeeStandard.valid_from == clean.valid_from,
        FeeStandard.estate_id.is_(None) if clean.estate_id is None else FeeStandard.estate_id == clean.estate_id,
        FeeStandard.usage.is_(None) if clean.usage is None else FeeStandard.usage == clean.usage,
    )
    if draft.standard_id is not None:
        same = same.where(FeeStandard.id != draft.standard_id)
    if session.scalar(same.limit(1)) is not None:
        raise ValidationError("fee_standard.duplicate", field="valid_from", date=clean.valid_from)
    values = {"fee_item_id": clean.fee_item_id, "estate_id": clean.estate_id, "usage": clean.usage,
              "unit_price_fen": clean.unit_price_fen, "vacancy_discount_pct": clean.vacancy_discount_pct,
              "valid_from": clean.valid_from, "valid_to": clean.valid_to, "note": clean.note}
    if draft.standard_id is None:
        standard = FeeStandard(**values)
        session.add(standard)
        flush_or_conflict(session, "fee_standard", None)
        audit.record(session, actor, "fee_standard.create", "fee_standard", standard.id, item=item.name,
                     **{k: _plain(v) for k, v in values.items()})
    else:
        standard = session.get(FeeStandard, draft.standard_id)
        if standard is None:
            raise NotFound("fee_standard.not_found", standard_id=draft.standard_id)
        check_version("fee_standard", standard.id, standard.version, draft.version)
        changes = _changes(standard, values)
        for k, v in values.items():
            setattr(standard, k, v)
        flush_or_conflict(session, "fee_standard", standard.id)
        if changes:
            audit.record(session, actor, "fee_standard.update", "fee_standard", standard.id, item=item.name,
                         changes=changes)
    return _standard_dto(standard, estates)


def delete_fee_standard(session: Session, *, actor: UserDTO, standard_id: int, version: int | None) -> None:
    """Delete a standard (bills already issued keep their amounts). Audited with its values."""
    actor = authorize(session, actor, Permission.EDIT_FEE_ITEMS)
    standard = session.get(FeeStandard, standard_id)
    if standard is None:
        raise NotFound("fee_standard.not_found", standard_id=standard_id)
    check_version("fee_standard", standard.id, standard.version, version)
    item = session.get(FeeItem, standard.fee_item_id)
    audit.record(session, actor, "fee_standard.delete", "fee_standard", standard.id,
                 item=item.name if item is not None else None,
                 **{k: _plain(getattr(standard, k)) for k in (
                     "estate_id", "usage", "unit_price_fen", "vacancy_discount_pct", "valid_from", "valid_to")})
    session.delete(standard)
    flush_or_conflict(session, "fee_standard", standard_id)


# ---------------------------------------------------------------- late-fee terms


def save_late_fee_policy(session: Session, *, actor: UserDTO, item_id: int, draft: LateFeePolicyDraft) -> FeeItemDTO:
    """Set the late-fee terms of one item. Terms the item shares with other items are not changed for
    them: the item gets its own copy. ``draft.version`` is the version of the terms as read. Audited."""
    actor = authorize(session, actor, Permission.EDIT_FEE_ITEMS)
    clean = clean_late_fee_policy(draft)
    item = _item(session, item_id)
    values = {"daily_rate_ppm": clean.daily_rate_ppm, "grace_days": clean.grace_days,
              "cap_ppm_of_principal": clean.cap_ppm_of_principal, "from_notice_level": clean.from_notice_level,
              "contract_clause": clean.contract_clause, "valid_from": clean.valid_from}
    policy = session.get(LateFeePolicyRow, item.late_fee_policy_id) if item.late_fee_policy_id else None
    if policy is not None:
        check_version("late_fee_policy", policy.id, policy.version, draft.version)
    elif draft.version is not None:
        raise ConflictError("conflict.stale", entity="fee_item", entity_id=item.id)
    shared = policy is not None and bool(session.scalar(
        select(exists().where(FeeItem.late_fee_policy_id == policy.id, FeeItem.id != item.id))))
    if policy is None or shared:
        old = {k: _plain(getattr(policy, k)) for k in values} if policy is not None else None
        policy = LateFeePolicyRow(name=f"{item.name}滞纳金"[:64], active=True, **values)
        session.add(policy)
        flush_or_conflict(session, "late_fee_policy", None)
        item.late_fee_policy_id = policy.id
        flush_or_conflict(session, "fee_item", item.id)
        audit.record(session, actor, "late_fee_policy.create", "fee_item", item.id, item=item.name,
                     policy_id=policy.id, copied_from=old, **{k: _plain(v) for k, v in values.items()})
    else:
        changes = _changes(policy, values)
        for k, v in values.items():
            setattr(policy, k, v)
        policy.active = True
        flush_or_conflict(session, "late_fee_policy", policy.id)
        if changes:
            audit.record(session, actor, "late_fee_policy.update", "fee_item", item.id, item=item.name,
                         policy_id=policy.id, changes=changes)
    return _item_dto(session, item)


def remove_late_fee_policy(session: Session, *, actor: UserDTO, item_id: int, version: int | None) -> FeeItemDTO:
    """The item charges no late fee from now on (fees already assessed stay). ``version``: the item's. Audited."""
    actor = authorize(session, actor, Permission.EDIT_FEE_ITEMS)
    item = _item(session, item_id)
    check_version("fee_item", item.id, item.version, version)
    policy_id = item.late_fee_policy_id
    if policy_id is None:
        return _item_dto(session, item)
    item.late_fee_policy_id = None
    flush_or_conflict(session, "fee_item", item.id)
    audit.record(session, actor, "late_fee_policy.remove", "fee_item", item.id, item=item.name, policy_id=policy_id)
    _drop_unused_policy(session, policy_id)
    return _item_dto(session, item)
