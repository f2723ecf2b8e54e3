"""The evidence dossier of one room for the lawyer (证据材料), with a lawyer-letter draft.

Owner and room, the contract basis, the ledger of bills and payments, the late fee at the
contract rate beside a court-realistic LPR-based estimate (Civil Code art. 585), the collection
history in date order with each notice's delivery proof, promises and instalments, and the
limitation status of each unpaid period (Civil Code arts. 188, 195).

Promises, instalment plans and the demands that count for the limitation are read through one
small function each (:func:`promises_of`, :func:`instalments_of`, :func:`demands_of`), so they
can be pointed at the collection services when those land.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import (
    Bill,
    InstalmentPlan,
    LateFeePolicyRow,
    Notice,
    Payment,
    PaymentAllocation,
    Room,
)
from cuijiao_desktop.domain.enums import (
    ApprovalStatus,
    DeliveryMethod,
    InterruptionKind,
    NoticeKind,
    PromiseStatus,
)
from cuijiao_desktop.domain.late_fees import court_estimate
from cuijiao_desktop.domain.limitation import (
    LimitationStatus,
    limitation_date,
    limitation_status,
)
from cuijiao_desktop.domain.notices import late_fee_rule_text
from cuijiao_desktop.domain.permissions import Permission

from . import audit
from .actor import authorize
from .dto import OfficeDTO, UserDTO
from .late_fees import room_late_fees
from .limitation import notice_is_evidenced_demand, room_limitation_periods
from .notices import contract_clause
from .office import get_office
from .promises import promise_states
from .room_ledger import LedgerPayment, TimelineEntry, room_ledger
from .tx import read_only

__all__ = [
    "Dossier", "DossierNotice", "DossierPeriod", "build_dossier", "demands_of", "instalments_of", "promises_of",
    "record_dossier_print",
]

_DELIVERY_ZH = {
    DeliveryMethod.HAND_SIGNED: "当面签收", DeliveryMethod.DOOR: "张贴/塞门", DeliveryMethod.REGISTERED_MAIL: "挂号信",
    DeliveryMethod.EXPRESS: "快递", DeliveryMethod.SMS: "短信", DeliveryMethod.WECHAT: "微信", DeliveryMethod.EMAIL: "邮件",
}
#: What last restarted a period's clock (services.limitation decides; the dossier says it in words).
_RESTART_ZH = {InterruptionKind.DEMAND: "催缴送达", InterruptionKind.PROMISE: "承诺缴费",
               InterruptionKind.INSTALMENT_PLAN: "分期协议", InterruptionKind.PART_PAYMENT: "部分付款",
               InterruptionKind.LAWSUIT: "起诉"}

_KIND_ZH = {NoticeKind.REMINDER: "温馨提示", NoticeKind.ARREARS_NOTICE: "催缴通知书",
            NoticeKind.FINAL_NOTICE: "最后催告函", NoticeKind.LAWYER_LETTER: "律师函"}


@dataclass(frozen=True)
class DossierNotice:
    serial: str
    title: str
    level: int
    issued_on: date
    amount_fen: int
    delivery: str  # "当面签收 2026-10-03 王芳（配偶）" / "未登记送达"
    evidence: str  # "签收回执" / "挂号信单号 XA…" / "截图 evidence/…" / ""
    counts: bool  # an evidenced demand (restarts the limitation clock)


@dataclass(frozen=True)
class DossierPromise:
    made_on: date
    due_date: date
    amount_fen: int
    signed: bool
    status: PromiseStatus


@dataclass(frozen=True)
class DossierInstalment:
    created_on: date
    total_fen: int
    status: ApprovalStatus
    signed_on: date | None
    note: str


@dataclass(frozen=True)
class DossierPeriod:
    """One unpaid bill and where its limitation stands."""

    period: int
    item: str
    outstanding_fen: int
    due_date: date
    limit: date
    status: LimitationStatus
    last_interruption: str  # what last restarted the clock, "" when nothing did


@dataclass(frozen=True)
class Dossier:
    office: OfficeDTO
    today: date
    room_id: int
    estate: str
    room_code: str
    owners: str
    tenant: str
    area_centi_m2: int
    contract_clause: str
    late_fee_rule: str
    principal_fen: int
    late_fee_contract_fen: int
    late_fee_court_fen: int
    late_fee_waived_fen: int
    period_from: int | None
    period_to: int | None
    periods: tuple[DossierPeriod, ...]
    payments: tuple[LedgerPayment, ...]  # oldest first
    notices: tuple[DossierNotice, ...]
    promises: tuple[DossierPromise, ...]
    instalments: tuple[DossierInstalment, ...]
    history: tuple[TimelineEntry, ...]  # oldest first

    @property
    def late_fee_claim_fen(self) -> int:
        return max(0, self.late_fee_contract_fen - self.late_fee_waived_fen)

    @property
    def court_total_fen(self) -> int:
        """The claim a court would likely allow: principal plus the LPR-based estimate."""
        return self.principal_fen + min(self.late_fee_court_fen, self.late_fee_claim_fen)


# ---------------------------------------------------------------------------
# One small reader each (the collection services will take these over)
# ---------------------------------------------------------------------------


def promises_of(session: Session, room_id: int, today: date) -> list[DossierPromise]:
    """The room's promises to pay with their state derived from the ledger, oldest first."""
    states = promise_states(session, today=today, room_ids=[room_id])
    return [DossierPromise(p.made_on, p.due_date, p.amount_fen, p.signed, p.status)
            for p in sorted(states, key=lambda p: (p.made_on, p.promise_id))]


