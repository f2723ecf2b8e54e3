"""The arrears cache (欠费缓存): each room's row of the arrears table for one office day, kept honest by triggers.

Opening the arrears table at 50,000 rooms × 120 months spent most of its time summing some
200,000 unpaid bills into eight ageing buckets and looking up each room's owner, phone, case,
latest contact and promise. ``arrears_cache`` holds those rows (sums and late fee still due,
room, owner, masked phone, case, contact, promise) for the day in ``arrears_cache_state``;
``services.arrears.query_arrears`` reads it when it holds the day asked for.

How it stays right:

* **Every writer** – payments, reversals, billing, credit application, imports, late-fee
  assessment and waivers, room and owner edits, collection work, a repair in SQL – fires a
  database trigger (``db/arrears_ddl.py``) that marks the room in ``arrears_dirty``. Readers
  compute dirty rooms from the tables in the same statement, so the table is exact even before
  anyone refreshes the cache; no service has to call anything.
* :func:`refresh_arrears_cache` recomputes the dirty rooms (milliseconds), or rebuilds every
  row when the office day changed (the buckets move with the date): at the day's first
  sign-in, after a load of the arrears page that met dirty rooms, and ``cuijiao arrears refresh``.
* :func:`arrears_cache_discrepancies` compares every clean cached row with the tables (and the
  triggers' presence) for ``cuijiao db check``.

A row is computed by one rule (``arrears._live_statement`` with ``arrears.late_fee_due_by_room``),
shared by the live path, the refresh and the check.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from cuijiao_desktop.db.arrears_ddl import missing_arrears_triggers
from cuijiao_desktop.db.models import CACHE_STATE_ID, ArrearsCache, ArrearsCacheState, ArrearsDirty, Room
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.permissions import Permission

from .actor import authorize
from .arrears import BUCKET_COLUMNS, cache_day, cache_rows
from .dto import UserDTO
from .tx import read_only

__all__ = [
    "REBUILD_ABOVE_DIRTY_ROOMS",
    "CacheRefresh",
    "CacheStatus",
    "arrears_cache_discrepancies",
    "arrears_cache_status",
    "rebuild_arrears_cache",
    "refresh_arrears_cache",
]

#: With more dirty rooms than this, a refresh rebuilds every row (one pass over the unpaid bills
#: costs about as much as recomputing this many rooms one index range at a time).
REBUILD_ABOVE_DIRTY_ROOMS = 3000


@dataclass(frozen=True)
class CacheStatus:
    """Where the cache stands: the day it holds (None: never built) and how many rooms are dirty."""

    as_of: date | None
    dirty_rooms: int
    cached_rooms: int

    def needs_refresh(self, today: date) -> bool:
        """True when a refresh for ``today`` would change something."""
        return self.as_of != today or self.dirty_rooms > 0


@dataclass(frozen=True)
class CacheRefresh:
    """What a refresh did: the day, whether every row was rebuilt, the rooms recomputed, the time."""

    as_of: date
    rebuilt: bool
    rooms: int
    seconds: float


@read_only
def arrears_cache_status(session: Session) -> CacheStatus:
    """The cache's day and its count of dirty and cached rooms."""
    dirty = session.scalar(select(func.count()).select_from(ArrearsDirty))
    cached = session.scalar(select(func.count()).select_from(ArrearsCache))
    return CacheStatus(cache_day(session), int(dirty or 0), int(cached or 0))


def _lock_state(conn: Connection) -> date | None:
    """Serialise refreshes: the state row locked for this transaction (created when missing).

    SQLite already holds the write lock; PostgreSQL locks the row (FOR UPDATE), so two desks
    refreshing at once take turns instead of writing the same rows twice.
    """
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        conn.execute(pg_insert(ArrearsCacheState).values(
            id=CACHE_STATE_ID, as_of=date(1970, 1, 1), rebuilt_at=datetime.now(UTC), refreshed_at=datetime.now(UTC),
        ).on_conflict_do_nothing(index_elements=["id"]))
        return conn.execute(select(ArrearsCacheState.as_of).where(ArrearsCacheState.id == CACHE_STATE_ID)
                            .with_for_update()).scalar()
    return cache_day(conn)


def _fill(conn: Connection, today: date, room_ids: list[int] | None) -> int:
    """Insert the rows of ``room_ids`` (None: every room in arrears) computed from the tables."""
    rows = cache_rows(conn, today=today, room_ids=room_ids)
    for start in range(0, len(rows), 5000):
        conn.execute(insert(ArrearsCache), rows[start:start + 5000])
    return len(rows)


def _set_state(conn: Connection, today: date, *, rebuilt: bool) -> None:
    now = datetime.now(UTC)
    values = {"as_of": today, "refreshed_at": now}
    if rebuilt:
        values["rebuilt_at"] = now
    done = conn.execute(update(ArrearsCacheState).where(ArrearsCacheState.id == CACHE_STATE_ID).values(**values))
    if not done.rowcount:
        conn.execute(insert(ArrearsCacheState).values({"id": CACHE_STATE_ID, "rebuilt_at": now, **values}))


def rebuild_arrears_cache(conn: Connection, *, today: date) -> int:
    """Recompute every row for ``today`` (inside the caller's transaction); returns the rooms cached.

    The dirty marks are deleted first: on PostgreSQL a writer still holding one makes this wait
    for its commit, and the sums then read what it wrote (see ``db/arrears_ddl.py``).
    """
    _lock_state(conn)
    conn.execute(delete(ArrearsDirty))
    conn.execute(delete(ArrearsCache))
    count = _fill(conn, today, None)
    _set_state(conn, today, rebuilt=True)
    return count


