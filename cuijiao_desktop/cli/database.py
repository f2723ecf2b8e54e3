"""``db upgrade|status|check``, ``backup`` and ``restore``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cuijiao_desktop.domain.errors import DomainError

from .common import EXIT_RULE, Context, LineProgress


def register(sub: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    db = sub.add_parser("db", help="数据库维护")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    up = db_sub.add_parser("upgrade", help="备份后升级到最新结构（已是最新时什么也不做）")
    up.add_argument("--no-backup", action="store_true",
                    help="不备份直接升级（仅当 PostgreSQL 服务器上没有 pg_dump 且已另行备份时使用）")
    up.set_defaults(run=_upgrade, migrate=False)
    db_sub.add_parser("status", help="显示数据库位置、结构版本与最近备份").set_defaults(run=_status)
    db_sub.add_parser("check", help="核对账目：缓存的已缴金额与收款分配是否一致").set_defaults(run=_check)

    backup = sub.add_parser("backup", help="备份数据库（记入备份记录；自动命名的旧备份按保留天数清理）")
    backup.add_argument("--out", type=Path, help="备份文件（默认：数据目录 backups/ 下带时间的文件）")
    backup.set_defaults(run=_backup)

    restore = sub.add_parser("restore", help="从备份恢复：先恢复到新文件并检查完整性与账目，通过后才替换当前数据库")
    restore.add_argument("file", type=Path, help="备份文件（SQLite 的 .sqlite3，或 PostgreSQL 的 pg_dump 文件）")
    restore.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    restore.set_defaults(run=_restore)


def keep_days() -> int:
    """This desk's retention of automatic backups (设置 → 数据库)."""
    from cuijiao_desktop.settings import Keys, UiSettings

    return max(1, UiSettings().get(Keys.BACKUP_KEEP_DAYS))


def _upgrade(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.db.engine import describe_url
    from cuijiao_desktop.db.migrate import head_revision, prepare_database

    prepared = prepare_database(ctx.url, keep_days=keep_days(), backup=not args.no_backup)
    if prepared.upgraded:
        before = prepared.before or "空数据库"
        print(f"已从 {before} 升级到最新结构（{head_revision()}）：{describe_url(ctx.url)}")
    else:
        print(f"数据库已是最新结构（{head_revision()}）：{describe_url(ctx.url)}")
    if prepared.backup:
        print(f"升级前备份：{prepared.backup}")
    return 0


def _status(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.db.engine import describe_url
    from cuijiao_desktop.db.migrate import current_revision, head_revision
    from cuijiao_desktop.messages import format_local_datetime
    from cuijiao_desktop.services.backups import last_backup

    print(f"数据库：{describe_url(ctx.url)}")
    print(f"结构版本：{current_revision(ctx.engine)}（最新：{head_revision()}）")
    with ctx.read_factory.begin() as s:
        last = last_backup(s)
    if last is None:
        print("最近备份：从未备份")
    else:
        print(f"最近备份：{format_local_datetime(last.taken_at)}（{last.host}：{last.path}）")
    return 0


def _check(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.services.payments import ledger_discrepancies

    ctx.actor  # noqa: B018 (signs in: refused without --user where the system identity is not allowed)
    with ctx.read_factory.begin() as s:
        problems = ledger_discrepancies(s)
    for line in problems:
        print(line)
    print("账目一致" if not problems else f"发现 {len(problems)} 处不一致")
    return 0 if not problems else EXIT_RULE


def _backup(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.db.engine import sqlite_path
    from cuijiao_desktop.services.backups import manual_backup

    db_file = sqlite_path(ctx.url)
    if db_file is not None and not db_file.exists():  # never create an empty file only to back it up
        raise DomainError("backup.no_database", path=str(db_file))
    actor = ctx.actor
    ctx.engine.dispose()
    record = manual_backup(ctx.url, args.out, actor=actor, keep_days=keep_days())
    print(f"已备份到：{record.path}")
    return 0


def _restore(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.db.engine import describe_url
    from cuijiao_desktop.services.backups import restore_database

    actor = ctx.actor
    if not args.yes:
        if not sys.stdin.isatty():
            raise DomainError("restore.confirm_required")
        answer = input(f"用 {args.file} 替换 {describe_url(ctx.url)} 中的全部数据？当前数据会先备份。输入 yes 继续：")
        if answer.strip().lower() not in ("yes", "y", "是"):
            print("已取消，未做任何更改")
            return EXIT_RULE
    ctx.engine.dispose()  # no connection of this command may hold the database while it is switched
    progress = LineProgress("恢复")
    report = restore_database(ctx.url, args.file, actor=actor, keep_days=keep_days(), progress=progress)
    progress.done()
    print(f"已从 {report.source} 恢复（结构版本 {report.revision or '—'}，已升级到最新），账目一致")
    if report.safety_backup:
        print(f"恢复前的数据已备份到：{report.safety_backup}")
    if report.replaced_database:
        print(f"原数据库已改名为 {report.replaced_database}（确认无误后可删除）")
    return 0
