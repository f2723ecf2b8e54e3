"""The append-only, hash-chained audit log: every write service records who did what.

:func:`record` keeps the entry with the session; when the transaction commits, its entries are
chained behind the newest row and inserted, one writer at a time: SQLite's ``BEGIN IMMEDIATE``
already holds the only write lock, PostgreSQL takes a transaction-level advisory lock. The lock
is the last one a transaction takes and is held only for those inserts and the commit, so it
cannot deadlock with the room and serial-number locks taken before it. A rolled-back transaction
leaves no entry. Bulk loaders that write on a Connection call :func:`append_entries` themselves.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, event, insert, select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.base import Base
from cuijiao_desktop.db.models import AuditLog
from cuijiao_desktop.db.types import utcnow
from cuijiao_desktop.domain.audit_chain import GENESIS, AuditEntry

from .dto import UserDTO

_PENDING = "cuijiao.audit_pending"
#: pg_advisory_xact_lock key of the chain ("cuijiao" audit, any constant shared by every desk).
CHAIN_LOCK_KEY = 0x6375696A_61756474 & 0x7FFF_FFFF_FFFF_FFFF


def entry(actor: UserDTO, action: str, entity: str, entity_id: Any = None, *, detail: dict[str, Any] | None = None,
          room_id: int | None = None, at: datetime | None = None) -> AuditEntry:
    """An entry for :func:`append_entries` (``detail`` stored as JSON, keys sorted)."""
    return AuditEntry(
        at=at or utcnow(), user_id=actor.id, username=actor.username, action=action, entity=entity,
        entity_id=None if entity_id is None else str(entity_id), room_id=room_id,
        detail=json.dumps(detail or {}, ensure_ascii=False, default=str, sort_keys=True),
    )


def _room_of(session: Session, entity: str, entity_id: Any, detail: dict[str, Any]) -> int | None:
    """The room an entry concerns: ``room_id`` in the detail, the room itself, or the ``room_id`` of
    the row named (a payment, bill, notice, contact event …)."""
    room = detail.get("room_id")
    if isinstance(room, int) and not isinstance(room, bool):
        return room
    if entity_id is None or not str(entity_id).isdigit():
        return None
    if entity == "room":
        return int(entity_id)
    table = Base.metadata.tables.get(entity)
    if table is None or "room_id" not in table.c or "id" not in table.c:
        return None
    return session.scalar(select(table.c.room_id).where(table.c.id == int(entity_id)))


def record(session: Session, actor: UserDTO, action: str, entity: str, entity_id: Any = None, **detail: Any) -> None:
    """Add one audit entry to the caller's transaction (written, chained, when it commits)."""
    room_id = _room_of(session, entity, entity_id, detail)
    session.info.setdefault(_PENDING, []).append(
        entry(actor, action, entity, entity_id, detail=detail, room_id=room_id))


def pending(session: Session) -> list[AuditEntry]:
    """Entries recorded in the session's open transaction and not yet written."""
    return list(session.info.get(_PENDING, ()))


def lock_chain(conn: Connection) -> None:
    """Wait until no other transaction appends to the chain (released at commit or rollback)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%(k)s)", {"k": CHAIN_LOCK_KEY})
    # SQLite: a writing transaction began with BEGIN IMMEDIATE and holds the database's write lock.


def chain_head(conn: Connection) -> tuple[int, str]:
    """(number, hash) of the newest row; (0, GENESIS) for an empty log."""
    row = conn.execute(select(AuditLog.chain_seq, AuditLog.row_hash).order_by(AuditLog.chain_seq.desc()).limit(1)).first()
    return (int(row[0]), row[1]) if row is not None else (0, GENESIS)


def append_entries(conn: Connection, entries: list[AuditEntry]) -> None:
    """Chain ``entries`` behind the newest row and insert them, inside the caller's transaction."""
    if not entries:
        return
    lock_chain(conn)
    seq, prev = chain_head(conn)
    rows = []
    for e in entries:
        seq += 1
        h = e.hash_at(seq, prev)
        rows.append({**vars(e), "chain_seq": seq, "prev_hash": prev, "row_hash": h})
        prev = h
    conn.execute(insert(AuditLog), rows)


def write_pending(session: Session) -> None:
    """Write the session's recorded entries now (the rows they speak of first): for a session that
    never commits itself, e.g. one bound to a connection whose owner commits (``services/batch.py``)."""
    entries = session.info.get(_PENDING)
    if not entries:
        return
    session.flush()  # the rows the entries speak of go first
    session.info[_PENDING] = []
    append_entries(session.connection(), entries)


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    if session.in_nested_transaction():
        return
    write_pending(session)


@event.listens_for(Session, "after_rollback")
def _drop_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


@event.listens_for(Session, "after_commit")
def _clear_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)
