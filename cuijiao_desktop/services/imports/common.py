"""What every kind of import shares: the plan and result DTOs, the estate, and the bulk-writing helpers.

The writing helpers take a :data:`~cuijiao_desktop.services.batch.Writer`: a ``DirectWriter`` writes
at once in the caller's transaction, a ``StagedWrite`` stages the rows off the write lock and
publishes them in one short transaction (a long write, ``services/batch.py``), every update checked
there against what other desks did meanwhile."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from cuijiao_desktop.db import models as m
from cuijiao_desktop.domain.enums import ChargeBasis
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.importing.headers import ImportKind
from cuijiao_desktop.importing.validate import ParsedSheet, Rejected, Skipped

from ..batch import Writer
from ..tx import read_only

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]

DEFAULT_ESTATE = "本小区"
CHUNK = 500  # ids per IN (...) query

CREATE, UPDATE, UNCHANGED, REJECT = "create", "update", "unchanged", "rejected"
ACTION_ZH = {CREATE: "新增", UPDATE: "更新", UNCHANGED: "未变", REJECT: "拒绝"}


# ---------------------------------------------------------------------------
# DTOs
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RowOutcome:
    """What the import does with one spreadsheet line (``action``: create/update/unchanged/rejected)."""

    line: int
    action: str
    room_code: str
    detail: str  # Chinese: what changes, or why it is rejected


#: How a fee-item word of a bills file was matched (:attr:`FeeItemWord.how`).
MATCHED = ("name", "code", "synonym", "chosen")
NEW = "create"
UNKNOWN = "unknown"
AMBIGUOUS = "ambiguous"
HOW_ZH = {"name": "名称相同", "code": "编码相同", "synonym": "同义词", "chosen": "已指定", NEW: "新建",
          UNKNOWN: "未知", AMBIGUOUS: "有多个可能"}


@dataclass(frozen=True)
class FeeItemWord:
    """A fee-item word of a bills file (``物业费``), how many rows use it, and the item it stands for.

    ``how``: ``name``/``code``/``synonym`` (matched on its own), ``chosen`` (mapped by the user),
    ``create`` (a new item ``item_name`` is made, ``basis`` guessed from the word), ``unknown`` or
    ``ambiguous`` (several ``candidates``; the rows are rejected until someone chooses).
    """

    word: str
    rows: int
    amount_fen: int
    how: str
    item_id: int | None = None  # the existing item (None for create/unknown/ambiguous)
    item_name: str | None = None
    basis: ChargeBasis | None = None  # create: the new item's charging basis
    candidates: tuple[tuple[int, str], ...] = ()  # ambiguous: (id, name) of each possible item

    @property
    def resolved(self) -> bool:
        """True when the word's rows can be imported."""
        return self.how in MATCHED or self.how == NEW


@dataclass(frozen=True)
class ImportPlan:
    """The preview of an import: counts, each row's outcome, rejected and skipped rows."""

    kind: ImportKind
    file_name: str
    sheet: str
    estate_name: str
    estate_is_new: bool
    header_row: int | None  # 0-based
    mapping: Mapping[str, int]
    outcomes: tuple[RowOutcome, ...]
    rejected: tuple[Rejected, ...]
    skipped: tuple[Skipped, ...]
    created: int
    updated: int
    unchanged: int
    today: dt.date | None = None
    #: bills: every fee-item word of the file and what it stands for, in the order first seen
    fee_items: tuple[FeeItemWord, ...] = ()
    #: the checked rows, reused by ``commit_import(plan=...)`` so a commit does not read them again
    parsed: ParsedSheet | None = field(default=None, repr=False, compare=False)

    @property
    def rejected_count(self) -> int:
        """Rows that will not be imported."""
        return len(self.rejected)

    @property
    def taken(self) -> int:
        """Rows that are imported (created, updated or already there)."""
        return self.created + self.updated + self.unchanged

    @property
    def unresolved_fee_items(self) -> tuple[FeeItemWord, ...]:
        """Fee-item words nobody has mapped yet (unknown or ambiguous): their rows are rejected."""
        return tuple(w for w in self.fee_items if not w.resolved)

    @property
    def new_fee_items(self) -> tuple[str, ...]:
        """Names of the fee items the import creates."""
        return tuple(dict.fromkeys(w.item_name or w.word for w in self.fee_items if w.how == NEW))

    def summary_zh(self) -> str:
        """``新增 3，更新 1，未变 10，拒绝 2，跳过 4`` (the CLI's and the audit's wording)."""
        return (f"新增 {self.created}，更新 {self.updated}，未变 {self.unchanged}，"
                f"拒绝 {self.rejected_count}，跳过 {len(self.skipped)}")


