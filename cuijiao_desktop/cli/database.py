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
    db_sub.add_parser("check", help="核对账目：外键、分配行、账单金额与开具记录、已缴缓存、收款合计、预存款余额"
                      ).set_defaults(run=_check)

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
    from cuijiao_desktop.services.ledger_check import CHECKS, check_ledger

    ctx.actor  # noqa: B018 (signs in: refused without --user where the system identity is not allowed)
    with ctx.read_factory.begin() as s:
        problems = check_ledger(s)
    for p in problems:
        print(p)
    if not problems:
        print(f"账目一致（已核对：{'、'.join(CHECKS.values())}）")
        return 0
    counts: dict[str, int] = {}
    for p in problems:
        counts[CHECKS[p.check]] = counts.get(CHECKS[p.check], 0) + 1
    print(f"发现 {len(problems)} 处不一致：" + "，".join(f"{k} {v}" for k, v in counts.items()))
    return EXIT_RULE


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
