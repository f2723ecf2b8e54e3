"""``export calls|visits|notices|sms``: the collection work's exports (beside ``export rooms|arrears``
of ``cli/data.py``, in the same ``export`` group).

Every export has the one shape of ``services/export_file.py`` (``reports.activity_exports``): read in a
read-only transaction, written to a temporary file, audited in a short write transaction, then renamed
into place.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from cuijiao_desktop.domain.enums import NoticeKind, VisitStatus
from cuijiao_desktop.domain.labels_zh import VISIT_STATUS_ZH
from cuijiao_desktop.domain.office_time import office_today
from cuijiao_desktop.services.tx import Transactions

from .common import EXIT_IO, EXIT_RULE, Context, LineProgress

__all__ = ["register_exports"]

_SHOWN_LEFT_OUT = 20


def _dates(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--from", dest="date_from", type=date.fromisoformat, metavar="YYYY-MM-DD", help=f"{what}起始日")
    p.add_argument("--to", dest="date_to", type=date.fromisoformat, metavar="YYYY-MM-DD", help=f"{what}截止日（含）")


def _table_out(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="目标文件（.xlsx 或 .csv）")


def register_exports(what: argparse._SubParsersAction) -> None:
    """Add ``calls``, ``visits``, ``notices`` and ``sms`` to the ``export`` group."""
    c = what.add_parser("calls", help="催缴记录（电话、上门、前台等联系），导出到 .xlsx")
    _dates(c, "联系")
    c.add_argument("--staff", metavar="NAME", help="登记人（姓名或用户名）")
    c.add_argument("--estate", metavar="E", help="小区名称或代码")
    c.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="目标文件（.xlsx）")
    c.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    c.set_defaults(run=_calls)

    v = what.add_parser("visits", help="上门催缴记录，导出到 .xlsx 或 .csv")
    _dates(v, "计划上门")
    v.add_argument("--staff", metavar="NAME", help="上门人员之一（姓名或用户名）")
    v.add_argument("--status", choices=[s.value for s in VisitStatus],
                   help="；".join(f"{s.value} {VISIT_STATUS_ZH[s]}" for s in VisitStatus))
    _table_out(v)
    v.set_defaults(run=_visits)

    n = what.add_parser("notices", help="已开具的催缴通知及其送达情况，导出到 .xlsx 或 .csv")
    _dates(n, "开具")
    n.add_argument("--kind", choices=[k.value for k in NoticeKind],
                   help="reminder 温馨提示；arrears_notice 催缴通知书；final_notice 最后催告函；lawyer_letter 律师函")
    n.add_argument("--delivery", choices=["pending", "delivered", "evidenced", "unproven"],
                   help="pending 未送达；delivered 已送达；evidenced 已送达且有凭证；unproven 已送达无凭证")
    n.add_argument("--batch", metavar="NO", help="只导出此批次（批次号为该批第一份通知的编号）")
    _table_out(n)
    n.set_defaults(run=_notices)

    s = what.add_parser("sms", help="催缴短信批量文件（CSV：手机号码、短信内容），供本处的短信平台导入")
    text = s.add_mutually_exclusive_group()
    text.add_argument("--template", type=Path, metavar="FILE",
                      help="短信模板文件（UTF-8 文本，占位符如 {称呼}、{欠费金额}；默认用本处保存的短信模板）")
    text.add_argument("--text", metavar="TEXT", help="短信模板文字")
    s.add_argument("--estate", metavar="E", help="小区名称或代码")
    s.add_argument("--building", metavar="B", help="楼栋，如 1、3、A")
    s.add_argument("--collector", metavar="NAME", help="负责的催收员（姓名或用户名）")
    s.add_argument("--min-months", type=int, default=0, metavar="N", help="只发欠费至少 N 个月的房屋")
    s.add_argument("--min-amount", metavar="YUAN", help="只发欠费至少此金额的房屋，如 500")
    s.add_argument("--batch", metavar="NO", help="只发此通知批次的房屋（批次号为该批第一份通知的编号）")
    s.add_argument("--room", action="append", default=[], metavar="CODE", help="只发这些房屋（可重复），如 3-2-1502")
    s.add_argument("--due", type=date.fromisoformat, metavar="YYYY-MM-DD", help="短信中的缴费期限（默认 7 天后）")
    s.add_argument("--out", type=Path, required=True, metavar="FILE.csv", help="目标文件（.csv）")
    s.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    s.set_defaults(run=_sms)


def _suffix_ok(path: Path, allowed: tuple[str, ...]) -> bool:
    if path.suffix.lower() in allowed:
        return True
    print(f"错误：只能导出为 {' 或 '.join(allowed)}，不能是“{path.suffix or '无扩展名'}”", file=sys.stderr)
    return False


def _user_id(ctx: Context, name: str | None) -> int | None:
    from cuijiao_desktop.services.notices import resolve_scope

    if not name:
        return None
    with ctx.read_factory.begin() as s:
        return resolve_scope(s, collector=name)[2]


def _calls(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.reports.activity_exports import export_contact_log
    from cuijiao_desktop.services.contact_log import ContactLogFilter
    from cuijiao_desktop.services.notices import resolve_scope

    if not _suffix_ok(args.out, (".xlsx",)):
        return EXIT_IO
    with ctx.read_factory.begin() as s:
        estate_id, _b, user_id = resolve_scope(s, estate=args.estate, collector=args.staff)
    flt = ContactLogFilter(date_from=args.date_from, date_to=args.date_to, user_id=user_id, estate_id=estate_id)
    progress = LineProgress("导出催缴记录")
    n = export_contact_log(Transactions(ctx.factory, ctx.read_factory), actor=ctx.actor, flt=flt,
                           today=args.today or office_today(), path=args.out, progress=progress)
    progress.done()
    print(f"已导出催缴记录 {n:,} 条：{args.out}（已记入审计日志）")
    return 0


def _visits(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.reports.activity_exports import export_visits
    from cuijiao_desktop.services.activity_exports import VisitExportFilter

    if not _suffix_ok(args.out, (".xlsx", ".csv")):
        return EXIT_IO
    flt = VisitExportFilter(date_from=args.date_from, date_to=args.date_to, staff_id=_user_id(ctx, args.staff),
                            status=VisitStatus(args.status) if args.status else None)
    progress = LineProgress("导出上门记录")
    n = export_visits(Transactions(ctx.factory, ctx.read_factory), actor=ctx.actor, flt=flt, path=args.out, progress=progress)
    progress.done()
    print(f"已导出上门记录 {n:,} 条：{args.out}（已记入审计日志）")
    return 0


def _notices(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.reports.activity_exports import export_notices
    from cuijiao_desktop.services.activity_exports import DeliveryState, NoticeExportFilter

    if not _suffix_ok(args.out, (".xlsx", ".csv")):
        return EXIT_IO
    flt = NoticeExportFilter(date_from=args.date_from, date_to=args.date_to,
                             kind=NoticeKind(args.kind) if args.kind else None,
                             state=DeliveryState(args.delivery) if args.delivery else None, batch_no=args.batch or "")
    progress = LineProgress("导出通知发放记录")
    n = export_notices(Transactions(ctx.factory, ctx.read_factory), actor=ctx.actor, flt=flt, path=args.out, progress=progress)
    progress.done()
    print(f"已导出通知 {n:,} 份：{args.out}（已记入审计日志）")
    return 0


def _read_template(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        print(f"错误：短信模板“{path}”不是 UTF-8 编码的文本文件", file=sys.stderr)
    except OSError as exc:
        print(f"错误：无法读取短信模板“{path}”：{exc.strerror or exc}", file=sys.stderr)
    return None


def _sms(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.domain.money import parse_money
    from cuijiao_desktop.reports.activity_exports import export_sms
    from cuijiao_desktop.services.arrears import ArrearsFilter
    from cuijiao_desktop.services.notices import resolve_room, resolve_scope
    from cuijiao_desktop.services.sms_batch import SmsSelection

    if not _suffix_ok(args.out, (".csv",)):
        return EXIT_IO
    from cuijiao_desktop.services.sms_batch import sms_template

    if args.text is not None:
        template = args.text
    elif args.template is not None:
        template = _read_template(args.template)
        if template is None:
            return EXIT_IO
    else:
        with ctx.read_factory.begin() as s:
            template = sms_template(s)
    today = args.today or office_today()  # the office's date (Beijing), not the machine's
    with ctx.read_factory.begin() as s:
        estate_id, building_ids, collector_id = resolve_scope(s, estate=args.estate, building=args.building,
                                                              collector=args.collector)
        room_ids = tuple(resolve_room(s, code=code, estate=args.estate) for code in args.room)
    if len(building_ids) > 1:
        print(f"错误：多个小区都有楼栋“{args.building}”，请用 --estate 指定小区", file=sys.stderr)
        return EXIT_RULE
    min_fen = parse_money(args.min_amount).fen if args.min_amount else None
    selection = SmsSelection(
        arrears=ArrearsFilter(estate_id=estate_id, building_id=building_ids[0] if building_ids else None,
                              collector_id=collector_id, min_fen=min_fen),
        batch_no=args.batch or "", room_ids=room_ids, min_months=max(0, args.min_months))
    progress = LineProgress("生成短信文件")
    batch = export_sms(Transactions(ctx.factory, ctx.read_factory), actor=ctx.actor, template=template, selection=selection, today=today, due=args.due,
                       path=args.out, progress=progress)
    progress.done()
    print(f"已写入短信 {len(batch.messages):,} 条（按 {batch.segments:,} 条计费）：{args.out}（已记入审计日志）")
    if batch.messages:
        first = batch.messages[0]
        print(f"第一条（{first.room_code}，{len(first.text)} 字，{first.segments} 条）：{first.text}")
    if batch.max_segments > 1:
        print(f"注意：短信超过 70 字，最长的一条按 {batch.max_segments} 条计费")
    if batch.quiet_text:
        when = "现在是免打扰时段，" if batch.in_quiet_hours else ""
        print(f"提醒：{when}请勿在 {batch.quiet_text} 发送")
    if batch.left_out:
        print(f"未发短信的房屋 {len(batch.left_out)} 户：")
        for r in batch.left_out[:_SHOWN_LEFT_OUT]:
            print(f"  {r.estate} {r.room_code}：{r.reason}")
        if len(batch.left_out) > _SHOWN_LEFT_OUT:
            print(f"  …… 另有 {len(batch.left_out) - _SHOWN_LEFT_OUT} 户")
    return 0
