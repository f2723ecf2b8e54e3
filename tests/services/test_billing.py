"""The billing run: bills from the fee standards, once per room × item × period, credit spent right after."""

from __future__ import annotations

from datetime import date

import pytest
from ledger_factories import make_billing_office
from sqlalchemy import func, select

from cuijiao_desktop.db.models import AuditLog, Bill, CreditEntry, Payment, PaymentAllocation, Room
from cuijiao_desktop.domain.enums import Occupancy, PaymentMethod, Role, Usage
from cuijiao_desktop.domain.errors import DomainError, PermissionDenied, ValidationError
from cuijiao_desktop.services import billing
from cuijiao_desktop.services.ledger_check import check_ledger
from cuijiao_desktop.services.payments import record_payment
from cuijiao_desktop.services.room_ledger import CreditKind, room_ledger
from cuijiao_desktop.services.tx import Transactions

JULY = 202607


@pytest.fixture
def office(session_factory):
    return make_billing_office(session_factory)


def _bills(s, period=JULY):
    return {(code, item): (amount, discount, due, note) for code, item, amount, discount, due, note in s.execute(
        select(Room.code, Bill.fee_item_id, Bill.amount_fen, Bill.discount_fen, Bill.due_date, Bill.basis_note)
        .join(Room, Room.id == Bill.room_id).where(Bill.period == period))}


def test_preview_then_run_issue_the_same_bills_from_the_standards(session_factory, read_factory, users, office):
    with read_factory.begin() as s:
        preview = billing.preview_billing(s, period=JULY)
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Bill)) == 0  # a dry run writes nothing
    assert preview.due_date == date(2026, 7, 10) and preview.rooms == 5
    groups = {(g.estate, g.fee_item): (g.bills, g.amount_fen, g.discount_fen, g.existing) for g in preview.groups}
    assert groups == {
        ("锦绣", "物业管理费"): (3, 25_024 + 33_600 + 16_650, 10_080, 0),
        ("锦绣", "车位管理费"): (1, 8_000, 0, 0),
        ("锦绣", "水费"): (1, 5_059, 0, 0),
        ("翠湖", "物业管理费"): (1, 19_000, 0, 0),
    }
    assert all(isinstance(x, int) for g in preview.groups for x in (g.amount_fen, g.discount_fen, g.bills))
    assert [(n.kind, n.room_code, n.fee_item) for n in preview.notes] == [("no_reading", "1-1-102", "水费")]
    assert preview.net_fen == preview.amount_fen - 10_080 == 107_333 - 10_080

    progress: list[tuple[int, int]] = []
    with session_factory.begin() as s:
        result = billing.run_billing(s, actor=users[Role.FINANCE], period=JULY,
                                     progress=lambda d, t, _x: progress.append((d, t)))
    assert result.bills_created == 6 and result.preview == preview
    assert progress[-1] == (100, 100) and all(0 <= d <= t for d, t in progress)
    with session_factory() as s:
        bills = _bills(s)
        wyf, cwf, sf = office.items["WYF"], office.items["CWF"], office.items["SF"]
        assert bills[("1-1-101", wyf)] == (25_024, 0, date(2026, 7, 10), "2.80元/㎡×89.37㎡")
        assert bills[("1-1-102", wyf)] == (33_600, 10_080, date(2026, 7, 10), "2.80元/㎡×120.00㎡（空置七折）")
        assert bills[("1-105", wyf)][:2] == (16_650, 0)
        assert bills[("B1-001", cwf)] == (8_000, 0, date(2026, 7, 10), "80.00元/个·月")
        assert bills[("1-1-101", sf)] == (5_059, 0, date(2026, 7, 10), "12.34吨×4.10元/吨")
        assert bills[("2-1-201", wyf)][:2] == (19_000, 0)  # the office-wide standard: 翠湖 has none of its own
        assert ("1-1-102", sf) not in bills and ("B1-001", wyf) not in bills
        issued = s.execute(select(Bill.amount_fen, Bill.issued_amount_fen)).all()
        assert all(a == b for a, b in issued)
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "billing.run")).one()
        assert '"bills": 6' in audit.detail and '"period": "2026-07"' in audit.detail
        assert audit.username == users[Role.FINANCE].username
        assert check_ledger(s) == []


def test_a_second_run_issues_nothing_and_an_earlier_price_applies_to_an_earlier_month(session_factory, users, office):
    for _ in range(2):
        with session_factory.begin() as s:
            billing.run_billing(s, actor=users[Role.FINANCE], period=JULY)
    with session_factory.begin() as s:
        again = billing.run_billing(s, actor=users[Role.FINANCE], period=JULY)
        june = billing.run_billing(s, actor=users[Role.FINANCE], period=202606)
    assert again.bills_created == 0 and again.preview.existing == 6
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Bill).where(Bill.period == JULY)) == 6
        assert _bills(s, 202606)[("1-1-101", office.items["WYF"])][0] == 22_343  # 2.50 × 89.37 = 223.425 → 223.43
    assert june.bills_created == 6  # 1-1-102 has a June reading: 0 t, a bill of ¥0.00; 1-1-101 none


