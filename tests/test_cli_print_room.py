"""``cuijiao notices`` and ``cuijiao board`` (and statement, dossier) on a demo database."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from sqlalchemy import func, select

from cuijiao_desktop.cli import main
from cuijiao_desktop.db.engine import make_engine, make_session_factory
from cuijiao_desktop.db.models import AuditLog, Contact, Notice, Person

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    url = f"sqlite:///{path}"
    assert main(["--db", url, "demo", "--rooms", "300", "--months", "24", "--seed", "5", "--today", "2026-11-23"]) == 0
    return url


def _count(url: str) -> int:
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as s:
            return s.scalar(select(func.count()).select_from(Notice))
    finally:
        engine.dispose()


def test_notices_for_building_one(demo_db, tmp_path, capsys):
    before = _count(demo_db)
    out = tmp_path / "n.pdf"
    assert main(["--db", demo_db, "notices", "--building", "1", "--out", str(out), "--dry-run",
                 "--today", "2026-11-23"]) == 0
    dry = capsys.readouterr().out
    assert "试运行：未登记" in dry and not out.exists() and _count(demo_db) == before
    assert main(["--db", demo_db, "notices", "--building", "1", "--out", str(out), "--today", "2026-11-23"]) == 0
    said = capsys.readouterr().out
    issued = _count(demo_db) - before
    m = re.search(r"已登记催缴通知 (\d+) 份", said)
    assert m and int(m.group(1)) == issued > 0
    assert f"已写入 {issued} 页：{out}" in said and re.search(r"编号 TZ202611\d{6} 至 TZ202611\d{6}", said)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert f"Pages:           {issued}" in info
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("TZ202611") >= issued


def test_arrears_board_for_building_one(demo_db, tmp_path, capsys):
    out = tmp_path / "b.pdf"
    assert main(["--db", demo_db, "board", "--kind", "arrears", "--building", "1", "--out", str(out),
                 "--today", "2026-11-23"]) == 0
    said = capsys.readouterr().out
    assert "已生成欠费公示" in said and "不显示姓名" in said and "审计" in said
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                             check=True).stdout)
    engine = make_engine(demo_db)
    with make_session_factory(engine)() as s:
        names = s.scalars(select(Person.name)).all()
        phones = s.scalars(select(Contact.value).where(Contact.kind.in_(["mobile", "landline"]))).all()
        printed = s.scalars(select(AuditLog).where(AuditLog.action == "board.print")).all()
    engine.dispose()
    assert not [n for n in names if len(n) >= 2 and n in text]
    assert phones and not [p for p in phones if re.sub(r"\D", "", p) in text]
    assert "数据截至" in text and "已缴请忽略" in text and len(printed) == 1


def test_statement_dossier_and_bad_input(demo_db, tmp_path, capsys):
    assert main(["--db", demo_db, "notices", "--building", "99", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "99" in capsys.readouterr().err
    assert main(["--db", demo_db, "notices", "--out", str(tmp_path / "x.txt")]) == 2
    engine = make_engine(demo_db)
    with make_session_factory(engine)() as s:
        room = s.scalar(select(Notice.room_id).order_by(Notice.level.desc()))
        from cuijiao_desktop.db.models import Estate, Room

        code, estate = s.execute(select(Room.code, Estate.name).join(Estate, Estate.id == Room.estate_id)
                                 .where(Room.id == room)).one()
    engine.dispose()
    assert main(["--db", demo_db, "dossier", code, "--estate", estate, "--out", str(tmp_path / "d.pdf"),
                 "--today", "2026-11-23"]) == 0
    assert main(["--db", demo_db, "statement", code, "--estate", estate, "--from", "2026-01",
                 "--out", str(tmp_path / "s.pdf"), "--today", "2026-11-23"]) == 0
    said = capsys.readouterr().out
    assert "律师函草稿" in said and "对账单" in said
    assert (tmp_path / "d.pdf").stat().st_size > 5000 and (tmp_path / "s.pdf").stat().st_size > 3000
