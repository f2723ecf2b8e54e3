"""``db upgrade|status|check``, ``backup`` and ``restore``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.permissions import Permission

from .common import EXIT_IO, EXIT_RULE, Context, LineProgress


def register(sub: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    db = sub.add_parser("db", help="数据库维护")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    up = db_sub.add_parser("upgrade", help="备份后升级到最新结构（管理员；已是最新时什么也不做）")
    up.add_argument("--no-backup", action="store_true",
                    help="不备份直接升级（仅当 PostgreSQL 服务器上没有 pg_dump 且已另行备份时使用）")
    up.set_defaults(run=_upgrade, migrate=False, permission=Permission.MAINTAIN_DATABASE)
    db_sub.add_parser("status", help="显示数据库位置、结构版本与最近备份").set_defaults(run=_status)
    db_sub.add_parser("check", help="核对账目：外键、分配行、账单金额与开具记录、已缴缓存、收款合计、预存款余额"
                      ).set_defaults(run=_check)
    roles = db_sub.add_parser(
        "init-roles", help="PostgreSQL：建立迁移角色（拥有表结构）与程序角色（账目表只能查询和新增），打印或执行 SQL",
        description="以超级用户连接（--db）。不加 --apply 只打印将执行的 SQL。角色密码取自 "
                    "$CUIJIAO_OWNER_ROLE_PASSWORD 与 $CUIJIAO_APP_ROLE_PASSWORD（不会打印）。可重复执行。")
    roles.add_argument("--owner-role", required=True, metavar="NAME", help="迁移角色：拥有表结构，用于 db upgrade")
    roles.add_argument("--app-role", required=True, metavar="NAME", help="程序角色：各前台电脑用它连接")
    roles.add_argument("--apply", action="store_true", help="执行（默认只打印）")
    roles.set_defaults(run=_init_roles, permission=Permission.MAINTAIN_DATABASE)

    backup = sub.add_parser("backup", help="备份数据库（管理员；记入备份记录；自动命名的旧备份按保留天数清理）")
    backup.add_argument("--out", type=Path, help="备份文件（默认：数据目录 backups/ 下带时间的文件）")
    backup.set_defaults(run=_backup, permission=Permission.BACKUP)

    restore = sub.add_parser(
        "restore", help="从备份恢复：先恢复到新文件并检查完整性与账目，通过后才替换当前数据库（管理员）",
        description="PostgreSQL：以迁移角色连接（--db postgresql://迁移角色@服务器/库名），它拥有数据库并可建立数据库；"
                    "恢复前请关闭各前台的程序。")
    restore.add_argument("file", type=Path, help="备份文件（SQLite 的 .sqlite3，或 PostgreSQL 的 pg_dump 文件）")
    restore.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    restore.set_defaults(run=_restore, permission=Permission.MAINTAIN_DATABASE)


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
    if prepared.upgraded and ctx.args.user:  # signed in after the upgrade: note it in the audit log
        from cuijiao_desktop.services import audit

        with ctx.factory.begin() as s:
            audit.record(s, ctx.actor, "db.upgrade", "database", None, before=prepared.before,
                         after=head_revision())
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


_PROBLEMS = {
    "same_role": "迁移角色与程序角色不能是同一个",
    "app_superuser": "程序角色 {app} 是超级用户（或可绕过行级安全），这样任何限制都无效：请换一个角色",
    "app_member_of_owner": "程序角色 {app} 是迁移角色 {owner} 的成员，会继承表的所有权：请换一个角色",
}


def _init_roles(args: argparse.Namespace, ctx: Context) -> int:
    import os
    import sys

    from cuijiao_desktop.db import roles
    from cuijiao_desktop.db.engine import make_engine

    if not ctx.url.startswith("postgresql"):
        print("错误：init-roles 只用于 PostgreSQL 数据库（本机 SQLite 文件不需要数据库角色）", file=sys.stderr)
        return EXIT_IO
    engine = make_engine(ctx.url)
    try:
        with engine.begin() as conn:
            plan = roles.plan(conn, owner=args.owner_role, app=args.app_role)
            if plan.problems:
                for p in plan.problems:
                    if p.startswith("invalid_name:"):
                        text = f"角色名“{p.split(':', 1)[1]}”无效：只用小写字母、数字和下划线，不以数字或 pg_ 开头"
                    else:
                        text = _PROBLEMS[p].format(app=args.app_role, owner=args.owner_role)
                    print(f"错误：{text}", file=sys.stderr)
                return EXIT_RULE
            if not args.apply:
                print("-- 以超级用户执行（或用 cuijiao db init-roles --apply）")
                for stmt in plan.statements:
                    print(f"{stmt};")
                for name in plan.roles_to_create:
                    print(f"-- 然后为 {name} 设置密码：ALTER ROLE {name} PASSWORD '……';")
                return 0
            if not roles.is_superuser(conn):
                print("错误：执行需要以 PostgreSQL 超级用户连接（--db postgresql+psycopg://postgres@主机/库名）",
                      file=sys.stderr)
                return EXIT_RULE
            passwords = {name: os.environ[var] for name, var in
                         ((args.owner_role, "CUIJIAO_OWNER_ROLE_PASSWORD"), (args.app_role, "CUIJIAO_APP_ROLE_PASSWORD"))
                         if os.environ.get(var)}
            roles.apply(conn, plan, passwords)
    finally:
        engine.dispose()
    print(f"已设置：{args.owner_role} 拥有表结构（用它运行 db upgrade），{args.app_role} 供各前台连接"
          f"（账目表与审计日志只能查询和新增）。共执行 {len(plan.statements)} 条语句。")
    missing = [n for n in plan.roles_to_create if n not in passwords]
    for name in missing:
        print(f"提示：角色 {name} 尚无密码，请设置：ALTER ROLE {name} PASSWORD '……';")
    return 0