def test_one_estate_only_and_a_room_without_any_standard_is_named(session_factory, users, office):
    with session_factory.begin() as s:
        room = s.get(Room, office.rooms["2-1-201"])
        s.add(Room(estate_id=room.estate_id, building_id=room.building_id, unit_id=room.unit_id, code="2-1-202",
                   number="202", area_centi_m2=9000, usage=Usage.OFFICE, occupancy=Occupancy.OCCUPIED))
        s.add(Room(estate_id=room.estate_id, building_id=room.building_id, unit_id=room.unit_id, code="2-1-203",
                   number="203", area_centi_m2=9000, delivered_on=date(2026, 8, 15)))
    with session_factory() as s:
        estate = billing.find_estate(s, "翠湖")
        with pytest.raises(DomainError) as err:
            billing.find_estate(s, "不存在")
        assert err.value.code == "billing.unknown_estate"
    with session_factory.begin() as s:
        result = billing.run_billing(s, actor=users[Role.ADMIN], period=JULY, estate_id=estate)
    assert result.bills_created == 1
    assert sorted((n.kind, n.room_code) for n in result.preview.notes) == [
        ("no_standard", "2-1-202"), ("not_delivered", "2-1-203")]
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Bill)) == 1


def test_the_due_day_is_an_office_setting(session_factory, read_factory, users, office):
    with read_factory.begin() as s:
        assert billing.billing_due_day(s) == 10
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        billing.set_billing_due_day(s, actor=users[Role.CLERK], day=20)
    with pytest.raises(ValidationError), session_factory.begin() as s:
        billing.set_billing_due_day(s, actor=users[Role.FINANCE], day=32)
    with session_factory.begin() as s:
        result = billing.run_billing(s, actor=users[Role.FINANCE], period=202602, due_day=31)
    assert result.preview.due_date == date(2026, 2, 28)  # the month's last day when it is shorter
    with read_factory.begin() as s:
        assert billing.billing_due_day(s) == 31
        assert billing.preview_billing(s, period=JULY).due_date == date(2026, 7, 31)
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "billing.due_day")) == 1


def test_clerks_cannot_bill_and_a_cancelled_run_writes_nothing(session_factory, users, office):
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        billing.run_billing(s, actor=users[Role.CLERK], period=JULY)
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(DomainError) as err, session_factory.begin() as s:
        billing.run_billing(s, actor=users[Role.FINANCE], period=JULY, cancel=cancel)
    assert err.value.code == "task.cancelled"
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Bill)) == 0
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "billing.run")) == 0


def test_prepaid_credit_pays_the_new_bills_right_after_billing(session_factory, read_factory, users, office):
    flat = office.rooms["1-1-101"]
    with session_factory.begin() as s:  # June billed and overpaid: 223.43 owed, 600.00 paid
        billing.run_billing(s, actor=users[Role.FINANCE], period=202606)
        paid = record_payment(s, actor=users[Role.CLERK], room_id=flat, amount_fen=60_000, paid_on=date(2026, 6, 5),
                              method=PaymentMethod.CASH, today=date(2026, 6, 5), confirmed_large=True)
    assert paid.credit_fen == 60_000 - 22_343
    with read_factory.begin() as s:
        preview = billing.preview_billing(s, period=JULY)
    assert (preview.credit_rooms, preview.credit_fen) == (1, 25_024 + 5_059)
    with session_factory.begin() as s:
        result = billing.run_billing(s, actor=users[Role.FINANCE], period=JULY, today=date(2026, 7, 1))
    assert (result.credit_rooms, result.credit_spent_fen, result.spendings) == (1, 30_083, 1)
    with session_factory() as s:
        spending = s.scalars(select(Payment).where(Payment.method == PaymentMethod.CREDIT)).one()
        assert spending.receipt_no == "DK202607000001" and spending.amount_fen == 30_083
        assert spending.reference == paid.receipt_no and spending.paid_on == date(2026, 7, 1)
        lines = s.execute(select(PaymentAllocation.amount_fen).where(PaymentAllocation.payment_id == spending.id)
                          .order_by(PaymentAllocation.id)).scalars().all()
        assert lines == [25_024, 5_059]  # property fee first, then water (fee item order)
        entry = s.scalars(select(CreditEntry).where(CreditEntry.payment_id == spending.id)).one()
        assert entry.amount_fen == -30_083 and entry.source_id is not None
        ledger = room_ledger(s, room_id=flat, today=date(2026, 7, 2))
        assert ledger.header.credit_fen == 37_657 - 30_083
        assert ledger.header.arrears_fen == 0 and ledger.header.not_due_fen == 0
        assert [c.kind for c in ledger.credits] == [CreditKind.SPENT, CreditKind.DEPOSIT]
        spent = ledger.credits[0]
        assert spent.receipt_no == "DK202607000001" and spent.deposit_no == paid.receipt_no
        assert [(x.period, x.fee_item, x.amount_fen) for x in spent.lines] == [
            (JULY, "物业管理费", 25_024), (JULY, "水费", 5_059)]
        assert ledger.credits[1].left_fen == 7_574 and spent.balance_fen == 7_574
        pay = next(p for p in ledger.payments if p.receipt_no == paid.receipt_no)
        assert pay.credit_spent_fen == 30_083 and pay.spent_by == ("DK202607000001",)
        assert check_ledger(s) == []


