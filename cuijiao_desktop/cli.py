"""The command line: the same services as the GUI, for scripts and the office's IT person.

    cuijiao [--db URL] [--user NAME] COMMAND …

Errors print one line on stderr and exit non-zero (1: refused by a rule, 2: the
database or a file could not be used).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

from cuijiao_desktop import __version__
from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.domain.errors import DomainError

EXIT_RULE = 1
EXIT_IO = 2

def describe_error(exc: BaseException) -> str:
    """One line of Chinese for an error (the GUI's wording, through its zh_CN translation)."""
    from cuijiao_desktop import messages

    with messages.translated_without_app("zh_CN"):
        return messages.error_message(exc).replace("\n", " ")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cuijiao", description="物业费催缴 命令行工具")
    p.add_argument("--version", action="version", version=f"cuijiao {__version__}")
    p.add_argument("--db", metavar="URL", help="数据库 URL（默认：$CUIJIAO_DB_URL，否则用户数据目录中的 SQLite 文件）")
    p.add_argument("--user", metavar="NAME",
                   help="以此用户身份操作（密码取自 $CUIJIAO_PASSWORD 或提示输入）；默认为系统用户 cli")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", help="在空数据库中生成逼真的演示数据")
    demo.add_argument("--rooms", type=int, default=2000, help="房间数（默认 2000）")
    demo.add_argument("--months", type=int, default=36, help="账单月数（默认 36）")
    demo.add_argument("--seed", type=int, default=1, help="随机种子：相同种子生成相同数据")
    demo.add_argument("--today", type=date.fromisoformat, help="以此日期为“今天”（YYYY-MM-DD）")

    db = sub.add_parser("db", help="数据库维护")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_sub.add_parser("upgrade", help="备份后升级到最新结构")
    db_sub.add_parser("status", help="显示数据库位置与结构版本")
    db_sub.add_parser("check", help="核对账目：缓存的已缴金额与收款分配是否一致")

    backup = sub.add_parser("backup", help="备份数据库")
    backup.add_argument("--out", type=Path, help="备份文件（默认：数据目录 backups/ 下带时间的文件）")

    user = sub.add_parser("user", help="用户管理")
    user_sub = user.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    add = user_sub.add_parser("add", help="新增用户（密码取自 $CUIJIAO_NEW_PASSWORD 或提示输入）")
    add.add_argument("username")
    add.add_argument("--name", required=True, help="显示名")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    user_sub.add_parser("list", help="列出用户")
    return p


def _url(args: argparse.Namespace) -> str:
    from cuijiao_desktop.datadir import resolve_database_url

    return resolve_database_url(args.db)[0]


def _actor(args: argparse.Namespace, factory):
    from cuijiao_desktop.services import auth
    from cuijiao_desktop.services.dto import CLI_USER

    if not args.user:
        return CLI_USER
    password = os.environ.get("CUIJIAO_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise DomainError("cli.password_required", variable="CUIJIAO_PASSWORD")
        password = getpass.getpass(f"{args.user} 的密码：")
    with factory.begin() as s:
        attempt = auth.attempt_login(s, username=args.user, password=password)
    if attempt.error is not None:
        raise attempt.error
    return attempt.user


def _new_password(username: str) -> str:
    password = os.environ.get("CUIJIAO_NEW_PASSWORD")
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise DomainError("cli.password_required", variable="CUIJIAO_NEW_PASSWORD")
    first = getpass.getpass(f"{username} 的新密码：")
    if getpass.getpass("再输入一次：") != first:
        raise DomainError("auth.passwords_differ")
    return first


def _progress(done: int, total: int, text: str) -> None:
    if sys.stderr.isatty():
        pct = 100 * done // total if total else 100
        print(f"\r{text} {pct:3d}%", end="", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    """Carry out a parsed command; returns the exit code."""
    from cuijiao_desktop.db.engine import describe_url, make_engine, make_session_factory, sqlite_path
    from cuijiao_desktop.db.migrate import current_revision, head_revision, prepare_database

    url = _url(args)
    if args.command == "db" and args.db_command == "upgrade":
        backup = prepare_database(url)
        print(f"数据库已是最新结构（{head_revision()}）：{describe_url(url)}")
        if backup:
            print(f"升级前备份：{backup}")
        return 0
    if args.command == "backup":
        from cuijiao_desktop.services.maintenance import backup_database

        out = args.out
        if out is None:
            from cuijiao_desktop.datadir import app_data_dir

            suffix = ".sqlite3" if sqlite_path(url) is not None else ".dump"  # pg_dump's custom format
            out = app_data_dir() / "backups" / f"cuijiao-{datetime.now():%Y%m%d-%H%M%S}{suffix}"
        print(f"已备份到：{backup_database(url, out)}")
        return 0

    prepare_database(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    try:
        if args.command == "db" and args.db_command == "status":
            print(f"数据库：{describe_url(url)}")
            print(f"结构版本：{current_revision(engine)}（最新：{head_revision()}）")
            return 0
        actor = _actor(args, factory)
        if args.command == "db" and args.db_command == "check":
            from cuijiao_desktop.services.payments import ledger_discrepancies

            with factory() as s:
                problems = ledger_discrepancies(s)
            for line in problems:
                print(line)
            print("账目一致" if not problems else f"发现 {len(problems)} 处不一致")
            return 0 if not problems else EXIT_RULE
        if args.command == "demo":
            from cuijiao_desktop.services.demo import DEMO_PASSWORD, DEMO_USERS, build_demo

            started = time.perf_counter()
            summary = build_demo(engine, rooms=args.rooms, months=args.months, seed=args.seed, today=args.today,
                                 progress=_progress)
            if sys.stderr.isatty():
                print(file=sys.stderr)
            counts = ", ".join(f"{k}={v}" for k, v in asdict(summary).items() if isinstance(v, int))
            print(f"演示数据已生成（{time.perf_counter() - started:.1f} 秒）：{counts}")
            print(f"演示用户：{', '.join(u[0] for u in DEMO_USERS)}；密码：{DEMO_PASSWORD}")
            return 0
        if args.command == "user":
            from cuijiao_desktop.services import auth

            if args.user_command == "list":
                with factory() as s:
                    for u in auth.list_users(s):
                        print(f"{u.username}\t{u.display_name}\t{u.role.value}")
                return 0
            password = _new_password(args.username)
            with factory.begin() as s:
                new = auth.create_user(s, actor=actor, username=args.username, display_name=args.name,
                                       role=Role(args.role), password=password)
            print(f"已新增用户 {new.username}（{new.role.value}）")
            return 0
    finally:
        engine.dispose()
    raise AssertionError(args.command)  # argparse only lets known commands through


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``cuijiao``."""
    args = _parser().parse_args(argv)
    try:
        return run(args)
    except DomainError as exc:
        print(f"错误：{describe_error(exc)}", file=sys.stderr)
        return EXIT_RULE
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except Exception as exc:
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, (SQLAlchemyError, OSError, ValueError)):
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            print(f"错误：无法使用数据库或文件：{first}", file=sys.stderr)
            return EXIT_IO
        raise


if __name__ == "__main__":
    sys.exit(main())