def _refresh(conn: Connection, today: date, *, full: bool) -> CacheRefresh:
    started = time.perf_counter()
    as_of = _lock_state(conn)
    dirty = list(conn.execute(select(ArrearsDirty.room_id).order_by(ArrearsDirty.room_id)).scalars())
    if full or as_of != today or len(dirty) > REBUILD_ABOVE_DIRTY_ROOMS:
        rooms = rebuild_arrears_cache(conn, today=today)
        return CacheRefresh(today, True, rooms, time.perf_counter() - started)
    for i in range(0, len(dirty), 2000):  # the marks first (see rebuild_arrears_cache), then the rows
        chunk = dirty[i:i + 2000]
        conn.execute(delete(ArrearsDirty).where(ArrearsDirty.room_id.in_(chunk)))
        conn.execute(delete(ArrearsCache).where(ArrearsCache.room_id.in_(chunk)))
    if dirty:
        _fill(conn, today, dirty)
        _set_state(conn, today, rebuilt=False)
    return CacheRefresh(today, False, len(dirty), time.perf_counter() - started)


def refresh_arrears_cache(session: Session, *, actor: UserDTO, today: date, full: bool = False) -> CacheRefresh:
    """Bring the cache to ``today``: recompute the dirty rooms, or every room when the cache holds
    another day, when many rooms are dirty, or with ``full``.

    Any signed-in user may run it (it changes no business data). It is idempotent, takes a few
    milliseconds for a few dirty rooms and about half a second for a full rebuild at 50,000
    rooms × 120 months.
    """
    authorize(session, actor, Permission.VIEW)
    return _refresh(session.connection(), today, full=full)


# ---------------------------------------------------------------------------
# The check
# ---------------------------------------------------------------------------

#: The columns compared by the check, and their words.
_COLUMNS = tuple(col.name for col in ArrearsCache.__table__.columns if col.name != "room_id")
_WORDS = {
    "total_fen": "欠费", "months": "欠费月数", "oldest_period": "最早账期", "age_bucket": "账龄",
    "late_fee_fen": "滞纳金", "estate_id": "小区", "building_id": "楼栋", "unit_id": "单元", "room_number": "房号",
    "room_code": "房屋编号", "owner": "业主", "owner_initials": "业主拼音首字母", "phone_masked": "电话",
    "phone_last4": "电话后四位", "stage": "催缴阶段", "collector_id": "催收员", "reason": "欠费原因",
    "next_action_on": "下次跟进", "last_contact_at": "最近联系", "last_outcome": "联系结果", "promise_on": "承诺日期",
} | {name: f"账龄段{i + 1}" for i, name in enumerate(BUCKET_COLUMNS)}
_MONEY = {"total_fen", "late_fee_fen", *BUCKET_COLUMNS}


def _word(name: str, value: Any) -> str:
    if value is None:
        return "无"
    return format_money(value) if name in _MONEY else str(value)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, datetime) and isinstance(b, datetime):
        return a.astimezone(UTC) == b.astimezone(UTC)
    return a == b


@read_only
def arrears_cache_discrepancies(session: Session, *, limit: int = 20) -> list[str]:
    """The arrears cache against the tables: one line in Chinese per room that differs; empty when right.

    Every clean cached row must equal the row computed from the tables for the cache's day (late
    fee included), and every clean room in arrears must have a row. Dirty rooms are not compared
    (readers compute them from the tables). A missing or disabled trigger is reported too:
    without it a write would leave the cache silently stale.
    """
    conn = session.connection()
    missing = missing_arrears_triggers(conn)
    problems = [f"欠费缓存的触发器缺失或已停用（{len(missing)} 个）：{'、'.join(missing)}"] if missing else []
    as_of = cache_day(conn)
    if as_of is None:
        cached_count = session.scalar(select(func.count()).select_from(ArrearsCache))
        if cached_count:
            problems.append(f"欠费缓存有 {cached_count} 行，却没有记录它对应的日期")
        return problems
    dirty = set(conn.execute(select(ArrearsDirty.room_id)).scalars())
    cached_rows = {r.room_id: r._asdict() for r in session.execute(select(ArrearsCache.__table__))}
    live_rows = {r["room_id"]: r for r in cache_rows(conn, today=as_of, room_ids=None)}
    codes = dict(conn.execute(select(Room.id, Room.code)).tuples().all())
    day = as_of.isoformat()
    rooms = 0
    for room_id in sorted((set(cached_rows) | set(live_rows)) - dirty):
        if rooms >= limit:
            problems.append(f"……（只列出前 {limit} 处）")
            break
        room = codes.get(room_id, f"#{room_id}")
        cached, live = cached_rows.get(room_id), live_rows.get(room_id)
        before = len(problems)
        if cached is None:
            problems.append(f"欠费缓存缺少房间 {room}（{day} 欠费 {format_money(live['total_fen'])}）")
        elif live is None:
            problems.append(f"欠费缓存多出房间 {room}（{day} 已无欠费，缓存中为 {format_money(cached['total_fen'])}）")
        else:
            diffs = [f"{_WORDS[n]}：缓存 {_word(n, cached[n])}，应为 {_word(n, live[n])}"
                     for n in _COLUMNS if not _same(cached[n], live[n])]
            if diffs:
                problems.append(f"欠费缓存与账目不符：房间 {room}（{day}）" + "；".join(diffs))
        rooms += len(problems) - before
    return problems
