"""The command line on real SQLite files: version, upgrade, users, backup, check, clear errors."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from factories import make_room_with_bills
from sqlalchemy import select

from cuijiao_desktop import __version__
from cuijiao_desktop.cli import main
from cuijiao_desktop.db.engine import make_engine, make_session_factory
from cuijiao_desktop.db.migrate import head_revision
from cuijiao_desktop.db.models import AuditLog


def test_version_in_a_real_process():
    out = subprocess.run([sys.executable, "-m", "cuijiao_desktop.cli", "--version"], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == f"cuijiao {__version__}"


def test_upgrade_status_and_backup(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    assert main(["--db", url, "db", "upgrade"]) == 0
    assert main(["--db", url, "db", "status"]) == 0
    assert f"结构版本：{head_revision()}" in capsys.readouterr().out
    out = tmp_path / "bk.sqlite3"
    assert main(["--db", url, "backup", "--out", str(out)]) == 0
    with sqlite3.connect(out) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.sqlite_only  # on PostgreSQL the system identity acts only while there are no users (test_cli_security)
def test_users_are_added_as_the_cli_system_user_and_audited(db_url, monkeypatch, capsys):
    monkeypatch.setenv("CUIJIAO_NEW_PASSWORD", "qiantai-pass")
    assert main(["--db", db_url, "user", "add", "qiantai1", "--name", "小王", "--role", "clerk"]) == 1
    assert "第一个账号必须是管理员" in capsys.readouterr().err
    assert main(["--db", db_url, "user", "add", "admin", "--name", "管理员", "--role", "admin"]) == 0
    assert main(["--db", db_url, "user", "add", "qiantai1", "--name", "小王", "--role", "clerk"]) == 0
    assert main(["--db", db_url, "user", "list"]) == 0
    assert "qiantai1\t小王\tclerk" in capsys.readouterr().out
    engine = make_engine(db_url)
    with make_session_factory(engine)() as s:
        rows = s.scalars(select(AuditLog).where(AuditLog.action == "user.create")).all()
    engine.dispose()
    assert [r.username for r in rows] == ["cli", "cli"]


def test_user_flag_needs_the_right_password(db_url, monkeypatch, capsys):
    monkeypatch.setenv("CUIJIAO_NEW_PASSWORD", "qiantai-pass")
    assert main(["--db", db_url, "user", "add", "admin", "--name", "管理员", "--role", "admin"]) == 0
    monkeypatch.setenv("CUIJIAO_PASSWORD", "qiantai-pass")  # the administrator's (on PostgreSQL --user is required)
    assert main(["--db", db_url, "--user", "admin", "user", "add", "qiantai1", "--name", "小王", "--role", "clerk"]) == 0
    monkeypatch.setenv("CUIJIAO_NEW_PASSWORD", "qiantai-own1")  # set by the admin: changed at the first log-in
    assert main(["--db", db_url, "--user", "qiantai1", "user", "passwd"]) == 0
    monkeypatch.setenv("CUIJIAO_PASSWORD", "qiantai-own1")
    monkeypatch.setenv("CUIJIAO_NEW_PASSWORD", "qiantai-pass")
    assert main(["--db", db_url, "--user", "qiantai1", "user", "passwd"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("CUIJIAO_PASSWORD", "wrong-pass")
    assert main(["--db", db_url, "--user", "qiantai1", "user", "list"]) == 1
    assert capsys.readouterr().err.strip() == "错误：用户名或密码错误。"
    monkeypatch.setenv("CUIJIAO_PASSWORD", "qiantai-pass")  # a clerk may not add users
    assert main(["--db", db_url, "--user", "qiantai1", "user", "add", "x1", "--name", "X", "--role", "admin"]) == 1
    assert "无权" in capsys.readouterr().err


def test_check_reports_balanced_books(db_url, session_factory, capsys):
    make_room_with_bills(session_factory, months=2)
    assert main(["--db", db_url, "db", "check"]) == 0
    assert "账目一致" in capsys.readouterr().out


def test_errors_are_one_line_and_non_zero(tmp_path, capsys):
    assert main(["--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "db", "status"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误：无法使用数据库或文件") and "\n" not in err
    missing = f"sqlite:///{tmp_path / 'nope.sqlite3'}"
    assert main(["--db", missing, "backup", "--out", str(tmp_path / "x.sqlite3")]) == 1
    assert "nope.sqlite3 不存在" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2


def test_demo_fills_an_empty_database_once(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    args = ["--db", url, "demo", "--rooms", "40", "--months", "6", "--seed", "3", "--today", "2026-11-23"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "演示数据已生成" in out and "rooms=40" in out and "demo1234" in out
    assert main(args) == 1
    assert capsys.readouterr().err.strip() == "错误：数据库中已有房屋数据，演示数据只能写入空数据库。"
    assert main(["--db", url, "db", "check"]) == 0
