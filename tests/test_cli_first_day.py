"""A new office's first day, from the command line, on SQLite and PostgreSQL.

The office brings two workbooks of its own making – a rooms roster and an opening bills list
with what each owner already paid and when – in its own column names and fee-item words, with
title rows, merged cells, totals, full-width digits, company owners, mixed date and money
formats. Both import into an empty database with ``--create-fee-items`` and exit 0; the payments
in the ledger add up to the paid column to the fen; importing both again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from cuijiao_desktop.cli import main
from cuijiao_desktop.db import models as m
from cuijiao_desktop.db.engine import make_engine, make_session_factory
from cuijiao_desktop.domain.enums import ChargeBasis, PaymentMethod
from cuijiao_desktop.services.payments import ledger_discrepancies

pytestmark = pytest.mark.both_engines

TODAY = "2026-11-23"
OWNERS = ["张三", "李 四", "欧阳娜娜", "2000号商贸有限公司", "ＡＢＣ科技（杭州）有限公司", "王五2", "赵六", "钱七",
          "孙八", "周九", "吴十", "郑十一", "冯晓东", "陈立", "褚卫国", "卫红", "蒋芳", "沈阳光", "韩梅梅", "杨柳"]
BUILDINGS = ["1栋", "１#", "2号楼", "三栋"]  # → 1, 1, 2, 3


def _rooms() -> list[tuple[str, str, str, str]]:
    """(building as written, unit, room, canonical code) for 20 rooms."""
    out = []
    for i in range(20):
        b = BUILDINGS[i % 4]
        canon_b = {"1栋": "1", "１#": "1", "2号楼": "2", "三栋": "3"}[b]
        unit = str(i // 8 + 1)
        room = f"{(i % 8) // 2 + 1}0{i % 2 + 1}"
        if b == "１#":
            room = f"{(i % 8) // 2 + 5}0{i % 2 + 1}"  # 1# and 1栋 are the same building: other rooms
        out.append((b, unit, room, f"{canon_b}-{unit}-{room}"))
    return out


def write_rooms_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "业主信息"
    ws["A1"] = "锦绣花园2026年业主信息登记表"
    ws.merge_cells("A1:J1")
    ws["A2"] = "制表：物业服务中心客服部"
    ws["H2"] = "日期：2026年11月"
    ws.append([])
    ws.append(["序号", "楼号", "单元号", "房间号", "客户名称", "联系方式", "计费面积（㎡）", "房屋状态", "房屋类型", "备注"])
    rng = random.Random(7)
    for i, (b, unit, room, _code) in enumerate(_rooms()):
        phone = f"13{rng.randrange(0, 10)}{rng.randrange(10**8):08d}"
        phone_cell: object = phone
        if i % 5 == 1:
            phone_cell = f"{phone[:3]} {phone[3:7]} {phone[7:]} / 0571-8{rng.randrange(10**7):07d}"
        elif i % 5 == 2:
            phone_cell = int(phone)  # typed into a number cell
        area: object = round(60 + rng.random() * 80, 2)
        if i % 4 == 1:
            area = f"{area}㎡"
        usage = "商铺" if i in (3, 4) else "住宅"
        state = ("已入住", "空置", "出租", "装修")[i % 4]
        ws.append([i + 1, b, f"{unit}单元" if i % 3 else unit, room + ("室" if i % 6 == 0 else ""), OWNERS[i],
                   phone_cell, area, state, usage, "长期空置，联系儿子" if state == "空置" else None])
        if i == 9:
            ws.append([None] * 10)  # a blank line in the middle
    ws.append(["合计", None, None, None, None, None, "=SUM(G5:G25)", None, None, None])
    ws.append(["备注：面积以产权证为准"])
    wb.save(path)
    return path


# the office's words for its fee items, with how often each is used
FEE_WORDS = [("物业费", "物业管理费", "物管费"), ("停车费", "车位费"), ("垃圾费",), ("公摊",)]
PERIOD_SHAPES = [lambda y, mth: f"{y}-{mth:02d}", lambda y, mth: f"{y}年{mth}月", lambda y, mth: dt.datetime(y, mth, 1),
                 lambda y, mth: f"{y}{mth:02d}", lambda y, mth: f"{y}/{mth}"]
MONEY_SHAPES = [lambda d: float(d), lambda d: f"{d:.2f}", lambda d: f"¥{d:,.2f}", lambda d: f"{d}元", lambda d: str(d)]


def write_bills_workbook(path: Path) -> tuple[Path, int, int]:
    """The opening bills; returns (path, total paid in fen, bill rows)."""
    rng = random.Random(11)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "应收明细"
    ws["A1"] = "锦绣花园 2026年1-10月 应收实收明细"
    ws.merge_cells("A1:I1")
    ws.append(["单位：元"])
    ws.append(["楼栋", "单元", "房号", "收费科目", "计费月份", "本期应收", "实收金额", "收款时间", "备注"])
    paid_total = Decimal(0)
    rows = 0
    for i, (b, unit, room, _code) in enumerate(_rooms()):
        area = Decimal(60 + i * 3) + Decimal(i) / 100
        for month in range(1, 11):
            items = [("物业", (area * Decimal("2.35")).quantize(Decimal("0.01")))]
            if i % 3 == 0:
                items.append(("车位", Decimal("150.00")))
            if month % 3 == 0:
                items.append(("垃圾", Decimal("15.50")))
            if i % 5 == 0 and month > 6:
                items.append(("公摊", Decimal("12.37")))
            for kind, amount in items:
                words = {"物业": FEE_WORDS[0], "车位": FEE_WORDS[1], "垃圾": FEE_WORDS[2], "公摊": FEE_WORDS[3]}[kind]
                word = words[(i + month) % len(words)]
                if rng.random() < 0.1:
                    word = f" {word} "  # stray spaces
                roll = rng.random()
                if roll < 0.55:
                    paid = amount
                elif roll < 0.7:
                    paid = (amount / 2).quantize(Decimal("0.01"))
                else:
                    paid = None
                paid_on: object = None
                if paid:
                    day = dt.date(2026, month, 1) + dt.timedelta(days=rng.randrange(3, 40))
                    paid_on = (day, day.isoformat(), f"{day.year}/{day.month}/{day.day}",
                               f"{day.year}年{day.month}月{day.day}日")[rng.randrange(4)]
                    paid_total += paid
                shape = MONEY_SHAPES[rng.randrange(len(MONEY_SHAPES))]
                ws.append([b, f"{unit}单元", room, word, PERIOD_SHAPES[(i + month) % 5](2026, month), shape(amount),
                           None if paid is None else MONEY_SHAPES[rng.randrange(2)](paid), paid_on,
                           "部分缴纳" if paid and paid < amount else None])
                rows += 1
    ws.append(["合计", None, None, None, None, None, float(paid_total), None, None])
    ws.append(["制表人：孙会计", None, None, None, None, None, None, None, None])
    wb.save(path)
    return path, int(paid_total * 100), rows


def _snapshot(db_url: str) -> dict[str, list[tuple]]:
    """Every table but the audit log, row by row (the audit log records each import, as it should)."""
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as s:
            out = {}
            for table in m.Base.metadata.sorted_tables:
                if table.name in ("audit_log", "alembic_version"):
                    continue
                cols = [c for c in table.c if c.name not in ("created_at",)]
                out[table.name] = [tuple(r) for r in s.execute(select(*cols).order_by(*table.primary_key.columns))]
            return out
    finally:
        engine.dispose()


def test_first_day_rooms_then_bills_with_paid_amounts(db_url, tmp_path, capsys):
    rooms = write_rooms_workbook(tmp_path / "锦绣花园业主名册.xlsx")
    bills, paid_fen, bill_rows = write_bills_workbook(tmp_path / "期初应收明细.xlsx")

    assert main(["--db", db_url, "import", "rooms", str(rooms), "--estate", "锦绣花园", "--today", TODAY]) == 0
    out = capsys.readouterr().out
    assert "新增 20，更新 0，未变 0，拒绝 0，跳过 3" in out

    assert main(["--db", db_url, "import", "bills", str(bills), "--today", TODAY, "--dry-run"]) == 3
    out = capsys.readouterr().out
    assert "物管费 → ？未知：用 --create-fee-items 新建" in out and f"拒绝 {bill_rows}" in out

    assert main(["--db", db_url, "import", "bills", str(bills), "--create-fee-items", "--today", TODAY]) == 0
    out = capsys.readouterr().out
    assert f"新增 {bill_rows}，更新 0，未变 0，拒绝 0，跳过 2" in out
    assert "已新建收费项目 4 个：物业管理费、车位费、垃圾费、公摊" in out  # the most used word of each group
    assert "物管费 → 新建收费项目“物业管理费”（按面积）" in out

    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as s:
            total = s.scalar(select(func.sum(m.Payment.amount_fen)))
            assert isinstance(int(total), int) and int(total) == paid_fen  # to the fen
            assert s.scalar(select(func.count()).select_from(m.Payment).where(
                m.Payment.method != PaymentMethod.HISTORIC)) == 0
            assert int(s.scalar(select(func.sum(m.PaymentAllocation.amount_fen)))) == paid_fen
            assert int(s.scalar(select(func.sum(m.Bill.paid_fen)))) == paid_fen
            assert s.scalar(select(func.count()).select_from(m.Bill)) == bill_rows
            assert ledger_discrepancies(s) == []
            items = s.execute(select(m.FeeItem.name, m.FeeItem.basis).order_by(m.FeeItem.sort_order)).all()
            assert items == [("物业管理费", ChargeBasis.PER_AREA), ("车位费", ChargeBasis.FIXED),
                             ("垃圾费", ChargeBasis.FIXED), ("公摊", ChargeBasis.FIXED)]
            owners = set(s.scalars(select(m.Person.name)))
            assert {"2000号商贸有限公司", "ABC科技(杭州)有限公司", "王五2", "李四"} <= owners
            initials = dict(s.execute(select(m.Person.name, m.Person.name_initials)).all())
            assert initials["2000号商贸有限公司"] == "2000hsmyxgs" and initials["欧阳娜娜"] == "oynn"
    finally:
        engine.dispose()

    before = _snapshot(db_url)
    assert main(["--db", db_url, "import", "rooms", str(rooms), "--estate", "锦绣花园", "--today", TODAY]) == 0
    assert "新增 0，更新 0，未变 20，拒绝 0" in capsys.readouterr().out
    assert main(["--db", db_url, "import", "bills", str(bills), "--create-fee-items", "--today", TODAY]) == 0
    out = capsys.readouterr().out
    assert f"新增 0，更新 0，未变 {bill_rows}，拒绝 0" in out and "已新建" not in out
    assert _snapshot(db_url) == before


def _one_chinese_line(err: str, *allowed: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    assert line.startswith("错误：") and "Traceback" not in err
    text = re.sub(r"\S*\.(xlsx|xls|csv|pdf)\b|--[\w-]+", "", line)  # file and option names
    for word in allowed:
        text = text.replace(word, "")
    assert not re.search(r"[A-Za-z]{3,}", text), line  # no English words
    return line


def test_every_import_error_is_one_chinese_line(db_url, tmp_path, capsys):
    rooms = write_rooms_workbook(tmp_path / "名册.xlsx")
    cases = []
    folder = tmp_path / "x.xlsx"
    folder.mkdir()
    cases.append(([str(folder)], 2, "这是一个文件夹，不是文件", ("x.xlsx",)))
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    cases.append(([str(tmp_path / "broken.xlsx")], 2, "文件已损坏", ("broken.xlsx", "Excel", "xlsx")))
    (tmp_path / "renamed.xlsx").write_text("房号,业主\n1-1-101,张三\n", encoding="utf-8")
    cases.append(([str(tmp_path / "renamed.xlsx")], 2, "不是 Excel 工作簿", ("renamed.xlsx", "Excel", "CSV", "csv")))
    stray = tmp_path / "stray.csv"
    stray.write_text("房号,业主,面积\n1-1-101,张三,80\n\"1-1-102,李四,80\n" + "1-1-103,王五,80\n" * 50_000,
                     encoding="utf-8")
    cases.append(([str(stray)], 2, "从第 3 行起引号", ("stray.csv", "CSV", "Excel", "xlsx")))
    noheader = tmp_path / "noheader.csv"
    noheader.write_text("a,b\n1,2\n", encoding="utf-8")
    cases.append(([str(noheader)], 2, "未找到房屋与业主的表头行", ("noheader.csv",)))
    cases.append(([str(rooms), "--sheet", "没有"], 2, "没有名为“没有”的工作表", ()))
    cases.append(([str(rooms), "--report", str(tmp_path / "r.pdf")], 2, "报告只能写成", ("xlsx", "csv", "pdf")))
    cases.append(([str(rooms), "--method", "飞鸽"], 1, "缴费方式“飞鸽”无法识别", ()))
    cases.append(([str(rooms), "--create-fee-items"], 1, "只用于导入应收账单", ("bills",)))
    for args, code, words, allowed in cases:
        assert main(["--db", db_url, "import", "rooms", *args]) == code, args
        line = _one_chinese_line(capsys.readouterr().err, *allowed)
        assert words in line, line
    with pytest.raises(SystemExit) as exit_:
        main(["--db", db_url, "import", "bill", str(rooms)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：参数 kind：'bill' 不是可用的值") and "Traceback" not in err
    assert main(["--db", db_url, "import", "bills", str(rooms)]) == 1  # a rule, not a file
    assert "缺少必需的列：收费项目" in _one_chinese_line(capsys.readouterr().err)
    bills, _paid, _rows = write_bills_workbook(tmp_path / "b.xlsx")
    assert main(["--db", db_url, "import", "bills", str(bills), "--estate", "无此小区"]) == 1
    assert "无此小区" in _one_chinese_line(capsys.readouterr().err)


def test_a_huge_csv_cell_is_read_and_the_row_rejected_in_words(db_url, tmp_path, capsys):
    big = tmp_path / "big.csv"
    big.write_text("房号,业主,面积,备注\n1-1-101,张三,80,ok\n1-1-102,李四,80," + "很长" * 100_000 + "\n",
                   encoding="utf-8")
    assert main(["--db", db_url, "import", "rooms", str(big)]) == 3
    assert "第 3 行：备注超过 500 字" in capsys.readouterr().out
