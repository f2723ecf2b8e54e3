"""The limitation clock from the database: evidenced demands, promises, plans and part payments."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from factories import make_room_with_bills

from cuijiao_desktop.db.models import ContactEvent, InstalmentPlan, Notice, Promise
from cuijiao_desktop.domain.enums import (
    ApprovalStatus,
    CallOutcome,
    Channel,
    DeliveryMethod,
    InterruptionKind,
    NoticeKind,
    PaymentMethod,
    Role,
)
from cuijiao_desktop.domain.limitation import LimitationStatus
from cuijiao_desktop.services.limitation import (
    contact_is_evidenced_demand,
    notice_is_evidenced_demand,
    room_limitation_periods,
    room_limitations,
)
from cuijiao_desktop.services.payments import record_payment, reverse_payment

TODAY = date(2026, 6, 1)
AT = datetime(2024, 3, 1, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("kw", "counts"),
    [
        ({"delivered_at": None, "signed_receipt": True}, False),  # not delivered
        ({"delivered_at": AT}, False),  # delivered, nothing proves it
        ({"delivered_at": AT, "signed_receipt": True}, True),
        ({"delivered_at": AT, "tracking_no": "EMS1234567"}, True),
        ({"delivered_at": AT, "proof_path": "proof/1.jpg"}, True),
        ({"delivered_at": AT, "tracking_no": "  "}, False),
        ({"delivered_at": AT, "delivery_method": DeliveryMethod.DOOR, "proof_path": "door.jpg"}, False),
        ({"delivered_at": AT, "delivery_method": DeliveryMethod.DOOR, "signed_receipt": True}, True),
        ({"delivered_at": AT, "delivery_method": DeliveryMethod.REGISTERED_MAIL, "tracking_no": "R1"}, True),
    ],
)
def test_the_notice_rule(kw, counts):
    args = {"delivered_at": None, "signed_receipt": False, "tracking_no": "", "proof_path": ""} | kw
    assert notice_is_evidenced_demand(**args) is counts


def test_the_contact_rule():
    assert contact_is_evidenced_demand(channel=Channel.SMS, outcome=CallOutcome.DELIVERED, evidence_path="s.png")
    assert not contact_is_evidenced_demand(channel=Channel.SMS, outcome=CallOutcome.DELIVERED, evidence_path="")
    assert contact_is_evidenced_demand(channel=Channel.PHONE, outcome=CallOutcome.REFUSED, evidence_path="rec.mp3")
    assert not contact_is_evidenced_demand(channel=Channel.PHONE, outcome=CallOutcome.NO_ANSWER, evidence_path="r")
    assert not contact_is_evidenced_demand(channel=Channel.NOTICE, outcome=CallOutcome.DELIVERED, evidence_path="b")


@pytest.fixture
def old_room(session_factory):
    """Bills Jan–Jun 2023 (due on the 10th), none paid: on 1 Jun 2026 Jan–May 2023 have run out."""
    return make_room_with_bills(session_factory, months=6, first_period=202301, code="1-1-101")


def _periods(factory, room_id, today=TODAY):
    with factory() as s:
        return {p.period: p for p in room_limitation_periods(s, room_id=room_id, today=today)}


def test_plain_three_years(session_factory, old_room):
    p = _periods(session_factory, old_room.room_id)
    assert p[202301].expires_on == date(2026, 1, 10) and p[202301].status is LimitationStatus.EXPIRED
    assert p[202306].expires_on == date(2026, 6, 10) and p[202306].status is LimitationStatus.AT_RISK
    assert p[202306].restarted_by is None and p[202306].outstanding_fen == 25_000
    with session_factory() as s:
        lim = room_limitations(s, today=TODAY)[old_room.room_id]
    assert lim.earliest_expiry == date(2026, 1, 10)
    assert lim.expired_periods == (202301, 202302, 202303, 202304, 202305)
    assert lim.periods_at_risk == (202306,) and lim.status is LimitationStatus.EXPIRED
    assert lim.expiring_within == ((202306, date(2026, 6, 10)),)
    assert lim.at_risk_fen == 6 * 25_000 and isinstance(lim.at_risk_fen, int)


def test_an_evidenced_notice_restarts_the_periods_it_names(session_factory, old_room):
    with session_factory.begin() as s:
        s.add(Notice(serial="N1", room_id=old_room.room_id, kind=NoticeKind.ARREARS_NOTICE, arrears_fen=1,
                     period_from=202303, period_to=202304, delivered_at=datetime(2025, 2, 1, 2, tzinfo=UTC),
                     delivery_method=DeliveryMethod.HAND_SIGNED, signed_receipt=True))
        # stuck on the door and a board-like mass reminder: nothing
        s.add(Notice(serial="N2", room_id=old_room.room_id, kind=NoticeKind.REMINDER, arrears_fen=1,
                     delivered_at=datetime(2025, 3, 1, 2, tzinfo=UTC), delivery_method=DeliveryMethod.DOOR,
                     proof_path="door.jpg"))
        s.add(ContactEvent(room_id=old_room.room_id, channel=Channel.SMS, outcome=CallOutcome.DELIVERED,
                           occurred_at=datetime(2025, 4, 1, 2, tzinfo=UTC)))
    p = _periods(session_factory, old_room.room_id)
    assert p[202303].expires_on == p[202304].expires_on == date(2028, 2, 1)
    assert p[202303].restarted_by is InterruptionKind.DEMAND and p[202303].restarted_on == date(2025, 2, 1)
    assert p[202302].expires_on == date(2026, 2, 10)  # not named in the notice
    assert p[202305].expires_on == date(2026, 5, 10)


def test_a_promise_and_a_plan_acknowledge_every_period_due(session_factory, old_room):
    with session_factory.begin() as s:
        s.add(Promise(room_id=old_room.room_id, made_on=date(2026, 4, 1), due_date=date(2026, 4, 30),
                      amount_fen=10_000))  # after Jan–Mar 2023 ran out: an acknowledgement revives them
    p = _periods(session_factory, old_room.room_id)
    assert {x.expires_on for x in p.values()} == {date(2029, 4, 1)}
    assert {x.restarted_by for x in p.values()} == {InterruptionKind.PROMISE}
    with session_factory() as s:
        assert room_limitations(s, today=TODAY) == {}  # nothing at risk any more
    # a plan that is only requested does not count; an approved one does
    with session_factory.begin() as s:
        s.add(InstalmentPlan(room_id=old_room.room_id, total_fen=150_000, status=ApprovalStatus.PENDING,
                             signed_on=date(2026, 5, 1)))
        s.add(InstalmentPlan(room_id=old_room.room_id, total_fen=150_000, status=ApprovalStatus.APPROVED,
                             signed_on=date(2026, 5, 20)))
    p = _periods(session_factory, old_room.room_id)
    assert {x.expires_on for x in p.values()} == {date(2029, 5, 20)}
    assert {x.restarted_by for x in p.values()} == {InterruptionKind.INSTALMENT_PLAN}


def test_a_part_payment_restarts_the_bill_it_paid_part_of(session_factory, users, old_room):
    with session_factory.begin() as s:  # ¥300: Jan 2023 in full, ¥50 of Feb 2023
        receipt = record_payment(s, actor=users[Role.CLERK], room_id=old_room.room_id, amount_fen=30_000,
                                 paid_on=date(2025, 9, 1), method=PaymentMethod.CASH, today=date(2025, 9, 1))
    p = _periods(session_factory, old_room.room_id)
    assert 202301 not in p  # paid
    assert p[202302].expires_on == date(2028, 9, 1) and p[202302].outstanding_fen == 20_000
    assert p[202302].restarted_by is InterruptionKind.PART_PAYMENT
    assert p[202303].expires_on == date(2026, 3, 10)
    with session_factory.begin() as s:  # reversed: as if never paid
        reverse_payment(s, actor=users[Role.MANAGER], payment_id=receipt.payment_id, reason="错房",
                        on=date(2025, 9, 2))
    p = _periods(session_factory, old_room.room_id)
    assert p[202302].expires_on == date(2026, 2, 10) and p[202301].expires_on == date(2026, 1, 10)


def test_bulk_lists_the_rooms_at_risk_and_agrees_with_the_ledger(session_factory, old_room):
    fresh = make_room_with_bills(session_factory, months=3, first_period=202605, code="1-1-102")
    restarted = make_room_with_bills(session_factory, months=2, first_period=202301, code="1-1-103")
    with session_factory.begin() as s:
        s.add(Promise(room_id=restarted.room_id, made_on=date(2025, 1, 5), due_date=date(2025, 1, 20),
                      amount_fen=10_000))
        s.add(Notice(serial="N1", room_id=old_room.room_id, kind=NoticeKind.ARREARS_NOTICE, arrears_fen=1,
                     period_from=202306, period_to=202306, delivered_at=datetime(2025, 2, 1, 2, tzinfo=UTC),
                     delivery_method=DeliveryMethod.REGISTERED_MAIL, tracking_no="XA1"))
    with session_factory() as s:
        bulk = room_limitations(s, today=TODAY)
        chosen = room_limitations(s, today=TODAY, room_ids=[old_room.room_id, fresh.room_id])
        assert room_limitations(s, today=TODAY, room_ids=[]) == {}
    # May 2026 has 3 years left, the promise gave the other room 3 more: only the old room is at risk
    assert set(bulk) == {old_room.room_id} and chosen == bulk
    lim = bulk[old_room.room_id]
    single = _periods(session_factory, old_room.room_id)
    assert lim.earliest_expiry == min(p.expires_on for p in single.values()) == date(2026, 1, 10)
    assert lim.expired_periods == (202301, 202302, 202303, 202304, 202305) and lim.periods_at_risk == ()
    assert single[202306].expires_on == date(2028, 2, 1)  # the registered notice restarted June
    assert lim.at_risk_fen == 5 * 25_000
