"""What every command shares: exit codes, error wording, progress lines, and the context that opens
the database and resolves the acting user on first use."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from functools import cached_property
from typing import Any

from cuijiao_desktop.domain.errors import DomainError

EXIT_RULE = 1
EXIT_IO = 2
EXIT_REJECTED = 3


def describe_error(exc: BaseException) -> str:
    """One line of Chinese for an error (the GUI's wording, through its zh_CN translation)."""
    from cuijiao_desktop import messages

    with messages.translated_without_app("zh_CN"):
        return messages.error_message(exc).replace("\n", " ")


def fail(text: str) -> None:
    """Print one error line on stderr."""
    print(f"错误：{text}", file=sys.stderr)


def progress(done: int, total: int, text: str) -> None:
    """A progress line on a terminal; silent otherwise."""
    if sys.stderr.isatty():
        pct = 100 * done // total if total else 100
        print(f"\r{text} {pct:3d}%", end="", file=sys.stderr, flush=True)


class LineProgress:
    """Progress on stderr: one updating line on a terminal, a line per 10 % otherwise (logs, tests)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.last = -10
        self.last_text = ""

    def __call__(self, done: int, total: int, text: str = "") -> None:
        pct = 100 * done // total if total else 0
        if sys.stderr.isatty():
            print(f"\r{self.label}{text and '：' + text} {pct:3d}%", end="", file=sys.stderr, flush=True)
        elif pct >= self.last + 10 or text != self.last_text:  # every 10 %, and each new step
            self.last = pct - pct % 10
            self.last_text = text
            print(f"{self.label}{text and '：' + text} {pct}%", file=sys.stderr, flush=True)

    def done(self) -> None:
        if sys.stderr.isatty():
            print(file=sys.stderr)


def new_password(username: str) -> str:
    """A new password from ``$CUIJIAO_NEW_PASSWORD`` or typed twice at a terminal."""
    password = os.environ.get("CUIJIAO_NEW_PASSWORD")
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise DomainError("cli.password_required", variable="CUIJIAO_NEW_PASSWORD")
    first = getpass.getpass(f"{username} 的新密码：")
    if getpass.getpass("再输入一次：") != first:
        raise DomainError("auth.passwords_differ")
    return first


class Context:
    """The database of one command, opened (migrated) on first use, and the acting user.

    ``factory`` writes, ``read_factory`` only reads (no write lock: see ``db/engine.py``).
    """

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args

    @cached_property
    def url(self) -> str:
        from cuijiao_desktop.datadir import resolve_database_url

        return resolve_database_url(self.args.db)[0]

    @cached_property
    def engine(self) -> Any:
        """The database, upgraded first when its schema is older (with a backup before the upgrade;
        a database at the newest schema is opened as it is: no backup per command)."""
        from cuijiao_desktop.db.engine import make_engine
        from cuijiao_desktop.db.migrate import prepare_database

        from .database import keep_days

        if getattr(self.args, "migrate", True):
            prepared = prepare_database(self.url, keep_days=keep_days())
            if prepared.upgraded and prepared.before is not None:
                note = f"（升级前备份：{prepared.backup}）" if prepared.backup else ""
                print(f"数据库结构已从 {prepared.before} 升级到 {prepared.after}{note}", file=sys.stderr)
        return make_engine(self.url)

    @cached_property
    def factory(self) -> Any:
        from cuijiao_desktop.db.engine import make_session_factory

        return make_session_factory(self.engine)

    @cached_property
    def read_factory(self) -> Any:
        from cuijiao_desktop.db.engine import make_read_session_factory

        return make_read_session_factory(self.engine)

    @cached_property
    def actor(self) -> Any:
        """``--user NAME`` signed in with its password, else the system identity ``cli`` (which the
        services accept only on a local SQLite file or a database without users)."""
        from cuijiao_desktop.services import auth
        from cuijiao_desktop.services.dto import CLI_USER

        if not self.args.user:
            return CLI_USER
        password = os.environ.get("CUIJIAO_PASSWORD")
        if password is None:
            if not sys.stdin.isatty():
                raise DomainError("cli.password_required", variable="CUIJIAO_PASSWORD")
            password = getpass.getpass(f"{self.args.user} 的密码：")
        with self.factory.begin() as s:
            attempt = auth.attempt_login(s, username=self.args.user, password=password, client="cli")
        if attempt.error is not None:
            raise attempt.error
        return attempt.user

    def close(self) -> None:
        """End the command's sign-in and dispose of the engine, if they were opened."""
        if "actor" in self.__dict__ and self.__dict__["actor"].token:
            from cuijiao_desktop.services import auth

            with self.factory.begin() as s:
                auth.logout(s, actor=self.__dict__["actor"])
        if "engine" in self.__dict__:
            self.engine.dispose()
