"""``cases``: collection cases (催缴案件) — open and close them by the office's rule, list them, split
them among collectors (previewed; written only with ``--apply``)."""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import date

from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.labels_zh import STAGE_ZH

from .common import Context

_CSV_COLUMNS = ("小区", "房号", "业主", "欠费（元）", "月数", "已到阶段", "下一步", "到期日", "状态", "催收专员", "立案日期")
_STATE_ZH = {"cleared": "已结清", "due": "到期", "waiting": "等待中", "on_hold": "暂停中",
             "below_minimum": "未达下一步条件", "end": "流程已完成"}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    cases = sub.add_parser("cases", help="催缴案件：按立案标准立案/结案、列表、分配给催收专员")
    csub = cases.add_subparsers(dest="cases_command", required=True, metavar="ACTION")
    sync = csub.add_parser("sync", help="为达到立案标准的房间立案，已结清的结案，并按催缴流程更新阶段与下一步日期")
    sync.add_argument("--date", dest="day", type=date.fromisoformat, metavar="YYYY-MM-DD", help="以此日期为今天")
    sync.set_defaults(run=_sync)
    lst = csub.add_parser("list", help="未结案件：阶段、下一步及到期日、催收专员")
    lst.add_argument("--date", dest="day", type=date.fromisoformat, metavar="YYYY-MM-DD", help="以此日期为今天")
    lst.add_argument("--collector", metavar="NAME", help="只列此催收专员（用户名）的案件")
    lst.add_argument("--due", action="store_true", help="只列下一步已到期的案件")
    lst.add_argument("--format", choices=["text", "csv"], default="text", help="输出格式（默认 text）")
    lst.set_defaults(run=_list)
    split = csub.add_parser("split", help="把未结案件分配给催收专员（默认只预览；--apply 才写入）")
    split.add_argument("--collectors", required=True, metavar="NAME,NAME",
                       help="催收专员的用户名，逗号分隔")
    split.add_argument("--by", choices=["building", "amount"], default="building",
                       help="按楼栋（整栋分配）或按金额均衡（默认 building）")
    split.add_argument("--all", action="store_true", help="全部重新分配（默认只分配无人负责的案件）")
    split.add_argument("--date", dest="day", type=date.fromisoformat, metavar="YYYY-MM-DD", help="以此日期为今天")
    split.add_argument("--apply", action="store_true", help="写入分配结果（否则只显示预览）")
    split.set_defaults(run=_split)


def _yuan(fen: int) -> str:
    return f"{'-' if fen < 0 else ''}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def _user_id(session, username: str) -> int:
    from cuijiao_desktop.services import auth

    found = next((u for u in auth.list_users(session) if u.username == username), None)
    if found is None:
        raise DomainError("auth.unknown_user", username=username)
    return found.id


def _sync(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.services.cases import sync_cases

    today = args.day or date.today()
    with ctx.factory.begin() as s:
        result = sync_cases(s, actor=ctx.actor, today=today)
    print(f"案件已更新（{today.isoformat()}）：立案 {result.opened} 个，结案 {result.closed} 个，"
          f"阶段或下一步日期变化 {result.refreshed} 个；未结案件 {result.open_cases} 个")
    return 0


def _list(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.domain.money import format_money
    from cuijiao_desktop.services.cases import list_cases

    today = args.day or date.today()
    with ctx.read_factory.begin() as s:
        rows = list_cases(s, actor=ctx.actor, today=today)
        if args.collector:
            wanted = _user_id(s, args.collector)
            rows = [r for r in rows if r.collector_id == wanted]
    if args.due:
        rows = [r for r in rows if r.state.value == "due"]
    if args.format == "csv":
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(_CSV_COLUMNS)
        for r in rows:
            out.writerow((r.estate, r.room_code, r.owner, _yuan(r.arrears_fen), r.months, STAGE_ZH[r.stage],
                          r.next_step, r.due_on.isoformat() if r.due_on else "", _STATE_ZH.get(r.state.value, ""),
                          r.collector, r.opened_on.isoformat()))
        return 0
    print(f"未结案件 {today.isoformat()} · 共 {len(rows)} 个 · {format_money(sum(r.arrears_fen for r in rows))}")
    for r in rows:
        due = f"{r.due_on:%Y-%m-%d}" if r.due_on else "—"
        late = f" 逾期{r.overdue_days}天" if r.overdue_days else ""
        print(f"  {r.estate} {r.room_code}  {r.owner or '—'}  {format_money(r.arrears_fen)}  {r.months}个月  "
              f"{STAGE_ZH[r.stage]} → {r.next_step or '—'} {due}{late}  [{r.collector or '未分配'}]")
    return 0


def _split(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.domain.cases import SplitMode, SplitScope
    from cuijiao_desktop.domain.money import format_money
    from cuijiao_desktop.services.cases import apply_split, split_preview

    today = args.day or date.today()
    names = [n.strip() for n in args.collectors.split(",") if n.strip()]
    mode = SplitMode.BY_BUILDING if args.by == "building" else SplitMode.BY_AMOUNT
    scope = SplitScope.ALL if args.all else SplitScope.UNASSIGNED
    with (ctx.factory if args.apply else ctx.read_factory).begin() as s:
        ids = [_user_id(s, n) for n in names]
        preview = split_preview(s, actor=ctx.actor, today=today, collector_ids=ids, mode=mode, scope=scope)
        moved = apply_split(s, actor=ctx.actor, preview=preview, today=today) if args.apply else 0
    print(f"{'按楼栋' if mode is SplitMode.BY_BUILDING else '按金额均衡'}分配 {preview.total_cases} 个未结案件"
          f"（{format_money(preview.total_fen)}）：{len(preview.moves)} 个变更负责人，{preview.unchanged} 个不变")
    for load in preview.loads:
        print(f"  {load.name}：{load.cases_before} → {load.cases_after} 个，{format_money(load.amount_after_fen)}，"
              f"{len(load.buildings)} 栋")
    print(f"已写入 {moved} 个案件的分配。" if args.apply else "（预览，未写入；加 --apply 写入）")
    return 0
