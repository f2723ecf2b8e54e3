"""The command line: the same services as the GUI, for scripts and the office's IT person.

    cuijiao [--db URL] [--user NAME] COMMAND …

Each command lives in a module of this package with ``register(subparsers)``; a parser sets
``run=handler`` and ``handler(args, ctx) -> exit code`` gets a :class:`~.common.Context` that
opens the database and signs the user in on first use. Errors print one line on stderr and exit
non-zero (1: refused by a rule, 2: the database or a file could not be used).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cuijiao_desktop import __version__
from cuijiao_desktop.domain.errors import DomainError

from . import arrears, data, database, demo, users
from .common import EXIT_IO, EXIT_RULE, Context, describe_error, fail

#: The command modules, in the order their commands are listed by ``--help``.
COMMAND_MODULES = (demo, database, data, users, arrears)

__all__ = ["EXIT_IO", "EXIT_RULE", "describe_error", "main", "run"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cuijiao", description="物业费催缴 命令行工具")
    p.add_argument("--version", action="version", version=f"cuijiao {__version__}")
    p.add_argument("--db", metavar="URL", help="数据库 URL（默认：$CUIJIAO_DB_URL，否则用户数据目录中的 SQLite 文件）")
    p.add_argument("--user", metavar="NAME",
                   help="以此用户身份操作（密码取自 $CUIJIAO_PASSWORD 或提示输入）；默认为系统用户 cli")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return p


def run(args: argparse.Namespace) -> int:
    """Carry out a parsed command; returns the exit code."""
    ctx = Context(args)
    try:
        return args.run(args, ctx)
    finally:
        ctx.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``cuijiao``."""
    args = _parser().parse_args(argv)
    try:
        return run(args)
    except DomainError as exc:
        fail(describe_error(exc))
        return EXIT_RULE
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except Exception as exc:
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, (SQLAlchemyError, OSError, ValueError)):
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            fail(f"无法使用数据库或文件：{first}")
            return EXIT_IO
        raise


if __name__ == "__main__":
    sys.exit(main())
