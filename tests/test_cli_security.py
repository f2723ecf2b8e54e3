"""The command line on both engines: who may run what (issue 14, "permissions that hold").

On PostgreSQL a database with users refuses every command without --user, in one Chinese line and
before any work; a wrong password always refuses; upgrades, backups and user management need an
administrator; ``audit verify`` finds a tampered row. A clerk cannot reverse a payment by any route.
"""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_room_with_bills, make_user
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from cuijiao_desktop.cli import main
from cuijiao_desktop.db.migrate import current_revision, head_revision
from cuijiao_desktop.db.models import AuditLog, Payment
from cuijiao_desktop.domain.enums import PaymentMethod, Role
from cuijiao_desktop.domain.errors import AuthenticationFailed, PermissionDenied
from cuijiao_desktop.services.dto import CLI_USER
from cuijiao_desktop.services.payments import record_payment, reverse_payment

pytestmark = pytest.mark.both_engines

USER_REQUIRED = "错误：此数据库已有用户账号：请用 --user 用户名 指定一个并提供其密码（不登录的命令行只能用于本机的 SQLite 文件）。"


@pytest.fixture
def office(db_url, session_factory, monkeypatch):
    """A database with an administrator ("admin"/"password1") and a clerk, both signed in."""
    admin = make_user(session_factory, Role.ADMIN, "admin")
    clerk = make_user(session_factory, Role.CLERK, "qiantai1")
    monkeypatch.setenv("CUIJIAO_PASSWORD", "password1")
    return {"admin": admin, "clerk": clerk}


COMMANDS = (
    ["db", "status"], ["db", "upgrade"], ["db", "check"], ["user", "list"], ["audit", "verify"],
    ["user", "add", "x9", "--name", "X", "--role", "admin"], ["export", "arrears", "a.xlsx"],
)


