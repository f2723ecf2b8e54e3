"""``cuijiao cases`` on the demo office: sync by the rule, the list of one collector, the split."""

from __future__ import annotations

import csv
import io

import pytest

from cuijiao_desktop.cli import main

TODAY = "2026-11-16"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('cases') / 'demo.sqlite3'}"
    assert main(["--db", url, "demo", "--rooms", "300", "--months", "24", "--today", TODAY]) == 0
    return url


def test_the_demo_is_in_step_with_the_rule(demo_url, capsys):
    capsys.readouterr()
    assert main(["--db", demo_url, "cases", "sync", "--date", TODAY]) == 0
    out = capsys.readouterr().out
    # the demo opened and closed its cases by the same rule and stored the engine's positions
    assert out.startswith(f"案件已更新（{TODAY}）：立案 0 个，结案 0 个，阶段或下一步日期变化 0 个")


def test_list_one_collectors_cases_as_csv(demo_url, capsys):
    capsys.readouterr()
    assert main(["--db", demo_url, "cases", "list", "--date", TODAY, "--collector", "cuishou1",
                 "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:3] == ["小区", "房号", "业主"] and len(rows) > 5
    assert {r[9] for r in rows[1:]} == {"刘建国"}


def test_split_previews_then_applies(demo_url, capsys):
    capsys.readouterr()
    args = ["--db", demo_url, "cases", "split", "--collectors", "cuishou1,cuishou2", "--by", "amount", "--all",
            "--date", TODAY]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "按金额均衡分配" in out and "加 --apply 写入" in out
    assert main([*args, "--apply"]) == 0
    assert "已写入" in capsys.readouterr().out
    assert main(["--db", demo_url, "cases", "list", "--date", TODAY, "--collector", "cuishou3",
                 "--format", "csv"]) == 0
    assert len(list(csv.reader(io.StringIO(capsys.readouterr().out)))) == 1  # only the header: nothing left
    assert main(["--db", demo_url, "cases", "split", "--collectors", "nobody", "--date", TODAY]) != 0
