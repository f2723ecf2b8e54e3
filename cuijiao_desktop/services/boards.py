"""Public boards (公示): the arrears board and the thank-you board (鸣谢), masked by the office's policy.

Personal Information Protection Law art. 25: personal information may not be made public without
the person's separate consent. So by default a board shows only the building, unit, a masked
room number, the months and the amount (no names, no phones). The office may loosen the policy
(masked names, more room digits); the change needs an explicit acknowledgement, cites the
article, and is audited. Every print is audited with who, when and which rooms.

The arrears board reads the debts due before its data date as they stand now: a room that has
paid since drops off when the board is printed again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Integer, and_, case, func, select, type_coerce
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import (
    BILL_UNPAID,
    Bill,
    Building,
    Estate,
    OfficeSetting,
    Person,
    Room,
    RoomPerson,
    Unit,
)
from cuijiao_desktop.domain.enums import PersonRole
from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.masking import BoardRow, MaskingPolicy, board_row
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.domain.rooms import natural_key

from . import audit
from .actor import authorize
from .arrears import OUTSTANDING, UNPAID
from .dto import OfficeDTO, UserDTO
from .office import get_office, put_setting
from .tx import read_only

__all__ = [
    "DEFAULT_POLICY", "PIPL_WARNING", "Board", "BoardKind", "arrears_board", "board_to_print", "get_masking_policy",
    "is_loosening", "print_board", "record_board_print", "set_masking_policy", "thanks_board",
]

DEFAULT_POLICY = MaskingPolicy(show_owner_name=False, room_keep_digits=2)
KEY_NAMES = "board.show_owner_name"
KEY_DIGITS = "board.room_keep_digits"
PIPL_WARNING = ("《个人信息保护法》第二十五条：个人信息处理者不得公开其处理的个人信息，取得个人单独同意的除外。"
                "公示业主姓名或更多房号数字，须事先取得每位业主的单独同意。")


class BoardKind:
    ARREARS = "arrears"
    THANKS = "thanks"


@read_only
def get_masking_policy(session: Session) -> MaskingPolicy:
    """The office's masking policy for boards (privacy-safe default: no names, last two room digits masked)."""
    rows = dict(session.execute(select(OfficeSetting.key, OfficeSetting.value)
                                .where(OfficeSetting.key.in_([KEY_NAMES, KEY_DIGITS]))).tuples().all())
    try:
        digits = int(rows.get(KEY_DIGITS, DEFAULT_POLICY.room_keep_digits))
    except ValueError:
        digits = DEFAULT_POLICY.room_keep_digits
    return MaskingPolicy(show_owner_name=rows.get(KEY_NAMES, "0") == "1", room_keep_digits=max(0, min(3, digits)))


def is_loosening(old: MaskingPolicy, new: MaskingPolicy) -> bool:
    """True when ``new`` shows more than ``old`` (names, or more room digits)."""
    return (new.show_owner_name and not old.show_owner_name) or new.room_keep_digits > old.room_keep_digits


def set_masking_policy(
    session: Session, *, actor: UserDTO, policy: MaskingPolicy, acknowledged_pipl: bool = False,
) -> MaskingPolicy:
    """Change the masking policy. Loosening it needs ``acknowledged_pipl`` (the user saw the PIPL art. 25
    warning); every change is audited with the old and new policy."""
    actor = authorize(session, actor, Permission.EDIT_SETTINGS)
    if not 0 <= policy.room_keep_digits <= 3:
        raise ValidationError("board.digits_out_of_range", field="room_keep_digits")
    old = get_masking_policy(session)
    loosening = is_loosening(old, policy)
    if loosening and not acknowledged_pipl:
        raise ValidationError("board.loosening_needs_consent", field="policy", article=PIPL_WARNING)
    if old == policy:
        return old
    for key, value in ((KEY_NAMES, "1" if policy.show_owner_name else "0"), (KEY_DIGITS, str(policy.room_keep_digits))):
        put_setting(session, actor, key, value=value)
    session.flush()
    audit.record(session, actor, "board.masking_policy", "office_setting", "board",
                 old={"show_owner_name": old.show_owner_name, "room_keep_digits": old.room_keep_digits},
                 new={"show_owner_name": policy.show_owner_name, "room_keep_digits": policy.room_keep_digits},
                 loosened=loosening, pipl_acknowledged=acknowledged_pipl if loosening else None)
    return policy


@dataclass(frozen=True)
class BoardLine:
    """One printed room of a board (already masked), with its room id for the audit only."""

    room_id: int
    estate: str
    row: BoardRow
    period_from: int | None = None
    period_to: int | None = None