def test_without_user_postgresql_refuses_every_command_in_one_line(db_kind, db_url, office, capsys, tmp_path,
                                                                   monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CUIJIAO_NEW_PASSWORD", "password9")
    backup = ["backup", "--out", str(tmp_path / "b.bin")]
    for cmd in (*COMMANDS, backup):
        code = main(["--db", db_url, *cmd])
        err = capsys.readouterr().err.strip()
        if db_kind == "postgresql":
            assert code == 1 and err == USER_REQUIRED, cmd
        else:  # a local SQLite file: the system identity acts
            assert err != USER_REQUIRED, cmd


@pytest.mark.parametrize("cmd", [["db", "status"], ["db", "upgrade"], ["user", "list"], ["audit", "verify"],
                                 ["backup", "--out", "b.bin"]])
def test_a_wrong_password_always_refuses(db_url, office, capsys, monkeypatch, tmp_path, cmd):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CUIJIAO_PASSWORD", "wrong-pass")
    assert main(["--db", db_url, "--user", "admin", *cmd]) == 1
    assert capsys.readouterr().err.startswith("错误：用户名或密码错误。")
    assert not (tmp_path / "b.bin").exists()


@pytest.mark.parametrize("cmd", [["db", "upgrade"], ["backup", "--out", "b.bin"], ["user", "list"],
                                 ["user", "reset", "admin"], ["audit", "verify"], ["demo", "--rooms", "1"]])
def test_a_clerk_may_not_maintain_the_database(db_url, office, capsys, monkeypatch, tmp_path, cmd):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CUIJIAO_NEW_PASSWORD", "password9")
    assert main(["--db", db_url, "--user", "qiantai1", *cmd]) == 1
    assert "无权" in capsys.readouterr().err
    assert not (tmp_path / "b.bin").exists()


def test_the_admin_upgrades_and_manages_users(db_url, office, capsys, monkeypatch):
    assert main(["--db", db_url, "--user", "admin", "db", "upgrade"]) == 0
    monkeypatch.setenv("CUIJIAO_NEW_PASSWORD", "temporary1")
    assert main(["--db", db_url, "--user", "admin", "user", "reset", "qiantai1"]) == 0
    assert main(["--db", db_url, "--user", "admin", "user", "list"]) == 0
    assert "qiantai1\t测试clerk\tclerk\t启用、须改密码" in capsys.readouterr().out
    monkeypatch.setenv("CUIJIAO_PASSWORD", "temporary1")  # the clerk must change it before anything else
    assert main(["--db", db_url, "--user", "qiantai1", "db", "check"]) == 1
    assert "密码已被重设" in capsys.readouterr().err
    monkeypatch.setenv("CUIJIAO_NEW_PASSWORD", "my-own-pass")
    assert main(["--db", db_url, "--user", "qiantai1", "user", "passwd"]) == 0
    monkeypatch.setenv("CUIJIAO_PASSWORD", "my-own-pass")
    assert main(["--db", db_url, "--user", "qiantai1", "db", "check"]) == 0
    monkeypatch.setenv("CUIJIAO_PASSWORD", "password1")
    assert main(["--db", db_url, "--user", "admin", "user", "disable", "admin"]) == 1
    assert "不能停用自己的账号" in capsys.readouterr().err
    assert main(["--db", db_url, "--user", "admin", "user", "disable", "qiantai1"]) == 0
    monkeypatch.setenv("CUIJIAO_PASSWORD", "my-own-pass")
    assert main(["--db", db_url, "--user", "qiantai1", "db", "check"]) == 1


def test_a_tampered_audit_row_is_found_by_audit_verify(db_url, engine, session_factory, office, capsys):
    room = make_room_with_bills(session_factory, months=3)
    with session_factory.begin() as s:
        record_payment(s, actor=office["clerk"], room_id=room.room_id, amount_fen=250_00, paid_on=date(2026, 5, 1),
                       method=PaymentMethod.CASH, today=date(2026, 5, 1))
    assert main(["--db", db_url, "--user", "admin", "audit", "verify"]) == 0
    assert "审计日志完好" in capsys.readouterr().out
    with session_factory() as s:
        seq = s.scalar(select(AuditLog.chain_seq).where(AuditLog.action == "payment.record"))
    from tampering import tamper

    tamper(engine, "UPDATE audit_log SET detail = replace(detail, '25000', '2500') WHERE chain_seq = :s", s=seq)
    assert main(["--db", db_url, "--user", "admin", "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert f"审计日志被篡改：第 {seq} 条记录的内容被改动过" in out and "payment.record" in out


def test_a_clerk_cannot_reverse_a_payment_by_any_route(db_kind, db_url, engine, session_factory, office, capsys):
    room = make_room_with_bills(session_factory, months=3)
    clerk = office["clerk"]
    with session_factory.begin() as s:
        receipt = record_payment(s, actor=clerk, room_id=room.room_id, amount_fen=250_00, paid_on=date(2026, 5, 1),
                                 method=PaymentMethod.CASH, today=date(2026, 5, 1))
    # the service, with the clerk's own sign-in, with a forged role, and as the command line's system identity
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        reverse_payment(s, actor=clerk, payment_id=receipt.payment_id, reason="试一试")
    from dataclasses import replace

    from cuijiao_desktop.domain.permissions import ROLE_PERMISSIONS

    forged = replace(clerk, role=Role.ADMIN, permissions=ROLE_PERMISSIONS[Role.ADMIN])
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        reverse_payment(s, actor=forged, payment_id=receipt.payment_id, reason="试一试")
    if db_kind == "postgresql":
        with pytest.raises(AuthenticationFailed), session_factory.begin() as s:
            reverse_payment(s, actor=CLI_USER, payment_id=receipt.payment_id, reason="试一试")
    # the command line has no reversal at all, and its clerk may not restore or upgrade
    with pytest.raises(SystemExit):
        main(["--db", db_url, "--user", "qiantai1", "reverse", str(receipt.payment_id)])
    capsys.readouterr()
    # the database itself refuses to change or delete the payment
    for stmt in ("UPDATE payment SET amount_fen = 1", "DELETE FROM payment"):
        with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
            conn.execute(text(stmt))
    with session_factory() as s:
        assert s.scalar(select(Payment.amount_fen)) == 250_00
        assert s.scalars(select(Payment.kind)).all() == ["payment"]
    assert current_revision(engine) == head_revision()


def test_an_older_schema_is_upgraded_only_after_the_password_was_checked(db_kind, db_url, engine, capsys,
                                                                        monkeypatch):
    from alembic import command
    from pgdb import forget_pg_schema

    from cuijiao_desktop.db.migrate import alembic_config
    from cuijiao_desktop.services.passwords import hash_password

    command.downgrade(alembic_config(engine), "0004")
    try:
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO app_user (username, display_name, role, password_hash, active, failed_logins, created_at,"
                " version) VALUES ('admin', '管理员', 'admin', :h, :t, 0, CURRENT_TIMESTAMP, 1)"),
                {"h": hash_password("right-pass"), "t": True})
        if db_kind == "postgresql":
            assert main(["--db", db_url, "db", "upgrade"]) == 1
            assert capsys.readouterr().err.strip() == USER_REQUIRED
        monkeypatch.setenv("CUIJIAO_PASSWORD", "wrong-pass")
        assert main(["--db", db_url, "--user", "admin", "db", "upgrade"]) == 1
        assert capsys.readouterr().err.startswith("错误：用户名或密码错误。")
        assert current_revision(engine) == "0004"  # nothing was done
        monkeypatch.setenv("CUIJIAO_PASSWORD", "right-pass")
        assert main(["--db", db_url, "--user", "admin", "db", "upgrade"]) == 0
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            actions = conn.execute(select(AuditLog.action).order_by(AuditLog.chain_seq)).scalars().all()
        assert actions == ["user.login", "db.upgrade", "user.logout"]  # signed in after the upgrade
    finally:
        forget_pg_schema()
