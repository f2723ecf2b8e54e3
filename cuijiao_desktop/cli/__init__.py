"""The command line: the same services as the GUI, for scripts and the office's IT person.

    cuijiao [--db URL] [--user NAME] COMMAND …

Each command lives in a module of this package with ``register(subparsers)``; a parser sets
``run=handler`` and ``handler(args, ctx) -> exit code`` gets a :class:`~.common.Context` that
opens the database and signs the user in on first use. Errors print one line on stderr and exit
non-zero (1: refused by a rule, 2: the database or a file could not be used, 4: an unexpected error,
whose traceback goes to the log file in the data folder).

Before any work, :meth:`~.common.Context.preflight` settles who acts: on PostgreSQL a database with
users needs ``--user`` and its password, and a command may declare the permission it needs with
``set_defaults(permission=Permission.X)`` (upgrades, backups, restores, user management: administrators).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cuijiao_desktop import __version__
from cuijiao_desktop.domain.errors import DomainError

from . import arrears, audit, billing, cases, data, database, demo, printroom, stats, users, worklist
from .common import EXIT_IO, EXIT_RULE, EXIT_UNEXPECTED, ArgumentParser, Context, describe_error, fail

#: The command modules, in the order their commands are listed by ``--help``.
COMMAND_MODULES = (demo, database, data, users, audit, billing, arrears, worklist, cases, printroom, stats)

__all__ = ["EXIT_IO", "EXIT_RULE", "EXIT_UNEXPECTED", "describe_error", "main", "run"]


def _parser() -> argparse.ArgumentParser:
    p = ArgumentParser(prog="cuijiao", description="物业费催缴 命令行工具")
    p.add_argument("--version", action="version", version=f"cuijiao {__version__}")
    p.add_argument("--db", metavar="URL", help="数据库 URL（默认：$CUIJIAO_DB_URL，否则用户数据目录中的 SQLite 文件）")
    p.add_argument("--user", metavar="NAME",
                   help="以此用户身份操作（密码取自 $CUIJIAO_PASSWORD 或提示输入）。PostgreSQL 数据库有用户后必须指定；"
                        "未指定时为系统用户 cli（仅限本机 SQLite 文件或尚无用户的数据库）")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return p


def run(args: argparse.Namespace) -> int:
    """Carry out a parsed command; returns the exit code."""
    ctx = Context(args)
    try:
        ctx.preflight(getattr(args, "permission", None))
        return args.run(args, ctx)
    finally:
        ctx.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``cuijiao``."""
    args = _parser().parse_args(argv)
    from cuijiao_desktop import logfile

    logfile.install()
    try:
        return run(args)
    except DomainError as exc:
        fail(describe_error(exc))
        return EXIT_RULE
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 (last resort: logged with its traceback, one line shown)
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, (SQLAlchemyError, OSError, ValueError)):
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            fail(f"无法使用数据库或文件：{first}")
            return EXIT_IO
        logfile.log_unexpected(exc, f"cuijiao {' '.join(sys.argv[1:2])}")
        where = logfile.current_path()
        fail(f"意外错误（{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}）"
             + (f"，详情已记入日志 {where}" if where else ""))
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
