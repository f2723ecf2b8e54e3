"""Reading the audit log: the viewer's pages (filtered and paged in SQL), the export, and the walk
that verifies the hash chain (``cuijiao audit verify``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import AuditLog, Estate, Room, User
from cuijiao_desktop.domain.audit_chain import AuditEntry, ChainBreak, ChainRow, ChainWalk
from cuijiao_desktop.domain.errors import DomainError, ValidationError
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.rooms import parse_room_code

from . import audit
from .actor import authorize
from .dto import UserDTO
from .tx import read_only

__all__ = ["AuditFilter", "AuditPage", "AuditRow", "ChainReport", "audit_actions", "audit_page", "audit_rows",
           "audit_users", "record_export", "verify_chain"]

#: Rows fetched per round trip while verifying.
VERIFY_BATCH = 5000
MAX_EXPORT_ROWS = 1_000_000


@dataclass(frozen=True)
class AuditFilter:
    """What the viewer shows: who (user id, or the command line's ``cli``), what (an action or an
    action group such as ``payment``), when (local dates, both inclusive) and which room (any
    common spelling of a room code)."""

    user_id: int | None = None
    username: str | None = None
    action: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    room: str | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    chain_seq: int
    at: datetime
    username: str
    display_name: str
    action: str
    entity: str
    entity_id: str | None
    room_code: str
    detail: str


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    total: int
    offset: int


@dataclass(frozen=True)
class ChainReport:
    """The outcome of a walk over the whole chain."""

    checked: int
    total: int
    head_seq: int
    head_hash: str
    broken: ChainBreak | None
    seconds: float

    @property
    def ok(self) -> bool:
        return self.broken is None


def _local_midnight_utc(day: date) -> datetime:
    return datetime.combine(day, dtime.min).astimezone().astimezone(UTC)


def _room_ids(session: Session, text: str) -> list[int]:
    try:
        code = parse_room_code(text).canonical
    except ValidationError:
        raise ValidationError("audit.room_invalid", field="room", text=text) from None
    return list(session.scalars(select(Room.id).where(Room.code == code)))


def _filtered(session: Session, flt: AuditFilter, stmt: Select) -> Select:
    if flt.user_id is not None:
        stmt = stmt.where(AuditLog.user_id == flt.user_id)
    elif flt.username:
        stmt = stmt.where(AuditLog.username == flt.username)
    if flt.action:
        if flt.action.endswith("."):
            stmt = stmt.where(AuditLog.action.startswith(flt.action, autoescape=True))
        else:
            stmt = stmt.where(AuditLog.action == flt.action)
    if flt.date_from is not None:
        stmt = stmt.where(AuditLog.at >= _local_midnight_utc(flt.date_from))
    if flt.date_to is not None:
        stmt = stmt.where(AuditLog.at < _local_midnight_utc(flt.date_to + timedelta(days=1)))
    if flt.room and flt.room.strip():
        stmt = stmt.where(AuditLog.room_id.in_(_room_ids(session, flt.room.strip())))
    return stmt


def _rows_stmt(session: Session, flt: AuditFilter) -> Select:
    stmt = (
        select(AuditLog.id, AuditLog.chain_seq, AuditLog.at, AuditLog.username,
               func.coalesce(User.display_name, AuditLog.username), AuditLog.action, AuditLog.entity,
               AuditLog.entity_id, Room.code, Estate.name, AuditLog.detail)
        .outerjoin(User, User.id == AuditLog.user_id)
        .outerjoin(Room, Room.id == AuditLog.room_id)
        .outerjoin(Estate, Estate.id == Room.estate_id)
    )
    return _filtered(session, flt, stmt).order_by(AuditLog.chain_seq.desc())


def _row(r) -> AuditRow:
    room = f"{r[9]} {r[8]}" if r[8] else ""
    return AuditRow(id=r[0], chain_seq=int(r[1]), at=r[2], username=r[3], display_name=r[4], action=r[5],
                    entity=r[6], entity_id=r[7], room_code=room, detail=r[10])


@read_only
def audit_page(session: Session, *, actor: UserDTO, flt: AuditFilter, offset: int = 0, limit: int = 200) -> AuditPage:
    """One page of the log, newest first, with the number of rows the filter matches."""
    authorize(session, actor, Permission.VIEW_AUDIT)
    total = int(session.scalar(_filtered(session, flt, select(func.count()).select_from(AuditLog))) or 0)
    offset = max(0, min(offset, max(0, total - 1)))
    rows = session.execute(_rows_stmt(session, flt).offset(offset).limit(limit)).all()
    return AuditPage(rows=tuple(_row(r) for r in rows), total=total, offset=offset)


@read_only
def audit_rows(session: Session, *, actor: UserDTO, flt: AuditFilter) -> list[AuditRow]:
    """Every row the filter matches, newest first (for the export)."""
    authorize(session, actor, Permission.VIEW_AUDIT)
    total = int(session.scalar(_filtered(session, flt, select(func.count()).select_from(AuditLog))) or 0)
    if total > MAX_EXPORT_ROWS:
        raise DomainError("audit.export_too_large", rows=total, limit=MAX_EXPORT_ROWS)
    return [_row(r) for r in session.execute(_rows_stmt(session, flt))]


@read_only
def audit_users(session: Session, *, actor: UserDTO) -> list[tuple[int | None, str, str]]:
    """(user id, user name, display name) of everyone who appears in the log, for the "who" filter."""
    authorize(session, actor, Permission.VIEW_AUDIT)
    rows = session.execute(
        select(AuditLog.user_id, AuditLog.username).distinct()
    ).all()
    names = dict(session.execute(select(User.id, User.display_name)).all())
    out = {(uid, uname): names.get(uid, uname) for uid, uname in rows}
    return sorted(((uid, uname, disp) for (uid, uname), disp in out.items()), key=lambda x: (x[2], x[1]))


@read_only
def audit_actions(session: Session, *, actor: UserDTO) -> list[str]:
    """Every action that appears in the log, sorted."""
    authorize(session, actor, Permission.VIEW_AUDIT)
    return sorted(session.scalars(select(AuditLog.action).distinct()))


def record_export(session: Session, *, actor: UserDTO, flt: AuditFilter, file_name: str, rows: int) -> None:
    """Note in the log itself that (part of) the log was exported, with the filter used."""
    actor = authorize(session, actor, Permission.VIEW_AUDIT)
    audit.record(session, actor, "audit.export", "audit_log", None, file=file_name, rows=rows,
                 filter={k: v for k, v in vars(flt).items() if v not in (None, "")})


@read_only
def verify_chain(
    session: Session,
    *,
    actor: UserDTO,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ChainReport:
    """Walk the whole chain in order and stop at the first broken link (changed, deleted or inserted row)."""
    authorize(session, actor, Permission.VIEW_AUDIT)
    started = time.perf_counter()
    total = int(session.scalar(select(func.count()).select_from(AuditLog)) or 0)
    walk = ChainWalk()
    after = None
    cols = (AuditLog.id, AuditLog.chain_seq, AuditLog.prev_hash, AuditLog.row_hash, AuditLog.at, AuditLog.user_id,
            AuditLog.username, AuditLog.action, AuditLog.entity, AuditLog.entity_id, AuditLog.room_id,
            AuditLog.detail)
    while True:
        stmt = select(*cols).order_by(AuditLog.chain_seq).limit(VERIFY_BATCH)
        if after is not None:
            stmt = stmt.where(AuditLog.chain_seq > after)
        batch = [ChainRow(r[0], int(r[1]), r[2], r[3], AuditEntry(*r[4:])) for r in session.execute(stmt)]
        if not batch:
            break
        if not walk.feed(batch):
            break
        after = batch[-1].chain_seq
        if progress is not None:
            progress(walk.checked, total, "")
        if cancel is not None and cancel():
            raise DomainError("task.cancelled")
    return ChainReport(checked=walk.checked, total=total, head_seq=walk.last_seq, head_hash=walk.last_hash,
                       broken=walk.broken, seconds=round(time.perf_counter() - started, 3))
