"""``cuijiao export calls|visits|notices|sms`` on a small demo database."""

from __future__ import annotations

import csv
from datetime import date

import openpyxl
import pytest
from sqlalchemy import select

from cuijiao_desktop.cli import main
from cuijiao_desktop.db.engine import make_engine, make_session_factory
from cuijiao_desktop.db.models import AuditLog

TODAY = "2026-11-23"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    url = f"sqlite:///{path}"
    assert main(["--db", url, "demo", "--rooms", "80", "--months", "12", "--seed", "7", "--today", TODAY]) == 0
    return url


def _audit(url: str) -> list[str]:
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as s:
            return list(s.scalars(select(AuditLog.action).where(AuditLog.action.like("export.%")).order_by(AuditLog.id)))
    finally:
        engine.dispose()


def test_export_calls_visits_and_notices(demo_db, tmp_path, capsys):
    visits, notices, calls = tmp_path / "v.xlsx", tmp_path / "n.csv", tmp_path / "c.xlsx"
    assert main(["--db", demo_db, "export", "visits", "--status", "done", "--out", str(visits)]) == 0
    assert main(["--db", demo_db, "export", "notices", "--delivery", "unproven", "--out", str(notices)]) == 0
    assert main(["--db", demo_db, "export", "calls", "--from", "2026-11-01", "--out", str(calls), "--today", TODAY]) == 0
    said = capsys.readouterr().out
    ws = openpyxl.load_workbook(visits).active
    header = [c.value for c in ws[3]]
    assert header[:4] == ["上门日期", "时间段", "小组", "状态"] and ws.max_row > 3
    column = {title: [ws.cell(row=r, column=header.index(title) + 1).value for r in range(4, ws.max_row + 1)]
              for title in ("状态", "结果", "上门人员")}
    assert set(column["状态"]) == {"已上门"} and "无人在家" not in column["结果"] and all(column["结果"])
    assert all("（" in staff for staff in column["上门人员"])  # each with their duty in Chinese
    assert f"已导出上门记录 {ws.max_row - 3} 条" in said
    with notices.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "编号" and len(rows) > 1 and {r[rows[0].index("送达状态")] for r in rows[1:]} == {"已送达（无凭证）"}
    assert f"已导出通知 {len(rows) - 1} 份" in said and "已导出催缴记录" in said and calls.exists()
    assert _audit(demo_db)[-3:] == ["export.visits", "export.notices", "export.contact_log"]
    # the older exports keep their shape in the same group
    assert main(["--db", demo_db, "export", "arrears", str(tmp_path / "a.csv"), "--today", TODAY]) == 0
    assert main(["--db", demo_db, "export", "visits", "--out", str(tmp_path / "v.pdf")]) == 2
    failed = tmp_path / "failed.csv"  # nobody at home: a visit of its own status
    assert main(["--db", demo_db, "export", "visits", "--status", "failed", "--out", str(failed)]) == 0
    with failed.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) > 1 and {(r[rows[0].index("状态")], r[rows[0].index("结果")]) for r in rows[1:]} == {
        ("上门未遇", "无人在家")}


def test_export_sms_from_a_template_file(demo_db, tmp_path, capsys, monkeypatch):
    template = tmp_path / "sms.txt"
    template.write_text("{称呼}：您在{小区}{房号}尚欠物业费{欠费金额}，请于{缴费期限}前缴纳。\n", encoding="utf-8-sig")
    out = tmp_path / "sms.csv"
    assert main(["--db", demo_db, "export", "sms", "--template", str(template), "--min-months", "3",
                 "--due", "2026-12-01", "--out", str(out), "--today", TODAY]) == 0
    said = capsys.readouterr().out
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["手机号码", "短信内容"] and len(rows) > 1
    for phone, text in rows[1:]:
        assert len(phone) == 11 and phone.startswith("1") and phone.isdigit()
        assert "先生/女士：" in text or text.startswith("业主：")
        assert "2026年12月1日" in text and "*" in text  # the room is masked
    assert f"已写入短信 {len(rows) - 1} 条" in said and "请勿在 21:00–08:00 发送" in said
    assert _audit(demo_db)[-1] == "export.sms"

    default = tmp_path / "default.csv"  # no wording given: the office's template
    assert main(["--db", demo_db, "export", "sms", "--min-months", "3", "--out", str(default), "--today", TODAY]) == 0
    assert "如已缴请忽略" in capsys.readouterr().out
    # without --today the office's date is "today" (not the machine's): the pay-by date is a week after it
    import cuijiao_desktop.cli.exports as cli_exports

    monkeypatch.setattr(cli_exports, "office_today", lambda: date.fromisoformat(TODAY))
    assert main(["--db", demo_db, "export", "sms", "--text", "请于{缴费期限}前缴纳", "--min-months", "3",
                 "--out", str(default)]) == 0
    capsys.readouterr()
    assert "请于2026年11月30日前缴纳" in default.read_text(encoding="utf-8-sig")

    assert main(["--db", demo_db, "export", "sms", "--text", "{业主全名}", "--out", str(out)]) == 1
    assert "无法识别的占位符" in capsys.readouterr().err
    assert main(["--db", demo_db, "export", "sms", "--text", "x", "--out", str(tmp_path / "x.xlsx")]) == 2
    assert main(["--db", demo_db, "export", "sms", "--template", str(tmp_path / "none.txt"), "--out", str(out)]) == 2
