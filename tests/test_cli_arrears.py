"""``cuijiao arrears refresh|status`` and the arrears cache in ``cuijiao db check`` (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from factories import make_room_with_bills
from sqlalchemy import update

from cuijiao_desktop.cli import main
from cuijiao_desktop.db.models import ArrearsCache

pytestmark = pytest.mark.both_engines


def test_refresh_status_and_check(db_url, session_factory, capsys):
    room = make_room_with_bills(session_factory, months=6)  # 2026-01..06, 250.00 each
    make_room_with_bills(session_factory, months=2, code="3-2-1501")
    assert main(["--db", db_url, "arrears", "status"]) == 0
    assert "欠费汇总尚未建立" in capsys.readouterr().out

    assert main(["--db", db_url, "arrears", "refresh", "--today", "2026-05-01"]) == 0
    assert "欠费汇总已更新到 2026-05-01：全部重算，2 户" in capsys.readouterr().out
    assert main(["--db", db_url, "arrears", "status"]) == 0
    assert "欠费汇总对应日期：2026-05-01，欠费 2 户，有变动待重算 0 户" in capsys.readouterr().out
    assert main(["--db", db_url, "arrears", "refresh", "--today", "2026-05-01"]) == 0
    assert "重算有变动的房间，0 户" in capsys.readouterr().out

    assert main(["--db", db_url, "db", "check"]) == 0
    assert "账目一致" in capsys.readouterr().out

    with session_factory.begin() as s:  # damage the cache behind the triggers' back
        s.execute(update(ArrearsCache).where(ArrearsCache.room_id == room.room_id).values(total_fen=100))
    assert main(["--db", db_url, "db", "check"]) == 1
    out = capsys.readouterr().out
    assert "欠费缓存与账目不符：房间 3-2-1502（2026-05-01）欠费：缓存 ¥1.00，应为 ¥1,000.00" in out
    assert "发现 1 处不一致" in out

    assert main(["--db", db_url, "arrears", "refresh", "--today", "2026-05-01", "--full"]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "db", "check"]) == 0
