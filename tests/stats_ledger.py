"""A hand-built ledger for the monthly statistics (issue 12) in which every figure of March 2026 is known.

:func:`build_stats_ledger` writes it through the real services (payments, a reversal, prepaid credit
spent) into an empty migrated database and returns :class:`StatsLedger`: the users it made and the
expected figures as plain dicts (money in fen). The workbook's tests reuse it.

Month M = 2026-03, seen as of 2026-03-31. Two estates: 锦绣 (buildings 1 and 2) and 翠湖 (building 5);
fee items 物业管理费 (WYF) and 车位管理费 (CWF); bills due on the 10th.

* 1-1-101: WYF 100.00 + CWF 30.00 for 01–03. Jan paid 01-08. Feb paid 03-15 (欠费追回 130.00, keeping
  collector 甲's promise). March unpaid. Case of 甲 (经济困难). An adjustment made today (not in March) of
  its March WYF bill to 90.00 must not change March.
* 1-1-102: WYF 80.00 for 01–04, March discounted 10.00. Jan paid 01-09; 02-20 pays 150.00 = Feb 80.00 +
  March 70.00 (a prepayment of an earlier month for a bill of M); 03-20 pays April's 80.00 (预交).
* 1-1-103: WYF 60.00 for 01–03. 03-05 pays 60.00 (Jan), reversed on 03-25; 03-12 pays 25.00 (Feb); on
  03-28 its Feb bill is adjusted 60.00 → 50.00 (other reductions 10.00). Case of 甲 (服务质量); 甲's
  promise of 02-25 (due 03-05) is broken: the payment that met it was reversed.
* 2-1-201: WYF 90.00 for 02–03. Feb paid 02-15; March paid 04-05 (after M). Case of 乙 (恶意欠缴); 乙's
  promise of 03-12 (due 03-20) broken.
* 2-1-202: WYF 50.00 for 02–03. Feb paid 02-05; 03-08 pays 80.00 = March 50.00 + 30.00 credit. Its
  CWF 30.00 for 03 is issued afterwards and paid from that credit on 03-10: a deposit made in M and spent
  in M on a bill of M is 当月实收, not 预交 (it was not left as credit at the end of M). On 03-18 it pays
  5.00 of late fee on its February bill (滞纳金实收, apart: in no figure, not in 乙's 追回金额).
  Case of 乙 (no reason): a cleared room.
* 5-1-501 (翠湖): WYF 40.00 for 01–03. 01-05 pays 120.00 = Jan + Feb + 40.00 credit; the March bill is
  paid from that credit on 03-01 (当月实收, but not 预交 again).
* 5-1-502 (翠湖): WYF 40.00 for 03, unpaid, no case (原因 未登记).

Collection work in March: 甲 3 calls and an SMS, 乙 1 call (+1 in February); one visit done by both,
one by 乙 where nobody was home (failed: still a visit made) (+1 planned, +1 cancelled); 甲 issues one
notice (乙 one in April). 追回金额 is principal on bills of periods ≤ M paid with money in M: 甲 130.00 +
25.00 (+60.00 − 60.00 reversed), 乙 50.00 (the 30.00 left as credit, then spent, and the late fee are not).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from factories import assess_late_fees, make_user
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from cuijiao_desktop.db.models import (
    Bill,
    BillAdjustment,
    Building,
    CollectionCase,
    Contact,
    ContactEvent,
    Estate,
    FeeItem,
    Notice,
    Person,
    Promise,
    Room,
    RoomPerson,
    Unit,
    User,
    Visit,
    VisitStaff,
)
from cuijiao_desktop.domain.enums import (
    ArrearsReason,
    CallOutcome,
    Channel,
    ChargeBasis,
    ContactKind,
    NoticeKind,
    PaymentMethod,
    PersonRole,
    Role,
    Stage,
    VisitStatus,
)
from cuijiao_desktop.domain.visits import VisitResult
from cuijiao_desktop.services import credit
from cuijiao_desktop.services.bill_adjustments import adjust_bill
from cuijiao_desktop.services.dto import UserDTO
from cuijiao_desktop.services.office import update_office
from cuijiao_desktop.services.payments import record_payment, reverse_payment

MONTH = "2026-03"
AS_OF = date(2026, 3, 31)
A1, A2, B5 = "锦绣 1栋", "锦绣 2栋", "翠湖 5栋"
C1, C2 = "催收员甲", "催收员乙"
OFFICE = "锦程物业服务中心"  # the office's name: every workbook's title prints it


def fig(households=0, paid=0, billed=0, collected=0, recovered=0, prepaid=0, opening=0, closing=0, other=0,
        late=0):
    """Expected figures as a dict of :class:`Figures` field names."""
    return {"households": households, "households_paid": paid, "billed_fen": billed, "collected_fen": collected,
            "recovered_fen": recovered, "prepaid_fen": prepaid, "opening_arrears_fen": opening,
            "closing_arrears_fen": closing, "other_reductions_fen": other, "late_fees_fen": late}


@dataclass
class StatsLedger:
    """What :func:`build_stats_ledger` made and what March 2026 must show."""

    admin: UserDTO
    finance: UserDTO
    collectors: tuple[UserDTO, UserDTO]
    rooms: dict[str, int]
    bills: dict[tuple[str, str, int], int]
    expected: dict[str, Any] = field(default_factory=dict)


#: March 2026 as of 2026-03-31 (the issue's definitions, worked by hand in the module's docstring).
EXPECTED: dict[str, Any] = {
    "month": MONTH,
    "as_of": "2026-03-31",
    "total": fig(7, 3, 51000, 19000, 15500, 8000, 25000, 40500, 1000, late=500),
    "by_building": {
        A1: fig(3, 1, 26000, 7000, 15500, 8000, 25000, 27500, 1000),
        A2: fig(2, 1, 17000, 8000, 0, 0, 0, 9000, late=500),
        B5: fig(2, 1, 8000, 4000, 0, 0, 0, 4000),
    },
    "by_estate": {
        "锦绣": fig(5, 2, 43000, 15000, 15500, 8000, 25000, 36500, 1000, late=500),
        "翠湖": fig(2, 1, 8000, 4000, 0, 0, 0, 4000),
    },
    "by_fee_item": {
        "物业管理费": fig(7, 3, 45000, 16000, 12500, 8000, 22000, 37500, 1000, late=500),
        "车位管理费": fig(2, 1, 6000, 3000, 3000, 0, 3000, 3000),
    },
    # per building: (households per bucket, fen per bucket), buckets 1个月 … 3年以上
    "ageing": {
        A1: ((1, 0, 1, 0, 0, 0, 0, 0), (19000, 2500, 6000, 0, 0, 0, 0, 0)),
        A2: ((1, 0, 0, 0, 0, 0, 0, 0), (9000, 0, 0, 0, 0, 0, 0, 0)),
        B5: ((1, 0, 0, 0, 0, 0, 0, 0), (4000, 0, 0, 0, 0, 0, 0, 0)),
    },
    "ageing_fen": {"1个月": 32000, "2个月": 2500, "3个月": 6000, "3-6个月": 0, "6-12个月": 0, "1-2年": 0,
                   "2-3年": 0, "3年以上": 0},
    "collectors": {
        C1: {"calls": 3, "visits": 1, "notices": 1, "promises_made": 1, "promises_kept": 1, "promises_broken": 1,
             "recovered_fen": 15500, "rooms_cleared": 0},
        C2: {"calls": 1, "visits": 2, "notices": 0, "promises_made": 1, "promises_kept": 0, "promises_broken": 1,
             "recovered_fen": 5000, "rooms_cleared": 1},
    },
    # (reason, label, households, fen) in the reasons' order
    "reasons": [("service_quality", "服务质量", 1, 14500), ("hardship", "经济困难", 1, 13000),
                ("malicious", "恶意欠缴", 1, 9000), ("", "未登记", 1, 4000)],
    # (month, households, households paid, billed, collected); the 9 months before January are empty
    "trend": [("2026-01", 4, 3, 31000, 25000), ("2026-02", 6, 4, 45000, 26000), ("2026-03", 7, 3, 51000, 19000)],
    # (room code, building label, owner, months (periods unpaid), first, last, fen, oldest bucket, stage, collector, reason)
    "details": [
        ("1-1-101", A1, "张一", 1, "2026-03", "2026-03", 13000, "1个月", "电话催缴", C1, "经济困难"),
        ("1-1-103", A1, "张三", 3, "2026-01", "2026-03", 14500, "3个月", "书面催缴", C1, "服务质量"),
        ("2-1-201", A2, "李一", 1, "2026-03", "2026-03", 9000, "1个月", "电话催缴", C2, "恶意欠缴"),
        ("5-1-502", B5, "王二", 1, "2026-03", "2026-03", 4000, "1个月", "", "", ""),
    ],
    # other views of March
    "as_of_2026-04-30_total": fig(7, 4, 51000, 28000, 15500, 8000, 25000, 31500, 1000, late=500),
    "as_of_2026-03-10_total": fig(7, 3, 51000, 19000, 6000, 0, 25000, 51000, 0),
}


def _user(s: Session, role: Role, username: str, display: str, factory) -> UserDTO:
    user = make_user(factory, role, username)
    with factory.begin() as s2:
        s2.execute(update(User).where(User.id == user.id).values(display_name=display))
    return UserDTO.of(user.id, user.username, display, role, token=user.token)


def _utc(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour - 8, 0, tzinfo=UTC)  # office time (UTC+8)


def build_stats_ledger(factory: sessionmaker[Session]) -> StatsLedger:
    """Write the ledger of the module's docstring into an empty migrated database."""
    admin = _user(None, Role.ADMIN, "stats_admin", "管理员", factory)
    finance = _user(None, Role.FINANCE, "stats_finance", "财务", factory)
    c1 = _user(None, Role.COLLECTOR, "stats_c1", C1, factory)
    c2 = _user(None, Role.COLLECTOR, "stats_c2", C2, factory)
    rooms: dict[str, int] = {}
    bills: dict[tuple[str, str, int], int] = {}
    with factory.begin() as s:
        items = {}
        for code, name, order in (("WYF", "物业管理费", 1), ("CWF", "车位管理费", 2)):
            item = FeeItem(code=code, name=name, basis=ChargeBasis.FIXED, sort_order=order)
            s.add(item)
            s.flush()
            items[code] = item.id
        people = {"1-1-101": ("张一", "13800000101"), "1-1-102": ("张二", "13800000102"),
                  "1-1-103": ("张三", "13800000103"), "2-1-201": ("李一", "13800000201"),
                  "2-1-202": ("李二", "13800000202"), "5-1-501": ("王一", "13800000501"),
                  "5-1-502": ("王二", "13800000502")}
        for ecode, ename, spec in (("A", "锦绣", ("1-1-101", "1-1-102", "1-1-103", "2-1-201", "2-1-202")),
                                   ("B", "翠湖", ("5-1-501", "5-1-502"))):
            estate = Estate(code=ecode, name=ename)
            s.add(estate)
            s.flush()
            for code in spec:
                b, u, r = code.split("-")
                building = s.query(Building).filter_by(estate_id=estate.id, name=b).one_or_none()
                if building is None:
                    building = Building(estate_id=estate.id, name=b)
                    s.add(building)
                    s.flush()
                unit = s.query(Unit).filter_by(building_id=building.id, name=u).one_or_none()
                if unit is None:
                    unit = Unit(building_id=building.id, name=u)
                    s.add(unit)
                    s.flush()
                room = Room(estate_id=estate.id, building_id=building.id, unit_id=unit.id, code=code, number=r,
                            floor=int(r) // 100, area_centi_m2=8000)
                name, phone = people[code]
                person = Person(name=name)
                s.add_all([room, person])
                s.flush()
                s.add(RoomPerson(room_id=room.id, person_id=person.id, role=PersonRole.OWNER))
                s.add(Contact(person_id=person.id, kind=ContactKind.MOBILE, value=phone, last4=phone[-4:],
                              is_primary=True))
                rooms[code] = room.id

        def bill(code: str, item: str, period: int, fen: int, discount: int = 0) -> None:
            b = Bill(room_id=rooms[code], fee_item_id=items[item], period=period, amount_fen=fen,
                     issued_amount_fen=fen, discount_fen=discount, due_date=date(period // 100, period % 100, 10))
            s.add(b)
            s.flush()
            bills[(code, item, period)] = b.id

        for p in (202601, 202602, 202603):
            bill("1-1-101", "WYF", p, 10000)
            bill("1-1-101", "CWF", p, 3000)
            bill("1-1-102", "WYF", p, 8000, 1000 if p == 202603 else 0)
            bill("1-1-103", "WYF", p, 6000)
        bill("1-1-102", "WYF", 202604, 8000)
        for p in (202602, 202603):
            bill("2-1-201", "WYF", p, 9000)
            bill("2-1-202", "WYF", p, 5000)
        bill("5-1-501", "WYF", 202601, 4000)
        bill("5-1-501", "WYF", 202602, 4000)
        bill("5-1-502", "WYF", 202603, 4000)

    def pay(code: str, fen: int, on: date) -> int:
        with factory.begin() as s:
            return record_payment(s, actor=admin, room_id=rooms[code], amount_fen=fen, paid_on=on,
                                  method=PaymentMethod.CASH, today=on).payment_id

    pay("5-1-501", 12000, date(2026, 1, 5))
    pay("1-1-101", 13000, date(2026, 1, 8))
    pay("1-1-102", 8000, date(2026, 1, 9))
    pay("2-1-202", 5000, date(2026, 2, 5))
    pay("2-1-201", 9000, date(2026, 2, 15))
    pay("1-1-102", 15000, date(2026, 2, 20))
    with factory.begin() as s:  # March's bill of 5-1-501 is issued and paid from its credit
        b = Bill(room_id=rooms["5-1-501"], fee_item_id=items["WYF"], period=202603, amount_fen=4000,
                 issued_amount_fen=4000, due_date=date(2026, 3, 10))
        s.add(b)
        s.flush()
        bills[("5-1-501", "WYF", 202603)] = b.id
        credit.spend_credit(s, actor=admin, bills_by_room=credit.open_bills_of(s, [b.id]), on=date(2026, 3, 1),
                            reason="billing 2026-03")
    reversed_id = pay("1-1-103", 6000, date(2026, 3, 5))
    pay("2-1-202", 8000, date(2026, 3, 8))
    with factory.begin() as s:  # its parking bill of March, issued after the deposit and paid from it on 03-10
        b = Bill(room_id=rooms["2-1-202"], fee_item_id=items["CWF"], period=202603, amount_fen=3000,
                 issued_amount_fen=3000, due_date=date(2026, 3, 10))
        s.add(b)
        s.flush()
        bills[("2-1-202", "CWF", 202603)] = b.id
        credit.spend_credit(s, actor=admin, bills_by_room=credit.open_bills_of(s, [b.id]), on=date(2026, 3, 10),
                            reason="billing 2026-03")
    assess_late_fees(factory, {bills[("2-1-202", "WYF", 202602)]: 500}, as_of=date(2026, 3, 1), days=20)
    with factory.begin() as s:  # the late fee of its February bill, and nothing else
        receipt = record_payment(s, actor=admin, room_id=rooms["2-1-202"], amount_fen=500, paid_on=date(2026, 3, 18),
                                 method=PaymentMethod.CASH, today=date(2026, 3, 18), collect_late_fees=True)
        assert receipt.credit_fen == 0 and [line.amount_fen for line in receipt.lines] == [500]
    pay("1-1-103", 2500, date(2026, 3, 12))
    pay("1-1-101", 13000, date(2026, 3, 15))
    pay("1-1-102", 8000, date(2026, 3, 20))
    with factory.begin() as s:
        reverse_payment(s, actor=admin, payment_id=reversed_id, reason="收款记错房号", on=date(2026, 3, 25))
    pay("2-1-201", 9000, date(2026, 4, 5))
    with factory.begin() as s:  # an adjustment dated in March (written as the service would, on that day)
        bill_id = bills[("1-1-103", "WYF", 202602)]
        s.execute(update(Bill).where(Bill.id == bill_id).values(amount_fen=5000, version=Bill.version + 1))
        s.add(BillAdjustment(bill_id=bill_id, old_amount_fen=6000, new_amount_fen=5000, reason="面积更正",
                             user_id=admin.id, created_at=_utc(date(2026, 3, 28))))
    with factory.begin() as s:
        update_office(s, actor=admin, values={"office.name": OFFICE})
    with factory.begin() as s:  # an adjustment made today: March must not change
        adjust_bill(s, actor=admin, bill_id=bills[("1-1-101", "WYF", 202603)], new_amount_fen=9000, reason="优惠补录")

    with factory.begin() as s:
        cases = {}
        for code, collector, reason, stage in (("1-1-101", c1, ArrearsReason.HARDSHIP, Stage.PHONE),
                                               ("1-1-103", c1, ArrearsReason.SERVICE_QUALITY, Stage.WRITTEN_NOTICE),
                                               ("2-1-201", c2, ArrearsReason.MALICIOUS, Stage.PHONE),
                                               ("2-1-202", c2, None, Stage.REMINDER)):
            case = CollectionCase(room_id=rooms[code], stage=stage, collector_id=collector.id, reason=reason,
                                  opened_on=date(2026, 2, 12))
            s.add(case)
            s.flush()
            cases[code] = case.id

        def call(code: str, user: UserDTO, day: date, channel: Channel = Channel.PHONE) -> int:
            ev = ContactEvent(room_id=rooms[code], case_id=cases.get(code), channel=channel, occurred_at=_utc(day),
                              user_id=user.id, outcome=CallOutcome.PROMISED)
            s.add(ev)
            s.flush()
            return ev.id

        call("1-1-101", c1, date(2026, 3, 2))
        call("1-1-101", c1, date(2026, 3, 10))
        call("1-1-103", c1, date(2026, 3, 31))
        call("1-1-103", c1, date(2026, 3, 3), Channel.SMS)
        call("2-1-201", c2, date(2026, 3, 12))
        call("2-1-201", c2, date(2026, 2, 27))
        call("1-1-103", c1, date(2026, 4, 1))
        done = Visit(room_id=rooms["1-1-103"], case_id=cases["1-1-103"], planned_at=_utc(date(2026, 3, 18), 19),
                     status=VisitStatus.DONE, done_at=_utc(date(2026, 3, 18), 20), created_by_id=c1.id)
        planned = Visit(room_id=rooms["2-1-201"], planned_at=_utc(date(2026, 3, 30), 19), created_by_id=c2.id)
        # nobody at home: failed, but a visit made (the outcome dates it, as services.visits does)
        failed = Visit(room_id=rooms["2-1-201"], case_id=cases["2-1-201"], planned_at=_utc(date(2026, 3, 24), 19),
                       status=VisitStatus.FAILED, result=VisitResult.NOT_HOME, done_at=_utc(date(2026, 3, 24), 19),
                       created_by_id=c2.id)
        cancelled = Visit(room_id=rooms["2-1-202"], planned_at=_utc(date(2026, 3, 26), 19), created_by_id=c2.id,
                          status=VisitStatus.CANCELLED, cancel_reason="业主出差")
        s.add_all([done, planned, failed, cancelled])
        s.flush()
        s.add_all([VisitStaff(visit_id=done.id, user_id=c1.id), VisitStaff(visit_id=done.id, user_id=c2.id),
                   VisitStaff(visit_id=planned.id, user_id=c2.id), VisitStaff(visit_id=failed.id, user_id=c2.id),
                   VisitStaff(visit_id=cancelled.id, user_id=c2.id)])
        s.add(Notice(serial="TZ-STATS-1", room_id=rooms["1-1-103"], case_id=cases["1-1-103"],
                     kind=NoticeKind.ARREARS_NOTICE, arrears_fen=12000, issued_at=_utc(date(2026, 3, 20)),
                     issued_by_id=c1.id))
        s.add(Notice(serial="TZ-STATS-2", room_id=rooms["2-1-201"], case_id=cases["2-1-201"],
                     kind=NoticeKind.ARREARS_NOTICE, arrears_fen=9000, issued_at=_utc(date(2026, 4, 2)),
                     issued_by_id=c2.id))
        for code, user, made, due, fen in (("1-1-101", c1, date(2026, 3, 10), date(2026, 3, 15), 13000),
                                           ("1-1-103", c1, date(2026, 2, 25), date(2026, 3, 5), 6000),
                                           ("2-1-201", c2, date(2026, 3, 12), date(2026, 3, 20), 9000)):
            s.add(Promise(room_id=rooms[code], case_id=cases[code], made_on=made, due_date=due, amount_fen=fen,
                          created_by_id=user.id))
    return StatsLedger(admin, finance, (c1, c2), rooms, bills, EXPECTED)
