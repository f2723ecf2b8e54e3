"""``cuijiao stats``: the JSON figures of the hand-built ledger, errors in Chinese, close and reopen.

Each sign-in verifies an argon2 hash (~0.3 s): on SQLite the reads run as the command line's own
user, and only the commands about permissions sign in."""

from __future__ import annotations

import json

import pytest
from stats_ledger import A1, A2, B5, EXPECTED, build_stats_ledger

from cuijiao_desktop.cli import main
from cuijiao_desktop.cli.common import EXIT_IO, EXIT_RULE

pytestmark = pytest.mark.both_engines


def test_stats_json_close_and_reopen(db_url, db_kind, session_factory, capsys, monkeypatch):
    build_stats_ledger(session_factory)
    monkeypatch.setenv("CUIJIAO_PASSWORD", "password1")
    finance = ["--db", db_url, "--user", "stats_finance"]
    collector = ["--db", db_url, "--user", "stats_c1"]
    reader = ["--db", db_url] if db_kind == "sqlite" else collector

    assert main([*reader, "stats", "--month", "2026-03", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('{\n  "month": "2026-03",\n  "as_of": "2026-03-31",')  # indent 2
    assert '"锦绣 1栋"' in out  # not escaped
    data = json.loads(out)
    assert list(data["by_building"]) == [A1, A2, B5]
    assert data["total"]["期末欠费"] == EXPECTED["total"]["closing_arrears_fen"] == 40500
    assert data["total"]["收缴率_金额"] == 0.372549 and data["ageing_fen"] == EXPECTED["ageing_fen"]
    assert all(type(v) is int for k, v in data["by_building"][A1].items() if not k.startswith("收缴率"))

    assert main([*reader, "stats", "--month", "2026-03", "--as-of", "2026-04-30", "--estate", "翠湖"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2026-04-30" and list(data["by_building"]) == [B5]

    # mistakes: the arguments are checked before anyone signs in
    for argv, words in ((["--month", "2026-13"], "“2026-13”不是月份，请写成 2026-03"),
                        (["--month", "2026-03", "--out", "x.csv"], "只能写成 .xlsx"),
                        (["--as-of", "31.3.2026"], "“31.3.2026”不是日期")):
        with pytest.raises(SystemExit) as exit_:
            main(["--db", db_url, "stats", *argv])
        assert exit_.value.code == EXIT_IO and words in capsys.readouterr().err
    if db_kind == "sqlite":
        # the current month is seen as of the office's today, never a day to come
        from datetime import timedelta

        from cuijiao_desktop.domain.office_time import office_today

        today = office_today()
        assert main([*reader, "stats", "--month", today.strftime("%Y-%m")]) == 0
        assert json.loads(capsys.readouterr().out)["as_of"] == today.isoformat()
        tomorrow = (today + timedelta(days=1)).isoformat()
        assert main([*reader, "stats", "--month", "2026-03", "--as-of", tomorrow]) == EXIT_RULE
        assert f"{tomorrow}" in (err := capsys.readouterr().err) and "尚未到来" in err
        assert main([*reader, "stats", "--format", "json"]) == EXIT_IO
        assert "缺少 --month" in capsys.readouterr().err
        assert main([*reader, "stats", "--month", "2026-03", "--estate", "无此小区"]) == EXIT_RULE
        assert "没有名为 无此小区 的小区" in capsys.readouterr().err

    assert main([*collector, "stats", "close", "--month", "2026-03"]) == EXIT_RULE
    assert capsys.readouterr().err.startswith("错误：")
    assert main([*finance, "stats", "close", "--month", "2026-03"]) == 0
    assert "2026-03 已月结：当月应收 ¥510.00，当月实收 ¥190.00，期末欠费 ¥405.00" in capsys.readouterr().out
    assert main([*reader, "stats", "--month", "2026-03"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["total"]["当月实收"] == 19000 and "已月结：财务" in captured.err
    assert main([*finance, "stats", "reopen", "--month", "2026-03", "--reason", "补录"]) == 0
    assert "2026-03 已反月结，原因：补录" in capsys.readouterr().out
