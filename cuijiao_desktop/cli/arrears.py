"""``arrears refresh|status``: the arrears cache (欠费汇总) behind the 欠费 page and exports."""

from __future__ import annotations

import argparse
from datetime import date

from .common import Context


def register(sub: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    arrears = sub.add_parser("arrears", help="欠费汇总（欠费页面与导出所用的缓存）")
    arrears_sub = arrears.add_subparsers(dest="arrears_command", required=True, metavar="ACTION")
    refresh = arrears_sub.add_parser(
        "refresh", help="把欠费汇总更新到今天：重算有变动的房间；换了一天或加 --full 时全部重算")
    refresh.add_argument("--today", type=date.fromisoformat, metavar="YYYY-MM-DD", help="以此日期为“今天”")
    refresh.add_argument("--full", action="store_true", help="全部重算（核对不一致后修复用）")
    refresh.set_defaults(run=_refresh)
    arrears_sub.add_parser("status", help="欠费汇总对应的日期、有变动待重算的房间数").set_defaults(run=_status)


def _refresh(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.services.arrears_cache import refresh_arrears_cache

    today = args.today or date.today()
    actor = ctx.actor
    with ctx.factory.begin() as s:
        done = refresh_arrears_cache(s, actor=actor, today=today, full=args.full)
    how = "全部重算" if done.rebuilt else "重算有变动的房间"
    print(f"欠费汇总已更新到 {done.as_of.isoformat()}：{how}，{done.rooms:,} 户，用时 {done.seconds:.2f} 秒")
    return 0


def _status(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.services.arrears_cache import arrears_cache_status

    ctx.actor  # noqa: B018 (signs in: refused without --user where the system identity is not allowed)
    with ctx.read_factory.begin() as s:
        status = arrears_cache_status(s)
    if status.as_of is None:
        print("欠费汇总尚未建立（欠费页面直接按账单计算；运行 cuijiao arrears refresh 建立）")
    else:
        print(f"欠费汇总对应日期：{status.as_of.isoformat()}，欠费 {status.cached_rooms:,} 户，"
              f"有变动待重算 {status.dirty_rooms:,} 户")
    return 0
