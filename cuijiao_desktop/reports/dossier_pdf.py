"""Lawyer-letter draft and evidence dossier of one room, as one PDF for the lawyer.

Page 1 is the draft letter (律师函（草稿）) for the lawyer to review and sign; then the dossier:
parties and contract basis, the claim (principal, contract late fee, LPR-based estimate), the
unpaid periods with their limitation dates, the payments, the notices with their delivery
proof, promises and instalment plans, and the whole collection history in date order.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from cuijiao_desktop.domain.amount_words import amount_in_words
from cuijiao_desktop.domain.enums import ApprovalStatus, PaymentKind, PromiseStatus
from cuijiao_desktop.domain.labels_zh import METHOD_ZH
from cuijiao_desktop.domain.limitation import LimitationStatus
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.services.actor import authorize
from cuijiao_desktop.services.dossier import Dossier, build_dossier, record_dossier_print
from cuijiao_desktop.services.export_file import export_file
from cuijiao_desktop.services.tx import Transactions, long_write

from .pdf_draw import MM, Flow, Writer, part_path, publish

__all__ = ["write_dossier", "write_dossier_pdf"]

_GREY = (0.4, 0.44, 0.5)
_RED = (0.62, 0.07, 0.09)
_STATUS = {LimitationStatus.OK: "未届满", LimitationStatus.AT_RISK: "即将届满", LimitationStatus.EXPIRED: "已届满"}
_PROMISE = {PromiseStatus.OPEN: "待兑现", PromiseStatus.DUE: "到期", PromiseStatus.KEPT: "已兑现",
            PromiseStatus.BROKEN: "未兑现"}
_PLAN = {ApprovalStatus.PENDING: "待审批", ApprovalStatus.APPROVED: "已批准", ApprovalStatus.REJECTED: "已驳回",
         ApprovalStatus.CANCELLED: "已取消", ApprovalStatus.COMPLETED: "已完成"}


def _p(p: int | None) -> str:
    return f"{p // 100}年{p % 100}月" if p else "—"


def _d(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _m(fen: int) -> str:
    return format_money(fen, symbol=False)


def write_dossier_pdf(d: Dossier, path: str | os.PathLike[str], *,
                      font_dirs: Sequence[str | os.PathLike[str]] = ()) -> Path:
    """Write the draft letter and the dossier of ``d`` to ``path`` (through a ``.part`` file)."""
    out = Path(path)
    part = part_path(out)
    w = Writer(part, font_dirs=font_dirs, title=f"律师函草稿及证据材料 {d.estate} {d.room_code}",
               author=d.office.name)
    office = d.office
    client = office.name or "物业服务中心"

    def header(writer: Writer, page: int) -> float:
        W, H = writer.pagesize
        writer.watermark("草稿 · 供律师审核", size=44, grey=0.93)
        if page == 1:
            return H - 22 * MM
        writer.text(18 * MM, H - 13 * MM, f"证据材料 · {d.estate} {d.room_code}", 9, colour=_GREY)
        writer.text(W - 18 * MM, H - 13 * MM, f"整理日期 {d.today.isoformat()}", 9, align="right", colour=_GREY)
        writer.c.setStrokeGray(0.7)
        writer.c.line(18 * MM, H - 15 * MM, W - 18 * MM, H - 15 * MM)
        writer.c.setStrokeGray(0)
        return H - 20 * MM

    flow = Flow(w, header=header, footer_text=f"{d.estate} {d.room_code} 律师函草稿及证据材料")
    W = w.pagesize[0]
    owner = d.owners or "业主"
    total = d.principal_fen + d.late_fee_claim_fen

    # --- page 1: the draft letter ---------------------------------------------------------------
    w.text(W / 2, flow.y - 12 * MM, "律  师  函", 26, align="centre", bold=True)
    w.text(W / 2, flow.y - 20 * MM, "（草稿 · 由承办律师审核修改后签发）", 10, align="centre", colour=_GREY)
    flow.space(30 * MM)
    flow.para("（____）____律函字第____号", 10.5)
    flow.para(f"致：{owner}（{d.estate}{d.room_code}房屋业主）", 11)
    flow.space(2 * MM)
    body = [
        (f"____律师事务所接受{client}（以下简称“委托人”）的委托，指派____律师，就您欠缴物业服务费用一事，"
        "郑重致函如下："),
        f"根据委托人提供的材料，您是{d.estate}{d.room_code}房屋的业主，委托人依据《物业服务合同》为该房屋提供物业服务。"
        f"截至{_d(d.today)}，您欠缴自{_p(d.period_from)}至{_p(d.period_to)}的物业服务等费用共计人民币"
        f"{_m(d.principal_fen)}元（大写：{amount_in_words(d.principal_fen)}）"
        + (f"，按合同约定另有滞纳金人民币{_m(d.late_fee_claim_fen)}元" if d.late_fee_claim_fen else "") + "。",
        (f"委托人已先后{len(d.notices)}次向您发出书面催缴通知，您至今未予缴纳。"
        "《中华人民共和国民法典》第九百四十四条规定：业主违反约定逾期不支付物业费的，物业服务人可以催告其在合理期限内支付；"
        "合理期限届满仍不支付的，物业服务人可以提起诉讼或者申请仲裁。"),
        (f"特此函告：请您于收到本函之日起十五日内，向委托人缴清上述欠费合计人民币{_m(total)}元。"
        "逾期仍未缴纳的，本律师将代理委托人依法向人民法院提起诉讼，请求判令您支付欠费、滞纳金，并承担诉讼费用等。"),
        f"如您对欠费有异议，请在上述期限内与委托人{client}"
        + (f"（电话：{office.phone}）" if office.phone else "") + "或本律师联系。",
    ]
    for text in body:
        flow.para(text, 11, leading=20, indent=22)
    flow.space(12 * MM)
    for line in ("____律师事务所", "律师：____________", "____年____月____日"):
        w.text(W - 60 * MM, flow.y, line, 11)
        flow.space(9 * MM)
    flow.new_page()

    # --- the dossier --------------------------------------------------------------------------------
    w.text(W / 2, flow.y - 8 * MM, "证 据 材 料", 20, align="centre", bold=True)
    w.text(W / 2, flow.y - 15 * MM, f"{d.estate} {d.room_code} · 整理日期 {_d(d.today)}", 10, align="centre",
           colour=_GREY)
    flow.space(22 * MM)
    flow.heading("一、当事人与合同依据")
    area = f"{d.area_centi_m2 // 100}.{d.area_centi_m2 % 100:02d}㎡"
    flow.table((("项目", 0.22, "l"), ("内容", 0.78, "l")), [
        ("委托人（物业服务人）", client),
        ("地址 / 电话", "；".join(x for x in (office.address, office.phone) if x) or "—"),
        ("业主", owner),
        ("承租人/使用人", d.tenant or "—"),
        ("房屋", f"{d.estate} {d.room_code}，建筑面积 {area}"),
        ("合同依据", (f"《物业服务合同》{d.contract_clause or '关于物业服务费用交纳的约定'}；《民法典》第九百四十四条；"
                     "《物业管理条例》第六十四条")),
        ("滞纳金约定", d.late_fee_rule),
    ], size=9.5, wrap=True)
    flow.heading("二、请求金额")
    flow.table((("项目", 0.6, "l"), ("金额（元）", 0.4, "r")), [
        (f"欠缴费用本金（{_p(d.period_from)}至{_p(d.period_to)}，{len(d.periods)}笔）", _m(d.principal_fen)),
        ("滞纳金（按合同约定计算，已扣除减免）", _m(d.late_fee_claim_fen)),
        ("滞纳金（法院参考估算：一年期LPR × 1.3，按日计算，不高于合同约定）",
         _m(min(d.late_fee_court_fen, d.late_fee_claim_fen))),
        ("按合同约定合计", _m(total)),
        ("按法院参考估算合计", _m(d.court_total_fen)),
    ], size=10, bold_last=False)
    flow.para("说明：依《民法典》第五百八十五条，约定的违约金过分高于造成的损失的，法院可根据当事人请求予以适当减少；"
              "实务中常参照贷款市场报价利率（LPR）的1至1.3倍调整，故列出估算供参考。", 9, colour=_GREY)

    flow.heading("三、欠费明细与诉讼时效")
    rows = [(_p(x.period), x.item, _m(x.outstanding_fen), x.due_date.isoformat(), x.limit.isoformat(),
             _STATUS[x.status], x.last_interruption or "—") for x in d.periods]
    if rows:
        flow.table((("月份", 0.12, "l"), ("项目", 0.12, "l"), ("未缴（元）", 0.12, "r"), ("应缴日", 0.12, "l"),
                    ("时效届满日", 0.13, "l"), ("状态", 0.09, "l"), ("最近一次中断", 0.30, "l")), rows, size=8.5,
                   row_h=5.4 * MM)
    else:
        flow.para("该房屋目前没有逾期未缴的费用。", 10)
    expired = [x for x in d.periods if x.status is LimitationStatus.EXPIRED]
    if expired:
        flow.para(f"注意：有 {len(expired)} 笔欠费的诉讼时效可能已经届满（《民法典》第一百八十八条），"
                  "请律师核实是否存在其他中断事由。", 9.5, colour=_RED)
    flow.para("时效按每一缴费期分别计算（三年）；仅有送达证据的书面催缴、业主签字的书面承诺、分期协议和部分付款视为中断"
              "（《民法典》第一百九十五条），张贴公示、群发消息不计。", 9, colour=_GREY)

    flow.heading("四、缴费记录")
    if d.payments:
        flow.table((("日期", 0.14, "l"), ("收据号", 0.22, "l"), ("类型", 0.1, "l"), ("方式", 0.12, "l"),
                    ("金额（元）", 0.16, "r"), ("交款人", 0.26, "l")),
                   [(p.paid_on.isoformat(), p.receipt_no, "冲正" if p.kind is PaymentKind.REVERSAL else "缴费",
                     METHOD_ZH.get(p.method, str(p.method)), _m(p.amount_fen), p.payer or "—") for p in d.payments],
                   size=8.5, row_h=5.4 * MM)
    else:
        flow.para("没有缴费记录。", 10)

    flow.heading("五、书面催缴及送达证据")
    if d.notices:
        flow.table((("编号", 0.18, "l"), ("文书", 0.17, "l"), ("发出日", 0.12, "l"), ("金额（元）", 0.12, "r"),
                    ("送达", 0.22, "l"), ("证据", 0.13, "l"), ("中断时效", 0.06, "l")),
                   [(n.serial, f"{n.title}（第{n.level}次）" if n.title != "律师函" else n.title,
                     n.issued_on.isoformat(), _m(n.amount_fen), n.delivery, n.evidence or "—",
                     "是" if n.counts else "否") for n in d.notices], size=8, row_h=5.4 * MM, wrap=True)
    else:
        flow.para("没有书面催缴记录。", 10)

    flow.heading("六、承诺缴费与分期")
    if d.promises or d.instalments:
        prow = [(p.made_on.isoformat(), "承诺缴费", f"{p.due_date.isoformat()} 前缴 {_m(p.amount_fen)}",
                 ("书面签字" if p.signed else "口头") + "；" + _PROMISE.get(p.status, str(p.status))) for p in d.promises]
        prow += [(i.created_on.isoformat(), "分期计划", f"共 {_m(i.total_fen)}",
                  _PLAN.get(i.status, str(i.status)) + (f"；{i.signed_on.isoformat()} 签订" if i.signed_on else "")
                  + (f"；{i.note}" if i.note else "")) for i in d.instalments]
        prow.sort(key=lambda r: r[0])
        flow.table((("日期", 0.14, "l"), ("类型", 0.14, "l"), ("内容", 0.3, "l"), ("状态", 0.42, "l")), prow,
                   size=8.5, row_h=5.4 * MM, wrap=True)
    else:
        flow.para("没有承诺缴费或分期记录。", 10)

    flow.heading("七、催缴记录（按时间顺序）")
    if d.history:
        flow.table((("时间", 0.15, "l"), ("事项", 0.25, "l"), ("详情", 0.48, "l"), ("经办", 0.12, "l")),
                   [(t.when.strftime("%Y-%m-%d %H:%M"), t.title, t.detail, t.by) for t in d.history],
                   size=8, row_h=5.2 * MM, wrap=True)
    else:
        flow.para("没有催缴记录。", 10)
    flow.space(4 * MM)
    flow.para(f"以上材料由{client}根据本系统记录整理，原始凭证（签收回执、邮寄凭证、截图）由服务中心存档备查。", 9,
              colour=_GREY)
    flow.finish()
    w.save()
    return publish(part, out)


@long_write
def write_dossier(tx: Transactions, *, actor, room_id: int, today: date, out_path: str | os.PathLike[str],
                  font_dirs: Sequence[str | os.PathLike[str]] = ()) -> Path:
    """Background task: read, write and audit a room's dossier in the export shape
    (``services/export_file.py``: no write lock while the PDF is drawn). The role is checked before."""
    def read(s):
        authorize(s, actor, Permission.EXPORT_PERSONAL_DATA)  # as record_dossier_print: before anything is drawn
        return build_dossier(s, room_id=room_id, today=today)

    return export_file(
        tx, out_path, read=read, write=lambda d, tmp: write_dossier_pdf(d, tmp, font_dirs=font_dirs),
        audit=lambda s, d, _p: record_dossier_print(s, actor=actor, dossier=d, file_name=Path(out_path).name),
    ).path
