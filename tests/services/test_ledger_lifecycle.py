"""The whole lifecycle of the ledger, in any order (hypothesis, on SQLite and PostgreSQL).

Billing runs, payments to chosen bills or oldest first, late-fee assessment and collection,
waivers, prepaid credit spent by billing, reversals of payments and of credit spendings — and
after every step: not a fen created or lost (per room and in total), credit never negative, and
``cuijiao db check`` clean.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from cuijiao_desktop.db.models import (
    Bill,
    Building,
    CreditEntry,
    Estate,
    FeeItem,
    FeeStandard,
    LateFeeAssessment,
    LateFeePolicyRow,
    LateFeeWaiver,
    Payment,
    Room,
)
from cuijiao_desktop.domain.enums import ChargeBasis, Occupancy, PaymentKind, PaymentMethod, Role, Usage
from cuijiao_desktop.services import billing, late_fees
from cuijiao_desktop.services.ledger_check import check_ledger
from cuijiao_desktop.services.payments import record_payment, reverse_payment, room_balance
from cuijiao_desktop.services.room_ledger import payment_context

_serial = itertools.count(1)
START = date(2026, 3, 16)  # January's and February's bills are overdue from the start

step = st.one_of(
    st.tuples(st.just("bill"), st.integers(0, 5)),
    # pay: which room, how many open bills the amount covers (0-3), plus or minus a little, chosen bill or
    # oldest first, with or without late fees
    st.tuples(st.just("pay"), st.integers(0, 1), st.integers(0, 3), st.integers(-5_000, 30_000), st.booleans(),
              st.booleans(), st.integers(0, 7)),
    st.tuples(st.just("assess")),
    st.tuples(st.just("waive"), st.integers(0, 1), st.integers(0, 7), st.integers(1, 100)),
    st.tuples(st.just("reverse"), st.integers(0, 50), st.booleans()),  # pick; prefer a payment that left credit
    st.tuples(st.just("wait"), st.integers(1, 45)),
)


def _office(factory) -> tuple[int, list[int]]:
    """A new estate with a flat and a vacant flat, its own fee item, standard and late-fee policy."""
    n = next(_serial)
    with factory.begin() as s:
        policy = LateFeePolicyRow(name=f"合同{n}", daily_rate_ppm=2_000, grace_days=5, valid_from=date(2020, 1, 1))
        s.add(policy)
        s.flush()
        item = FeeItem(code=f"WYF{n}", name="物业管理费", basis=ChargeBasis.PER_AREA, sort_order=1,
                       late_fee_policy_id=policy.id)
        estate = Estate(code=f"P{n}", name=f"物业{n}")
        s.add_all([item, estate])
        s.flush()
        building = Building(estate_id=estate.id, name="1")
        s.add(building)
        s.flush()
        s.add(FeeStandard(fee_item_id=item.id, estate_id=estate.id, unit_price_fen=265, vacancy_discount_pct=30,
                          valid_from=date(2025, 1, 1)))
        rooms = [Room(estate_id=estate.id, building_id=building.id, code=f"1-{100 + i}", number=str(100 + i),
                      area_centi_m2=area, usage=Usage.RESIDENTIAL, occupancy=occ)
                 for i, (area, occ) in enumerate(((8937, Occupancy.OCCUPIED), (12345, Occupancy.VACANT)))]
        s.add_all(rooms)
        s.flush()
        return estate.id, [r.id for r in rooms]


def _sum(s, expr, *where) -> int:
    value = s.scalar(select(func.coalesce(func.sum(expr), 0)).where(*where))
    assert isinstance(int(value), int)
    return int(value)


#: Every check of ``cuijiao db check`` but the foreign keys (which the database enforces here, and which
#: cost an anti-join per foreign key on PostgreSQL): those run once at the end of each example.
LEDGER_CHECKS = ("allocation_bill", "bill_amount", "bill_paid", "late_fee", "payment_total", "credit")


def _check(s, rooms: list[int], cash: dict[int, int], billed: int) -> None:
    problems = check_ledger(s, checks=LEDGER_CHECKS)
    assert problems == [], [str(p) for p in problems]
    total_cash = total_out = 0
    for room_id in rooms:
        balance = room_balance(s, room_id)
        assert isinstance(balance.outstanding_fen, int) and isinstance(balance.credit_fen, int)
        assert balance.credit_fen >= 0, "prepaid credit is never negative"
        open_sum = _sum(s, Bill.amount_fen - Bill.discount_fen - Bill.waived_fen - Bill.paid_fen,
                        Bill.room_id == room_id, Bill.amount_fen > Bill.paid_fen + Bill.discount_fen + Bill.waived_fen)
        assert balance.outstanding_fen == open_sum  # billed − reductions − paid = what the open bills owe
        late_collected = _sum(s, LateFeeAssessment.paid_fen, LateFeeAssessment.bill_id == Bill.id,
                              Bill.room_id == room_id)
        # every fen taken for the room sits on a bill, on a late fee or in its credit
        assert balance.paid_fen + late_collected + balance.credit_fen == cash[room_id]
        assessed = _sum(s, LateFeeAssessment.amount_fen, LateFeeAssessment.bill_id == Bill.id, Bill.room_id == room_id)
        waived = _sum(s, LateFeeWaiver.amount_fen, LateFeeWaiver.bill_id == Bill.id, Bill.room_id == room_id)
        due = sum(late_fees.room_late_fees_due(s, room_id).values())
        assert assessed - late_collected - waived == due >= 0
        total_cash += cash[room_id]
        total_out += balance.outstanding_fen
    assert _sum(s, Bill.amount_fen - Bill.discount_fen, Bill.room_id.in_(rooms)) == billed
    cash_in = _sum(s, Payment.amount_fen, Payment.room_id.in_(rooms), Payment.method != PaymentMethod.CREDIT)
    assert cash_in == total_cash
    paid = _sum(s, Bill.paid_fen, Bill.room_id.in_(rooms))
    assert billed - paid == total_out  # waivers here are late-fee waivers; bills carry no other reduction
    assert _sum(s, CreditEntry.amount_fen, CreditEntry.room_id.in_(rooms)) >= 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(first=st.integers(0, 2), steps=st.lists(step, min_size=4, max_size=16))
# always: credit left by a payment, spent by the next billing run, then the payment reversed (the spending too)
@example(first=0, steps=[("pay", 0, 1, 20_000, False, False, 0), ("bill", 3), ("reverse", 0, True),
                         ("bill", 4), ("pay", 1, 2, -3_000, False, True, 0)])
# always: a late fee collected after its bill, the rest waived, then the payment reversed
@example(first=0, steps=[("wait", 20), ("pay", 0, 1, 0, True, True, 0), ("pay", 1, 1, 100, True, False, 0),
                         ("waive", 1, 0, 100), ("reverse", 0, False), ("pay", 0, 0, 900, True, True, 0)])
def test_the_ledger_holds_through_any_lifecycle(session_factory, read_factory, users, first, steps):
    estate_id, rooms = _office(session_factory)
    clerk, manager, finance = users[Role.CLERK], users[Role.MANAGER], users[Role.FINANCE]
    day = START
    cash = dict.fromkeys(rooms, 0)
    billed = 0
    for op in [("bill", first), ("assess",), *steps]:
        with session_factory.begin() as s:
            kind = op[0]
            if kind == "bill":
                period = 202601 + op[1]
                result = billing.run_billing(s, actor=finance, period=period, estate_id=estate_id, today=day)
                billed += result.preview.net_fen
                if result.spendings:
                    event("billing spent prepaid credit")
            elif kind == "pay":
                _, which, cover, extra, choose, fees, pick = op
                room_id = rooms[which]
                ctx = payment_context(s, room_id=room_id, today=day)
                chosen = None
                targets = [b for b in ctx.bills if b.outstanding_fen > 0][:cover]
                if choose and ctx.bills:
                    bill = ctx.bills[pick % len(ctx.bills)]
                    if fees or bill.outstanding_fen > 0:  # a settled bill is offered only to collect its late fee
                        chosen, targets = [bill.bill_id], [bill]
                target = sum(b.outstanding_fen + (b.late_fee_due_fen if fees else 0) for b in targets)
                amount = max(1, target + extra)
                receipt = record_payment(s, actor=clerk, room_id=room_id, amount_fen=amount, paid_on=day, today=day,
                                         method=PaymentMethod.WECHAT, chosen_bill_ids=chosen, collect_late_fees=fees,
                                         confirmed_large=True)
                cash[room_id] += amount
                if any(x.fee_item.endswith("滞纳金") for x in receipt.lines):
                    event("a payment collected a late fee")
            elif kind == "assess":
                for room_id in rooms:
                    late_fees.assess_late_fees(s, actor=clerk, as_of=day, room_id=room_id)
            elif kind == "waive":
                _, which, pick, pct = op
                due = sorted(late_fees.room_late_fees_due(s, rooms[which]).items())
                if due:
                    bill_id, fen = due[pick % len(due)]
                    late_fees.waive_late_fee(s, actor=manager, bill_id=bill_id, amount_fen=max(1, fen * pct // 100),
                                             reason="协商减免")
                    event("a late fee was waived")
            elif kind == "reverse":
                reversed_ids = select(Payment.reverses_id).where(Payment.reverses_id.is_not(None))
                live = s.execute(
                    select(Payment.id, Payment.room_id, Payment.amount_fen, Payment.method)
                    .where(Payment.room_id.in_(rooms), Payment.kind == PaymentKind.PAYMENT,
                           Payment.id.not_in(reversed_ids)).order_by(Payment.id)
                ).all()
                if op[2]:
                    deposits = set(s.scalars(select(CreditEntry.payment_id).where(
                        CreditEntry.room_id.in_(rooms), CreditEntry.source_id.is_(None), CreditEntry.amount_fen > 0)))
                    live = [p for p in live if p[0] in deposits] or live
                if live:
                    pid, room_id, amount, method = live[op[1] % len(live)]
                    before = s.scalar(select(func.count()).select_from(Payment).where(Payment.room_id == room_id))
                    reverse_payment(s, actor=manager, payment_id=pid, reason="测试冲正", on=day)
                    if method is not PaymentMethod.CREDIT:
                        cash[room_id] -= amount
                    else:
                        event("a credit spending was reversed")
                    if s.scalar(select(func.count()).select_from(Payment).where(Payment.room_id == room_id)) > before + 1:
                        event("a reversal undid credit spendings (or spent credit again)")
            else:  # days pass; the daily run assesses late fees when the office opens
                day += timedelta(days=op[1])
                for room_id in rooms:
                    late_fees.assess_late_fees(s, actor=clerk, as_of=day, room_id=room_id)
        with read_factory.begin() as s:
            _check(s, rooms, cash, billed)
    with read_factory.begin() as s:
        assert check_ledger(s) == []