@dataclass(frozen=True)
class ImportResult:
    """What a committed import did."""

    plan: ImportPlan
    rooms_created: int = 0
    persons_created: int = 0
    contacts_created: int = 0
    bills_created: int = 0
    bills_updated: int = 0
    payments_created: int = 0
    paid_fen: int = 0
    credit_fen: int = 0
    fee_items_created: int = 0


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    """``items`` in slices of ``size``."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def receipt_no(*key: Any) -> str:
    """The receipt number of an imported payment, derived from its identity (a repeat gives the same)."""
    digest = hashlib.sha1("|".join(map(str, key)).encode("utf-8")).hexdigest()
    return "DR" + digest[:24].upper()


def check_cancel(cancel: CancelFn | None) -> None:
    """Raise ``task.cancelled`` when the user asked to stop (the transaction then rolls back)."""
    if cancel is not None and cancel():
        raise DomainError("task.cancelled")


def money(fen: int) -> str:
    """``¥1,234.50`` in row details."""
    return format_money(fen)


def unknown_room(code: str) -> str:
    """The reason for a row whose room is not in the estate."""
    return f"房号不存在：{code}（请先导入房屋）"


def sorted_outcomes(outcomes: list[RowOutcome]) -> tuple[RowOutcome, ...]:
    """Outcomes in file order."""
    return tuple(sorted(outcomes, key=lambda o: o.line))


@read_only
def estate_names(session: Session) -> list[str]:
    """The names of all estates (for the wizard's estate box)."""
    return list(session.execute(select(m.Estate.name).order_by(m.Estate.id)).scalars())


def resolve_estate(session: Session, kind: ImportKind, name: str | None) -> tuple[int | None, str]:
    """(estate id or None when it will be created, its name)."""
    rows = session.execute(select(m.Estate.id, m.Estate.name, m.Estate.code)).all()
    if name is not None and name.strip():
        name = name.strip()
        for eid, ename, code in rows:
            if name in (ename, code):
                return eid, ename
        if kind is ImportKind.ROOMS:
            return None, name
        raise DomainError("import.estate_not_found", name=name)
    if len(rows) == 1:
        return rows[0][0], rows[0][1]
    if not rows:
        if kind is ImportKind.ROOMS:
            return None, DEFAULT_ESTATE
        raise DomainError("import.no_rooms")
    raise DomainError("import.estate_required", estates="、".join(r[1] for r in rows))


def create_estate(session: Session, w: Writer, name: str) -> int:
    """A new estate named ``name`` with the next free code ``E001``, ``E002`` … (a provisional id when
    staged; another desk taking the same code meanwhile is a conflict at publishing)."""
    taken = set(session.scalars(select(m.Estate.code)))
    n = len(taken) + 1
    while f"E{n:03d}" in taken:
        n += 1
    return w.insert(m.Estate.__table__, [{"code": f"E{n:03d}", "name": name}])[0]


def room_ids(session: Session, estate_id: int | None) -> dict[str, int]:
    """Canonical room code -> room id, for one estate."""
    if estate_id is None:
        return {}
    return dict(session.execute(select(m.Room.code, m.Room.id).where(m.Room.estate_id == estate_id)).all())


def insert_returning_ids(w: Writer, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Bulk insert, returning the new ids in the order of ``rows`` (provisional ids when staged)."""
    return w.insert(table, rows) if rows else []


def bulk_insert(w: Writer, table: Table, rows: list[dict[str, Any]]) -> None:
    """Bulk insert without returning anything."""
    if rows:
        w.insert(table, rows)


def add_to_paid(w: Writer, paid_by_bill: Mapping[int, int]) -> None:
    """``bill.paid_fen += d`` for each bill: the cached paid amount follows the allocation lines.

    Never more than the bill still owes: the amounts were planned from a snapshot, and another desk
    may have taken a payment meanwhile (then the whole import is a conflict and writes nothing)."""
    if not paid_by_bill:
        return
    bill = m.Bill.__table__
    w.update(
        update(bill).where(bill.c.id == bindparam("b_id"),
                           bill.c.paid_fen + bill.c.discount_fen + bill.c.waived_fen + bindparam("d")
                           <= bill.c.amount_fen)
        .values(paid_fen=bill.c.paid_fen + bindparam("d")),
        [{"b_id": bid, "d": fen} for bid, fen in sorted(paid_by_bill.items())], what="账单已缴金额",
    )


def lock_rooms(w: Writer, ids: Iterable[int]) -> None:
    """Lock the rooms touched when the rows are written (PostgreSQL ``FOR UPDATE``; SQLite's write
    lock covers everything then)."""
    w.lock(m.Room.__table__, ids)
