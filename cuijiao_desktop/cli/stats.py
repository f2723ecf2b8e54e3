"""``stats``: the monthly statistics (月度统计) as JSON or a workbook, and the month close (月结).

    cuijiao stats --month 2026-03 [--as-of 2026-04-05] [--estate 锦绣] --format json
    cuijiao stats --month 2026-03 --out 2026-03.xlsx
    cuijiao stats close --month 2026-03
    cuijiao stats reopen --month 2026-03 --reason "补录三月缴款"

A closed month prints its frozen figures unless ``--as-of`` asks for another day.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.office_time import local_date

from .common import EXIT_IO, Context, fail


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期，请写成 2026-03-31") from None


def _month(text: str) -> str:
    from cuijiao_desktop.domain.billing import parse_period, period_text
    from cuijiao_desktop.domain.errors import ValidationError

    try:
        return period_text(parse_period(text))
    except ValidationError:
        raise argparse.ArgumentTypeError(f"“{text}”不是月份，请写成 2026-03") from None


def _xlsx(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() != ".xlsx":
        raise argparse.ArgumentTypeError(f"统计工作簿只能写成 .xlsx 文件，不能是“{path.suffix or '无扩展名'}”")
    return path


def register(sub: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    stats = sub.add_parser(
        "stats", help="月度统计：收缴率、欠费追回、账龄等（JSON 或 Excel 工作簿）；月结与反月结",
        description="输出某月的统计数字（--format json）或统计工作簿（--out 文件.xlsx）。已月结的月份输出月结时的数字。")
    stats.add_argument("--month", type=_month, metavar="YYYY-MM", help="统计月份，例如 2026-03")
    stats.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", help="截止日期（默认该月最后一天）")
    stats.add_argument("--estate", metavar="NAME", help="只统计此小区（名称或编号）")
    stats.add_argument("--format", choices=["json"], help="输出格式：json（默认）")
    stats.add_argument("--out", type=_xlsx, metavar="FILE.xlsx", help="写出统计工作簿")
    stats.set_defaults(run=_report)
    actions = stats.add_subparsers(dest="stats_command", required=False, metavar="ACTION")
    close = actions.add_parser("close", help="月结：冻结该月的统计数字（财务）")
    close.add_argument("--month", type=_month, metavar="YYYY-MM", required=True, help="要月结的月份")
    close.set_defaults(run=_close)
    reopen = actions.add_parser("reopen", help="反月结：重新开放已月结的月份（财务，需填写原因）")
    reopen.add_argument("--month", type=_month, metavar="YYYY-MM", required=True, help="要反月结的月份")
    reopen.add_argument("--reason", required=True, help="反月结的原因")
    reopen.set_defaults(run=_reopen)


def _report(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.services.stats import month_report

    if not args.month:
        fail("缺少 --month（统计月份，例如 --month 2026-03）")
        return EXIT_IO
    actor = ctx.actor
    if args.out is None:
        with ctx.read_factory.begin() as s:
            stats = month_report(s, args.month, as_of=args.as_of, estate=args.estate, summary_only=True)
        print(json.dumps(stats.to_json(), ensure_ascii=False, indent=2))
        if stats.closed_at is not None:
            print(f"（{stats.month} 已月结：{stats.closed_by}，{local_date(stats.closed_at).isoformat()}）",
                  file=sys.stderr)
        return 0
    from cuijiao_desktop.domain.permissions import Permission
    from cuijiao_desktop.reports.stats_xlsx import write_stats_workbook
    from cuijiao_desktop.services.actor import authorize
    from cuijiao_desktop.services.export_file import export_file
    from cuijiao_desktop.services.exports import record_export
    from cuijiao_desktop.services.tx import Transactions

    def read(s):  # the workbook holds owners' names and phones: allowed and audited
        allowed = authorize(s, actor, Permission.EXPORT_PERSONAL_DATA)
        return allowed, month_report(s, args.month, as_of=args.as_of, estate=args.estate)

    def audit(s, data, _path) -> None:
        record_export(s, actor=data[0], what="stats", file_name=args.out.name, rows=len(data[1].details),
                      **data[1].audit_detail())

    stats = export_file(Transactions(ctx.factory, ctx.read_factory), args.out, read=read, audit=audit,  # export shape
                        write=lambda data, tmp: write_stats_workbook(data[1], tmp)).data[1]
    print(f"已写出 {stats.month} 统计工作簿：{args.out}")
    return 0


def _close(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.domain.errors import PermissionDenied
    from cuijiao_desktop.domain.permissions import Permission
    from cuijiao_desktop.services.stats import close_month, prepare_close

    actor = ctx.actor
    if not actor.can(Permission.CLOSE_MONTH):  # say so before the computation (the service checks again)
        raise PermissionDenied("auth.permission_denied", role=str(actor.role), permission=Permission.CLOSE_MONTH.value)
    with ctx.read_factory.begin() as s:  # computed without the write lock
        prepared = prepare_close(s, args.month)
    with ctx.factory.begin() as s:
        stats = close_month(s, actor, args.month, prepared=prepared)
    t = stats.total
    print(f"{stats.month} 已月结：当月应收 {format_money(t.billed_fen)}，当月实收 {format_money(t.collected_fen)}，"
          f"期末欠费 {format_money(t.closing_arrears_fen)}")
    return 0


def _reopen(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.services.stats import reopen_month

    actor = ctx.actor
    with ctx.factory.begin() as s:
        reopen_month(s, actor, args.month, args.reason)
    print(f"{args.month} 已反月结，原因：{args.reason.strip()}")
    return 0
