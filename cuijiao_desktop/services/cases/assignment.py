"""责任到人: a manager splits open cases among collectors (previewed, then applied) and reassigns.

The split itself is the domain's (``domain.cases.plan_split``); here it gets the cases with
their rooms' debts and buildings, and the plan is written back with the versions the preview
read: a case changed by someone else in between makes the whole apply a conflict (preview
again), so a manager never applies a split they did not see.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import CaseEvent, CollectionCase, User
from cuijiao_desktop.domain.cases import SplitItem, SplitMode, SplitScope, plan_split
from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.domain.errors import ConflictError, NotFound, ValidationError
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.rooms import natural_key
from cuijiao_desktop.services import audit
from cuijiao_desktop.services.actor import authorize
from cuijiao_desktop.services.dto import UserDTO
from cuijiao_desktop.services.tx import read_only

from .common import room_debts, room_places, user_names
from .positions import open_cases

__all__ = [
    "CollectorLoad",
    "CollectorOption",
    "SplitMove",
    "SplitPreview",
    "apply_split",
    "collector_options",
    "reassign_cases",
    "split_preview",
]

ASSIGNED = "assigned"


@dataclass(frozen=True)
class CollectorOption:
    """Someone who can hold cases: the collectors, and managers (who keep the hardest ones)."""

    id: int
    name: str
    role: Role


@read_only
def collector_options(session: Session) -> list[CollectorOption]:
    """Active collectors (first) and managers, by name."""
    rows = session.execute(
        select(User.id, User.display_name, User.role)
        .where(User.active.is_(True), User.role.in_([Role.COLLECTOR, Role.MANAGER]))
    ).all()
    return sorted((CollectorOption(i, n, r) for i, n, r in rows),
                  key=lambda o: (o.role is not Role.COLLECTOR, o.name, o.id))


@dataclass(frozen=True)
class SplitMove:
    """A case that changes hands in the split."""

    case_id: int
    room_id: int
    room_code: str
    estate: str
    building: str
    amount_fen: int
    from_id: int | None
    from_name: str
    to_id: int
    to_name: str
    version: int


@dataclass(frozen=True)
class CollectorLoad:
    """A chosen collector's share of the split cases before and after."""

    collector_id: int
    name: str
    cases_before: int
    amount_before_fen: int
    cases_after: int
    amount_after_fen: int
    buildings: tuple[str, ...]  # the buildings of their cases after the split


@dataclass(frozen=True)
class SplitPreview:
    """What applying the split would do."""

    mode: SplitMode
    scope: SplitScope
    today: date
    loads: tuple[CollectorLoad, ...]
    moves: tuple[SplitMove, ...]
    unchanged: int
    total_cases: int
    total_fen: int


@read_only
def split_preview(
    session: Session, *, actor: UserDTO, today: date, collector_ids: Sequence[int], mode: SplitMode | str,
    scope: SplitScope | str, case_ids: Iterable[int] | None = None,
) -> SplitPreview:
    """The split of the open cases (or of ``case_ids``) among ``collector_ids``; nothing is written."""
    actor = authorize(session, actor, Permission.ASSIGN_CASES)
    mode, scope = SplitMode(mode), SplitScope(scope)
    names = user_names(session)
    valid = {o.id for o in collector_options(session)}
    unknown = [c for c in collector_ids if c not in valid]
    if unknown:
        raise ValidationError("cases.not_a_collector", field="collectors", name=names.get(unknown[0], "?"))
    cases = open_cases(session, case_ids=case_ids)
    debts = room_debts(session, today=today, room_ids=[c.room_id for c in cases])
    places = room_places(session, [c.room_id for c in cases])
    items = [SplitItem(c.case_id, (places[c.room_id].estate_id, places[c.room_id].building_id),
                       debts[c.room_id].amount_fen if c.room_id in debts else 0, c.collector_id) for c in cases]
    plan = plan_split(items, collector_ids, mode=mode, scope=scope)
    chosen = list(dict.fromkeys(collector_ids))
    before_n: dict[int, int] = defaultdict(int)
    before_f: dict[int, int] = defaultdict(int)
    after_n: dict[int, int] = defaultdict(int)
    after_f: dict[int, int] = defaultdict(int)
    buildings: dict[int, set[tuple]] = defaultdict(set)
    moves = []
    for c, item in zip(cases, items, strict=True):
        place = places[c.room_id]
        if c.collector_id is not None:
            before_n[c.collector_id] += 1
            before_f[c.collector_id] += item.amount_fen
        to = plan[c.case_id]
        after_n[to] += 1
        after_f[to] += item.amount_fen
        buildings[to].add((natural_key(place.estate), natural_key(place.building), place.estate, place.building))
        if to != c.collector_id:
            moves.append(SplitMove(c.case_id, c.room_id, place.code, place.estate, place.building, item.amount_fen,
                                   c.collector_id, names.get(c.collector_id, "") if c.collector_id else "", to,
                                   names.get(to, ""), c.version))
    several_estates = len({p.estate_id for p in places.values()}) > 1
    loads = tuple(CollectorLoad(
        cid, names.get(cid, ""), before_n[cid], before_f[cid], after_n[cid], after_f[cid],
        tuple(f"{e} {b}" if several_estates else b for *_, e, b in sorted(buildings[cid])),
    ) for cid in chosen)
    moves.sort(key=lambda m: (natural_key(m.estate), natural_key(m.room_code)))
    return SplitPreview(mode, scope, today, loads, tuple(moves), len(cases) - len(moves), len(cases),
                        sum(i.amount_fen for i in items))


