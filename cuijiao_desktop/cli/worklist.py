"""``worklist``: today's work of one person (or of the whole office), as text, CSV or JSON."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date

from cuijiao_desktop.domain.errors import DomainError

from .common import Context

_CSV_COLUMNS = ("类型", "日期", "小区", "房号", "业主", "电话", "金额（元）", "事项", "说明", "负责人")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    wl = sub.add_parser("worklist", help="今日工作：待跟进电话、承诺到期与未兑现、待发通知、上门、时效将届满、逾期服务问题")
    wl.add_argument("--user", dest="for_user", metavar="NAME",
                    help="列出此用户的工作（默认：当前用户；系统用户 cli 列出全处工作）")
    wl.add_argument("--date", dest="day", type=date.fromisoformat, metavar="YYYY-MM-DD", help="以此日期为今天")
    wl.add_argument("--office", action="store_true", help="全处的工作（主管、管理员）")
    wl.add_argument("--format", choices=["text", "csv", "json"], default="text", help="输出格式（默认 text）")
    wl.set_defaults(run=_worklist)


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def _worklist(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.domain.money import format_money
    from cuijiao_desktop.services import auth
    from cuijiao_desktop.services.worklist import KIND_ORDER, WORK_KIND_ZH, worklist

    actor = ctx.actor
    today = args.day or date.today()
    with ctx.read_factory.begin() as s:
        user_id = None
        if args.for_user:
            found = next((u for u in auth.list_users(s) if u.username == args.for_user), None)
            if found is None:
                raise DomainError("auth.unknown_user", username=args.for_user)
            user_id = found.id
        wl = worklist(s, actor=actor, today=today, user_id=user_id, office=args.office)

    if args.format == "json":
        json.dump({
            "date": today.isoformat(), "user": wl.user_name, "scope": wl.scope,
            "counts": {k.value: n for k, n in wl.counts.items()}, "held_rooms": wl.held_rooms,
            "items": [{
                "kind": i.kind.value, "kind_zh": WORK_KIND_ZH[i.kind], "due_on": i.due_on.isoformat(),
                "estate": i.estate, "room": i.room_code, "room_id": i.room_id, "owner": i.owner,
                "phone": i.phone_masked, "amount_fen": i.amount_fen, "title": i.title, "detail": i.detail,
                "responsible": i.responsible, "case_id": i.case_id, "ref_id": i.ref_id,
            } for i in wl.items],
        }, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if args.format == "csv":
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(_CSV_COLUMNS)
        for i in wl.items:
            out.writerow((WORK_KIND_ZH[i.kind], i.due_on.isoformat(), i.estate, i.room_code, i.owner, i.phone_masked,
                          _yuan(i.amount_fen), i.title, i.detail, i.responsible))
        return 0

    who = wl.user_name or "全处"
    print(f"今日工作 {today.isoformat()} · {who} · 共 {len(wl.items)} 项")
    print(" · ".join(f"{WORK_KIND_ZH[k]} {n}" for k, n in wl.counts.items()))
    if wl.held_rooms:
        print(f"（{wl.held_rooms} 户暂停催缴，只列时效与服务问题）")
    for kind in KIND_ORDER:
        items = wl.of(kind)
        if not items:
            continue
        print(f"\n【{WORK_KIND_ZH[kind]}】{len(items)}")
        for i in items:
            money = format_money(i.amount_fen) if i.amount_fen else ""
            who = f"  [{i.responsible}]" if wl.scope in ("office", "limitation") and i.responsible else ""
            print(f"  {i.due_on:%m-%d}  {i.estate} {i.room_code}  {i.owner or '—'}  {i.phone_masked or '—'}  "
                  f"{money}  {i.title}（{i.detail}）{who}")
    return 0