@dataclass(frozen=True)
class Board:
    """A board ready to print: title, scope, data date, the masked rooms grouped by building."""

    kind: str
    office: OfficeDTO
    estate: str
    scope: str  # "1栋" / "全部楼栋"
    data_date: date
    printed_on: date
    period_from: int | None
    period_to: int | None
    policy: MaskingPolicy
    lines: tuple[BoardLine, ...]

    @property
    def total_fen(self) -> int:
        return sum(x.row.amount_fen for x in self.lines)

    @property
    def title(self) -> str:
        return self.title_for(self.estate)

    def title_for(self, estate: str) -> str:
        """The heading of one estate's pages (a board is posted inside one estate)."""
        if self.kind == BoardKind.THANKS:
            return f"{estate} 物业服务费按时缴纳鸣谢榜"
        return f"{estate} {self.data_date.year}年物业服务费欠费公示"

    def by_estate(self) -> list[tuple[str, list[BoardLine]]]:
        """The lines of each estate, in estate order."""
        groups: dict[str, list[BoardLine]] = {}
        for line in self.lines:
            groups.setdefault(line.estate, []).append(line)
        return sorted(groups.items())


def _scope_rooms(estate_id: int | None, building_ids: Sequence[int]):
    conds = []
    if estate_id is not None:
        conds.append(Room.estate_id == estate_id)
    if building_ids:
        conds.append(Room.building_id.in_(list(building_ids)))
    return conds


