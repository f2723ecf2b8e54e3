"""``bill --month YYYY-MM`` (the billing run) and ``late-fees assess`` (the late-fee run)."""

from __future__ import annotations

import argparse
from datetime import date

from .common import Context, LineProgress

_SHOWN_NOTES = 10

_NOTE_ZH = {
    "no_reading": "缺少本期抄表读数，未计费",
    "bad_reading": "本期读数小于上期，未计费",
    "not_delivered": "本期尚未交房，未计费",
    "no_standard": "没有适用的收费标准，未计费",
}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    bill = sub.add_parser("bill", help="按收费标准生成一个月的账单（同一房间、项目、月份只生成一次），并用预存款抵扣")
    bill.add_argument("--month", required=True, metavar="YYYY-MM", help="账期，如 2026-12")
    bill.add_argument("--estate", metavar="NAME", help="只生成此小区的账单（默认全部小区）")
    bill.add_argument("--dry-run", action="store_true", help="只显示将生成的账单数量与金额，不写入数据库")
    bill.add_argument("--due-day", type=int, metavar="N",
                      help="缴费截止日（每月第 N 日，1–31），保存为单位设置；默认用已保存的设置（初始为 10 日）")
    bill.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    bill.set_defaults(run=_bill)

    fees = sub.add_parser("late-fees", help="滞纳金")
    fees_sub = fees.add_subparsers(dest="late_fee_command", required=True, metavar="ACTION")
    assess = fees_sub.add_parser("assess", help="按合同计算所有逾期账单的滞纳金（重复执行不会重复计收）")
    assess.add_argument("--as-of", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="计算到此日（默认：今天，北京时间）")
    assess.set_defaults(run=_assess)


def _money(fen: int) -> str:
    from cuijiao_desktop.domain.money import format_money

    return format_money(fen)


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded to ``width`` terminal columns (a hanzi takes two)."""
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def _print_preview(preview, *, written: bool) -> None:
    scope = preview.estate_name or "全部小区"
    state = "已生成" if written else "预览（未写入）"
    print(f"{preview.period_text} 账单 {state}：{scope}，应缴日期 {preview.due_date.isoformat()}")
    if preview.groups:
        rows = [("小区", "收费项目", "新账单", "应收", "减免", "应缴", "已有")]
        rows += [(g.estate, g.fee_item, f"{g.bills:,}", _money(g.amount_fen), _money(g.discount_fen),
                  _money(g.net_fen), f"{g.existing:,}") for g in preview.groups]
        widths = [max(_width(r[i]) for r in rows) for i in range(7)]
        for r in rows:
            cells = [_pad(r[0], widths[0]), _pad(r[1], widths[1])]
            cells += [_pad(r[i], widths[i], right=True) for i in range(2, 7)]
            print("  " + "  ".join(cells))
    print(f"合计：新账单 {preview.bills:,} 张，应收 {_money(preview.amount_fen)}，减免 {_money(preview.discount_fen)}，"
          f"应缴 {_money(preview.net_fen)}；本期已有 {preview.existing:,} 张，不再生成")
    if preview.credit_rooms and not written:
        print(f"预存款将抵扣：{preview.credit_rooms:,} 户，{_money(preview.credit_fen)}")
    for kind, count in preview.note_counts:
        print(f"注意：{count:,} 户{_NOTE_ZH.get(kind, kind)}")
    for note in preview.notes[:_SHOWN_NOTES]:
        item = f" {note.fee_item}" if note.fee_item else ""
        detail = f"（{note.detail}）" if note.detail else ""
        print(f"  {note.estate} {note.room_code}{item}：{_NOTE_ZH.get(note.kind, note.kind)}{detail}")
    shown = min(len(preview.notes), _SHOWN_NOTES)
    total = sum(c for _, c in preview.note_counts)
    if total > shown:
        print(f"  …… 另有 {total - shown:,} 条")


def _bill(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.domain.billing import parse_period
    from cuijiao_desktop.services import billing

    period = parse_period(args.month)
    actor = ctx.actor
    with ctx.read_factory.begin() as s:
        estate_id = billing.find_estate(s, args.estate) if args.estate else None
    if args.dry_run:
        progress = LineProgress("检查")
        with ctx.read_factory.begin() as s:
            preview = billing.preview_billing(s, period=period, estate_id=estate_id, due_day=args.due_day,
                                              progress=progress)
        progress.done()
        _print_preview(preview, written=False)
        return 0
    from cuijiao_desktop.services.tx import Transactions

    progress = LineProgress("生成账单")
    # a long write: staged off the write lock, published in one short transaction (other desks keep working)
    result = billing.run_billing(Transactions(ctx.factory, ctx.read_factory), actor=actor, period=period,
                                 estate_id=estate_id, due_day=args.due_day, today=args.today, progress=progress)
    progress.done()
    _print_preview(result.preview, written=True)
    if result.credit_rooms:
        print(f"预存款抵扣：{result.credit_rooms:,} 户，{_money(result.credit_spent_fen)}（{result.spendings:,} 笔）")
    return 0


def _assess(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.services.late_fees import assess_late_fees, start_late_fee_run

    actor = ctx.actor
    progress = LineProgress("计算滞纳金")
    with ctx.factory.begin() as s:  # a short transaction per room range: payments at the desks never wait long
        run = start_late_fee_run(s, actor=actor, today=args.as_of, daily=False)
    bills = changed = total = delta = 0
    for step, rooms in enumerate(run.ranges, 1):
        with ctx.factory.begin() as s:
            result = assess_late_fees(s, actor=actor, as_of=run.as_of, rooms=rooms, since=run.since, trigger="cli")
        bills, changed = bills + result.bills, changed + result.changed
        total, delta = total + result.total_fen, delta + result.delta_fen
        progress(step, len(run.ranges), f"{step}/{len(run.ranges)}")
    progress.done()
    sign = "+" if delta >= 0 else "-"
    print(f"滞纳金已计算到 {run.as_of.isoformat()}：{bills:,} 张逾期账单，合同滞纳金合计 "
          f"{_money(total)}，本次变动 {changed:,} 张（{sign}{_money(abs(delta))}）")
    return 0
