"""``user add|list``."""

from __future__ import annotations

import argparse

from cuijiao_desktop.domain.enums import Role

from .common import Context, new_password


def register(sub: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    user = sub.add_parser("user", help="用户管理")
    user_sub = user.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    add = user_sub.add_parser("add", help="新增用户（密码取自 $CUIJIAO_NEW_PASSWORD 或提示输入）")
    add.add_argument("username")
    add.add_argument("--name", required=True, help="显示名")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.set_defaults(run=_add)
    user_sub.add_parser("list", help="列出用户").set_defaults(run=_list)


def _list(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.services import auth

    ctx.actor  # noqa: B018 (a --user must give the right password)
    with ctx.read_factory.begin() as s:
        for u in auth.list_users(s):
            print(f"{u.username}\t{u.display_name}\t{u.role.value}")
    return 0


def _add(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.services import auth

    actor = ctx.actor
    password = new_password(args.username)
    with ctx.factory.begin() as s:
        new = auth.create_user(s, actor=actor, username=args.username, display_name=args.name,
                               role=Role(args.role), password=password)
    print(f"已新增用户 {new.username}（{new.role.value}）")
    return 0
