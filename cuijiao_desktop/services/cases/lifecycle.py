"""Cases open and close by the office's rule, and keep the stored stage and next date in step.

:func:`sync_cases` is idempotent: it opens a case for every room whose overdue arrears reach the
threshold (amount and months) and has none, closes the open case of every room that owes
nothing overdue any more, and refreshes ``collection_case.stage``, ``next_action_on`` and
``hold_until`` from the ladder engine (the arrears table and the room ledger read those columns). It runs once per office day when
the program starts (:func:`sync_cases_daily`), for one room right after a payment or reversal
in the GUI, before a split, on the cases tab's 更新案件 and from ``cuijiao cases sync``. Between
runs the read paths (:mod:`.positions`) are right on their own: a room that paid shows as
cleared and out of every worklist at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import CaseEvent, CollectionCase, OfficeSetting, User
from cuijiao_desktop.domain.cases import CaseSettings, SplitMode, SplitScope, should_close, should_open
from cuijiao_desktop.domain.enums import Role, Stage
from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.services import audit
from cuijiao_desktop.services.actor import authorize
from cuijiao_desktop.services.dto import UserDTO
from cuijiao_desktop.services.office import put_setting

from .common import CASE_SETTING_KEYS, case_settings, room_debts
from .positions import case_positions, open_cases

__all__ = [
    "SyncResult",
    "open_case",
    "refresh_case_positions",
    "sync_cases",
    "sync_cases_daily",
    "update_case_settings",
]

SYNCED_ON_KEY = "cases.synced_on"
OPENED, CLOSED = "opened", "closed"


@dataclass(frozen=True)
class SyncResult:
    """What a sync did."""

    today: date
    opened: int
    closed: int
    refreshed: int  # open cases whose stored stage or next date changed
    open_cases: int


def _previous_collectors(session: Session, room_ids: Iterable[int]) -> dict[int, int]:
    """For rooms whose last case is closed: its collector, if that person still collects (active)."""
    ids = list(room_ids)
    if not ids:
        return {}
    active = set(session.scalars(select(User.id).where(User.active.is_(True),
                                                       User.role.in_([Role.COLLECTOR, Role.MANAGER]))))
    out: dict[int, int] = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        for room_id, collector_id in session.execute(
            select(CollectionCase.room_id, CollectionCase.collector_id)
            .where(CollectionCase.room_id.in_(part), CollectionCase.closed_on.is_not(None))
            .order_by(CollectionCase.room_id, CollectionCase.closed_on, CollectionCase.id)
        ):
            if collector_id in active:
                out[room_id] = collector_id
            else:
                out.pop(room_id, None)
    return out


def _refresh(session: Session, *, today: date, room_ids: Iterable[int] | None) -> tuple[int, int]:
    """Store each open case's stage and next date as the engine sees them; returns (changed, open)."""
    cases = open_cases(session, room_ids=room_ids)
    positions = case_positions(session, today=today, cases=cases)
    stored = {cid: (stage, nxt, hold) for cid, stage, nxt, hold in session.execute(
        select(CollectionCase.id, CollectionCase.stage, CollectionCase.next_action_on, CollectionCase.hold_until)
        .where(CollectionCase.closed_on.is_(None)))}
    changes = []
    for case_id, p in positions.items():
        value = (p.position.stage, p.position.due_on, p.position.hold_until)
        if stored.get(case_id) != value:
            changes.append({"cid": case_id, "stage": int(value[0]), "nxt": value[1], "hold": value[2]})
    if changes:
        # the cached columns only: the case's version (a collector's edit) does not move
        table = CollectionCase.__table__
        session.execute(
            update(table).where(table.c.id == bindparam("cid"))
            .values(stage=bindparam("stage"), next_action_on=bindparam("nxt"), hold_until=bindparam("hold")),
            changes,
        )
    return len(changes), len(positions)


def refresh_case_positions(conn: Connection, *, today: date) -> int:
    """Store every open case's stage and next date from its history, on a bare connection inside
    the caller's transaction (the demo's bulk load: it writes history, the engine reads the place)."""
    with Session(bind=conn) as session:
        changed, _ = _refresh(session, today=today, room_ids=None)
        session.flush()
    return changed


