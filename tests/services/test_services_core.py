"""Auth, late fees, the ladder, the overview and backups, against real SQLite files."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest
from factories import make_room_with_bills
from sqlalchemy import func, select, update

from cuijiao_desktop.db.models import (
    AuditLog,
    BackupRecord,
    FeeItem,
    LateFeeAssessment,
    LateFeePolicyRow,
    Notice,
    User,
)
from cuijiao_desktop.domain.enums import Channel, NoticeKind, PaymentMethod, Role
from cuijiao_desktop.domain.errors import (
    AuthenticationFailed,
    ConflictError,
    PermissionDenied,
    ValidationError,
)
from cuijiao_desktop.services import auth, ladder, late_fees, maintenance, office, overview
from cuijiao_desktop.services.dto import CLI_USER
from cuijiao_desktop.services.payments import record_payment


def test_first_admin_then_login_and_lockout(session_factory):
    with session_factory.begin() as s:
        assert not auth.has_users(s)
        with pytest.raises(ValidationError) as err:
            auth.create_first_admin(s, username="admin", display_name="管理员", password="short")
        assert err.value.code == "auth.password_too_short" and err.value.params["field"] == "password"
    with session_factory.begin() as s:
        admin = auth.create_first_admin(s, username="admin", display_name="管理员", password="correct horse")
    assert admin.role is Role.ADMIN
    with pytest.raises(ConflictError), session_factory.begin() as s:
        auth.create_first_admin(s, username="other", display_name="x", password="correct horse")

    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    for i in range(auth.MAX_FAILURES):
        with session_factory.begin() as s:
            attempt = auth.attempt_login(s, username="admin", password="wrong", now=now)
        assert attempt.user is None
        assert attempt.error.code == ("auth.locked" if i == auth.MAX_FAILURES - 1 else "auth.failed")
    with session_factory.begin() as s:  # even the right password is refused while locked
        attempt = auth.attempt_login(s, username="admin", password="correct horse", now=now + timedelta(minutes=1))
    assert attempt.error.code == "auth.locked" and attempt.error.params["until"] > now
    with session_factory.begin() as s:
        user = auth.login(s, username="admin", password="correct horse",
                          now=now + timedelta(minutes=auth.LOCK_MINUTES + 1))
    assert user.username == "admin"
    with session_factory() as s:
        assert s.scalar(select(User.failed_logins)) == 0
        actions = s.scalars(select(AuditLog.action)).all()
        assert actions.count("user.login_failed") == auth.MAX_FAILURES and "user.login" in actions
    with pytest.raises(AuthenticationFailed), session_factory.begin() as s:
        auth.login(s, username="nobody", password="whatever1")


def test_only_admins_create_users(session_factory, users):
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        auth.create_user(s, actor=users[Role.MANAGER], username="x", display_name="X", role=Role.CLERK,
                         password="password9")
    with session_factory.begin() as s:
        new = auth.create_user(s, actor=users[Role.ADMIN], username="qiantai9", display_name="小李",
                               role=Role.CLERK, password="password9")
    assert new.can(auth.Permission.TAKE_PAYMENT) and not new.can(auth.Permission.REVERSE_PAYMENT)


def _policy_room(session_factory, *, from_notice_level=None):
    room = make_room_with_bills(session_factory, months=2, monthly_fen=100_00, first_period=202601)
    with session_factory.begin() as s:
        pol = LateFeePolicyRow(name="合同", daily_rate_ppm=3000, grace_days=0, valid_from=date(2020, 1, 1),
                               from_notice_level=from_notice_level)
        s.add(pol)
        s.flush()
        s.execute(update(FeeItem).values(late_fee_policy_id=pol.id))
    return room


def test_late_fees_are_idempotent_follow_payments_and_need_a_manager_to_waive(session_factory, users):
    room = _policy_room(session_factory)
    manager, clerk = users[Role.MANAGER], users[Role.CLERK]
    as_of = date(2026, 2, 9)  # Jan bill due 01-10: 30 days late; Feb bill not yet due
    for _ in range(2):
        with session_factory.begin() as s:
            assert late_fees.assess_late_fees(s, actor=clerk, as_of=as_of, room_id=room.room_id).bills == 1
    with session_factory() as s:
        rows = s.scalars(select(LateFeeAssessment)).all()
        assert len(rows) == 1 and rows[0].days == 30 and rows[0].amount_fen == 9_00  # 100元 × 3‰ × 30
        assert late_fees.room_late_fees(s, room.room_id).contract_fen == 9_00
    with session_factory.begin() as s:  # half paid on 01-20: the second half accrues only on 50元
        record_payment(s, actor=clerk, room_id=room.room_id, amount_fen=50_00, paid_on=date(2026, 1, 20),
                       method=PaymentMethod.CASH, today=date(2026, 1, 20))
    with session_factory.begin() as s:
        late_fees.assess_late_fees(s, actor=clerk, as_of=as_of, room_id=room.room_id)
    with session_factory() as s:
        assert s.scalar(select(LateFeeAssessment.amount_fen)) == 9 * 30 + 21 * 15  # 01-11..01-19 on 100元, 01-20..02-09 on 50元
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        late_fees.waive_late_fee(s, actor=clerk, bill_id=room.bill_ids[0], amount_fen=100, reason="困难")
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        late_fees.waive_late_fee(s, actor=manager, bill_id=room.bill_ids[0], amount_fen=5_86, reason="困难")
    assert err.value.code == "late_fee.waiver_too_large"
    with session_factory.begin() as s:
        left = late_fees.waive_late_fee(s, actor=manager, bill_id=room.bill_ids[0], amount_fen=5_85, reason="经济困难")
    assert left == 0
    with session_factory() as s:
        assert late_fees.room_late_fees(s, room.room_id).due_fen == 0


def test_late_fees_wait_for_the_sixth_notice(session_factory, users):
    room = _policy_room(session_factory, from_notice_level=6)
    with session_factory.begin() as s:
        assert late_fees.assess_late_fees(s, actor=users[Role.CLERK], as_of=date(2026, 3, 1)).bills == 0
        s.add(Notice(serial="N6", room_id=room.room_id, kind=NoticeKind.ARREARS_NOTICE, level=6, arrears_fen=100_00,
                     issued_at=datetime(2026, 2, 20, 2, 0, tzinfo=UTC)))
    with session_factory.begin() as s:
        assert late_fees.assess_late_fees(s, actor=users[Role.CLERK], as_of=date(2026, 3, 1)).bills == 2
    with session_factory() as s:
        days = sorted(s.scalars(select(LateFeeAssessment.days)))
    assert days == [10, 10]  # 02-20 .. 03-01 for both bills


def test_ladder_defaults_permissions_conflicts_and_forbidden_words(session_factory, users):
    with session_factory.begin() as s:
        ladder.ensure_default_ladder(s)
        ladder.ensure_default_ladder(s)
        steps = ladder.list_ladder(s)
    assert len(steps) >= 8 and [x.seq for x in steps] == sorted(x.seq for x in steps)
    step = steps[2]
    kwargs = {"step_id": step.id, "version": step.version, "name": "电话催缴（首月加密）", "wait_days": 3,
                  "channel": Channel.PHONE, "active": True}
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        ladder.update_step(s, actor=users[Role.CLERK], **kwargs)
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        ladder.update_step(s, actor=users[Role.MANAGER], **{**kwargs, "name": "逾期停水停电"})
    assert err.value.code == "ladder.forbidden_words"
    with session_factory.begin() as s:
        saved = ladder.update_step(s, actor=users[Role.MANAGER], **kwargs)
    assert saved.version == step.version + 1
    with pytest.raises(ConflictError), session_factory.begin() as s:  # a second desk with the old version
        ladder.update_step(s, actor=users[Role.ADMIN], **{**kwargs, "wait_days": 5})


def test_overview_counts_overdue_money(session_factory, users):
    room = make_room_with_bills(session_factory, months=3, monthly_fen=100_00, first_period=202609)
    with session_factory.begin() as s:
        assert not overview.database_is_empty(s)
        record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=30_00,
                       paid_on=date(2026, 10, 1), method=PaymentMethod.CASH, today=date(2026, 10, 1))
    with session_factory() as s:
        ov = overview.office_overview(s, today=date(2026, 11, 5))  # Nov bill not yet due
    assert (ov.rooms, ov.rooms_in_arrears, ov.arrears_fen) == (1, 1, 170_00)


def test_office_settings_need_permission(session_factory, users):
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        office.update_office(s, actor=users[Role.CLERK], values={"office.name": "x"})
    with pytest.raises(ValidationError), session_factory.begin() as s:
        office.update_office(s, actor=users[Role.ADMIN], values={"office.nope": "x"})
    with session_factory.begin() as s:
        dto = office.update_office(s, actor=users[Role.ADMIN], values={"office.name": "锦绣花园物业服务中心"})
    assert dto.name == "锦绣花园物业服务中心" and not dto.is_demo


@pytest.mark.sqlite_only  # the SQLite online backup API
def test_backup_is_a_consistent_copy(db_url, session_factory, users, tmp_path):
    make_room_with_bills(session_factory, months=4)
    with pytest.raises(PermissionDenied):  # backups hold every owner's data: administrators only
        maintenance.backup_database(db_url, tmp_path / "bk" / "clerk.sqlite3", actor=users[Role.CLERK])
    assert not (tmp_path / "bk" / "clerk.sqlite3").exists()
    out = maintenance.backup_database(db_url, tmp_path / "bk" / "copy.sqlite3", actor=users[Role.ADMIN])
    with sqlite3.connect(out) as con:
        assert con.execute("SELECT count(*) FROM bill").fetchone()[0] == 4
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(AuditLog)) >= 0
        assert s.scalar(select(func.count()).select_from(BackupRecord)) == 1  # recorded (status bar)


@pytest.mark.postgres
def test_postgresql_backup_with_pg_dump(pg_url, pg_engine, tmp_path):
    import shutil

    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    out = maintenance.backup_database(pg_url, tmp_path / "office.dump", actor=CLI_USER)  # a database without users
    assert out.stat().st_size > 1000 and out.read_bytes().startswith(b"PGDMP")
