"""The print room: ``notices`` (催缴通知书 batches), ``board`` (公示), ``statement`` (对账单), ``dossier``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.services.tx import Transactions

from .common import EXIT_IO, EXIT_RULE, Context, LineProgress, check_pdf_path

_SHOWN_SKIPPED = 10


def _period(text: str) -> int:
    """``2026-11`` / ``202611`` -> 202611."""
    digits = text.replace("-", "").replace("/", "").replace(".", "").strip()
    if len(digits) != 6 or not digits.isdigit() or not 1 <= int(digits[4:]) <= 12:
        raise argparse.ArgumentTypeError(f"不是月份：{text}（例如 2026-11）")
    return int(digits)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    n = sub.add_parser("notices", help="批量生成催缴通知书 PDF 并登记编号（每户默认发下一次）")
    n.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="输出的 PDF 文件")
    n.add_argument("--estate", metavar="E", help="小区名称或代码")
    n.add_argument("--building", metavar="B", help="楼栋，如 1、3、A（不指定小区时为各小区的同名楼栋）")
    n.add_argument("--collector", metavar="NAME", help="负责的催收员（姓名或用户名）")
    n.add_argument("--min-months", type=int, default=0, metavar="N", help="只发欠费至少 N 个月的房屋")
    level = n.add_mutually_exclusive_group()
    level.add_argument("--level", type=int, choices=range(1, 11), metavar="L", help="每户都发第 L 次通知（1–10）")
    level.add_argument("--next-level", action="store_true", help="每户发其下一次通知（默认）")
    n.add_argument("--paper", choices=["a4", "a5x2"], default="a4", help="a4：每页一份；a5x2：A4 横向每页两份 A5")
    n.add_argument("--dry-run", action="store_true", help="只列出将要发出的通知，不登记、不生成文件")
    n.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    n.set_defaults(run=_notices)

    b = sub.add_parser("board", help="打印欠费公示或鸣谢榜（按公示遮蔽规则隐去个人信息）")
    b.add_argument("--kind", choices=["arrears", "thanks"], required=True, help="arrears 欠费公示；thanks 鸣谢榜")
    b.add_argument("--estate", metavar="E", help="小区名称或代码")
    b.add_argument("--building", metavar="B", help="楼栋，如 1、3、A")
    b.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="输出的 PDF 文件")
    b.add_argument("--min-months", type=int, default=1, metavar="N", help="欠费公示：只列欠费至少 N 个月的房屋（默认 1）")
    b.add_argument("--data-date", type=date.fromisoformat, metavar="YYYY-MM-DD",
                   help="欠费公示的数据截至日（默认今天；之后已缴清的房屋不再列出）")
    b.add_argument("--from", dest="period_from", type=_period, metavar="YYYY-MM", help="鸣谢榜：起始月份（默认本月）")
    b.add_argument("--to", dest="period_to", type=_period, metavar="YYYY-MM", help="鸣谢榜：截止月份（默认同起始月份）")
    b.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    b.set_defaults(run=_board)

    st = sub.add_parser("statement", help="打印一户的对账单（应收、缴费、余额）")
    st.add_argument("room", help="房号，如 3-2-1502 或 3栋2单元1502")
    st.add_argument("--estate", metavar="E", help="小区（同一房号在多个小区时必填）")
    st.add_argument("--from", dest="period_from", type=_period, metavar="YYYY-MM", help="起始月份（默认今年1月）")
    st.add_argument("--to", dest="period_to", type=_period, metavar="YYYY-MM", help="截止月份（默认本月）")
    st.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="输出的 PDF 文件")
    st.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    st.set_defaults(run=_statement)

    d = sub.add_parser("dossier", help="生成一户的律师函草稿及证据材料（一个 PDF）")
    d.add_argument("room", help="房号，如 3-2-1502 或 3栋2单元1502")
    d.add_argument("--estate", metavar="E", help="小区（同一房号在多个小区时必填）")
    d.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="输出的 PDF 文件")
    d.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    d.set_defaults(run=_dossier)


def _data_dir() -> Path:
    from cuijiao_desktop.datadir import app_data_dir

    return app_data_dir()


def _notices(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.services.notices import NoticeSelection, plan_notices, resolve_scope

    if not check_pdf_path(args.out):
        return EXIT_IO
    today = args.today or date.today()
    with ctx.read_factory.begin() as s:
        estate_id, building_ids, collector_id = resolve_scope(s, estate=args.estate, building=args.building,
                                                              collector=args.collector)
    selection = NoticeSelection(estate_id=estate_id, building_ids=building_ids, collector_id=collector_id,
                                min_months=max(0, args.min_months), level=args.level)
    if args.dry_run:
        with ctx.read_factory.begin() as s:
            batch = plan_notices(s, selection=selection, today=today, data_dir=_data_dir())
        _print_batch(batch, recorded=False)
        return 0
    from cuijiao_desktop.reports.notice_pdf import issue_and_write

    actor = ctx.actor
    progress = LineProgress("生成通知书")
    printed = None
    try:
        with ctx.factory.begin() as s:
            printed = issue_and_write(s, actor=actor, selection=selection, today=today, out_path=args.out,
                                      data_dir=_data_dir(), paper=args.paper, progress=progress)
    except BaseException:
        if printed is not None:
            printed.discard()
        raise
    finally:
        progress.done()
    printed.publish()
    _print_batch(printed.batch, recorded=True)
    print(f"已写入 {printed.pages} 页：{args.out}")
    return 0


def _print_batch(batch, *, recorded: bool) -> None:
    docs = batch.documents
    levels = "，".join(f"第{lv}次 {n} 份" for lv, n in batch.by_level().items())
    if recorded:
        print(f"已登记催缴通知 {len(docs)} 份（{levels}），编号 {docs[0].serial} 至 {docs[-1].serial}，"
              f"合计 {format_money(batch.total_fen)}")
    elif docs:
        print(f"将发出催缴通知 {len(docs)} 份（{levels}），合计 {format_money(batch.total_fen)}（试运行：未登记）")
        for d in docs[:_SHOWN_SKIPPED]:
            print(f"  {d.estate} {d.room_code}  第{d.level}次  {d.recipient_name or '业主'}  {format_money(d.total_fen)}")
        if len(docs) > _SHOWN_SKIPPED:
            print(f"  …… 另有 {len(docs) - _SHOWN_SKIPPED} 份")
    else:
        print("没有需要发出的通知（所选范围内没有欠费房屋）")
    if batch.skipped:
        print(f"未发 {len(batch.skipped)} 户：")
        for x in batch.skipped[:_SHOWN_SKIPPED]:
            print(f"  {x.room_code}：{x.reason}")
        if len(batch.skipped) > _SHOWN_SKIPPED:
            print(f"  …… 另有 {len(batch.skipped) - _SHOWN_SKIPPED} 户")


def _board(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.reports.board_pdf import write_board
    from cuijiao_desktop.services.notices import resolve_scope

    if not check_pdf_path(args.out):
        return EXIT_IO
    today = args.today or date.today()
    with ctx.read_factory.begin() as s:
        estate_id, building_ids, _ = resolve_scope(s, estate=args.estate, building=args.building)
    period_from = args.period_from or (today.year * 100 + today.month)
    period_to = args.period_to or period_from
    if period_to < period_from:
        print("错误：截止月份早于起始月份", file=sys.stderr)
        return EXIT_RULE
    actor = ctx.actor
    board, path = write_board(Transactions(ctx.factory, ctx.read_factory), actor=actor, kind=args.kind,
                              out_path=args.out, data_date=args.data_date or today, today=today, estate_id=estate_id,
                              building_ids=building_ids, min_months=max(1, args.min_months),
                              period_from=period_from, period_to=period_to)
    what = "鸣谢榜" if args.kind == "thanks" else "欠费公示"
    extra = "" if args.kind == "thanks" else f"，欠费合计 {format_money(board.total_fen)}"
    names = "显示遮蔽后的姓名" if board.policy.show_owner_name else "不显示姓名"
    print(f"已生成{what}：{board.estate} {board.scope}，{len(board.lines)} 户{extra}（{names}，"
          f"房号保留前 {board.policy.room_keep_digits} 位）：{path}")
    print("本次打印已记入审计日志。")
    return 0


def _statement(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.reports.statement_pdf import write_statement
    from cuijiao_desktop.services.notices import resolve_room

    if not check_pdf_path(args.out):
        return EXIT_IO
    today = args.today or date.today()
    period_to = args.period_to or today.year * 100 + today.month
    period_from = args.period_from or period_to // 100 * 100 + 1
    with ctx.read_factory.begin() as s:
        room_id = resolve_room(s, code=args.room, estate=args.estate)
    actor = ctx.actor
    path = write_statement(Transactions(ctx.factory, ctx.read_factory), actor=actor, room_id=room_id,
                           period_from=period_from, period_to=period_to, today=today, out_path=args.out)
    print(f"已生成对账单（{period_from // 100}-{period_from % 100:02d} 至 {period_to // 100}-{period_to % 100:02d}）：{path}")
    return 0


def _dossier(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.reports.dossier_pdf import write_dossier
    from cuijiao_desktop.services.notices import resolve_room

    if not check_pdf_path(args.out):
        return EXIT_IO
    today = args.today or date.today()
    with ctx.read_factory.begin() as s:
        room_id = resolve_room(s, code=args.room, estate=args.estate)
    actor = ctx.actor
    path = write_dossier(Transactions(ctx.factory, ctx.read_factory), actor=actor, room_id=room_id, today=today,
                         out_path=args.out)
    print(f"已生成律师函草稿及证据材料：{path}（已记入审计日志）")
    return 0
