"""The audit log is a hash chain: a changed, deleted or inserted row is found by the walk, on both engines;
several writers at once keep it linear; a rolled-back transaction leaves nothing; the viewer filters
and pages in SQL."""

from __future__ import annotations

import multiprocessing as mp
from datetime import date, timedelta

import pytest
from factories import make_room_with_bills
from sqlalchemy import func, select
from tampering import tamper

from cuijiao_desktop.db.engine import make_engine, make_session_factory
from cuijiao_desktop.db.models import AuditLog
from cuijiao_desktop.domain.audit_chain import GENESIS, BreakKind, row_hash
from cuijiao_desktop.domain.enums import PaymentMethod, Role
from cuijiao_desktop.domain.errors import PermissionDenied, ValidationError
from cuijiao_desktop.services import audit, audit_log
from cuijiao_desktop.services.audit_log import AuditFilter
from cuijiao_desktop.services.dto import UserDTO
from cuijiao_desktop.services.payments import record_payment


def _write(session_factory, actor: UserDTO, n: int, action: str = "test.ping") -> None:
    for i in range(n):
        with session_factory.begin() as s:
            audit.record(s, actor, action, "thing", i, n=i)


def _verify(session_factory, actor):
    with session_factory() as s:
        return audit_log.verify_chain(s, actor=actor)


def test_rows_are_chained_in_order_and_verify(session_factory, users):
    admin = users[Role.ADMIN]
    _write(session_factory, admin, 5)
    with session_factory() as s:
        rows = s.execute(select(AuditLog.chain_seq, AuditLog.prev_hash, AuditLog.row_hash).order_by(AuditLog.id)).all()
    assert [r.chain_seq for r in rows] == list(range(1, 6))
    assert rows[0].prev_hash == GENESIS
    assert all(rows[i].prev_hash == rows[i - 1].row_hash for i in range(1, 5))
    report = _verify(session_factory, users[Role.MANAGER])
    assert report.ok and report.checked == report.total == 5 and report.head_seq == 5
    assert report.head_hash == rows[-1].row_hash


def test_a_rolled_back_transaction_leaves_no_entry_and_no_gap(session_factory, users):
    admin = users[Role.ADMIN]
    _write(session_factory, admin, 1)
    with pytest.raises(RuntimeError), session_factory.begin() as s:
        audit.record(s, admin, "test.lost", "thing", 1)
        raise RuntimeError("boom")
    _write(session_factory, admin, 1)
    with session_factory() as s:
        assert s.scalars(select(AuditLog.action).order_by(AuditLog.chain_seq)).all() == ["test.ping", "test.ping"]
    assert _verify(session_factory, admin).ok


def test_a_changed_row_is_found(engine, session_factory, users):
    admin = users[Role.ADMIN]
    _write(session_factory, admin, 6)
    tamper(engine, "UPDATE audit_log SET username = 'someone_else' WHERE chain_seq = 4")
    report = _verify(session_factory, admin)
    assert not report.ok and report.broken.kind is BreakKind.CHANGED and report.broken.chain_seq == 4
    assert report.checked == 3


def test_a_changed_row_with_a_recomputed_hash_breaks_the_next_link(engine, session_factory, users):
    admin = users[Role.ADMIN]
    _write(session_factory, admin, 4)
    with session_factory() as s:
        row = s.scalars(select(AuditLog).where(AuditLog.chain_seq == 2)).one()
        forged = row_hash(chain_seq=2, prev_hash=row.prev_hash, at=row.at, user_id=row.user_id,
                                username=row.username, action="test.harmless", entity=row.entity,
                                entity_id=row.entity_id, room_id=row.room_id, detail=row.detail)
    tamper(engine, "UPDATE audit_log SET action = 'test.harmless', row_hash = :h WHERE chain_seq = 2", h=forged)
    report = _verify(session_factory, admin)
    assert report.broken.kind is BreakKind.INSERTED and report.broken.chain_seq == 3


def test_a_deleted_row_is_found(engine, session_factory, users):
    admin = users[Role.ADMIN]
    _write(session_factory, admin, 5)
    tamper(engine, "DELETE FROM audit_log WHERE chain_seq = 3")
    report = _verify(session_factory, admin)
    assert report.broken.kind is BreakKind.MISSING and report.broken.expected_seq == 3
    assert report.broken.chain_seq == 4


def test_an_inserted_row_is_found(engine, session_factory, users):
    admin = users[Role.ADMIN]
    _write(session_factory, admin, 3)
    with session_factory() as s:  # a forged row that claims to follow row 2, hashed correctly
        prev = s.scalar(select(AuditLog.row_hash).where(AuditLog.chain_seq == 2))
    entry = audit.entry(admin, "payment.reverse", "payment", 1)
    h = row_hash(chain_seq=4, prev_hash=prev, at=entry.at, user_id=admin.id, username=admin.username,
                       action=entry.action, entity=entry.entity, entity_id=entry.entity_id, room_id=None,
                       detail=entry.detail)
    tamper(engine, "INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, detail, chain_seq, "
                   "prev_hash, row_hash) VALUES (:at, :u, :n, 'payment.reverse', 'payment', '1', '{}', 4, :p, :h)",
           at=entry.at.replace(tzinfo=None) if engine.dialect.name == "sqlite" else entry.at, u=admin.id,
           n=admin.username, p=prev, h=h)
    report = _verify(session_factory, admin)
    assert report.broken.kind is BreakKind.INSERTED and report.broken.chain_seq == 4


