"""Statement of account (对账单) as PDF: A4, the bills of the range, the payments, the balance."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from cuijiao_desktop.domain.enums import PaymentKind
from cuijiao_desktop.domain.labels_zh import METHOD_ZH
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.services.export_file import export_file
from cuijiao_desktop.services.statement import Statement, build_statement, record_statement_print
from cuijiao_desktop.services.tx import Transactions, long_write

from .pdf_draw import MM, Flow, Writer, part_path, publish

__all__ = ["write_statement", "write_statement_pdf"]

_GREY = (0.4, 0.44, 0.5)


def _p(p: int | None) -> str:
    return f"{p // 100}-{p % 100:02d}" if p else "—"


def _m(fen: int) -> str:
    return format_money(fen, symbol=False)


def write_statement_pdf(st: Statement, path: str | os.PathLike[str], *,
                        font_dirs: Sequence[str | os.PathLike[str]] = ()) -> Path:
    """Write the statement to ``path`` (through a ``.part`` file)."""
    out = Path(path)
    part = part_path(out)
    w = Writer(part, font_dirs=font_dirs, title=f"对账单 {st.estate} {st.room_code}", author=st.office.name)
    office = st.office

    def header(writer: Writer, page: int) -> float:
        W, H = writer.pagesize
        if office.is_demo:
            writer.watermark("演示数据  仅供练习", size=50, grey=0.93)
        writer.c.setFillColorRGB(0.12, 0.36, 0.58)
        writer.c.rect(0, H - 6 * MM, W, 6 * MM, stroke=0, fill=1)
        writer.text(18 * MM, H - 14 * MM, office.name or "物业服务中心", 10, colour=_GREY)
        writer.text(W - 18 * MM, H - 14 * MM, f"打印日期 {st.today.isoformat()}", 10, align="right", colour=_GREY)
        if page == 1:
            writer.text(W / 2, H - 28 * MM, "对  账  单", 22, align="centre", bold=True)
            return H - 36 * MM
        writer.text(W / 2, H - 24 * MM, f"对账单（续）{st.estate} {st.room_code}", 12, align="centre")
        return H - 30 * MM

    flow = Flow(w, header=header, footer_text=f"{st.estate} {st.room_code} 对账单 {_p(st.period_from)} 至 {_p(st.period_to)}")
    area = f"{st.area_centi_m2 // 100}.{st.area_centi_m2 % 100:02d}㎡"
    flow.para(f"房号：{st.estate} {st.room_code}    业主：{st.owners or '—'}    建筑面积：{area}", 10.5)
    flow.para(f"对账期间：{_p(st.period_from)} 至 {_p(st.period_to)}    已缴至：{_p(st.paid_through)}", 10.5)
    flow.heading("一、应收明细")
    rows = [(_p(x.period), x.item, x.basis, _m(x.amount_fen), _m(x.reduced_fen), _m(x.paid_fen), _m(x.outstanding_fen))
            for x in st.lines]
    rows.append(("合计", "", "", _m(st.billed_fen), _m(st.reduced_fen), _m(st.paid_fen), _m(st.outstanding_fen)))
    flow.table((("月份", 0.1, "l"), ("收费项目", 0.14, "l"), ("计费依据", 0.28, "l"), ("应收", 0.12, "r"),
                ("减免", 0.1, "r"), ("已缴", 0.13, "r"), ("未缴", 0.13, "r")), rows, bold_last=True)
    flow.heading("二、缴费记录")
    if st.payments:
        prow = []
        for p in st.payments:
            kind = "冲正" if p.kind is PaymentKind.REVERSAL else "缴费"
            note = f"冲正 {p.reverses_no}" if p.reverses_no else ""
            if p.late_fee_fen:
                note = (note + "；" if note else "") + f"含滞纳金 {_m(p.late_fee_fen)}"
            if p.credit_fen:
                note = (note + "；" if note else "") + f"转预存 {_m(p.credit_fen)}"
            prow.append((p.paid_on.isoformat(), p.receipt_no, kind, METHOD_ZH.get(p.method, str(p.method)),
                         _m(p.amount_fen), note))
        prow.append(("合计", "", "", "", _m(sum(p.amount_fen for p in st.payments)), ""))
        flow.table((("日期", 0.13, "l"), ("收据号", 0.2, "l"), ("类型", 0.08, "l"), ("方式", 0.11, "l"),
                    ("金额", 0.14, "r"), ("说明", 0.34, "l")), prow, bold_last=True)
    else:
        flow.para("本期间内没有缴费记录。", 10, colour=_GREY)
    flow.heading(f"三、截至 {st.today.isoformat()} 的余额")
    flow.table((("项目", 0.6, "l"), ("金额（元）", 0.4, "r")), [
        ("逾期未缴（全部月份）", _m(st.arrears_fen)),
        ("尚未到期的应收", _m(st.not_due_fen)),
        ("尚欠滞纳金", _m(st.late_fee_due_fen)),
        ("预存款余额", _m(st.credit_fen)),
        ("应缴合计（逾期未缴 + 滞纳金 − 预存款）" if st.balance_fen >= 0 else "预存结余", _m(abs(st.balance_fen))),
    ], size=10, bold_last=True)
    flow.space(4 * MM)
    flow.para("如对以上账目有疑问，请携带缴费凭证到服务中心核对。本对账单仅供核对，不作收款凭证。"
              + (f"服务中心电话：{office.phone}。" if office.phone else ""), 9.5, colour=_GREY)
    flow.need(22 * MM)
    W = w.pagesize[0]
    w.text(W - 45 * MM, flow.y - 10 * MM, office.name or "物业服务中心", 10.5, align="centre")
    w.text(W - 45 * MM, flow.y - 17 * MM, f"{st.today.year}年{st.today.month}月{st.today.day}日", 10.5,
           align="centre")
    if office.seal_image:
        sw, sh = w.image_form("seal", office.seal_image, 36 * MM, 36 * MM)
        w.draw_form("seal", W - 45 * MM - sw / 2, flow.y - 14 * MM - sh / 2)
    stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    w.text(18 * MM, 14 * MM, f"生成时间 {stamp}", 7.5, colour=_GREY)
    flow.finish()
    w.save()
    return publish(part, out)


@long_write
def write_statement(tx: Transactions, *, actor, room_id: int, period_from: int, period_to: int, today: date,
                    out_path: str | os.PathLike[str], font_dirs: Sequence[str | os.PathLike[str]] = ()) -> Path:
    """Background task: read, write and audit a room's statement in the export shape
    (``services/export_file.py``: no write lock while the PDF is drawn)."""
    return export_file(
        tx, out_path,
        read=lambda s: build_statement(s, room_id=room_id, period_from=period_from, period_to=period_to, today=today),
        write=lambda st, tmp: write_statement_pdf(st, tmp, font_dirs=font_dirs),
        audit=lambda s, st, _p: record_statement_print(s, actor=actor, statement=st, file_name=Path(out_path).name),
    ).path
