"""Revision 0011: the ladder's waits and minimums; instalments no longer store what was paid."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, text

from cuijiao_desktop.db.engine import make_engine, sqlite_url
from cuijiao_desktop.db.migrate import alembic_config, current_revision, head_revision
from cuijiao_desktop.domain.ladder import DEFAULT_LADDER

_OLD_DEFAULT = [
    (1, 1, '缴费提醒', -5, 'sms', 0), (2, 1, '到期提醒', 0, 'sms', 0), (3, 2, '电话催缴', 2, 'phone', 0),
    (4, 3, '书面催缴通知书', 15, 'letter', 0), (5, 4, '上门催缴', 30, 'visit', 0), (6, 5, '欠费公示', 60, 'notice', 0),
    (7, 6, '业委会督促', 90, 'visit', 0), (8, 7, '律师函', 366, 'registered_letter', 500000),
    (9, 8, '起诉/仲裁', 450, 'registered_letter', 0), (10, 9, '坏账核销', 1095, 'letter', 0),
]


def _ladder_at_0004(eng: Engine, rows) -> list[tuple]:
    command.upgrade(alembic_config(eng), "0004")
    with eng.begin() as conn:
        for seq, stage, name, days, channel, amount in rows:
            conn.execute(text(
                "INSERT INTO ladder_step (seq, stage, name, days_after_due, channel, min_amount_fen, active, note,"
                " version) VALUES (:seq, :stage, :name, :days, :channel, :amount, :active, '', 1)"),
                {"seq": seq, "stage": stage, "name": name, "days": days, "channel": channel, "amount": amount,
                 "active": True})
    command.upgrade(alembic_config(eng), "head")
    assert current_revision(eng) == head_revision()
    with eng.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT seq, name, wait_days, min_amount_fen, min_months FROM ladder_step ORDER BY seq"))]


def _check(eng: Engine) -> None:
    got = _ladder_at_0004(eng, _OLD_DEFAULT)
    assert got == [(s.seq, s.name_zh, s.wait_days, s.min_amount_fen, s.min_months) for s in DEFAULT_LADDER]


def _check_edited(eng: Engine) -> None:
    edited = [(1, 2, '电话催缴', 3, 'phone', 0), (2, 3, '书面催缴通知书', 20, 'letter', 0),
              (3, 7, '律师函', 200, 'registered_letter', 300000)]
    got = _ladder_at_0004(eng, edited)
    assert got == [(1, '电话催缴', 3, 0, 0), (2, '书面催缴通知书', 17, 0, 0), (3, '律师函', 180, 300000, 0)]
    with eng.connect() as conn:
        columns = {r[1] for r in conn.execute(text("PRAGMA table_info(instalment)"))} \
            if eng.dialect.name == "sqlite" else set(conn.execute(text(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'instalment'")).scalars())
    assert "paid_fen" not in columns and "amount_fen" in columns


@pytest.mark.parametrize("check", [_check, _check_edited])
def test_sqlite_0011_converts_the_ladder(tmp_path: Path, check) -> None:
    eng = make_engine(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        check(eng)
    finally:
        eng.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("check", [_check, _check_edited])
def test_postgresql_0011_converts_the_ladder(pg_url: str, check) -> None:
    eng = make_engine(pg_url)
    try:
        check(eng)
    finally:
        eng.dispose()