def instalments_of(session: Session, room_id: int) -> list[DossierInstalment]:
    """The room's instalment plans, oldest first."""
    return [DossierInstalment(p.created_at.astimezone().date(), p.total_fen, p.status, p.signed_on, p.note)
            for p in session.scalars(select(InstalmentPlan).where(InstalmentPlan.room_id == room_id)
                                     .order_by(InstalmentPlan.created_at))]


def demands_of(session: Session, room_id: int) -> list[Notice]:
    """The room's notices, oldest first (each says itself whether its delivery is evidenced)."""
    return list(session.scalars(select(Notice).where(Notice.room_id == room_id).order_by(Notice.issued_at)))


def _part_payments(session: Session, room_id: int) -> dict[int, list[date]]:
    out: dict[int, list[date]] = defaultdict(list)
    for bill_id, paid_on in session.execute(
        select(PaymentAllocation.bill_id, Payment.paid_on).join(Payment, Payment.id == PaymentAllocation.payment_id)
        .join(Bill, Bill.id == PaymentAllocation.bill_id)
        .where(Bill.room_id == room_id, PaymentAllocation.amount_fen > 0)
    ):
        out[bill_id].append(paid_on)
    return out


def _notice_row(n: Notice) -> DossierNotice:
    ok = notice_is_evidenced_demand(delivered_at=n.delivered_at, signed_receipt=n.signed_receipt,
                                    tracking_no=n.tracking_no, proof_path=n.proof_path,
                                    delivery_method=n.delivery_method)
    if n.delivery_method is None or n.delivered_at is None:
        delivery = "未登记送达"
    else:
        delivery = f"{_DELIVERY_ZH.get(n.delivery_method, str(n.delivery_method))} " \
                   f"{n.delivered_at.astimezone().date().isoformat()} {n.delivered_to}".strip()
    evidence = []
    if n.signed_receipt:
        evidence.append("签收回执")
    if n.tracking_no:
        evidence.append(f"单号 {n.tracking_no}")
    if n.proof_path:
        evidence.append(f"证明文件 {n.proof_path.rsplit('/', 1)[-1][:12]}…")
    return DossierNotice(n.serial, _KIND_ZH.get(n.kind, "通知"), n.level, n.issued_at.astimezone().date(),
                         n.arrears_fen + n.late_fee_fen, delivery, "；".join(evidence), ok)


@read_only
def build_dossier(session: Session, *, room_id: int, today: date) -> Dossier:
    """Everything the dossier prints for ``room_id`` as of ``today``."""
    ledger = room_ledger(session, room_id=room_id, today=today)
    h = ledger.header
    policy = session.scalars(select(LateFeePolicyRow).where(LateFeePolicyRow.active.is_(True))
                             .order_by(LateFeePolicyRow.valid_from.desc(), LateFeePolicyRow.id)).first()
    rule = (late_fee_rule_text(policy.daily_rate_ppm, policy.grace_days, policy.from_notice_level,
                               policy.cap_ppm_of_principal) if policy else "合同未约定滞纳金")
    fees = room_late_fees(session, room_id)
    notices = demands_of(session, room_id)
    promises = promises_of(session, room_id, today)
    plans = instalments_of(session, room_id)
    limits = {p.period: p for p in room_limitation_periods(session, room_id=room_id, today=today)}
    periods = []
    unpaid = sorted((c for c in ledger.cells if c.outstanding_fen > 0 and c.due_date < today),
                    key=lambda c: (c.period, c.fee_item))
    for c in unpaid:
        lim = limits.get(c.period)
        limit = lim.expires_on if lim else limitation_date(c.due_date)
        last = ""
        if lim is not None and lim.restarted_by is not None and lim.restarted_on is not None:
            last = f"{lim.restarted_on.isoformat()} {_RESTART_ZH.get(lim.restarted_by, '')}".strip()
        periods.append(DossierPeriod(c.period, c.fee_item, c.outstanding_fen, c.due_date, limit,
                                     lim.status if lim else limitation_status(limit, today), last))
    principal = sum(c.outstanding_fen for c in unpaid)
    court = sum(court_estimate(principal_fen=c.outstanding_fen, due_date=c.due_date, as_of=today) for c in unpaid)
    return Dossier(
        office=get_office(session), today=today, room_id=room_id, estate=h.estate_name, room_code=h.room_code,
        owners="、".join(p.name for p in h.owners), tenant=h.tenant.name if h.tenant else "",
        area_centi_m2=h.area_centi_m2, contract_clause=contract_clause(policy), late_fee_rule=rule,
        principal_fen=principal, late_fee_contract_fen=fees.contract_fen, late_fee_court_fen=court,
        late_fee_waived_fen=fees.waived_fen, period_from=unpaid[0].period if unpaid else None,
        period_to=unpaid[-1].period if unpaid else None, periods=tuple(periods),
        payments=tuple(reversed(ledger.payments)), notices=tuple(_notice_row(n) for n in notices),
        promises=tuple(promises), instalments=tuple(plans), history=tuple(reversed(ledger.timeline)),
    )


def record_dossier_print(session: Session, *, actor: UserDTO, dossier: Dossier, file_name: str = "") -> None:
    """Audit that a room's dossier (personal data for the lawyer) was written."""
    actor = authorize(session, actor, Permission.EXPORT_PERSONAL_DATA)
    audit.record(session, actor, "dossier.print", "room", dossier.room_id, file=file_name,
                 principal_fen=dossier.principal_fen)


def room_exists(session: Session, room_id: int) -> bool:
    return session.get(Room, room_id) is not None
