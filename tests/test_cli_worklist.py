"""``cuijiao worklist`` on the demo office: each kind of work the demo holds, as text, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest

from cuijiao_desktop.cli import main
from cuijiao_desktop.services.worklist import KIND_ORDER, WORK_KIND_ZH

TODAY = "2026-11-16"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('wl') / 'demo.sqlite3'}"
    assert main(["--db", url, "demo", "--rooms", "600", "--months", "36", "--today", TODAY]) == 0
    return url


def test_a_collectors_list_on_the_demo_has_every_kind(demo_url, capsys):
    capsys.readouterr()
    assert main(["--db", demo_url, "worklist", "--user", "cuishou1", "--date", TODAY]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"今日工作 {TODAY} · 刘建国 · 共 ")
    for kind in KIND_ORDER:  # the demo holds every kind, and the collector's list shows each
        assert f"【{WORK_KIND_ZH[kind]}】" in out, kind

    assert main(["--db", demo_url, "worklist", "--user", "cuishou1", "--date", TODAY, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["user"] == "刘建国" and data["scope"] == "own"
    assert all(data["counts"][k.value] > 0 for k in KIND_ORDER)
    assert len(data["items"]) == sum(data["counts"].values())
    assert all(isinstance(i["amount_fen"], int) for i in data["items"])
    assert {i["responsible"] for i in data["items"] if i["kind"] != "issue"} == {"刘建国"}

    assert main(["--db", demo_url, "worklist", "--user", "cuishou1", "--date", TODAY, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:3] == ["类型", "日期", "小区"] and len(rows) == len(data["items"]) + 1


def test_office_and_finance_lists(demo_url, capsys):
    capsys.readouterr()
    assert main(["--db", demo_url, "worklist", "--date", TODAY, "--format", "json"]) == 0
    office = json.loads(capsys.readouterr().out)
    assert office["scope"] == "office" and office["user"] == ""
    assert main(["--db", demo_url, "worklist", "--user", "caiwu", "--date", TODAY, "--format", "json"]) == 0
    finance = json.loads(capsys.readouterr().out)
    assert {i["kind"] for i in finance["items"]} == {"limitation"}
    assert finance["counts"]["limitation"] == office["counts"]["limitation"] > 0
    assert main(["--db", demo_url, "worklist", "--user", "nobody", "--date", TODAY]) == 1
    assert capsys.readouterr().err.strip() == "错误：没有这个用户。"