def sync_cases(session: Session, *, actor: UserDTO, today: date, room_ids: Iterable[int] | None = None) -> SyncResult:
    """Open, close and refresh cases as of ``today`` (all rooms, or only ``room_ids``).

    A system action any signed-in member of staff may trigger (any desk may be the first to
    start in the morning). The new case of a room that owed before goes back to the collector of
    its last case when that person still collects; otherwise it waits for the manager's split.
    """
    actor = authorize(session, actor)
    rooms = None if room_ids is None else list(room_ids)
    settings = case_settings(session)
    debts = room_debts(session, today=today, room_ids=rooms)
    stmt = select(CollectionCase).where(CollectionCase.closed_on.is_(None))
    if rooms is not None:
        stmt = stmt.where(CollectionCase.room_id.in_(rooms)) if len(rooms) <= 500 else stmt
    open_rows = [c for c in session.scalars(stmt) if rooms is None or c.room_id in set(rooms)]
    by_room = {c.room_id: c for c in open_rows}
    closed = 0
    for case in open_rows:
        debt = debts.get(case.room_id)
        if should_close(amount_fen=debt.amount_fen if debt else 0):
            case.closed_on = today
            case.next_action_on = None
            case.hold_until = None
            session.add(CaseEvent(case_id=case.id, kind=CLOSED, happened_on=today, user_id=actor.id,
                                  note="欠费已结清，自动结案"))
            closed += 1
    new_rooms = [room for room, debt in debts.items() if room not in by_room
                 and should_open(amount_fen=debt.amount_fen, months=debt.months, settings=settings)]
    previous = _previous_collectors(session, new_rooms)
    new_cases = []
    for room in sorted(new_rooms):
        case = CollectionCase(room_id=room, opened_on=today, stage=Stage.PREPARATION,
                              collector_id=previous.get(room))
        session.add(case)
        new_cases.append(case)
    session.flush()
    for case in new_cases:
        debt = debts[case.room_id]
        session.add(CaseEvent(case_id=case.id, kind=OPENED, happened_on=today, user_id=actor.id,
                              collector_id=case.collector_id,
                              note=f"欠费{debt.months}个月、{format_money(debt.amount_fen)}，达到立案标准"))
    session.flush()
    refreshed, still_open = _refresh(session, today=today, room_ids=rooms)
    if new_cases or closed:
        audit.record(session, actor, "cases.sync", "collection_case", None, today=today, opened=len(new_cases),
                     closed=closed, rooms=None if rooms is None else len(rooms))
    return SyncResult(today, len(new_cases), closed, refreshed, still_open)


def sync_cases_daily(session: Session, *, actor: UserDTO, today: date) -> SyncResult | None:
    """:func:`sync_cases` for all rooms once per office day (None when it already ran today)."""
    authorize(session, actor)
    row = session.scalars(select(OfficeSetting).where(OfficeSetting.key == SYNCED_ON_KEY).with_for_update()).first()
    if row is not None and row.value == today.isoformat():
        return None
    result = sync_cases(session, actor=actor, today=today)
    if row is None:
        session.add(OfficeSetting(key=SYNCED_ON_KEY, value=today.isoformat(), updated_by_id=actor.id))
    else:
        row.value = today.isoformat()
        row.updated_by_id = actor.id
    session.flush()
    return result


def open_case(session: Session, *, actor: UserDTO, room_id: int, today: date, note: str = "") -> int:
    """A manager opens a case by hand for a room that owes something but is below the threshold."""
    actor = authorize(session, actor, Permission.ASSIGN_CASES)
    existing = session.scalar(select(CollectionCase.id).where(CollectionCase.room_id == room_id,
                                                               CollectionCase.closed_on.is_(None)))
    if existing is not None:
        raise ValidationError("case.already_open", case_id=existing)
    debt = room_debts(session, today=today, room_ids=[room_id]).get(room_id)
    if debt is None:
        raise ValidationError("case.nothing_owed")
    case = CollectionCase(room_id=room_id, opened_on=today, stage=Stage.PREPARATION,
                          collector_id=_previous_collectors(session, [room_id]).get(room_id))
    session.add(case)
    session.flush()
    session.add(CaseEvent(case_id=case.id, kind=OPENED, happened_on=today, user_id=actor.id,
                          collector_id=case.collector_id, note=note.strip() or "主管手动立案"))
    session.flush()
    _refresh(session, today=today, room_ids=[room_id])
    audit.record(session, actor, "case.open", "collection_case", case.id, room_id=room_id, note=note.strip())
    return case.id


def update_case_settings(session: Session, *, actor: UserDTO, open_min_fen: int, open_min_months: int,
                         split_mode: SplitMode | str, split_scope: SplitScope | str) -> CaseSettings:
    """Change the case threshold and the split's defaults (managers, like the ladder)."""
    actor = authorize(session, actor, Permission.EDIT_LADDER)
    if open_min_fen < 0:
        raise ValidationError("cases.threshold_negative", field="open_min_fen")
    if not 0 <= open_min_months <= 120:
        raise ValidationError("cases.months_out_of_range", field="open_min_months")
    values = {
        "cases.open_min_fen": str(int(open_min_fen)),
        "cases.open_min_months": str(int(open_min_months)),
        "cases.split_mode": SplitMode(split_mode).value,
        "cases.split_scope": SplitScope(split_scope).value,
    }
    assert set(values) == set(CASE_SETTING_KEYS)
    for key, value in values.items():
        put_setting(session, actor, key, value=value)
    session.flush()
    audit.record(session, actor, "cases.settings", "office_setting", None, **values)
    return case_settings(session)
