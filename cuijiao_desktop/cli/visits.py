"""``visits``: print a day's visit sheets (上门催缴路线单), one per team, or one team's."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from cuijiao_desktop.domain.money import format_money

from .common import EXIT_IO, EXIT_RULE, Context, LineProgress, check_pdf_path


def register(sub: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    v = sub.add_parser("visits", help="打印某天的上门催缴路线单（按小组，按小区、楼栋、单元、楼层的行走顺序）")
    v.add_argument("--date", dest="day", type=date.fromisoformat, required=True, metavar="YYYY-MM-DD",
                   help="上门的日期")
    v.add_argument("--team", metavar="NAME", help="只打印这个小组（小组名称，或组员的用户名、姓名）；默认每个小组一份")
    v.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="输出的 PDF 文件")
    v.set_defaults(run=_visits)


def _visits(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.reports.visit_sheet_pdf import render_visit_sheet, team_stops
    from cuijiao_desktop.services.office import get_office
    from cuijiao_desktop.services.visits import visit_route

    if not check_pdf_path(args.out):
        return EXIT_IO
    day = args.day
    actor = ctx.actor
    with ctx.read_factory.begin() as s:
        route = visit_route(s, actor=actor, day=day, team=args.team)
        everyone = visit_route(s, actor=actor, day=day) if args.team and not route.stops else route
        office = get_office(s)
    if not route.stops:
        if not args.team:
            print(f"错误：{day.isoformat()} 没有待上门的安排（已计划或已确认的上门），未生成文件", file=sys.stderr)
        else:
            teams = "、".join(label or "（未编组）" for label, _ in team_stops(everyone))
            others = f"；当天有上门安排的小组：{teams}" if teams else "；当天没有任何上门安排"
            print(f"错误：小组“{args.team}”在 {day.isoformat()} 没有待上门的安排{others}。未生成文件", file=sys.stderr)
        return EXIT_RULE
    from cuijiao_desktop.services.export_file import export_file
    from cuijiao_desktop.services.tx import Transactions
    from cuijiao_desktop.services.visits.route_print import record_visit_sheet_print

    progress = LineProgress("生成路线单")
    try:
        path = export_file(  # the print is audited; a failed write records nothing (services/export_file.py)
            Transactions(ctx.factory, ctx.read_factory), args.out, read=lambda _s: route,
            write=lambda _route, tmp: render_visit_sheet(route, tmp, office=office, progress=progress),
            audit=lambda s, _route, _p: record_visit_sheet_print(s, actor=actor, route=route, file_name=args.out.name),
        ).path
    finally:
        progress.done()
    teams = team_stops(route)
    print(f"已生成上门催缴路线单：{day.isoformat()}，{len(teams)} 个小组，{len(route.stops)} 户：{path}")
    for label, stops in teams:
        owed = sum(x.arrears_fen for x in stops)
        print(f"  {label or '（未编组）'}：{len(stops)} 户，欠费合计 {format_money(owed)}")
    print("本次打印已记入审计日志。")
    return 0
