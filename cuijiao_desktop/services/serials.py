"""Gap-free serial numbers per kind and month: receipts SK202611000001, reversals CZ…, notices TZ….

The counter row is bumped inside the caller's transaction, so a rolled-back save
gives its number back and the printed series never has a hole.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import ReceiptSequence

RECEIPT = ("receipt", "SK")
REVERSAL = ("reversal", "CZ")
NOTICE = ("notice", "TZ")
WIDTH = 6


def sequence_name(kind: str, yyyymm: int) -> str:
    """The counter row's name for ``kind`` in month ``yyyymm`` (e.g. ``receipt-202611``)."""
    return f"{kind}-{yyyymm}"


def format_serial(prefix: str, yyyymm: int, n: int) -> str:
    """``SK`` + ``202611`` + six digits."""
    return f"{prefix}{yyyymm}{n:0{WIDTH}d}"


def next_serial(session: Session, kind: tuple[str, str], on: date) -> str:
    """The next number of ``kind`` (one of RECEIPT, REVERSAL, NOTICE) for the month of ``on``."""
    return reserve_serials(session, kind, on, 1)[0]


#: Prepaid credit spent on bills (预存款抵扣): DK202612000001.
CREDIT = ("credit", "DK")


def reserve_serials(session: Session, kind: tuple[str, str], on: date, count: int) -> list[str]:
    """``count`` consecutive numbers of ``kind`` for the month of ``on`` in one step (bulk bookings)."""
    if count <= 0:
        return []
    name, prefix = kind
    yyyymm = on.year * 100 + on.month
    dialect = session.get_bind().dialect.name
    ins = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(ReceiptSequence)
    seq = sequence_name(name, yyyymm)
    session.execute(ins.values(name=seq, prefix=prefix, next_value=1).on_conflict_do_nothing())
    first = session.execute(
        update(ReceiptSequence)
        .where(ReceiptSequence.name == seq)
        .values(next_value=ReceiptSequence.next_value + count)
        .returning(ReceiptSequence.next_value - count)
    ).scalar_one()
    return [format_serial(prefix, yyyymm, n) for n in range(first, first + count)]