def _owners(session: Session, room_ids: Sequence[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for i in range(0, len(room_ids), 900):
        for room_id, name in session.execute(
            select(RoomPerson.room_id, Person.name).join(Person, Person.id == RoomPerson.person_id)
            .where(RoomPerson.room_id.in_(room_ids[i:i + 900]), RoomPerson.role == PersonRole.OWNER,
                   RoomPerson.end_date.is_(None)).order_by(RoomPerson.id)
        ):
            out.setdefault(room_id, name)
    return out


def _estate_name(session: Session, estate_id: int | None, rows) -> str:
    if estate_id is not None:
        return session.scalar(select(Estate.name).where(Estate.id == estate_id)) or ""
    names = sorted({r[1] for r in rows})
    return "、".join(names)


def _scope_text(session: Session, building_ids: Sequence[int]) -> str:
    if not building_ids:
        return "全部楼栋"
    names = sorted(set(session.scalars(select(Building.name).where(Building.id.in_(list(building_ids))))),
                   key=natural_key)
    return "、".join(f"{n}栋" for n in names)


def _lines(session: Session, rows, policy: MaskingPolicy, *, periods: bool) -> tuple[BoardLine, ...]:
    owners = _owners(session, [r[0] for r in rows]) if policy.show_owner_name else {}
    lines = []
    for r in rows:
        room_id, _estate, building, unit, number, months, fen = r[:7]
        masked = board_row(policy, building=building, unit=unit, room_code=number, months=months, amount_fen=fen,
                           owner_name=owners.get(room_id))
        lines.append(BoardLine(room_id, _estate, masked, r[7] if periods else None, r[8] if periods else None))
    # shorter room numbers (lower floors) first, then the visible digits: the order reveals no hidden digit
    lines.sort(key=lambda x: (x.estate, natural_key(x.row.building), natural_key(x.row.unit),
                              len(x.row.room_masked), natural_key(x.row.room_masked)))
    return tuple(lines)


def _arrears_rows(session: Session, *, estate_id: int | None, building_ids: Sequence[int], data_date: date,
                  min_months: int):
    agg = (
        select(Bill.room_id.label("room_id"), type_coerce(func.sum(OUTSTANDING), Integer).label("fen"),
               func.count(func.distinct(Bill.period)).label("months"), func.min(Bill.period).label("p0"),
               func.max(Bill.period).label("p1"))
        .where(UNPAID, Bill.due_date < data_date).group_by(Bill.room_id).subquery()
    )
    stmt = (
        select(Room.id, Estate.name, Building.name, Unit.name, Room.number, agg.c.months, agg.c.fen, agg.c.p0,
               agg.c.p1)
        .select_from(agg).join(Room, Room.id == agg.c.room_id).join(Estate, Estate.id == Room.estate_id)
        .join(Building, Building.id == Room.building_id).outerjoin(Unit, Unit.id == Room.unit_id)
        .where(agg.c.months >= max(1, min_months), *_scope_rooms(estate_id, building_ids))
    )
    return [tuple(r[:5]) + (int(r[5]), int(r[6]), r[7], r[8]) for r in session.execute(stmt)]


@read_only
def arrears_board(
    session: Session, *, estate_id: int | None = None, building_ids: Sequence[int] = (), data_date: date,
    today: date | None = None, min_months: int = 1,
) -> Board:
    """The arrears board of an estate or buildings: rooms owing for ``min_months`` or more months
    of bills due before ``data_date``, as they stand now (rooms that paid since drop off)."""
    policy = get_masking_policy(session)
    rows = _arrears_rows(session, estate_id=estate_id, building_ids=building_ids, data_date=data_date,
                         min_months=min_months)
    return Board(BoardKind.ARREARS, get_office(session), _estate_name(session, estate_id, rows),
                 _scope_text(session, building_ids), data_date, today or data_date, None, None, policy,
                 _lines(session, rows, policy, periods=True))


@read_only
def thanks_board(
    session: Session, *, estate_id: int | None = None, building_ids: Sequence[int] = (), period_from: int,
    period_to: int, today: date,
) -> Board:
    """The thank-you board: households billed in ``period_from``–``period_to`` (YYYYMM) with all of
    those bills settled."""
    if period_from > period_to:
        raise ValidationError("board.periods_reversed", field="period_from")
    unpaid = func.sum(case((BILL_UNPAID, 1), else_=0))
    agg = (
        select(Bill.room_id.label("room_id"), func.count(func.distinct(Bill.period)).label("months"),
               type_coerce(func.sum(Bill.paid_fen), Integer).label("fen"), unpaid.label("unpaid"))
        .where(and_(Bill.period >= period_from, Bill.period <= period_to)).group_by(Bill.room_id).subquery()
    )
    stmt = (
        select(Room.id, Estate.name, Building.name, Unit.name, Room.number, agg.c.months, agg.c.fen)
        .select_from(agg).join(Room, Room.id == agg.c.room_id).join(Estate, Estate.id == Room.estate_id)
        .join(Building, Building.id == Room.building_id).outerjoin(Unit, Unit.id == Room.unit_id)
        .where(agg.c.unpaid == 0, *_scope_rooms(estate_id, building_ids))
    )
    rows = [tuple(r[:5]) + (int(r[5]), int(r[6] or 0)) for r in session.execute(stmt)]
    policy = get_masking_policy(session)
    return Board(BoardKind.THANKS, get_office(session), _estate_name(session, estate_id, rows),
                 _scope_text(session, building_ids), today, today, period_from, period_to, policy,
                 _lines(session, rows, policy, periods=False))


def print_board(
    session: Session, *, actor: UserDTO, kind: str, estate_id: int | None = None, building_ids: Sequence[int] = (),
    data_date: date, today: date, min_months: int = 1, period_from: int | None = None, period_to: int | None = None,
    file_name: str = "",
) -> Board:
    """Build a board for printing and audit the print (who, when, which rooms, under which policy)."""
    board = board_to_print(session, actor=actor, kind=kind, estate_id=estate_id, building_ids=building_ids,
                           data_date=data_date, today=today, min_months=min_months, period_from=period_from,
                           period_to=period_to)
    record_board_print(session, actor=actor, kind=kind, board=board, file_name=file_name)
    return board


@read_only
def board_to_print(
    session: Session, *, actor: UserDTO, kind: str, estate_id: int | None = None, building_ids: Sequence[int] = (),
    data_date: date, today: date, min_months: int = 1, period_from: int | None = None, period_to: int | None = None,
) -> Board:
    """Build a board for printing (the role must be allowed to print boards); :func:`record_board_print`
    audits it."""
    authorize(session, actor, Permission.PRINT_BOARDS)
    if kind == BoardKind.ARREARS:
        return arrears_board(session, estate_id=estate_id, building_ids=building_ids, data_date=data_date,
                             today=today, min_months=min_months)
    if kind == BoardKind.THANKS:
        if period_from is None or period_to is None:
            period_from = period_to = today.year * 100 + today.month
        return thanks_board(session, estate_id=estate_id, building_ids=building_ids, period_from=period_from,
                            period_to=period_to, today=today)
    raise ValidationError("board.unknown_kind", kind=kind)


def record_board_print(session: Session, *, actor: UserDTO, kind: str, board: Board, file_name: str = "") -> None:
    """Audit the print of ``board`` (who, when, which rooms, under which policy)."""
    actor = authorize(session, actor, Permission.PRINT_BOARDS)
    audit.record(session, actor, "board.print", "board", kind, estate=board.estate, scope=board.scope,
                 data_date=board.data_date.isoformat(), rooms=[x.room_id for x in board.lines],
                 count=len(board.lines), show_owner_name=board.policy.show_owner_name,
                 room_keep_digits=board.policy.room_keep_digits, file=file_name)
