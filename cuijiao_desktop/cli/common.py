"""What every command shares: exit codes, error wording, progress lines, and the context that opens
the database and resolves the acting user on first use."""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
import typing
from functools import cached_property
from pathlib import Path
from typing import Any

from cuijiao_desktop.domain.errors import DomainError

EXIT_RULE = 1
EXIT_IO = 2
EXIT_REJECTED = 3
EXIT_UNEXPECTED = 4  # a bug: the traceback is in the log file


def describe_error(exc: BaseException) -> str:
    """One line of Chinese for an error (the GUI's wording, through its zh_CN translation)."""
    from cuijiao_desktop import messages

    with messages.translated_without_app("zh_CN"):
        return messages.error_message(exc).replace("\n", " ")


def fail(text: str) -> None:
    """Print one error line on stderr."""
    print(f"错误：{text}", file=sys.stderr)


_ARG_MESSAGES = (
    (re.compile(r"invalid choice: (?P<v>.+) \(choose from (?P<c>.+)\)"), "{v} 不是可用的值（可选：{c}）"),
    (re.compile(r"invalid \S+ value: (?P<v>.+)"), "值 {v} 无效"),
    (re.compile(r"expected one argument"), "需要一个值"),
    (re.compile(r"expected at most one argument"), "最多一个值"),
    (re.compile(r"expected at least one argument"), "至少需要一个值"),
    (re.compile(r"expected (?P<n>\d+) arguments?"), "需要 {n} 个值"),
    (re.compile(r"not allowed with argument (?P<v>.+)"), "不能与 {v} 同时使用"),
    (re.compile(r"ignored explicit argument (?P<v>.+)"), "不接受值 {v}"),
    (re.compile(r"the following arguments are required: (?P<v>.+)"), "缺少必需的参数：{v}"),
    (re.compile(r"unrecognized arguments: (?P<v>.+)"), "无法识别的参数：{v}"),
    (re.compile(r"one of the arguments (?P<v>.+) is required"), "需要以下参数之一：{v}"),
    (re.compile(r"ambiguous option: (?P<o>\S+) could match (?P<v>.+)"), "选项 {o} 不明确，可能是：{v}"),
)


def argument_error_zh(message: str) -> str:
    """argparse's English error message in Chinese (``argument kind: invalid choice: 'x' …``)."""
    prefix = ""
    m = re.fullmatch(r"argument (?P<arg>[^:]+): (?P<rest>.*)", message, re.DOTALL)
    if m:
        prefix, message = f"参数 {m['arg']}：", m["rest"]
    for pattern, text in _ARG_MESSAGES:
        hit = pattern.fullmatch(message)
        if hit:
            return prefix + text.format(**hit.groupdict())
    return f"命令行有误：{prefix}{message}"


class ArgumentParser(argparse.ArgumentParser):
    """argparse with its errors in Chinese, on one line, exit code 2."""

    def error(self, message: str) -> typing.NoReturn:
        fail(argument_error_zh(message))
        print(f"用“{self.prog} --help”查看用法", file=sys.stderr)
        self.exit(EXIT_IO)


def check_pdf_path(path: Path) -> bool:
    """Whether ``path`` names a ``.pdf`` file; says why not on stderr."""
    if path.suffix.lower() != ".pdf":
        fail(f"输出文件须为 .pdf，不能是“{path.suffix or '无扩展名'}”")
        return False
    return True


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

    def password(self) -> str:
        """The ``--user``'s password from ``$CUIJIAO_PASSWORD`` or typed at a terminal (asked once)."""
        if "_password" not in self.__dict__:
            password = os.environ.get("CUIJIAO_PASSWORD")
            if password is None:
                if not sys.stdin.isatty():
                    raise DomainError("cli.password_required", variable="CUIJIAO_PASSWORD")
                password = getpass.getpass(f"{self.args.user} 的密码：")
            self.__dict__["_password"] = password
        return self.__dict__["_password"]

    def preflight(self, permission: Any = None) -> None:
        """Before any work (even before a schema upgrade): who is acting, and may they do this?

        On PostgreSQL a database with users needs ``--user`` and its password; a wrong password is
        always refused; ``permission`` (e.g. ``MAINTAIN_DATABASE`` for upgrades) is checked against the
        role in the database. The system identity acts only on SQLite or on a database without users.
        """
        from alembic.runtime.migration import MigrationContext

        from cuijiao_desktop.db.engine import READ_ONLY_OPTION, make_engine, sqlite_path
        from cuijiao_desktop.db.migrate import head_revision
        from cuijiao_desktop.domain.errors import AuthenticationFailed
        from cuijiao_desktop.domain.permissions import require

        if sqlite_path(self.url) is not None and not sqlite_path(self.url).exists() and not self.args.user:
            return  # a new local file: nothing to protect yet
        raw = make_engine(self.url)
        try:
            with raw.execution_options(**{READ_ONLY_OPTION: True}).connect() as conn:  # no write lock
                from sqlalchemy import inspect, text

                has_users = inspect(conn).has_table("app_user") and bool(
                    conn.execute(text("SELECT count(*) FROM app_user")).scalar())
                at_head = has_users and MigrationContext.configure(conn).get_current_revision() == head_revision()
                is_sqlite = conn.dialect.name == "sqlite"
                if not self.args.user:
                    if has_users and not is_sqlite:
                        raise AuthenticationFailed("auth.user_required")
                    return
                if not has_users:
                    raise AuthenticationFailed("auth.failed")
                if not at_head:  # an older schema: check the password without writing, then upgrade
                    role = _check_password_read_only(conn, self.args.user, self.password())
                    if permission is not None:
                        require(role, permission)
                    return
        finally:
            raw.dispose()
        from cuijiao_desktop.services.actor import authorize

        actor = self.actor
        with self.read_factory.begin() as s:
            authorize(s, actor, permission, allow_password_change=bool(getattr(self.args, "password_change", False)))

    @cached_property
    def actor(self) -> Any:
        """``--user NAME`` signed in with its password, else the system identity ``cli`` (which the
        services accept only on a local SQLite file or a database without users)."""
        from cuijiao_desktop.services import auth
        from cuijiao_desktop.services.dto import CLI_USER

        if not self.args.user:
            return CLI_USER
        password = self.password()
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


def _check_password_read_only(conn: Any, username: str, password: str) -> Any:
    """The role of ``username`` when ``password`` is right, checked without writing (a database whose
    schema is older than this program: the sign-in proper follows the upgrade)."""
    from sqlalchemy import text

    from cuijiao_desktop.db.types import utcnow
    from cuijiao_desktop.domain.enums import Role
    from cuijiao_desktop.domain.errors import AuthenticationFailed
    from cuijiao_desktop.services.passwords import dummy_hash, verify_password

    row = conn.execute(text("SELECT password_hash, role, active, locked_until FROM app_user WHERE username = :u"),
                       {"u": username}).first()
    if row is None or not row.active:
        verify_password(password, dummy_hash())
        raise AuthenticationFailed("auth.failed")
    locked = row.locked_until
    if locked is not None:
        from datetime import UTC, datetime

        if isinstance(locked, str):
            locked = datetime.fromisoformat(locked)
        if locked.tzinfo is None:
            locked = locked.replace(tzinfo=UTC)
        if locked > utcnow():
            raise AuthenticationFailed("auth.locked", until=locked)
    if not verify_password(password, row.password_hash):
        raise AuthenticationFailed("auth.failed")
    return Role(row.role)
