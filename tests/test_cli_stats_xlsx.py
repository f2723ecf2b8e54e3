"""``cuijiao stats --month YYYY-MM --out FILE.xlsx``: the workbook of the hand-built ledger, read back."""

from __future__ import annotations

import json

import openpyxl
import pytest
from sqlalchemy import select
from stats_ledger import EXPECTED, build_stats_ledger

from cuijiao_desktop.cli import main
from cuijiao_desktop.db.models import AuditLog
from cuijiao_desktop.reports.stats_xlsx import SHEETS

pytestmark = pytest.mark.both_engines


def test_stats_out_writes_the_workbook(db_url, db_kind, session_factory, capsys, monkeypatch, tmp_path):
    build_stats_ledger(session_factory)
    monkeypatch.setenv("CUIJIAO_PASSWORD", "password1")
    # the workbook holds owners' names and phones: finance may export it (on SQLite the command line's user)
    who = ["--db", db_url] if db_kind == "sqlite" else ["--db", db_url, "--user", "stats_finance"]
    folder = tmp_path / "报表"
    folder.mkdir()
    out = folder / "三月 统计.xlsx"
    assert main([*who, "stats", "--month", "2026-03", "--estate", "锦绣", "--out", str(out)]) == 0
    assert f"已写出 2026-03 统计工作簿：{out}" in capsys.readouterr().out
    assert sorted(p.name for p in folder.iterdir()) == ["三月 统计.xlsx"]  # no temporary file left
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == list(SHEETS)
    ws = wb["汇总"]
    assert ws["A1"].value == "锦程物业服务中心 物业费收缴月报 2026年03月　汇总"  # the office's name
    assert ws["A2"].value.startswith("范围：锦绣　数据截至 2026-03-31")
    totals = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "合计")
    estate = EXPECTED["by_estate"]["锦绣"]
    assert totals[2] == estate["households"]
    assert [round(v * 100) for v in totals[3:10]] == [
        estate["billed_fen"], estate["collected_fen"], estate["recovered_fen"], estate["prepaid_fen"],
        estate["opening_arrears_fen"], estate["other_reductions_fen"], estate["closing_arrears_fen"]]
    detail_rooms = [r[2] for r in wb["欠费明细"].iter_rows(min_row=4, values_only=True) if r[2]]
    assert sorted(detail_rooms) == sorted(d[0] for d in EXPECTED["details"] if d[1].startswith("锦绣"))
    with session_factory() as s:  # the audit row names the month, the estate and the as-of day
        detail = json.loads(s.scalars(select(AuditLog.detail).where(AuditLog.action == "export.stats")).one())
    assert (detail["month"], detail["estate"], detail["as_of"], detail["file"]) == (
        "2026-03", "锦绣", "2026-03-31", "三月 统计.xlsx")
