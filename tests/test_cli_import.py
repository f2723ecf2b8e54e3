"""`cuijiao import` / `cuijiao export`: exit codes, reports, round trip, and a SIGKILL half-way through."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
from sqlalchemy import func, select

from cuijiao_desktop.cli import main
from cuijiao_desktop.db import models as m
from cuijiao_desktop.db.engine import make_engine, make_session_factory

ROOT = Path(__file__).resolve().parents[1]


def _roster(path: Path, rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["XX花园业主名册"])
    ws.append(["楼栋", "单元", "房号", "业主", "电话", "面积"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


GOOD = [["1栋", "1单元", "101", "张三", "13800138000", 90], ["1栋", "1单元", "102", "李四", "13900139000", 88.5]]
BAD = [*GOOD, ["1栋", "1单元", "103", "王五", "123", 0]]


def _count(db_url: str, model) -> int:
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as s:
            return s.scalar(select(func.count()).select_from(model))
    finally:
        engine.dispose()


def test_all_rows_taken_exits_0_and_reimport_changes_nothing(db_url, tmp_path, capsys):
    path = _roster(tmp_path / "名册.xlsx", GOOD)
    assert main(["--db", db_url, "import", "rooms", str(path)]) == 0
    out = capsys.readouterr().out
    assert "房屋与业主 已导入：名册.xlsx［Sheet］→ 本小区（新建）" in out
    assert "新增 2，更新 0，未变 0，拒绝 0，跳过 0" in out
    assert main(["--db", db_url, "import", "rooms", str(path)]) == 0
    assert "新增 0，更新 0，未变 2，拒绝 0" in capsys.readouterr().out
    assert _count(db_url, m.Room) == 2


def test_rejections_exit_3_and_commit_nothing_unless_accepted(db_url, tmp_path, capsys):
    path = _roster(tmp_path / "名册.xlsx", BAD)
    report = tmp_path / "rejected.xlsx"
    assert main(["--db", db_url, "import", "rooms", str(path), "--report", str(report)]) == 3
    out = capsys.readouterr().out
    assert "第 5 行：面积必须大于0：“0”；电话号码无效：“123”" in out
    assert "未导入任何数据" in out
    assert _count(db_url, m.Room) == 0
    ws = openpyxl.load_workbook(report).active
    assert [c.value for c in ws[3]] == ["行号", "拒绝原因", "楼栋", "单元", "房号", "业主", "电话", "面积"]
    assert [c.value for c in ws[4]] == [5, "面积必须大于0：“0”；电话号码无效：“123”", "1栋", "1单元", "103", "王五",
                                        "123", "0"]
    assert main(["--db", db_url, "import", "rooms", str(path), "--dry-run", "--accept-valid"]) == 3
    assert _count(db_url, m.Room) == 0
    assert main(["--db", db_url, "import", "rooms", str(path), "--accept-valid"]) == 3
    assert "已导入" in capsys.readouterr().out
    assert _count(db_url, m.Room) == 2


def test_unreadable_input_exits_2(db_url, tmp_path, capsys):
    assert main(["--db", db_url, "import", "rooms", str(tmp_path / "missing.xlsx")]) == 2
    noheader = tmp_path / "x.csv"
    noheader.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["--db", db_url, "import", "rooms", str(noheader)]) == 2
    assert capsys.readouterr().err.count("错误") == 2


def test_export_rooms_round_trip_and_arrears(db_url, tmp_path, capsys):
    path = _roster(tmp_path / "名册.xlsx", GOOD)
    assert main(["--db", db_url, "import", "rooms", str(path)]) == 0
    for suffix in (".xlsx", ".csv"):
        out = tmp_path / f"export{suffix}"
        assert main(["--db", db_url, "export", "rooms", str(out)]) == 0
        assert main(["--db", db_url, "import", "rooms", str(out)]) == 0
        assert "新增 0，更新 0，未变 2，拒绝 0" in capsys.readouterr().out
    arrears = tmp_path / "欠费.xlsx"
    assert main(["--db", db_url, "export", "arrears", str(arrears)]) == 0
    ws = openpyxl.load_workbook(arrears).active
    assert ws["A1"].value == "欠费明细" and ws["A3"].value == "小区"
    arrears_csv = tmp_path / "欠费.csv"
    assert main(["--db", db_url, "export", "arrears", str(arrears_csv)]) == 0
    header = arrears_csv.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("小区,楼栋,单元,房号,业主,电话,欠费,欠费月数,最早欠费期间,账龄1个月")
    assert main(["--db", db_url, "export", "rooms", str(tmp_path / "x.pdf")]) == 2


def test_payments_method_option(db_url, tmp_path, capsys):
    _roster(tmp_path / "r.xlsx", GOOD)
    assert main(["--db", db_url, "import", "rooms", str(tmp_path / "r.xlsx")]) == 0
    pays = tmp_path / "bank.csv"
    pays.write_bytes("房号,扣款日期,扣款金额,流水号\n1-1-101,2026-01-05,300.00,B1\n".encode("gbk"))
    assert main(["--db", db_url, "import", "payments", str(pays), "--today", "2026-02-01"]) == 3
    assert "缺少缴费方式" in capsys.readouterr().out
    assert main(["--db", db_url, "import", "payments", str(pays), "--method", "托收", "--today", "2026-02-01"]) == 0
    assert main(["--db", db_url, "import", "payments", str(pays), "--method", "托收", "--today", "2026-02-01"]) == 0
    assert "未变 1" in capsys.readouterr().out
    assert _count(db_url, m.Payment) == 1
    assert main(["--db", db_url, "import", "payments", str(pays), "--method", "飞鸽"]) == 1


def test_sigkill_half_way_leaves_nothing(db_url, tmp_path):
    """A large import killed while writing: the file is intact and holds nothing of the import."""
    big = tmp_path / "big.csv"
    lines = ["楼栋,单元,房号,业主,电话,面积"]
    for i in range(25_000):
        lines.append(f"{i // 400 + 1}栋,{i % 4 + 1}单元,{(i // 4) % 100 + 1:d}{i % 4 + 1:02d},业主{chr(0x4e00 + i % 2000)},"
                     f"1{3 + i % 7}{i:09d},{80 + i % 50}.5")
    big.write_text("\n".join(lines), encoding="utf-8")
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    killed_at = None
    with subprocess.Popen(
        [sys.executable, "-m", "cuijiao_desktop.cli", "--db", db_url, "import", "rooms", str(big)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    ) as proc:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith("写入") and not line.startswith("写入：检查"):
                killed_at = line.strip()
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait(timeout=60)
    assert killed_at is not None, "the import finished before it could be killed"
    assert proc.returncode == -signal.SIGKILL
    if db_url.startswith("sqlite"):
        with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    for model in (m.Estate, m.Room, m.Person, m.Contact, m.RoomPerson, m.AuditLog):
        assert _count(db_url, model) == 0, (model.__tablename__, killed_at)


def test_export_of_a_lived_in_office_imports_back_unchanged(db_url, tmp_path, capsys, monkeypatch):
    """Demo rooms (notes with Chinese punctuation, tenants, shops without units) survive export → import."""
    from datetime import date

    from cuijiao_desktop.services.demo import build_demo

    engine = make_engine(db_url)
    try:
        build_demo(engine, rooms=300, months=6, seed=3, today=date(2026, 11, 23))
        with make_session_factory(engine)() as s:
            estates = s.scalars(select(m.Estate.name)).all()
            assert s.scalar(select(func.count()).select_from(m.Room).where(m.Room.note.contains("，")))
    finally:
        engine.dispose()
    monkeypatch.setenv("CUIJIAO_PASSWORD", "demo1234")  # the demo has users: sign in as its administrator
    db_url = [db_url, "--user", "admin"]  # type: ignore[assignment]
    assert main(["--db", *db_url, "export", "rooms", str(tmp_path / "all.xlsx")]) == 1
    assert "请选择要导出的小区" in capsys.readouterr().err
    for estate in estates:
        for suffix in (".xlsx", ".csv"):
            out = tmp_path / f"{estate}{suffix}"
            assert main(["--db", *db_url, "export", "rooms", str(out), "--estate", estate]) == 0
            capsys.readouterr()
            assert main(["--db", *db_url, "import", "rooms", str(out), "--estate", estate, "--dry-run"]) == 0
            assert "新增 0，更新 0，" in capsys.readouterr().out
