"""Statement of account (对账单) of one room: bills, payments and credit over a range, with the balance.

Owners ask for it at the desk ("how much do I owe and why"). It is read from the room ledger
(``services.room_ledger``), so it shows exactly what the ledger page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from cuijiao_desktop.domain.enums import PaymentKind, PaymentMethod
from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.permissions import Permission

from . import audit
from .actor import authorize
from .dto import OfficeDTO, UserDTO
from .office import get_office
from .room_ledger import room_ledger
from .tx import read_only

__all__ = ["Statement", "StatementLine", "StatementPayment", "build_statement", "record_statement_print"]


@dataclass(frozen=True)
class StatementLine:
    period: int
    item: str
    amount_fen: int
    reduced_fen: int  # discount + waived
    paid_fen: int
    outstanding_fen: int
    due_date: date
    basis: str


@dataclass(frozen=True)
class StatementPayment:
    paid_on: date
    receipt_no: str
    kind: PaymentKind
    method: PaymentMethod
    amount_fen: int
    late_fee_fen: int
    credit_fen: int
    reverses_no: str


@dataclass(frozen=True)
class Statement:
    """What the statement prints; the summary figures are over the chosen range unless said otherwise."""

    office: OfficeDTO
    room_id: int
    estate: str
    room_code: str
    owners: str
    area_centi_m2: int
    period_from: int
    period_to: int
    today: date
    lines: tuple[StatementLine, ...]
    payments: tuple[StatementPayment, ...]
    arrears_fen: int  # overdue and unpaid, all periods (as of today)
    not_due_fen: int
    late_fee_due_fen: int
    credit_fen: int
    paid_through: int | None

    @property
    def billed_fen(self) -> int:
        return sum(x.amount_fen for x in self.lines)

    @property
    def reduced_fen(self) -> int:
        return sum(x.reduced_fen for x in self.lines)

    @property
    def paid_fen(self) -> int:
        return sum(x.paid_fen for x in self.lines)

    @property
    def outstanding_fen(self) -> int:
        return sum(x.outstanding_fen for x in self.lines)

    @property
    def balance_fen(self) -> int:
        """Positive: the owner owes this today (all arrears and late fees less prepaid credit)."""
        return self.arrears_fen + self.late_fee_due_fen - self.credit_fen


@read_only
def build_statement(session: Session, *, room_id: int, period_from: int, period_to: int, today: date) -> Statement:
    """The statement of ``room_id`` for bills of ``period_from``–``period_to`` (YYYYMM) and payments made
    in those months."""
    if period_from > period_to:
        raise ValidationError("statement.periods_reversed", field="period_from")
    ledger = room_ledger(session, room_id=room_id, today=today)
    h = ledger.header
    lines = sorted(
        (StatementLine(c.period, c.fee_item, c.amount_fen, c.discount_fen + c.waived_fen, c.paid_fen,
                       c.outstanding_fen, c.due_date, c.basis_note)
         for c in ledger.cells if period_from <= c.period <= period_to),
        key=lambda x: (x.period, x.item),
    )
    pays = sorted(
        (StatementPayment(p.paid_on, p.receipt_no, p.kind, p.method, p.amount_fen,
                          sum(x.late_fee_fen for x in p.lines), p.credit_fen, p.reverses_no)
         for p in ledger.payments if period_from <= p.paid_on.year * 100 + p.paid_on.month <= period_to),
        key=lambda x: (x.paid_on, x.receipt_no),
    )
    return Statement(
        office=get_office(session), room_id=room_id, estate=h.estate_name, room_code=h.room_code,
        owners="、".join(p.name for p in h.owners), area_centi_m2=h.area_centi_m2, period_from=period_from,
        period_to=period_to, today=today, lines=tuple(lines), payments=tuple(pays), arrears_fen=h.arrears_fen,
        not_due_fen=h.not_due_fen, late_fee_due_fen=h.late_fee_due_fen, credit_fen=h.credit_fen,
        paid_through=h.paid_through,
    )


def record_statement_print(session: Session, *, actor: UserDTO, statement: Statement, file_name: str = "") -> None:
    """Audit that a statement (personal data) was printed or saved."""
    actor = authorize(session, actor, Permission.VIEW)
    audit.record(session, actor, "statement.print", "room", statement.room_id, period_from=statement.period_from,
                 period_to=statement.period_to, file=file_name)
