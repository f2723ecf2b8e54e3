"""``db upgrade|status|check`` and ``backup``."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from .common import EXIT_RULE, Context


def register(sub: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    db = sub.add_parser("db", help="数据库维护")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_sub.add_parser("upgrade", help="备份后升级到最新结构").set_defaults(run=_upgrade)
    db_sub.add_parser("status", help="显示数据库位置与结构版本").set_defaults(run=_status)
    db_sub.add_parser("check", help="核对账目：缓存的已缴金额与收款分配是否一致").set_defaults(run=_check)

    backup = sub.add_parser("backup", help="备份数据库")
    backup.add_argument("--out", type=Path, help="备份文件（默认：数据目录 backups/ 下带时间的文件）")
    backup.set_defaults(run=_backup)


def _upgrade(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.db.engine import describe_url
    from cuijiao_desktop.db.migrate import head_revision, prepare_database

    backup = prepare_database(ctx.url)
    print(f"数据库已是最新结构（{head_revision()}）：{describe_url(ctx.url)}")
    if backup:
        print(f"升级前备份：{backup}")
    return 0


def _status(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.db.engine import describe_url
    from cuijiao_desktop.db.migrate import current_revision, head_revision

    print(f"数据库：{describe_url(ctx.url)}")
    print(f"结构版本：{current_revision(ctx.engine)}（最新：{head_revision()}）")
    return 0


def _check(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.services.arrears_cache import arrears_cache_discrepancies
    from cuijiao_desktop.services.payments import ledger_discrepancies

    ctx.actor  # noqa: B018 (signs in: refused without --user where the system identity is not allowed)
    with ctx.read_factory.begin() as s:
        problems = ledger_discrepancies(s)
        problems += arrears_cache_discrepancies(s)  # the arrears cache against the bills (issue 9)
    for line in problems:
        print(line)
    print("账目一致" if not problems else f"发现 {len(problems)} 处不一致")
    return 0 if not problems else EXIT_RULE


def _backup(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.db.engine import sqlite_path
    from cuijiao_desktop.services.maintenance import backup_database

    out = args.out
    if out is None:
        from cuijiao_desktop.datadir import app_data_dir

        suffix = ".sqlite3" if sqlite_path(ctx.url) is not None else ".dump"  # pg_dump's custom format
        out = app_data_dir() / "backups" / f"cuijiao-{datetime.now():%Y%m%d-%H%M%S}{suffix}"
    print(f"已备份到：{backup_database(ctx.url, out)}")
    return 0