# --- the run as a long write (issue 14, item 6): planned in a snapshot, staged, published at once ---


def test_the_staged_run_writes_what_the_preview_shows_and_spends_credit_in_the_publishing_transaction(
        session_factory, read_factory, users, office):
    flat = office.rooms["1-1-101"]
    with session_factory.begin() as s:
        billing.run_billing(s, actor=users[Role.FINANCE], period=202606)
        record_payment(s, actor=users[Role.CLERK], room_id=flat, amount_fen=60_000, paid_on=date(2026, 6, 5),
                       method=PaymentMethod.CASH, today=date(2026, 6, 5), confirmed_large=True)
    with read_factory.begin() as s:
        preview = billing.preview_billing(s, period=JULY)
    tx = Transactions(session_factory, read_factory)
    seen: list[str] = []

    def progress(done: int, total: int, text: str) -> None:
        seen.append(text)
        if text == "提交":  # staged, not yet published: nobody sees a bill of July
            with session_factory() as other:
                assert other.scalar(select(func.count()).select_from(Bill).where(Bill.period == JULY)) == 0

    result = billing.run_billing(tx, actor=users[Role.FINANCE], period=JULY, due_day=12, today=date(2026, 7, 1),
                                 progress=progress)
    assert "提交" in seen and seen[-1] == "完成"
    assert result.bills_created == preview.bills == 6
    assert (result.credit_rooms, result.credit_spent_fen, result.spendings) == (1, 30_083, 1)
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Bill).where(Bill.period == JULY)) == 6
        assert {d for _a, _d, d, _n in _bills(s).values()} == {date(2026, 7, 12)}
        assert billing.billing_due_day(s) == 12  # saved in the same transaction
        spending = s.scalars(select(Payment).where(Payment.method == PaymentMethod.CREDIT)).one()
        assert spending.receipt_no == "DK202607000001" and spending.amount_fen == 30_083
        actions = s.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()
        assert actions[-3:] == ["billing.due_day", "credit.spend", "billing.run"], actions
        assert check_ledger(s) == []
    # idempotent: a second staged run issues nothing; an ordinary insert afterwards works (ids, sequences)
    again = billing.run_billing(tx, actor=users[Role.FINANCE], period=JULY, today=date(2026, 7, 1))
    assert again.bills_created == 0 and again.preview.existing == 6
    with session_factory.begin() as s:
        record_payment(s, actor=users[Role.CLERK], room_id=office.rooms["2-1-201"], amount_fen=100,
                       paid_on=date(2026, 7, 2), method=PaymentMethod.CASH, today=date(2026, 7, 2))


def test_bills_issued_by_another_desk_meanwhile_make_the_staged_run_write_nothing(
        session_factory, read_factory, users, office):
    tx = Transactions(session_factory, read_factory)

    def other_desk_bills_first(done: int, total: int, text: str) -> None:
        if text == "提交":  # between staging and publishing, another desk issues July for one estate
            with session_factory.begin() as s:
                billing.run_billing(s, actor=users[Role.ADMIN], period=JULY,
                                    estate_id=billing.find_estate(s, "翠湖"))

    with pytest.raises(DomainError) as err:
        billing.run_billing(tx, actor=users[Role.FINANCE], period=JULY, progress=other_desk_bills_first)
    assert err.value.code == "billing.conflict"
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Bill)) == 1  # the other desk's bill only
        runs = s.scalars(select(AuditLog.username).where(AuditLog.action == "billing.run")).all()
        assert runs == [users[Role.ADMIN].username]
        assert check_ledger(s) == []
    result = billing.run_billing(tx, actor=users[Role.FINANCE], period=JULY)  # run again: the rest
    assert result.bills_created == 5 and result.preview.existing == 1


def test_a_staged_run_cancelled_or_refused_writes_nothing(session_factory, read_factory, users, office):
    tx = Transactions(session_factory, read_factory)
    with pytest.raises(PermissionDenied):
        billing.run_billing(tx, actor=users[Role.CLERK], period=JULY)
    cancelled = {"now": False}

    def progress(done: int, total: int, text: str) -> None:
        if text.startswith("写入账单"):
            cancelled["now"] = True

    with pytest.raises(DomainError) as err:
        billing.run_billing(tx, actor=users[Role.FINANCE], period=JULY, progress=progress,
                            cancel=lambda: cancelled["now"])
    assert err.value.code == "task.cancelled"
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Bill)) == 0
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "billing.run")) == 0
