"""``user add|list|passwd|reset|disable|enable|role``: staff accounts (administrators; ``passwd`` is
everyone's own)."""

from __future__ import annotations

import argparse

from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.domain.permissions import Permission

from .common import Context, new_password


def register(sub: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    user = sub.add_parser("user", help="用户管理")
    user_sub = user.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    add = user_sub.add_parser("add", help="新增用户（管理员；密码取自 $CUIJIAO_NEW_PASSWORD 或提示输入，"
                                          "新用户首次登录时须改密码）")
    add.add_argument("username")
    add.add_argument("--name", required=True, help="显示名")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.set_defaults(run=_add, permission=Permission.MANAGE_USERS)
    user_sub.add_parser("list", help="列出用户（管理员）").set_defaults(run=_list, permission=Permission.MANAGE_USERS)
    user_sub.add_parser(
        "passwd", help="修改自己的密码（--user 本人；旧密码即登录密码，新密码取自 $CUIJIAO_NEW_PASSWORD 或提示输入）"
    ).set_defaults(run=_passwd, password_change=True)
    reset = user_sub.add_parser("reset", help="重设某用户的密码（管理员；该用户下次登录时须改密码）")
    reset.add_argument("username")
    reset.set_defaults(run=_reset, permission=Permission.MANAGE_USERS)
    for name, text in (("disable", "停用账号并结束其登录（管理员）"), ("enable", "重新启用账号（管理员）")):
        p = user_sub.add_parser(name, help=text)
        p.add_argument("username")
        p.set_defaults(run=_set_active, active=name == "enable", permission=Permission.MANAGE_USERS)
    role = user_sub.add_parser("role", help="更改角色（管理员）")
    role.add_argument("username")
    role.add_argument("role", choices=[r.value for r in Role])
    role.set_defaults(run=_role, permission=Permission.MANAGE_USERS)


_STATE = {True: "启用", False: "停用"}


def _list(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.services import users

    with ctx.read_factory.begin() as s:
        for u in users.list_accounts(s, actor=ctx.actor):
            flags = [_STATE[u.active]]
            if u.locked():
                flags.append("已锁定")
            if u.must_change_password:
                flags.append("须改密码")
            print(f"{u.username}\t{u.display_name}\t{u.role.value}\t{'、'.join(flags)}")
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


def _account_id(s, username: str) -> int:
    from cuijiao_desktop.db.models import User
    from cuijiao_desktop.domain.errors import NotFound

    user_id = s.query(User.id).filter(User.username == username).scalar()
    if user_id is None:
        raise NotFound("auth.unknown_user", username=username)
    return user_id


def _passwd(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.domain.errors import DomainError
    from cuijiao_desktop.services import auth

    if not args.user:
        raise DomainError("cli.passwd_needs_user")
    actor = ctx.actor
    password = new_password(actor.username)
    with ctx.factory.begin() as s:
        auth.change_password(s, actor=actor, user_id=actor.id, old_password=ctx.password(), new_password=password)
    print(f"已修改 {actor.username} 的密码")
    return 0


def _reset(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.services import users

    actor = ctx.actor
    password = new_password(args.username)
    with ctx.factory.begin() as s:
        users.reset_password(s, actor=actor, user_id=_account_id(s, args.username), new_password=password)
    print(f"已重设 {args.username} 的密码：该用户下次登录时须改成自己的密码")
    return 0


def _set_active(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.services import users

    with ctx.factory.begin() as s:
        users.set_active(s, actor=ctx.actor, user_id=_account_id(s, args.username), active=args.active)
    print(f"已{_STATE[args.active]}用户 {args.username}")
    return 0


def _role(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.services import users

    with ctx.factory.begin() as s:
        users.set_role(s, actor=ctx.actor, user_id=_account_id(s, args.username), role=Role(args.role))
    print(f"已将 {args.username} 的角色改为 {args.role}")
    return 0