def _assign(session: Session, actor: UserDTO, changes: Sequence[tuple[int, int, int | None]], *, today: date,
            note: str) -> int:
    """Set the collector of cases: (case id, version read, new collector). All or nothing."""
    if not changes:
        return 0
    wanted = {cid: (version, to) for cid, version, to in changes}
    ids = sorted(wanted)
    found: dict[int, tuple[int, date | None, int | None]] = {}
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        for cid, version, closed_on, collector in session.execute(
            select(CollectionCase.id, CollectionCase.version, CollectionCase.closed_on, CollectionCase.collector_id)
            .where(CollectionCase.id.in_(part)).with_for_update()
        ):
            found[cid] = (version, closed_on, collector)
    for cid in ids:
        if cid not in found:
            raise NotFound("case.not_found", case_id=cid)
        version, closed_on, _ = found[cid]
        if version != wanted[cid][0] or closed_on is not None:
            raise ConflictError("cases.changed_since_preview", id=cid)
    table = CollectionCase.__table__
    session.execute(
        update(table).where(table.c.id == bindparam("cid"))
        .values(collector_id=bindparam("to"), version=table.c.version + 1),
        [{"cid": cid, "to": wanted[cid][1]} for cid in ids],
    )
    session.execute(insert(CaseEvent), [
        {"case_id": cid, "kind": ASSIGNED, "happened_on": today, "user_id": actor.id, "collector_id": wanted[cid][1],
         "note": note} for cid in ids
    ])
    session.expire_all()
    return len(ids)


def apply_split(session: Session, *, actor: UserDTO, preview: SplitPreview, today: date) -> int:
    """Write the previewed split. Every case must still be as the preview read it."""
    actor = authorize(session, actor, Permission.ASSIGN_CASES)
    note = "分配：按楼栋" if preview.mode is SplitMode.BY_BUILDING else "分配：按金额均衡"
    count = _assign(session, actor, [(m.case_id, m.version, m.to_id) for m in preview.moves], today=today, note=note)
    audit.record(session, actor, "cases.split", "collection_case", None, mode=preview.mode.value,
                 scope=preview.scope.value, moved=count, cases=preview.total_cases,
                 loads={ld.name: ld.cases_after for ld in preview.loads})
    return count


def reassign_cases(session: Session, *, actor: UserDTO, cases: Sequence[tuple[int, int]], collector_id: int | None,
                   today: date, note: str = "") -> int:
    """Give one or many cases ((case id, version) as shown) to ``collector_id`` (None: nobody)."""
    actor = authorize(session, actor, Permission.ASSIGN_CASES)
    if collector_id is not None and collector_id not in {o.id for o in collector_options(session)}:
        raise ValidationError("cases.not_a_collector", field="collector", name=user_names(session).get(collector_id, "?"))
    changes = [(cid, version, collector_id) for cid, version in cases]
    count = _assign(session, actor, changes, today=today, note=note.strip() or "转交")
    audit.record(session, actor, "cases.reassign", "collection_case", None, collector_id=collector_id,
                 cases=[cid for cid, _ in cases], note=note.strip())
    return count
