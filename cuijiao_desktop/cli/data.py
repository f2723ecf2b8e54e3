"""``import rooms|bills|payments`` and ``export rooms|arrears`` (the other exports: ``cli/exports.py``)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from cuijiao_desktop.domain.enums import PaymentMethod
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.money import format_money

from .common import EXIT_IO, EXIT_REJECTED, EXIT_RULE, Context, LineProgress, describe_error, fail

_SHOWN_REJECTIONS = 10


def register(sub: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    imp = sub.add_parser("import", help="从 Excel/CSV 导入房屋与业主、应收账单或实收记录（全部成功或全部不导入）")
    imp.add_argument("kind", choices=["rooms", "bills", "payments"], help="rooms 房屋与业主；bills 应收账单；payments 实收")
    imp.add_argument("file", type=Path, help=".xlsx、.xls 或 .csv 文件（CSV 可为 UTF-8 或 GBK）")
    imp.add_argument("--sheet", metavar="NAME", help="工作表名称（默认第一个）")
    imp.add_argument("--estate", metavar="NAME", help="导入到此小区（只有一个小区时可省略；房屋导入时不存在则新建）")
    imp.add_argument("--method", metavar="WAY", help="实收记录没有缴费方式列时使用的方式，如 托收、银行转账")
    imp.add_argument("--dry-run", action="store_true", help="只检查并显示结果，不写入数据库")
    imp.add_argument("--report", type=Path, metavar="FILE.xlsx", help="把被拒绝的行及原因写入此文件")
    imp.add_argument("--accept-valid", action="store_true", help="有被拒绝的行时，仍导入其余有效的行")
    imp.add_argument("--create-fee-items", action="store_true",
                     help="应收账单中没有对应收费项目的名称，自动新建为收费项目（同义的名称只建一个）")
    imp.add_argument("--fee-item", action="append", default=[], metavar="文件中的名称=收费项目",
                     help="把文件中的收费项目名称对应到已有的收费项目（名称或编码），可重复，如 --fee-item 物管费=物业管理费")
    imp.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    imp.set_defaults(run=_import)

    exp = sub.add_parser("export", help="导出房屋与业主、欠费明细、催缴记录、上门记录、通知发放记录或催缴短信文件")
    what = exp.add_subparsers(dest="what", required=True, metavar="WHAT")
    for name, text in (("rooms", "房屋与业主（可再导入）"), ("arrears", "欠费明细")):
        one = what.add_parser(name, help=f"{text}，导出到 .xlsx 或 .csv")
        one.add_argument("file", type=Path, help="目标文件（.xlsx 或 .csv）")
        if name == "rooms":
            one.add_argument("--estate", metavar="NAME", help="导出此小区的房屋（只有一个小区时可省略）")
        one.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
        one.set_defaults(run=_export, estate=None)
    from . import exports

    exports.register_exports(what)


def _fee_item_lines(plan) -> list[str]:
    """What each fee-item word of a bills file stands for (nothing when every word is an item's own name)."""
    from cuijiao_desktop.domain.fee_items import BASIS_ZH
    from cuijiao_desktop.services.imports import HOW_ZH

    if all(w.how == "name" for w in plan.fee_items):
        return []
    lines = ["收费项目对应："]
    for w in plan.fee_items:
        if w.how == "create":
            target = f"新建收费项目“{w.item_name}”（{BASIS_ZH[w.basis]}）"
        elif w.how == "ambiguous":
            names = "、".join(name for _id, name in w.candidates)
            target = f"？可能是 {names}：请用 --fee-item {w.word}=项目名称 指定"
        elif w.how == "unknown":
            target = f"？未知：用 --create-fee-items 新建，或 --fee-item {w.word}=已有项目名称 指定"
        else:
            target = f"{w.item_name}（{HOW_ZH[w.how]}）"
        lines.append(f"  {w.word} → {target}，{w.rows} 行")
    return lines


def _print_plan(plan, *, committed: bool) -> None:
    from cuijiao_desktop.importing.headers import KIND_ZH

    estate = plan.estate_name + ("（新建）" if plan.estate_is_new else "")
    state = "已导入" if committed else "检查结果（未写入）"
    print(f"{KIND_ZH[plan.kind]} {state}：{plan.file_name}［{plan.sheet}］→ {estate}")
    for line in _fee_item_lines(plan):
        print(line)
    print(plan.summary_zh())
    for x in plan.rejected[:_SHOWN_REJECTIONS]:
        print(f"  第 {x.line} 行：{x.reason_text}")
    if plan.rejected_count > _SHOWN_REJECTIONS:
        print(f"  …… 另有 {plan.rejected_count - _SHOWN_REJECTIONS} 行被拒绝")


def _fee_item_choices(pairs: list[str]) -> dict[str, str] | None:
    """``["物管费=物业管理费"]`` -> ``{"物管费": "物业管理费"}``; None after printing the error."""
    choices = {}
    for pair in pairs:
        word, sep, item = pair.partition("=")
        if not sep or not word.strip() or not item.strip():
            fail(f"--fee-item 应写成“文件中的名称=收费项目”，如 --fee-item 物管费=物业管理费，不能是“{pair}”")
            return None
        choices[word.strip()] = item.strip()
    return choices


def _import(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.importing.headers import KIND_ZH, ImportKind, detect_header
    from cuijiao_desktop.importing.normalize import norm_method
    from cuijiao_desktop.importing.readers import os_reason, read_sheet
    from cuijiao_desktop.services.imports import commit_import, plan_import

    kind = ImportKind(args.kind)
    method = None
    if args.method:
        method = norm_method(args.method)
        if method is None or not isinstance(method, PaymentMethod):
            fail(getattr(method, "reason", "缴费方式无法识别"))
            return EXIT_RULE
    if kind is not ImportKind.BILLS and (args.create_fee_items or args.fee_item):
        fail("--create-fee-items 和 --fee-item 只用于导入应收账单（bills）")
        return EXIT_RULE
    choices = _fee_item_choices(args.fee_item)
    if choices is None:
        return EXIT_RULE
    if args.report is not None and args.report.suffix.lower() not in (".xlsx", ".csv"):
        fail(f"被拒绝行的报告只能写成 .xlsx 或 .csv 文件，不能是“{args.report.suffix or '无扩展名'}”")
        return EXIT_IO
    try:
        sheet = read_sheet(args.file, sheet=args.sheet)
    except DomainError as exc:
        fail(describe_error(exc))
        return EXIT_IO
    guess = detect_header(kind, sheet.rows)
    if not guess.found:
        fail(describe_error(DomainError("import.no_header", kinds=KIND_ZH[kind])))
        return EXIT_IO
    today = args.today or date.today()
    options = {"estate": args.estate, "today": today, "default_method": method}
    if kind is ImportKind.BILLS:
        options |= {"fee_item_choices": choices, "create_fee_items": args.create_fee_items}
    actor = ctx.actor
    progress = LineProgress("检查")
    with ctx.read_factory.begin() as s:
        plan = plan_import(s, sheet, guess, progress=progress, **options)
    progress.done()
    if args.report is not None:
        from cuijiao_desktop.reports.rejected_rows import write_rejected

        try:
            write_rejected(args.report, sheet, plan.header_row, plan.rejected)
        except OSError as exc:
            fail(f"无法写入被拒绝行的报告 {args.report}：{os_reason(exc, writing=True)}")
            return EXIT_IO
    if args.dry_run or (plan.rejected and not args.accept_valid):
        _print_plan(plan, committed=False)
        if plan.rejected and not args.dry_run:
            print("有被拒绝的行，未导入任何数据（修正后重试，或用 --accept-valid 只导入有效的行）")
        if args.report is not None:
            print(f"被拒绝的行已写入：{args.report}")
        return EXIT_REJECTED if plan.rejected else 0
    from cuijiao_desktop.services.tx import Transactions

    progress = LineProgress("写入")
    # staged off the write lock, published in one short transaction: other desks keep working
    result = commit_import(Transactions(ctx.factory, ctx.read_factory), sheet, guess, actor=actor,
                           accept_valid=args.accept_valid, preview=plan, progress=progress, **options)
    progress.done()
    _print_plan(result.plan, committed=True)
    if result.fee_items_created:
        print(f"已新建收费项目 {result.fee_items_created} 个：{'、'.join(result.plan.new_fee_items)}"
              "（请在 设置 → 收费项目 中补充收费标准和滞纳金规则）")
    if result.payments_created:
        print(f"已记入缴款 {result.payments_created} 笔，合计 {format_money(result.paid_fen)}")
    if args.report is not None:
        print(f"被拒绝的行已写入：{args.report}")
    return EXIT_REJECTED if result.plan.rejected else 0


def _export(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.reports.xlsx import write_table
    from cuijiao_desktop.services import exports

    suffix = args.file.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        print(f"错误：只能导出为 .xlsx 或 .csv，不能是“{args.file.suffix or '无扩展名'}”", file=sys.stderr)
        return EXIT_IO
    from cuijiao_desktop.services.export_file import export_file
    from cuijiao_desktop.services.tx import Transactions

    actor = ctx.actor
    today = args.today or date.today()

    def read(s):
        if args.what == "rooms":
            return exports.rooms_table(s, actor=actor, estate=args.estate)
        return exports.arrears_rows(s, actor=actor, today=today)

    def write(data, tmp: Path) -> int:
        if args.what == "rooms":
            return write_table(tmp, data.columns, data.rows, sheet_title=data.sheet_title, title=data.title,
                               subtitle=data.subtitle, totals_label=data.totals_label)
        from cuijiao_desktop.reports.arrears_xlsx import write_arrears_csv, write_arrears_xlsx

        if suffix == ".csv":
            return write_arrears_csv(data, tmp)
        return write_arrears_xlsx(data, tmp, title="欠费明细", subtitle=f"截至 {today.isoformat()}，共 {len(data):,} 户")

    n = export_file(Transactions(ctx.factory, ctx.read_factory), args.file, read=read, write=write,  # export shape
                    audit=lambda s, _data, n: exports.record_export(s, actor=actor, what=args.what,
                                                                   file_name=args.file.name, rows=n)).written
    print(f"已导出 {n} 行：{args.file}")
    return 0