def test_the_chain_continues_after_a_bulk_load(engine, session_factory, users):
    admin = users[Role.ADMIN]
    _write(session_factory, admin, 2)
    with engine.begin() as conn:  # as the demo and bulk loaders write: on a Connection
        audit.append_entries(conn, [audit.entry(admin, "demo.build", "database", detail={"rooms": 3})])
    _write(session_factory, admin, 2)
    report = _verify(session_factory, admin)
    assert report.ok and report.total == 5


def test_a_clerk_cannot_read_or_verify_the_log(session_factory, users):
    with pytest.raises(PermissionDenied), session_factory() as s:
        audit_log.verify_chain(s, actor=users[Role.CLERK])
    with pytest.raises(PermissionDenied), session_factory() as s:
        audit_log.audit_page(s, actor=users[Role.CLERK], flt=AuditFilter())


def _worker(url: str, user_id: int, token: str, n: int) -> None:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    actor = UserDTO.of(user_id, "u_admin", "admin", Role.ADMIN, token=token)
    for i in range(n):
        with factory.begin() as s:
            audit.record(s, actor, "test.concurrent", "thing", i)
            audit.record(s, actor, "test.concurrent_second", "thing", i)
    engine.dispose()


@pytest.mark.slow
def test_several_desks_at_once_keep_the_chain_linear(db_url, session_factory, users):
    admin = users[Role.ADMIN]
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_worker, args=(db_url, admin.id, admin.token, 40)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(180)
        assert p.exitcode == 0
    with session_factory() as s:
        seqs = s.scalars(select(AuditLog.chain_seq).order_by(AuditLog.id)).all()
    assert seqs == list(range(1, 4 * 40 * 2 + 1))  # id order is chain order, no gaps
    report = _verify(session_factory, admin)
    assert report.ok and report.checked == 320


def test_the_viewer_filters_by_who_what_when_and_room_and_pages_in_sql(session_factory, users):
    clerk, manager = users[Role.CLERK], users[Role.MANAGER]
    room = make_room_with_bills(session_factory, months=2, code="3-2-1502")
    other = make_room_with_bills(session_factory, months=2, code="3-2-1503")
    with session_factory.begin() as s:
        record_payment(s, actor=clerk, room_id=room.room_id, amount_fen=100_00, paid_on=date(2026, 5, 1),
                       method=PaymentMethod.CASH, today=date(2026, 5, 1))
        record_payment(s, actor=clerk, room_id=other.room_id, amount_fen=50_00, paid_on=date(2026, 5, 1),
                       method=PaymentMethod.CASH, today=date(2026, 5, 1))
    _write(session_factory, manager, 7)
    with session_factory() as s:
        everything = audit_log.audit_page(s, actor=manager, flt=AuditFilter(), limit=4)
        assert everything.total == 9 and len(everything.rows) == 4
        assert [r.chain_seq for r in everything.rows] == [9, 8, 7, 6]  # newest first
        second = audit_log.audit_page(s, actor=manager, flt=AuditFilter(), offset=4, limit=4)
        assert [r.chain_seq for r in second.rows] == [5, 4, 3, 2]
        by_room = audit_log.audit_page(s, actor=manager, flt=AuditFilter(room="3栋2单元1502"))
        assert by_room.total == 1 and by_room.rows[0].action == "payment.record"
        assert by_room.rows[0].room_code.endswith("3-2-1502")
        by_who = audit_log.audit_page(s, actor=manager, flt=AuditFilter(user_id=clerk.id))
        assert by_who.total == 2 and {r.username for r in by_who.rows} == {clerk.username}
        by_group = audit_log.audit_page(s, actor=manager, flt=AuditFilter(action="payment."))
        assert by_group.total == 2
        by_action = audit_log.audit_page(s, actor=manager, flt=AuditFilter(action="test.ping"))
        assert by_action.total == 7
        today = date.today()
        assert audit_log.audit_page(s, actor=manager, flt=AuditFilter(date_from=today, date_to=today)).total == 9
        assert audit_log.audit_page(s, actor=manager, flt=AuditFilter(date_to=today - timedelta(days=1))).total == 0
        assert "payment.record" in audit_log.audit_actions(s, actor=manager)
        assert {u[1] for u in audit_log.audit_users(s, actor=manager)} == {clerk.username, manager.username}
        with pytest.raises(ValidationError):
            audit_log.audit_page(s, actor=manager, flt=AuditFilter(room="no room"))


def test_an_export_is_itself_audited(session_factory, users):
    manager = users[Role.MANAGER]
    _write(session_factory, manager, 3)
    flt = AuditFilter(action="test.ping")
    with session_factory() as s:
        rows = audit_log.audit_rows(s, actor=manager, flt=flt)
    assert len(rows) == 3
    with session_factory.begin() as s:
        audit_log.record_export(s, actor=manager, flt=flt, file_name="审计.xlsx", rows=len(rows))
    with session_factory() as s:
        row = s.scalars(select(AuditLog).where(AuditLog.action == "audit.export")).one()
        assert '"action": "test.ping"' in row.detail and row.username == manager.username
        assert s.scalar(select(func.count()).select_from(AuditLog)) == 4
